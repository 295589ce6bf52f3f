// Local time: calendar days and wall-clock times as Jieli's users, in China,
// see them (Asia/Shanghai), and the strict text formats of dates and times in
// the API.
//
// Instants are EpochMs (UTC, clock.hpp); a LocalDate is a calendar day with no
// time zone. The zone comes from the system tz database (/usr/share/zoneinfo,
// Debian package tzdata) through date-tz; if that is unavailable, a fixed
// +08:00 is used, which is exact for every instant since 1991 (see
// LocalTimeUsesTzDatabase). The zone is looked up once, on first use.
// All functions are pure and thread-safe, and never throw.
#pragma once

#include <string>
#include <string_view>

#include <date/date.h>

#include "core/clock.hpp"
#include "core/result.hpp"

namespace jieli {

using LocalDate = date::year_month_day;

// The wall-clock time of t in Asia/Shanghai, to the second (truncated): "2026-11-25 15:38:20".
std::string FormatLocalDateTime(EpochMs t);

// t as RFC 3339 in Asia/Shanghai, to the second: "2026-11-25T15:38:20+08:00".
std::string FormatIsoLocal(EpochMs t);

// The calendar day in Asia/Shanghai that contains t.
LocalDate LocalDateOf(EpochMs t);

// The instant 00:00 of day d in Asia/Shanghai. d should be ok(); an invalid
// day (2026-02-30) is counted on from the month's start (2026-03-02).
EpochMs StartOfLocalDay(LocalDate d);

// "2026-11-25".
std::string FormatDate(LocalDate d);

// Parses exactly "YYYY-MM-DD" naming a real calendar day ("2026-02-29" fails).
// Error: InvalidError("validation.date").
Result<LocalDate> ParseDate(std::string_view text);

// Parses an RFC 3339 date-time with a mandatory offset:
// "2026-11-25T15:38:20+08:00", "2026-11-25T07:38:20.5Z". 'T' and 'Z' may be
// lower case; fractions of a second beyond milliseconds are truncated; a leap
// second (":60") is refused.
// Error: InvalidError("validation.datetime").
Result<EpochMs> ParseIsoDateTime(std::string_view text);

// d moved by days (negative: back), across month and year ends.
LocalDate AddDays(LocalDate d, int days);

// Whether Asia/Shanghai came from the tz database rather than the fixed-offset
// fall-back; for a start-up log line.
bool LocalTimeUsesTzDatabase();

}  // namespace jieli
