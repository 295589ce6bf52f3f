#include "modules/quality/signal.hpp"

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

ChartedPeriod Point(std::string key, EpochMs end, std::vector<int> rules,
                    std::optional<double> value = 0.5) {
  ChartedPeriod p;
  p.key = std::move(key);
  p.end = end;
  p.value = value;
  p.rules = std::move(rules);
  return p;
}

TEST(Signal, StateNamesRoundTrip) {
  for (const auto& name : SignalStateNames()) {
    auto state = ParseSignalState(name);
    ASSERT_TRUE(state) << name;
    EXPECT_EQ(ToString(*state), name);
  }
  EXPECT_FALSE(ParseSignalState("closed"));
}

TEST(Signal, OnlyEndedUnrecordedRuleBreaksAreNew) {
  const std::vector<ChartedPeriod> chart = {
      Point("2026-08", 100, {}),       // within the limits
      Point("2026-09", 200, {1}),      // recorded already
      Point("2026-10", 300, {2, 3}),   // new
      Point("2026-11", 400, {4}, {}),  // no data: never a signal
      Point("2026-12", 500, {1}),      // the month is still running
  };
  auto fresh = NewSignals(chart, {"2026-09"}, 450);
  ASSERT_EQ(fresh.size(), 1u);
  EXPECT_EQ(fresh[0].key, "2026-10");
  EXPECT_EQ(fresh[0].rules, (std::vector<int>{2, 3}));
  // Once the month has ended it counts; run again with both recorded, nothing.
  EXPECT_EQ(NewSignals(chart, {"2026-09"}, 500).size(), 2u);
  EXPECT_TRUE(NewSignals(chart, {"2026-09", "2026-10", "2026-12"}, 500).empty());
}

TEST(Signal, OnlyAnOpenSignalMovesAndOnlyOnce) {
  EXPECT_TRUE(CheckSignalMove(SignalState::kOpen, SignalState::kDismissed).ok());
  EXPECT_TRUE(CheckSignalMove(SignalState::kOpen, SignalState::kCycleOpened).ok());
  for (auto from : {SignalState::kDismissed, SignalState::kCycleOpened}) {
    for (auto to : {SignalState::kOpen, SignalState::kDismissed, SignalState::kCycleOpened}) {
      auto status = CheckSignalMove(from, to);
      ASSERT_FALSE(status.ok());
      EXPECT_EQ(status.error().kind(), ErrorKind::kConflict);
      EXPECT_EQ(status.error().code(), "quality.signal_handled");
    }
  }
  EXPECT_FALSE(CheckSignalMove(SignalState::kOpen, SignalState::kOpen).ok());
}

TEST(Signal, ADismissalSaysWhy) {
  EXPECT_EQ(CheckDismissNote("  ").at(0).code, "required");
  EXPECT_EQ(CheckDismissNote(std::string(kMaxDismissNoteChars + 1, 'x')).at(0).code, "too_long");
  EXPECT_TRUE(CheckDismissNote("节假日导致个案量偏少，属于正常波动").empty());
}

TEST(Signal, SourceRefAndRules) {
  EXPECT_EQ(SignalSourceRef("assessment_on_time", "2026-10"), "assessment_on_time:2026-10");
  EXPECT_EQ(RulesText({1, 4}), "1, 4");
  EXPECT_EQ(RulesText({}), "");
  EXPECT_EQ(RulesColumn({1, 4}), "1,4");
  EXPECT_EQ(ParseRulesColumn("1,4"), (std::vector<int>{1, 4}));
  EXPECT_TRUE(ParseRulesColumn("").empty());
}

}  // namespace
}  // namespace jieli::quality
