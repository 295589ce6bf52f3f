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

ServiceInput ServiceChange::ApplyTo(ServiceInput record) const {
  if (date) record.date = *date;
  if (minutes) record.minutes = *minutes;
  if (mode) record.mode = *mode;
  if (content) record.content = *content;
  if (technique) record.technique = *technique;
  if (progress_note) record.progress_note = *progress_note;
  if (place) record.place = *place;
  if (participants) record.participants = *participants;
  if (participants_note) record.participants_note = *participants_note;
  if (goals_addressed) record.goals_addressed = *goals_addressed;
  if (client_response) record.client_response = *client_response;
  if (next_steps) record.next_steps = *next_steps;
  return record;
}

Status CheckCorrector(std::int64_t user, std::int64_t author, EpochMs written_at, EpochMs now,
                      bool withdrawn) {
  if (withdrawn) return ConflictError("cases.service_withdrawn");
  if (user != author) return ForbiddenError("cases.service_not_author");
  if (now - written_at > kServiceCorrectionWindowMs) return ConflictError("cases.service_fixed");
  return Ok();
}

Status CheckWithdrawer(std::int64_t user, const CaseTeam& team, std::int64_t author,
                       bool withdrawn) {
  if (withdrawn) return ConflictError("cases.service_withdrawn");
  if (user == author || team.supervisor == user) return Ok();
  return ForbiddenError("cases.withdraw_not_allowed");
}

std::vector<FieldIssue> CheckWithdrawReason(const std::string& reason) {
  std::vector<FieldIssue> issues;
  if (IsBlank(reason)) {
    issues.push_back({"reason", "required", {}});
  } else {
    CheckLength(reason, "reason", kMaxWithdrawReasonChars, issues);
  }
  return issues;
}

std::vector<std::string> ChangedServiceFields(const ServiceInput& before,
                                              const ServiceInput& after) {
  std::vector<std::string> changed;
  auto note = [&](bool differs, const char* field) {
    if (differs) changed.emplace_back(field);
  };
  note(before.date != after.date, "date");
  note(before.minutes != after.minutes, "minutes");
  note(before.mode != after.mode, "mode");
  note(before.content != after.content, "content");
  note(before.technique != after.technique, "technique");
  note(before.progress_note != after.progress_note, "progress_note");
  note(before.place != after.place, "place");
  note(before.participants != after.participants, "participants");
  note(before.participants_note != after.participants_note, "participants_note");
  note(before.goals_addressed != after.goals_addressed, "goals_addressed");
  note(before.client_response != after.client_response, "client_response");
  note(before.next_steps != after.next_steps, "next_steps");
  return changed;
}

std::string ServiceExcerpt(const std::string& text, std::size_t max_chars) {
  std::string excerpt;
  std::size_t count = 0;
  for (std::string_view piece : SplitCodePoints(text)) {
    if (count == max_chars) return excerpt + "…";
    excerpt +=
        (piece == "\n" || piece == "\r" || piece == "\t") ? std::string(" ") : std::string(piece);
    ++count;
  }
  return excerpt;
}

}  // namespace jieli::cases
