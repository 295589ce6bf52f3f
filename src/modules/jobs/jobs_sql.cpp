#include "modules/jobs/jobs_sql.hpp"

namespace jieli::jobs {

const std::string_view kJobSelect =
    "SELECT id, kind, dedupe_key, payload, status, run_at, attempts, max_attempts, lease_owner, "
    "lease_until, created_at, finished_at, last_error FROM jobs";
const std::string_view kJobCount = "SELECT COUNT(*) FROM jobs";
const std::string_view kJobInsertSql =
    "INSERT INTO jobs (kind, dedupe_key, payload, status, run_at, max_attempts, created_at) "
    "VALUES (?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id";
// An expired lease is claimable only while attempts remain (kJobFailExhaustedSql
// ends the others).
const std::string_view kJobClaimSql =
    "UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, "
    "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE "
    "(status = 'pending' AND run_at <= ?) OR "
    "(status = 'running' AND lease_until < ? AND attempts < max_attempts) "
    "ORDER BY run_at, id LIMIT ?) RETURNING id, kind, dedupe_key, payload, status, run_at, "
    "attempts, max_attempts, lease_owner, lease_until, created_at, finished_at, last_error";
const std::string_view kJobClaimSqlPostgres =
    "UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, "
    "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE "
    "(status = 'pending' AND run_at <= ?) OR "
    "(status = 'running' AND lease_until < ? AND attempts < max_attempts) "
    "ORDER BY run_at, id LIMIT ? FOR UPDATE SKIP LOCKED) RETURNING id, kind, dedupe_key, "
    "payload, status, run_at, attempts, max_attempts, lease_owner, lease_until, created_at, "
    "finished_at, last_error";
const std::string_view kJobFinishSql =
    "UPDATE jobs SET status = 'done', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
    "last_error = NULL WHERE id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?";
const std::string_view kJobFailSql =
    "UPDATE jobs SET status = ?, run_at = ?, lease_owner = NULL, lease_until = NULL, "
    "last_error = ?, finished_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ? "
    "AND attempts = ?";
const std::string_view kJobExtendLeaseSql =
    "UPDATE jobs SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_owner = ? "
    "AND attempts = ?";
const std::string_view kJobFailExhaustedSql =
    "UPDATE jobs SET status = 'failed', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
    "last_error = COALESCE(last_error, 'lease expired on the last attempt') "
    "WHERE status = 'running' AND lease_until < ? AND attempts >= max_attempts";
const std::string_view kJobRunsRemoveFinishedSql =
    "DELETE FROM job_runs WHERE job_id IN (SELECT id FROM jobs WHERE status IN ('done', "
    "'failed') AND finished_at < ?)";
const std::string_view kJobRemoveFinishedSql =
    "DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < ?";
const std::string_view kJobCountByStatusSql = "SELECT status, COUNT(*) FROM jobs GROUP BY status";
const std::string_view kJobDueSql =
    "SELECT COUNT(*), MIN(run_at) FROM jobs WHERE status = 'pending' AND run_at <= ?";
const std::string_view kJobRunInsertSql =
    "INSERT INTO job_runs (job_id, kind, node, attempt, started_at, finished_at, outcome, "
    "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
const std::string_view kJobRunsOfJobSql =
    "SELECT id, job_id, kind, node, attempt, started_at, finished_at, outcome, error "
    "FROM job_runs WHERE job_id = ? ORDER BY id";

Job JobFromRow(const store::Row& row) {
  Job job;
  job.id = row.Int(0);
  job.kind = row.Text(1);
  job.dedupe_key = row.Text(2);
  job.payload = row.Text(3);
  job.status = ParseJobStatus(row.Text(4)).value_or(JobStatus::kPending);
  job.run_at = row.Int(5);
  job.attempts = static_cast<int>(row.Int(6));
  job.max_attempts = static_cast<int>(row.Int(7));
  job.lease_owner = row.Text(8);
  job.lease_until = row.OptInt(9);
  job.created_at = row.Int(10);
  job.finished_at = row.OptInt(11);
  job.last_error = row.Text(12);
  return job;
}

JobRun JobRunFromRow(const store::Row& row) {
  return {row.Int(0), row.Int(1), row.Text(2), row.Text(3), static_cast<int>(row.Int(4)),
          row.Int(5), row.Int(6), row.Text(7), row.Text(8)};
}

}  // namespace jieli::jobs
