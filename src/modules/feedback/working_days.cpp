#include "modules/feedback/working_days.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"

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

std::vector<FieldIssue> CheckCalendarYear(int year, std::span<const CalendarDay> days) {
  std::vector<FieldIssue> issues;
  if (days.size() > kMaxCalendarDays) {
    issues.push_back({"days", "too_many", {{"max", std::to_string(kMaxCalendarDays)}}});
    return issues;
  }
  std::set<date::sys_days> seen;
  for (std::size_t i = 0; i < days.size(); ++i) {
    const std::string at = "days[" + std::to_string(i) + "]";
    const CalendarDay& day = days[i];
    if (!day.date.ok()) {
      issues.push_back({at + ".date", "invalid_date"});
    } else if (static_cast<int>(day.date.year()) != year) {
      issues.push_back({at + ".date", "not_in_year"});
    } else if (!seen.insert(date::sys_days(day.date)).second) {
      issues.push_back({at + ".date", "duplicate"});
    } else if (day.kind == CalendarDayKind::kWorkday) {
      const date::weekday weekday{date::sys_days(day.date)};
      if (weekday != date::Saturday && weekday != date::Sunday) {
        issues.push_back({at + ".kind", "workday_on_weekday"});
      }
    }
    if (IsBlank(day.name)) {
      issues.push_back({at + ".name", "required"});
    } else if (CodePointCount(day.name) > kMaxCalendarNameChars) {
      issues.push_back(
          {at + ".name", "too_long", {{"max", std::to_string(kMaxCalendarNameChars)}}});
    }
  }
  return issues;
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
