// Job (后台任务): a piece of background work — a deadline scan, a reminder, a
// clean-up — queued in the database and run by whichever node claims it.
//
// A node claims a job by taking a lease (owner + expiry) on it; the job's work
// and the mark that it is done are written in one transaction, fenced by the
// lease (the owner and the attempt number). So a job's effect is committed
// exactly once: a node that lost its lease (it stalled, or was presumed dead)
// cannot commit, and a job whose node died is claimed again once its lease
// expires.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::jobs {

enum class JobStatus { kPending, kRunning, kDone, kFailed };

std::string_view ToString(JobStatus status);
std::optional<JobStatus> ParseJobStatus(std::string_view text);

struct Job {
  std::int64_t id = 0;
  std::string kind;            // "cases.scan_deadlines"
  std::string dedupe_key;      // "" when none
  std::string payload = "{}";  // JSON text
  JobStatus status = JobStatus::kPending;
  EpochMs run_at = 0;
  int attempts = 0;  // this run's number, from 1, once claimed
  int max_attempts = 5;
  std::string lease_owner;
  std::optional<EpochMs> lease_until;
  EpochMs created_at = 0;
  std::optional<EpochMs> finished_at;
  std::string last_error;
};

// What to queue.
struct NewJob {
  std::string kind;
  std::string payload = "{}";
  EpochMs run_at = 0;
  // Non-empty: the job is queued once; queueing the same key again does nothing.
  std::string dedupe_key;
  int max_attempts = 5;
};

// The work of one kind of job. It writes through tx, which commits together
// with the job's "done" mark; an error rolls both back and the job is tried
// again later (up to max_attempts). Must not commit tx itself.
using JobHandler = std::function<Status(store::Transaction& tx, const Job& job)>;

// Work in two steps, for a job that reads long and writes little: prepare
// reads outside any transaction (on SQLite a transaction holds the one
// writer, and every other writer would wait for the reading) and returns the
// writes, which run in tx as a JobHandler's do.
using JobWrites = std::function<Status(store::Transaction& tx)>;
using PreparedJobHandler = std::function<Result<JobWrites>(const Job& job)>;

}  // namespace jieli::jobs
