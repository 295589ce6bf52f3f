#include "modules/cases/risk_review.hpp"

#include <string>

#include <gtest/gtest.h>

#include "core/local_time.hpp"
#include "modules/cases/deadline.hpp"

namespace jieli::cases {
namespace {

// The instant hh:mm on day in Asia/Shanghai.
EpochMs At(const char* day, int hour, int minute) {
  return StartOfLocalDay(ParseDate(day).value()) + (hour * 60 + minute) * 60'000LL;
}

TEST(CaseRiskReview, RaisedToHighOrCriticalAsksForAReview) {
  using R = RiskLevel;
  // Rows: before; columns: after (low, medium, high, critical).
  const bool expected[4][4] = {
      {false, false, true, true},    // low
      {false, false, true, true},    // medium
      {false, false, false, true},   // high
      {false, false, false, false},  // critical
  };
  const R levels[] = {R::kLow, R::kMedium, R::kHigh, R::kCritical};
  for (int before = 0; before < 4; ++before) {
    for (int after = 0; after < 4; ++after) {
      EXPECT_EQ(NeedsRiskReview(levels[before], levels[after]), expected[before][after])
          << ToString(levels[before]) << " → " << ToString(levels[after]);
    }
  }
}

TEST(CaseRiskReview, DueAtTheEndOfTheSecondLocalDay) {
  // Asked late on 2 March: due at the end of 4 March, local time.
  const EpochMs asked = At("2026-03-02", 23, 30);
  const EpochMs due = RiskReviewDue(asked);
  EXPECT_EQ(due, At("2026-03-05", 0, 0) - 1);
  EXPECT_EQ(RiskReviewDue(At("2026-03-02", 0, 10)), due);
  EXPECT_FALSE(IsOverdue(due, due));
  EXPECT_TRUE(IsOverdue(due, due + 1));
}

}  // namespace
}  // namespace jieli::cases
