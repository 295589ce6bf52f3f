// After-service follow-up (服务售后回访): the dates of the follow-ups of a closed
// case, by default one, three and six months after closure, and what recording
// one as done captures — the note, how the client is now, new needs. Pure and
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
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

// The months after closure a closure form asks follow-ups for: its
// "follow_up_months" array (entries that are not integers skipped, so it may
// end up empty: no follow-ups), or kDefaultFollowUpMonths when the form has
// no such array.
std::vector<int> FollowUpMonths(const nlohmann::json& closure);

// The longest note and new needs of a completed follow-up, in code points.
inline constexpr std::size_t kMaxFollowUpNoteChars = 2000;
inline constexpr std::size_t kMaxNewNeedsChars = 2000;

// How the client is doing at the follow-up, against how they were at closure
// (回访时案主情况: 好转, 持平, 变差).
enum class Situation { kBetter, kSame, kWorse };
std::string_view ToString(Situation situation);
std::optional<Situation> ParseSituation(std::string_view text);
const std::vector<std::string>& SituationNames();

// What a follow-up found.
struct FollowUpRecord {
  std::string note;  // what was learned
  Situation situation = Situation::kSame;
  std::string new_needs;  // raised by the client; blank: none
};

// What was learned must be said: {note, required} when blank, {note, too_long}
// (param max) past kMaxFollowUpNoteChars; {new_needs, too_long} likewise.
std::vector<FieldIssue> CheckFollowUpRecord(const FollowUpRecord& record);

}  // namespace jieli::cases
