// The complete, ordered list of schema migrations of every module.
// Each module owns its tables and contributes its migrations here, in version
// order; versions are global so that both backends apply them identically.
#pragma once

#include <span>

#include "store/migration.hpp"

namespace jieli::modules {

std::span<const store::Migration> AllMigrations();

}  // namespace jieli::modules
