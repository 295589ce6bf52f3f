#include "modules/quality/period.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/messages.hpp"

namespace jieli::quality {
namespace {

LocalDate Day(const char* text) { return *ParseDate(text); }

TEST(Period, GranularityNames) {
  for (auto g :
       {Granularity::kWeek, Granularity::kMonth, Granularity::kQuarter, Granularity::kYear}) {
    EXPECT_EQ(ParseGranularity(ToString(g)), g);
  }
  EXPECT_EQ(ToString(Granularity::kQuarter), "quarter");
  EXPECT_FALSE(ParseGranularity("day").has_value());
  EXPECT_FALSE(ParseGranularity("Week").has_value());
  EXPECT_EQ(GranularityNames(), std::vector<std::string>({"week", "month", "quarter", "year"}));
}

TEST(Period, IsoWeeksAcrossYearEnds) {
  // ISO 8601 week dates; the 2008/2009/2010 rows are the examples of the
  // standard's week-date tables (as on Wikipedia's "ISO week date").
  struct Case {
    const char* day;
    const char* key;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"2026-01-01", "2026-W01", "2025-12-29", "2026-01-04"},  // a Thursday: week 1
      {"2025-12-29", "2026-W01", "2025-12-29", "2026-01-04"},  // Monday of the same week
      {"2025-12-28", "2025-W52", "2025-12-22", "2025-12-28"},  // the Sunday before
      {"2026-01-26", "2026-W05", "2026-01-26", "2026-02-01"},
      {"2026-02-01", "2026-W05", "2026-01-26", "2026-02-01"},  // Sunday ends the week
      {"2027-01-01", "2026-W53", "2026-12-28", "2027-01-03"},  // 2026 starts on Thursday: 53
      {"2027-01-04", "2027-W01", "2027-01-04", "2027-01-10"},
      {"2021-01-01", "2020-W53", "2020-12-28", "2021-01-03"},  // leap year starting Wednesday
      {"2022-01-02", "2021-W52", "2021-12-27", "2022-01-02"},
      {"2024-12-30", "2025-W01", "2024-12-30", "2025-01-05"},  // a December day in next year
      {"2008-12-29", "2009-W01", "2008-12-29", "2009-01-04"},
      {"2010-01-03", "2009-W53", "2009-12-28", "2010-01-03"},
      {"2024-02-29", "2024-W09", "2024-02-26", "2024-03-03"},
  };
  for (const auto& c : cases) {
    const Period period = PeriodOf(Day(c.day), Granularity::kWeek);
    EXPECT_EQ(period.key, c.key) << c.day;
    EXPECT_EQ(FormatDate(period.first), c.first) << c.day;
    EXPECT_EQ(FormatDate(period.last), c.last) << c.day;
    auto parsed = ParsePeriodKey(c.key);
    ASSERT_TRUE(parsed.ok()) << c.key;
    EXPECT_EQ(FormatDate(parsed->first), c.first) << c.key;
    EXPECT_EQ(FormatDate(parsed->last), c.last) << c.key;
    EXPECT_EQ(parsed->key, c.key);
  }
}

TEST(Period, MonthsQuartersYears) {
  struct Case {
    const char* day;
    Granularity granularity;
    const char* key;
    const char* first;
    const char* last;
  };
  const Case cases[] = {
      {"2026-03-15", Granularity::kMonth, "2026-03", "2026-03-01", "2026-03-31"},
      {"2028-02-10", Granularity::kMonth, "2028-02", "2028-02-01", "2028-02-29"},  // leap
      {"2026-02-28", Granularity::kMonth, "2026-02", "2026-02-01", "2026-02-28"},
      {"2026-12-31", Granularity::kMonth, "2026-12", "2026-12-01", "2026-12-31"},
      {"2026-01-01", Granularity::kQuarter, "2026-Q1", "2026-01-01", "2026-03-31"},
      {"2026-05-15", Granularity::kQuarter, "2026-Q2", "2026-04-01", "2026-06-30"},
      {"2026-09-30", Granularity::kQuarter, "2026-Q3", "2026-07-01", "2026-09-30"},
      {"2026-10-01", Granularity::kQuarter, "2026-Q4", "2026-10-01", "2026-12-31"},
      {"2026-07-04", Granularity::kYear, "2026", "2026-01-01", "2026-12-31"},
  };
  for (const auto& c : cases) {
    const Period period = PeriodOf(Day(c.day), c.granularity);
    EXPECT_EQ(period.key, c.key) << c.day;
    EXPECT_EQ(FormatDate(period.first), c.first) << c.day;
    EXPECT_EQ(FormatDate(period.last), c.last) << c.day;
    auto parsed = ParsePeriodKey(c.key);
    ASSERT_TRUE(parsed.ok()) << c.key;
    EXPECT_EQ(FormatDate(parsed->first), c.first) << c.key;
    EXPECT_EQ(FormatDate(parsed->last), c.last) << c.key;
    EXPECT_EQ(GranularityOfKey(c.key), c.granularity) << c.key;
  }
}

TEST(Period, KeysRefused) {
  for (const char* key : {"", "2026-W00", "2026-W54", "2025-W53", "2026-W5", "2026-w05", "2026-00",
                          "2026-13", "2026-3", "2026-Q0", "2026-Q5", "2026-q1", "0000", "20x6",
                          "2026-03-01", "２０２６", "2026-W05 ", "-2026", "2026-1a"}) {
    auto period = ParsePeriodKey(key);
    ASSERT_FALSE(period.ok()) << key;
    EXPECT_EQ(period.error().code(), "quality.period_key_invalid") << key;
  }
  // 2020 and 2026 have 53 ISO weeks; 2025 has 52.
  EXPECT_TRUE(ParsePeriodKey("2020-W53").ok());
  EXPECT_TRUE(ParsePeriodKey("2026-W53").ok());
  EXPECT_TRUE(ParsePeriodKey("2025-W52").ok());
}

TEST(Period, PeriodsBetween) {
  auto months = PeriodsBetween(Day("2025-12-15"), Day("2026-02-03"), Granularity::kMonth);
  ASSERT_TRUE(months.ok());
  ASSERT_EQ(months->size(), 3u);
  EXPECT_EQ((*months)[0].key, "2025-12");
  EXPECT_EQ((*months)[1].key, "2026-01");
  EXPECT_EQ((*months)[2].key, "2026-02");

  // 2026-12-20 (Sunday, W51) … 2027-01-05 (Tuesday, 2027-W01): W51, W52, W53, W01.
  auto weeks = PeriodsBetween(Day("2026-12-20"), Day("2027-01-05"), Granularity::kWeek);
  ASSERT_TRUE(weeks.ok());
  std::vector<std::string> keys;
  for (const auto& p : *weeks) keys.push_back(p.key);
  EXPECT_EQ(keys, std::vector<std::string>({"2026-W51", "2026-W52", "2026-W53", "2027-W01"}));

  auto one = PeriodsBetween(Day("2026-05-05"), Day("2026-05-05"), Granularity::kQuarter);
  ASSERT_TRUE(one.ok());
  ASSERT_EQ(one->size(), 1u);
  EXPECT_EQ((*one)[0].key, "2026-Q2");

  auto years = PeriodsBetween(Day("2024-06-01"), Day("2026-01-01"), Granularity::kYear);
  ASSERT_TRUE(years.ok());
  EXPECT_EQ(years->size(), 3u);

  // Periods follow each other without gap or overlap.
  auto quarters = PeriodsBetween(Day("2020-02-01"), Day("2026-11-30"), Granularity::kQuarter);
  ASSERT_TRUE(quarters.ok());
  EXPECT_EQ(quarters->size(), 28u);
  for (std::size_t k = 1; k < quarters->size(); ++k) {
    EXPECT_EQ(FormatDate(AddDays((*quarters)[k - 1].last, 1)), FormatDate((*quarters)[k].first));
  }
}

TEST(Period, PeriodsBetweenRefusals) {
  auto reversed = PeriodsBetween(Day("2026-02-01"), Day("2026-01-31"), Granularity::kMonth);
  ASSERT_FALSE(reversed.ok());
  EXPECT_EQ(reversed.error().code(), "quality.period_range_invalid");

  // 2016-W01 starts 2016-01-04; the 520th week from it is 2025-W51, ending
  // 2025-12-21: exactly the maximum. One day more reaches a 521st week.
  auto ten_years = PeriodsBetween(Day("2016-01-04"), Day("2025-12-21"), Granularity::kWeek);
  ASSERT_TRUE(ten_years.ok()) << ten_years.error().code();
  EXPECT_EQ(ten_years->size(), kMaxPeriods);
  auto too_many = PeriodsBetween(Day("2016-01-04"), Day("2025-12-22"), Granularity::kWeek);
  ASSERT_FALSE(too_many.ok());
  EXPECT_EQ(too_many.error().code(), "quality.too_many_periods");
  EXPECT_EQ(too_many.error().params().at("maximum"), "520");
  // Years are never too many in practice, but the cap holds for every granularity.
  EXPECT_FALSE(PeriodsBetween(Day("1000-01-01"), Day("2026-01-01"), Granularity::kYear).ok());
}

TEST(Period, InstantsInShanghai) {
  // 2026-03 runs from 2026-03-01 00:00 +08:00 (2026-02-28T16:00Z) to 2026-04-01
  // 00:00 +08:00 (2026-03-31T16:00Z), exclusive.
  const Period march = *ParsePeriodKey("2026-03");
  EXPECT_EQ(PeriodStart(march), *ParseIsoDateTime("2026-02-28T16:00:00Z"));
  EXPECT_EQ(PeriodEnd(march), *ParseIsoDateTime("2026-03-31T16:00:00Z"));
}

TEST(Period, ErrorsHaveMessages) {
  for (const char* code :
       {"quality.period_key_invalid", "quality.period_range_invalid", "quality.too_many_periods"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
}

}  // namespace
}  // namespace jieli::quality
