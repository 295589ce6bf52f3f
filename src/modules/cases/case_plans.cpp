// CaseService: approved form versions (the plan v1, v2 …, the evaluation and
// closure of an approved closure) and revisions of an approved plan.
#include <utility>

#include "core/json.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/form_schema.hpp"
#include "modules/cases/plan.hpp"

namespace jieli::cases {

Result<std::optional<CaseService::ApprovedForm>> CaseService::LatestApproved(store::Executor& db,
                                                                             std::int64_t case_id,
                                                                             Stage stage) const {
  JIELI_ASSIGN_OR_RETURN(
      auto row, db.QueryOne(kLatestFormVersionSql, {case_id, std::string(ToString(stage))}));
  if (!row) return std::optional<ApprovedForm>();
  ApprovedForm form;
  form.version = static_cast<int>(row->Int(0));
  JIELI_ASSIGN_OR_RETURN(form.data, ParseStoredJson(row->Text(1), "case_form_versions.data"));
  form.approved_at = row->Int(2);
  return std::optional<ApprovedForm>(std::move(form));
}

Status CaseService::KeepApprovedVersions(store::Executor& tx, const auth::Actor& actor,
                                         std::int64_t case_id, const Approval& approval,
                                         const Json& forms) const {
  std::vector<Stage> kept;
  if (approval.kind == "plan_revision" || approval.from == Stage::kPlanning) {
    kept = {Stage::kPlanning};
  } else if (approval.to == Stage::kClosed) {
    kept = {Stage::kEvaluation, Stage::kClosed};
  }
  const EpochMs now = clock_.Now();
  for (Stage stage : kept) {
    const std::string name(ToString(stage));
    const Json data = forms.contains(name) ? forms[name] : Json::object();
    auto inserted = tx.Execute(kFormVersionInsertSql, {case_id, name, DumpJson(data), approval.id,
                                                       ActorId(actor), now, case_id, name});
    if (!inserted) return inserted.error();
  }
  return Ok();
}

Result<Approval> CaseService::SubmitPlanRevision(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto before, LoadWritable(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto c, Reload(*tx, before));
  JIELI_ASSIGN_OR_RETURN(auto forms, SavedForms(*tx, id));
  JIELI_ASSIGN_OR_RETURN(auto approved, LatestApproved(*tx, id, Stage::kPlanning));
  JIELI_ASSIGN_OR_RETURN(auto schema, SchemaFor(*tx, c.c.org_id, Stage::kPlanning));
  const Json working = forms.contains("planning") ? forms["planning"] : Json::object();

  PlanRevisionFacts facts;
  facts.current = c.c.stage;
  facts.approved_version_exists = approved.has_value();
  facts.approval_pending = c.c.pending.has_value();
  facts.missing_fields = MissingRequired(schema, working);
  facts.changed = approved && PlanChanged(approved->data, working);
  JIELI_RETURN_IF_ERROR(CheckPlanRevision(facts));

  const std::string stage(ToString(c.c.stage));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(
      auto approval_row,
      tx->QueryOne(kApprovalInsertSql,
                   {id, c.c.org_id, stage, stage, actor.user_id(), now, c.team.primary_worker,
                    store::OrNull(c.team.co_worker), "plan_revision"}));
  const std::int64_t approval_id = approval_row->Int(0);
  JIELI_RETURN_IF_ERROR(SaveCaseRow(*tx, c));
  JIELI_RETURN_IF_ERROR(AddEvent(
      *tx, actor, id, "plan_revision_requested",
      {{"approval_id", approval_id}, {"version", approved->version + 1}, {"stage", stage}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, c.c.org_id, "cases.request_plan_revision", "case", std::to_string(id),
      DumpJson({{"plan_version", {{"after", approved->version + 1}}}})));
  JIELI_RETURN_IF_ERROR(
      NotifyApprovalRequested(*tx, c, approval_id, c.c.stage, c.c.stage, actor, "plan_revision"));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return LoadApproval(db_, approval_id);
}

Result<std::vector<FormVersion>> CaseService::FormVersions(const auth::Actor& actor,
                                                           std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto c, LoadReadable(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kFormVersionsOfCaseSql, {id}));
  const bool notes = CanReadNotes(actor, c);
  std::vector<FormVersion> versions;
  versions.reserve(rows.size());
  for (const auto& row : rows) {
    FormVersion v;
    v.stage = ParseStage(row.Text(0)).value_or(Stage::kPlanning);
    v.version = static_cast<int>(row.Int(1));
    JIELI_ASSIGN_OR_RETURN(v.data, ParseStoredJson(row.Text(2), "case_form_versions.data"));
    v.approval_id = row.OptInt(3);
    if (!row.IsNull(4)) v.approved_by = Person{row.Int(4), row.Text(5)};
    v.approved_at = row.Int(6);
    if (!notes) {
      JIELI_ASSIGN_OR_RETURN(auto schema, SchemaFor(db_, c.c.org_id, v.stage));
      auto shown = WithholdSensitive(schema, std::move(v.data));
      v.data = std::move(shown.data);
      v.withheld = std::move(shown.withheld);
    }
    versions.push_back(std::move(v));
  }
  std::vector<Person*> people;
  for (auto& v : versions) {
    if (v.approved_by) people.push_back(&*v.approved_by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db_, people));
  return versions;
}

}  // namespace jieli::cases
