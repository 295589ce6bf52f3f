#include "modules/cases/prefill.hpp"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "modules/cases/form_schema.hpp"
#include "modules/cases/gas.hpp"

namespace jieli::cases {
namespace {

using nlohmann::json;

// Need severity from which a need becomes a planning goal.
constexpr int kGoalSeverity = 3;

const json& Earlier(const json& earlier, Stage stage) {
  static const json kEmpty = json::object();
  if (!earlier.is_object()) return kEmpty;
  auto it = earlier.find(std::string(ToString(stage)));
  return it != earlier.end() && it->is_object() ? *it : kEmpty;
}

// The member key of object, or null when absent.
json Get(const json& object, const char* key) {
  auto it = object.find(key);
  return it == object.end() ? json() : *it;
}

// The Chinese label of value in a field schema's enum ("psychological" → "心理情绪").
std::string LabelOf(const json& field, const json& value) {
  auto choices = field.find("enum");
  auto labels = field.find("x-enum-labels");
  if (choices == field.end() || labels == field.end())
    return value.is_string() ? value.get<std::string>() : value.dump();
  for (std::size_t i = 0; i < choices->size() && i < labels->size(); ++i) {
    if ((*choices)[i] == value) return (*labels)[i].get<std::string>();
  }
  return value.is_string() ? value.get<std::string>() : value.dump();
}

// The schema of a field by a dotted path of property names, "[]" for items.
const json& FieldSchema(Stage stage, std::initializer_list<const char*> path) {
  const json* at = &BuiltInTemplate(stage);
  for (const char* step : path) {
    at = std::string_view(step) == "[]" ? &(*at)["items"] : &(*at)["properties"][step];
  }
  return *at;
}

std::string Title(Stage stage, std::initializer_list<const char*> path) {
  return FieldSchema(stage, path).value("title", "");
}

// saved wins: fill members of saved that are empty from suggested, recursively for objects.
json Merge(const json& saved, const json& suggested) {
  if (saved.is_null()) return suggested;
  if (saved.is_object() && suggested.is_object()) {
    json out = saved;
    for (const auto& [key, value] : suggested.items()) {
      auto it = out.find(key);
      if (it == out.end() || IsEmptyValue(*it)) {
        out[key] = value;
      } else if (it->is_object() && value.is_object()) {
        *it = Merge(*it, value);
      }
    }
    return out;
  }
  return IsEmptyValue(saved) ? suggested : saved;
}

json SuggestIntake(const ClientFacts& client) {
  json snapshot = json::object();
  if (!client.name.empty()) snapshot["name"] = client.name;
  if (!client.gender.empty()) snapshot["gender"] = client.gender;
  if (client.birth_date) snapshot["birth_date"] = FormatDate(*client.birth_date);
  if (!client.categories.empty()) snapshot["categories"] = client.categories;
  if (!client.address.empty()) snapshot["address"] = client.address;
  json form = json::object();
  if (!snapshot.empty()) form["client_snapshot"] = std::move(snapshot);
  return form;
}

json SuggestAssessment(const json& earlier) {
  json form = json::object();
  json problem = Get(Earlier(earlier, Stage::kIntake), "presenting_problem");
  if (problem.is_string() && !IsEmptyValue(problem)) form["problem_definition"] = problem;
  return form;
}

json FiveLevels() {
  json levels = json::array();
  for (int level = -2; level <= 2; ++level)
    levels.push_back({{"level", level}, {"description", ""}});
  return levels;
}

json SuggestPlanning(const json& earlier) {
  json needs = Get(Earlier(earlier, Stage::kAssessment), "needs");
  if (!needs.is_array()) return json::object();
  std::vector<json> serious;
  for (const auto& need : needs) {
    if (!need.is_object()) continue;
    json severity = Get(need, "severity");
    json domain = Get(need, "domain");
    if (severity.is_number() && severity.get<double>() >= kGoalSeverity && domain.is_string()) {
      serious.push_back(need);
    }
  }
  std::stable_sort(serious.begin(), serious.end(), [](const json& a, const json& b) {
    return a["severity"].get<double>() > b["severity"].get<double>();
  });
  const json& domain_field = FieldSchema(Stage::kAssessment, {"needs", "[]", "domain"});
  json goals = json::array();
  for (const auto& need : serious) {
    goals.push_back({{"name", LabelOf(domain_field, need["domain"])},
                     {"domain", need["domain"]},
                     {"weight", 1},
                     {"levels", FiveLevels()}});
  }
  json form = json::object();
  if (!goals.empty()) form["goals"] = std::move(goals);
  json problem = Get(Earlier(earlier, Stage::kAssessment), "problem_definition");
  if (problem.is_string() && !IsEmptyValue(problem)) form["service_logic"]["problem"] = problem;
  return form;
}

// The assessment's scales as the evaluation's results to score again, the
// baseline as the pre-test.
json ScaleResults(const json& assessment) {
  json scales = Get(assessment, "scales");
  json results = json::array();
  if (!scales.is_array()) return results;
  for (const auto& scale : scales) {
    if (!scale.is_object() || !Get(scale, "scale").is_string()) continue;
    json item = {{"scale", scale["scale"]}};
    json name = Get(scale, "name");
    json baseline = Get(scale, "baseline");
    if (name.is_string() && !IsEmptyValue(name)) item["name"] = name;
    if (baseline.is_number()) item["pre"] = baseline;
    results.push_back(std::move(item));
  }
  return results;
}

json SuggestEvaluation(const json& earlier) {
  const json& plan = Earlier(earlier, Stage::kPlanning);
  json form = json::object();
  json goals = Get(plan, "goals");
  json attainment = json::array();
  if (goals.is_array()) {
    for (const auto& goal : goals) {
      if (!goal.is_object()) continue;
      json item = json::object();
      json name = Get(goal, "name");
      json weight = Get(goal, "weight");
      json point = Get(goal, "intervention_point");
      if (name.is_string()) item["name"] = name;
      if (point.is_string() && !IsEmptyValue(point)) item["intervention_point"] = point;
      if (weight.is_number()) item["weight"] = weight;
      attainment.push_back(std::move(item));
    }
  }
  if (!attainment.empty()) form["goal_attainment"] = std::move(attainment);
  json results = ScaleResults(Earlier(earlier, Stage::kAssessment));
  if (!results.empty()) form["scale_results"] = std::move(results);
  json methods = Get(plan, "evaluation_methods");
  if (methods.is_array() && !methods.empty()) form["evaluation_methods"] = methods;
  return form;
}

// "目标达成情况：\n- 增加外出：高于预期\nGAS T 分数：60.0\n社工反思：…" — labels from the
// evaluation template, so the skeleton speaks the form's language.
std::string ClosureSkeleton(const json& evaluation) {
  std::string text;
  json goals = Get(evaluation, "goal_attainment");
  std::vector<GasGoal> gas;
  bool all_scored = goals.is_array() && !goals.empty();
  if (goals.is_array() && !goals.empty()) {
    const json& attained_field =
        FieldSchema(Stage::kEvaluation, {"goal_attainment", "[]", "attained"});
    text += Title(Stage::kEvaluation, {"goal_attainment"}) + "：\n";
    for (const auto& goal : goals) {
      if (!goal.is_object()) continue;
      json name = Get(goal, "name");
      json attained = Get(goal, "attained");
      json weight = Get(goal, "weight");
      text += "- " + (name.is_string() ? name.get<std::string>() : std::string()) + "：";
      if (attained.is_number_integer()) text += LabelOf(attained_field, attained);
      text += "\n";
      if (attained.is_number_integer() && weight.is_number()) {
        gas.push_back({weight.get<double>(), attained.get<int>()});
      } else {
        all_scored = false;
      }
    }
  }
  if (all_scored) {
    auto t = GasTScore(gas);
    if (t.ok()) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, "%.1f", *t);
      text += Title(Stage::kEvaluation, {"gas_t_score"}) + "：" + buffer + "\n";
    }
  }
  json reflection = Get(evaluation, "reflection");
  if (reflection.is_string() && !IsEmptyValue(reflection)) {
    text += Title(Stage::kEvaluation, {"reflection"}) + "：" + reflection.get<std::string>() + "\n";
  }
  return text;
}

json SuggestClosure(const json& earlier) {
  json form = {{"follow_up_months", {1, 3, 6}}};
  std::string summary = ClosureSkeleton(Earlier(earlier, Stage::kEvaluation));
  if (!summary.empty()) form["summary"] = summary;
  return form;
}

}  // namespace

json Prefill(Stage stage, const ClientFacts& client, const json& earlier_stages,
             const json& saved) {
  json suggested;
  switch (stage) {
    case Stage::kIntake:
      suggested = SuggestIntake(client);
      break;
    case Stage::kAssessment:
      suggested = SuggestAssessment(earlier_stages);
      break;
    case Stage::kPlanning:
      suggested = SuggestPlanning(earlier_stages);
      break;
    case Stage::kIntervention:
      suggested = json::object();
      break;
    case Stage::kEvaluation:
      suggested = SuggestEvaluation(earlier_stages);
      break;
    case Stage::kClosed:
      suggested = SuggestClosure(earlier_stages);
      break;
  }
  json base = saved.is_object() ? saved : json::object();
  return Merge(base, suggested);
}

}  // namespace jieli::cases
