#include "modules/jobs/job_queue.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "modules/jobs/job_rules.hpp"
#include "modules/jobs/jobs_sql.hpp"

namespace jieli::jobs {
namespace {

constexpr EnumNames<JobStatus, 4> kStatuses = {{
    {JobStatus::kPending, "pending"},
    {JobStatus::kRunning, "running"},
    {JobStatus::kDone, "done"},
    {JobStatus::kFailed, "failed"},
}};

// Errors longer than this are cut when stored: a stack of SQL is not needed twice.
constexpr std::size_t kMaxErrorBytes = 2000;

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
  JIELI_ASSIGN_OR_RETURN(
      store::Rows inserted,
      tx.Query(kJobInsertSql, {job.kind, store::NullIfEmpty(job.dedupe_key), job.payload,
                               job.run_at > 0 ? job.run_at : now,
                               std::int64_t{std::max(1, job.max_attempts)}, now}));
  if (inserted.empty()) return std::optional<std::int64_t>();
  JIELI_RETURN_IF_ERROR(tx.Notify(kWakeChannel, ""));
  return std::optional<std::int64_t>(inserted[0].Int(0));
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
  const std::string_view sql =
      db_.backend() == store::Backend::kPostgres ? kJobClaimSqlPostgres : kJobClaimSql;
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
  JIELI_ASSIGN_OR_RETURN(
      std::int64_t done,
      tx.Execute(kJobFinishSql, {now, job.id, node, std::int64_t{job.attempts}}));
  if (done == 0) return ConflictError("jobs.lease_lost");
  JIELI_RETURN_IF_ERROR(
      tx.Execute(kJobRunInsertSql, {job.id, job.kind, node, std::int64_t{job.attempts}, started_at,
                                    now, std::string("done"), store::Null()}));
  return Ok();
}

Status JobQueue::Fail(const Job& job, const std::string& node, EpochMs started_at,
                      const std::string& error) const {
  const EpochMs now = clock_.Now();
  const bool last = job.attempts >= job.max_attempts;
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_ASSIGN_OR_RETURN(
      std::int64_t failed,
      (*tx)->Execute(kJobFailSql,
                     {std::string(last ? "failed" : "pending"), now + RetryDelay(job.attempts),
                      Truncated(error), last ? store::Value(now) : store::Null(), job.id, node,
                      std::int64_t{job.attempts}}));
  if (failed == 0) return Ok();  // someone else holds it now
  JIELI_RETURN_IF_ERROR((*tx)->Execute(
      kJobRunInsertSql, {job.id, job.kind, node, std::int64_t{job.attempts}, started_at, now,
                         std::string(last ? "failed" : "retry"), Truncated(error)}));
  return (*tx)->Commit();
}

Result<std::int64_t> JobQueue::ExtendLeases(const std::vector<Job>& jobs, const std::string& node,
                                            EpochMs lease_ms) const {
  std::int64_t held = 0;
  const EpochMs until = clock_.Now() + lease_ms;
  for (const Job& job : jobs) {
    JIELI_ASSIGN_OR_RETURN(
        std::int64_t extended,
        db_.Execute(kJobExtendLeaseSql, {until, job.id, node, std::int64_t{job.attempts}}));
    held += extended;
  }
  return held;
}

Result<std::int64_t> JobQueue::FailExhausted() const {
  const EpochMs now = clock_.Now();
  return db_.Execute(kJobFailExhaustedSql, {now, now});
}

Result<std::int64_t> JobQueue::RemoveFinishedBefore(store::Transaction& tx, EpochMs cutoff) const {
  JIELI_RETURN_IF_ERROR(tx.Execute(kJobRunsRemoveFinishedSql, {cutoff}));
  return tx.Execute(kJobRemoveFinishedSql, {cutoff});
}

Result<QueueSummary> JobQueue::Summary() const {
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(store::Rows rows, db_.Query(kJobCountByStatusSql));
  QueueSummary summary;
  for (const auto& row : rows) {
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
  JIELI_ASSIGN_OR_RETURN(auto due, db_.QueryOne(kJobDueSql, {now}));
  summary.due = due->Int(0);
  summary.oldest_due = due->OptInt(1);
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
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kJobCount) + where, params));
  if (total != nullptr) *total = count->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db_.Query(std::string(kJobSelect) + where + " ORDER BY id DESC LIMIT ? OFFSET ?", params));
  std::vector<Job> jobs;
  for (const auto& row : rows) jobs.push_back(JobFromRow(row));
  return jobs;
}

Result<Job> JobQueue::Find(std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(std::string(kJobSelect) + " WHERE id = ?", {id}));
  if (!row) return NotFoundError("jobs.not_found");
  return JobFromRow(*row);
}

Result<std::vector<JobRun>> JobQueue::Runs(std::int64_t job_id) const {
  JIELI_ASSIGN_OR_RETURN(store::Rows rows, db_.Query(kJobRunsOfJobSql, {job_id}));
  std::vector<JobRun> runs;
  for (const auto& row : rows) runs.push_back(JobRunFromRow(row));
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
