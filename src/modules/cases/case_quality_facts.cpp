// CaseService::QualityFacts: what the quality indicators need of each case,
// in seven set-wise queries over the organisations' cases active in a window
// (no query per case), plus one policy and one form schema per agency.
#include <map>
#include <unordered_map>

#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/deadline.hpp"
#include "modules/cases/form_schema.hpp"

namespace jieli::cases {
namespace {

using Json = nlohmann::json;

// The fields of a form that count towards completeness: every top-level
// field but the read-only ones the system computes (a GAS T-score).
std::vector<std::string> CountedFields(const Json& schema) {
  std::vector<std::string> names;
  if (!schema.contains("properties") || !schema["properties"].is_object()) return names;
  for (const auto& [name, field] : schema["properties"].items()) {
    if (field.is_object() && field.value("readOnly", false)) continue;
    names.push_back(name);
  }
  return names;
}

}  // namespace

Result<std::vector<CaseQualityFacts>> CaseService::QualityFacts(
    const std::vector<std::int64_t>& org_ids, EpochMs from, EpochMs to) const {
  std::vector<CaseQualityFacts> facts;
  if (org_ids.empty() || from >= to) return facts;
  const std::string where = QualityCasesWhere(org_ids.size());
  std::vector<store::Value> params(org_ids.begin(), org_ids.end());
  params.emplace_back(to);
  params.emplace_back(from);
  params.emplace_back(from);

  std::unordered_map<std::int64_t, std::size_t> index;
  std::map<std::int64_t, std::string> plan_ends;
  std::map<std::int64_t, std::optional<EpochMs>> replanned;
  {
    JIELI_ASSIGN_OR_RETURN(
        auto rows, db_.Query(std::string(kQualityCasesSql) + where + " ORDER BY c.id", params));
    facts.reserve(rows.size());
    for (const auto& row : rows) {
      CaseQualityFacts f;
      f.case_id = row.Int(0);
      f.org_id = row.Int(1);
      f.primary_worker_id = row.Int(2);
      f.co_worker_id = row.OptInt(3);
      f.supervisor_id = row.OptInt(4);
      f.risk = row.Text(5);
      f.crisis = row.Int(6) != 0;
      f.opened_at = row.Int(7);
      f.assessment_at = row.OptInt(8);
      f.planning_at = row.OptInt(9);
      replanned[f.case_id] = row.OptInt(10);
      f.intervention_at = row.OptInt(11);
      f.evaluation_at = row.OptInt(12);
      f.closed_at = row.OptInt(13);
      f.first_contact_at = row.OptInt(14);
      plan_ends[f.case_id] = row.Text(15);
      f.region_id = row.OptInt(16);
      index[f.case_id] = facts.size();
      facts.push_back(std::move(f));
    }
  }
  auto find = [&](std::int64_t case_id) -> CaseQualityFacts* {
    auto it = index.find(case_id);
    return it == index.end() ? nullptr : &facts[it->second];
  };
  {
    JIELI_ASSIGN_OR_RETURN(auto rows,
                           db_.Query(std::string(kQualityCategoriesSql) + where, params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->categories.push_back(row.Text(1));
    }
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kQualityFollowUpsSql) + where, params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->followups.push_back({row.Int(1), row.OptInt(2)});
    }
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows,
                           db_.Query(std::string(kQualityEscalationsSql) + where, params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->escalations.push_back(row.Int(1));
    }
  }
  {
    std::vector<store::Value> event_params{std::string(kQualityClosedPattern)};
    event_params.insert(event_params.end(), params.begin(), params.end());
    JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kQualityEventsSql) + where +
                                                    std::string(kQualityEventsTail),
                                                event_params));
    // Oldest first per case: a reopening belongs to the closure before it.
    for (const auto& row : rows) {
      auto* f = find(row.Int(0));
      if (!f) continue;
      if (row.Text(2) == "moved") {
        f->closures.push_back({row.Int(1), std::nullopt});
      } else if (!f->closures.empty() && !f->closures.back().reopened_at) {
        f->closures.back().reopened_at = row.Int(1);
      }
    }
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kQualityClosureRequestsSql) + where +
                                                    std::string(kQualityClosureRequestsTail),
                                                params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->closure_requested_at = row.OptInt(1);
    }
  }

  // Deadlines under each agency's policy; forms against each agency's schema.
  std::map<std::int64_t, DeadlinePolicy> policies;
  std::map<std::pair<std::int64_t, Stage>, std::vector<std::string>> counted;
  for (auto& f : facts) {
    if (!policies.contains(f.org_id)) {
      JIELI_ASSIGN_OR_RETURN(policies[f.org_id], PolicyFor(db_, f.org_id));
    }
    DeadlineFacts d;
    d.opened_at = f.opened_at;
    d.assessment_at = f.assessment_at;
    d.planning_at = f.planning_at;
    d.replanned_at = replanned[f.case_id];
    d.intervention_at = f.intervention_at;
    d.evaluation_at = f.evaluation_at;
    d.crisis = f.crisis;
    d.first_contact_at = f.first_contact_at;
    if (auto end = ParseDate(plan_ends[f.case_id])) d.plan_end = *end;
    const DeadlinePolicy& policy = policies[f.org_id];
    if (f.crisis) f.crisis_contact_due = StageDeadline(Stage::kIntake, d, policy);
    f.assessment_due = StageDeadline(Stage::kAssessment, d, policy);
    f.planning_due = StageDeadline(Stage::kPlanning, d, policy);
    f.closure_due = StageDeadline(Stage::kClosed, d, policy);
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kQualityFormsSql) + where, params));
    std::map<std::int64_t, std::map<Stage, Json>> forms;
    for (const auto& row : rows) {
      auto stage = ParseStage(row.Text(1));
      if (!stage || !find(row.Int(0))) continue;
      Json data = Json::parse(row.Text(2), nullptr, false);
      if (data.is_discarded() || !data.is_object()) continue;
      forms[row.Int(0)][*stage] = std::move(data);
    }
    for (auto& f : facts) {
      const auto& saved = forms[f.case_id];
      if (auto it = saved.find(Stage::kEvaluation); it != saved.end()) {
        const Json& e = it->second;
        if (e.contains("gas_t_score") && e["gas_t_score"].is_number()) {
          f.gas_t = e["gas_t_score"].get<double>();
        }
        if (e.contains("satisfaction") && e["satisfaction"].is_number_integer()) {
          f.satisfaction = e["satisfaction"].get<int>();
        }
      }
      // The stages the case has reached: intake always, the others by their time.
      const std::optional<EpochMs> reached[] = {f.opened_at,       f.assessment_at, f.planning_at,
                                                f.intervention_at, f.evaluation_at, f.closed_at};
      for (Stage stage : AllStages()) {
        if (!reached[static_cast<std::size_t>(stage)]) continue;
        auto key = std::make_pair(f.org_id, stage);
        if (!counted.contains(key)) {
          auto schema = SchemaFor(db_, f.org_id, stage);
          counted[key] = schema ? CountedFields(*schema) : std::vector<std::string>{};
        }
        const auto& names = counted[key];
        f.fields_expected += static_cast<int>(names.size());
        auto data = saved.find(stage);
        if (data == saved.end()) continue;
        for (const auto& name : names) {
          if (data->second.contains(name) && !IsEmptyValue(data->second[name])) ++f.fields_filled;
        }
      }
    }
  }
  return facts;
}

}  // namespace jieli::cases
