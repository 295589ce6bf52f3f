#include "modules/jobs/job_rules.hpp"

#include <gtest/gtest.h>

namespace jieli::jobs {
namespace {

TEST(RetryDelay, DoublesFromTenSecondsUpToAnHour) {
  const struct {
    int attempt;
    EpochMs delay;
  } kCases[] = {
      {0, 10'000},    {1, 10'000},     {2, 20'000},     {3, 40'000},       {7, 640'000},
      {9, 2'560'000}, {10, 3'600'000}, {11, 3'600'000}, {1000, 3'600'000},
  };
  for (const auto& c : kCases) EXPECT_EQ(RetryDelay(c.attempt), c.delay) << "attempt " << c.attempt;
}

TEST(SlotStart, AlignsToThePeriodFromTheEpoch) {
  constexpr EpochMs kFive = 5 * 60 * 1000;
  EXPECT_EQ(SlotStart(0, kFive), 0);
  EXPECT_EQ(SlotStart(kFive - 1, kFive), 0);
  EXPECT_EQ(SlotStart(kFive, kFive), kFive);
  EXPECT_EQ(SlotStart(1795568400000 + 123, kFive), 1795568400000);
  EXPECT_EQ(SlotStart(-1, kFive), -kFive);
}

TEST(SlotKey, NamesKindAndSlot) {
  EXPECT_EQ(SlotKey("cases.scan_deadlines", 1795568400000), "cases.scan_deadlines@1795568400000");
}

}  // namespace
}  // namespace jieli::jobs
