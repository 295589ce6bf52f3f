// Escalations (升级督办): a case whose stage deadline is three local days past
// is brought to its supervisor, once per deadline. The row is the fact (the
// timeline and the notifications point to it); a quality indicator can count
// escalations per worker and agency. (The scans find the deadlines of a time
// window across the whole city through cases_due, from migration 5.)
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kAlertsMigration = {11, "case_alerts", R"sql(
CREATE TABLE case_escalations (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  stage TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  escalated_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, stage, due_at)
);
)sql"};

}  // namespace jieli::cases
