// CaseService::QualityFacts: what the quality indicators need of each case.
// The cheap facts (the cases row, the client's district and categories) are
// read live in two set-wise queries; the costly ones (deadlines, forms,
// follow-ups, closures, escalations) come from case_quality_facts, stored at
// the case's version (quality_facts_schema.hpp). Cases without a valid stored
// row are computed — five more set-wise queries over just those cases, one
// policy and one form schema per agency — and their rows stored.
#include <algorithm>
#include <charconv>
#include <iterator>
#include <map>
#include <string_view>
#include <unordered_map>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/deadline.hpp"
#include "modules/cases/form_schema.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::cases {
namespace {

using Json = nlohmann::json;

// Case ids per computing query, and stored rows per upsert statement (15
// parameters each): well inside SQLite's and PostgreSQL's parameter limits.
constexpr std::size_t kIdsPerQuery = 500;
constexpr std::size_t kRowsPerUpsert = 200;

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

// The stored lists (quality_facts_schema.hpp): "first:second;first:" with an
// empty second when absent, or "t;t" of single times.
void AppendTime(std::string& out, std::optional<EpochMs> t) {
  if (t) out += std::to_string(*t);
}

// Pairs of times of a fact's list: the members `first` and `second` of each.
template <typename Fact, typename Second>
std::string EncodePairs(const std::vector<Fact>& items, EpochMs Fact::*first,
                        Second Fact::*second) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ';';
    AppendTime(out, item.*first);
    out += ':';
    AppendTime(out, item.*second);
  }
  return out;
}

std::string EncodeTimes(const std::vector<EpochMs>& times) {
  std::string out;
  for (EpochMs t : times) {
    if (!out.empty()) out += ';';
    AppendTime(out, t);
  }
  return out;
}

bool ParseTime(std::string_view text, EpochMs& out) {
  const char* end = text.data() + text.size();
  auto [at, error] = std::from_chars(text.data(), end, out);
  return error == std::errc() && at == end && !text.empty();
}

// Calls item(text) for each ';'-separated item; false as soon as one is.
template <typename Item>
bool ForEachItem(std::string_view text, Item&& item) {
  while (!text.empty()) {
    const std::size_t end = text.find(';');
    if (!item(text.substr(0, end))) return false;
    if (end == std::string_view::npos) break;
    text.remove_prefix(end + 1);
  }
  return true;
}

bool ParsePair(std::string_view text, EpochMs& first, std::optional<EpochMs>& second) {
  const std::size_t colon = text.find(':');
  if (colon == std::string_view::npos || !ParseTime(text.substr(0, colon), first)) return false;
  const std::string_view rest = text.substr(colon + 1);
  if (rest.empty()) return true;
  EpochMs t = 0;
  if (!ParseTime(rest, t)) return false;
  second = t;
  return true;
}

// The list EncodePairs wrote into out; false when it is damaged.
template <typename Fact>
bool DecodePairs(std::string_view text, EpochMs Fact::*first, std::optional<EpochMs> Fact::*second,
                 std::vector<Fact>& out) {
  return ForEachItem(text, [&](std::string_view item) {
    Fact fact;
    if (!ParsePair(item, fact.*first, fact.*second)) return false;
    out.push_back(fact);
    return true;
  });
}

// The facts both queries of the cases read live, in their first kLiveColumns
// columns (kQualityCasesSql, kQualityStoredCasesSql).
constexpr std::size_t kLiveColumns = 15;
CaseQualityFacts LiveFactsOf(const store::Row& row) {
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
  f.intervention_at = row.OptInt(10);
  f.evaluation_at = row.OptInt(11);
  f.closed_at = row.OptInt(12);
  f.first_contact_at = row.OptInt(13);
  f.region_id = row.OptInt(14);
  return f;
}

// The columns of kQualityStoredCasesSql: the live ones, then the stored row's.
enum StoredColumn : std::size_t {
  kStoredCaseId = kLiveColumns,
  kCrisisContactDue,
  kAssessmentDue,
  kPlanningDue,
  kClosureDue,
  kClosureRequestedAt,
  kGasT,
  kSatisfaction,
  kFieldsExpected,
  kFieldsFilled,
  kFollowUps,
  kClosures,
  kEscalations,
};

// The stored facts of a row of kQualityStoredCasesSql into f.
Status DecodeStored(const store::Row& row, CaseQualityFacts& f) {
  f.crisis_contact_due = row.OptInt(kCrisisContactDue);
  f.assessment_due = row.OptInt(kAssessmentDue);
  f.planning_due = row.OptInt(kPlanningDue);
  f.closure_due = row.OptInt(kClosureDue);
  f.closure_requested_at = row.OptInt(kClosureRequestedAt);
  if (!row.IsNull(kGasT)) f.gas_t = row.Double(kGasT);
  if (auto s = row.OptInt(kSatisfaction)) f.satisfaction = static_cast<int>(*s);
  f.fields_expected = static_cast<int>(row.Int(kFieldsExpected));
  f.fields_filled = static_cast<int>(row.Int(kFieldsFilled));
  if (!DecodePairs(row.Text(kFollowUps), &FollowUpFact::due_at, &FollowUpFact::done_at,
                   f.followups)) {
    return CorruptStoreError("case_quality_facts.followups");
  }
  if (!DecodePairs(row.Text(kClosures), &ClosureFact::closed_at, &ClosureFact::reopened_at,
                   f.closures)) {
    return CorruptStoreError("case_quality_facts.closures");
  }
  const std::string escalations = row.Text(kEscalations);
  const bool escalations_ok = ForEachItem(escalations, [&](std::string_view item) {
    EpochMs t = 0;
    if (!ParseTime(item, t)) return false;
    f.escalations.push_back(t);
    return true;
  });
  if (!escalations_ok) return CorruptStoreError("case_quality_facts.escalations");
  return Ok();
}

store::Value Opt(const std::optional<EpochMs>& t) { return t ? store::Value(*t) : store::Null(); }

// Upserts the stored rows of facts, each at versions[i].
Status StoreFacts(store::Executor& tx, const std::vector<CaseQualityFacts>& facts,
                  const std::vector<std::int64_t>& versions) {
  for (std::size_t start = 0; start < facts.size(); start += kRowsPerUpsert) {
    const std::size_t end = std::min(facts.size(), start + kRowsPerUpsert);
    std::string sql(kQualityFactsUpsertHead);
    std::vector<store::Value> params;
    params.reserve((end - start) * 15);
    for (std::size_t i = start; i < end; ++i) {
      const CaseQualityFacts& f = facts[i];
      if (i > start) sql += ", ";
      sql += kQualityFactsUpsertRow;
      params.emplace_back(f.case_id);
      params.emplace_back(versions[i]);
      params.emplace_back(kQualityFactsRules);
      params.push_back(Opt(f.crisis_contact_due));
      params.push_back(Opt(f.assessment_due));
      params.push_back(Opt(f.planning_due));
      params.push_back(Opt(f.closure_due));
      params.push_back(Opt(f.closure_requested_at));
      params.push_back(f.gas_t ? store::Value(*f.gas_t) : store::Null());
      params.push_back(f.satisfaction ? store::Value(std::int64_t{*f.satisfaction})
                                      : store::Null());
      params.emplace_back(std::int64_t{f.fields_expected});
      params.emplace_back(std::int64_t{f.fields_filled});
      params.emplace_back(EncodePairs(f.followups, &FollowUpFact::due_at, &FollowUpFact::done_at));
      params.emplace_back(
          EncodePairs(f.closures, &ClosureFact::closed_at, &ClosureFact::reopened_at));
      params.emplace_back(EncodeTimes(f.escalations));
    }
    sql += kQualityFactsUpsertTail;
    JIELI_RETURN_IF_ERROR(tx.Execute(sql, params));
  }
  return Ok();
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
  std::vector<std::int64_t> stale;  // no stored row at the case's version
  {
    std::vector<store::Value> stored_params{kQualityFactsRules};
    stored_params.insert(stored_params.end(), params.begin(), params.end());
    JIELI_ASSIGN_OR_RETURN(
        auto rows,
        db_.Query(std::string(kQualityStoredCasesSql) + where + " ORDER BY c.id", stored_params));
    facts.reserve(rows.size());
    index.reserve(rows.size());
    for (const auto& row : rows) {
      CaseQualityFacts f = LiveFactsOf(row);
      if (row.IsNull(kStoredCaseId)) {
        stale.push_back(f.case_id);
      } else {
        JIELI_RETURN_IF_ERROR(DecodeStored(row, f));
      }
      index[f.case_id] = facts.size();
      facts.push_back(std::move(f));
    }
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows,
                           db_.Query(std::string(kQualityCategoriesSql) + where, params));
    for (const auto& row : rows) {
      auto it = index.find(row.Int(0));
      if (it != index.end()) facts[it->second].categories.push_back(row.Text(1));
    }
  }
  if (stale.empty()) return facts;

  // Computed and stored in one transaction (per slice of cases): on SQLite it
  // holds the writers back, so that no write slips in between what is read
  // and what is stored. On PostgreSQL a row stored at a version is safe from
  // the writes that bump the version; see quality_facts_schema.hpp for the
  // one race left (a policy change during a fill).
  JIELI_ASSIGN_OR_RETURN(auto computed, StoreQualityFacts(stale));
  // Read with the stored row in one transaction: the case as computed (its
  // categories, which it does not read, kept).
  for (auto& c : computed) {
    auto it = index.find(c.case_id);
    if (it == index.end()) continue;
    c.categories = std::move(facts[it->second].categories);
    facts[it->second] = std::move(c);
  }
  return facts;
}

Result<std::vector<CaseQualityFacts>> CaseService::StoreQualityFacts(
    const std::vector<std::int64_t>& case_ids) const {
  std::vector<CaseQualityFacts> facts;
  facts.reserve(case_ids.size());
  // A transaction per slice: a first read of a city's year (every case
  // without a row yet) holds the writers back a moment at a time.
  for (std::size_t start = 0; start < case_ids.size(); start += kIdsPerQuery) {
    const std::size_t end = std::min(case_ids.size(), start + kIdsPerQuery);
    std::vector<store::Value> params(case_ids.begin() + static_cast<std::ptrdiff_t>(start),
                                     case_ids.begin() + static_cast<std::ptrdiff_t>(end));
    std::vector<std::int64_t> versions;
    JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    JIELI_ASSIGN_OR_RETURN(
        auto some, ComputeQualityFacts(*tx, QualityCaseIdsWhere(end - start), params, versions));
    JIELI_RETURN_IF_ERROR(StoreFacts(*tx, some, versions));
    JIELI_RETURN_IF_ERROR(tx->Commit());
    facts.insert(facts.end(), std::make_move_iterator(some.begin()),
                 std::make_move_iterator(some.end()));
  }
  return facts;
}

Result<std::int64_t> CaseService::RebuildQualityFacts() const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kAllCaseIdsSql));
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.Int(0));
  {
    JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    JIELI_RETURN_IF_ERROR(tx->Execute(kQualityFactsClearSql));
    JIELI_RETURN_IF_ERROR(tx->Commit());
  }
  JIELI_RETURN_IF_ERROR(StoreQualityFacts(ids));
  return static_cast<std::int64_t>(ids.size());
}

Status CaseService::DropQualityFactsBelow(store::Executor& tx, std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(tx).Below(org_id));
  std::vector<store::Value> params(below.begin(), below.end());
  JIELI_RETURN_IF_ERROR(tx.Execute(
      std::string(kQualityFactsOfOrgsDeleteSql) + auth::InList(below.size()) + ")", params));
  return Ok();
}

Result<std::vector<CaseQualityFacts>> CaseService::ComputeQualityFacts(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params,
    std::vector<std::int64_t>& versions) const {
  std::vector<CaseQualityFacts> facts;

  std::unordered_map<std::int64_t, std::size_t> index;
  std::map<std::int64_t, std::string> plan_ends;
  std::map<std::int64_t, std::optional<EpochMs>> replanned;
  {
    JIELI_ASSIGN_OR_RETURN(
        auto rows, db.Query(std::string(kQualityCasesSql) + where + " ORDER BY c.id", params));
    facts.reserve(rows.size());
    for (const auto& row : rows) {
      CaseQualityFacts f = LiveFactsOf(row);
      replanned[f.case_id] = row.OptInt(kLiveColumns);
      plan_ends[f.case_id] = row.Text(kLiveColumns + 1);
      versions.push_back(row.Int(kLiveColumns + 2));
      index[f.case_id] = facts.size();
      facts.push_back(std::move(f));
    }
  }
  auto find = [&](std::int64_t case_id) -> CaseQualityFacts* {
    auto it = index.find(case_id);
    return it == index.end() ? nullptr : &facts[it->second];
  };
  {
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kQualityFollowUpsSql) + where +
                                                   std::string(kQualityFollowUpsTail),
                                               params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->followups.push_back({row.Int(1), row.OptInt(2)});
    }
  }
  {
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kQualityEscalationsSql) + where +
                                                   std::string(kQualityEscalationsTail),
                                               params));
    for (const auto& row : rows) {
      if (auto* f = find(row.Int(0))) f->escalations.push_back(row.Int(1));
    }
  }
  {
    std::vector<store::Value> event_params{std::string(kQualityClosedPattern)};
    event_params.insert(event_params.end(), params.begin(), params.end());
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kQualityEventsSql) + where +
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
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kQualityClosureRequestsSql) + where +
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
      JIELI_ASSIGN_OR_RETURN(policies[f.org_id], PolicyFor(db, f.org_id));
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
    JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kQualityFormsSql) + where, params));
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
          auto schema = SchemaFor(db, f.org_id, stage);
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
