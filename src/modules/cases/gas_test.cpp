#include "modules/cases/gas.hpp"

#include <string>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

TEST(GasTScore, HandComputedValues) {
  // T = 50 + 10·Σwx / sqrt(0.7·Σw² + 0.3·(Σw)²), ρ = 0.3.
  struct Case {
    const char* name;
    std::vector<GasGoal> goals;
    double t;
  };
  const Case cases[] = {
      // Σwx = 0 → T = 50 whatever the denominator.
      {"one goal as expected", {{1, 0}}, 50.0},
      // Σwx = 1; denominator sqrt(0.7·1 + 0.3·1) = 1 → 50 + 10 = 60.
      {"one goal a little better", {{1, 1}}, 60.0},
      // Σwx = −2; denominator 1 → 50 − 20 = 30.
      {"one goal much worse", {{1, -2}}, 30.0},
      // Σwx = 2; sqrt(0.7·2 + 0.3·4) = sqrt(2.6) = 1.6124515
      // → 50 + 20/1.6124515 = 50 + 12.403473 = 62.403473.
      {"two goals a little better", {{1, 1}, {1, 1}}, 62.403473},
      // Σwx = 2·2 + 1·0 + 1·(−1) = 3; Σw² = 4 + 1 + 1 = 6; Σw = 4, (Σw)² = 16;
      // sqrt(0.7·6 + 0.3·16) = sqrt(4.2 + 4.8) = sqrt(9) = 3 → 50 + 10·3/3 = 60.
      {"weights 2,1,1 levels +2,0,-1", {{2, 2}, {1, 0}, {1, -1}}, 60.0},
      // Σwx = −4; sqrt(2.6) = 1.6124515 → 50 − 40/1.6124515 = 50 − 24.806947 = 25.193053.
      {"two goals much worse", {{1, -2}, {1, -2}}, 25.193053},
      // Σwx = 2·2 + 2·2 + 2·2 = 12; Σw² = 12; (Σw)² = 36; sqrt(8.4 + 10.8) = sqrt(19.2)
      // = 4.3817805 → 50 + 120/4.3817805 = 50 + 27.386128 = 77.386128.
      {"three goals weight 2 all best", {{2, 2}, {2, 2}, {2, 2}}, 77.386128},
      // Weights scale out: w = 0.5 gives the same T as w = 1 for one goal.
      {"fractional weight", {{0.5, 1}}, 60.0},
  };
  for (const auto& c : cases) {
    auto t = GasTScore(c.goals);
    ASSERT_TRUE(t.ok()) << c.name;
    EXPECT_NEAR(*t, c.t, 1e-5) << c.name;
  }
}

TEST(GasTScore, StoredWithTwoDecimals) {
  // The worked example above: weights 1,1 at +1 → 62.403473…; at −2 → 25.193053…;
  // weights 2,2,2 at +2 → 77.386128….
  EXPECT_DOUBLE_EQ(RoundTScore(*GasTScore({{1, 1}, {1, 1}})), 62.40);
  EXPECT_DOUBLE_EQ(RoundTScore(*GasTScore({{1, -2}, {1, -2}})), 25.19);
  EXPECT_DOUBLE_EQ(RoundTScore(*GasTScore({{2, 2}, {2, 2}, {2, 2}})), 77.39);
  EXPECT_DOUBLE_EQ(RoundTScore(50.0), 50.0);
  EXPECT_DOUBLE_EQ(RoundTScore(62.406), 62.41);
}

TEST(GasTScore, AllAtMinusTwoIsBelowFifty) {
  auto t = GasTScore({{1, -2}, {3, -2}, {2, -2}});
  ASSERT_TRUE(t.ok());
  EXPECT_LT(*t, 50.0);
}

TEST(GasTScore, OtherRho) {
  // ρ = 0: sqrt(Σw²) = sqrt(2) for two unit goals at +1 → 50 + 20/1.4142136 = 64.142136.
  auto t = GasTScore({{1, 1}, {1, 1}}, 0.0);
  ASSERT_TRUE(t.ok());
  EXPECT_NEAR(*t, 64.142136, 1e-5);
}

TEST(GasTScore, Refusals) {
  struct Case {
    const char* name;
    std::vector<GasGoal> goals;
    double rho;
    const char* reason;
  };
  const Case cases[] = {
      {"no goals", {}, 0.3, "no_goals"},
      {"zero weight", {{0, 1}}, 0.3, "weight"},
      {"negative weight", {{1, 1}, {-1, 1}}, 0.3, "weight"},
      {"level above +2", {{1, 3}}, 0.3, "level"},
      {"level below -2", {{1, -3}}, 0.3, "level"},
      {"rho of one", {{1, 1}}, 1.0, "rho"},
      {"negative rho", {{1, 1}}, -0.1, "rho"},
  };
  for (const auto& c : cases) {
    auto t = GasTScore(c.goals, c.rho);
    ASSERT_FALSE(t.ok()) << c.name;
    EXPECT_EQ(t.error().code(), "cases.gas_invalid") << c.name;
    EXPECT_EQ(t.error().kind(), ErrorKind::kInvalid) << c.name;
    EXPECT_EQ(t.error().params().at("reason"), c.reason) << c.name;
  }
}

}  // namespace
}  // namespace jieli::cases
