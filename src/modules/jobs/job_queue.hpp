// JobQueue: the jobs table — queueing, claiming with a lease, finishing and
// failing under that lease, and what an administrator sees of it.
//
// Claiming: PostgreSQL takes rows with SELECT … FOR UPDATE SKIP LOCKED, so
// nodes claiming at once never take the same job nor wait on each other;
// SQLite runs the claim in a write transaction, which already admits one
// writer at a time. A job whose lease has expired (its node died or stalled)
// is claimed again like a due one.
// Thread-safe: holds references only.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/auth/actor.hpp"
#include "modules/jobs/job.hpp"
#include "store/db.hpp"

namespace jieli::jobs {

// The notification channel that wakes runners when a job is queued.
inline constexpr std::string_view kWakeChannel = "jieli_jobs";

struct QueueSummary {
  std::int64_t pending = 0;  // waiting, due or not
  std::int64_t due = 0;      // pending and due now
  std::int64_t running = 0;
  std::int64_t failed = 0;
  std::int64_t done = 0;
  std::optional<EpochMs> oldest_due;  // run_at of the longest-waiting due job
};

struct JobRun {
  std::int64_t id = 0;
  std::int64_t job_id = 0;
  std::string kind;
  std::string node;
  int attempt = 0;
  EpochMs started_at = 0;
  EpochMs finished_at = 0;
  std::string outcome;  // "done", "retry", "failed"
  std::string error;
};

// A page of the queue as an administrator sees it.
struct JobList {
  QueueSummary summary;
  std::vector<Job> items;  // newest first
  std::int64_t total = 0;  // of the filter, all pages
};

struct JobDetail {
  Job job;
  std::vector<JobRun> runs;
};

class JobQueue {
 public:
  JobQueue(store::Db& db, const Clock& clock) : db_(db), clock_(clock) {}

  // Queues job as part of tx (and wakes the runners once it commits).
  // Returns the new job's id, or nullopt when its dedupe_key is queued already.
  Result<std::optional<std::int64_t>> Enqueue(store::Transaction& tx, const NewJob& job) const;
  // The same in a transaction of its own.
  Result<std::optional<std::int64_t>> Enqueue(const NewJob& job) const;

  // Claims up to limit due jobs (or jobs whose lease has expired) for node,
  // leased until now + lease_ms; oldest due first.
  Result<std::vector<Job>> Claim(const std::string& node, int limit, EpochMs lease_ms) const;
  // Marks job done as part of tx, with a job_runs row. Error
  // "jobs.lease_lost" (409) when node no longer holds the job's lease: the
  // caller must then roll tx back.
  Status Finish(store::Transaction& tx, const Job& job, const std::string& node,
                EpochMs started_at) const;
  // Records a failed attempt (own transaction): pending again after
  // RetryDelay, or failed for good after max_attempts. Nothing when node no
  // longer holds the lease.
  Status Fail(const Job& job, const std::string& node, EpochMs started_at,
              const std::string& error) const;
  // Extends the leases of jobs node is still running. Returns how many it held.
  Result<std::int64_t> ExtendLeases(const std::vector<Job>& jobs, const std::string& node,
                                    EpochMs lease_ms) const;
  // Jobs whose lease expired on their last allowed attempt: failed for good.
  Result<std::int64_t> FailExhausted() const;
  // Removes finished jobs (and their runs) that finished before cutoff.
  Result<std::int64_t> RemoveFinishedBefore(store::Transaction& tx, EpochMs cutoff) const;

  Result<QueueSummary> Summary() const;
  // The newest jobs, optionally of one status (due_only: pending and due
  // now); newest first.
  Result<std::vector<Job>> Recent(std::optional<JobStatus> status, bool due_only,
                                  std::int64_t offset, std::int64_t limit,
                                  std::int64_t* total) const;
  // One job. Error "jobs.not_found" (404).
  Result<Job> Find(std::int64_t id) const;
  Result<std::vector<JobRun>> Runs(std::int64_t job_id) const;

  // What an administrator sees: the counts and a page of the newest jobs
  // (filtered as Recent), or one job with its runs. Both need jobs.read
  // somewhere in the actor's scope: error "auth.forbidden" (403); Get also
  // "jobs.not_found" (404).
  Result<JobList> List(const auth::Actor& actor, std::optional<JobStatus> status, bool due_only,
                       std::int64_t offset, std::int64_t limit) const;
  Result<JobDetail> Get(const auth::Actor& actor, std::int64_t id) const;

 private:
  store::Db& db_;
  const Clock& clock_;
};

}  // namespace jieli::jobs
