// Every module's background jobs: the handlers and how often the recurring
// ones are queued.
#include "core/json.hpp"
#include "modules/jobs/job_handlers.hpp"
#include "modules/services.hpp"

namespace jieli::modules {
namespace {

constexpr EpochMs kMinute = 60 * 1000;

// The time slot a recurring job's payload names (see JobRunner::Schedule).
Result<std::pair<EpochMs, EpochMs>> SlotOf(const jobs::Job& job) {
  Json payload = Json::parse(job.payload, nullptr, false);
  if (!payload.is_object() || !payload.contains("slot_start") || !payload.contains("slot_end") ||
      !payload["slot_start"].is_number_integer() || !payload["slot_end"].is_number_integer()) {
    return InternalError("job " + std::to_string(job.id) + " has no slot in its payload");
  }
  return std::pair{payload["slot_start"].get<EpochMs>(), payload["slot_end"].get<EpochMs>()};
}

}  // namespace

void RegisterJobs(jobs::JobRunner& runner, Services& s) {
  jobs::RegisterProbe(runner);

  runner.Register("cases.scan_deadlines", [&s](store::Transaction& tx, const jobs::Job& job) {
    auto slot = SlotOf(job);
    if (!slot) return Status(slot.error());
    return s.cases.ScanDeadlines(tx, slot->first, slot->second);
  });
  runner.Schedule("cases.scan_deadlines", 5 * kMinute);

  runner.Register("cases.scan_followups", [&s](store::Transaction& tx, const jobs::Job& job) {
    auto slot = SlotOf(job);
    if (!slot) return Status(slot.error());
    return s.cases.ScanFollowUps(tx, slot->first, slot->second);
  });
  runner.Schedule("cases.scan_followups", 15 * kMinute);

  // Complaints past their deadline told to the supervisors, then the leaders.
  runner.Register("feedback.escalate_complaints",
                  [&s](store::Transaction& tx, const jobs::Job& job) {
                    auto slot = SlotOf(job);
                    if (!slot) return Status(slot.error());
                    return s.feedback.EscalateComplaints(tx, slot->second);
                  });
  runner.Schedule("feedback.escalate_complaints", 15 * kMinute);

  // Every indicator of every agency and of the city charted once a day; a
  // rule break not recorded yet becomes a signal told to its owners once.
  // The daily slot's dedupe key queues it once however many nodes run. The
  // charting reads for seconds at city scale: before the job's transaction.
  runner.RegisterPrepared(
      "quality.evaluate_signals", [&s](const jobs::Job&) -> Result<jobs::JobWrites> {
        JIELI_ASSIGN_OR_RETURN(auto found, s.quality.FindSignals());
        return jobs::JobWrites([&s, found = std::move(found)](store::Transaction& tx) -> Status {
          JIELI_RETURN_IF_ERROR(s.quality.RecordSignals(tx, found));
          return Ok();
        });
      });
  runner.Schedule("quality.evaluate_signals", 24 * 60 * kMinute);

  // Finished jobs are kept a fortnight for the operations page, then removed;
  // expired sessions and spent lock-outs go too.
  runner.Register("jobs.cleanup", [&s](store::Transaction& tx, const jobs::Job&) {
    auto removed = s.jobs.RemoveFinishedBefore(tx, s.clock.Now() - 14 * 24 * 60 * kMinute);
    if (!removed) return Status(removed.error());
    auto expired = s.auth.RemoveExpired(tx);
    if (!expired) return Status(expired.error());
    return Ok();
  });
  runner.Schedule("jobs.cleanup", 24 * 60 * kMinute);
}

}  // namespace jieli::modules
