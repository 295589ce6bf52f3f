// CaseService: opening, reading and listing cases, stage forms, moves,
// approvals, transfer and reopening. Service records, the timeline,
// follow-ups, the worklist, agency settings and attachments are each in their
// own case_<concern>.cpp.
#include "modules/cases/case_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/followup.hpp"
#include "modules/cases/form_schema.hpp"
#include "modules/cases/gas.hpp"
#include "modules/cases/plan.hpp"
#include "modules/cases/plan_rules.hpp"
#include "modules/cases/prefill.hpp"
#include "modules/cases/risk_review.hpp"
#include "modules/cases/rollup.hpp"
#include "modules/clients/client.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/sort_order.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;

int StageIndex(Stage stage) { return static_cast<int>(stage); }

// The column that records when a case entered stage (none for intake: opened_at).
std::optional<EpochMs>* StageTime(Case& c, Stage stage) {
  switch (stage) {
    case Stage::kAssessment:
      return &c.assessment_at;
    case Stage::kPlanning:
      return &c.planning_at;
    case Stage::kIntervention:
      return &c.intervention_at;
    case Stage::kEvaluation:
      return &c.evaluation_at;
    case Stage::kClosed:
      return &c.closed_at;
    case Stage::kIntake:
      return nullptr;
  }
  return nullptr;
}

// The text of a field of a form, or "" when the field is absent or not text:
// a draft may hold null (not filled in) or anything the schema allows.
std::string TextOf(const Json& form, const char* field) {
  if (!form.is_object() || !form.contains(field) || !form[field].is_string()) return "";
  return form[field].get<std::string>();
}

// A plan form's end date (schedule.end_date; "" when not filled in), or none
// when the plan has no schedule at all.
std::optional<std::string> ScheduleEnd(const Json& plan) {
  if (!plan.is_object() || !plan.contains("schedule")) return std::nullopt;
  return TextOf(plan["schedule"], "end_date");
}

std::string StringAt(const Json& forms, const char* stage, const char* field) {
  if (!forms.is_object() || !forms.contains(stage)) return "";
  return TextOf(forms[stage], field);
}

}  // namespace

// --- loading and rights --------------------------------------------------------------

Result<std::optional<CaseService::Loaded>> CaseService::Load(store::Executor& db,
                                                             std::int64_t id) const {
  auto row = db.QueryOne(std::string(kCaseSelect) + " WHERE c.id = ?", {id});
  if (!row) return row.error();
  if (!*row) return std::optional<Loaded>();
  Loaded loaded = CaseFromRow(**row, clock_.Now());
  JIELI_RETURN_IF_ERROR(NameCases(db, {&loaded.c}));
  return std::optional<Loaded>(std::move(loaded));
}

Status CaseService::NameCases(store::Executor& db, const std::vector<Case*>& cases) const {
  std::set<std::int64_t> org_ids, client_ids;
  std::vector<Person*> people;
  for (Case* c : cases) {
    org_ids.insert(c->org_id);
    client_ids.insert(c->client_id);
    people.push_back(&c->primary_worker);
    if (c->co_worker) people.push_back(&*c->co_worker);
    if (c->supervisor) people.push_back(&*c->supervisor);
    if (c->pending) people.push_back(&c->pending->requested_by);
  }
  JIELI_ASSIGN_OR_RETURN(auto org_names, orgs::OrgTree(db).OrgNames(org_ids));
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db, client_ids));
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  for (Case* c : cases) {
    c->org_name = org_names[c->org_id];
    c->client_name = client_names[c->client_id];
  }
  return Ok();
}

Status CaseService::NameApprovals(store::Executor& db, std::vector<Approval>& approvals,
                                  const std::vector<std::int64_t>& client_ids) const {
  std::vector<Person*> people;
  for (auto& a : approvals) {
    people.push_back(&a.requested_by);
    if (a.decided_by) people.push_back(&*a.decided_by);
  }
  JIELI_ASSIGN_OR_RETURN(
      auto client_names,
      clients_.Names(db, std::set<std::int64_t>(client_ids.begin(), client_ids.end())));
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  for (std::size_t i = 0; i < approvals.size(); ++i) {
    approvals[i].client_id = client_ids[i];
    approvals[i].client_name = client_names[client_ids[i]];
  }
  return Ok();
}

Result<CaseService::Loaded> CaseService::LoadReadable(const auth::Actor& actor,
                                                      std::int64_t id) const {
  auto loaded = Load(db_, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("cases.not_found");
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kCasesRead, (*loaded)->c.org_id, "cases.not_found"));
  return std::move(**loaded);
}

Result<CaseService::Loaded> CaseService::LoadWritable(const auth::Actor& actor,
                                                      std::int64_t id) const {
  auto loaded = LoadReadable(actor, id);
  if (!loaded) return loaded.error();
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kCasesWrite, loaded->c.org_id, "cases.not_found"));
  if (!OnTeam(loaded->team, actor.user_id()) && !actor.is_system() &&
      !actor.Can(Permission::kCasesApprove, loaded->c.org_id))
    return ForbiddenError("cases.not_on_team");
  return loaded;
}

Result<CaseService::Loaded> CaseService::Reload(store::Executor& tx, const Loaded& before) const {
  auto loaded = Load(tx, before.c.id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("cases.not_found");
  if ((*loaded)->version != before.version) return ConflictError("cases.changed");
  return std::move(**loaded);
}

bool CaseService::CanReadNotes(const auth::Actor& actor, const Loaded& c) const {
  if (!actor.Can(Permission::kCaseNotesRead, c.c.org_id)) return false;
  return OnTeam(c.team, actor.user_id()) || c.team.supervisor == actor.user_id() ||
         actor.Can(Permission::kCasesApprove, c.c.org_id);
}

Result<bool> CaseService::UserHolds(store::Executor& db, std::int64_t user_id, std::int64_t org_id,
                                    Permission permission) const {
  JIELI_ASSIGN_OR_RETURN(auto roles, orgs::OrgTree(db).RolesAt(user_id, org_id));
  return std::any_of(roles.begin(), roles.end(),
                     [&](orgs::Role role) { return auth::RoleGrants(role, permission); });
}

namespace {

// The row of the organisation nearest to the first of above (an organisation
// and those above it, nearest first) among rows whose column 0 is the
// organisation; nullptr when none has one.
const store::Row* Nearest(const std::vector<std::int64_t>& above, const store::Rows& rows) {
  for (std::int64_t org : above) {
    for (const auto& row : rows) {
      if (row.Int(0) == org) return &row;
    }
  }
  return nullptr;
}

}  // namespace

Result<DeadlinePolicy> CaseService::PolicyFor(store::Executor& db, std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db).Above(org_id));
  std::vector<store::Value> params(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db.Query(std::string(kPoliciesOfOrgsSql) + auth::InList(above.size()), params));
  DeadlinePolicy policy;
  if (const store::Row* row = Nearest(above, rows)) {
    policy.assessment_days = static_cast<int>(row->Int(1));
    policy.planning_days = static_cast<int>(row->Int(2));
    policy.closure_days = static_cast<int>(row->Int(3));
    policy.crisis_first_contact_hours = static_cast<int>(row->Int(4));
    policy.risk_review_gate = row->Int(5) != 0;
  }
  return policy;
}

Result<Json> CaseService::SchemaFor(store::Executor& db, std::int64_t org_id, Stage stage) const {
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db).Above(org_id));
  std::vector<store::Value> params{std::string(ToString(stage))};
  params.insert(params.end(), above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db.Query(std::string(kFormFieldsOfOrgsSql) + auth::InList(above.size()), params));
  const store::Row* row = Nearest(above, rows);
  Json schema = BuiltInTemplate(stage);
  if (row) {
    JIELI_ASSIGN_OR_RETURN(Json fields, ParseStoredJson(row->Text(1), "case_form_fields.fields"));
    // Fields saved once validated; a built-in field added since under the name
    // of one of them gives way to it. Should anything else clash, the built-in
    // form still works.
    if (auto extended = ExtendTemplateAsStored(schema, fields)) schema = std::move(*extended);
  }
  if (stage == Stage::kAssessment || stage == Stage::kEvaluation) {
    JIELI_ASSIGN_OR_RETURN(auto scales, AgencyScales(db, org_id));
    if (!scales.empty()) ListScales(schema, stage, Catalogue(scales));
  }
  return schema;
}

Result<std::vector<Scale>> CaseService::AgencyScales(store::Executor& db,
                                                     std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db).Above(org_id));
  std::vector<store::Value> params(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db.Query(std::string(kScalesOfOrgsSql) + auth::InList(above.size()), params));
  const store::Row* row = Nearest(above, rows);
  if (!row) return std::vector<Scale>{};
  JIELI_ASSIGN_OR_RETURN(Json stored, ParseStoredJson(row->Text(1), "case_scales.scales"));
  return ParseScales(stored);
}

Result<Json> CaseService::SavedForms(store::Executor& db, std::int64_t case_id) const {
  auto rows = db.Query(kCaseFormsOfCaseSql, {case_id});
  if (!rows) return rows.error();
  Json forms = Json::object();
  for (const auto& row : *rows) {
    JIELI_ASSIGN_OR_RETURN(forms[row.Text(0)], ParseStoredJson(row.Text(1), "case_forms.data"));
  }
  // Intake forms saved while the gender was free text hold its label ("女"):
  // read as the code the form's choice now has.
  if (auto intake = forms.find("intake"); intake != forms.end() && intake->is_object()) {
    if (auto snapshot = intake->find("client_snapshot");
        snapshot != intake->end() && snapshot->is_object()) {
      if (auto gender = snapshot->find("gender");
          gender != snapshot->end() && gender->is_string()) {
        if (auto code = clients::ParseGenderLabel(gender->get<std::string>())) {
          *gender = std::string(clients::ToString(*code));
        }
      }
    }
  }
  return forms;
}

Status CaseService::SaveCaseRow(store::Executor& tx, Loaded& c) const {
  auto policy = PolicyFor(tx, c.c.org_id);
  if (!policy) return policy.error();
  c.c.due_at = CurrentDeadline(c.c.stage, FactsOf(c.c, c.plan_end), *policy);
  const EpochMs now = clock_.Now();
  // The counts the row had at this version leave the rollup, its new ones enter.
  JIELI_ASSIGN_OR_RETURN(auto stored, tx.QueryOne(kRollupFactsOfCaseSql, {c.c.id, c.version}));
  if (!stored) return ConflictError("cases.changed");
  auto changed =
      tx.Execute(kCaseUpdateSql, CaseUpdateParams(c.c, c.team, c.plan_end, now, c.version));
  if (!changed) return changed.error();
  if (*changed == 0) return ConflictError("cases.changed");
  JIELI_RETURN_IF_ERROR(
      MoveCaseInRollup(tx, RollupFactsFromRow(*stored), RollupFactsOf(c.c, c.team)));
  ++c.version;
  c.c.updated_at = now;
  return {};
}

Status CaseService::AddEvent(store::Executor& tx, const auth::Actor& actor, std::int64_t case_id,
                             const std::string& kind, const Json& data) const {
  auto inserted =
      tx.Execute(kEventInsertSql, {case_id, clock_.Now(), ActorId(actor), kind, DumpJson(data)});
  if (!inserted) return inserted.error();
  return {};
}

// --- open, read, list ----------------------------------------------------------------

Result<Case> CaseService::Open(const auth::Actor& actor, const CaseInput& input) const {
  auto client = clients_.GetSummary(actor, input.client_id);
  if (!client) {
    if (client.error().kind() == ErrorKind::kNotFound)
      return ValidationFailed({{"client_id", "not_found", {}}});
    return client.error();
  }
  const std::int64_t org_id = input.org_id.value_or(client->org_id);
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesWrite, org_id));
  const std::int64_t primary = input.primary_worker_id.value_or(actor.user_id());

  std::vector<FieldIssue> issues;
  auto check_member = [&](const char* field, std::int64_t user, Permission permission) -> Status {
    auto holds = UserHolds(db_, user, org_id, permission);
    if (!holds) return holds.error();
    if (!*holds) issues.push_back({field, "not_eligible", {}});
    return {};
  };
  JIELI_RETURN_IF_ERROR(check_member("primary_worker_id", primary, Permission::kCasesWrite));
  if (input.co_worker_id) {
    if (*input.co_worker_id == primary) {
      issues.push_back({"co_worker_id", "not_eligible", {}});
    } else {
      JIELI_RETURN_IF_ERROR(
          check_member("co_worker_id", *input.co_worker_id, Permission::kCasesWrite));
    }
  }
  std::optional<std::int64_t> supervisor = input.supervisor_id;
  if (supervisor) {
    if (*supervisor == primary || supervisor == input.co_worker_id) {
      issues.push_back({"supervisor_id", "not_eligible", {}});
    } else {
      JIELI_RETURN_IF_ERROR(check_member("supervisor_id", *supervisor, Permission::kCasesApprove));
    }
  } else if (issues.empty()) {
    // No case without a supervisor: the unit's, when none is named.
    JIELI_ASSIGN_OR_RETURN(supervisor,
                           DefaultSupervisor(db_, org_id, {primary, input.co_worker_id, {}}));
    if (!supervisor) issues.push_back({"supervisor_id", "no_supervisor", {}});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto open = (*tx)->QueryOne(kOpenCaseOfClientSql, {input.client_id, org_id});
  if (!open) return open.error();
  if (*open)
    return ConflictError("cases.client_has_open_case")
        .WithParam("existing_id", std::to_string((*open)->Int(0)));

  Loaded fresh;
  fresh.c.org_id = org_id;
  fresh.c.client_id = input.client_id;
  fresh.c.stage = Stage::kIntake;
  fresh.c.risk = input.risk;
  fresh.c.opened_at = clock_.Now();
  fresh.team = {primary, input.co_worker_id, supervisor};
  auto policy = PolicyFor(**tx, org_id);
  if (!policy) return policy.error();
  fresh.c.due_at = CurrentDeadline(Stage::kIntake, FactsOf(fresh.c, ""), *policy);
  const EpochMs now = clock_.Now();
  auto id = (*tx)->QueryOne(
      kCaseInsertSql,
      {org_id, input.client_id, std::string(ToString(fresh.c.stage)),
       std::string(ToString(fresh.c.risk)), primary, store::OrNull(input.co_worker_id),
       store::OrNull(supervisor), now, store::OrNull(fresh.c.due_at), ActorId(actor), now, now});
  if (!id) return id.error();
  const std::int64_t case_id = (**id).Int(0);
  fresh.c.opened_at = now;  // as stored
  JIELI_RETURN_IF_ERROR(MoveCaseInRollup(**tx, std::nullopt, RollupFactsOf(fresh.c, fresh.team)));
  JIELI_RETURN_IF_ERROR(AddEvent(
      **tx, actor, case_id, "opened",
      {{"client_id", input.client_id}, {"worker_id", primary}, {"supervisor_id", *supervisor}}));
  nlohmann::json changes = {{"client_id", {{"after", input.client_id}}},
                            {"primary_worker_id", {{"after", primary}}},
                            {"supervisor_id", {{"after", *supervisor}}}};
  if (input.co_worker_id) changes["co_worker_id"] = {{"after", *input.co_worker_id}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "cases.open", "case",
                                      std::to_string(case_id), DumpJson(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return Get(actor, case_id);
}

Result<Case> CaseService::Get(const auth::Actor& actor, std::int64_t id) const {
  auto loaded = LoadReadable(actor, id);
  if (!loaded) return loaded.error();
  return std::move(loaded->c);
}

Result<CaseScope> CaseService::ReadableFor(const auth::Actor& actor,
                                           const CaseFilter& filter) const {
  CaseScope readable;
  JIELI_ASSIGN_OR_RETURN(readable.orgs, actor.OrgsWhere(Permission::kCasesRead));
  orgs::OrgTree tree(db_);
  if (filter.org_id) {
    JIELI_ASSIGN_OR_RETURN(auto below, tree.Below(*filter.org_id));
    std::set<std::int64_t> wanted(below.begin(), below.end());
    std::erase_if(readable.orgs, [&](std::int64_t org) { return !wanted.contains(org); });
  }
  if (filter.region_id) {
    JIELI_ASSIGN_OR_RETURN(readable.client_regions, tree.RegionsBelow(*filter.region_id));
  }
  return readable;
}

Result<Page<Case>> CaseService::List(const auth::Actor& actor, const CaseFilter& filter,
                                     std::int64_t offset, std::int64_t limit) const {
  // Holding the permission nowhere is a refusal, not an empty page.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kCasesRead));
  auto sort = CaseSortSql(filter.sort);
  if (!sort) return sort.error();
  JIELI_ASSIGN_OR_RETURN(auto readable, ReadableFor(actor, filter));
  std::vector<store::Value> params;
  std::string where = CaseWhere(db_.backend(), readable, filter, clock_.Now(), params);
  Page<Case> page;
  // The clients join is only needed when a condition or the order is on the client.
  const bool on_client = !filter.text.empty() || filter.region_id.has_value() ||
                         sort->find("cl.") != std::string::npos;
  const std::string from(on_client ? kCasesWithClientsFrom : kCasesFrom);
  auto count = db_.QueryOne(kCaseCountFromSql + from + where, params);
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  if (limit <= 0 || page.total == 0) return page;
  // The page's ids first, from the indexes alone; then the names and the rest
  // for those few rows only.
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto ids = db_.Query(kCaseIdsFromSql + from + where + " ORDER BY " + *sort + " LIMIT ? OFFSET ?",
                       params);
  if (!ids) return ids.error();
  if (ids->empty()) return page;
  std::vector<store::Value> id_params;
  for (const auto& row : *ids) id_params.emplace_back(row.Int(0));
  auto rows = db_.Query(std::string(kCaseSelect) + " WHERE c.id " + auth::InList(id_params.size()),
                        id_params);
  if (!rows) return rows.error();
  // In the order of the ids, which the sort gave.
  std::map<std::int64_t, std::size_t> position;
  for (const auto& row : *ids) position.emplace(row.Int(0), position.size());
  page.items.resize(position.size());
  const EpochMs now = clock_.Now();
  for (const auto& row : *rows) page.items[position.at(row.Int(0))] = CaseFromRow(row, now).c;
  std::erase_if(page.items, [](const Case& c) { return c.id == 0; });  // gone meanwhile
  std::vector<Case*> cases;
  for (auto& c : page.items) cases.push_back(&c);
  JIELI_RETURN_IF_ERROR(NameCases(db_, cases));
  return page;
}

// --- stage forms ---------------------------------------------------------------------

namespace {

// What waits for the supervisor on the case, if anything.
std::optional<PendingApprovalFacts> PendingOf(const Case& c) {
  if (!c.pending) return std::nullopt;
  return PendingApprovalFacts{c.pending->to, c.pending->kind == "plan_revision"};
}

}  // namespace

Result<StageForm> CaseService::BuildForm(store::Executor& db, const auth::Actor& actor,
                                         const Loaded& c, Stage stage) const {
  auto schema = SchemaFor(db, c.c.org_id, stage);
  if (!schema) return schema.error();
  auto forms = SavedForms(db, c.c.id);
  if (!forms) return forms.error();
  auto client = clients_.GetSummary(actor, c.c.client_id);
  ClientFacts facts;
  if (client) {
    facts.name = client->name;
    facts.gender = std::string(clients::ToString(client->gender));
    if (auto birth = ParseDate(client->birth_date)) facts.birth_date = *birth;
    for (auto category : client->categories)
      facts.categories.emplace_back(clients::ChineseLabel(category));
    facts.address = client->address;
  } else {
    facts.name = c.c.client_name;  // the client is outside the caller's clients.read
  }
  const std::string name(ToString(stage));
  const Json saved = forms->contains(name) ? (*forms)[name] : Json();
  JIELI_ASSIGN_OR_RETURN(auto approved_plan, LatestApproved(db, c.c.id, Stage::kPlanning));
  StageForm form;
  form.stage = stage;
  form.schema = std::move(*schema);
  if (stage == Stage::kPlanning) {
    PlanStatus status;
    if (approved_plan) {
      status.approved_version = approved_plan->version;
      status.approved_at = approved_plan->approved_at;
      status.changed = !saved.is_null() && PlanChanged(approved_plan->data, saved);
    }
    status.revision_pending = c.c.pending && c.c.pending->kind == "plan_revision";
    form.plan = status;
  } else if (approved_plan && (stage == Stage::kEvaluation || stage == Stage::kClosed)) {
    // What the supervisor approved is what is evaluated, not a plan still in the making.
    (*forms)["planning"] = approved_plan->data;
  }
  form.data = Prefill(stage, facts, *forms, saved);
  if (stage == Stage::kEvaluation && approved_plan && form.data.is_object()) {
    form.data["goal_attainment"] = GoalsFromPlan(
        PlanGoals(approved_plan->data),
        form.data.contains("goal_attainment") ? form.data["goal_attainment"] : Json());
  }
  // Health, family and risk details are case notes; so is what prefill copied
  // from them (the closure's summary from the evaluation).
  if (!CanReadNotes(actor, c)) {
    auto shown = WithholdSensitive(form.schema, std::move(form.data));
    form.data = std::move(shown.data);
    form.withheld = std::move(shown.withheld);
  }
  form.saved = !saved.is_null();
  form.editable =
      CheckFormEditable(c.c.stage, PendingOf(c.c), stage).ok() && CanReadNotes(actor, c);
  form.missing = MissingRequired(form.schema, saved.is_null() ? Json::object() : saved);
  auto updated = db.QueryOne(kFormUpdatedAtSql, {c.c.id, name});
  if (!updated) return updated.error();
  if (*updated) form.updated_at = (*updated)->Int(0);
  return form;
}

Result<StageForm> CaseService::GetStage(const auth::Actor& actor, std::int64_t id,
                                        Stage stage) const {
  auto loaded = LoadReadable(actor, id);
  if (!loaded) return loaded.error();
  auto form = BuildForm(db_, actor, *loaded, stage);
  if (form && !actor.Can(Permission::kCasesWrite, loaded->c.org_id)) form->editable = false;
  return form;
}

Result<StageForm> CaseService::SaveStage(const auth::Actor& actor, std::int64_t id, Stage stage,
                                         const Json& data, bool draft) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  JIELI_RETURN_IF_ERROR(CheckFormEditable(before->c.stage, PendingOf(before->c), stage));
  if (!data.is_object())
    return ValidationFailed({{"data", "wrong_type", {{"expected", "object"}}}});

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  auto schema = SchemaFor(**tx, c->c.org_id, stage);
  if (!schema) return schema.error();
  Json form = data;
  JIELI_ASSIGN_OR_RETURN(auto approved_plan, LatestApproved(**tx, id, Stage::kPlanning));
  if (stage == Stage::kEvaluation) {
    // The goals and weights are the approved plan's: refuse changes to them,
    // and take them from the plan where the form left them out.
    if (approved_plan && form.contains("goal_attainment") && form["goal_attainment"].is_array()) {
      const auto goals = PlanGoals(approved_plan->data);
      JIELI_RETURN_IF_ERROR(CheckGoalsMatchPlan(goals, form["goal_attainment"]));
      form["goal_attainment"] = GoalsFromPlan(goals, form["goal_attainment"]);
    }
    // The T-score is computed, never typed: drop what came in and fill it in
    // once every goal has a level.
    form.erase("gas_t_score");
    if (form.contains("goal_attainment") && form["goal_attainment"].is_array()) {
      std::vector<GasGoal> goals;
      bool complete = !form["goal_attainment"].empty();
      for (const auto& goal : form["goal_attainment"]) {
        if (!goal.is_object() || !goal.contains("attained") ||
            !goal["attained"].is_number_integer()) {
          complete = false;
          break;
        }
        double weight = goal.contains("weight") && goal["weight"].is_number()
                            ? goal["weight"].get<double>()
                            : 1.0;
        goals.push_back({weight, goal["attained"].get<int>()});
      }
      if (complete) {
        if (auto t = GasTScore(goals)) form["gas_t_score"] = RoundTScore(*t);
      }
    }
  }
  // What the schema cannot say: scores within their scale's range, the
  // evaluation's pre-test and change from the assessment, and (once the plan
  // is more than a draft) goals that answer the plan's intervention points.
  std::vector<FieldIssue> rule_issues;
  if (stage == Stage::kAssessment || stage == Stage::kEvaluation) {
    JIELI_ASSIGN_OR_RETURN(auto agency_scales, AgencyScales(**tx, c->c.org_id));
    const auto catalogue = Catalogue(agency_scales);
    if (stage == Stage::kAssessment) {
      rule_issues = CheckScaleScores(form, catalogue);
    } else {
      JIELI_ASSIGN_OR_RETURN(Json forms, SavedForms(**tx, id));
      const Json assessment = forms.value("assessment", Json::object());
      rule_issues = FillScaleChanges(assessment, form, catalogue);
    }
  } else if (stage == Stage::kPlanning && !draft) {
    rule_issues = CheckGoalInterventionPoints(form);
  }
  auto issues = ValidateForm(*schema, form, draft);
  issues.insert(issues.end(), rule_issues.begin(), rule_issues.end());
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  // What other parts of the case follow from the forms.
  const RiskLevel risk_before = c->c.risk;
  if (stage == Stage::kIntake) {
    if (form.contains("presenting_problem") && form["presenting_problem"].is_string())
      c->c.problem = form["presenting_problem"].get<std::string>();
    c->c.crisis = TextOf(form, "urgency") == "crisis";
  } else if (stage == Stage::kAssessment) {
    if (auto risk = ParseRiskLevel(TextOf(form, "risk_level"))) c->c.risk = *risk;
  } else if (stage == Stage::kPlanning && !approved_plan) {
    // Once a plan is approved, its end (the evaluation's deadline) changes
    // only with the next approved version.
    c->plan_end = ScheduleEnd(form).value_or("");
  }
  const std::string name(ToString(stage));
  const EpochMs now = clock_.Now();
  auto saved = (*tx)->Execute(kFormUpsertSql, {id, name, DumpJson(form), ActorId(actor), now});
  if (!saved) return saved.error();
  JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  Json event = {{"stage", name}, {"draft", draft}};
  if (stage == Stage::kPlanning && approved_plan) {
    // A change to an approved plan is the next version in the making.
    event["next_version"] = approved_plan->version + 1;
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, id, "stage_saved", event));
  if (stage == Stage::kAssessment)
    JIELI_RETURN_IF_ERROR(RequestRiskReview(**tx, actor, *c, risk_before));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, c->c.org_id, "cases.save_stage", "case",
                                      std::to_string(id),
                                      DumpJson({{"stage", {{"after", name}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  auto after = LoadReadable(actor, id);
  if (!after) return after.error();
  return BuildForm(db_, actor, *after, stage);
}

// --- moves and approvals -------------------------------------------------------------

Status CaseService::ApplyMove(store::Executor& tx, const auth::Actor& actor, Loaded& c, Stage to,
                              const Json& forms, const std::string& reason) const {
  const Stage from = c.c.stage;
  const EpochMs now = clock_.Now();
  c.c.stage = to;
  if (auto* at = StageTime(c.c, to)) *at = now;
  if (IsStepBack(from, to)) {
    // The stages after `to` are done again; their times start afresh.
    for (Stage later : AllStages()) {
      if (StageIndex(later) > StageIndex(to) && StageIndex(later) <= StageIndex(from)) {
        if (auto* at = StageTime(c.c, later)) at->reset();
      }
    }
    if (to == Stage::kPlanning) c.c.replanned_at = now;
  }
  if (to == Stage::kClosed) {
    const std::string decision = StringAt(forms, "intake", "decision");
    const bool closed_at_intake = from == Stage::kIntake;
    c.c.closure_reason = closed_at_intake ? decision : StringAt(forms, "closed", "reason");
    // Follow-ups after service; none for a case never served or a client who died.
    if (!closed_at_intake && c.c.closure_reason != "deceased") {
      const Json closure = forms.contains("closed") ? forms["closed"] : Json();
      for (LocalDate day : FollowUpDates(LocalDateOf(now), FollowUpMonths(closure))) {
        auto added = tx.Execute(kFollowUpInsertSql, {c.c.id, FormatDate(day),
                                                     EndOfLocalDayAfter(StartOfLocalDay(day), 0)});
        if (!added) return added.error();
      }
    }
  }
  JIELI_RETURN_IF_ERROR(SaveCaseRow(tx, c));
  const std::string from_name(ToString(from)), to_name(ToString(to));
  Json event = {{"from", from_name}, {"to", to_name}};
  if (IsStepBack(from, to)) event["reason"] = reason;
  JIELI_RETURN_IF_ERROR(
      AddEvent(tx, actor, c.c.id, IsStepBack(from, to) ? "stepped_back" : "moved", event));
  return audit_.Record(
      tx, actor, c.c.org_id, IsStepBack(from, to) ? "cases.step_back" : "cases.move", "case",
      std::to_string(c.c.id), DumpJson({{"stage", {{"before", from_name}, {"after", to_name}}}}));
}

Result<MoveResult> CaseService::Move(const auth::Actor& actor, std::int64_t id, Stage to,
                                     const std::string& reason) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  auto forms = SavedForms(**tx, id);
  if (!forms) return forms.error();

  TransitionFacts facts;
  facts.current = c->c.stage;
  facts.target = to;
  facts.approval_pending = c->c.pending.has_value();
  facts.service_records = c->c.service_count;
  facts.intake_decision = ParseIntakeDecision(StringAt(*forms, "intake", "decision"));
  facts.reason = reason;
  if (c->c.risk_review) {
    JIELI_ASSIGN_OR_RETURN(auto policy, PolicyFor(**tx, c->c.org_id));
    facts.risk_review_blocks = policy.risk_review_gate;
  }
  facts.form_complete = true;
  if (c->c.stage != Stage::kClosed) {
    for (Stage gating : GatingForms(c->c.stage, to)) {
      auto schema = SchemaFor(**tx, c->c.org_id, gating);
      if (!schema) return schema.error();
      const std::string name(ToString(gating));
      const Json saved = forms->contains(name) ? (*forms)[name] : Json::object();
      for (auto& path : MissingRequired(*schema, saved)) {
        facts.missing_fields.push_back(gating == c->c.stage ? path : name + "." + path);
      }
    }
    facts.form_complete = facts.missing_fields.empty();
  }
  auto plan = PlanTransition(facts);
  if (!plan) return plan.error();

  MoveResult result;
  if (plan->needs_approval) {
    const std::string from_name(ToString(plan->from)), to_name(ToString(plan->to));
    const EpochMs now = clock_.Now();
    auto approval_id = (*tx)->QueryOne(
        kApprovalInsertSql, {id, c->c.org_id, from_name, to_name, actor.user_id(), now,
                             c->team.primary_worker, store::OrNull(c->team.co_worker), "move"});
    if (!approval_id) return approval_id.error();
    JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
    JIELI_RETURN_IF_ERROR(
        AddEvent(**tx, actor, id, "approval_requested",
                 {{"from", from_name}, {"to", to_name}, {"approval_id", (**approval_id).Int(0)}}));
    JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, c->c.org_id, "cases.request_approval", "case",
                                        std::to_string(id),
                                        DumpJson({{"approval", {{"after", to_name}}}})));
    JIELI_RETURN_IF_ERROR(
        NotifyApprovalRequested(**tx, *c, (**approval_id).Int(0), plan->from, plan->to, actor));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
    auto approval = LoadApproval(db_, (**approval_id).Int(0));
    if (!approval) return approval.error();
    result.approval = std::move(*approval);
  } else {
    JIELI_RETURN_IF_ERROR(ApplyMove(**tx, actor, *c, to, *forms, reason));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
  }
  auto after = Get(actor, id);
  if (!after) return after.error();
  result.updated = std::move(*after);
  return result;
}

Result<Approval> CaseService::LoadApproval(store::Executor& db, std::int64_t id) const {
  auto row = db.QueryOne(std::string(kApprovalSelect) + " WHERE a.id = ?", {id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("cases.approval_not_found");
  std::vector<Approval> approvals{ApprovalFromRow(**row)};
  JIELI_RETURN_IF_ERROR(NameApprovals(db, approvals, {(*row)->Int(16)}));
  return std::move(approvals.front());
}

Result<Approval> CaseService::Decide(const auth::Actor& actor, std::int64_t approval_id,
                                     bool approve, const std::string& comment) const {
  auto approval = LoadApproval(db_, approval_id);
  if (!approval) return approval.error();
  auto before = LoadReadable(actor, approval->case_id);
  if (!before) {
    if (before.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.approval_not_found");
    return before.error();
  }
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kCasesApprove, before->c.org_id, "cases.approval_not_found"));
  JIELI_RETURN_IF_ERROR(CheckApprover(
      actor.user_id(), {approval->requested_by.id, approval->team_at_request}, before->team));
  if (approval->status != ApprovalStatus::kPending) return ConflictError("cases.approval_decided");
  auto stage_after = ApplyApprovalDecision(approval->from, approval->to, approve, comment);
  if (!stage_after) return stage_after.error();

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  const EpochMs now = clock_.Now();
  auto decided = (*tx)->Execute(kApprovalDecideSql, {std::string(approve ? "approved" : "rejected"),
                                                     actor.user_id(), now, comment, approval_id});
  if (!decided) return decided.error();
  if (*decided == 0) return ConflictError("cases.approval_decided");
  const std::string to_name(ToString(approval->to));
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, c->c.id, approve ? "approved" : "rejected",
                                 {{"approval_id", approval_id},
                                  {"from", std::string(ToString(approval->from))},
                                  {"to", to_name},
                                  {"comment", comment}}));
  JIELI_RETURN_IF_ERROR(
      audit_.Record(**tx, actor, c->c.org_id, approve ? "cases.approve" : "cases.reject", "case",
                    std::to_string(c->c.id), DumpJson({{"approval", {{"after", approval_id}}}})));
  if (approve) {
    auto forms = SavedForms(**tx, c->c.id);
    if (!forms) return forms.error();
    c->c.pending.reset();
    JIELI_RETURN_IF_ERROR(KeepApprovedVersions(**tx, actor, c->c.id, *approval, *forms));
    // An approved plan takes effect: its end is the evaluation's deadline.
    if (approval->kind == "plan_revision" || approval->from == Stage::kPlanning) {
      if (auto end = ScheduleEnd(forms->value("planning", Json()))) c->plan_end = *end;
    }
    if (approval->kind == "plan_revision") {
      JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
    } else {
      JIELI_RETURN_IF_ERROR(ApplyMove(**tx, actor, *c, approval->to, *forms));
    }
  } else {
    JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));  // the case stays; its version moves on
  }
  JIELI_RETURN_IF_ERROR(NotifyApprovalDecided(**tx, *c, *approval, approve, comment, actor));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return LoadApproval(db_, approval_id);
}

Result<Page<Approval>> CaseService::ListApprovals(const auth::Actor& actor,
                                                  std::optional<ApprovalStatus> status,
                                                  bool waiting_for_me, std::int64_t offset,
                                                  std::int64_t limit,
                                                  const std::string& sort) const {
  // Holding the permission nowhere is a refusal, not an empty page.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kCasesRead));
  static const modules::SortOrders kSorts({{"requested_at", "a.requested_at ASC, a.id ASC"},
                                           {"-requested_at", "a.requested_at DESC, a.id DESC"}});
  JIELI_ASSIGN_OR_RETURN(std::string order_by, kSorts.OrderBy(sort));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kCasesRead));
  std::vector<store::Value> params(readable.begin(), readable.end());
  // a.org_id (the case's, copied) so that the status index answers it.
  std::string where = " WHERE a.org_id " + auth::InList(readable.size());
  if (status) {
    where += " AND a.status = ?";
    params.emplace_back(std::string(ToString(*status)));
  }
  if (waiting_for_me) {
    JIELI_ASSIGN_OR_RETURN(auto approving, actor.OrgsWhere(Permission::kCasesApprove));
    // As CheckApprover: not the one who asked, not on the team then or now.
    // Waiting for the case's supervisor, or for anyone who may approve there
    // when the case has none or its supervisor asked.
    where +=
        " AND a.status = 'pending' AND a.requested_by <> ? AND c.primary_worker_id <> ? AND "
        "(c.co_worker_id IS NULL OR c.co_worker_id <> ?) AND (a.request_primary_id IS NULL "
        "OR a.request_primary_id <> ?) AND (a.request_co_worker_id IS NULL OR "
        "a.request_co_worker_id <> ?) AND (c.supervisor_id = ? OR ((c.supervisor_id IS NULL "
        "OR c.supervisor_id = a.requested_by) AND c.org_id " +
        auth::InList(approving.size()) + "))";
    for (int i = 0; i < 6; ++i) params.emplace_back(actor.user_id());
    params.insert(params.end(), approving.begin(), approving.end());
  }
  Page<Approval> page;
  auto count = db_.QueryOne(kApprovalCountSql + where, params);
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db_.Query(
      std::string(kApprovalSelect) + where + " ORDER BY " + order_by + " LIMIT ? OFFSET ?", params);
  if (!rows) return rows.error();
  std::vector<std::int64_t> client_ids;
  for (const auto& row : *rows) {
    page.items.push_back(ApprovalFromRow(row));
    client_ids.push_back(row.Int(16));
  }
  JIELI_RETURN_IF_ERROR(NameApprovals(db_, page.items, client_ids));
  return page;
}

// --- transfer and reopening ----------------------------------------------------------

Result<Case> CaseService::Transfer(const auth::Actor& actor, std::int64_t id,
                                   std::int64_t new_worker, const std::string& reason,
                                   std::optional<std::int64_t> new_supervisor) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  const bool supervisor_changes = new_supervisor && new_supervisor != before->team.supervisor;
  if (supervisor_changes)
    JIELI_RETURN_IF_ERROR(
        actor.Require(Permission::kCasesAssign, before->c.org_id, "cases.not_found"));
  auto team = PlanTransfer(before->c.stage, before->team, new_worker, new_supervisor);
  if (!team) return team.error();
  auto eligible = UserHolds(db_, new_worker, before->c.org_id, Permission::kCasesWrite);
  if (!eligible) return eligible.error();
  if (!*eligible) return ValidationFailed({{"worker_id", "not_eligible", {}}});
  if (supervisor_changes) {
    auto approves = UserHolds(db_, *new_supervisor, before->c.org_id, Permission::kCasesApprove);
    if (!approves) return approves.error();
    if (!*approves) return ValidationFailed({{"supervisor_id", "not_eligible", {}}});
  }

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  const std::int64_t old_worker = c->team.primary_worker;
  const std::optional<std::int64_t> old_supervisor = c->team.supervisor;
  c->team = *team;
  JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  Json event = {{"from_worker", old_worker}, {"to_worker", new_worker}, {"reason", reason}};
  Json changes = {{"primary_worker_id", {{"before", old_worker}, {"after", new_worker}}}};
  if (supervisor_changes) {
    event["from_supervisor"] = old_supervisor ? Json(*old_supervisor) : Json();
    event["to_supervisor"] = *new_supervisor;
    changes["supervisor_id"] = {{"before", old_supervisor ? Json(*old_supervisor) : Json()},
                                {"after", *new_supervisor}};
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, id, "transferred", event));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, c->c.org_id, "cases.transfer", "case",
                                      std::to_string(id), DumpJson(changes)));
  JIELI_RETURN_IF_ERROR(NotifyTransferred(**tx, *c, new_worker, reason, actor));
  if (supervisor_changes)
    JIELI_RETURN_IF_ERROR(NotifySupervisorAssigned(**tx, *c, *new_supervisor, reason, actor));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return Get(actor, id);
}

Result<Case> CaseService::ChangeSupervisor(const auth::Actor& actor, std::int64_t id,
                                           std::int64_t new_supervisor,
                                           const std::string& reason) const {
  auto before = LoadReadable(actor, id);
  if (!before) return before.error();
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kCasesAssign, before->c.org_id, "cases.not_found"));
  auto team = PlanSupervisorChange(before->team, new_supervisor);
  if (!team) return team.error();
  auto approves = UserHolds(db_, new_supervisor, before->c.org_id, Permission::kCasesApprove);
  if (!approves) return approves.error();
  if (!*approves) return ValidationFailed({{"supervisor_id", "not_eligible", {}}});

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  const std::optional<std::int64_t> old_supervisor = c->team.supervisor;
  const Json was = old_supervisor ? Json(*old_supervisor) : Json();
  c->team = *team;
  JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  JIELI_RETURN_IF_ERROR(
      AddEvent(**tx, actor, id, "supervisor_changed",
               {{"from_supervisor", was}, {"to_supervisor", new_supervisor}, {"reason", reason}}));
  JIELI_RETURN_IF_ERROR(
      audit_.Record(**tx, actor, c->c.org_id, "cases.change_supervisor", "case", std::to_string(id),
                    DumpJson({{"supervisor_id", {{"before", was}, {"after", new_supervisor}}}})));
  JIELI_RETURN_IF_ERROR(NotifySupervisorAssigned(**tx, *c, new_supervisor, reason, actor));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return Get(actor, id);
}

Result<Case> CaseService::Reopen(const auth::Actor& actor, std::int64_t id,
                                 const std::string& reason) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  auto forms = SavedForms(db_, id);
  if (!forms) return forms.error();
  auto target = PlanReopen(before->c.stage, reason,
                           ParseIntakeDecision(StringAt(*forms, "intake", "decision")));
  if (!target) return target.error();

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto c = Reload(**tx, *before);
  if (!c) return c.error();
  const EpochMs now = clock_.Now();
  c->c.stage = *target;
  c->c.closed_at.reset();
  c->c.closure_reason.clear();
  c->c.replanned_at.reset();
  ++c->c.reopen_count;
  // A new round of work: the later stages start afresh.
  for (Stage later : AllStages()) {
    if (StageIndex(later) <= StageIndex(*target)) continue;
    if (auto* at = StageTime(c->c, later)) at->reset();
  }
  if (auto* at = StageTime(c->c, *target)) *at = now;
  auto cancelled = (*tx)->Execute(kFollowUpsCancelSql, {id});
  if (!cancelled) return cancelled.error();
  JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  const std::string to_name(ToString(*target));
  JIELI_RETURN_IF_ERROR(
      AddEvent(**tx, actor, id, "reopened", {{"to", to_name}, {"reason", reason}}));
  JIELI_RETURN_IF_ERROR(
      audit_.Record(**tx, actor, c->c.org_id, "cases.reopen", "case", std::to_string(id),
                    DumpJson({{"stage", {{"before", "closed"}, {"after", to_name}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return Get(actor, id);
}

}  // namespace jieli::cases
