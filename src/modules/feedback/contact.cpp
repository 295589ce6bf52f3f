#include "modules/feedback/contact.hpp"

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"

namespace jieli::feedback {
namespace {

constexpr EnumNames<Direction, 2> kDirections = {{
    {Direction::kIn, "in"},
    {Direction::kOut, "out"},
}};

constexpr EpochMs kDayMs = 24LL * 3600 * 1000;

}  // namespace

std::string_view ToString(Direction direction) { return EnumName(kDirections, direction); }
std::optional<Direction> ParseDirection(std::string_view text) {
  return ParseEnum(kDirections, text);
}
const std::vector<std::string>& DirectionNames() {
  static const std::vector<std::string> kNames = EnumNameList(kDirections);
  return kNames;
}

std::vector<FieldIssue> CheckContactTime(EpochMs at, EpochMs now) {
  if (at > now + kContactClockSkewMs) return {{"at", "date_in_future"}};
  if (at < now - kMaxContactAgeDays * kDayMs)
    return {{"at", "too_old", {{"days", std::to_string(kMaxContactAgeDays)}}}};
  return {};
}

std::vector<FieldIssue> CheckContact(const ContactInput& input, EpochMs now) {
  std::vector<FieldIssue> issues;
  if (IsBlank(input.summary)) {
    issues.push_back({"summary", "required"});
  } else if (CodePointCount(input.summary) > kMaxContactSummaryChars) {
    issues.push_back({"summary", "too_long", {{"max", std::to_string(kMaxContactSummaryChars)}}});
  }
  for (auto& issue : CheckContactTime(input.at, now)) issues.push_back(std::move(issue));
  if (input.follow_up) {
    auto due = ParseDate(input.follow_up->due);
    if (!due) {
      issues.push_back({"follow_up.due", "invalid_date"});
    } else {
      const LocalDate day = LocalDateOf(input.at);
      if (date::sys_days(*due) < date::sys_days(day)) {
        issues.push_back({"follow_up.due", "before_contact"});
      } else if (date::sys_days(*due) > date::sys_days(AddDays(day, 366))) {
        issues.push_back({"follow_up.due", "too_far"});
      }
    }
    if (CodePointCount(input.follow_up->note) > kMaxFollowUpNoteChars) {
      issues.push_back(
          {"follow_up.note", "too_long", {{"max", std::to_string(kMaxFollowUpNoteChars)}}});
    }
  }
  return issues;
}

}  // namespace jieli::feedback
