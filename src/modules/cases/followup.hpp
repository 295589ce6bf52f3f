// After-service follow-up (服务售后回访): the dates of the follow-ups of a closed
// case, by default one, three and six months after closure, and the note that
// records one as done. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/local_time.hpp"
#include "core/result.hpp"

namespace jieli::cases {

inline const std::vector<int> kDefaultFollowUpMonths = {1, 3, 6};

// closed_on plus each number of months, in the order given, the day clamped to
// the end of a shorter month (2026-01-31 + 1 → 2026-02-28; 2028-01-31 + 1 →
// 2028-02-29). Months ≤ 0 are skipped (no follow-up on or before closure).
std::vector<LocalDate> FollowUpDates(LocalDate closed_on,
                                     const std::vector<int>& months = kDefaultFollowUpMonths);

// d plus months, clamped to the month's last day.
LocalDate AddMonthsClamped(LocalDate d, int months);

// The months after closure a closure form asks follow-ups for: its
// "follow_up_months" array (entries that are not integers skipped, so it may
// end up empty: no follow-ups), or kDefaultFollowUpMonths when the form has
// no such array.
std::vector<int> FollowUpMonths(const nlohmann::json& closure);

// The longest note of a completed follow-up, in Unicode code points.
inline constexpr std::size_t kMaxFollowUpNoteChars = 2000;

// What was learned on a follow-up must be said: "validation.failed" with
// {note, required} when note is blank, {note, too_long} (param max) when longer
// than kMaxFollowUpNoteChars.
Status CheckFollowUpNote(std::string_view note);

}  // namespace jieli::cases
