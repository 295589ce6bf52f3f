// The jieli command line: serve, init, migrate, user add, token create/revoke,
// backup, audit verify. main.cpp only hands argv here.
#pragma once

namespace jieli::app {

// Runs the command line; returns the process exit code.
int RunCommandLine(int argc, char** argv);

}  // namespace jieli::app
