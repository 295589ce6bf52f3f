// Who holds a role at a set of organisations themselves (not above them): the
// workers of an agency and its departments, for the supervision due list.
#pragma once

#include <cstdint>
#include <vector>

#include "core/result.hpp"
#include "modules/orgs/org.hpp"
#include "store/db.hpp"

namespace jieli::orgs {

// The active users holding `role` at one of org_ids, each once, by id.
Result<std::vector<std::int64_t>> HoldersIn(store::Executor& db,
                                            const std::vector<std::int64_t>& org_ids, Role role);

}  // namespace jieli::orgs
