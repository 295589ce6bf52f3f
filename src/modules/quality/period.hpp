// Periods (统计周期) of the quality indicators: the ISO week, month, quarter or
// year a day falls in, as the users in China count them (local days in
// Asia/Shanghai, core/local_time.hpp), each with a stable text key that the API
// carries and a chart's axis shows:
//   week "2026-W05" (ISO 8601: weeks start on Monday; week 1 is the week with
//   the year's first Thursday, so 2027-01-01 is in "2026-W53"), month
//   "2026-03", quarter "2026-Q1", year "2026".
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"

namespace jieli::quality {

enum class Granularity { kWeek, kMonth, kQuarter, kYear };
std::string_view ToString(Granularity granularity);  // "week", "month", "quarter", "year"
std::optional<Granularity> ParseGranularity(std::string_view text);
const std::vector<std::string>& GranularityNames();  // in the order above

// One period: its first and last local day (both included) and its key.
struct Period {
  LocalDate first;
  LocalDate last;
  std::string key;
};

// The most periods one series may hold: ten years of weeks. A longer request
// is refused rather than computed (a chart of more points is unreadable and
// the work grows with it).
inline constexpr std::size_t kMaxPeriods = 520;

// The period of granularity that contains day d (d must be ok()).
Period PeriodOf(LocalDate d, Granularity granularity);

// Every period of granularity from the one containing from to the one
// containing to, in order (so the first may start before from and the last end
// after to).
// Errors (kInvalid): "quality.period_range_invalid" when from is after to;
// "quality.too_many_periods" (param "maximum") beyond kMaxPeriods.
Result<std::vector<Period>> PeriodsBetween(LocalDate from, LocalDate to, Granularity granularity);

// The period a key names, its granularity read from the key's shape.
// Error (kInvalid): "quality.period_key_invalid" for anything else — a week
// past the year's last ("2025-W53": 2025 has 52), month 13, "2026-Q5",
// "2026-3", years outside 0001–9999.
Result<Period> ParsePeriodKey(std::string_view key);

// The granularity a key's shape names, without checking its numbers.
std::optional<Granularity> GranularityOfKey(std::string_view key);

// The instants that bound a period for queries: 00:00 Asia/Shanghai of its
// first day, and of the day after its last (exclusive).
EpochMs PeriodStart(const Period& period);
EpochMs PeriodEnd(const Period& period);

}  // namespace jieli::quality
