// The SQL of the jobs module and the mapping of its rows, for JobQueue.
// Internal to src/modules/jobs. Parameters are always bound.
#pragma once

#include <string_view>

#include "modules/jobs/job.hpp"
#include "modules/jobs/job_queue.hpp"
#include "store/db.hpp"

namespace jieli::jobs {

// SELECT of every column of jobs, in the order JobFromRow reads; append WHERE, ORDER BY.
extern const std::string_view kJobSelect;
extern const std::string_view kJobCount;  // append a WHERE
// kind, dedupe_key (NULL for none), payload, run_at, max_attempts, created_at;
// returns the id, or no row when a job of the dedupe key exists.
extern const std::string_view kJobInsertSql;
// Leases due jobs to a node: owner, lease_until, now, now, limit; returns the
// rows as kJobSelect does. kJobClaimSqlPostgres passes over rows another node
// is claiming this instant (SKIP LOCKED) instead of waiting for them.
extern const std::string_view kJobClaimSql;
extern const std::string_view kJobClaimSqlPostgres;
// finished_at, id, owner, attempts: only while the caller still holds the lease.
extern const std::string_view kJobFinishSql;
// status, run_at, last_error, finished_at, id, owner, attempts: as kJobFinishSql.
extern const std::string_view kJobFailSql;
// lease_until, id, owner, attempts: as kJobFinishSql.
extern const std::string_view kJobExtendLeaseSql;
// now, now: running jobs whose lease expired on their last attempt become failed.
extern const std::string_view kJobFailExhaustedSql;
// Finished before param 1: their runs, then the jobs.
extern const std::string_view kJobRunsRemoveFinishedSql;
extern const std::string_view kJobRemoveFinishedSql;
extern const std::string_view kJobCountByStatusSql;
// Pending jobs due at param 1: how many, and the earliest run_at.
extern const std::string_view kJobDueSql;
// job_id, kind, node, attempt, started_at, finished_at, outcome, error.
extern const std::string_view kJobRunInsertSql;
// The runs of job param 1, oldest first, in the order JobRun lists its fields.
extern const std::string_view kJobRunsOfJobSql;

Job JobFromRow(const store::Row& row);
JobRun JobRunFromRow(const store::Row& row);

}  // namespace jieli::jobs
