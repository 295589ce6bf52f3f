#include "modules/quality/quality_handlers.hpp"

#include <algorithm>

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "http/json.hpp"
#include "http/status.hpp"
#include "modules/handler_support.hpp"
#include "modules/quality/quality_api_schema.hpp"
#include "modules/services.hpp"

namespace jieli::quality {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;
using modules::ReadDateQuery;
using modules::ReadIdQuery;
using modules::Services;

// --- indicators, series, funnel plots, objectives ---

Json Brief(const IndicatorDef& def, Lang lang) {
  return {{"id", def.id},
          {"name", lang == Lang::kEn ? def.name_en : def.name_zh},
          {"unit", ToString(def.unit)},
          {"direction", ToString(def.direction)},
          {"chart", ToString(def.chart)}};
}

Json NumberOrNull(const std::optional<double>& v) { return v ? Json(*v) : Json(); }

Json TotalJson(const CellValue& v) {
  return {{"numerator", v.numerator},
          {"denominator", v.denominator},
          {"value", NumberOrNull(v.value)},
          {"suppressed", v.suppressed}};
}

template <typename T, typename Parse>
std::optional<T> ReadChoiceQuery(const Request& r, const char* name, Parse parse,
                                 const std::vector<std::string>& allowed,
                                 http::JsonReader& issues) {
  auto text = r.Query(name);
  if (!text || text->empty()) return std::nullopt;
  auto parsed = parse(*text);
  bool ok = parsed.has_value() &&
            std::find(allowed.begin(), allowed.end(), std::string(*text)) != allowed.end();
  if (!ok) {
    issues.AddIssue(name, "invalid_choice", {{"allowed", JoinNames(allowed)}});
    return std::nullopt;
  }
  return parsed;
}

// The query every indicator route reads; the window defaults to the year up
// to today (local).
Result<IndicatorQuery> ReadIndicatorQuery(const Request& r, const Services& s,
                                          const std::vector<std::string>& units,
                                          UnitBy default_by) {
  Json none = Json::object();
  http::JsonReader issues(none);
  IndicatorQuery q;
  q.org_id = ReadIdQuery(r, "org_id", issues);
  q.worker_id = ReadIdQuery(r, "worker_id", issues);
  auto from = ReadDateQuery(r, "from", issues);
  auto to = ReadDateQuery(r, "to", issues);
  q.baseline_from = ReadDateQuery(r, "baseline_from", issues);
  q.baseline_to = ReadDateQuery(r, "baseline_to", issues);
  q.granularity = ReadChoiceQuery<Granularity>(
      r, "granularity", [](std::string_view t) { return ParseGranularity(t); }, GranularityNames(),
      issues);
  if (!units.empty()) {
    q.by = ReadChoiceQuery<UnitBy>(
               r, "by", [](std::string_view t) { return ParseUnitBy(t); }, units, issues)
               .value_or(default_by);
  }
  JIELI_RETURN_IF_ERROR(issues.Finish());
  q.to = to.value_or(LocalDateOf(s.clock.Now()));
  q.from = from.value_or(LocalDate(date::sys_days(q.to) - date::days{364}));
  return q;
}

Result<Response> ListIndicators(Request& r, Actor& actor, Services&) {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kQualityRead));
  const bool en = r.lang == Lang::kEn;
  Json items = Json::array();
  for (const auto& def : Catalogue()) {
    items.push_back({{"id", def.id},
                     {"name", en ? def.name_en : def.name_zh},
                     {"name_zh", def.name_zh},
                     {"name_en", def.name_en},
                     {"definition", en ? def.definition_en : def.definition_zh},
                     {"definition_zh", def.definition_zh},
                     {"definition_en", def.definition_en},
                     {"formula", def.formula},
                     {"numerator", en ? def.numerator_en : def.numerator_zh},
                     {"denominator", en ? def.denominator_en : def.denominator_zh},
                     {"unit", ToString(def.unit)},
                     {"direction", ToString(def.direction)},
                     {"chart", ToString(def.chart)},
                     {"measured", def.measured},
                     {"suppress_small", def.suppress_small}});
  }
  return JsonResponse(http::kOk, {{"items", items}});
}

const char* ByName(UnitBy by) {
  switch (by) {
    case UnitBy::kWorker:
      return "worker";
    case UnitBy::kDistrict:
      return "district";
    case UnitBy::kCategory:
      return "category";
    default:
      return "org";
  }
}

Result<Response> IndicatorValuesRoute(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(
      auto query,
      ReadIndicatorQuery(r, s, {"org", "worker", "district", "category"}, UnitBy::kOrg));
  JIELI_ASSIGN_OR_RETURN(auto table, s.quality.Values(actor, query));
  Json periods = Json::array();
  for (const auto& p : table.periods) {
    periods.push_back(
        {{"period", p.key}, {"from", FormatDate(p.first)}, {"to", FormatDate(p.last)}});
  }
  Json indicators = Json::array();
  for (const auto& values : table.indicators) {
    Json cells = Json::array();
    for (const auto& c : values.cells) {
      Json cell = TotalJson(c.cell);
      cell["unit_id"] = c.unit_id;
      cell["unit_key"] = c.unit_key;
      cell["name"] = c.name;
      cell["period"] = c.period ? Json(*c.period) : Json();
      cells.push_back(std::move(cell));
    }
    indicators.push_back({{"indicator", Brief(*values.def, r.lang)},
                          {"measured", values.def->measured},
                          {"total", TotalJson(values.total)},
                          {"cells", std::move(cells)}});
  }
  return JsonResponse(
      http::kOk, {{"from", FormatDate(query.from)},
                  {"to", FormatDate(query.to)},
                  {"by", ByName(query.by)},
                  {"granularity", query.granularity ? Json(ToString(*query.granularity)) : Json()},
                  {"periods", std::move(periods)},
                  {"indicators", std::move(indicators)}});
}

Result<Response> IndicatorSeriesRoute(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto query, ReadIndicatorQuery(r, s, {}, UnitBy::kAll));
  JIELI_ASSIGN_OR_RETURN(auto series, s.quality.Series(actor, r.path_params["id"], query));
  Json points = Json::array(), signals = Json::array();
  for (const auto& p : series.points) {
    Json point = TotalJson(p.cell);
    point["period"] = p.period.key;
    point["from"] = FormatDate(p.period.first);
    point["to"] = FormatDate(p.period.last);
    point["centre"] = NumberOrNull(p.centre);
    point["lower"] = NumberOrNull(p.lower);
    point["upper"] = NumberOrNull(p.upper);
    point["rules"] = p.rules;
    point["baseline"] = p.baseline;
    points.push_back(std::move(point));
    if (!p.rules.empty()) signals.push_back({{"period", p.period.key}, {"rules", p.rules}});
  }
  return JsonResponse(http::kOk, {{"indicator", Brief(*series.def, r.lang)},
                                  {"granularity", ToString(series.granularity)},
                                  {"chart", ToString(series.def->chart)},
                                  {"centre", NumberOrNull(series.centre)},
                                  {"points", std::move(points)},
                                  {"signals", std::move(signals)}});
}

Result<Response> IndicatorFunnelRoute(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto query,
                         ReadIndicatorQuery(r, s, {"org", "worker", "district"}, UnitBy::kOrg));
  JIELI_ASSIGN_OR_RETURN(auto funnel, s.quality.Funnel(actor, r.path_params["id"], query));
  Json units = Json::array(), curve = Json::array();
  for (const auto& u : funnel.units) {
    Json unit = TotalJson(u.cell);
    unit["unit_id"] = u.unit_id;
    unit["name"] = u.name;
    unit["position"] = ToString(u.position);
    units.push_back(std::move(unit));
  }
  for (const auto& l : funnel.curve) {
    curve.push_back({{"n", l.n},
                     {"lower95", l.lower95},
                     {"upper95", l.upper95},
                     {"lower998", l.lower998},
                     {"upper998", l.upper998}});
  }
  return JsonResponse(http::kOk, {{"indicator", Brief(*funnel.def, r.lang)},
                                  {"target", NumberOrNull(funnel.target)},
                                  {"units", std::move(units)},
                                  {"curve", std::move(curve)}});
}

// --- supervision, training, improvement cycles ---

}  // namespace

void RegisterQualityRoutes(http::Router& router, modules::Services& services) {
  auto bind = [&services](modules::ModuleHandler handler) {
    return modules::Bind(services, handler);
  };
  // --- indicators, series, funnel plots, objectives ---
  AddQualitySchemas(router);
  const std::vector<http::QueryParam> window = {
      {"org_id", "integer", "That organisation and those below it (default: every one in scope)"},
      {"from", "string", "First local day, YYYY-MM-DD (default: a year before to)"},
      {"to", "string", "Last local day, YYYY-MM-DD (default: today); at most five years"}};
  auto with = [&window](std::vector<http::QueryParam> more) {
    std::vector<http::QueryParam> all = window;
    all.insert(all.end(), more.begin(), more.end());
    return all;
  };
  router.Add("GET", "/api/v1/quality/indicators", bind(ListIndicators),
             {.summary = "The indicator catalogue: names, definitions, formulas, direction, unit, "
                         "chart, and whether each is computed from the records yet",
              .tag = "quality",
              .response_schema = http::SchemaRef("IndicatorCatalogue"),
              .permission = "quality.read"});
  router.Add(
      "GET", "/api/v1/quality/indicators/values", bind(IndicatorValuesRoute),
      {.summary = "Every indicator over the window by unit (and period), with numerator "
                  "and denominator, over the cases the caller may see; cells under 5 "
                  "suppressed",
       .tag = "quality",
       .response_schema = http::SchemaRef("IndicatorValues"),
       .permission = "quality.read",
       .query = with({{"worker_id", "integer", "Only this primary worker's cases"},
                      {"by", "string", "org (default), worker, district or category"},
                      {"granularity", "string", "week, month, quarter or year: per period"}})});
  router.Add("GET", "/api/v1/quality/indicators/{id}/series", bind(IndicatorSeriesRoute),
             {.summary = "One indicator per period with its control chart (p or XmR) from the "
                         "baseline and the Western Electric rules each point breaks",
              .tag = "quality",
              .response_schema = http::SchemaRef("IndicatorSeries"),
              .permission = "quality.read",
              .query = with({{"worker_id", "integer", "Only this primary worker's cases"},
                             {"granularity", "string", "week, month (default), quarter or year"},
                             {"baseline_from", "string", "First day of the baseline"},
                             {"baseline_to", "string", "Last day of the baseline"}})});
  router.Add("GET", "/api/v1/quality/indicators/{id}/funnel", bind(IndicatorFunnelRoute),
             {.summary = "A funnel plot: each unit's value against its denominator around the "
                         "overall value, with 95 % and 99.8 % limits",
              .tag = "quality",
              .response_schema = http::SchemaRef("IndicatorFunnel"),
              .permission = "quality.read",
              .query = with({{"worker_id", "integer", "Only this primary worker's cases"},
                             {"by", "string", "org (default), worker or district"}})});

  // --- supervision, training, improvement cycles ---
}

}  // namespace jieli::quality
