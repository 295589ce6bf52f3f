#include "modules/jobs/job_runner.hpp"

#include <random>

#include <spdlog/spdlog.h>
#include <unistd.h>

#include "core/json.hpp"
#include "modules/jobs/job_rules.hpp"

namespace jieli::jobs {
namespace {

// How often jobs whose node died on their last attempt are failed for good.
constexpr EpochMs kSweepEvery = 30'000;

}  // namespace

JobRunner::JobRunner(store::Db& db, const Clock& clock, std::string node, RunnerOptions options)
    : db_(db), clock_(clock), node_(std::move(node)), options_(options), queue_(db, clock) {}

JobRunner::~JobRunner() { Stop(); }

std::string JobRunner::DefaultNodeName() {
  char host[256] = {};
  if (gethostname(host, sizeof host - 1) != 0) host[0] = '\0';
  std::random_device random;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string suffix;
  for (int i = 0; i < 4; ++i) suffix += kHex[random() % 16];
  return std::string(host[0] != '\0' ? host : "node") + ":" + std::to_string(getpid()) + ":" +
         suffix;
}

void JobRunner::RegisterPrepared(std::string kind, PreparedJobHandler prepare) {
  prepared_[std::move(kind)] = std::move(prepare);
}

void JobRunner::Register(std::string kind, JobHandler handler) {
  handlers_[std::move(kind)] = std::move(handler);
}

void JobRunner::Schedule(std::string kind, EpochMs period_ms) {
  schedules_[std::move(kind)] = period_ms;
}

Status JobRunner::Start() {
  if (!threads_.empty()) return Ok();
  auto subscribed = db_.Listen(std::string(kWakeChannel), [this](const std::string&) { Wake(); });
  if (!subscribed) return std::move(subscribed).error();
  wake_subscription_ = std::move(subscribed).value();
  for (int i = 0; i < std::max(1, options_.workers); ++i) {
    threads_.emplace_back([this](const std::stop_token& stop) { WorkerLoop(stop); });
  }
  threads_.emplace_back([this](const std::stop_token& stop) { LeaseKeeperLoop(stop); });
  spdlog::info("jobs: node {} runs {} worker(s)", node_, options_.workers);
  return Ok();
}

void JobRunner::Stop() {
  for (auto& thread : threads_) thread.request_stop();
  Wake();
  threads_.clear();  // joins
  wake_subscription_.reset();
}

void JobRunner::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

Status JobRunner::QueueSlots(bool force) {
  const EpochMs now = clock_.Now();
  for (const auto& [kind, period] : schedules_) {
    const EpochMs start = SlotStart(now, period);
    {
      // Once queued here, a slot is not queued again by this node.
      std::lock_guard lock(mutex_);
      if (!force && queued_slots_[kind] == start) continue;
    }
    NewJob job;
    job.kind = kind;
    job.dedupe_key = SlotKey(kind, start);
    job.run_at = start;
    job.payload = Json({{"slot_start", start}, {"slot_end", start + period}}).dump();
    auto queued = queue_.Enqueue(job);
    if (!queued) return queued.error();
    std::lock_guard lock(mutex_);
    queued_slots_[kind] = start;
  }
  {
    std::lock_guard lock(mutex_);
    if (!force && now < next_sweep_) return Ok();
    next_sweep_ = now + kSweepEvery;
  }
  auto exhausted = queue_.FailExhausted();
  if (!exhausted) return exhausted.error();
  return Ok();
}

Result<int> JobRunner::RunBatch() {
  auto claimed = queue_.Claim(node_, options_.claim_batch, options_.lease_ms);
  if (!claimed) return claimed.error();
  {
    std::lock_guard lock(mutex_);
    for (const Job& job : *claimed) in_flight_[job.id] = job;
  }
  for (const Job& job : *claimed) {
    RunOne(job);
    std::lock_guard lock(mutex_);
    in_flight_.erase(job.id);
  }
  return static_cast<int>(claimed->size());
}

void JobRunner::RunOne(const Job& job) {
  const EpochMs started = clock_.Now();
  auto fail = [&](const Error& error) {
    if (error.code() == "jobs.lease_lost") {
      // Another node has it now; what we did was rolled back.
      spdlog::warn("jobs: {} #{} lost its lease on {}", job.kind, job.id, node_);
      return;
    }
    const std::string reason =
        error.code() + (error.log_detail().empty() ? "" : ": " + error.log_detail());
    spdlog::warn("jobs: {} #{} attempt {} failed on {}: {}", job.kind, job.id, job.attempts, node_,
                 reason);
    if (auto recorded = queue_.Fail(job, node_, started, reason); !recorded) {
      spdlog::error("jobs: cannot record the failure of #{}: {}", job.id,
                    recorded.error().log_detail());
    }
  };
  JobWrites writes;
  if (auto prepare = prepared_.find(job.kind); prepare != prepared_.end()) {
    // The reading, before the transaction (the lease keeper keeps the lease).
    Result<JobWrites> prepared = [&]() -> Result<JobWrites> {
      try {
        return prepare->second(job);
      } catch (const std::exception& e) {
        return InternalError(std::string("handler threw: ") + e.what());
      }
    }();
    if (!prepared) return fail(prepared.error());
    writes = std::move(*prepared);
  } else if (auto handler = handlers_.find(job.kind); handler != handlers_.end()) {
    const JobHandler* work = &handler->second;  // handlers_ is not changed once started
    writes = [&job, work](store::Transaction& tx) { return (*work)(tx, job); };
  } else {
    return fail(InternalError("no handler for job kind '" + job.kind + "' on this node"));
  }
  auto tx = db_.Begin();
  if (!tx) return fail(tx.error());
  Status worked = [&]() -> Status {
    try {
      return writes(**tx);
    } catch (const std::exception& e) {
      return InternalError(std::string("handler threw: ") + e.what());
    }
  }();
  if (!worked) {
    tx->reset();  // roll the work back before recording the failure
    return fail(worked.error());
  }
  if (auto finished = queue_.Finish(**tx, job, node_, started); !finished) {
    tx->reset();
    return fail(finished.error());
  }
  if (auto committed = (*tx)->Commit(); !committed) return fail(committed.error());
}

Result<int> JobRunner::RunDue() {
  JIELI_RETURN_IF_ERROR(QueueSlots(/*force=*/true));
  int ran = 0;
  for (;;) {
    auto batch = RunBatch();
    if (!batch) return batch.error();
    if (*batch == 0) return ran;
    ran += *batch;
  }
}

void JobRunner::WorkerLoop(const std::stop_token& stop) {
  while (!stop.stop_requested()) {
    if (auto queued = QueueSlots(/*force=*/false); !queued) {
      spdlog::warn("jobs: cannot queue recurring jobs: {}", queued.error().log_detail());
    }
    auto batch = RunBatch();
    if (!batch) {
      spdlog::warn("jobs: claiming failed on {}: {}", node_, batch.error().log_detail());
    } else if (*batch > 0) {
      continue;  // there may be more
    }
    std::unique_lock lock(mutex_);
    wake_.wait_for(lock, stop, std::chrono::milliseconds(options_.poll_ms),
                   [this] { return woken_; });
    woken_ = false;
  }
}

void JobRunner::LeaseKeeperLoop(const std::stop_token& stop) {
  // A third of the lease: two extensions may fail before it runs out.
  const auto every = std::chrono::milliseconds(std::max<EpochMs>(options_.lease_ms / 3, 10));
  std::mutex idle;
  std::condition_variable_any sleep;
  std::unique_lock idle_lock(idle);
  while (!sleep.wait_for(idle_lock, stop, every, [&stop] { return stop.stop_requested(); })) {
    std::vector<Job> running;
    {
      std::lock_guard lock(mutex_);
      for (const auto& [id, job] : in_flight_) running.push_back(job);
    }
    if (running.empty()) continue;
    if (auto extended = queue_.ExtendLeases(running, node_, options_.lease_ms); !extended) {
      spdlog::warn("jobs: cannot extend leases on {}: {}", node_, extended.error().log_detail());
    }
  }
}

}  // namespace jieli::jobs
