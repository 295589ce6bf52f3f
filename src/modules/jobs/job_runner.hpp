// JobRunner: one node's share of the background work. Worker threads claim due
// jobs from the queue (with a lease), run each kind's handler, and finish the
// job in the handler's own transaction; a lease keeper extends the leases of
// jobs still running; each round also queues the current slot of every
// recurring job (deduplicated, so N nodes queue it once).
//
// Any number of nodes may run a JobRunner over one PostgreSQL database: each
// job's work is committed exactly once (see job.hpp). On SQLite there is one
// node.
// Thread-safe. Register handlers and schedules before Start().
#pragma once

#include <atomic>
#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/jobs/job.hpp"
#include "modules/jobs/job_queue.hpp"
#include "store/db.hpp"

namespace jieli::jobs {

struct RunnerOptions {
  int workers = 2;            // threads claiming and running jobs
  EpochMs lease_ms = 60'000;  // a job not finished (nor extended) by then is claimed again
  EpochMs poll_ms = 1'000;    // how often an idle worker looks for due jobs
  int claim_batch = 4;        // jobs claimed at once by one worker
};

class JobRunner {
 public:
  // node: this node's name in leases and job_runs ("host:pid:xxxx").
  JobRunner(store::Db& db, const Clock& clock, std::string node, RunnerOptions options = {});
  ~JobRunner();
  JobRunner(const JobRunner&) = delete;
  JobRunner& operator=(const JobRunner&) = delete;

  // The work of one kind.
  void Register(std::string kind, JobHandler handler);
  // The work of one kind in two steps (PreparedJobHandler).
  void RegisterPrepared(std::string kind, PreparedJobHandler prepare);
  // A kind queued once per period (its payload says the slot:
  // {"slot_start": ms, "slot_end": ms}).
  void Schedule(std::string kind, EpochMs period_ms);

  // Starts the workers and the lease keeper; listens for wake-ups.
  Status Start();
  // Stops claiming, lets running jobs finish, joins the threads.
  void Stop();

  // Queues the current slots and runs due jobs on the calling thread until
  // none is left (tests and `jieli jobs run`). Returns how many ran.
  Result<int> RunDue();

  const std::string& node() const { return node_; }
  const JobQueue& queue() const { return queue_; }

  // A default node name: host name, process id and a random suffix.
  static std::string DefaultNodeName();

 private:
  // Claims and runs one batch; returns how many were claimed.
  Result<int> RunBatch();
  // Runs one claimed job to done, retry or failed.
  void RunOne(const Job& job);
  // Queues the current slot of each schedule (force: even if this node has
  // queued it already) and, now and then, fails exhausted jobs.
  Status QueueSlots(bool force);
  void WorkerLoop(const std::stop_token& stop);
  void LeaseKeeperLoop(const std::stop_token& stop);
  void Wake();

  store::Db& db_;
  const Clock& clock_;
  std::string node_;
  RunnerOptions options_;
  JobQueue queue_;
  std::map<std::string, JobHandler> handlers_;
  std::map<std::string, PreparedJobHandler> prepared_;
  std::map<std::string, EpochMs> schedules_;

  std::mutex mutex_;
  std::condition_variable_any wake_;
  bool woken_ = false;                           // guarded by mutex_
  std::map<std::int64_t, Job> in_flight_;        // guarded by mutex_: leases to keep
  std::map<std::string, EpochMs> queued_slots_;  // guarded by mutex_: kind -> slot start
  EpochMs next_sweep_ = 0;                       // guarded by mutex_
  std::unique_ptr<store::Subscription> wake_subscription_;
  std::vector<std::jthread> threads_;
};

}  // namespace jieli::jobs
