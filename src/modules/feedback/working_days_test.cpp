#include "modules/feedback/working_days.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

LocalDate Day(const char* text) { return *ParseDate(text); }
EpochMs At(const char* text) { return *ParseIsoDateTime(text); }

// The 2025 National Day and Mid-Autumn holiday as the State Council set it:
// 1–8 October off, Sunday 28 September and Saturday 11 October worked.
WorkingCalendar NationalDay2025() {
  std::vector<CalendarDay> days;
  for (const char* off : {"2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05",
                          "2025-10-06", "2025-10-07", "2025-10-08"}) {
    days.push_back({Day(off), CalendarDayKind::kHoliday, "国庆节、中秋节"});
  }
  days.push_back({Day("2025-09-28"), CalendarDayKind::kWorkday, "国庆节调休上班"});
  days.push_back({Day("2025-10-11"), CalendarDayKind::kWorkday, "国庆节调休上班"});
  return WorkingCalendar(days);
}

TEST(WorkingDays, KindNames) {
  EXPECT_EQ(ToString(CalendarDayKind::kHoliday), "holiday");
  EXPECT_EQ(ParseCalendarDayKind("workday"), CalendarDayKind::kWorkday);
  EXPECT_FALSE(ParseCalendarDayKind("weekend").has_value());
}

TEST(WorkingDays, WeekendsHolidaysAndMovedWorkingDays) {
  const WorkingCalendar calendar = NationalDay2025();
  struct Case {
    const char* day;
    bool working;
  };
  const Case cases[] = {
      {"2025-09-26", true},   // Friday
      {"2025-09-27", false},  // Saturday
      {"2025-09-28", true},   // Sunday, worked (调休)
      {"2025-09-30", true},   // Tuesday
      {"2025-10-01", false},  // National Day
      {"2025-10-08", false},  // a Wednesday in the holiday
      {"2025-10-09", true},   // Thursday after it
      {"2025-10-11", true},   // Saturday, worked
      {"2025-10-12", false},  // Sunday
  };
  for (const auto& c : cases) {
    EXPECT_EQ(calendar.IsWorkingDay(Day(c.day)), c.working) << c.day;
  }
  // Without a table: Monday to Friday.
  const WorkingCalendar plain;
  EXPECT_TRUE(plain.IsWorkingDay(Day("2026-12-04")));
  EXPECT_FALSE(plain.IsWorkingDay(Day("2026-12-05")));
  EXPECT_FALSE(plain.IsWorkingDay(Day("2026-12-06")));
}

TEST(WorkingDays, AddWorkingDays) {
  const WorkingCalendar calendar = NationalDay2025();
  struct Case {
    const char* from;
    int n;
    const char* expected;
  };
  const Case cases[] = {
      {"2025-09-30", 1, "2025-10-09"},  // over the whole holiday
      {"2025-09-30", 7, "2025-10-16"},  // 9, 10, 11 (Saturday worked), 13, 14, 15, 16
      {"2025-09-26", 1, "2025-09-28"},  // Friday → the Sunday worked
      {"2025-10-03", 1, "2025-10-09"},  // from inside the holiday
      {"2025-10-09", 2, "2025-10-11"},  {"2025-10-09", 0, "2025-10-09"},
      {"2025-10-09", -3, "2025-10-09"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(FormatDate(calendar.AddWorkingDays(Day(c.from), c.n)), c.expected)
        << c.from << " + " << c.n;
  }
  EXPECT_EQ(FormatDate(WorkingCalendar().AddWorkingDays(Day("2026-12-04"), 1)), "2026-12-07");
}

TEST(WorkingDays, WorkingDaysAfter) {
  const WorkingCalendar calendar = NationalDay2025();
  // 28, 29, 30 September, 9 and 10 October.
  EXPECT_EQ(calendar.WorkingDaysAfter(Day("2025-09-26"), Day("2025-10-10")), 5);
  EXPECT_EQ(calendar.WorkingDaysAfter(Day("2025-10-01"), Day("2025-10-08")), 0);
  EXPECT_EQ(calendar.WorkingDaysAfter(Day("2025-10-10"), Day("2025-10-09")), 0);
  EXPECT_EQ(calendar.WorkingDaysAfter(Day("2025-10-10"), Day("2025-10-10")), 0);
}

TEST(WorkingDays, DeadlineIsTheEndOfTheLastWorkingDay) {
  const WorkingCalendar plain;
  struct Case {
    const char* received;
    int days;
    const char* due;
  };
  const Case cases[] = {
      {"2026-12-04T18:30:00+08:00", 1, "2026-12-08T00:00:00+08:00"},  // Friday evening → Monday
      {"2026-12-05T10:00:00+08:00", 1, "2026-12-08T00:00:00+08:00"},  // Saturday → Monday
      {"2026-12-07T09:00:00+08:00", 1, "2026-12-09T00:00:00+08:00"},  // Monday → Tuesday
      {"2026-12-07T09:00:00+08:00", 7, "2026-12-17T00:00:00+08:00"},  // Monday → next Wednesday
      {"2026-12-07T09:00:00+08:00", 0, "2026-12-08T00:00:00+08:00"},  // the same day
      // 23:30 on Sunday UTC is Monday morning in Shanghai.
      {"2026-12-06T23:30:00Z", 1, "2026-12-09T00:00:00+08:00"},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(WorkingDeadline(plain, At(c.received), c.days), At(c.due)) << c.received;
  }
  EXPECT_EQ(WorkingDeadline(NationalDay2025(), At("2025-09-30T16:00:00+08:00"), 1),
            At("2025-10-10T00:00:00+08:00"));
}

TEST(WorkingDays, ACalendarWithoutWorkingDaysStillEnds) {
  std::vector<CalendarDay> days;
  LocalDate d = Day("2027-01-01");
  for (int i = 0; i < 800; ++i, d = AddDays(d, 1)) {
    days.push_back({d, CalendarDayKind::kHoliday, "全年休"});
  }
  const WorkingCalendar closed(days);
  const LocalDate later = closed.AddWorkingDays(Day("2027-01-01"), 1);
  EXPECT_GT(date::sys_days(later), date::sys_days(Day("2027-01-01")));
}

}  // namespace
}  // namespace jieli::feedback

namespace jieli::feedback {
namespace {

// "field:code" of each issue, for comparing whole tables of them.
std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> codes;
  for (const auto& issue : issues) codes.push_back(issue.field + ":" + issue.code);
  return codes;
}

TEST(WorkingDays, CheckCalendarYear) {
  const LocalDate bad = date::year{2026} / 2 / 30;
  struct Row {
    const char* why;
    std::vector<CalendarDay> days;
    std::vector<std::string> issues;
  };
  const std::vector<Row> rows = {
      {"a holiday and a Sunday worked",
       {{*ParseDate("2026-10-01"), CalendarDayKind::kHoliday, "国庆节"},
        {*ParseDate("2026-09-27"), CalendarDayKind::kWorkday, "国庆节调休上班"}},
       {}},
      {"a holiday on a weekend is fine (the festival spans it)",
       {{*ParseDate("2026-10-03"), CalendarDayKind::kHoliday, "国庆节"}},
       {}},
      {"another year's date",
       {{*ParseDate("2025-10-01"), CalendarDayKind::kHoliday, "国庆节"}},
       {"days[0].date:not_in_year"}},
      {"no such day", {{bad, CalendarDayKind::kHoliday, "x"}}, {"days[0].date:invalid_date"}},
      {"a date twice",
       {{*ParseDate("2026-01-01"), CalendarDayKind::kHoliday, "元旦"},
        {*ParseDate("2026-01-01"), CalendarDayKind::kHoliday, "元旦"}},
       {"days[1].date:duplicate"}},
      {"a Wednesday marked worked",
       {{*ParseDate("2026-09-30"), CalendarDayKind::kWorkday, "调休"}},
       {"days[0].kind:workday_on_weekday"}},
      {"no name",
       {{*ParseDate("2026-01-01"), CalendarDayKind::kHoliday, " \u3000"}},
       {"days[0].name:required"}},
      {"a name too long",
       {{*ParseDate("2026-01-01"), CalendarDayKind::kHoliday, std::string(41 * 3, 'a')}},
       {"days[0].name:too_long"}},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(Codes(CheckCalendarYear(2026, row.days)), row.issues) << row.why;
  }
  std::vector<CalendarDay> too_many(kMaxCalendarDays + 1,
                                    {*ParseDate("2026-01-01"), CalendarDayKind::kHoliday, "x"});
  EXPECT_EQ(Codes(CheckCalendarYear(2026, too_many)), std::vector<std::string>{"days:too_many"});
}

}  // namespace
}  // namespace jieli::feedback
