#include "modules/cases/followup.hpp"

#include <string>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

LocalDate D(const char* text) { return ParseDate(text).value(); }

TEST(FollowUp, DefaultOneThreeSixMonths) {
  struct Case {
    const char* closed;
    std::vector<std::string> want;
  };
  const Case cases[] = {
      {"2026-03-15", {"2026-04-15", "2026-06-15", "2026-09-15"}},
      {"2026-01-31", {"2026-02-28", "2026-04-30", "2026-07-31"}},  // clamped to month ends
      {"2028-01-31", {"2028-02-29", "2028-04-30", "2028-07-31"}},  // leap year
      {"2026-08-31", {"2026-09-30", "2026-11-30", "2027-02-28"}},  // across the year end
      {"2026-12-15", {"2027-01-15", "2027-03-15", "2027-06-15"}},
      {"2027-11-30", {"2027-12-30", "2028-02-29", "2028-05-30"}},
  };
  for (const auto& c : cases) {
    auto dates = FollowUpDates(D(c.closed));
    ASSERT_EQ(dates.size(), c.want.size()) << c.closed;
    for (std::size_t i = 0; i < dates.size(); ++i) {
      EXPECT_EQ(FormatDate(dates[i]), c.want[i]) << c.closed << " #" << i;
    }
  }
}

TEST(FollowUp, CustomMonths) {
  auto dates = FollowUpDates(D("2026-05-31"), {2, 12, 0, -1, 24});
  ASSERT_EQ(dates.size(), 3u);  // 0 and −1 are skipped
  EXPECT_EQ(FormatDate(dates[0]), "2026-07-31");
  EXPECT_EQ(FormatDate(dates[1]), "2027-05-31");
  EXPECT_EQ(FormatDate(dates[2]), "2028-05-31");
  EXPECT_TRUE(FollowUpDates(D("2026-05-31"), {}).empty());
  EXPECT_EQ(FormatDate(AddMonthsClamped(D("2024-02-29"), 12)), "2025-02-28");
}

}  // namespace
}  // namespace jieli::cases
