// Who belongs to an organisation, for the people a quality record names
// (supervisees, attendees, action and cycle owners). Read through OrgTree.
#pragma once

#include <cstdint>

#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::quality {

// Whether a user belongs to an organisation: a role held there or above it,
// or a membership of an organisation below it (a worker of an agency's
// department is one of the agency's people).
Result<bool> BelongsTo(store::Executor& db, std::int64_t user_id, std::int64_t org_id);

}  // namespace jieli::quality
