// Migration 33: what a follow-up (回访) found beside its note — how the client
// is now (situation: better, same, worse; NULL for the due ones and those
// recorded before), the new needs they raised, and the case opened for those
// needs (once: new_case_id).
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kFollowUpFindingsMigration = {33, "followup_findings", R"sql(
ALTER TABLE case_followups ADD COLUMN situation TEXT;
ALTER TABLE case_followups ADD COLUMN new_needs TEXT NOT NULL DEFAULT '';
ALTER TABLE case_followups ADD COLUMN new_case_id BIGINT REFERENCES cases(id);
)sql"};

}  // namespace jieli::cases
