#include "cli/commands.hpp"

int main(int argc, char** argv) { return jieli::app::RunCommandLine(argc, argv); }
