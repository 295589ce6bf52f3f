// The surveys' answers as JSON Schema (OpenAPI components); times RFC 3339 in
// Asia/Shanghai, dates local "YYYY-MM-DD". Registered by RegisterSurveyRoutes.
// Person is the quality module's (registered before).
#pragma once

#include "http/api_schema.hpp"

namespace jieli::feedback {

inline constexpr const char* kQuestionnaireSchema = R"json({"type":"object",
"required":["title_zh","title_en","items"],
"properties":{"title_zh":{"type":"string","maxLength":200},"title_en":{"type":"string","maxLength":200},
"items":{"type":"array","maxItems":100,"items":{"type":"object",
"required":["id","type","text_zh","text_en","required","scored","scale_max","options","show_if"],
"properties":{"id":{"type":"string","maxLength":40,"description":"[a-z0-9_], unique"},
"type":{"type":"string","enum":["section","single","multiple","likert","rating","text"]},
"text_zh":{"type":"string","maxLength":500},"text_en":{"type":"string","maxLength":500},
"required":{"type":"boolean"},"scored":{"type":"boolean","description":"Adds to the total"},
"scale_max":{"type":"integer","description":"A rating's top (2–10)"},
"options":{"type":"array","maxItems":20,"items":{"type":"object","required":["value","label_zh","label_en","score"],
"properties":{"value":{"type":"string"},"label_zh":{"type":"string"},"label_en":{"type":"string"},
"score":{"type":["number","null"]}}}},
"show_if":{"oneOf":[{"type":"null"},{"type":"object","required":["item","any_of"],
"properties":{"item":{"type":"string"},"any_of":{"type":"array","items":{"type":"string"}}}}]}}}}}})json";

inline void AddSurveySchemas(http::Router& router) {
  router.AddSchema("Questionnaire", kQuestionnaireSchema);
  router.AddSchema("Survey", R"json({"type":"object",
"required":["id","org","title_zh","title_en","built_in","named","state","questionnaire","anonymous_url","sent","answered","responses","created_by","created_at","version"],
"properties":{"id":{"type":"integer"},"org":{"$ref":"#/components/schemas/Person"},
"title_zh":{"type":"string"},"title_en":{"type":"string"},
"built_in":{"type":"boolean","description":"Jieli's own 8-item questionnaire (total 8–32)"},
"named":{"type":"boolean","description":"The results show which client gave an answer"},
"state":{"type":"string","enum":["open","closed"]},
"questionnaire":{"$ref":"#/components/schemas/Questionnaire"},
"anonymous_url":{"type":["string","null"],"description":"/p/s/<token>: one link for all, one answer per device"},
"sent":{"type":"integer","description":"Personal links sent (not superseded)"},
"answered":{"type":"integer"},"responses":{"type":"integer","description":"All answers, anonymous ones too"},
"created_by":{"$ref":"#/components/schemas/Person"},
"created_at":{"type":"string","format":"date-time"},"version":{"type":"integer"}}})json");
  router.AddSchema("SurveyLink", R"json({"type":"object",
"required":["id","client","case_id","sent_by","sent_at","expires_on","state","answered_at"],
"properties":{"id":{"type":"integer"},"client":{"$ref":"#/components/schemas/Person"},
"case_id":{"type":["integer","null"]},"sent_by":{"$ref":"#/components/schemas/Person"},
"sent_at":{"type":"string","format":"date-time"},"expires_on":{"type":"string","format":"date"},
"state":{"type":"string","enum":["open","answered","expired","withdrawn"]},
"answered_at":{"type":["string","null"],"format":"date-time"}}})json");
  router.AddSchema("SentLinks", R"json({"type":"object","required":["links"],
"properties":{"links":{"type":"array","items":{"type":"object",
"required":["client","token","url","expires_on","skipped"],
"properties":{"client":{"$ref":"#/components/schemas/Person"},
"token":{"type":["string","null"],"description":"Shown only here, once"},
"url":{"type":["string","null"],"description":"/p/s/<token>"},
"expires_on":{"type":["string","null"],"format":"date"},
"skipped":{"type":["string","null"],"enum":["consent_withdrawn",null]}}}}}})json");
  router.AddSchema("SurveyResults", R"json({"type":"object",
"required":["survey_id","sent","answered","response_rate","responses","total","items","by_month","texts"],
"properties":{"survey_id":{"type":"integer"},"sent":{"type":"integer"},"answered":{"type":"integer"},
"response_rate":{"type":["number","null"]},"responses":{"type":"integer"},
"total":{"type":"object","required":["mean","min_possible","max_possible","distribution"],
"properties":{"mean":{"type":["number","null"]},"min_possible":{"type":"number"},"max_possible":{"type":"number"},
"distribution":{"type":"array","items":{"type":"object","required":["total","count"],
"properties":{"total":{"type":"number"},"count":{"type":"integer"}}}}}},
"items":{"type":"array","items":{"type":"object",
"required":["id","type","text_zh","text_en","answered","mean","options"],
"properties":{"id":{"type":"string"},"type":{"type":"string"},"text_zh":{"type":"string"},
"text_en":{"type":"string"},"answered":{"type":"integer"},"mean":{"type":["number","null"]},
"options":{"type":"array","items":{"type":"object","required":["value","label_zh","label_en","count"],
"properties":{"value":{"type":"string"},"label_zh":{"type":"string"},"label_en":{"type":"string"},
"count":{"type":"integer"}}}}}}},
"by_month":{"type":"array","items":{"type":"object","required":["month","responses","mean"],
"properties":{"month":{"type":"string"},"responses":{"type":"integer"},"mean":{"type":["number","null"]}}}},
"texts":{"type":"array","items":{"type":"object","required":["item","text","submitted_at","client"],
"properties":{"item":{"type":"string"},"text":{"type":"string"},
"submitted_at":{"type":"string","format":"date-time"},
"client":{"oneOf":[{"$ref":"#/components/schemas/Person"},{"type":"null"}],"description":"A named survey's only"}}}}}})json");
  router.AddSchema("PublicSurvey", R"json({"type":"object",
"required":["title_zh","title_en","org_name","questionnaire","state"],
"properties":{"title_zh":{"type":"string"},"title_en":{"type":"string"},"org_name":{"type":"string"},
"questionnaire":{"$ref":"#/components/schemas/Questionnaire"},
"state":{"type":"string","enum":["open","answered","expired","withdrawn","closed"]}}})json");
}

}  // namespace jieli::feedback
