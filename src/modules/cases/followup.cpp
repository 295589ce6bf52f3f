#include "modules/cases/followup.hpp"

#include <string>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::cases {
namespace {

constexpr EnumNames<Situation, 3> kSituations = {{
    {Situation::kBetter, "better"},
    {Situation::kSame, "same"},
    {Situation::kWorse, "worse"},
}};

}  // namespace

std::string_view ToString(Situation situation) { return EnumName(kSituations, situation); }
std::optional<Situation> ParseSituation(std::string_view text) {
  return ParseEnum(kSituations, text);
}
const std::vector<std::string>& SituationNames() {
  static const std::vector<std::string> kNames = EnumNameList(kSituations);
  return kNames;
}

LocalDate AddMonthsClamped(LocalDate d, int months) {
  date::year_month ym = date::year_month(d.year(), d.month()) + date::months(months);
  date::day last = date::year_month_day_last(ym.year(), date::month_day_last(ym.month())).day();
  return LocalDate(ym.year(), ym.month(), d.day() > last ? last : d.day());
}

std::vector<LocalDate> FollowUpDates(LocalDate closed_on, const std::vector<int>& months) {
  std::vector<LocalDate> dates;
  for (int m : months) {
    if (m > 0) dates.push_back(AddMonthsClamped(closed_on, m));
  }
  return dates;
}

std::vector<int> FollowUpMonths(const nlohmann::json& closure) {
  if (!closure.is_object() || !closure.contains("follow_up_months") ||
      !closure["follow_up_months"].is_array())
    return kDefaultFollowUpMonths;
  std::vector<int> months;
  for (const auto& m : closure["follow_up_months"]) {
    if (m.is_number_integer()) months.push_back(m.get<int>());
  }
  return months;
}

std::vector<FieldIssue> CheckFollowUpRecord(const FollowUpRecord& record) {
  std::vector<FieldIssue> issues;
  if (IsBlank(record.note)) {
    issues.push_back({"note", "required", {}});
  } else if (CodePointCount(record.note) > kMaxFollowUpNoteChars) {
    issues.push_back({"note", "too_long", {{"max", std::to_string(kMaxFollowUpNoteChars)}}});
  }
  if (CodePointCount(record.new_needs) > kMaxNewNeedsChars)
    issues.push_back({"new_needs", "too_long", {{"max", std::to_string(kMaxNewNeedsChars)}}});
  return issues;
}

}  // namespace jieli::cases
