// The quality module's answers as JSON Schema (OpenAPI components): the
// indicator catalogue, a window's values by unit, a series with its control
// chart, a funnel plot. Values are in the indicator's unit (percent 0–100,
// per 100, hours, score, count); dates are local "YYYY-MM-DD".
#pragma once

#include "http/api_schema.hpp"

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
"required":["from","to","by","granularity","periods","indicators"],
"properties":{"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"},
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

}  // namespace jieli::quality
