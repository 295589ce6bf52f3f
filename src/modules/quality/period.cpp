#include "modules/quality/period.hpp"

#include <cstdio>

#include "core/enum_names.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<Granularity, 4> kGranularities = {{
    {Granularity::kWeek, "week"},
    {Granularity::kMonth, "month"},
    {Granularity::kQuarter, "quarter"},
    {Granularity::kYear, "year"},
}};

using date::days;
using date::sys_days;

sys_days MondayOf(sys_days day) { return day - days{date::weekday{day}.iso_encoding() - 1}; }

// Monday of ISO week 1 of week_year: the Monday of the week holding 4 January.
sys_days WeekOneMonday(int week_year) {
  return MondayOf(sys_days{date::year{week_year} / date::January / 4});
}

// The ISO week-year of a day: the calendar year of its week's Thursday.
int WeekYearOf(sys_days day) {
  return static_cast<int>(date::year_month_day{MondayOf(day) + days{3}}.year());
}

int WeeksIn(int week_year) {
  return static_cast<int>((WeekOneMonday(week_year + 1) - WeekOneMonday(week_year)).count() / 7);
}

std::string Format(const char* pattern, int a, int b = 0) {
  char text[16];
  std::snprintf(text, sizeof text, pattern, a, b);
  return text;
}

Period WeekPeriod(int week_year, int week) {
  const sys_days monday = WeekOneMonday(week_year) + days{7 * (week - 1)};
  return {LocalDate{monday}, LocalDate{monday + days{6}}, Format("%04d-W%02d", week_year, week)};
}

// The period of months [first_month, first_month + count) of year.
Period MonthsPeriod(int year, unsigned first_month, unsigned count, std::string key) {
  const date::year_month start = date::year{year} / date::month{first_month};
  const date::year_month end = start + date::months{count - 1};
  return {LocalDate{start / 1}, LocalDate{end / date::last}, std::move(key)};
}

Period Make(Granularity granularity, int year, unsigned number) {
  switch (granularity) {
    case Granularity::kWeek:
      return WeekPeriod(year, static_cast<int>(number));
    case Granularity::kMonth:
      return MonthsPeriod(year, number, 1, Format("%04d-%02d", year, static_cast<int>(number)));
    case Granularity::kQuarter:
      return MonthsPeriod(year, 3 * number - 2, 3,
                          Format("%04d-Q%d", year, static_cast<int>(number)));
    case Granularity::kYear:
      break;
  }
  return MonthsPeriod(year, 1, 12, Format("%04d", year));
}

// Exactly `count` ASCII digits at text[at…] as a number, or -1.
int Digits(std::string_view text, std::size_t at, std::size_t count) {
  if (at + count > text.size()) return -1;
  int value = 0;
  for (std::size_t k = at; k < at + count; ++k) {
    if (text[k] < '0' || text[k] > '9') return -1;
    value = value * 10 + (text[k] - '0');
  }
  return value;
}

Error KeyInvalid() { return InvalidError("quality.period_key_invalid"); }

}  // namespace

std::string_view ToString(Granularity granularity) { return EnumName(kGranularities, granularity); }
std::optional<Granularity> ParseGranularity(std::string_view text) {
  return ParseEnum(kGranularities, text);
}
const std::vector<std::string>& GranularityNames() {
  static const std::vector<std::string> kNames = EnumNameList(kGranularities);
  return kNames;
}

Period PeriodOf(LocalDate d, Granularity granularity) {
  const int year = static_cast<int>(d.year());
  const auto month = static_cast<unsigned>(d.month());
  switch (granularity) {
    case Granularity::kWeek: {
      const sys_days day{d};
      const int week_year = WeekYearOf(day);
      const auto week = (MondayOf(day) - WeekOneMonday(week_year)).count() / 7 + 1;
      return WeekPeriod(week_year, static_cast<int>(week));
    }
    case Granularity::kMonth:
      return Make(granularity, year, month);
    case Granularity::kQuarter:
      return Make(granularity, year, (month - 1) / 3 + 1);
    case Granularity::kYear:
      break;
  }
  return Make(Granularity::kYear, year, 1);
}

Result<std::vector<Period>> PeriodsBetween(LocalDate from, LocalDate to, Granularity granularity) {
  if (sys_days{from} > sys_days{to}) return InvalidError("quality.period_range_invalid");
  std::vector<Period> periods;
  const sys_days end{to};
  for (LocalDate start = from;;) {
    if (periods.size() == kMaxPeriods) {
      return InvalidError("quality.too_many_periods")
          .WithParam("maximum", std::to_string(kMaxPeriods));
    }
    Period period = PeriodOf(start, granularity);
    const bool last = sys_days{period.last} >= end;
    start = AddDays(period.last, 1);
    periods.push_back(std::move(period));
    if (last) break;
  }
  return periods;
}

std::optional<Granularity> GranularityOfKey(std::string_view key) {
  if (key.size() == 4) return Granularity::kYear;
  if (key.size() == 7 && key[4] == '-') {
    if (key[5] == 'Q') return Granularity::kQuarter;
    return Granularity::kMonth;
  }
  if (key.size() == 8 && key[4] == '-' && key[5] == 'W') return Granularity::kWeek;
  return std::nullopt;
}

Result<Period> ParsePeriodKey(std::string_view key) {
  const auto granularity = GranularityOfKey(key);
  if (!granularity) return KeyInvalid();
  const int year = Digits(key, 0, 4);
  if (year < 1) return KeyInvalid();
  int number = 1;
  int maximum = 1;
  switch (*granularity) {
    case Granularity::kWeek:
      number = Digits(key, 6, 2);
      maximum = WeeksIn(year);
      break;
    case Granularity::kMonth:
      number = Digits(key, 5, 2);
      maximum = 12;
      break;
    case Granularity::kQuarter:
      number = Digits(key, 6, 1);
      maximum = 4;
      break;
    case Granularity::kYear:
      break;
  }
  if (number < 1 || number > maximum) return KeyInvalid();
  return Make(*granularity, year, static_cast<unsigned>(number));
}

EpochMs PeriodStart(const Period& period) { return StartOfLocalDay(period.first); }
EpochMs PeriodEnd(const Period& period) { return StartOfLocalDay(AddDays(period.last, 1)); }

}  // namespace jieli::quality
