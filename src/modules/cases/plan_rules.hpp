// Rules of the service plan (服务计划) the form's schema cannot state: the
// service logic runs problem → causes → intervention points → goals, so each
// goal that names an intervention point names one the plan lists. Pure and
// thread-safe.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"

namespace jieli::cases {

// Issues of goals whose "intervention_point" is not the name of one of
// service_logic.intervention_points (compared without surrounding spaces):
// "goals[i].intervention_point" invalid_choice, param allowed (the names,
// comma-separated). A goal without one is not an issue here.
std::vector<FieldIssue> CheckGoalInterventionPoints(const nlohmann::json& plan);

}  // namespace jieli::cases
