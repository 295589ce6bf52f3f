#include "modules/feedback/working_days.hpp"

#include "core/enum_names.hpp"

namespace jieli::feedback {
namespace {

constexpr EnumNames<CalendarDayKind, 2> kCalendarDayKinds = {{
    {CalendarDayKind::kHoliday, "holiday"},
    {CalendarDayKind::kWorkday, "workday"},
}};

// Longest stretch without a working day the arithmetic will walk through
// (the Spring Festival with its weekends is about nine days); a table that
// marks a whole year a holiday stops here instead of looping on.
constexpr int kMaxDaysWalked = 400;

}  // namespace

std::string_view ToString(CalendarDayKind kind) { return EnumName(kCalendarDayKinds, kind); }
std::optional<CalendarDayKind> ParseCalendarDayKind(std::string_view text) {
  return ParseEnum(kCalendarDayKinds, text);
}

WorkingCalendar::WorkingCalendar(std::span<const CalendarDay> days) {
  for (const auto& day : days) {
    (day.kind == CalendarDayKind::kHoliday ? holidays_ : workdays_)
        .insert(date::sys_days(day.date));
  }
}

bool WorkingCalendar::IsWorkingDay(LocalDate d) const {
  const date::sys_days day(d);
  if (workdays_.contains(day)) return true;
  if (holidays_.contains(day)) return false;
  const date::weekday weekday(day);
  return weekday != date::Saturday && weekday != date::Sunday;
}

LocalDate WorkingCalendar::AddWorkingDays(LocalDate d, int n) const {
  date::sys_days day(d);
  for (int walked = 0; n > 0 && walked < kMaxDaysWalked; ++walked) {
    day += date::days{1};
    if (IsWorkingDay(LocalDate(day))) --n;
  }
  return LocalDate(day);
}

int WorkingCalendar::WorkingDaysAfter(LocalDate from, LocalDate to) const {
  int count = 0;
  for (date::sys_days day = date::sys_days(from) + date::days{1}; day <= date::sys_days(to);
       day += date::days{1}) {
    if (IsWorkingDay(LocalDate(day))) ++count;
  }
  return count;
}

EpochMs WorkingDeadline(const WorkingCalendar& calendar, EpochMs received, int working_days) {
  const LocalDate due = calendar.AddWorkingDays(LocalDateOf(received), working_days);
  return StartOfLocalDay(AddDays(due, 1));
}

}  // namespace jieli::feedback
