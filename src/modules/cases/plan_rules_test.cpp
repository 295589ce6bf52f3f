#include "modules/cases/plan_rules.hpp"

#include <string>
#include <utility>

#include <gtest/gtest.h>

namespace jieli::cases {
namespace {

using nlohmann::json;

using Issues =
    std::vector<std::tuple<std::string, std::string, std::string>>;  // field, code, allowed

Issues Summary(const std::vector<FieldIssue>& issues) {
  Issues out;
  for (const auto& i : issues) {
    auto allowed = i.params.find("allowed");
    out.emplace_back(i.field, i.code, allowed == i.params.end() ? "" : allowed->second);
  }
  return out;
}

json Plan(const json& points, const json& goal_points) {
  json plan = {{"goals", json::array()}};
  if (!points.is_null()) {
    json listed = json::array();
    for (const auto& p : points) listed.push_back({{"name", p}});
    plan["service_logic"] = {{"intervention_points", listed}};
  }
  for (const auto& p : goal_points) {
    json goal = {{"name", "目标"}, {"weight", 1}};
    if (!p.is_null()) goal["intervention_point"] = p;
    plan["goals"].push_back(goal);
  }
  return plan;
}

TEST(PlanRules, GoalsAnswerListedInterventionPoints) {
  struct Case {
    const char* name;
    json plan;
    Issues want;
  };
  const Case cases[] = {
      {"each goal names a listed point",
       Plan({"照顾者负担", "社交退缩"}, {"社交退缩", "照顾者负担"}),
       {}},
      {"goals need not name one", Plan({"照顾者负担"}, {nullptr, ""}), {}},
      {"spaces around do not matter", Plan({" 照顾者负担"}, {"照顾者负担　"}), {}},
      {"an unlisted point",
       Plan({"照顾者负担", "社交退缩"}, {"社交退缩", "经济困难"}),
       {{"goals[1].intervention_point", "invalid_choice", "照顾者负担, 社交退缩"}}},
      {"no service logic at all",
       Plan(nullptr, {"经济困难"}),
       {{"goals[0].intervention_point", "invalid_choice", ""}}},
      {"blank listed points are no points",
       Plan({"", "  "}, {"经济困难"}),
       {{"goals[0].intervention_point", "invalid_choice", ""}}},
      {"a listed point repeated is named once",
       Plan({"甲", "甲"}, {"乙"}),
       {{"goals[0].intervention_point", "invalid_choice", "甲"}}},
      {"no goals", {{"service_logic", {{"intervention_points", {{{"name", "甲"}}}}}}}, {}},
      {"wrong shapes are the schema's",
       {{"goals", {1, {{"intervention_point", 3}}}}, {"service_logic", "x"}},
       {}},
      {"not an object", json::array(), {}},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(Summary(CheckGoalInterventionPoints(c.plan)), c.want) << c.name;
  }
}

}  // namespace
}  // namespace jieli::cases
