#include "modules/cases/service_record.hpp"

#include <algorithm>
#include <set>
#include <string>

#include "core/local_time.hpp"
#include "core/text.hpp"

namespace jieli::cases {

namespace {

void CheckLength(const std::string& text, const char* field, std::size_t max,
                 std::vector<FieldIssue>& issues) {
  if (CodePointCount(text) > max)
    issues.push_back({field, "too_long", {{"max", std::to_string(max)}}});
}

std::string JoinGoals(const std::vector<std::string>& goals) {
  std::string joined;
  for (const auto& goal : goals) joined += (joined.empty() ? "" : ", ") + goal;
  return joined;
}

}  // namespace

std::vector<FieldIssue> CheckService(const ServiceInput& input, EpochMs opened_at, EpochMs now,
                                     const std::vector<std::string>& plan_goals) {
  std::vector<FieldIssue> issues;
  auto date = ParseDate(input.date);
  if (!date) {
    issues.push_back({"date", "invalid_date", {}});
  } else if (StartOfLocalDay(*date) > now) {
    issues.push_back({"date", "date_in_future", {}});
  } else if (*date < LocalDateOf(opened_at)) {
    issues.push_back(
        {"date",
         "out_of_range",
         {{"min", FormatDate(LocalDateOf(opened_at))}, {"max", FormatDate(LocalDateOf(now))}}});
  }
  if (input.minutes < 1 || input.minutes > 1440)
    issues.push_back({"minutes", "out_of_range", {{"min", "1"}, {"max", "1440"}}});
  if (IsBlank(input.content)) {
    issues.push_back({"content", "required", {}});
  } else if (CodePointCount(input.content) > kMaxServiceContentChars) {
    issues.push_back({"content", "too_long", {{"max", std::to_string(kMaxServiceContentChars)}}});
  }
  CheckLength(input.technique, "technique", kMaxTechniqueChars, issues);
  CheckLength(input.progress_note, "progress_note", kMaxProgressNoteChars, issues);
  CheckLength(input.place, "place", kMaxPlaceChars, issues);
  if (input.participants.empty()) {
    issues.push_back({"participants", "required", {}});
  } else if (std::set<Participant>(input.participants.begin(), input.participants.end()).size() !=
             input.participants.size()) {
    issues.push_back({"participants", "duplicate_value", {}});
  }
  CheckLength(input.participants_note, "participants_note", kMaxParticipantsNoteChars, issues);
  if (input.goals_addressed.size() > kMaxGoalsAddressed) {
    issues.push_back(
        {"goals_addressed", "too_long", {{"max", std::to_string(kMaxGoalsAddressed)}}});
  } else {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < input.goals_addressed.size(); ++i) {
      const std::string& goal = input.goals_addressed[i];
      const std::string field = "goals_addressed[" + std::to_string(i) + "]";
      if (std::find(plan_goals.begin(), plan_goals.end(), goal) == plan_goals.end()) {
        issues.push_back({field, "invalid_choice", {{"allowed", JoinGoals(plan_goals)}}});
      } else if (!seen.insert(goal).second) {
        issues.push_back({field, "duplicate_value", {}});
      }
    }
  }
  CheckLength(input.client_response, "client_response", kMaxClientResponseChars, issues);
  CheckLength(input.next_steps, "next_steps", kMaxNextStepsChars, issues);
  return issues;
}

std::vector<FieldIssue> CheckServiceComment(const std::string& comment) {
  std::vector<FieldIssue> issues;
  if (IsBlank(comment)) {
    issues.push_back({"comment", "required", {}});
  } else {
    CheckLength(comment, "comment", kMaxServiceCommentChars, issues);
  }
  return issues;
}

Status CheckCommenter(std::int64_t user, const CaseTeam& team, std::int64_t author) {
  if (user == author) return ForbiddenError("cases.comment_not_allowed");
  if (team.supervisor == user || !OnTeam(team, user)) return Ok();
  return ForbiddenError("cases.comment_not_allowed");
}

}  // namespace jieli::cases
