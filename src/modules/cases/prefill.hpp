// Prefill of stage forms (预填): nothing is asked twice (社工就是写工). A stage's
// form starts from the client record and the earlier stages' forms; what the
// worker has saved always wins, and only empty values (null, "", [] or absent)
// are filled:
//   intake        client_snapshot ← the client record
//   assessment    problem_definition ← intake.presenting_problem
//   planning      goals ← assessment needs with severity ≥ 3, most severe first:
//                 name = the domain's label, domain, weight 1 and the five GAS
//                 levels −2…+2 with empty descriptions;
//                 service_logic.problem ← assessment.problem_definition
//   intervention  nothing
//   evaluation    goal_attainment ← planning goals (name, weight, intervention_point);
//                 scale_results ← assessment scales (scale, name, pre = baseline);
//                 evaluation_methods ← planning.evaluation_methods
//   closed        summary ← a skeleton from the evaluation (each goal's attained
//                 level, the T-score, the reflection), follow_up_months ← 1, 3, 6
// Labels in prefilled text come from the templates, not from code. Pure and
// thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/local_time.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

// What a case form may take from the client record (服务对象档案); the clients
// module maps its record onto this.
struct ClientFacts {
  std::string name;
  std::string gender;  // as the client record states it
  std::optional<LocalDate> birth_date;
  std::vector<std::string> categories;  // e.g. 老年人, 低保
  std::string address;
};

// The form of stage prefilled. earlier_stages holds earlier forms by stage
// name ({"intake": {...}, "assessment": {...}}; missing or null entries are
// skipped); saved is the form as last saved (null when never saved). Objects
// are filled member by member; a non-empty saved array is kept whole.
nlohmann::json Prefill(Stage stage, const ClientFacts& client, const nlohmann::json& earlier_stages,
                       const nlohmann::json& saved);

}  // namespace jieli::cases
