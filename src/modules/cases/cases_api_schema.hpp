// The cases module's answers as JSON Schema (OpenAPI components): a case, its
// stage forms, approvals, service records, timeline, follow-ups, files, the
// worklist, the statistics and an agency's deadlines and extra form fields.
// Registered with the router by RegisterCaseRoutes. A stage form's own schema
// and data are documents the agency shapes (docs/cases.md): free objects here.
#pragma once

#include "http/api_schema.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

// The file types an attachment may have (the content sniffing in attachment.cpp).
inline const std::vector<std::string>& AttachmentTypes() {
  static const std::vector<std::string> kTypes = {
      "application/pdf",
      "image/png",
      "image/jpeg",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      "text/plain; charset=utf-8"};
  return kTypes;
}

inline void AddCaseSchemas(http::Router& router) {
  router.AddSchema("Stage", http::EnumSchema(StageNames()));
  router.AddSchema("RiskLevel", http::EnumSchema(RiskLevelNames()));
  router.AddSchema("ServiceMode", http::EnumSchema(ServiceModeNames()));
  router.AddSchema("ServiceParticipant", http::EnumSchema(ParticipantNames()));
  router.AddSchema("ApprovalStatus", http::EnumSchema({"pending", "approved", "rejected"}));
  router.AddSchema("Person", R"json({"type":"object","required":["id","name"],
"properties":{"id":{"type":"integer"},"name":{"type":"string"}}})json");
  router.AddSchema("ApprovalKind", http::EnumSchema({"move", "plan_revision"}));
  router.AddSchema("RiskReview", R"json({"type":"object","required":["id","case_id","risk",
"requested_by","requested_at","due_at","overdue","reviewed_by","reviewed_at","comment"],
"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},
"risk":{"$ref":"#/components/schemas/RiskLevel"},
"requested_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"requested_at":{"type":"string","format":"date-time"},
"due_at":{"type":"string","format":"date-time","description":"Overdue after this (2 local days)"},
"overdue":{"type":"boolean"},
"reviewed_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"reviewed_at":{"type":["string","null"],"format":"date-time"},"comment":{"type":"string"}}})json");
  router.AddSchema("OpenRiskReview", R"json({"type":"object","required":["id","risk",
"requested_at","due_at","overdue"],
"properties":{"id":{"type":"integer"},"risk":{"$ref":"#/components/schemas/RiskLevel"},
"requested_at":{"type":"string","format":"date-time"},"due_at":{"type":"string","format":"date-time"},
"overdue":{"type":"boolean"}}})json");
  router.AddSchema("FormVersion", R"json({"type":"object","required":["stage","version","data",
"withheld","approval_id","approved_by","approved_at"],
"properties":{"stage":{"$ref":"#/components/schemas/Stage"},"version":{"type":"integer"},
"data":{"type":"object","additionalProperties":true,"description":"The form as approved"},
"withheld":{"type":"array","items":{"type":"string"}},
"approval_id":{"type":["integer","null"]},
"approved_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"approved_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema(
      "PendingApproval",
      R"json({"type":"object","required":["id","to","requested_by","requested_at","kind"],
"properties":{"id":{"type":"integer"},"to":{"$ref":"#/components/schemas/Stage"},
"kind":{"$ref":"#/components/schemas/ApprovalKind"},
"requested_by":{"$ref":"#/components/schemas/Person"},"requested_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema(
      "Case",
      R"json({"type":"object","required":["id","org_id","org_name","client_id","client_name",
"stage","risk","crisis","problem","primary_worker","co_worker","supervisor","opened_at","stage_started_at",
"first_contact_at","due_at","overdue","days_overdue","closure_reason","reopen_count","service_count",
"crisis_interventions","last_crisis_at","pending_approval","risk_review","replanned_at","updated_at"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"org_name":{"type":"string"},
"client_id":{"type":"integer"},"client_name":{"type":"string"},"stage":{"$ref":"#/components/schemas/Stage"},
"risk":{"$ref":"#/components/schemas/RiskLevel"},"crisis":{"type":"boolean"},
"problem":{"type":"string","description":"The intake's presenting problem"},
"primary_worker":{"$ref":"#/components/schemas/Person"},
"co_worker":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"supervisor":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"opened_at":{"type":"string","format":"date-time"},
"stage_started_at":{"type":"object","description":"When the case entered each later stage (null: not reached)",
"required":["assessment","planning","intervention","evaluation","closed"],
"properties":{"assessment":{"type":["string","null"],"format":"date-time"},
"planning":{"type":["string","null"],"format":"date-time"},
"intervention":{"type":["string","null"],"format":"date-time"},
"evaluation":{"type":["string","null"],"format":"date-time"},
"closed":{"type":["string","null"],"format":"date-time"}}},
"first_contact_at":{"type":["string","null"],"format":"date-time"},
"due_at":{"type":["string","null"],"format":"date-time","description":"The deadline now running"},
"overdue":{"type":"boolean"},"days_overdue":{"type":"integer"},
"closure_reason":{"type":["string","null"]},"reopen_count":{"type":"integer"},
"service_count":{"type":"integer"},
"crisis_interventions":{"type":"integer","description":"Service records of mode crisis (危机介入)"},
"last_crisis_at":{"type":["string","null"],"format":"date-time","description":"When the last crisis record was made"},
"pending_approval":{"oneOf":[{"$ref":"#/components/schemas/PendingApproval"},{"type":"null"}]},
"risk_review":{"oneOf":[{"$ref":"#/components/schemas/OpenRiskReview"},{"type":"null"}],
"description":"A high-risk assessment waiting for the supervisor's review"},
"replanned_at":{"type":["string","null"],"format":"date-time","description":"The last step back to planning"},
"updated_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema(
      "Approval",
      R"json({"type":"object","required":["id","case_id","org_id","client_id","client_name","from",
"to","status","requested_by","requested_at","decided_by","decided_at","comment","kind"],
"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},"org_id":{"type":"integer"},
"client_id":{"type":"integer"},"kind":{"$ref":"#/components/schemas/ApprovalKind"},
"client_name":{"type":"string"},"from":{"$ref":"#/components/schemas/Stage"},
"to":{"$ref":"#/components/schemas/Stage"},"status":{"$ref":"#/components/schemas/ApprovalStatus"},
"requested_by":{"$ref":"#/components/schemas/Person"},"requested_at":{"type":"string","format":"date-time"},
"decided_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"decided_at":{"type":["string","null"],"format":"date-time"},"comment":{"type":"string"}}})json");
  router.AddSchema("MoveResult", R"json({"type":"object","required":["case","approval"],
"properties":{"case":{"$ref":"#/components/schemas/Case"},
"approval":{"oneOf":[{"$ref":"#/components/schemas/Approval"},{"type":"null"}],
"description":"Set when the move waits for a supervisor (202)"}}})json");
  router.AddSchema("StageForm",
                   R"json({"type":"object","required":["stage","schema","data","saved","editable",
"missing","withheld","updated_at","plan"],
"properties":{"stage":{"$ref":"#/components/schemas/Stage"},
"schema":{"type":"object","additionalProperties":true,"description":"The form's JSON Schema (docs/cases.md)"},
"data":{"type":"object","additionalProperties":true,"description":"What is saved, prefilled where empty"},
"saved":{"type":"boolean"},"editable":{"type":"boolean"},
"missing":{"type":"array","items":{"type":"string"},"description":"Paths of required fields still empty"},
"withheld":{"type":"array","items":{"type":"string"},"description":"Paths of filled-in sensitive fields (x-sensitive: health, family, risk details) left out of data: the caller may not read case notes"},
"updated_at":{"type":["string","null"],"format":"date-time"},
"plan":{"description":"The planning form only: the approved version in effect and the next one in the making",
"oneOf":[{"type":"null"},{"type":"object","required":["approved_version","approved_at","changed","revision_pending"],
"properties":{"approved_version":{"type":["integer","null"]},
"approved_at":{"type":["string","null"],"format":"date-time"},
"changed":{"type":"boolean","description":"The saved plan differs from the approved version"},
"revision_pending":{"type":"boolean"}}}]}}})json");
  router.AddSchema("ServiceComment", R"json({"type":"object","required":["id","by","at","text"],
"properties":{"id":{"type":"integer"},"by":{"$ref":"#/components/schemas/Person"},
"at":{"type":"string","format":"date-time"},"text":{"type":"string"}}})json");
  router.AddSchema("ServiceRecord",
                   R"json({"type":"object","required":["id","case_id","date","minutes","mode",
"content","technique","progress_note","place","participants","participants_note","goals_addressed",
"client_response","next_steps","note_hidden","comments","corrected_at","withdrawn","created_by","created_at"],
"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},"date":{"type":"string","format":"date"},
"minutes":{"type":"integer"},"mode":{"$ref":"#/components/schemas/ServiceMode"},
"content":{"type":"string"},"technique":{"type":"string"},
"progress_note":{"type":["string","null"],"description":"null when the caller may not read case notes"},
"place":{"type":"string"},
"participants":{"type":"array","items":{"$ref":"#/components/schemas/ServiceParticipant"},"description":"Empty on records made before it was asked"},
"participants_note":{"type":"string"},
"goals_addressed":{"type":"array","items":{"type":"string"},"description":"Names of goals of the case's plan"},
"client_response":{"type":["string","null"],"description":"null when the caller may not read case notes"},
"next_steps":{"type":"string"},
"note_hidden":{"type":"boolean"},
"comments":{"type":"array","items":{"$ref":"#/components/schemas/ServiceComment"},"description":"Supervisors' comments, oldest first; empty when the caller may not read case notes"},
"corrected_at":{"type":["string","null"],"format":"date-time","description":"When its author last corrected it (within 7 days of writing it)"},
"withdrawn":{"oneOf":[{"type":"object","required":["by","at","reason"],"properties":{"by":{"$ref":"#/components/schemas/Person"},"at":{"type":"string","format":"date-time"},"reason":{"type":"string"}}},{"type":"null"}],"description":"Withdrawn with a reason: kept, no longer counted"},
"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("TimelineEvent",
                   R"json({"type":"object","required":["id","at","actor","kind","data"],
"properties":{"id":{"type":"integer"},"at":{"type":"string","format":"date-time"},
"actor":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}],"description":"null: the system"},
"kind":{"type":"string","description":"opened, stage_saved, moved, stepped_back, approval_requested, plan_revision_requested, approved, rejected, risk_review_requested, risk_reviewed, service_added (mode crisis: a crisis intervention; excerpt: the content's start), service_corrected (fields: what changed), service_withdrawn (reason), service_commented, transferred, reopened, followup_done (situation, note, new_needs), followup_new_case (case_id: the case opened for its new needs), attachment_added, escalated"},
"data":{"type":"object","additionalProperties":true}}})json");
  router.AddSchema("FollowUp",
                   R"json({"type":"object","required":["id","case_id","due_on","status","done_at",
"done_by","note","situation","new_needs","new_case_id"],
"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},"due_on":{"type":"string","format":"date"},
"status":{"type":"string","enum":["due","done"]},"done_at":{"type":["string","null"],"format":"date-time"},
"done_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},"note":{"type":"string"},
"situation":{"type":["string","null"],"enum":["better","same","worse",null],"description":"How the client is now against closure (好转, 持平, 变差); null while due"},
"new_needs":{"type":"string","description":"New needs the client raised (\"\" none, or hidden with the note)"},
"new_case_id":{"type":["integer","null"],"description":"The case opened for the new needs"}}})json");
  router.AddSchema("Attachment",
                   R"json({"type":"object","required":["id","case_id","file_name","content_type",
"size","sha256","uploaded_by","uploaded_at"],
"properties":{"id":{"type":"integer"},"case_id":{"type":"integer"},"file_name":{"type":"string"},
"content_type":{"type":"string"},"size":{"type":"integer"},"sha256":{"type":"string"},
"uploaded_by":{"$ref":"#/components/schemas/Person"},"uploaded_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema(
      "WorkItem",
      R"json({"type":"object","required":["kind","case_id","client_id","client_name","stage","risk",
"due_at","since","overdue","days_overdue","approval_id","approval_to","approval_kind","followup_id",
"risk_review_id"],
"properties":{"kind":{"type":"string","enum":["deadline","approval","risk_review","followup"]},
"case_id":{"type":"integer"},"client_id":{"type":"integer"},"client_name":{"type":"string"},"stage":{"$ref":"#/components/schemas/Stage"},
"risk":{"$ref":"#/components/schemas/RiskLevel"},"due_at":{"type":["string","null"],"format":"date-time"},
"since":{"type":"string","format":"date-time"},"overdue":{"type":"boolean"},"days_overdue":{"type":"integer"},
"approval_id":{"type":["integer","null"]},
"approval_to":{"oneOf":[{"$ref":"#/components/schemas/Stage"},{"type":"null"}]},
"approval_kind":{"oneOf":[{"$ref":"#/components/schemas/ApprovalKind"},{"type":"null"}]},
"followup_id":{"type":["integer","null"]},"risk_review_id":{"type":["integer","null"]}}})json");
  router.AddSchema(
      "CaseStats",
      R"json({"type":"object","required":["by_stage","by_risk","overdue","by_worker","per_month"],
"properties":{"by_stage":{"$ref":"#/components/schemas/StageCounts"},
"by_risk":{"$ref":"#/components/schemas/RiskCounts"},
"overdue":{"type":"integer","description":"Open cases past their deadline"},
"by_worker":{"type":"array","description":"Open cases per primary worker, the busiest first",
"items":{"type":"object","required":["worker","open","overdue"],
"properties":{"worker":{"$ref":"#/components/schemas/Person"},"open":{"type":"integer"},"overdue":{"type":"integer"}}}},
"per_month":{"type":"array","description":"The last 12 local months, oldest first",
"items":{"type":"object","required":["month","opened","closed"],
"properties":{"month":{"type":"string"},"opened":{"type":"integer"},"closed":{"type":"integer"}}}}}})json");
  router.AddSchema("StageCounts", http::CountsSchema(StageNames()));
  router.AddSchema("RiskCounts", http::CountsSchema(RiskLevelNames()));
  router.AddSchema("DeadlinePolicy",
                   R"json({"type":"object","required":["assessment_days","planning_days",
"closure_days","crisis_first_contact_hours","risk_review_gate"],
"properties":{"assessment_days":{"type":"integer"},"planning_days":{"type":"integer"},
"closure_days":{"type":"integer"},"crisis_first_contact_hours":{"type":"integer"},
"risk_review_gate":{"type":"boolean","description":"A high-risk assessment's review holds the case's forward moves"}}})json");
  router.AddSchema("AgencyFormFields", R"json({"type":"object","required":["fields","schema"],
"properties":{"fields":{"type":"object","additionalProperties":true,
"description":"The agency's own fields: properties, required, x-order"},
"schema":{"type":"object","additionalProperties":true,
"description":"The built-in template extended with the fields"}}})json");
  router.AddSchema("AgencyScales", R"json({"type":"object","required":["scales","catalogue"],
"properties":{"scales":{"type":"array","description":"The agency's own scales",
"items":{"$ref":"#/components/schemas/Scale"}},
"catalogue":{"type":"array",
"description":"What its forms offer: the built-in scales, then its own or the nearest organisation's above",
"items":{"$ref":"#/components/schemas/Scale"}}}})json");
  router.AddSchema("Scale", R"json({"type":"object","required":["code","name","name_en","min","max",
"higher_is_better"],
"properties":{"code":{"type":"string"},"name":{"type":"string"},"name_en":{"type":"string"},
"min":{"type":"number"},"max":{"type":"number"},"higher_is_better":{"type":"boolean"},
"built_in":{"type":"boolean","description":"In the catalogue: one of the built-in scales"}}})json");
}

}  // namespace jieli::cases
