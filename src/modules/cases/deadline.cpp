#include "modules/cases/deadline.hpp"

#include <string>

namespace jieli::cases {
namespace {

constexpr EpochMs kHourMs = EpochMs{60} * 60 * 1000;

void CheckRange(Error& error, bool& bad, const char* field, int value, int min, int max) {
  if (value >= min && value <= max) return;
  bad = true;
  error.WithDetail(
      {field, "out_of_range", {{"min", std::to_string(min)}, {"max", std::to_string(max)}}});
}

}  // namespace

Status ValidateDeadlinePolicy(const DeadlinePolicy& policy) {
  Error error = InvalidError("validation.failed");
  bool bad = false;
  CheckRange(error, bad, "assessment_days", policy.assessment_days, 1, 365);
  CheckRange(error, bad, "planning_days", policy.planning_days, 1, 365);
  CheckRange(error, bad, "closure_days", policy.closure_days, 1, 365);
  CheckRange(error, bad, "crisis_first_contact_hours", policy.crisis_first_contact_hours, 1, 168);
  if (bad) return error;
  return Ok();
}

EpochMs EndOfLocalDayAfter(EpochMs t, int days) {
  return StartOfLocalDay(AddDays(LocalDateOf(t), days + 1)) - 1;
}

std::optional<EpochMs> StageDeadline(Stage stage, const DeadlineFacts& facts,
                                     const DeadlinePolicy& policy) {
  switch (stage) {
    case Stage::kIntake:
      if (!facts.crisis) return std::nullopt;
      return facts.opened_at + policy.crisis_first_contact_hours * kHourMs;
    case Stage::kAssessment:
      return EndOfLocalDayAfter(facts.opened_at, policy.assessment_days);
    case Stage::kPlanning:
      if (facts.replanned_at) return EndOfLocalDayAfter(*facts.replanned_at, policy.planning_days);
      if (!facts.assessment_at) return std::nullopt;
      return EndOfLocalDayAfter(*facts.assessment_at, policy.planning_days);
    case Stage::kIntervention:
      return std::nullopt;
    case Stage::kEvaluation:
      if (!facts.plan_end) return std::nullopt;
      return StartOfLocalDay(AddDays(*facts.plan_end, 1)) - 1;
    case Stage::kClosed:
      if (!facts.evaluation_at) return std::nullopt;
      return EndOfLocalDayAfter(*facts.evaluation_at, policy.closure_days);
  }
  return std::nullopt;
}

std::optional<EpochMs> CurrentDeadline(Stage current, const DeadlineFacts& facts,
                                       const DeadlinePolicy& policy) {
  switch (current) {
    case Stage::kIntake:
      if (facts.crisis && !facts.first_contact_at) {
        return StageDeadline(Stage::kIntake, facts, policy);
      }
      return StageDeadline(Stage::kAssessment, facts, policy);
    case Stage::kAssessment:
    case Stage::kPlanning:
      return StageDeadline(current, facts, policy);
    case Stage::kIntervention:
      return StageDeadline(Stage::kEvaluation, facts, policy);
    case Stage::kEvaluation:
      return StageDeadline(Stage::kClosed, facts, policy);
    case Stage::kClosed:
      return std::nullopt;
  }
  return std::nullopt;
}

bool IsOverdue(EpochMs deadline, EpochMs now) { return now > deadline; }

int DaysOverdue(EpochMs deadline, EpochMs now) {
  if (!IsOverdue(deadline, now)) return 0;
  auto days = date::sys_days(LocalDateOf(now)) - date::sys_days(LocalDateOf(deadline));
  return static_cast<int>(days.count());
}

}  // namespace jieli::cases
