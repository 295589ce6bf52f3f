// Indexes shaped by the city-scale benchmark (bench/city: 1,000,000 cases):
// the reads a worker makes all day must be index look-ups within their scope.
//   cases(org_id, stage, risk, opened_at)   a filtered case page
//   cases(org_id, due_at)                   overdue cases of an agency
//   case_followups(case_id, status, due_at) the follow-ups of my cases (worklist)
//   clients(org_id, name)                   a short name search scans names only
// Migration 8 adds the stage to cases(org_id, due_at): the overdue page of an
// agency (hundreds of cases) is then counted and ordered from the index alone,
// without reading each case's row for its stage (4 ms → 0.5 ms at city scale).
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kCaseworkIndexesMigration = {7, "casework_indexes", R"sql(
DROP INDEX cases_org_stage;
CREATE INDEX cases_org_stage_risk ON cases(org_id, stage, risk, opened_at);
CREATE INDEX cases_org_due ON cases(org_id, due_at);
DROP INDEX case_followups_case;
CREATE INDEX case_followups_case_due ON case_followups(case_id, status, due_at);
DROP INDEX clients_org;
CREATE INDEX clients_org_name ON clients(org_id, name);
)sql"};

inline constexpr store::Migration kOverdueIndexMigration = {8, "overdue_index", R"sql(
DROP INDEX cases_org_due;
CREATE INDEX cases_org_due_stage ON cases(org_id, due_at, stage);
)sql"};

// Migration 12: the home pages' counts of open cases per worker (and their
// overdue ones) from the index alone; reading each case's row for its worker
// and deadline took most of GET /cases/stats at city scale (~7 ms of I/O for
// an agency's 3,700 cases). An UPDATE that changes none of these columns
// (a service record's count) leaves the index alone.
inline constexpr store::Migration kWorkerLoadIndexMigration = {12, "worker_load_index", R"sql(
CREATE INDEX cases_org_stage_worker_due ON cases(org_id, stage, primary_worker_id, due_at);
)sql"};

}  // namespace jieli::cases
