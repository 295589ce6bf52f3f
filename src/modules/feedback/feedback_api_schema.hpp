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
"required":["id","org","client","case_id","channel","direction","at","summary","by","follow_up","created_at"],
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
"created_at":{"type":"string","format":"date-time"}}})json");
}

}  // namespace jieli::feedback
