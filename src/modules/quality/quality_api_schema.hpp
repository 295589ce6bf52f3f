// The quality module's answers as JSON Schema (OpenAPI components): the
// indicator catalogue, a window's values by unit, a series with its control
// chart, a funnel plot (values in the indicator's unit: percent 0–100, per 100,
// hours, score, count; dates local "YYYY-MM-DD"); supervision, training and
// improvement cycles. Registered with the router by RegisterQualityRoutes.
#pragma once

#include "http/api_schema.hpp"
#include "modules/orgs/org.hpp"
#include "modules/quality/audit.hpp"
#include "modules/quality/improvement.hpp"
#include "modules/quality/supervision.hpp"

namespace jieli::quality {

inline void AddQualitySchemas(http::Router& router) {
  router.AddSchema("IndicatorUnit",
                   http::EnumSchema({"percent", "hours", "per100", "count", "days", "score"}));
  router.AddSchema("IndicatorBrief", R"json({"type":"object",
"required":["id","name","unit","direction","chart"],
"properties":{"id":{"type":"string"},"name":{"type":"string"},
"unit":{"$ref":"#/components/schemas/IndicatorUnit"},
"direction":{"type":"string","enum":["higher","lower"]},
"chart":{"type":"string","enum":["p","xmr"]}}})json");
  router.AddSchema("Indicator", R"json({"type":"object",
"required":["id","name","name_zh","name_en","definition","definition_zh","definition_en","formula",
"numerator","denominator","unit","direction","chart","measured","suppress_small"],
"properties":{"id":{"type":"string"},"name":{"type":"string","description":"In the caller's language"},
"name_zh":{"type":"string"},"name_en":{"type":"string"},
"definition":{"type":"string"},"definition_zh":{"type":"string"},"definition_en":{"type":"string"},
"formula":{"type":"string"},"numerator":{"type":"string"},"denominator":{"type":"string"},
"unit":{"$ref":"#/components/schemas/IndicatorUnit"},
"direction":{"type":"string","enum":["higher","lower"]},
"chart":{"type":"string","enum":["p","xmr"]},
"measured":{"type":"boolean","description":"false: declared, not yet computed from the records"},
"suppress_small":{"type":"boolean","description":"Cells with a denominator under 5 are suppressed"}}})json");
  router.AddSchema("IndicatorCatalogue", R"json({"type":"object","required":["items"],
"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/Indicator"}}}})json");
  router.AddSchema("IndicatorCell", R"json({"type":"object",
"required":["unit_id","unit_key","name","period","numerator","denominator","value","suppressed"],
"properties":{"unit_id":{"type":"integer","description":"Organisation, worker or region id; 0 for a category or none"},
"unit_key":{"type":"string","description":"The id as text, or the category code"},
"name":{"type":"string"},"period":{"type":["string","null"]},
"numerator":{"type":"number"},"denominator":{"type":"number"},
"value":{"type":["number","null"]},
"suppressed":{"type":"boolean","description":"Denominator under 5: no counts, no value"}}})json");
  router.AddSchema("IndicatorTotal", R"json({"type":"object",
"required":["numerator","denominator","value","suppressed"],
"properties":{"numerator":{"type":"number"},"denominator":{"type":"number"},
"value":{"type":["number","null"]},"suppressed":{"type":"boolean"}}})json");
  router.AddSchema("IndicatorPeriod", R"json({"type":"object","required":["period","from","to"],
"properties":{"period":{"type":"string"},"from":{"type":"string","format":"date"},
"to":{"type":"string","format":"date"}}})json");
  router.AddSchema("IndicatorValues", R"json({"type":"object",
"required":["from","to","by","granularity","periods","indicators","computed_at"],
"properties":{"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"},
"computed_at":{"type":"string","format":"date-time","description":"When the numbers were worked out: the bureau's city-wide tables are handed out for up to a minute"},
"by":{"type":"string","enum":["org","worker","district","category"]},
"granularity":{"type":["string","null"]},
"periods":{"type":"array","items":{"$ref":"#/components/schemas/IndicatorPeriod"}},
"indicators":{"type":"array","items":{"type":"object",
"required":["indicator","measured","total","cells"],
"properties":{"indicator":{"$ref":"#/components/schemas/IndicatorBrief"},
"measured":{"type":"boolean"},
"total":{"$ref":"#/components/schemas/IndicatorTotal"},
"cells":{"type":"array","items":{"$ref":"#/components/schemas/IndicatorCell"}}}}}}})json");
  router.AddSchema("SeriesPoint", R"json({"type":"object",
"required":["period","from","to","numerator","denominator","value","suppressed","centre","lower",
"upper","rules","baseline"],
"properties":{"period":{"type":"string"},"from":{"type":"string","format":"date"},
"to":{"type":"string","format":"date"},"numerator":{"type":"number"},
"denominator":{"type":"number"},"value":{"type":["number","null"]},
"suppressed":{"type":"boolean"},"centre":{"type":["number","null"]},
"lower":{"type":["number","null"]},"upper":{"type":["number","null"]},
"rules":{"type":"array","items":{"type":"integer"}},"baseline":{"type":"boolean"}}})json");
  router.AddSchema("IndicatorSeries", R"json({"type":"object",
"required":["indicator","granularity","chart","centre","points","signals"],
"properties":{"indicator":{"$ref":"#/components/schemas/IndicatorBrief"},
"granularity":{"type":"string","enum":["week","month","quarter","year"]},
"chart":{"type":"string","enum":["p","xmr"]},"centre":{"type":["number","null"]},
"points":{"type":"array","items":{"$ref":"#/components/schemas/SeriesPoint"}},
"signals":{"type":"array","items":{"type":"object","required":["period","rules"],
"properties":{"period":{"type":"string"},"rules":{"type":"array","items":{"type":"integer"}}}}}}})json");
  router.AddSchema("FunnelUnit", R"json({"type":"object",
"required":["unit_id","name","numerator","denominator","value","suppressed","position"],
"properties":{"unit_id":{"type":"integer"},"name":{"type":"string"},
"numerator":{"type":"number"},"denominator":{"type":"number"},
"value":{"type":["number","null"]},"suppressed":{"type":"boolean"},
"position":{"type":"string","enum":["within","above95","above998","below95","below998"]}}})json");
  router.AddSchema("IndicatorFunnel", R"json({"type":"object",
"required":["indicator","target","units","curve"],
"properties":{"indicator":{"$ref":"#/components/schemas/IndicatorBrief"},
"target":{"type":["number","null"],"description":"The overall value over every unit in scope"},
"units":{"type":"array","items":{"$ref":"#/components/schemas/FunnelUnit"}},
"curve":{"type":"array","items":{"type":"object",
"required":["n","lower95","upper95","lower998","upper998"],
"properties":{"n":{"type":"number"},"lower95":{"type":"number"},"upper95":{"type":"number"},
"lower998":{"type":"number"},"upper998":{"type":"number"}}}}}})json");
}

// --- supervision, training, improvement cycles ---
inline void AddSupervisionSchemas(http::Router& router) {
  router.AddSchema("Person", R"json({"type":"object","required":["id","name"],
"properties":{"id":{"type":"integer"},"name":{"type":"string"}}})json");
  router.AddSchema("SupervisionKind", http::EnumSchema(SupervisionKindNames()));
  router.AddSchema("TrainingKind", http::EnumSchema(TrainingKindNames()));
  router.AddSchema("ImprovementPhase", http::EnumSchema(PhaseNames()));
  router.AddSchema("ImprovementSource", http::EnumSchema(SourceKindNames()));
  router.AddSchema("StandardKind", http::EnumSchema(StandardKindNames()));
  router.AddSchema("FindingSeverity", http::EnumSchema(FindingSeverityNames()));
  router.AddSchema("QualityAction", R"json({"type":"object","required":["id","org_id",
"session_id","improvement_id","text","owner","due_on","progress","done","done_at","done_by",
"overdue","context"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},
"session_id":{"type":["integer","null"],"description":"The supervision session it was agreed in"},
"improvement_id":{"type":["integer","null"],"description":"The improvement cycle it belongs to"},
"text":{"type":"string"},"owner":{"$ref":"#/components/schemas/Person"},
"due_on":{"type":"string","format":"date"},
"progress":{"type":"array","items":{"type":"object","required":["at","by","text"],
"properties":{"at":{"type":"string","format":"date-time"},"by":{"$ref":"#/components/schemas/Person"},"text":{"type":"string"}}}},
"done":{"type":"boolean"},"done_at":{"type":["string","null"],"format":"date-time"},
"done_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"overdue":{"type":"boolean","description":"Open and due before today"},
"context":{"type":"string","description":"The session's topics or the cycle's title (a finding: its round's title)"},
"kind":{"type":"string","enum":["action","finding"],"description":"On the work list: an agreed action, or an audit finding to correct (then id is the finding's)"},
"round_id":{"type":"integer","description":"A finding's audit round"},
"case_id":{"type":"integer","description":"A finding's case"},
"severity":{"$ref":"#/components/schemas/FindingSeverity"}}})json");
  router.AddSchema("SupervisionSession", R"json({"type":"object","required":["id","org_id",
"supervisor","kind","date","minutes","supervisees","topics","case_ids","notes","actions",
"created_by","created_at","updated_at"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},
"supervisor":{"$ref":"#/components/schemas/Person"},
"kind":{"$ref":"#/components/schemas/SupervisionKind"},
"date":{"type":"string","format":"date"},"minutes":{"type":"integer"},
"supervisees":{"type":"array","items":{"$ref":"#/components/schemas/Person"}},
"topics":{"type":"string"},
"case_ids":{"type":"array","items":{"type":"integer"},"description":"The cases discussed"},
"notes":{"type":"string"},
"actions":{"type":"array","items":{"$ref":"#/components/schemas/QualityAction"}},
"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"},
"updated_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("Training", R"json({"type":"object","required":["id","org_id","title",
"kind","date","hours","trainer","attendance","created_by","created_at"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"title":{"type":"string"},
"kind":{"$ref":"#/components/schemas/TrainingKind"},"date":{"type":"string","format":"date"},
"hours":{"type":"number"},"trainer":{"type":"string"},
"attendance":{"type":"array","items":{"type":"object","required":["person","hours"],
"properties":{"person":{"$ref":"#/components/schemas/Person"},"hours":{"type":"number"}}}},
"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("TrainingHours", R"json({"type":"object","required":["person","sessions",
"hours"],"properties":{"person":{"$ref":"#/components/schemas/Person"},
"sessions":{"type":"integer"},"hours":{"type":"number"}}})json");
  router.AddSchema("SupervisionDueList", R"json({"type":"object","required":["items",
"due_after_days"],"properties":{"due_after_days":{"type":"integer"},
"items":{"type":"array","items":{"type":"object","required":["person","last_date","days_since",
"due"],"properties":{"person":{"$ref":"#/components/schemas/Person"},
"last_date":{"type":["string","null"],"format":"date","description":"Their last supervision session; null: never"},
"days_since":{"type":["integer","null"]},"due":{"type":"boolean"}}}}}})json");
  router.AddSchema("PostDuties", R"json({"type":"object","required":["role","duties",
"from_org_id"],"properties":{"role":{"type":"string"},
"duties":{"type":"array","items":{"type":"string"}},
"from_org_id":{"type":["integer","null"],"description":"Whose list it is: the organisation's own or the nearest above it; null when none is set"}}})json");
  router.AddSchema("Improvement", R"json({"type":"object","required":["id","org_id","title",
"phase","source_kind","source_ref","problem","root_cause","indicator","before_value","after_value",
"check_note","standard_kind","standard_ref","owner","created_by","created_at","updated_at",
"actions","history","allowed_moves"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"title":{"type":"string"},
"phase":{"$ref":"#/components/schemas/ImprovementPhase"},
"source_kind":{"$ref":"#/components/schemas/ImprovementSource"},
"source_ref":{"type":"string","description":"The source record (finding id, complaint id, indicator:period, survey id)"},
"problem":{"type":"string"},"root_cause":{"type":"string"},
"indicator":{"type":"string","description":"The indicator to watch"},
"before_value":{"type":["number","null"]},"after_value":{"type":["number","null"]},
"check_note":{"type":"string"},
"standard_kind":{"oneOf":[{"$ref":"#/components/schemas/StandardKind"},{"type":"null"}]},
"standard_ref":{"type":"string","description":"A link or text: where it was standardised"},
"owner":{"$ref":"#/components/schemas/Person"},"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"},
"actions":{"type":"array","items":{"$ref":"#/components/schemas/QualityAction"}},
"history":{"type":"array","description":"Phase changes, oldest first (empty in lists)","items":{"type":"object",
"required":["from","to","by","at","note"],"properties":{
"from":{"oneOf":[{"$ref":"#/components/schemas/ImprovementPhase"},{"type":"null"}]},
"to":{"$ref":"#/components/schemas/ImprovementPhase"},"by":{"$ref":"#/components/schemas/Person"},
"at":{"type":"string","format":"date-time"},"note":{"type":"string"}}}},
"allowed_moves":{"type":"array","items":{"$ref":"#/components/schemas/ImprovementPhase"},
"description":"The phase the cycle may move to now (empty while its phase lacks what it needs)"}}})json");
}

// Quality objectives and the quality policy.
inline void AddObjectiveSchemas(http::Router& router) {
  router.AddSchema("ObjectiveStatus", http::EnumSchema({"on_track", "off_track", "no_data"}));
  router.AddSchema("Objective", R"json({"type":"object","required":["id","set_at",
"inherited","indicator","target","granularity","owner","note","updated_at","period","actual",
"status"],
"properties":{"id":{"type":"integer"},
"set_at":{"type":"object","description":"The organisation where it was set","required":["id","name"],"properties":{"id":{"type":"integer"},"name":{"type":"string"}}},
"inherited":{"type":"boolean","description":"Set at an organisation above the one asked about"},
"indicator":{"$ref":"#/components/schemas/IndicatorBrief"},
"target":{"type":"number","description":"In the indicator's unit"},
"granularity":{"type":"string","enum":["month","quarter","year"]},
"owner":{"$ref":"#/components/schemas/Person"},"note":{"type":"string"},
"updated_at":{"type":"string","format":"date-time"},
"period":{"$ref":"#/components/schemas/IndicatorPeriod"},
"actual":{"$ref":"#/components/schemas/IndicatorTotal"},
"status":{"$ref":"#/components/schemas/ObjectiveStatus"}}})json");
  router.AddSchema("ObjectiveList", R"json({"type":"object","required":["org_id","period","items"],
"properties":{"org_id":{"type":"integer"},"period":{"type":["string","null"]},
"items":{"type":"array","items":{"$ref":"#/components/schemas/Objective"}}}})json");
  router.AddSchema("QualityPolicy", R"json({"type":"object","required":["org_id","text",
"from_org_id","from_org_name","inherited","updated_by","updated_at"],
"properties":{"org_id":{"type":"integer"},"text":{"type":"string","description":"Empty when no organisation up the tree has one"},
"from_org_id":{"type":["integer","null"],"description":"Whose text it is: the organisation's own or the nearest above it"},
"from_org_name":{"type":["string","null"]},"inherited":{"type":"boolean"},
"updated_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"updated_at":{"type":["string","null"],"format":"date-time"}}})json");
}

inline void AddSignalSchemas(http::Router& router) {
  router.AddSchema("QualitySignal", R"json({"type":"object","required":["id","org_id",
"org_name","indicator","indicator_name","period","rules","value","centre","lower","upper",
"detected_at","state","note","handled_by","handled_at","improvement_id"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"org_name":{"type":"string"},
"indicator":{"type":"string"},"indicator_name":{"type":"string","description":"In the caller's language"},
"period":{"type":"string","description":"The month, YYYY-MM"},
"rules":{"type":"array","items":{"type":"integer","minimum":1,"maximum":4},"description":"The Western Electric rules the point broke"},
"value":{"type":"number","description":"In the indicator's unit"},
"centre":{"type":["number","null"]},"lower":{"type":["number","null"]},"upper":{"type":["number","null"]},
"detected_at":{"type":"string","format":"date-time"},
"state":{"type":"string","enum":["open","dismissed","cycle_opened"]},
"note":{"type":"string","description":"Why it was dismissed"},
"handled_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"handled_at":{"type":["string","null"],"format":"date-time"},
"improvement_id":{"type":["integer","null"],"description":"The cycle opened from it"}}})json");
}

// --- case-file audits ---
inline void AddAuditSchemas(http::Router& router) {
  router.AddSchema("AuditStage", http::EnumSchema(AuditStageNames()));
  router.AddSchema("ItemScore", http::EnumSchema(ItemScoreNames()));
  router.AddSchema("FindingState", http::EnumSchema(FindingStateNames()));
  router.AddSchema("ChecklistItem", R"json({"type":"object","required":["key","stage","text_zh",
"text_en","weight","retired","builtin"],"properties":{"key":{"type":"string","description":"Stable: scores refer to it"},
"stage":{"$ref":"#/components/schemas/AuditStage"},"text_zh":{"type":"string"},"text_en":{"type":"string"},
"weight":{"type":"integer","minimum":1,"maximum":10},"retired":{"type":"boolean"},
"builtin":{"type":"boolean","description":"One of Jieli's built-in items"}}})json");
  router.AddSchema("AuditChecklist", R"json({"type":"object","required":["items","from_org_id"],
"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/ChecklistItem"}},
"from_org_id":{"type":["integer","null"],"description":"Whose copy: the organisation's own or the nearest above it; null for the built-in list"}}})json");
  router.AddSchema("AuditCase", R"json({"type":"object","required":["case_id","position",
"worker","auditor","excluded","stages","items_total","items_scored","done","score","comment"],
"properties":{"case_id":{"type":"integer"},"position":{"type":"integer","description":"In draw order, from 1"},
"worker":{"$ref":"#/components/schemas/Person"},
"auditor":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"excluded":{"type":"string","description":"own_case: every auditor of the round works on it; empty when audited"},
"stages":{"type":"array","items":{"$ref":"#/components/schemas/AuditStage"}},
"items_total":{"type":"integer"},"items_scored":{"type":"integer"},"done":{"type":"boolean"},
"score":{"type":["number","null"],"description":"Weighted 0–100, n/a left out"},"comment":{"type":"string"},
"scores":{"type":"array","description":"One case's page only","items":{"type":"object","required":["key","score","comment"],
"properties":{"key":{"type":"string"},"score":{"$ref":"#/components/schemas/ItemScore"},"comment":{"type":"string"}}}}}})json");
  router.AddSchema("AuditRound", R"json({"type":"object","required":["id","org_id","title","from",
"to","basis","stage","worker","sample_size","seed","population","state","auditors","checklist",
"cases","cases_done","cases_audited","created_by","created_at","finished_at","full_view"],
"properties":{"id":{"type":"integer"},"org_id":{"type":"integer"},"title":{"type":"string"},
"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"},
"basis":{"type":"string","enum":["opened","closed"]},
"stage":{"oneOf":[{"$ref":"#/components/schemas/AuditStage"},{"type":"null"}]},
"worker":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"sample_size":{"type":"integer"},"seed":{"type":"integer","description":"Draws the same sample again from the same population"},
"population":{"type":"integer","description":"Cases in the population when drawn"},
"state":{"type":"string","enum":["open","finished"]},
"auditors":{"type":"array","items":{"$ref":"#/components/schemas/Person"}},
"checklist":{"type":"array","items":{"$ref":"#/components/schemas/ChecklistItem"},"description":"As it stood when drawn"},
"cases":{"type":"array","items":{"$ref":"#/components/schemas/AuditCase"}},
"cases_done":{"type":"integer"},"cases_audited":{"type":"integer"},
"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"},
"finished_at":{"type":["string","null"],"format":"date-time"},
"full_view":{"type":"boolean","description":"false: a worker's view, their own cases only"}}})json");
  router.AddSchema("AuditFinding", R"json({"type":"object","required":["id","round_id",
"round_title","org_id","case_id","item_key","severity","text","due_on","state","owner","auditor",
"correction_note","corrected_at","verify_note","closed_at","improvement_id","overdue","created_at"],
"properties":{"id":{"type":"integer"},"round_id":{"type":"integer"},"round_title":{"type":"string"},
"org_id":{"type":"integer"},"case_id":{"type":"integer"},"item_key":{"type":"string"},
"severity":{"$ref":"#/components/schemas/FindingSeverity"},"text":{"type":"string"},
"due_on":{"type":"string","format":"date"},"state":{"$ref":"#/components/schemas/FindingState"},
"owner":{"$ref":"#/components/schemas/Person"},"auditor":{"$ref":"#/components/schemas/Person"},
"correction_note":{"type":"string"},"corrected_at":{"type":["string","null"],"format":"date-time"},
"verify_note":{"type":"string"},"closed_at":{"type":["string","null"],"format":"date-time"},
"improvement_id":{"type":["integer","null"]},"overdue":{"type":"boolean"},
"created_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("ScoreCell", R"json({"type":"object","required":["score","cases","applicable"],
"properties":{"score":{"type":["number","null"]},"cases":{"type":"integer"},"applicable":{"type":"integer"}}})json");
  router.AddSchema("AuditResults", R"json({"type":"object","required":["overall","by_worker",
"by_item","findings_by_severity","findings"],"properties":{
"overall":{"$ref":"#/components/schemas/ScoreCell"},
"by_worker":{"type":"array","items":{"type":"object","required":["worker","score","cases","applicable"],
"properties":{"worker":{"$ref":"#/components/schemas/Person"},"score":{"type":["number","null"]},
"cases":{"type":"integer"},"applicable":{"type":"integer"}}}},
"by_item":{"type":"array","items":{"type":"object","required":["key","stage","text_zh","text_en","score","cases","applicable"],
"properties":{"key":{"type":"string"},"stage":{"$ref":"#/components/schemas/AuditStage"},
"text_zh":{"type":"string"},"text_en":{"type":"string"},"score":{"type":["number","null"]},
"cases":{"type":"integer"},"applicable":{"type":"integer"}}}},
"findings_by_severity":{"type":"object","required":["minor","major","critical"],"properties":{
"minor":{"type":"integer"},"major":{"type":"integer"},"critical":{"type":"integer"}}},
"findings":{"type":"array","items":{"$ref":"#/components/schemas/AuditFinding"}}}})json");
}

}  // namespace jieli::quality
