#include "modules/quality/spc.hpp"

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/messages.hpp"

namespace jieli::quality {
namespace {

using Rules = std::vector<std::vector<int>>;

std::vector<Proportion> OfFifty(const std::vector<std::int64_t>& counts) {
  std::vector<Proportion> series;
  for (auto count : counts) series.push_back({count, 50});
  return series;
}

// NIST/SEMATECH e-Handbook of Statistical Methods, §6.3.3.2 "Proportions
// control charts" (pmc332): 30 wafers of 50 chips, misregistered chips per
// wafer. The same data is Montgomery's p-chart example (Introduction to
// Statistical Quality Control, ch. 7, orange-juice cans). Published: p̄ = 0.2313,
// UCL = 0.4102, LCL = 0.0524; wafers 15 (22/50 = 0.44) and 23 (24/50 = 0.48)
// are above the UCL.
const std::vector<std::int64_t> kNistWafers = {12, 15, 8,  10, 4,  7,  16, 9,  14, 10,
                                               5,  6,  17, 12, 22, 8,  10, 5,  13, 11,
                                               20, 18, 24, 15, 9,  12, 7,  13, 9,  6};

TEST(PChart, NistWaferExample) {
  const auto series = OfFifty(kNistWafers);
  auto chart = PChart(series, 0, series.size());
  ASSERT_TRUE(chart.ok()) << chart.error().code();
  EXPECT_EQ(chart->kind, ChartKind::kP);
  EXPECT_FALSE(chart->moving_range_centre.has_value());
  EXPECT_NEAR(chart->centre, 0.2313, 5e-5);  // 347 / 1500
  ASSERT_EQ(chart->points.size(), 30u);
  for (const auto& point : chart->points) {
    EXPECT_NEAR(*point.upper, 0.4102, 5e-5);
    EXPECT_NEAR(*point.lower, 0.0524, 5e-5);
    EXPECT_TRUE(point.baseline);
  }
  EXPECT_DOUBLE_EQ(*chart->points[14].value, 0.44);
  // The published out-of-control points, and (by hand, σ = 0.059635 at n = 50,
  // z = (count − 11.5667)/2.98175) the sensitizing rules the handbook does not
  // apply: wafers 21–22 at z 2.83, 2.16 (two of three beyond 2σ, rule 2 at 22
  // and again at 23), wafers 21–24 at z 2.83, 2.16, 4.17, 1.15 (four of five
  // beyond 1σ, rule 3 at 24). No run of eight on one side (the longest is 4).
  for (std::size_t i = 0; i < 30; ++i) {
    const auto& rules = chart->points[i].rules;
    switch (i + 1) {
      case 15:
        EXPECT_EQ(rules, std::vector<int>({1}));
        break;
      case 22:
        EXPECT_EQ(rules, std::vector<int>({2}));
        break;
      case 23:
        EXPECT_EQ(rules, std::vector<int>({1, 2}));
        break;
      case 24:
        EXPECT_EQ(rules, std::vector<int>({3}));
        break;
      default:
        EXPECT_TRUE(rules.empty()) << "wafer " << i + 1;
    }
  }
}

TEST(PChart, LimitsVaryWithTheDenominatorAndAreClamped) {
  // Baseline: four periods of 10/100 and four of 20/200 → p̄ = 120/1200 = 0.1.
  // n = 100: σ = sqrt(0.09/100) = 0.03 → 0.01 … 0.19.
  // n = 200: σ = 0.0212132 → 0.1 ± 0.0636396 = 0.0363604 … 0.1636396.
  // After the baseline: 25/100 = 0.25 > 0.19 (rule 1); 0/25 with σ = 0.06, the
  // lower limit 0.1 − 0.18 clamped at 0, the value 0 at z = −1.67; 0/0 is a
  // period without data.
  std::vector<Proportion> series = {{10, 100}, {10, 100}, {10, 100}, {10, 100},
                                    {20, 200}, {20, 200}, {20, 200}, {20, 200},
                                    {25, 100}, {0, 25},   {0, 0}};
  auto chart = PChart(series, 0, 8);
  ASSERT_TRUE(chart.ok()) << chart.error().code();
  EXPECT_DOUBLE_EQ(chart->centre, 0.1);
  EXPECT_NEAR(*chart->points[0].lower, 0.01, 1e-12);
  EXPECT_NEAR(*chart->points[0].upper, 0.19, 1e-12);
  EXPECT_NEAR(*chart->points[4].lower, 0.0363604, 1e-7);
  EXPECT_NEAR(*chart->points[4].upper, 0.1636396, 1e-7);
  EXPECT_TRUE(chart->points[7].baseline);
  EXPECT_FALSE(chart->points[8].baseline);
  EXPECT_EQ(chart->points[8].rules, std::vector<int>({1}));
  EXPECT_DOUBLE_EQ(*chart->points[9].lower, 0.0);
  EXPECT_NEAR(*chart->points[9].upper, 0.28, 1e-12);
  EXPECT_TRUE(chart->points[9].rules.empty());
  EXPECT_FALSE(chart->points[10].value.has_value());
  EXPECT_FALSE(chart->points[10].lower.has_value());
  EXPECT_FALSE(chart->points[10].upper.has_value());
  EXPECT_TRUE(chart->points[10].rules.empty());
  EXPECT_DOUBLE_EQ(chart->points[10].centre, 0.1);
}

TEST(PChart, UpperLimitClampedAtOne) {
  // p̄ = 0.9; n = 4: σ = sqrt(0.09/4) = 0.15 → 0.9 + 0.45 clamped to 1, 0.9 − 0.45 = 0.45.
  std::vector<Proportion> series(8, Proportion{36, 40});
  series.push_back({4, 4});
  auto chart = PChart(series, 0, 8);
  ASSERT_TRUE(chart.ok());
  EXPECT_DOUBLE_EQ(*chart->points[8].upper, 1.0);
  EXPECT_NEAR(*chart->points[8].lower, 0.45, 1e-12);
  EXPECT_TRUE(chart->points[8].rules.empty());
}

TEST(PChart, CentreOfZeroCollapsesTheLimits) {
  // Nothing ever happened in the baseline: σ = 0, limits on the centre; a
  // later event is beyond 3σ.
  std::vector<Proportion> series(8, Proportion{0, 20});
  series.push_back({1, 20});
  auto chart = PChart(series, 0, 8);
  ASSERT_TRUE(chart.ok());
  EXPECT_DOUBLE_EQ(chart->centre, 0.0);
  EXPECT_DOUBLE_EQ(*chart->points[0].upper, 0.0);
  EXPECT_TRUE(chart->points[0].rules.empty());
  EXPECT_EQ(chart->points[8].rules, std::vector<int>({1}));
}

// Montgomery, Introduction to Statistical Quality Control (6th ed., ch. 6),
// the individuals chart of the weekly cost of processing mortgage loan
// applications: 20 weeks, x̄ = 300.5, MR̄ = 7.79, UCL = 321.22, LCL = 279.78;
// the process is in control (no point out, no run).
TEST(XmRChart, MontgomeryLoanCostExample) {
  const std::vector<double> costs = {310, 288, 297, 298, 307, 303, 294, 297, 308, 306,
                                     294, 299, 297, 299, 314, 295, 293, 306, 301, 304};
  std::vector<std::optional<double>> series(costs.begin(), costs.end());
  auto chart = XmRChart(series, 0, series.size());
  ASSERT_TRUE(chart.ok()) << chart.error().code();
  EXPECT_EQ(chart->kind, ChartKind::kXmR);
  EXPECT_DOUBLE_EQ(chart->centre, 300.5);
  ASSERT_TRUE(chart->moving_range_centre.has_value());
  EXPECT_NEAR(*chart->moving_range_centre, 7.79, 5e-3);  // 148 / 19 = 7.789474
  for (const auto& point : chart->points) {
    EXPECT_NEAR(*point.upper, 321.22, 5e-3);  // 300.5 + 2.66·7.789474 = 321.2200
    EXPECT_NEAR(*point.lower, 279.78, 5e-3);
    EXPECT_TRUE(point.rules.empty());
  }
}

TEST(XmRChart, ShiftAfterTheBaselineAndGaps) {
  // Baseline 10, 12 alternating: x̄ = 11, MR̄ = 2 → limits 11 ± 5.32, σ = 1.773333.
  // After it: a gap, then 17 (z = 3.38, rule 1).
  std::vector<std::optional<double>> series = {10, 12, 10, 12, 10, 12, 10, 12, std::nullopt, 17};
  auto chart = XmRChart(series, 0, 8);
  ASSERT_TRUE(chart.ok()) << chart.error().code();
  EXPECT_DOUBLE_EQ(chart->centre, 11.0);
  EXPECT_DOUBLE_EQ(*chart->moving_range_centre, 2.0);
  EXPECT_NEAR(*chart->points[0].upper, 16.32, 1e-12);
  EXPECT_NEAR(*chart->points[0].lower, 5.68, 1e-12);
  EXPECT_FALSE(chart->points[8].value.has_value());
  EXPECT_FALSE(chart->points[8].upper.has_value());
  EXPECT_EQ(chart->points[9].rules, std::vector<int>({1}));
}

TEST(XmRChart, MovingRangesSkipGaps) {
  // 1, 3, gap, 10, 12 … : |3 − 1| = 2 and |12 − 10| = 2 count; 3 → 10 spans the
  // gap and does not. Values 1,3,10,12,10,12,10,12: x̄ = 70/8 = 8.75; ranges
  // 2,2,2,2,2,2 → MR̄ = 2.
  std::vector<std::optional<double>> series = {1, 3, std::nullopt, 10, 12, 10, 12, 10, 12};
  auto chart = XmRChart(series, 0, series.size());
  ASSERT_TRUE(chart.ok()) << chart.error().code();
  EXPECT_DOUBLE_EQ(chart->centre, 8.75);
  EXPECT_DOUBLE_EQ(*chart->moving_range_centre, 2.0);
}

TEST(ChartKind, Names) {
  EXPECT_EQ(ToString(ChartKind::kP), "p");
  EXPECT_EQ(ToString(ChartKind::kXmR), "xmr");
  EXPECT_EQ(ParseChartKind("xmr"), ChartKind::kXmR);
  EXPECT_EQ(ParseChartKind("p"), ChartKind::kP);
  EXPECT_FALSE(ParseChartKind("u").has_value());
}

TEST(ControlCharts, Refusals) {
  const std::vector<Proportion> ten(10, Proportion{1, 10});
  struct Case {
    const char* name;
    std::vector<Proportion> series;
    std::size_t begin, end;
    const char* code;
  };
  std::vector<Proportion> with_gaps = ten;
  with_gaps[1] = with_gaps[4] = with_gaps[6] = {0, 0};
  std::vector<Proportion> bad_count = ten;
  bad_count[9] = {11, 10};
  std::vector<Proportion> negative = ten;
  negative[3] = {-1, 10};
  const Case cases[] = {
      {"baseline ends past the series", ten, 0, 11, "quality.baseline_outside"},
      {"empty baseline", ten, 5, 5, "quality.baseline_outside"},
      {"reversed baseline", ten, 6, 2, "quality.baseline_outside"},
      {"seven periods", ten, 0, 7, "quality.baseline_short"},
      {"ten periods, seven with data", with_gaps, 0, 10, "quality.baseline_short"},
      {"no denominators", std::vector<Proportion>(10, Proportion{0, 0}), 0, 10,
       "quality.baseline_empty"},
      {"numerator above denominator", bad_count, 0, 8, "quality.proportion_invalid"},
      {"negative numerator", negative, 0, 10, "quality.proportion_invalid"},
  };
  for (const auto& c : cases) {
    auto chart = PChart(c.series, c.begin, c.end);
    ASSERT_FALSE(chart.ok()) << c.name;
    EXPECT_EQ(chart.error().code(), c.code) << c.name;
    EXPECT_EQ(chart.error().kind(), ErrorKind::kInvalid) << c.name;
  }
  // Eight periods with data is enough: the minimum itself.
  EXPECT_TRUE(PChart(ten, 2, 10).ok());
  auto short_one = PChart(ten, 0, 7);
  EXPECT_EQ(short_one.error().params().at("minimum"), "8");
  EXPECT_EQ(short_one.error().params().at("actual"), "7");
  EXPECT_EQ(PChart(bad_count, 0, 8).error().params().at("index"), "9");
}

TEST(ControlCharts, XmRRefusals) {
  using Series = std::vector<std::optional<double>>;
  const Series eight(8, 1.0);
  Series alternating;  // eight values, never two adjacent: no moving range
  for (int i = 0; i < 8; ++i) alternating.insert(alternating.end(), {1.0, std::nullopt});
  Series not_finite = eight;
  not_finite[2] = std::nan("");
  struct Case {
    const char* name;
    Series series;
    std::size_t begin, end;
    const char* code;
  };
  const Case cases[] = {
      {"outside", eight, 0, 9, "quality.baseline_outside"},
      {"seven values", eight, 1, 8, "quality.baseline_short"},
      {"no adjacent values", alternating, 0, alternating.size(), "quality.baseline_short"},
      {"no values", Series(8, std::nullopt), 0, 8, "quality.baseline_empty"},
      {"not a number", not_finite, 0, 8, "quality.value_invalid"},
  };
  for (const auto& c : cases) {
    auto chart = XmRChart(c.series, c.begin, c.end);
    ASSERT_FALSE(chart.ok()) << c.name;
    EXPECT_EQ(chart.error().code(), c.code) << c.name;
  }
  // A flat baseline is allowed: MR̄ = 0, limits on the centre.
  auto flat = XmRChart(eight, 0, 8);
  ASSERT_TRUE(flat.ok());
  EXPECT_DOUBLE_EQ(*flat->points[0].upper, 1.0);
  EXPECT_TRUE(flat->points[0].rules.empty());
}

// Centre 0, σ 1: the values are the z-scores.
std::vector<RulePoint> Unit(const std::vector<std::optional<double>>& values) {
  std::vector<RulePoint> points;
  for (const auto& value : values) points.push_back({value, 0.0, 1.0});
  return points;
}

TEST(WesternElectricRules, EachRuleBrokenAndJustNot) {
  const auto none = std::nullopt;
  struct Case {
    const char* name;
    std::vector<std::optional<double>> values;
    Rules rules;
  };
  const Case cases[] = {
      // Rule 1: beyond 3σ.
      {"1: above 3σ", {0, 3.01}, {{}, {1}}},
      {"1: below 3σ", {-3.5}, {{1}}},
      {"1 not: on the 3σ line", {3.0, -3.0}, {{}, {}}},
      // Rule 2: two of three beyond 2σ on the same side (3.0 is on the line, not beyond 3σ).
      {"2: two adjacent", {2.5, 3.0}, {{}, {2}}},
      {"2: two of three", {2.5, 0, 2.1}, {{}, {}, {2}}},
      {"2: below", {-2.5, 1, -2.5}, {{}, {}, {2}}},
      {"2 not: four apart", {2.5, 0, 0, 2.5}, {{}, {}, {}, {}}},
      {"2 not: opposite sides", {2.5, 0, -2.5}, {{}, {}, {}}},
      {"2 not: second on the 2σ line", {2.5, 2.0}, {{}, {}}},
      // Rule 3: four of five beyond 1σ on the same side.
      {"3: four of five", {1.5, 1.5, 0, 1.5, 1.5}, {{}, {}, {}, {}, {3}}},
      {"3: below, four adjacent", {-1.2, -1.2, -1.2, -1.2}, {{}, {}, {}, {3}}},
      {"3 not: four of six", {1.5, 1.5, 0, 0, 1.5, 1.5}, {{}, {}, {}, {}, {}, {}}},
      {"3 not: one on the 1σ line", {1.5, 1.5, 1.0, 1.5, 0}, {{}, {}, {}, {}, {}}},
      {"3 not: last point inside", {1.5, 1.5, 1.5, 1.5, 0.5}, {{}, {}, {}, {3}, {}}},
      // Rule 4: eight in a row on one side.
      {"4: eight above",
       {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5},
       {{}, {}, {}, {}, {}, {}, {}, {4}}},
      {"4: nine below",
       {-0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1, -0.1},
       {{}, {}, {}, {}, {}, {}, {}, {4}, {4}}},
      {"4 not: seven then the centre",
       {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0, 0.5},
       {{}, {}, {}, {}, {}, {}, {}, {}, {}}},
      {"4 not: seven then the other side",
       {0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, -0.5},
       {{}, {}, {}, {}, {}, {}, {}, {}}},
      // Gaps: skipped, neither ending nor extending a run.
      {"gap inside a run of eight",
       {0.5, 0.5, 0.5, 0.5, none, 0.5, 0.5, 0.5, 0.5},
       {{}, {}, {}, {}, {}, {}, {}, {}, {4}}},
      {"gaps between two beyond 2σ", {2.5, none, none, 2.5}, {{}, {}, {}, {2}}},
      {"gap never breaks a rule", {none, none}, {{}, {}}},
      {"gaps do not count as points",
       {0.5, none, 0.5, none, 0.5, none, 0.5, 0.5, 0.5, 0.5},
       {{}, {}, {}, {}, {}, {}, {}, {}, {}, {}}},
      // Several at once.
      {"1, 2 and 3 together", {1.5, 1.5, 2.5, 3.5}, {{}, {}, {}, {1, 2, 3}}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(WesternElectricRules(Unit(c.values)), c.rules) << c.name;
  }
}

TEST(WesternElectricRules, ZonesUseEachPointsOwnSigma) {
  // A p-chart's σ varies with n: 0.29 against 0.2 is 1.8σ at σ 0.05 (nothing)
  // and 0.3 is 3.33σ at σ 0.03 (rule 1). σ = 0: on the centre is nothing, off
  // it is beyond every zone (rule 1, and rule 2 with the 3.33σ point).
  const std::vector<RulePoint> points = {
      {0.29, 0.2, 0.05}, {0.3, 0.2, 0.03}, {0.2, 0.2, 0}, {0.21, 0.2, 0}};
  EXPECT_EQ(WesternElectricRules(points), Rules({{}, {1}, {}, {1, 2}}));
}

TEST(ControlCharts, EveryErrorHasAMessage) {
  for (const char* code :
       {"quality.baseline_outside", "quality.baseline_short", "quality.baseline_empty",
        "quality.proportion_invalid", "quality.value_invalid"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
}

// ---- Funnel plots.

TEST(FunnelLimits, ZAreTheNormalQuantilesSpiegelhalterUses) {
  // Spiegelhalter (2005) §2: 95 % and 99.8 % limits at z = 1.96 and 3.09,
  // i.e. 2.5 % and 0.1 % in each tail.
  auto upper_tail = [](double z) { return 0.5 * std::erfc(z / std::sqrt(2.0)); };
  EXPECT_NEAR(upper_tail(kFunnelZ95), 0.025, 1e-8);
  EXPECT_NEAR(upper_tail(kFunnelZ998), 0.001, 1e-8);
}

TEST(FunnelLimits, Proportions) {
  struct Case {
    double target, n;
    double lower95, upper95, lower998, upper998;
  };
  const Case cases[] = {
      // target 0.1, n 100: sd = sqrt(0.09/100) = 0.03;
      // 1.959964·0.03 = 0.05879892, 3.090232·0.03 = 0.09270696.
      {0.1, 100, 0.04120108, 0.15879892, 0.00729304, 0.19270696},
      // n 10: sd = 0.09486833; 95 % ± 0.18593851, 99.8 % ± 0.29316515; lower clamped at 0.
      {0.1, 10, 0.0, 0.28593851, 0.0, 0.39316515},
      // target 0.5, n 400: sd = 0.025 → ± 0.0489991, ± 0.0772558.
      {0.5, 400, 0.4510009, 0.5489991, 0.4227442, 0.5772558},
      // target 0.95, n 20: sd = 0.04873397 → upper clamped at 1.
      {0.95, 20, 0.85448317, 1.0, 0.79940072, 1.0},
  };
  for (const auto& c : cases) {
    const FunnelLimits limits = FunnelLimitsAt(c.target, c.n);
    EXPECT_DOUBLE_EQ(limits.n, c.n);
    EXPECT_NEAR(limits.lower95, c.lower95, 1e-7) << c.target << " " << c.n;
    EXPECT_NEAR(limits.upper95, c.upper95, 1e-7) << c.target << " " << c.n;
    EXPECT_NEAR(limits.lower998, c.lower998, 1e-7) << c.target << " " << c.n;
    EXPECT_NEAR(limits.upper998, c.upper998, 1e-7) << c.target << " " << c.n;
  }
  const FunnelLimits none = FunnelLimitsAt(0.1, 0);
  EXPECT_EQ(none.lower998, 0.0);
  EXPECT_EQ(none.upper998, 1.0);
}

TEST(FunnelLimits, PositionOfAProportion) {
  // Around 0.1 at n = 100: 95 % 0.0412 … 0.1588, 99.8 % 0.0073 … 0.1927.
  struct Case {
    Proportion unit;
    FunnelPosition position;
  };
  const Case cases[] = {
      {{10, 100}, FunnelPosition::kWithin},
      {{15, 100}, FunnelPosition::kWithin},
      {{16, 100}, FunnelPosition::kAbove95},
      {{19, 100}, FunnelPosition::kAbove95},
      {{20, 100}, FunnelPosition::kAbove998},
      {{5, 100}, FunnelPosition::kWithin},
      {{4, 100}, FunnelPosition::kBelow95},
      {{1, 100}, FunnelPosition::kBelow95},
      {{0, 100}, FunnelPosition::kBelow998},
      {{0, 0}, FunnelPosition::kWithin},
      // A small unit at the same rate as a flagged large one is noise: 2/10 = 0.2
      // against 0.1 is within at n = 10 (upper95 0.286), above998 at n = 1000.
      {{2, 10}, FunnelPosition::kWithin},
      {{200, 1000}, FunnelPosition::kAbove998},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(PositionOf(0.1, c.unit), c.position) << c.unit.numerator << "/" << c.unit.denominator;
  }
  EXPECT_EQ(ToString(FunnelPosition::kWithin), "within");
  EXPECT_EQ(ToString(FunnelPosition::kAbove95), "above95");
  EXPECT_EQ(ToString(FunnelPosition::kAbove998), "above998");
  EXPECT_EQ(ToString(FunnelPosition::kBelow95), "below95");
  EXPECT_EQ(ToString(FunnelPosition::kBelow998), "below998");
}

TEST(FunnelLimits, CurveIsLogSpacedAndIncludesTheEnds) {
  auto curve = FunnelCurve(0.1, 10, 1000, 3);
  ASSERT_EQ(curve.size(), 3u);
  EXPECT_NEAR(curve[0].n, 10, 1e-9);
  EXPECT_NEAR(curve[1].n, 100, 1e-9);
  EXPECT_DOUBLE_EQ(curve[2].n, 1000);
  EXPECT_NEAR(curve[1].upper95, 0.15879892, 1e-7);
  // The funnel narrows as n grows.
  auto fine = FunnelCurve(0.1, 5, 5000, 50);
  ASSERT_EQ(fine.size(), 50u);
  for (std::size_t k = 1; k < fine.size(); ++k) {
    EXPECT_GT(fine[k].n, fine[k - 1].n);
    EXPECT_LE(fine[k].upper998, fine[k - 1].upper998);
  }
  EXPECT_TRUE(FunnelCurve(0.1, 10, 1000, 0).empty());
  EXPECT_TRUE(FunnelCurve(0.1, 100, 10, 5).empty());
  ASSERT_EQ(FunnelCurve(0.1, 10, 1000, 1).size(), 1u);
  EXPECT_DOUBLE_EQ(FunnelCurve(0.1, 10, 1000, 1)[0].n, 1000);
  EXPECT_DOUBLE_EQ(FunnelCurve(0.1, 0, 1000, 2)[0].n, 1);  // n_min raised to 1
}

TEST(FunnelLimits, RatesPerCase) {
  // 5 complaints per 100 closed cases = 0.05 per case; n = 200 cases:
  // sd = sqrt(0.05/200) = 0.01581139 → ± 0.03098975 (95 %), ± 0.04886086 (99.8 %).
  const FunnelLimits limits = FunnelLimitsForRate(0.05, 200);
  EXPECT_NEAR(limits.lower95, 0.01901025, 1e-7);
  EXPECT_NEAR(limits.upper95, 0.08098975, 1e-7);
  EXPECT_NEAR(limits.lower998, 0.00113914, 1e-7);
  EXPECT_NEAR(limits.upper998, 0.09886086, 1e-7);
  // n = 20: sd = 0.05 → the lower limits are clamped at 0, the upper is not at 1.
  EXPECT_DOUBLE_EQ(FunnelLimitsForRate(0.05, 20).lower95, 0.0);
  EXPECT_GT(FunnelLimitsForRate(0.5, 1).upper998, 1.0);
  EXPECT_EQ(PositionOfRate(0.05, 10, 200), FunnelPosition::kWithin);    // 0.05
  EXPECT_EQ(PositionOfRate(0.05, 17, 200), FunnelPosition::kAbove95);   // 0.085
  EXPECT_EQ(PositionOfRate(0.05, 20, 200), FunnelPosition::kAbove998);  // 0.10
  EXPECT_EQ(PositionOfRate(0.05, 0, 200), FunnelPosition::kBelow998);   // 0 < 0.00114
  EXPECT_EQ(PositionOfRate(0.05, 3, 0), FunnelPosition::kWithin);
  EXPECT_EQ(FunnelCurveForRate(0.05, 10, 1000, 3).size(), 3u);
}

TEST(FunnelLimits, MeansOfAContinuousMeasure) {
  // Mean GAS T 50 with sd 10 over the city; a unit of n = 25: sd/sqrt(n) = 2 →
  // 50 ± 3.919928 (95 %), ± 6.180464 (99.8 %).
  const FunnelLimits limits = FunnelLimitsForMean(50, 10, 25);
  EXPECT_NEAR(limits.lower95, 46.080072, 1e-6);
  EXPECT_NEAR(limits.upper95, 53.919928, 1e-6);
  EXPECT_NEAR(limits.lower998, 43.819536, 1e-6);
  EXPECT_NEAR(limits.upper998, 56.180464, 1e-6);
  EXPECT_EQ(PositionOfMean(50, 10, 53.9, 25), FunnelPosition::kWithin);
  EXPECT_EQ(PositionOfMean(50, 10, 54, 25), FunnelPosition::kAbove95);
  EXPECT_EQ(PositionOfMean(50, 10, 43, 25), FunnelPosition::kBelow998);
  EXPECT_EQ(PositionOfMean(50, 10, 43, 0), FunnelPosition::kWithin);
  EXPECT_EQ(FunnelCurveForMean(50, 10, 5, 500, 4).size(), 4u);
}

}  // namespace
}  // namespace jieli::quality
