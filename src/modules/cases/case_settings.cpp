// CaseService: an agency's settings — the deadline policy, the stage form fields
// and its own standard scales.
#include "core/json.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/form_schema.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;

}  // namespace

Result<DeadlinePolicy> CaseService::GetPolicy(const auth::Actor& actor, std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, org_id));
  return PolicyFor(db_, org_id);
}

Result<DeadlinePolicy> CaseService::SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                              const DeadlinePolicy& policy) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesConfigure, org_id));
  JIELI_RETURN_IF_ERROR(ValidateDeadlinePolicy(policy));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto saved = (*tx)->Execute(
      kPolicyUpsertSql,
      {org_id, std::int64_t{policy.assessment_days}, std::int64_t{policy.planning_days},
       std::int64_t{policy.closure_days}, std::int64_t{policy.crisis_first_contact_hours},
       std::int64_t{policy.risk_review_gate ? 1 : 0}, ActorId(actor), clock_.Now()});
  if (!saved) return saved.error();
  // The stored quality facts hold deadlines under the old policy.
  JIELI_RETURN_IF_ERROR(DropQualityFactsBelow(**tx, org_id));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      **tx, actor, org_id, "cases.set_policy", "organization", std::to_string(org_id),
      DumpJson({{"assessment_days", {{"after", policy.assessment_days}}},
                {"planning_days", {{"after", policy.planning_days}}},
                {"closure_days", {{"after", policy.closure_days}}},
                {"crisis_first_contact_hours", {{"after", policy.crisis_first_contact_hours}}},
                {"risk_review_gate", {{"after", policy.risk_review_gate}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  // Deadlines of open cases already running keep theirs until the case next
  // changes; new deadlines follow the new policy.
  return policy;
}

Result<Json> CaseService::GetFormFields(const auth::Actor& actor, std::int64_t org_id,
                                        Stage stage) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, org_id));
  auto row = db_.QueryOne(kFormFieldsOfOrgStageSql, {org_id, std::string(ToString(stage))});
  if (!row) return row.error();
  Json fields = Json{{"properties", Json::object()}, {"required", Json::array()}};
  if (*row) {
    JIELI_ASSIGN_OR_RETURN(fields, ParseStoredJson((*row)->Text(0), "case_form_fields.fields"));
  }
  auto schema = SchemaFor(db_, org_id, stage);
  if (!schema) return schema.error();
  return Json{{"fields", fields}, {"schema", *schema}};
}

Result<Json> CaseService::SetFormFields(const auth::Actor& actor, std::int64_t org_id, Stage stage,
                                        const Json& fields) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesConfigure, org_id));
  auto schema = ExtendTemplate(BuiltInTemplate(stage), fields);
  if (!schema) return schema.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const std::string name(ToString(stage));
  auto saved = (*tx)->Execute(kFormFieldsUpsertSql,
                              {org_id, name, DumpJson(fields), ActorId(actor), clock_.Now()});
  if (!saved) return saved.error();
  // The stored quality facts count the forms' fields (completeness).
  JIELI_RETURN_IF_ERROR(DropQualityFactsBelow(**tx, org_id));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "cases.set_form_fields", "organization",
                                      std::to_string(org_id),
                                      DumpJson({{name, {{"after", fields}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return GetFormFields(actor, org_id, stage);
}

Result<Json> CaseService::GetScales(const auth::Actor& actor, std::int64_t org_id) const {
  // Names and ranges, no client data: read like the deadlines and form fields,
  // so that the admins who set them (cases.configure without cases.read) see them.
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, org_id));
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(kScalesOfOrgSql, {org_id}));
  Json own = Json::array();
  if (row) {
    JIELI_ASSIGN_OR_RETURN(own, ParseStoredJson(row->Text(0), "case_scales.scales"));
  }
  JIELI_ASSIGN_OR_RETURN(auto offered, AgencyScales(db_, org_id));
  Json catalogue = ScalesToJson(BuiltInScales());
  for (auto& scale : catalogue) scale["built_in"] = true;
  for (auto& scale : ScalesToJson(offered)) {
    scale["built_in"] = false;
    catalogue.push_back(std::move(scale));
  }
  return Json{{"scales", std::move(own)}, {"catalogue", std::move(catalogue)}};
}

Result<Json> CaseService::SetScales(const auth::Actor& actor, std::int64_t org_id,
                                    const std::vector<Scale>& scales) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesConfigure, org_id));
  JIELI_RETURN_IF_ERROR(ValidateAgencyScales(scales));
  const Json list = ScalesToJson(scales);
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto saved =
      (*tx)->Execute(kScalesUpsertSql, {org_id, DumpJson(list), ActorId(actor), clock_.Now()});
  if (!saved) return saved.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "cases.set_scales", "organization",
                                      std::to_string(org_id),
                                      DumpJson({{"scales", {{"after", list}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return GetScales(actor, org_id);
}

}  // namespace jieli::cases
