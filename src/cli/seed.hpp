// Initial and demo data. `jieli init` creates the root organisation (the
// bureau) and the first administrator; `jieli init --demo` creates a small,
// realistic Chinese city to explore every screen with. Both go through the
// module services as the system actor, so the data obey the same rules (and
// land in the audit log) as data entered by people.
#pragma once

#include <string>

#include "core/result.hpp"
#include "modules/services.hpp"

namespace jieli::app {

// Creates the bureau and the user `admin` with password when the database has
// no organisation yet; does nothing otherwise. Returns whether it created them.
Result<bool> SeedInitial(modules::Services& services, const std::string& bureau_name,
                         const std::string& admin_password);

// Demo users, for printing.
struct DemoAccount {
  const char* username;
  const char* display_name;
  const char* description;  // Chinese
};
const std::vector<DemoAccount>& DemoAccounts();

// How much casework the demo city carries.
struct DemoSize {
  int clients = 300;
  int cases = 200;
};

// Creates the demo city when the database has no organisation yet; every demo
// account gets password. Returns whether it created them.
Result<bool> SeedDemo(modules::Services& services, const std::string& password, DemoSize size = {});

}  // namespace jieli::app
