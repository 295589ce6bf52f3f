#include "modules/cases/plan.hpp"

#include <string>

namespace jieli::cases {
namespace {

using Json = nlohmann::json;

std::string TextAt(const Json& object, const char* key) {
  if (!object.is_object() || !object.contains(key) || !object[key].is_string()) return "";
  return object[key].get<std::string>();
}

}  // namespace

std::vector<PlanGoal> PlanGoals(const Json& plan) {
  std::vector<PlanGoal> goals;
  if (!plan.is_object() || !plan.contains("goals") || !plan["goals"].is_array()) return goals;
  for (const auto& goal : plan["goals"]) {
    PlanGoal g;
    g.name = TextAt(goal, "name");
    if (g.name.empty()) continue;
    if (goal.contains("weight") && goal["weight"].is_number())
      g.weight = goal["weight"].get<double>();
    g.intervention_point = TextAt(goal, "intervention_point");
    goals.push_back(std::move(g));
  }
  return goals;
}

Json GoalsFromPlan(const std::vector<PlanGoal>& goals, const Json& attainment) {
  Json out = Json::array();
  for (const auto& goal : goals) {
    Json entry = Json::object();
    if (attainment.is_array()) {
      for (const auto& scored : attainment) {
        if (TextAt(scored, "name") == goal.name) {
          entry = scored;
          break;
        }
      }
    }
    entry["name"] = goal.name;
    entry["weight"] = goal.weight;
    if (goal.intervention_point.empty()) {
      entry.erase("intervention_point");
    } else {
      entry["intervention_point"] = goal.intervention_point;
    }
    out.push_back(std::move(entry));
  }
  return out;
}

Status CheckGoalsMatchPlan(const std::vector<PlanGoal>& goals, const Json& attainment) {
  if (!attainment.is_array()) return Ok();
  std::vector<FieldIssue> issues;
  if (attainment.size() > goals.size()) issues.push_back({"goal_attainment", "added"});
  if (attainment.size() < goals.size()) issues.push_back({"goal_attainment", "dropped"});
  for (std::size_t i = 0; i < attainment.size() && i < goals.size(); ++i) {
    const Json& scored = attainment[i];
    const std::string path = "goal_attainment[" + std::to_string(i) + "]";
    if (TextAt(scored, "name") != goals[i].name)
      issues.push_back({path + ".name", "fixed_by_plan"});
    const bool weight_kept = scored.is_object() && scored.contains("weight") &&
                             scored["weight"].is_number() &&
                             scored["weight"].get<double>() == goals[i].weight;
    const bool weight_absent = !scored.is_object() || !scored.contains("weight");
    if (!weight_kept && !weight_absent) issues.push_back({path + ".weight", "fixed_by_plan"});
  }
  if (issues.empty()) return Ok();
  Error error = InvalidError("cases.goals_fixed_by_plan");
  for (auto& issue : issues) error.WithDetail(std::move(issue));
  return error;
}

bool PlanChanged(const Json& approved, const Json& working) { return approved != working; }

}  // namespace jieli::cases
