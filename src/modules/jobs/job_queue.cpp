#include "modules/jobs/job_queue.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "modules/jobs/job_rules.hpp"

namespace jieli::jobs {
namespace {

constexpr EnumNames<JobStatus, 4> kStatuses = {{
    {JobStatus::kPending, "pending"},
    {JobStatus::kRunning, "running"},
    {JobStatus::kDone, "done"},
    {JobStatus::kFailed, "failed"},
}};

constexpr std::string_view kColumns =
    "id, kind, dedupe_key, payload, status, run_at, attempts, max_attempts, lease_owner, "
    "lease_until, created_at, finished_at, last_error";

// Errors longer than this are cut when stored: a stack of SQL is not needed twice.
constexpr std::size_t kMaxErrorBytes = 2000;

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

std::string Truncated(const std::string& text) {
  return std::string(TruncateUtf8(text, kMaxErrorBytes));
}

}  // namespace

std::string_view ToString(JobStatus status) { return EnumName(kStatuses, status); }
std::optional<JobStatus> ParseJobStatus(std::string_view text) {
  return ParseEnum(kStatuses, text);
}

Result<std::optional<std::int64_t>> JobQueue::Enqueue(store::Transaction& tx,
                                                      const NewJob& job) const {
  const EpochMs now = clock_.Now();
  auto inserted = tx.Query(
      "INSERT INTO jobs (kind, dedupe_key, payload, status, run_at, max_attempts, created_at) "
      "VALUES (?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING RETURNING id",
      {job.kind, store::NullIfEmpty(job.dedupe_key), job.payload, job.run_at > 0 ? job.run_at : now,
       std::int64_t{std::max(1, job.max_attempts)}, now});
  if (!inserted) return inserted.error();
  if (inserted->empty()) return std::optional<std::int64_t>();
  JIELI_RETURN_IF_ERROR(tx.Notify(kWakeChannel, ""));
  return std::optional<std::int64_t>((*inserted)[0].Int(0));
}

Result<std::optional<std::int64_t>> JobQueue::Enqueue(const NewJob& job) const {
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto queued = Enqueue(**tx, job);
  if (!queued) return queued.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return queued;
}

Result<std::vector<Job>> JobQueue::Claim(const std::string& node, int limit,
                                         EpochMs lease_ms) const {
  const EpochMs now = clock_.Now();
  // SKIP LOCKED: rows another node is claiming this instant are passed over,
  // not waited for. An expired lease is claimable only while attempts remain
  // (FailExhausted ends the others).
  const std::string lock =
      db_.backend() == store::Backend::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  const std::string sql =
      "UPDATE jobs SET status = 'running', lease_owner = ?, lease_until = ?, "
      "attempts = attempts + 1 WHERE id IN (SELECT id FROM jobs WHERE "
      "(status = 'pending' AND run_at <= ?) OR "
      "(status = 'running' AND lease_until < ? AND attempts < max_attempts) "
      "ORDER BY run_at, id LIMIT ?" +
      lock + ") RETURNING " + std::string(kColumns);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto rows = (*tx)->Query(sql, {node, now + lease_ms, now, now, std::int64_t{limit}});
  if (!rows) return rows.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  std::vector<Job> jobs;
  for (const auto& row : *rows) jobs.push_back(JobFromRow(row));
  std::sort(jobs.begin(), jobs.end(), [](const Job& a, const Job& b) {
    return a.run_at != b.run_at ? a.run_at < b.run_at : a.id < b.id;
  });
  return jobs;
}

Status JobQueue::Finish(store::Transaction& tx, const Job& job, const std::string& node,
                        EpochMs started_at) const {
  const EpochMs now = clock_.Now();
  auto done = tx.Execute(
      "UPDATE jobs SET status = 'done', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
      "last_error = NULL WHERE id = ? AND status = 'running' AND lease_owner = ? AND attempts = ?",
      {now, job.id, node, std::int64_t{job.attempts}});
  if (!done) return done.error();
  if (*done == 0) return ConflictError("jobs.lease_lost");
  auto run = tx.Execute(
      "INSERT INTO job_runs (job_id, kind, node, attempt, started_at, finished_at, outcome) "
      "VALUES (?, ?, ?, ?, ?, ?, 'done')",
      {job.id, job.kind, node, std::int64_t{job.attempts}, started_at, now});
  if (!run) return run.error();
  return Ok();
}

Status JobQueue::Fail(const Job& job, const std::string& node, EpochMs started_at,
                      const std::string& error) const {
  const EpochMs now = clock_.Now();
  const bool last = job.attempts >= job.max_attempts;
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto failed = (*tx)->Execute(
      "UPDATE jobs SET status = ?, run_at = ?, lease_owner = NULL, lease_until = NULL, "
      "last_error = ?, finished_at = ? WHERE id = ? AND status = 'running' AND lease_owner = ? "
      "AND attempts = ?",
      {std::string(last ? "failed" : "pending"), now + RetryDelay(job.attempts), Truncated(error),
       last ? store::Value(now) : store::Null(), job.id, node, std::int64_t{job.attempts}});
  if (!failed) return failed.error();
  if (*failed == 0) return Ok();  // someone else holds it now
  auto run = (*tx)->Execute(
      "INSERT INTO job_runs (job_id, kind, node, attempt, started_at, finished_at, outcome, "
      "error) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {job.id, job.kind, node, std::int64_t{job.attempts}, started_at, now,
       std::string(last ? "failed" : "retry"), Truncated(error)});
  if (!run) return run.error();
  return (*tx)->Commit();
}

Result<std::int64_t> JobQueue::ExtendLeases(const std::vector<Job>& jobs, const std::string& node,
                                            EpochMs lease_ms) const {
  std::int64_t held = 0;
  const EpochMs until = clock_.Now() + lease_ms;
  for (const Job& job : jobs) {
    auto extended = db_.Execute(
        "UPDATE jobs SET lease_until = ? WHERE id = ? AND status = 'running' AND lease_owner = ? "
        "AND attempts = ?",
        {until, job.id, node, std::int64_t{job.attempts}});
    if (!extended) return extended.error();
    held += *extended;
  }
  return held;
}

Result<std::int64_t> JobQueue::FailExhausted() const {
  const EpochMs now = clock_.Now();
  return db_.Execute(
      "UPDATE jobs SET status = 'failed', finished_at = ?, lease_owner = NULL, lease_until = NULL, "
      "last_error = COALESCE(last_error, 'lease expired on the last attempt') "
      "WHERE status = 'running' AND lease_until < ? AND attempts >= max_attempts",
      {now, now});
}

Result<std::int64_t> JobQueue::RemoveFinishedBefore(store::Transaction& tx, EpochMs cutoff) const {
  auto runs = tx.Execute(
      "DELETE FROM job_runs WHERE job_id IN (SELECT id FROM jobs WHERE status IN ('done', "
      "'failed') AND finished_at < ?)",
      {cutoff});
  if (!runs) return runs.error();
  return tx.Execute("DELETE FROM jobs WHERE status IN ('done', 'failed') AND finished_at < ?",
                    {cutoff});
}

Result<QueueSummary> JobQueue::Summary() const {
  const EpochMs now = clock_.Now();
  auto rows = db_.Query("SELECT status, COUNT(*) FROM jobs GROUP BY status");
  if (!rows) return rows.error();
  QueueSummary summary;
  for (const auto& row : *rows) {
    auto status = ParseJobStatus(row.Text(0));
    if (!status) continue;
    switch (*status) {
      case JobStatus::kPending:
        summary.pending = row.Int(1);
        break;
      case JobStatus::kRunning:
        summary.running = row.Int(1);
        break;
      case JobStatus::kDone:
        summary.done = row.Int(1);
        break;
      case JobStatus::kFailed:
        summary.failed = row.Int(1);
        break;
    }
  }
  auto due = db_.QueryOne(
      "SELECT COUNT(*), MIN(run_at) FROM jobs WHERE status = 'pending' AND run_at <= ?", {now});
  if (!due) return due.error();
  summary.due = (*due)->Int(0);
  summary.oldest_due = (*due)->OptInt(1);
  return summary;
}

Result<std::vector<Job>> JobQueue::Recent(std::optional<JobStatus> status, bool due_only,
                                          std::int64_t offset, std::int64_t limit,
                                          std::int64_t* total) const {
  std::vector<store::Value> params;
  std::string where;
  if (due_only) {
    where = " WHERE status = 'pending' AND run_at <= ?";
    params.emplace_back(clock_.Now());
  } else if (status) {
    where = " WHERE status = ?";
    params.emplace_back(std::string(ToString(*status)));
  }
  auto count = db_.QueryOne("SELECT COUNT(*) FROM jobs" + where, params);
  if (!count) return count.error();
  if (total != nullptr) *total = (*count)->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db_.Query("SELECT " + std::string(kColumns) + " FROM jobs" + where +
                            " ORDER BY id DESC LIMIT ? OFFSET ?",
                        params);
  if (!rows) return rows.error();
  std::vector<Job> jobs;
  for (const auto& row : *rows) jobs.push_back(JobFromRow(row));
  return jobs;
}

Result<Job> JobQueue::Find(std::int64_t id) const {
  auto row = db_.QueryOne("SELECT " + std::string(kColumns) + " FROM jobs WHERE id = ?", {id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("jobs.not_found");
  return JobFromRow(**row);
}

Result<std::vector<JobRun>> JobQueue::Runs(std::int64_t job_id) const {
  auto rows = db_.Query(
      "SELECT id, job_id, kind, node, attempt, started_at, finished_at, outcome, error "
      "FROM job_runs WHERE job_id = ? ORDER BY id",
      {job_id});
  if (!rows) return rows.error();
  std::vector<JobRun> runs;
  for (const auto& row : *rows) {
    runs.push_back({row.Int(0), row.Int(1), row.Text(2), row.Text(3), static_cast<int>(row.Int(4)),
                    row.Int(5), row.Int(6), row.Text(7), row.Text(8)});
  }
  return runs;
}

Result<JobList> JobQueue::List(const auth::Actor& actor, std::optional<JobStatus> status,
                               bool due_only, std::int64_t offset, std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kJobsRead));
  JobList list;
  JIELI_ASSIGN_OR_RETURN(list.summary, Summary());
  JIELI_ASSIGN_OR_RETURN(list.items, Recent(status, due_only, offset, limit, &list.total));
  return list;
}

Result<JobDetail> JobQueue::Get(const auth::Actor& actor, std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kJobsRead));
  JobDetail detail;
  JIELI_ASSIGN_OR_RETURN(detail.job, Find(id));
  JIELI_ASSIGN_OR_RETURN(detail.runs, Runs(id));
  return detail;
}

}  // namespace jieli::jobs
