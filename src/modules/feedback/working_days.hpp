// Working days (工作日) as an agency in China counts them: Monday to Friday,
// except the national holidays, plus the weekend days the State Council moves
// work to (调休上班). The holidays and the moved working days change every
// year, so they are a table the admin keeps (feedback_calendar); this is the
// arithmetic over it. Plain values; pure and thread-safe.
#pragma once

#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "core/local_time.hpp"

namespace jieli::feedback {

// A day the calendar table names: a holiday off (休) or a weekend day worked (班).
enum class CalendarDayKind { kHoliday, kWorkday };
std::string_view ToString(CalendarDayKind kind);  // "holiday", "workday"
std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view text);

struct CalendarDay {
  LocalDate date;
  CalendarDayKind kind = CalendarDayKind::kHoliday;
  std::string name;  // 春节, 国庆节调休 …
};

inline constexpr std::size_t kMaxCalendarDays = 80;  // a year has about 30 named days
inline constexpr std::size_t kMaxCalendarNameChars = 40;

// Issues with a year's table (field paths "days[i].date"): each date a real
// day of `year`, named once; a name (≤ kMaxCalendarNameChars); a moved
// working day on a weekend; at most kMaxCalendarDays rows.
std::vector<FieldIssue> CheckCalendarYear(int year, std::span<const CalendarDay> days);

class WorkingCalendar {
 public:
  WorkingCalendar() = default;
  explicit WorkingCalendar(std::span<const CalendarDay> days);

  bool IsWorkingDay(LocalDate d) const;
  // The n-th working day after d (n ≥ 1; d itself does not count); n ≤ 0 gives d.
  LocalDate AddWorkingDays(LocalDate d, int n) const;
  // The working days in (from, to]: 0 when to ≤ from.
  int WorkingDaysAfter(LocalDate from, LocalDate to) const;

 private:
  std::set<date::sys_days> holidays_;
  std::set<date::sys_days> workdays_;
};

// When something received at `received` is due within `working_days` working
// days: the end (24:00, local) of the n-th working day after the day it came
// in. A complaint made on Friday evening with one working day to acknowledge
// is due at the end of Monday; one made on a Saturday, too.
EpochMs WorkingDeadline(const WorkingCalendar& calendar, EpochMs received, int working_days);

}  // namespace jieli::feedback
