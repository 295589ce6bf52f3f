#include "modules/cases/plan_rules.hpp"

#include <set>
#include <string>

#include "core/text.hpp"

namespace jieli::cases {

using nlohmann::json;

std::vector<FieldIssue> CheckGoalInterventionPoints(const json& plan) {
  std::vector<FieldIssue> issues;
  if (!plan.is_object()) return issues;
  auto goals = plan.find("goals");
  if (goals == plan.end() || !goals->is_array()) return issues;
  std::set<std::string> points;
  std::string allowed;
  auto logic = plan.find("service_logic");
  if (logic != plan.end() && logic->is_object()) {
    auto listed = logic->find("intervention_points");
    if (listed != logic->end() && listed->is_array()) {
      for (const auto& point : *listed) {
        if (!point.is_object()) continue;
        auto name = point.find("name");
        if (name == point.end() || !name->is_string() || IsBlank(name->get<std::string>()))
          continue;
        if (!points.insert(Trim(name->get<std::string>())).second) continue;
        if (!allowed.empty()) allowed += ", ";
        allowed += Trim(name->get<std::string>());
      }
    }
  }
  for (std::size_t i = 0; i < goals->size(); ++i) {
    const json& goal = (*goals)[i];
    if (!goal.is_object()) continue;
    auto point = goal.find("intervention_point");
    if (point == goal.end() || !point->is_string() || IsBlank(point->get<std::string>())) continue;
    if (points.count(Trim(point->get<std::string>())) == 0) {
      issues.push_back({"goals[" + std::to_string(i) + "].intervention_point",
                        "invalid_choice",
                        {{"allowed", allowed}}});
    }
  }
  return issues;
}

}  // namespace jieli::cases
