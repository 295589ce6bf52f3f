// The feedback module's answers as JSON Schema (OpenAPI components); times
// RFC 3339 in Asia/Shanghai, dates local "YYYY-MM-DD". Registered by
// RegisterFeedbackRoutes. Person is the quality module's (registered before).
#pragma once

#include "http/api_schema.hpp"

namespace jieli::feedback {

inline void AddFeedbackSchemas(http::Router& router) {
  router.AddSchema("CalendarDay", R"json({"type":"object","required":["date","kind","name"],
"properties":{"date":{"type":"string","format":"date"},
"kind":{"type":"string","enum":["holiday","workday"],"description":"holiday: a weekday off (休); workday: a weekend day worked (调休上班)"},
"name":{"type":"string","maxLength":40}}})json");
  router.AddSchema("CalendarYear", R"json({"type":"object",
"required":["year","days","working_days","updated_at","updated_by"],
"properties":{"year":{"type":"integer"},
"days":{"type":"array","items":{"$ref":"#/components/schemas/CalendarDay"}},
"working_days":{"type":"integer","description":"Working days of the year under this table"},
"updated_at":{"type":["string","null"],"format":"date-time"},
"updated_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]}}})json");
  router.AddSchema("ContactFollowUp", R"json({"type":"object",
"required":["due","note","done_at","done_by","done_note"],
"properties":{"due":{"type":"string","format":"date"},"note":{"type":"string"},
"done_at":{"type":["string","null"],"format":"date-time"},
"done_by":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"done_note":{"type":"string"}}})json");
  router.AddSchema("Contact", R"json({"type":"object",
"required":["id","org","client","case_id","channel","direction","at","summary","by","follow_up","created_at","followup_id"],
"properties":{"id":{"type":"integer"},
"org":{"$ref":"#/components/schemas/Person"},
"client":{"$ref":"#/components/schemas/Person"},
"case_id":{"type":["integer","null"]},
"channel":{"type":"string","enum":["phone","wechat","sms","email","chat","walk_in","home_visit","letter","web"]},
"direction":{"type":"string","enum":["in","out"],"description":"in: the client reached the agency; out: the agency reached the client"},
"at":{"type":"string","format":"date-time"},
"summary":{"type":"string"},
"by":{"$ref":"#/components/schemas/Person"},
"follow_up":{"oneOf":[{"$ref":"#/components/schemas/ContactFollowUp"},{"type":"null"}]},
"created_at":{"type":"string","format":"date-time"},
"followup_id":{"type":["integer","null"],"description":"The case follow-up (回访) this exchange recorded"}}})json");
  router.AddSchema("ComplaintPolicy", R"json({"type":"object",
"required":["org_id","acknowledge_days","resolve_days","leader_after_days","inherited_from"],
"properties":{"org_id":{"type":"integer"},
"acknowledge_days":{"type":"integer","description":"Working days to acknowledge"},
"resolve_days":{"type":"integer","description":"Working days to resolve"},
"leader_after_days":{"type":"integer","description":"Working days past a missed deadline before the leaders are told"},
"inherited_from":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}],"description":"The organisation above whose policy applies; null: its own or the defaults"}}})json");
  router.AddSchema("ComplaintEvent", R"json({"type":"object","required":["action","at","by","note"],
"properties":{"action":{"type":"string","enum":["receive","acknowledge","resolve","reopen","close","withdraw","assign"]},
"at":{"type":"string","format":"date-time"},"by":{"$ref":"#/components/schemas/Person"},
"note":{"type":"string"}}})json");
  router.AddSchema("Complaint", R"json({"type":"object",
"required":["id","org","kind","category","channel","severity","state","subject","details","complainant",
"client","case_id","worker_concerned","handler","received_by","received_at","acknowledge_due","resolve_due",
"acknowledged_at","resolved_at","closed_at","colour","escalation","resolution","cause","satisfaction",
"improvement_id","reference","history","actions"],
"properties":{"id":{"type":"integer"},"org":{"$ref":"#/components/schemas/Person"},
"kind":{"type":"string","enum":["complaint","suggestion","praise"]},
"category":{"type":"string","enum":["service_quality","attitude","timeliness","privacy","fees","environment","other"]},
"channel":{"type":"string","enum":["phone","wechat","sms","email","chat","walk_in","home_visit","letter","web"]},
"severity":{"type":"string","enum":["low","normal","high","critical"]},
"state":{"type":"string","enum":["received","acknowledged","resolved","closed","withdrawn"]},
"subject":{"type":"string"},"details":{"type":"string"},
"complainant":{"type":"object","required":["name","contact"],"properties":{"name":{"type":"string"},"contact":{"type":"string","description":"Masked"}}},
"client":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"case_id":{"type":["integer","null"]},
"worker_concerned":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"handler":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}]},
"received_by":{"$ref":"#/components/schemas/Person"},
"received_at":{"type":"string","format":"date-time"},
"acknowledge_due":{"type":["string","null"],"format":"date-time","description":"null for praise"},
"resolve_due":{"type":["string","null"],"format":"date-time","description":"null for praise"},
"acknowledged_at":{"type":["string","null"],"format":"date-time"},
"resolved_at":{"type":["string","null"],"format":"date-time"},
"closed_at":{"type":["string","null"],"format":"date-time"},
"colour":{"type":"string","enum":["none","green","yellow","red"],"description":"The running deadline now: red passed, yellow within a day"},
"escalation":{"type":"string","enum":["none","supervisor","leader"],"description":"Who has been told of the missed deadline"},
"resolution":{"type":"string"},"cause":{"type":"string"},
"satisfaction":{"type":["string","null"],"enum":["satisfied","neutral","dissatisfied",null]},
"improvement_id":{"type":["integer","null"]},
"reference":{"type":["string","null"],"description":"The reference given on the public page (web channel only)"},
"history":{"type":"array","items":{"$ref":"#/components/schemas/ComplaintEvent"}},
"actions":{"type":"array","items":{"type":"string","enum":["acknowledge","resolve","reopen","close","withdraw"]},"description":"What the caller may do now"}}})json");
}

}  // namespace jieli::feedback
