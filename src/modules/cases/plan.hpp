// The service plan (服务计划) once approved: what evaluation takes from it.
// The supervisor approves a plan as a version; the evaluation scores the goals
// of the approved version, with their weights, and cannot add, drop or
// reweight one (change the plan instead, which is approved again). Plain
// rules over the forms' JSON; pure and thread-safe.
#pragma once

#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace jieli::cases {

// A GAS goal of a plan as the evaluation sees it.
struct PlanGoal {
  std::string name;
  double weight = 1;
  std::string intervention_point;  // "" when the plan names none
};

// The goals of a plan form (goals[].name, .weight, .intervention_point), in
// order; an entry without a name is skipped, a missing weight counts 1.
std::vector<PlanGoal> PlanGoals(const nlohmann::json& plan);

// The evaluation's goal_attainment as the approved plan dictates it: one entry
// per goal, in the plan's order, its name, weight and intervention point from
// the plan; what the worker scored (attained, evidence, …) is kept from the
// entry of the same name in `attainment`, when there is one.
nlohmann::json GoalsFromPlan(const std::vector<PlanGoal>& goals, const nlohmann::json& attainment);

// Whether an evaluation's goal_attainment keeps to the approved plan: the same
// goals by name, in the same order, with the same weights. Error
// "cases.goals_fixed_by_plan" (kInvalid) with an issue per difference:
// {goal_attainment, "added"} or {goal_attainment, "dropped"} when the count
// differs; {goal_attainment[i].name, "fixed_by_plan"};
// {goal_attainment[i].weight, "fixed_by_plan"}. Not an array: no issue (the
// form's schema reports the type).
Status CheckGoalsMatchPlan(const std::vector<PlanGoal>& goals, const nlohmann::json& attainment);

// Whether the plan as the worker has it differs from the approved version.
bool PlanChanged(const nlohmann::json& approved, const nlohmann::json& working);

}  // namespace jieli::cases
