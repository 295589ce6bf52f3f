#include "core/local_time.hpp"

#include <chrono>
#include <iterator>

#include <date/tz.h>
#include <fmt/compile.h>
#include <fmt/core.h>

namespace jieli {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;
using SysMs = date::sys_time<milliseconds>;

// China has observed UTC+8 without daylight saving since 1991.
constexpr seconds kChinaOffset = std::chrono::hours(8);

// Debian builds date-tz with USE_OS_TZDB, so locate_zone reads
// /usr/share/zoneinfo/Asia/Shanghai. Without the tzdata package it throws;
// then Zone() is null and the fixed offset applies (exact since 1991; only the
// 1986-1991 summer times are lost). The zone's data is loaded lazily and that
// can throw too, so one conversion is done here, where it can be caught.
const date::time_zone* Zone() {
  static const date::time_zone* const kZone = []() -> const date::time_zone* {
    try {
      const date::time_zone* zone = date::locate_zone("Asia/Shanghai");
      (void)zone->get_info(date::sys_seconds{});
      return zone;
    } catch (...) {  // std::runtime_error today; nothing may escape
      return nullptr;
    }
  }();
  return kZone;
}

seconds OffsetAt(SysMs t) {
  const date::time_zone* zone = Zone();
  if (zone == nullptr) {
    return kChinaOffset;
  }
  // A list reply formats hundreds of times that nearly all fall in one span
  // of the zone's rules (since 1991, all of them); the span looked up last is
  // kept per thread so that the zone is searched only when a time leaves it.
  thread_local date::sys_info span{};
  const date::sys_seconds at = date::floor<seconds>(t);
  if (at < span.begin || at >= span.end) {
    span = zone->get_info(at);
  }
  return span.offset;
}

struct LocalParts {
  LocalDate date;
  date::hh_mm_ss<seconds> time;
  seconds offset;
};

LocalParts Split(EpochMs t) {
  SysMs instant{milliseconds(t)};
  seconds offset = OffsetAt(instant);
  // A sys_time shifted by the offset reads as the local wall clock.
  date::sys_seconds local = date::floor<seconds>(instant) + offset;
  date::sys_days day = date::floor<date::days>(local);
  return {LocalDate{day}, date::hh_mm_ss<seconds>{local - day}, offset};
}

std::string FormatParts(const LocalParts& parts, char separator) {
  // Compiled format: this runs for every time in every reply.
  return fmt::format(FMT_COMPILE("{:04}-{:02}-{:02}{}{:02}:{:02}:{:02}"),
                     static_cast<int>(parts.date.year()), static_cast<unsigned>(parts.date.month()),
                     static_cast<unsigned>(parts.date.day()), separator, parts.time.hours().count(),
                     parts.time.minutes().count(), parts.time.seconds().count());
}

// Reads count ASCII digits at text[pos...]; false if any is not a digit.
bool Digits(std::string_view text, std::size_t pos, std::size_t count, int& value) {
  if (pos + count > text.size()) {
    return false;
  }
  value = 0;
  for (std::size_t i = pos; i < pos + count; ++i) {
    if (text[i] < '0' || text[i] > '9') {
      return false;
    }
    value = value * 10 + (text[i] - '0');
  }
  return true;
}

}  // namespace

std::string FormatLocalDateTime(EpochMs t) { return FormatParts(Split(t), ' '); }

std::string FormatIsoLocal(EpochMs t) {
  LocalParts parts = Split(t);
  std::string out = FormatParts(parts, 'T');
  // RFC 3339 offsets have minutes only; only pre-1901 local mean time has seconds.
  auto minutes = std::chrono::duration_cast<std::chrono::minutes>(parts.offset).count();
  char sign = minutes < 0 ? '-' : '+';
  if (minutes < 0) {
    minutes = -minutes;
  }
  fmt::format_to(std::back_inserter(out), FMT_COMPILE("{}{:02}:{:02}"), sign, minutes / 60,
                 minutes % 60);
  return out;
}

LocalDate LocalDateOf(EpochMs t) { return Split(t).date; }

EpochMs StartOfLocalDay(LocalDate d) {
  date::local_days midnight{d};
  const date::time_zone* zone = Zone();
  date::sys_seconds start =
      zone != nullptr
          // earliest: never throws; midnight always existed in Shanghai anyway
          // (the 1986-1991 clock changes happened at 02:00).
          ? zone->to_sys(date::local_seconds{midnight}, date::choose::earliest)
          : date::sys_seconds{midnight.time_since_epoch()} - kChinaOffset;
  return std::chrono::duration_cast<milliseconds>(start.time_since_epoch()).count();
}

std::string FormatDate(LocalDate d) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(d.year()),
                     static_cast<unsigned>(d.month()), static_cast<unsigned>(d.day()));
}

Result<LocalDate> ParseDate(std::string_view text) {
  int year = 0;
  int month = 0;
  int day = 0;
  if (text.size() != 10 || text[4] != '-' || text[7] != '-' || !Digits(text, 0, 4, year) ||
      !Digits(text, 5, 2, month) || !Digits(text, 8, 2, day)) {
    return InvalidError("validation.date");
  }
  LocalDate parsed{date::year{year}, date::month{static_cast<unsigned>(month)},
                   date::day{static_cast<unsigned>(day)}};
  if (!parsed.ok()) {
    return InvalidError("validation.date");
  }
  return parsed;
}

Result<EpochMs> ParseIsoDateTime(std::string_view text) {
  auto invalid = [] { return InvalidError("validation.datetime"); };
  if (text.size() < 20) {
    return invalid();
  }
  Result<LocalDate> day = ParseDate(text.substr(0, 10));
  if (!day) {
    return invalid();
  }
  int hour = 0;
  int minute = 0;
  int second = 0;
  if ((text[10] != 'T' && text[10] != 't') || !Digits(text, 11, 2, hour) || text[13] != ':' ||
      !Digits(text, 14, 2, minute) || text[16] != ':' || !Digits(text, 17, 2, second) ||
      hour > 23 || minute > 59 || second > 59) {
    return invalid();
  }

  std::size_t pos = 19;
  int millis = 0;
  if (text[pos] == '.') {
    ++pos;
    std::size_t start = pos;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (pos - start < 3) {
        millis = millis * 10 + (text[pos] - '0');
      }
      ++pos;
    }
    std::size_t count = pos - start;
    if (count == 0 || count > 9) {
      return invalid();
    }
    for (std::size_t i = count; i < 3; ++i) {
      millis *= 10;
    }
  }

  std::chrono::minutes offset{0};
  std::string_view zone = text.substr(pos);
  if (zone == "Z" || zone == "z") {
    offset = std::chrono::minutes(0);
  } else {
    int offset_hours = 0;
    int offset_minutes = 0;
    if (zone.size() != 6 || (zone[0] != '+' && zone[0] != '-') ||
        !Digits(zone, 1, 2, offset_hours) || zone[3] != ':' ||
        !Digits(zone, 4, 2, offset_minutes) || offset_hours > 23 || offset_minutes > 59) {
      return invalid();
    }
    offset = std::chrono::minutes(offset_hours * 60 + offset_minutes);
    if (zone[0] == '-') {
      offset = -offset;
    }
  }

  SysMs local = date::sys_days{*day} + std::chrono::hours(hour) + std::chrono::minutes(minute) +
                seconds(second) + milliseconds(millis);
  return (local - offset).time_since_epoch().count();
}

LocalDate AddDays(LocalDate d, int days) { return LocalDate{date::sys_days{d} + date::days{days}}; }

bool LocalTimeUsesTzDatabase() { return Zone() != nullptr; }

}  // namespace jieli
