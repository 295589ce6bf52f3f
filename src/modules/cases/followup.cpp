#include "modules/cases/followup.hpp"

#include <string>

#include "core/text.hpp"

namespace jieli::cases {

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

Status CheckFollowUpNote(std::string_view note) {
  if (IsBlank(note)) return ValidationFailed({{"note", "required", {}}});
  if (CodePointCount(note) > kMaxFollowUpNoteChars)
    return ValidationFailed(
        {{"note", "too_long", {{"max", std::to_string(kMaxFollowUpNoteChars)}}}});
  return {};
}

}  // namespace jieli::cases
