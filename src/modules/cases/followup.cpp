#include "modules/cases/followup.hpp"

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

}  // namespace jieli::cases
