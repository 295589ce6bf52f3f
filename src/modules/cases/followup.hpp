// After-service follow-up (服务售后回访): the dates of the follow-ups of a closed
// case, by default one, three and six months after closure. Pure and thread-safe.
#pragma once

#include <vector>

#include "core/local_time.hpp"

namespace jieli::cases {

inline const std::vector<int> kDefaultFollowUpMonths = {1, 3, 6};

// closed_on plus each number of months, in the order given, the day clamped to
// the end of a shorter month (2026-01-31 + 1 → 2026-02-28; 2028-01-31 + 1 →
// 2028-02-29). Months ≤ 0 are skipped (no follow-up on or before closure).
std::vector<LocalDate> FollowUpDates(LocalDate closed_on,
                                     const std::vector<int>& months = kDefaultFollowUpMonths);

// d plus months, clamped to the month's last day.
LocalDate AddMonthsClamped(LocalDate d, int months);

}  // namespace jieli::cases
