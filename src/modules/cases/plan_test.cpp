#include "modules/cases/plan.hpp"

#include <string>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

using Json = nlohmann::json;

const Json kPlan = Json::parse(R"({
  "goals": [
    {"name": "按时服药", "weight": 2, "intervention_point": "服药依从性"},
    {"name": "每周参加社区活动", "weight": 1},
    {"weight": 5}
  ]})");

TEST(CasePlan, GoalsOfAPlan) {
  auto goals = PlanGoals(kPlan);
  ASSERT_EQ(goals.size(), 2u);  // the nameless one is skipped
  EXPECT_EQ(goals[0].name, "按时服药");
  EXPECT_EQ(goals[0].weight, 2);
  EXPECT_EQ(goals[0].intervention_point, "服药依从性");
  EXPECT_EQ(goals[1].weight, 1);
  EXPECT_TRUE(PlanGoals(Json()).empty());
  EXPECT_TRUE(PlanGoals(Json::parse(R"({"goals": "x"})")).empty());
}

TEST(CasePlan, EvaluationGoalsComeFromThePlan) {
  const Json scored = Json::parse(R"([
    {"name": "每周参加社区活动", "weight": 9, "attained": 1, "evidence": "参加了 6 次"},
    {"name": "已删除的目标", "weight": 1, "attained": 2}
  ])");
  Json goals = GoalsFromPlan(PlanGoals(kPlan), scored);
  ASSERT_EQ(goals.size(), 2u);
  EXPECT_EQ(goals[0], Json::parse(R"({"name": "按时服药", "weight": 2.0,
                                      "intervention_point": "服药依从性"})"));
  EXPECT_EQ(goals[1]["weight"], 1.0);  // the plan's, not the 9 typed at evaluation
  EXPECT_EQ(goals[1]["attained"], 1);
  EXPECT_EQ(goals[1]["evidence"], "参加了 6 次");
  EXPECT_EQ(GoalsFromPlan(PlanGoals(kPlan), Json()).size(), 2u);
}

TEST(CasePlan, TheEvaluationCannotChangeTheGoals) {
  struct Case {
    const char* name;
    const char* attainment;
    std::vector<std::string> issues;  // "field:code"
  };
  const Case cases[] = {
      {"as planned",
       R"([{"name": "按时服药", "weight": 2, "attained": 0},
           {"name": "每周参加社区活动", "weight": 1.0, "attained": 1}])",
       {}},
      {"weights left out (a draft)", R"([{"name": "按时服药"}, {"name": "每周参加社区活动"}])", {}},
      {"a goal added",
       R"([{"name": "按时服药", "weight": 2}, {"name": "每周参加社区活动", "weight": 1},
           {"name": "新目标", "weight": 1}])",
       {"goal_attainment:added"}},
      {"a goal dropped", R"([{"name": "按时服药", "weight": 2}])", {"goal_attainment:dropped"}},
      {"reweighted",
       R"([{"name": "按时服药", "weight": 3}, {"name": "每周参加社区活动", "weight": 1}])",
       {"goal_attainment[0].weight:fixed_by_plan"}},
      {"renamed and reordered",
       R"([{"name": "每周参加社区活动", "weight": 2}, {"name": "按时服药", "weight": 1}])",
       {"goal_attainment[0].name:fixed_by_plan", "goal_attainment[1].name:fixed_by_plan"}},
      {"weight of the wrong type",
       R"([{"name": "按时服药", "weight": "2"}, {"name": "每周参加社区活动"}])",
       {"goal_attainment[0].weight:fixed_by_plan"}},
      {"not an array (the schema says so)", R"("x")", {}},
  };
  const auto goals = PlanGoals(kPlan);
  for (const auto& c : cases) {
    Status status = CheckGoalsMatchPlan(goals, Json::parse(c.attainment));
    if (c.issues.empty()) {
      EXPECT_TRUE(status.ok()) << c.name;
      continue;
    }
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code(), "cases.goals_fixed_by_plan") << c.name;
    EXPECT_EQ(status.error().kind(), ErrorKind::kInvalid) << c.name;
    std::vector<std::string> got;
    for (const auto& issue : status.error().details())
      got.push_back(issue.field + ":" + issue.code);
    EXPECT_EQ(got, c.issues) << c.name;
  }
}

TEST(CasePlan, ChangedMeansAnyDifference) {
  EXPECT_FALSE(PlanChanged(kPlan, kPlan));
  Json edited = kPlan;
  edited["goals"][1]["weight"] = 2;
  EXPECT_TRUE(PlanChanged(kPlan, edited));
}

}  // namespace
}  // namespace jieli::cases
