#include "core/local_time.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/messages.hpp"

namespace jieli {
namespace {

using date::operator""_y;
using date::operator""_d;

// 2026-11-25 07:38:20 UTC = 15:38:20 in Shanghai.
constexpr EpochMs kSample = 1795592300000;
// 2026-11-24 16:00:00 UTC = 2026-11-25 00:00:00 in Shanghai.
constexpr EpochMs kMidnight = 1795536000000;

TEST(LocalTime, ErrorCodesHaveMessages) {
  EXPECT_TRUE(HasMessage("validation.date"));
  EXPECT_TRUE(HasMessage("validation.datetime"));
}

TEST(LocalTime, UsesTheTzDatabase) {
  // Debian's date-tz reads /usr/share/zoneinfo; tzdata is a build dependency.
  EXPECT_TRUE(LocalTimeUsesTzDatabase());
}

TEST(LocalTime, Formats) {
  struct Case {
    EpochMs t;
    std::string local;
    std::string iso;
  };
  const std::vector<Case> kCases = {
      {kSample, "2026-11-25 15:38:20", "2026-11-25T15:38:20+08:00"},
      {kSample + 999, "2026-11-25 15:38:20", "2026-11-25T15:38:20+08:00"},  // truncated
      {kMidnight, "2026-11-25 00:00:00", "2026-11-25T00:00:00+08:00"},
      {kMidnight - 1, "2026-11-24 23:59:59", "2026-11-24T23:59:59+08:00"},
      {0, "1970-01-01 08:00:00", "1970-01-01T08:00:00+08:00"},
      {-1, "1970-01-01 07:59:59", "1970-01-01T07:59:59+08:00"},  // floored, not truncated
      // Summer time 1986-1991 comes from the tz database: 1988-07-01 12:00 UTC.
      {583761600000, "1988-07-01 21:00:00", "1988-07-01T21:00:00+09:00"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(FormatLocalDateTime(c.t), c.local) << c.t;
    EXPECT_EQ(FormatIsoLocal(c.t), c.iso) << c.t;
  }
}

TEST(LocalTime, DayBoundaryIsAt1600Utc) {
  EXPECT_EQ(LocalDateOf(kMidnight - 1), 2026_y / 11 / 24_d);
  EXPECT_EQ(LocalDateOf(kMidnight), 2026_y / 11 / 25_d);
  EXPECT_EQ(LocalDateOf(kSample), 2026_y / 11 / 25_d);
  EXPECT_EQ(StartOfLocalDay(2026_y / 11 / 25_d), kMidnight);
  EXPECT_EQ(StartOfLocalDay(2026_y / 11 / 26_d), kMidnight + 86'400'000);
  EXPECT_EQ(StartOfLocalDay(1970_y / 1 / 1_d), -8 * 3'600'000);
  for (EpochMs t : {kSample, kMidnight, kMidnight - 1, EpochMs{0}}) {
    EpochMs start = StartOfLocalDay(LocalDateOf(t));
    EXPECT_LE(start, t);
    EXPECT_GT(start + 86'400'000, t);
  }
}

TEST(LocalTime, AddDaysAcrossMonthAndYearEnds) {
  struct Case {
    LocalDate from;
    int days;
    LocalDate to;
  };
  const std::vector<Case> kCases = {
      {2026_y / 1 / 31_d, 1, 2026_y / 2 / 1_d},
      {2026_y / 2 / 28_d, 1, 2026_y / 3 / 1_d},
      {2028_y / 2 / 28_d, 1, 2028_y / 2 / 29_d},  // leap year
      {2028_y / 2 / 29_d, 1, 2028_y / 3 / 1_d},
      {2100_y / 2 / 28_d, 1, 2100_y / 3 / 1_d},  // not a leap year
      {2026_y / 12 / 31_d, 1, 2027_y / 1 / 1_d},
      {2027_y / 1 / 1_d, -1, 2026_y / 12 / 31_d},
      {2026_y / 3 / 1_d, -1, 2026_y / 2 / 28_d},
      {2026_y / 11 / 25_d, 0, 2026_y / 11 / 25_d},
      {2026_y / 1 / 1_d, 365, 2027_y / 1 / 1_d},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(AddDays(c.from, c.days), c.to) << FormatDate(c.from) << " + " << c.days;
  }
}

TEST(LocalTime, ParseAndFormatDate) {
  for (std::string text : {"2026-11-25", "2028-02-29", "2026-01-01", "2026-12-31", "1900-01-01",
                           "0001-01-01", "9999-12-31"}) {
    Result<LocalDate> parsed = ParseDate(text);
    ASSERT_TRUE(parsed.ok()) << text;
    EXPECT_EQ(FormatDate(*parsed), text);
  }
  EXPECT_EQ(*ParseDate("2026-11-25"), 2026_y / 11 / 25_d);
}

TEST(LocalTime, ParseDateRejects) {
  for (std::string text : {"2026-02-30",
                           "2026-02-29",
                           "2100-02-29",
                           "2026-04-31",
                           "2026-13-01",
                           "2026-00-10",
                           "2026-01-00",
                           "2026-1-5",
                           "2026-01-5",
                           "26-01-05",
                           "2026/01/05",
                           "20260105",
                           "2026-01-05 ",
                           " 2026-01-05",
                           "2026-01-05T00:00",
                           "+2026-01-05",
                           "2026-0a-05",
                           "garbage",
                           "",
                           "２０２６-01-05"}) {
    Result<LocalDate> parsed = ParseDate(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code(), "validation.date");
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalid);
  }
}

TEST(LocalTime, ParseIsoDateTime) {
  struct Case {
    std::string text;
    EpochMs t;
  };
  const std::vector<Case> kCases = {
      {"2026-11-25T15:38:20+08:00", kSample},
      {"2026-11-25T07:38:20Z", kSample},
      {"2026-11-25t07:38:20z", kSample},
      {"2026-11-25T07:38:20+00:00", kSample},
      {"2026-11-25T07:38:20-00:00", kSample},
      {"2026-11-24T23:38:20-08:00", kSample},
      {"2026-11-25T13:08:20+05:30", kSample},
      {"2026-11-25T07:38:20.5Z", kSample + 500},
      {"2026-11-25T07:38:20.05Z", kSample + 50},
      {"2026-11-25T07:38:20.123Z", kSample + 123},
      {"2026-11-25T07:38:20.123999999Z", kSample + 123},  // truncated to ms
      {"2026-11-25T00:00:00+08:00", kMidnight},
      {"1970-01-01T00:00:00Z", 0},
      {"1969-12-31T23:59:59.999Z", -1},
  };
  for (const Case& c : kCases) {
    Result<EpochMs> parsed = ParseIsoDateTime(c.text);
    ASSERT_TRUE(parsed.ok()) << c.text;
    EXPECT_EQ(*parsed, c.t) << c.text;
  }
  // What we format, we parse.
  EXPECT_EQ(*ParseIsoDateTime(FormatIsoLocal(kSample)), kSample);
}

TEST(LocalTime, ParseIsoDateTimeRejects) {
  for (std::string text : {
           "",
           "garbage",
           "2026-11-25",                 // no time
           "2026-11-25T15:38:20",        // no offset
           "2026-11-25 15:38:20+08:00",  // space separator
           "2026-11-25T15:38+08:00",     // no seconds
           "2026-02-30T00:00:00Z",       // no such day
           "2026-11-25T24:00:00Z",
           "2026-11-25T23:60:00Z",
           "2026-11-25T23:59:60Z",  // leap second
           "2026-11-25T15:38:20+0800",
           "2026-11-25T15:38:20+08",
           "2026-11-25T15:38:20+24:00",
           "2026-11-25T15:38:20+08:60",
           "2026-11-25T15:38:20.Z",  // empty fraction
           "2026-11-25T15:38:20.1234567890Z",
           "2026-11-25T15:38:20ZZ",
           "2026-11-25T15:38:20Z ",
           "2026-11-25T1a:38:20Z",
           "2026-1-25T15:38:20Z",
       }) {
    Result<EpochMs> parsed = ParseIsoDateTime(text);
    ASSERT_FALSE(parsed.ok()) << text;
    EXPECT_EQ(parsed.error().code(), "validation.datetime");
    EXPECT_EQ(parsed.error().kind(), ErrorKind::kInvalid);
  }
}

}  // namespace
}  // namespace jieli
