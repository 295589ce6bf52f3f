#include "modules/quality/supervision.hpp"

#include <set>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<SupervisionKind, 2> kSupervisionKinds = {
    {{SupervisionKind::kIndividual, "individual"}, {SupervisionKind::kGroup, "group"}}};
constexpr EnumNames<TrainingKind, 3> kTrainingKinds = {
    {{TrainingKind::kInternal, "internal"},
     {TrainingKind::kExternal, "external"},
     {TrainingKind::kSupervision, "supervision"}}};

void CheckText(const std::string& text, const std::string& field, std::size_t max, bool required,
               std::vector<FieldIssue>& issues) {
  if (required && IsBlank(text)) {
    issues.push_back({field, "required", {}});
  } else if (CodePointCount(text) > max) {
    issues.push_back({field, "too_long", {{"max", std::to_string(max)}}});
  }
}

// A date as entered: a real day, not after today (unless a due date).
void CheckDay(const std::string& text, const std::string& field, std::optional<LocalDate> today,
              std::vector<FieldIssue>& issues) {
  auto day = ParseDate(text);
  if (!day) {
    issues.push_back({field, "invalid_date", {}});
  } else if (today && *day > *today) {
    issues.push_back({field, "date_in_future", {}});
  }
}

void CheckMinutes(int minutes, const std::string& field, std::vector<FieldIssue>& issues) {
  if (minutes < 1 || minutes > 1440) {
    issues.push_back({field, "out_of_range", {{"min", "1"}, {"max", "1440"}}});
  }
}

}  // namespace

std::string_view ToString(SupervisionKind kind) { return EnumName(kSupervisionKinds, kind); }
std::string_view ToString(TrainingKind kind) { return EnumName(kTrainingKinds, kind); }
std::optional<SupervisionKind> ParseSupervisionKind(std::string_view text) {
  return ParseEnum(kSupervisionKinds, text);
}
std::optional<TrainingKind> ParseTrainingKind(std::string_view text) {
  return ParseEnum(kTrainingKinds, text);
}
const std::vector<std::string>& SupervisionKindNames() {
  static const auto kNames = EnumNameList(kSupervisionKinds);
  return kNames;
}
const std::vector<std::string>& TrainingKindNames() {
  static const auto kNames = EnumNameList(kTrainingKinds);
  return kNames;
}

std::vector<FieldIssue> CheckActions(const std::vector<ActionInput>& actions,
                                     const std::string& field) {
  std::vector<FieldIssue> issues;
  if (actions.size() > kMaxActions) {
    issues.push_back({field, "too_many", {{"max", std::to_string(kMaxActions)}}});
    return issues;
  }
  for (std::size_t i = 0; i < actions.size(); ++i) {
    const std::string at = field + "[" + std::to_string(i) + "]";
    CheckText(actions[i].text, at + ".text", kMaxActionChars, true, issues);
    if (!actions[i].owner_id) issues.push_back({at + ".owner_id", "required", {}});
    CheckDay(actions[i].due_on, at + ".due_on", std::nullopt, issues);
  }
  return issues;
}

std::vector<FieldIssue> CheckSupervision(const SupervisionInput& input, std::int64_t supervisor_id,
                                         LocalDate today) {
  std::vector<FieldIssue> issues;
  CheckDay(input.date, "date", today, issues);
  CheckMinutes(input.minutes, "minutes", issues);
  CheckText(input.topics, "topics", kMaxTopicsChars, true, issues);
  CheckText(input.notes, "notes", kMaxNotesChars, false, issues);
  const std::set<std::int64_t> distinct(input.supervisee_ids.begin(), input.supervisee_ids.end());
  if (input.supervisee_ids.size() > kMaxSupervisees) {
    issues.push_back({"supervisee_ids", "too_many", {{"max", std::to_string(kMaxSupervisees)}}});
  } else if (distinct.size() != input.supervisee_ids.size()) {
    issues.push_back({"supervisee_ids", "duplicate_value", {}});
  } else if (distinct.contains(supervisor_id)) {
    issues.push_back({"supervisee_ids", "supervisor_not_supervisee", {}});
  } else if (input.kind == SupervisionKind::kIndividual && distinct.size() != 1) {
    issues.push_back({"supervisee_ids", "individual_needs_one", {}});
  } else if (input.kind == SupervisionKind::kGroup && distinct.size() < 2) {
    issues.push_back({"supervisee_ids", "group_needs_two", {}});
  }
  if (input.case_ids.size() > kMaxCasesDiscussed) {
    issues.push_back({"case_ids", "too_many", {{"max", std::to_string(kMaxCasesDiscussed)}}});
  }
  for (auto& issue : CheckActions(input.actions)) issues.push_back(std::move(issue));
  return issues;
}

std::vector<FieldIssue> CheckTraining(const TrainingInput& input,
                                      const std::vector<Attendee>& attendees, LocalDate today) {
  std::vector<FieldIssue> issues;
  CheckText(input.title, "title", kMaxTitleChars, true, issues);
  CheckDay(input.date, "date", today, issues);
  CheckMinutes(input.minutes, "hours", issues);
  CheckText(input.trainer, "trainer", kMaxTrainerChars, false, issues);
  if (attendees.size() > kMaxAttendees) {
    issues.push_back({"attendance", "too_many", {{"max", std::to_string(kMaxAttendees)}}});
    return issues;
  }
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    const std::string at = "attendance[" + std::to_string(i) + "]";
    if (!seen.insert(attendees[i].user_id).second)
      issues.push_back({at + ".user_id", "duplicate_value", {}});
    if (attendees[i].minutes) CheckMinutes(*attendees[i].minutes, at + ".hours", issues);
  }
  return issues;
}

std::vector<FieldIssue> CheckDuties(const std::vector<std::string>& duties) {
  std::vector<FieldIssue> issues;
  if (duties.size() > kMaxDuties) {
    issues.push_back({"duties", "too_many", {{"max", std::to_string(kMaxDuties)}}});
    return issues;
  }
  for (std::size_t i = 0; i < duties.size(); ++i) {
    CheckText(duties[i], "duties[" + std::to_string(i) + "]", kMaxDutyChars, true, issues);
  }
  return issues;
}

Status CheckSessionCorrector(std::int64_t user, std::int64_t author, EpochMs written_at,
                             EpochMs now) {
  if (user != author) return ForbiddenError("quality.not_author");
  if (now - written_at > kSupervisionCorrectionWindowMs) {
    return ConflictError("quality.session_fixed");
  }
  return Ok();
}

bool IsOverdue(const std::string& due_on, bool done, LocalDate today) {
  if (done) return false;
  auto due = ParseDate(due_on);
  return due && *due < today;
}

SupervisionDue SupervisionDueOf(Person person, const std::string& last_date, LocalDate today) {
  SupervisionDue out;
  out.person = std::move(person);
  auto last = ParseDate(last_date);
  if (!last) return out;  // never (or unreadable): due
  out.last_date = last_date;
  out.days_since = static_cast<int>((date::sys_days(today) - date::sys_days(*last)).count());
  out.due = *out.days_since > kSupervisionDueDays;
  return out;
}

}  // namespace jieli::quality
