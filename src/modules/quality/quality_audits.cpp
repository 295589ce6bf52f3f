// QualityService: case-file audits (档案评审) — the agency's checklists, rounds
// drawn from a population with a recorded seed, scoring by the auditors, and
// findings worked by the case's worker. The rules are in audit.hpp and
// audit_sample.hpp; the cases' facts come through CaseService.
#include <algorithm>
#include <map>
#include <set>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/audit_sample.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

// The checklist a round was drawn with, as stored in its row.
std::string ChecklistColumn(const std::vector<ChecklistItem>& items) {
  Json list = Json::array();
  for (const auto& item : items) {
    list.push_back({{"key", item.key},
                    {"stage", std::string(ToString(item.stage))},
                    {"text_zh", item.text_zh},
                    {"text_en", item.text_en},
                    {"weight", item.weight},
                    {"builtin", item.builtin}});
  }
  return DumpJson(list);
}

Result<std::vector<ChecklistItem>> ChecklistFromColumn(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json parsed, ParseStoredJson(text, "quality_audit_rounds.checklist"));
  if (!parsed.is_array()) return CorruptStoreError("quality_audit_rounds.checklist");
  std::vector<ChecklistItem> items;
  for (const auto& j : parsed) {
    if (!j.is_object() || !j.contains("key") || !j["key"].is_string() || !j.contains("stage") ||
        !j["stage"].is_string() || !j.contains("weight") || !j["weight"].is_number_integer()) {
      return CorruptStoreError("quality_audit_rounds.checklist");
    }
    auto stage = ParseAuditStage(j["stage"].get<std::string>());
    if (!stage) return CorruptStoreError("quality_audit_rounds.checklist");
    ChecklistItem item;
    item.key = j["key"].get<std::string>();
    item.stage = *stage;
    item.text_zh = j.value("text_zh", std::string());
    item.text_en = j.value("text_en", std::string());
    item.weight = j["weight"].get<int>();
    item.builtin = j.value("builtin", false);
    items.push_back(std::move(item));
  }
  return items;
}

std::string StagesColumn(const std::vector<AuditStage>& stages) {
  std::string text;
  for (AuditStage s : stages) {
    if (!text.empty()) text += ",";
    text += ToString(s);
  }
  return text;
}

std::vector<AuditStage> StagesFromColumn(const std::string& text) {
  std::vector<AuditStage> stages;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(',', start), text.size());
    if (auto s = ParseAuditStage(text.substr(start, end - start))) stages.push_back(*s);
    start = end + 1;
  }
  return stages;
}

// The stages a case had entered, from its facts.
std::vector<AuditStage> StagesReached(const cases::CaseQualityFacts& f) {
  std::vector<AuditStage> stages = {AuditStage::kIntake};
  if (f.assessment_at) stages.push_back(AuditStage::kAssessment);
  if (f.planning_at) stages.push_back(AuditStage::kPlanning);
  if (f.intervention_at) stages.push_back(AuditStage::kIntervention);
  if (f.evaluation_at) stages.push_back(AuditStage::kEvaluation);
  if (f.closure_requested_at || f.closed_at) stages.push_back(AuditStage::kClosure);
  return stages;
}

std::vector<ScoredItem> Scored(const std::vector<ChecklistItem>& checklist,
                               const std::vector<ItemScoreInput>& scores) {
  std::map<std::string, int> weights;
  for (const auto& item : checklist) weights[item.key] = item.weight;
  std::vector<ScoredItem> items;
  for (const auto& s : scores) {
    auto w = weights.find(s.key);
    if (w != weights.end()) items.push_back({s.key, w->second, s.score});
  }
  return items;
}

Json FindingAudit(const AuditFinding& f) {
  return {{"state", std::string(ToString(f.state))},
          {"severity", std::string(ToString(f.severity))},
          {"case_id", f.case_id},
          {"due_on", f.due_on}};
}

}  // namespace

// --- checklists ---

Result<AuditChecklist> QualityService::Checklist(const auth::Actor& actor,
                                                 std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityRead, org_id, "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db_).Above(org_id));
  for (std::int64_t org : above) {
    JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kChecklistOfOrgSql, {org}));
    if (rows.empty()) continue;
    AuditChecklist list;
    list.from_org_id = org;
    for (const auto& row : rows) {
      auto stage = ParseAuditStage(row.Text(1));
      if (!stage) return CorruptStoreError("quality_checklist_items.stage");
      list.items.push_back({row.Text(0), *stage, row.Text(2), row.Text(3),
                            static_cast<int>(row.Int(4)), row.Int(5) != 0, row.Int(6) != 0});
    }
    return list;
  }
  return AuditChecklist{BuiltInChecklist(), std::nullopt};
}

Result<AuditChecklist> QualityService::SetChecklist(const auth::Actor& actor, std::int64_t org_id,
                                                    std::vector<ChecklistItem> items) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, org_id, "quality.not_found"));
  if (!items.empty()) {
    auto issues = CheckChecklist(items);
    if (!issues.empty()) return ValidationFailed(std::move(issues));
  }
  JIELI_ASSIGN_OR_RETURN(AuditChecklist before, Checklist(actor, org_id));
  // A built-in key keeps its meaning: an item sent with one stays built-in.
  std::set<std::string> builtin_keys;
  for (const auto& item : BuiltInChecklist()) builtin_keys.insert(item.key);
  for (auto& item : items) item.builtin = builtin_keys.contains(item.key);
  NameNewItems(items);
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(kChecklistDeleteSql, {org_id}));
  for (std::size_t i = 0; i < items.size(); ++i) {
    const auto& item = items[i];
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kChecklistInsertSql,
        {org_id, item.key, static_cast<std::int64_t>(i), std::string(ToString(item.stage)),
         item.text_zh, item.text_en, std::int64_t{item.weight}, std::int64_t{item.retired ? 1 : 0},
         std::int64_t{item.builtin ? 1 : 0}, actor.user_id(), now}));
  }
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, org_id, "quality.set_checklist", "audit_checklist", std::to_string(org_id),
      DumpJson({{"items",
                 {{"before", static_cast<std::int64_t>(before.items.size())},
                  {"after", static_cast<std::int64_t>(items.size())}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Checklist(actor, org_id);
}

// --- rounds ---

Result<AuditRound> QualityService::LoadRound(store::Executor& db, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto row,
                         db.QueryOne(std::string(kRoundSelect) + " WHERE r.id = ?", {id}));
  if (!row) return NotFoundError("quality.not_found");
  AuditRound r;
  r.id = row->Int(0);
  r.org_id = row->Int(1);
  r.title = row->Text(2);
  r.from = row->Text(3);
  r.to = row->Text(4);
  r.basis = ParsePeriodBasis(row->Text(5)).value_or(PeriodBasis::kOpened);
  if (auto stage = row->OptText(6)) r.stage = ParseAuditStage(*stage);
  if (auto worker = row->OptInt(7)) r.worker = Person{*worker, ""};
  r.sample_size = static_cast<int>(row->Int(8));
  r.seed = row->Int(9);
  r.population = static_cast<int>(row->Int(10));
  r.state = ParseRoundState(row->Text(11)).value_or(RoundState::kOpen);
  JIELI_ASSIGN_OR_RETURN(r.checklist, ChecklistFromColumn(row->Text(12)));
  r.created_by = {row->Int(13), ""};
  r.created_at = row->Int(14);
  r.finished_at = row->OptInt(15);

  JIELI_ASSIGN_OR_RETURN(auto auditors, db.Query(kAuditorsOfSql, {id}));
  for (const auto& a : auditors) r.auditors.push_back({a.Int(0), ""});
  JIELI_ASSIGN_OR_RETURN(auto scores, db.Query(kAuditScoresSql, {id}));
  std::map<std::int64_t, std::vector<ItemScoreInput>> by_case;
  for (const auto& s : scores) {
    by_case[s.Int(0)].push_back(
        {s.Text(1), ParseItemScore(s.Text(2)).value_or(ItemScore::kNotApplicable), s.Text(3)});
  }
  JIELI_ASSIGN_OR_RETURN(auto cases, db.Query(kAuditCasesSql, {id}));
  for (const auto& c : cases) {
    AuditCase a;
    a.case_id = c.Int(0);
    a.position = c.Int(1);
    a.worker = {c.Int(3), ""};
    a.co_worker_id = c.OptInt(4);
    if (auto auditor = c.OptInt(5)) a.auditor = Person{*auditor, ""};
    a.excluded = c.Text(6);
    a.stages = StagesFromColumn(c.Text(7));
    a.done = c.Int(8) != 0;
    a.comment = c.Text(9);
    a.items_total = static_cast<int>(Applicable(r.checklist, a.stages).size());
    a.scores = std::move(by_case[a.case_id]);
    a.items_scored = static_cast<int>(a.scores.size());
    a.score = WeightedScore(Scored(r.checklist, a.scores));
    if (a.excluded.empty()) ++r.cases_audited;
    if (a.done) ++r.cases_done;
    r.cases.push_back(std::move(a));
  }
  std::vector<Person*> people{&r.created_by};
  if (r.worker) people.push_back(&*r.worker);
  for (auto& p : r.auditors) people.push_back(&p);
  for (auto& c : r.cases) {
    people.push_back(&c.worker);
    if (c.auditor) people.push_back(&*c.auditor);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return r;
}

Result<AuditRound> QualityService::VisibleRound(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, LoadRound(db_, id));
  const std::int64_t me = actor.user_id();
  const bool auditor = std::any_of(round.auditors.begin(), round.auditors.end(),
                                   [me](const Person& p) { return p.id == me; });
  if (actor.Can(Permission::kQualityManage, round.org_id) ||
      (auditor && actor.RequireAnywhere(Permission::kQualityRead).ok())) {
    return round;
  }
  // A worker sees the round through their own cases in it.
  std::erase_if(round.cases,
                [me](const AuditCase& c) { return c.worker.id != me || !c.excluded.empty(); });
  if (round.cases.empty() || !actor.RequireAnywhere(Permission::kQualityRead).ok()) {
    return NotFoundError("quality.not_found");
  }
  round.full_view = false;
  round.cases_audited = static_cast<int>(round.cases.size());
  round.cases_done = static_cast<int>(std::count_if(round.cases.begin(), round.cases.end(),
                                                    [](const AuditCase& c) { return c.done; }));
  return round;
}

Result<Page<AuditRound>> QualityService::ListRounds(const auth::Actor& actor,
                                                    std::optional<std::int64_t> org_id,
                                                    std::int64_t offset, std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  JIELI_ASSIGN_OR_RETURN(auto managed, actor.OrgsWhere(Permission::kQualityManage));
  std::string where = "WHERE (r.org_id " + auth::InList(managed.size()) + " OR " +
                      std::string(kRoundMineCondition) + ")";
  std::vector<store::Value> params(managed.begin(), managed.end());
  params.insert(params.end(), {actor.user_id(), actor.user_id()});
  if (org_id) {
    if (!actor.CanSee(*org_id)) return NotFoundError("quality.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*org_id));
    where += " AND r.org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  Page<AuditRound> page;
  JIELI_ASSIGN_OR_RETURN(auto count,
                         db_.QueryOne(std::string(kRoundCountFrom) + " " + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(auto ids,
                         db_.Query("SELECT r.id FROM quality_audit_rounds r " + where +
                                       " ORDER BY r.created_at DESC, r.id DESC LIMIT ? OFFSET ?",
                                   params));
  for (const auto& row : ids) {
    JIELI_ASSIGN_OR_RETURN(auto round, VisibleRound(actor, row.Int(0)));
    page.items.push_back(std::move(round));
  }
  return page;
}

Result<AuditRound> QualityService::GetRound(const auth::Actor& actor, std::int64_t id) const {
  return VisibleRound(actor, id);
}

Result<AuditRound> QualityService::CreateRound(const auth::Actor& actor,
                                               const AuditRoundInput& input) const {
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, input.org_id, "quality.not_found"));
  const EpochMs now = clock_.Now();
  auto issues = CheckRoundInput(input, LocalDateOf(now));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  orgs::OrgTree tree(db_);
  for (std::size_t i = 0; i < input.auditor_ids.size(); ++i) {
    JIELI_ASSIGN_OR_RETURN(auto roles, tree.RolesAt(input.auditor_ids[i], input.org_id));
    if (!roles.contains(orgs::Role::kSupervisor) && !roles.contains(orgs::Role::kLeader)) {
      issues.push_back({"auditor_ids[" + std::to_string(i) + "]", "not_supervisor", {}});
    }
  }
  if (input.worker_id) {
    JIELI_ASSIGN_OR_RETURN(bool member, BelongsTo(db_, *input.worker_id, input.org_id));
    if (!member) issues.push_back({"worker_id", "not_member", {}});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  // The population, through CaseService: the organisation's cases (and
  // below) opened or closed in the period, that reached the stage.
  const EpochMs from = StartOfLocalDay(*ParseDate(input.from));
  const EpochMs to = StartOfLocalDay(AddDays(*ParseDate(input.to), 1));
  JIELI_ASSIGN_OR_RETURN(auto below, tree.Below(input.org_id));
  JIELI_ASSIGN_OR_RETURN(auto facts, cases_.QualityFacts(below, from, to));
  std::map<std::int64_t, const cases::CaseQualityFacts*> population;
  for (const auto& f : facts) {
    const std::optional<EpochMs> at =
        input.basis == PeriodBasis::kOpened ? std::optional<EpochMs>(f.opened_at) : f.closed_at;
    if (!at || *at < from || *at >= to) continue;
    if (input.worker_id && f.primary_worker_id != *input.worker_id) continue;
    if (input.stage) {
      auto reached = StagesReached(f);
      if (std::find(reached.begin(), reached.end(), *input.stage) == reached.end()) continue;
    }
    population[f.case_id] = &f;
  }
  std::vector<std::int64_t> ids;
  for (const auto& [id, f] : population) ids.push_back(id);
  const std::int64_t seed = input.seed.value_or(static_cast<std::int64_t>(NewSeed()));
  const auto drawn = DrawSample(ids, static_cast<std::size_t>(input.sample_size),
                                static_cast<std::uint64_t>(seed));
  std::vector<SampledCase> sample;
  for (std::int64_t id : drawn) {
    const auto* f = population.at(id);
    sample.push_back({id, f->primary_worker_id, f->co_worker_id});
  }
  const auto assigned = AssignAuditors(sample, input.auditor_ids);

  JIELI_ASSIGN_OR_RETURN(AuditChecklist checklist, Checklist(actor, input.org_id));
  std::erase_if(checklist.items, [](const ChecklistItem& item) { return item.retired; });

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto inserted, tx->QueryOne(kRoundInsertSql,
                                  {input.org_id, Trim(input.title), input.from, input.to,
                                   std::string(ToString(input.basis)),
                                   input.stage ? store::Value(std::string(ToString(*input.stage)))
                                               : store::Value(),
                                   store::OrNull(input.worker_id), std::int64_t{input.sample_size},
                                   seed, static_cast<std::int64_t>(ids.size()),
                                   ChecklistColumn(checklist.items), actor.user_id(), now}));
  if (!inserted) return InternalError("quality_audit_rounds: no id returned");
  const std::int64_t id = inserted->Int(0);
  for (std::size_t i = 0; i < input.auditor_ids.size(); ++i) {
    JIELI_RETURN_IF_ERROR(
        tx->Execute(kAuditorInsertSql, {id, input.auditor_ids[i], static_cast<std::int64_t>(i)}));
  }
  for (std::size_t i = 0; i < sample.size(); ++i) {
    const auto* f = population.at(sample[i].case_id);
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kAuditCaseInsertSql,
        {id, sample[i].case_id, static_cast<std::int64_t>(i + 1), f->org_id, f->primary_worker_id,
         store::OrNull(f->co_worker_id), store::OrNull(assigned[i]),
         std::string(assigned[i] ? "" : "own_case"), StagesColumn(StagesReached(*f))}));
  }
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, input.org_id, "quality.create_audit", "audit_round", std::to_string(id),
      DumpJson({{"round",
                 {{"after",
                   {{"title", input.title},
                    {"from", input.from},
                    {"to", input.to},
                    {"basis", std::string(ToString(input.basis))},
                    {"sample_size", input.sample_size},
                    {"seed", seed},
                    {"population", static_cast<std::int64_t>(ids.size())},
                    {"auditor_ids", input.auditor_ids},
                    {"case_ids", drawn}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleRound(actor, id);
}

Result<AuditRound> QualityService::FinishRound(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, round.org_id, "quality.not_found"));
  if (round.state == RoundState::kFinished) return ConflictError("quality.audit_finished");
  if (round.cases_done < round.cases_audited) return ConflictError("quality.audit_incomplete");
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto updated, tx->Execute(kRoundFinishSql, {clock_.Now(), id}));
  if (updated == 0) return ConflictError("quality.audit_finished");
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, round.org_id, "quality.finish_audit", "audit_round", std::to_string(id),
      DumpJson({{"state", {{"before", "open"}, {"after", "finished"}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleRound(actor, id);
}

Result<AuditCase> QualityService::GetAuditCase(const auth::Actor& actor, std::int64_t round_id,
                                               std::int64_t case_id) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, round_id));
  for (auto& c : round.cases) {
    if (c.case_id == case_id) return std::move(c);
  }
  return NotFoundError("quality.not_found");
}

Result<AuditCase> QualityService::ScoreCase(const auth::Actor& actor, std::int64_t round_id,
                                            std::int64_t case_id,
                                            const CaseScoreInput& input) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, round_id));
  auto found = std::find_if(round.cases.begin(), round.cases.end(),
                            [case_id](const AuditCase& c) { return c.case_id == case_id; });
  if (found == round.cases.end()) return NotFoundError("quality.not_found");
  const AuditCase& before = *found;
  if (!before.auditor || before.auditor->id != actor.user_id()) {
    return ForbiddenError("quality.not_auditor");
  }
  if (round.state == RoundState::kFinished) return ConflictError("quality.audit_finished");

  const auto applicable = Applicable(round.checklist, before.stages);
  std::set<std::string> keys;
  for (const auto* item : applicable) keys.insert(item->key);
  std::vector<FieldIssue> issues;
  std::set<std::string> seen;
  for (std::size_t i = 0; i < input.items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    if (!keys.contains(input.items[i].key)) {
      issues.push_back({at + ".key", "not_in_checklist", {}});
    } else if (!seen.insert(input.items[i].key).second) {
      issues.push_back({at + ".key", "duplicate_value", {}});
    }
  }
  if (input.done && issues.empty() && seen.size() < keys.size()) {
    issues.push_back({"items", "unscored", {{"count", std::to_string(keys.size() - seen.size())}}});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(kAuditScoresOfCaseDeleteSql, {round_id, case_id}));
  for (const auto& item : input.items) {
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kAuditScoreInsertSql,
        {round_id, case_id, item.key, std::string(ToString(item.score)), Trim(item.comment)}));
  }
  JIELI_RETURN_IF_ERROR(
      tx->Execute(kAuditCaseScoredSql,
                  {std::int64_t{input.done ? 1 : 0}, Trim(input.comment), now, round_id, case_id}));
  const auto score = WeightedScore(Scored(round.checklist, input.items));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, round.org_id, "quality.score_audit_case", "audit_round", std::to_string(round_id),
      DumpJson({{"case_id", case_id},
                {"items", {{"before", before.items_scored}, {"after", input.items.size()}}},
                {"done", {{"before", before.done}, {"after", input.done}}},
                {"score", score ? Json(*score) : Json()}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return GetAuditCase(actor, round_id, case_id);
}

Result<AuditResults> QualityService::RoundResults(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, id));
  std::vector<ScoredCase> scored;
  AuditResults results;
  for (const auto& c : round.cases) {
    results.worker_names[c.worker.id] = c.worker.name;
    if (!c.done || !c.excluded.empty()) continue;
    scored.push_back({c.case_id, c.worker.id, Scored(round.checklist, c.scores)});
  }
  results.scores = ScoreRound(scored);
  FindingFilter filter;
  filter.round_id = id;
  JIELI_ASSIGN_OR_RETURN(results.findings, ListFindings(actor, filter));
  for (const auto& name : FindingSeverityNames()) results.findings_by_severity[name] = 0;
  for (const auto& f : results.findings)
    ++results.findings_by_severity[std::string(ToString(f.severity))];
  return results;
}

// --- findings ---

Result<std::vector<AuditFinding>> QualityService::LoadFindings(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kFindingSelect) + " " + where, params));
  const LocalDate today = LocalDateOf(clock_.Now());
  std::vector<AuditFinding> findings;
  for (const auto& row : rows) {
    AuditFinding f;
    f.id = row.Int(0);
    f.round_id = row.Int(1);
    f.org_id = row.Int(2);
    f.case_id = row.Int(3);
    f.item_key = row.Text(4);
    f.severity = ParseFindingSeverity(row.Text(5)).value_or(FindingSeverity::kMinor);
    f.text = row.Text(6);
    f.due_on = row.Text(7);
    f.state = ParseFindingState(row.Text(8)).value_or(FindingState::kOpen);
    f.owner = {row.Int(9), ""};
    f.auditor = {row.Int(10), ""};
    f.correction_note = row.Text(11);
    f.corrected_at = row.OptInt(12);
    f.verify_note = row.Text(13);
    f.closed_at = row.OptInt(14);
    f.improvement_id = row.OptInt(15);
    f.created_at = row.Int(16);
    f.round_title = row.Text(17);
    f.overdue = FindingOverdue(f.due_on, f.state, today);
    findings.push_back(std::move(f));
  }
  std::vector<Person*> people;
  for (auto& f : findings) {
    people.push_back(&f.owner);
    people.push_back(&f.auditor);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return findings;
}

Result<AuditFinding> QualityService::VisibleFinding(const auth::Actor& actor,
                                                    std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadFindings(db_, "WHERE f.id = ?", {id}));
  if (found.empty()) return NotFoundError("quality.not_found");
  AuditFinding finding = std::move(found.front());
  // Seen with its round: whole (managers, auditors) or through one's own case.
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, finding.round_id));
  if (!round.full_view && finding.owner.id != actor.user_id()) {
    return NotFoundError("quality.not_found");
  }
  return finding;
}

Result<std::vector<AuditFinding>> QualityService::ListFindings(const auth::Actor& actor,
                                                               const FindingFilter& filter) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  std::string where;
  std::vector<store::Value> params;
  if (filter.round_id) {
    JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, *filter.round_id));
    where = "WHERE f.round_id = ?";
    params.emplace_back(*filter.round_id);
    if (!round.full_view || filter.mine) {
      where += " AND f.owner_id = ?";
      params.emplace_back(actor.user_id());
    }
  } else {
    // Without a round: the caller's own, and those of the rounds they see whole.
    JIELI_ASSIGN_OR_RETURN(auto managed, actor.OrgsWhere(Permission::kQualityManage));
    if (filter.mine) {
      where = "WHERE f.owner_id = ?";
      params.emplace_back(actor.user_id());
    } else {
      where = "WHERE (f.owner_id = ? OR f.org_id " + auth::InList(managed.size()) +
              " OR EXISTS (SELECT 1 FROM quality_audit_auditors x WHERE x.round_id = f.round_id "
              "AND x.user_id = ?))";
      params.emplace_back(actor.user_id());
      params.insert(params.end(), managed.begin(), managed.end());
      params.emplace_back(actor.user_id());
    }
  }
  if (filter.state) {
    where += " AND f.state = ?";
    params.emplace_back(std::string(ToString(*filter.state)));
  }
  return LoadFindings(db_, where + " ORDER BY f.due_on, f.id LIMIT 500", params);
}

Result<AuditFinding> QualityService::GetFinding(const auth::Actor& actor, std::int64_t id) const {
  return VisibleFinding(actor, id);
}

Result<AuditFinding> QualityService::RaiseFinding(const auth::Actor& actor, std::int64_t round_id,
                                                  const FindingInput& input) const {
  JIELI_ASSIGN_OR_RETURN(AuditRound round, VisibleRound(actor, round_id));
  auto found = std::find_if(round.cases.begin(), round.cases.end(), [&input](const AuditCase& c) {
    return c.case_id == input.case_id && c.excluded.empty();
  });
  std::vector<FieldIssue> issues;
  if (found == round.cases.end()) {
    issues.push_back({"case_id", "not_in_sample", {}});
    return ValidationFailed(std::move(issues));
  }
  if (!found->auditor || found->auditor->id != actor.user_id()) {
    return ForbiddenError("quality.not_auditor");
  }
  if (round.state == RoundState::kFinished) return ConflictError("quality.audit_finished");
  const EpochMs now = clock_.Now();
  if (IsBlank(input.text)) issues.push_back({"text", "required", {}});
  if (CodePointCount(input.text) > kMaxFindingChars) {
    issues.push_back({"text", "too_long", {{"max", std::to_string(kMaxFindingChars)}}});
  }
  auto due = ParseDate(input.due_on);
  if (!due) {
    issues.push_back({"due_on", "invalid_date", {}});
  } else if (*due < LocalDateOf(now)) {
    issues.push_back({"due_on", "date_in_past", {}});
  }
  if (!input.item_key.empty()) {
    const auto applicable = Applicable(round.checklist, found->stages);
    if (std::none_of(applicable.begin(), applicable.end(),
                     [&input](const ChecklistItem* item) { return item->key == input.item_key; })) {
      issues.push_back({"item_key", "not_in_checklist", {}});
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx->QueryOne(kFindingInsertSql, {round_id, round.org_id, input.case_id, input.item_key,
                                       std::string(ToString(input.severity)), Trim(input.text),
                                       input.due_on, found->worker.id, actor.user_id(), now, now}));
  if (!inserted) return InternalError("quality_audit_findings: no id returned");
  const std::int64_t id = inserted->Int(0);
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, round.org_id, "quality.raise_finding", "audit_finding", std::to_string(id),
      DumpJson({{"finding",
                 {{"after",
                   {{"round_id", round_id},
                    {"case_id", input.case_id},
                    {"severity", std::string(ToString(input.severity))},
                    {"due_on", input.due_on},
                    {"owner_id", found->worker.id}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleFinding(actor, id);
}

Result<AuditFinding> QualityService::MoveFinding(const auth::Actor& actor, std::int64_t id,
                                                 const std::string& note,
                                                 std::string_view how) const {
  JIELI_ASSIGN_OR_RETURN(AuditFinding f, VisibleFinding(actor, id));
  const bool correcting = how == "correct";
  if (correcting) {
    if (f.owner.id != actor.user_id()) return ForbiddenError("quality.not_finding_owner");
  } else if (f.auditor.id != actor.user_id() && !actor.Can(Permission::kQualityManage, f.org_id)) {
    return ForbiddenError("quality.not_auditor");
  }
  JIELI_ASSIGN_OR_RETURN(FindingState to, correcting        ? CorrectFinding(f.state)
                                          : how == "verify" ? VerifyFinding(f.state)
                                                            : ReopenFinding(f.state));
  if ((correcting || how == "reopen") && IsBlank(note)) {
    return ValidationFailed({{"note", "required", {}}});
  }
  if (CodePointCount(note) > kMaxCommentChars) {
    return ValidationFailed({{"note", "too_long", {{"max", std::to_string(kMaxCommentChars)}}}});
  }
  const EpochMs now = clock_.Now();
  AuditFinding after = f;
  after.state = to;
  if (correcting) {
    after.correction_note = Trim(note);
    after.corrected_at = now;
  } else {
    after.verify_note = Trim(note);
    after.closed_at = to == FindingState::kClosed ? std::optional<EpochMs>(now) : std::nullopt;
  }
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto updated, tx->Execute(kFindingMoveSql, {std::string(ToString(to)), after.correction_note,
                                                  store::OrNull(after.corrected_at),
                                                  after.verify_note, store::OrNull(after.closed_at),
                                                  now, id, std::string(ToString(f.state))}));
  if (updated == 0) return ConflictError("quality.changed");
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, f.org_id, "quality." + std::string(how) + "_finding", "audit_finding",
      std::to_string(id),
      DumpJson({{"finding", {{"before", FindingAudit(f)}, {"after", FindingAudit(after)}}},
                {"note", note}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleFinding(actor, id);
}

Result<AuditFinding> QualityService::CorrectFindingBy(const auth::Actor& actor, std::int64_t id,
                                                      const std::string& note) const {
  return MoveFinding(actor, id, note, "correct");
}

Result<AuditFinding> QualityService::VerifyFindingBy(const auth::Actor& actor, std::int64_t id,
                                                     const std::string& note) const {
  return MoveFinding(actor, id, note, "verify");
}

Result<AuditFinding> QualityService::ReopenFindingBy(const auth::Actor& actor, std::int64_t id,
                                                     const std::string& note) const {
  return MoveFinding(actor, id, note, "reopen");
}

Result<Improvement> QualityService::ImproveFromFinding(const auth::Actor& actor,
                                                       std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(AuditFinding f, VisibleFinding(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, f.org_id, "quality.not_found"));
  if (f.improvement_id) return ConflictError("quality.finding_has_cycle");
  ImprovementInput input;
  input.org_id = f.org_id;
  std::string title;
  std::size_t chars = 0;
  const std::string full = "档案评审：" + f.text;  // outlives the views into it
  for (auto piece : SplitCodePoints(full)) {
    if (++chars > kMaxTitleChars) break;
    title += piece;
  }
  input.title = std::move(title);
  input.source_kind = SourceKind::kAuditFinding;
  input.source_ref = std::to_string(f.id);
  input.problem = f.text;
  // The cycle and the link in one transaction: a second click (or another
  // manager at the same time) finds the link set, and nothing of its cycle is kept.
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(std::int64_t cycle_id,
                         InsertImprovement(*tx, actor, input, actor.user_id()));
  JIELI_ASSIGN_OR_RETURN(auto updated,
                         tx->Execute(kFindingImprovementSql, {cycle_id, clock_.Now(), id}));
  if (updated == 0) return ConflictError("quality.finding_has_cycle");
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleImprovement(actor, cycle_id);
}

Result<std::vector<AuditFinding>> QualityService::MyOpenFindings(const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  JIELI_ASSIGN_OR_RETURN(
      auto findings,
      LoadFindings(db_, "WHERE f.owner_id = ? AND f.state = 'open' ORDER BY f.due_on, f.id",
                   {actor.user_id()}));
  std::stable_partition(findings.begin(), findings.end(),
                        [](const AuditFinding& f) { return f.overdue; });
  return findings;
}

}  // namespace jieli::quality
