#include "modules/quality/objective.hpp"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

LocalDate Day(const char* text) { return *ParseDate(text); }

Objective At(std::int64_t id, std::int64_t org, const char* indicator) {
  Objective o;
  o.id = id;
  o.org_id = org;
  o.indicator = indicator;
  return o;
}

TEST(Objective, NearestOrganisationWinsPerIndicator) {
  // Tree: 1 bureau > 2 agency > 3 department.
  const std::vector<Objective> set = {
      At(10, 2, "assessment_on_time"), At(11, 3, "assessment_on_time"), At(12, 2, "caseload"),
      At(13, 1, "reopen_90d"),         At(14, 4, "plan_on_time"),  // another agency's: never in
                                                                   // force here
  };
  struct Case {
    std::vector<std::int64_t> above;
    std::vector<std::int64_t> ids;  // in the catalogue's order
    const char* why;
  };
  const Case cases[] = {
      {{3, 2, 1}, {11, 13, 12}, "the department's own wins over the agency's"},
      {{2, 1}, {10, 13, 12}, "the agency sees its own and the bureau's"},
      {{1}, {13}, "the bureau sees only its own"},
      {{4, 1}, {14, 13}, "the other agency: its own and the bureau's"},
      {{}, {}, "no chain, nothing in force"},
  };
  for (const auto& c : cases) {
    auto in_force = InForce(set, c.above);
    std::vector<std::int64_t> ids;
    for (const auto& o : in_force) ids.push_back(o.id);
    EXPECT_EQ(ids, c.ids) << c.why;
  }
}

TEST(Objective, InForceFollowsTheCatalogueOrder) {
  const std::vector<Objective> set = {At(1, 7, "caseload"), At(2, 7, "assessment_on_time")};
  const std::vector<std::int64_t> above = {7};
  auto in_force = InForce(set, above);
  ASSERT_EQ(in_force.size(), 2u);
  EXPECT_EQ(in_force[0].indicator, "assessment_on_time");
  EXPECT_EQ(in_force[1].indicator, "caseload");
}

TEST(Objective, StatusByDirection) {
  const IndicatorDef* higher = FindIndicator("assessment_on_time");
  const IndicatorDef* lower = FindIndicator("reopen_90d");
  ASSERT_TRUE(higher && lower);
  ASSERT_EQ(higher->direction, Direction::kHigher);
  ASSERT_EQ(lower->direction, Direction::kLower);
  struct Case {
    const IndicatorDef* def;
    double target;
    std::optional<double> actual;
    ObjectiveStatus status;
  };
  const Case cases[] = {
      {higher, 90, 95.0, ObjectiveStatus::kOnTrack},
      {higher, 90, 90.0, ObjectiveStatus::kOnTrack},  // at the target is on track
      {higher, 90, 89.99, ObjectiveStatus::kOffTrack},
      {higher, 90, 90.0 - 1e-12, ObjectiveStatus::kOnTrack},  // rounding is not a miss
      {higher, 90, std::nullopt, ObjectiveStatus::kNoData},
      {lower, 5, 4.0, ObjectiveStatus::kOnTrack},
      {lower, 5, 5.0, ObjectiveStatus::kOnTrack},
      {lower, 5, 5.5, ObjectiveStatus::kOffTrack},
      {lower, 5, std::nullopt, ObjectiveStatus::kNoData},
      {lower, 0, 0.0, ObjectiveStatus::kOnTrack},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(StatusOf(*c.def, c.target, c.actual), c.status)
        << c.def->id << " target " << c.target << " actual " << c.actual.value_or(-1);
  }
  EXPECT_EQ(ToString(ObjectiveStatus::kOnTrack), "on_track");
  EXPECT_EQ(ToString(ObjectiveStatus::kOffTrack), "off_track");
  EXPECT_EQ(ToString(ObjectiveStatus::kNoData), "no_data");
}

TEST(Objective, TargetsAreCheckedAgainstTheIndicatorsUnit) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    const char* indicator;
    double target;
    std::vector<std::string> issues;  // "field code"
  };
  const Case cases[] = {
      {"assessment_on_time", 90, {}},   // percent
      {"assessment_on_time", 0, {}},    // both ends included
      {"assessment_on_time", 100, {}},  //
      {"assessment_on_time", 100.5, {"target out_of_range"}},
      {"assessment_on_time", -1, {"target out_of_range"}},
      {"assessment_on_time", nan, {"target out_of_range"}},
      {"assessment_on_time", inf, {"target out_of_range"}},
      {"gas_mean", 55, {}},  // score 0–100
      {"gas_mean", 101, {"target out_of_range"}},
      {"caseload", 25, {}},  // count from 0
      {"caseload", 250, {}},
      {"caseload", -3, {"target out_of_range"}},
      {"escalations_per100", 150, {}},  // per 100 may pass 100
      {"complaint_rate", 2, {}},        // per 100 closed cases
      {"no_such_indicator", 1, {"indicator invalid_choice"}},
      {"", 1, {"indicator invalid_choice"}},
  };
  for (const auto& c : cases) {
    std::vector<std::string> got;
    for (const auto& issue : CheckObjective(c.indicator, c.target)) {
      got.push_back(issue.field + " " + issue.code);
    }
    EXPECT_EQ(got, c.issues) << c.indicator << " " << c.target;
  }
  auto issues = CheckObjective("assessment_on_time", 120);
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].params.at("min"), "0");
  EXPECT_EQ(issues[0].params.at("max"), "100");
  auto unknown = CheckObjective("nope", 1);
  ASSERT_EQ(unknown.size(), 1u);
  EXPECT_NE(unknown[0].params.at("allowed").find("assessment_on_time"), std::string::npos);
  EXPECT_NE(unknown[0].params.at("allowed").find("complaint_rate"), std::string::npos);
}

TEST(Objective, RangesOfUnits) {
  EXPECT_EQ(TargetRangeOf(IndicatorUnit::kPercent).max, 100);
  EXPECT_EQ(TargetRangeOf(IndicatorUnit::kScore).max, 100);
  EXPECT_GT(TargetRangeOf(IndicatorUnit::kPer100).max, 100);
  for (auto unit : {IndicatorUnit::kPercent, IndicatorUnit::kHours, IndicatorUnit::kPer100,
                    IndicatorUnit::kCount, IndicatorUnit::kDays, IndicatorUnit::kScore}) {
    EXPECT_EQ(TargetRangeOf(unit).min, 0) << ToString(unit);
  }
}

TEST(Objective, ReferenceDay) {
  const LocalDate today = Day("2026-12-07");
  struct Case {
    std::optional<const char*> asked;
    const char* day;
    const char* why;
  };
  const Case cases[] = {
      {std::nullopt, "2026-12-07", "no period: today"},
      {"2026-12", "2026-12-07", "the current month: today"},
      {"2026", "2026-12-07", "the current year: today, so a monthly objective is this month's"},
      {"2026-03", "2026-03-31", "a past month: its last day"},
      {"2025", "2025-12-31", "a past year: its last day"},
      {"2027-Q1", "2027-01-01", "a future quarter: its first day"},
  };
  for (const auto& c : cases) {
    std::optional<Period> asked;
    if (c.asked) {
      auto parsed = ParsePeriodKey(*c.asked);
      ASSERT_TRUE(parsed) << *c.asked;
      asked = *parsed;
    }
    EXPECT_EQ(ReferenceDay(asked, today), Day(c.day)) << c.why;
  }
  // The period an objective is judged over: its granularity's around that day.
  EXPECT_EQ(PeriodOf(ReferenceDay(*ParsePeriodKey("2026-03"), today), Granularity::kQuarter).key,
            "2026-Q1");
  EXPECT_EQ(PeriodOf(ReferenceDay(*ParsePeriodKey("2025"), today), Granularity::kMonth).key,
            "2025-12");
}

TEST(Objective, Granularities) {
  EXPECT_EQ(ObjectiveGranularityNames(), std::vector<std::string>({"month", "quarter", "year"}));
  for (const auto& name : ObjectiveGranularityNames()) {
    EXPECT_TRUE(ParseGranularity(name).has_value()) << name;
  }
}

}  // namespace
}  // namespace jieli::quality
