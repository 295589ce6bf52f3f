#include "modules/quality/quality_handlers.hpp"

#include <algorithm>
#include <cmath>

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
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
using modules::PathId;
using modules::ReadDateQuery;
using modules::ReadIdQuery;
using modules::ReadRequiredIdQuery;
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
                  {"indicators", std::move(indicators)},
                  {"computed_at", FormatIsoLocal(table.computed_at)}});
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

Json PersonJson(const Person& p) { return {{"id", p.id}, {"name", p.name}}; }

// Hours as the API speaks them, from minutes kept exact.
double Hours(int minutes) { return static_cast<double>(minutes) / 60.0; }

Json ActionJson(const QualityAction& a) {
  Json progress = Json::array();
  for (const auto& note : a.progress) {
    progress.push_back(
        {{"at", FormatIsoLocal(note.at)}, {"by", PersonJson(note.by)}, {"text", note.text}});
  }
  return {{"id", a.id},
          {"org_id", a.org_id},
          {"session_id", a.session_id ? Json(*a.session_id) : Json()},
          {"improvement_id", a.improvement_id ? Json(*a.improvement_id) : Json()},
          {"text", a.text},
          {"owner", PersonJson(a.owner)},
          {"due_on", a.due_on},
          {"progress", std::move(progress)},
          {"done", a.done_at.has_value()},
          {"done_at", a.done_at ? Json(FormatIsoLocal(*a.done_at)) : Json()},
          {"done_by", a.done_by ? PersonJson(*a.done_by) : Json()},
          {"overdue", a.overdue},
          {"context", a.context}};
}

Json SessionJson(const SupervisionSession& s) {
  Json supervisees = Json::array();
  for (const auto& p : s.supervisees) supervisees.push_back(PersonJson(p));
  Json actions = Json::array();
  for (const auto& a : s.actions) actions.push_back(ActionJson(a));
  return {{"id", s.id},
          {"org_id", s.org_id},
          {"supervisor", PersonJson(s.supervisor)},
          {"kind", std::string(ToString(s.kind))},
          {"date", s.date},
          {"minutes", s.minutes},
          {"supervisees", std::move(supervisees)},
          {"topics", s.topics},
          {"case_ids", s.case_ids},
          {"notes", s.notes},
          {"actions", std::move(actions)},
          {"created_by", PersonJson(s.created_by)},
          {"created_at", FormatIsoLocal(s.created_at)},
          {"updated_at", FormatIsoLocal(s.updated_at)}};
}

Json TrainingJson(const Training& t) {
  Json attendance = Json::array();
  for (const auto& a : t.attendance) {
    attendance.push_back({{"person", PersonJson(a.person)}, {"hours", Hours(a.minutes)}});
  }
  return {{"id", t.id},
          {"org_id", t.org_id},
          {"title", t.title},
          {"kind", std::string(ToString(t.kind))},
          {"date", t.date},
          {"hours", Hours(t.minutes)},
          {"trainer", t.trainer},
          {"attendance", std::move(attendance)},
          {"created_by", PersonJson(t.created_by)},
          {"created_at", FormatIsoLocal(t.created_at)}};
}

Json ImprovementJson(const Improvement& c) {
  Json actions = Json::array();
  for (const auto& a : c.actions) actions.push_back(ActionJson(a));
  Json history = Json::array();
  for (const auto& h : c.history) {
    history.push_back({{"from", h.from ? Json(ToString(*h.from)) : Json()},
                       {"to", std::string(ToString(h.to))},
                       {"by", PersonJson(h.by)},
                       {"at", FormatIsoLocal(h.at)},
                       {"note", h.note}});
  }
  Json moves = Json::array();
  for (Phase p : c.allowed_moves) moves.push_back(std::string(ToString(p)));
  return {{"id", c.id},
          {"org_id", c.org_id},
          {"title", c.title},
          {"phase", std::string(ToString(c.phase))},
          {"source_kind", std::string(ToString(c.source_kind))},
          {"source_ref", c.source_ref},
          {"problem", c.problem},
          {"root_cause", c.root_cause},
          {"indicator", c.indicator},
          {"before_value", c.before_value ? Json(*c.before_value) : Json()},
          {"after_value", c.after_value ? Json(*c.after_value) : Json()},
          {"check_note", c.check_note},
          {"standard_kind", c.standard_kind ? Json(ToString(*c.standard_kind)) : Json()},
          {"standard_ref", c.standard_ref},
          {"owner", PersonJson(c.owner)},
          {"created_by", PersonJson(c.created_by)},
          {"created_at", FormatIsoLocal(c.created_at)},
          {"updated_at", FormatIsoLocal(c.updated_at)},
          {"actions", std::move(actions)},
          {"history", std::move(history)},
          {"allowed_moves", std::move(moves)}};
}

// A list of ids in the body (each a positive integer).
std::vector<std::int64_t> ReadIds(http::JsonReader& reader, const std::string& field,
                                  std::size_t max) {
  std::vector<std::int64_t> ids;
  const Json* list = reader.OptionalArray(field);
  if (list == nullptr) return ids;
  if (list->size() > max) {
    reader.AddIssue(field, "too_many", {{"max", std::to_string(max)}});
    return ids;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    if (!item.is_number_integer() || item.get<std::int64_t>() < 1) {
      reader.AddIssue(field + "[" + std::to_string(i) + "]", "wrong_type",
                      {{"expected", "integer"}});
      continue;
    }
    ids.push_back(item.get<std::int64_t>());
  }
  return ids;
}

std::vector<ActionInput> ReadActions(http::JsonReader& reader, const std::string& field) {
  std::vector<ActionInput> actions;
  const Json* list = reader.OptionalArray(field);
  if (list == nullptr) return actions;
  if (list->size() > kMaxActions) {
    reader.AddIssue(field, "too_many", {{"max", std::to_string(kMaxActions)}});
    return actions;
  }
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string at = field + "[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      reader.AddIssue(at, "wrong_type", {{"expected", "object"}});
      continue;
    }
    http::JsonReader nested(item, reader.FieldPath(at));
    ActionInput action;
    action.text = nested.RequiredString("text", kMaxActionChars);
    action.owner_id = nested.RequiredInt("owner_id", 1, INT64_MAX);
    action.due_on = nested.RequiredString("due_on", 10);
    nested.RejectUnknownFields({"text", "owner_id", "due_on"});
    reader.Merge(nested);
    actions.push_back(std::move(action));
  }
  return actions;
}

// A local date query parameter as its text ("" when absent), checked as a date.
std::string ReadDayQuery(const Request& r, const char* name, http::JsonReader& issues) {
  auto date = ReadDateQuery(r, name, issues);
  return date ? FormatDate(*date) : "";
}

// Hours in a body as minutes: more than 0, at most 24, to the minute.
std::optional<int> ReadHours(http::JsonReader& reader, const Json& body, const std::string& field,
                             bool required) {
  if (!body.contains(field) || body[field].is_null()) {
    if (required) reader.AddIssue(field, "required");
    return std::nullopt;
  }
  if (!body[field].is_number()) {
    reader.AddIssue(field, "wrong_type", {{"expected", "number"}});
    return std::nullopt;
  }
  const double hours = body[field].get<double>();
  if (!(hours > 0 && hours <= 24)) {
    reader.AddIssue(field, "out_of_range", {{"min", "0"}, {"max", "24"}});
    return std::nullopt;
  }
  return static_cast<int>(std::lround(hours * 60));
}

SupervisionInput ReadSession(http::JsonReader& reader, bool creating) {
  SupervisionInput input;
  if (creating) {
    input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
    input.supervisor_id = reader.OptionalInt("supervisor_id", 1, INT64_MAX);
  }
  input.kind = ParseSupervisionKind(reader.RequiredEnum("kind", SupervisionKindNames()))
                   .value_or(SupervisionKind::kIndividual);
  input.date = reader.RequiredString("date", 10);
  input.minutes = static_cast<int>(reader.RequiredInt("minutes", 1, 1440));
  input.supervisee_ids = ReadIds(reader, "supervisee_ids", kMaxSupervisees);
  input.topics = reader.RequiredString("topics", kMaxTopicsChars);
  input.case_ids = ReadIds(reader, "case_ids", kMaxCasesDiscussed);
  input.notes = reader.OptionalString("notes", kMaxNotesChars).value_or("");
  if (creating) input.actions = ReadActions(reader, "actions");
  return input;
}

Result<Response> ListSupervision(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  SupervisionFilter filter;
  filter.org_id = ReadIdQuery(r, "org_id", issues);
  filter.supervisor_id = ReadIdQuery(r, "supervisor_id", issues);
  filter.supervisee_id = ReadIdQuery(r, "supervisee_id", issues);
  filter.from = ReadDayQuery(r, "from", issues);
  filter.to = ReadDayQuery(r, "to", issues);
  filter.sort = r.Query("sort").value_or("-date");
  if (filter.sort.empty()) filter.sort = "-date";
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result,
                         s.quality.ListSupervision(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& session : result.items) items.push_back(SessionJson(session));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> GetSupervision(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto session, s.quality.GetSupervision(actor, id));
  return JsonResponse(http::kOk, SessionJson(session));
}

Result<Response> RecordSupervision(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  SupervisionInput input = ReadSession(reader, true);
  reader.RejectUnknownFields({"org_id", "supervisor_id", "kind", "date", "minutes",
                              "supervisee_ids", "topics", "case_ids", "notes", "actions"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto session, s.quality.RecordSupervision(actor, input));
  return JsonResponse(http::kCreated, SessionJson(session));
}

Result<Response> CorrectSupervision(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  SupervisionInput input = ReadSession(reader, false);
  reader.RejectUnknownFields(
      {"kind", "date", "minutes", "supervisee_ids", "topics", "case_ids", "notes"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto session, s.quality.CorrectSupervision(actor, id, input));
  return JsonResponse(http::kOk, SessionJson(session));
}

Result<Response> WorkAction(Request& r, Actor& actor, Services& s, bool done) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::string note = reader.OptionalString("note", kMaxProgressChars).value_or("");
  reader.RejectUnknownFields({"note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto action, done ? s.quality.CompleteAction(actor, id, note)
                                           : s.quality.AddActionProgress(actor, id, note));
  return JsonResponse(http::kOk, ActionJson(action));
}

Result<Response> CompleteAction(Request& r, Actor& actor, Services& s) {
  return WorkAction(r, actor, s, true);
}

Result<Response> ActionProgress(Request& r, Actor& actor, Services& s) {
  return WorkAction(r, actor, s, false);
}

Json FindingWorkJson(const AuditFinding& f);

Result<Response> MyWorkList(Request&, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto work, s.quality.MyOpenActions(actor));
  JIELI_ASSIGN_OR_RETURN(auto findings, s.quality.MyOpenFindings(actor));
  // Actions and findings to correct in one list: overdue first, then by due date.
  std::vector<Json> items;
  for (const auto& a : work.items) {
    Json item = ActionJson(a);
    item["kind"] = "action";
    items.push_back(std::move(item));
  }
  for (const auto& f : findings) {
    items.push_back(FindingWorkJson(f));
    work.overdue += f.overdue ? 1 : 0;
  }
  std::stable_sort(items.begin(), items.end(), [](const Json& a, const Json& b) {
    const bool a_over = a["overdue"].get<bool>();
    const bool b_over = b["overdue"].get<bool>();
    if (a_over != b_over) return a_over;
    return a["due_on"].get<std::string>() < b["due_on"].get<std::string>();
  });
  const auto total = static_cast<std::int64_t>(items.size());
  return JsonResponse(
      http::kOk, {{"items", Json(std::move(items))}, {"total", total}, {"overdue", work.overdue}});
}

std::vector<Attendee> ReadAttendance(http::JsonReader& reader, const Json& body) {
  std::vector<Attendee> attendees;
  const Json* list = reader.OptionalArray("attendance");
  if (list == nullptr) return attendees;
  if (list->size() > kMaxAttendees) {
    reader.AddIssue("attendance", "too_many", {{"max", std::to_string(kMaxAttendees)}});
    return attendees;
  }
  (void)body;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const Json& item = (*list)[i];
    const std::string at = "attendance[" + std::to_string(i) + "]";
    if (!item.is_object()) {
      reader.AddIssue(at, "wrong_type", {{"expected", "object"}});
      continue;
    }
    http::JsonReader nested(item, reader.FieldPath(at));
    Attendee a;
    a.user_id = nested.RequiredInt("user_id", 1, INT64_MAX);
    a.minutes = ReadHours(nested, item, "hours", false);
    nested.RejectUnknownFields({"user_id", "hours"});
    reader.Merge(nested);
    attendees.push_back(a);
  }
  return attendees;
}

Result<Response> ListTrainings(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadIdQuery(r, "org_id", issues);
  std::string from = ReadDayQuery(r, "from", issues);
  std::string to = ReadDayQuery(r, "to", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto result, s.quality.ListTrainings(actor, org_id, from, to, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& t : result.items) items.push_back(TrainingJson(t));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> GetTraining(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto t, s.quality.GetTraining(actor, id));
  return JsonResponse(http::kOk, TrainingJson(t));
}

Result<Response> RecordTraining(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  TrainingInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.title = reader.RequiredString("title", kMaxTitleChars);
  input.kind = ParseTrainingKind(reader.RequiredEnum("kind", TrainingKindNames()))
                   .value_or(TrainingKind::kInternal);
  input.date = reader.RequiredString("date", 10);
  input.minutes = ReadHours(reader, body, "hours", true).value_or(0);
  input.trainer = reader.OptionalString("trainer", kMaxTrainerChars).value_or("");
  auto attendees = ReadAttendance(reader, body);
  reader.RejectUnknownFields({"org_id", "title", "kind", "date", "hours", "trainer", "attendance"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto t, s.quality.RecordTraining(actor, input, attendees));
  return JsonResponse(http::kCreated, TrainingJson(t));
}

Result<Response> SetAttendance(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RequiredArray("attendance");
  auto attendees = ReadAttendance(reader, body);
  reader.RejectUnknownFields({"attendance"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto t, s.quality.SetAttendance(actor, id, attendees));
  return JsonResponse(http::kOk, TrainingJson(t));
}

Result<Response> TrainingHours(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  std::string from = ReadDayQuery(r, "from", issues);
  std::string to = ReadDayQuery(r, "to", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto hours, s.quality.TrainingHours(actor, *org_id, from, to));
  Json items = Json::array();
  for (const auto& h : hours) {
    items.push_back(
        {{"person", PersonJson(h.person)}, {"sessions", h.sessions}, {"hours", Hours(h.minutes)}});
  }
  return JsonResponse(http::kOk, {{"items", std::move(items)}});
}

Json DutiesJson(const std::vector<PostDuties>& posts) {
  Json items = Json::array();
  for (const auto& post : posts) {
    items.push_back({{"role", std::string(orgs::ToString(post.role))},
                     {"duties", post.duties},
                     {"from_org_id", post.from_org_id ? Json(*post.from_org_id) : Json()}});
  }
  return {{"items", std::move(items)}};
}

Result<Response> GetDuties(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto posts, s.quality.Duties(actor, *org_id));
  return JsonResponse(http::kOk, DutiesJson(posts));
}

Result<Response> GetSupervisionDue(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto due, s.quality.SupervisionDueAt(actor, *org_id));
  Json items = Json::array();
  for (const auto& d : due) {
    items.push_back({{"person", PersonJson(d.person)},
                     {"last_date", d.last_date.empty() ? Json() : Json(d.last_date)},
                     {"days_since", d.days_since ? Json(*d.days_since) : Json()},
                     {"due", d.due}});
  }
  return JsonResponse(http::kOk,
                      {{"items", std::move(items)}, {"due_after_days", kSupervisionDueDays}});
}

Result<Response> SetDuties(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  std::string role = reader.RequiredEnum("role", {"leader", "supervisor", "worker", "operator"});
  std::vector<std::string> duties;
  if (const Json* list = reader.RequiredArray("duties")) {
    if (list->size() > kMaxDuties) {
      reader.AddIssue("duties", "too_many", {{"max", std::to_string(kMaxDuties)}});
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        if (!(*list)[i].is_string()) {
          reader.AddIssue("duties[" + std::to_string(i) + "]", "wrong_type",
                          {{"expected", "string"}});
          continue;
        }
        duties.push_back(Trim((*list)[i].get<std::string>()));
      }
    }
  }
  reader.RejectUnknownFields({"org_id", "role", "duties"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto posts, s.quality.SetDuties(actor, org_id,
                                      orgs::ParseRole(role).value_or(orgs::Role::kWorker), duties));
  return JsonResponse(http::kOk, DutiesJson(posts));
}

Result<Response> ListImprovements(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadIdQuery(r, "org_id", issues);
  std::optional<Phase> phase;
  if (auto text = r.Query("phase"); text && !text->empty()) {
    phase = ParsePhase(*text);
    if (!phase) issues.AddIssue("phase", "invalid_choice", {{"allowed", JoinNames(PhaseNames())}});
  }
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto result, s.quality.ListImprovements(actor, org_id, phase, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& c : result.items) items.push_back(ImprovementJson(c));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> GetImprovement(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.GetImprovement(actor, id));
  return JsonResponse(http::kOk, ImprovementJson(c));
}

Result<Response> OpenImprovement(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ImprovementInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.title = reader.RequiredString("title", kMaxTitleChars);
  input.source_kind =
      ParseSourceKind(reader.OptionalEnum("source_kind", SourceKindNames()).value_or("free"))
          .value_or(SourceKind::kFree);
  input.source_ref = reader.OptionalString("source_ref", kMaxTitleChars).value_or("");
  input.problem = reader.RequiredString("problem", kMaxNotesChars);
  input.root_cause = reader.OptionalString("root_cause", kMaxNotesChars).value_or("");
  input.indicator = reader.OptionalString("indicator", 100).value_or("");
  input.owner_id = reader.OptionalInt("owner_id", 1, INT64_MAX);
  input.actions = ReadActions(reader, "actions");
  reader.RejectUnknownFields({"org_id", "title", "source_kind", "source_ref", "problem",
                              "root_cause", "indicator", "owner_id", "actions"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.OpenImprovement(actor, input));
  return JsonResponse(http::kCreated, ImprovementJson(c));
}

// A number or null (clears it); absent keeps it.
std::optional<std::optional<double>> ReadValue(http::JsonReader& reader, const Json& body,
                                               const std::string& field) {
  if (!body.contains(field)) return std::nullopt;
  if (body[field].is_null()) return std::optional<double>();
  if (!body[field].is_number()) {
    reader.AddIssue(field, "wrong_type", {{"expected", "number"}});
    return std::nullopt;
  }
  return std::optional<double>(body[field].get<double>());
}

Result<Response> ChangeImprovement(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ImprovementChange change;
  change.title = reader.OptionalString("title", kMaxTitleChars);
  change.problem = reader.OptionalString("problem", kMaxNotesChars);
  change.root_cause = reader.OptionalString("root_cause", kMaxNotesChars);
  change.indicator = reader.OptionalString("indicator", 100);
  change.before_value = ReadValue(reader, body, "before_value");
  change.after_value = ReadValue(reader, body, "after_value");
  change.check_note = reader.OptionalString("check_note", kMaxNotesChars);
  if (body.contains("standard_kind")) {
    if (body["standard_kind"].is_null()) {
      change.standard_kind = std::optional<StandardKind>();
    } else if (auto kind = reader.OptionalEnum("standard_kind", StandardKindNames())) {
      change.standard_kind = ParseStandardKind(*kind);
    }
  }
  change.standard_ref = reader.OptionalString("standard_ref", kMaxActionChars);
  change.add_actions = ReadActions(reader, "add_actions");
  reader.RejectUnknownFields({"title", "problem", "root_cause", "indicator", "before_value",
                              "after_value", "check_note", "standard_kind", "standard_ref",
                              "add_actions"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.ChangeImprovement(actor, id, change));
  return JsonResponse(http::kOk, ImprovementJson(c));
}

Result<Response> MoveImprovement(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::string to = reader.RequiredEnum("to", PhaseNames());
  std::string note = reader.OptionalString("note", kMaxProgressChars).value_or("");
  reader.RejectUnknownFields({"to", "note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto c, s.quality.MoveImprovement(actor, id, ParsePhase(to).value_or(Phase::kPlan), note));
  return JsonResponse(http::kOk, ImprovementJson(c));
}

// --- indicator signals ---

Json SignalJson(const Signal& g, Lang lang) {
  const IndicatorDef* def = FindIndicator(g.indicator);
  Json rules = Json::array();
  for (int rule : g.rules) rules.push_back(rule);
  return {{"id", g.id},
          {"org_id", g.org_id},
          {"org_name", g.org_name},
          {"indicator", g.indicator},
          {"indicator_name",
           def ? std::string(lang == Lang::kEn ? def->name_en : def->name_zh) : g.indicator},
          {"period", g.period},
          {"rules", std::move(rules)},
          {"value", g.value},
          {"centre", NumberOrNull(g.centre)},
          {"lower", NumberOrNull(g.lower)},
          {"upper", NumberOrNull(g.upper)},
          {"detected_at", FormatIsoLocal(g.detected_at)},
          {"state", std::string(ToString(g.state))},
          {"note", g.note},
          {"handled_by", g.handled_by ? PersonJson(*g.handled_by) : Json()},
          {"handled_at", g.handled_at ? Json(FormatIsoLocal(*g.handled_at)) : Json()},
          {"improvement_id", g.improvement_id ? Json(*g.improvement_id) : Json()}};
}

Result<Response> ListSignals(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  SignalFilter filter;
  filter.org_id = ReadIdQuery(r, "org_id", issues);
  if (auto text = r.Query("indicator"); text && !text->empty()) {
    if (FindIndicator(*text)) {
      filter.indicator = std::string(*text);
    } else {
      issues.AddIssue("indicator", "invalid_choice");
    }
  }
  if (auto text = r.Query("state"); text && !text->empty()) {
    filter.state = ParseSignalState(*text);
    if (!filter.state) {
      issues.AddIssue("state", "invalid_choice", {{"allowed", JoinNames(SignalStateNames())}});
    }
  }
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result,
                         s.quality.ListSignals(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& g : result.items) items.push_back(SignalJson(g, r.lang));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> DismissSignal(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::string note = reader.RequiredString("note", kMaxDismissNoteChars);
  reader.RejectUnknownFields({"note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto g, s.quality.DismissSignal(actor, id, note));
  return JsonResponse(http::kOk, SignalJson(g, r.lang));
}

Result<Response> SignalImprovement(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.OpenImprovementFromSignal(actor, id));
  return JsonResponse(http::kCreated, ImprovementJson(c));
}

// --- case-file audits ---

Json ChecklistItemJson(const ChecklistItem& item) {
  return {{"key", item.key},         {"stage", std::string(ToString(item.stage))},
          {"text_zh", item.text_zh}, {"text_en", item.text_en},
          {"weight", item.weight},   {"retired", item.retired},
          {"builtin", item.builtin}};
}

Json ChecklistJson(const AuditChecklist& list) {
  Json items = Json::array();
  for (const auto& item : list.items) items.push_back(ChecklistItemJson(item));
  return {{"items", std::move(items)},
          {"from_org_id", list.from_org_id ? Json(*list.from_org_id) : Json()}};
}

Json OptionalScore(const std::optional<double>& score) {
  // One decimal, as the screens show it.
  return score ? Json(std::round(*score * 10.0) / 10.0) : Json();
}

Json AuditCaseJson(const AuditCase& c, bool with_scores) {
  Json stages = Json::array();
  for (AuditStage s : c.stages) stages.push_back(std::string(ToString(s)));
  Json j = {{"case_id", c.case_id},
            {"position", c.position},
            {"worker", PersonJson(c.worker)},
            {"auditor", c.auditor ? PersonJson(*c.auditor) : Json()},
            {"excluded", c.excluded},
            {"stages", std::move(stages)},
            {"items_total", c.items_total},
            {"items_scored", c.items_scored},
            {"done", c.done},
            {"score", OptionalScore(c.score)},
            {"comment", c.comment}};
  if (with_scores) {
    Json scores = Json::array();
    for (const auto& s : c.scores) {
      scores.push_back(
          {{"key", s.key}, {"score", std::string(ToString(s.score))}, {"comment", s.comment}});
    }
    j["scores"] = std::move(scores);
  }
  return j;
}

Json RoundJson(const AuditRound& r) {
  Json auditors = Json::array();
  for (const auto& p : r.auditors) auditors.push_back(PersonJson(p));
  Json checklist = Json::array();
  for (const auto& item : r.checklist) checklist.push_back(ChecklistItemJson(item));
  Json cases = Json::array();
  for (const auto& c : r.cases) cases.push_back(AuditCaseJson(c, false));
  return {{"id", r.id},
          {"org_id", r.org_id},
          {"title", r.title},
          {"from", r.from},
          {"to", r.to},
          {"basis", std::string(ToString(r.basis))},
          {"stage", r.stage ? Json(ToString(*r.stage)) : Json()},
          {"worker", r.worker ? PersonJson(*r.worker) : Json()},
          {"sample_size", r.sample_size},
          {"seed", r.seed},
          {"population", r.population},
          {"state", std::string(ToString(r.state))},
          {"auditors", std::move(auditors)},
          {"checklist", std::move(checklist)},
          {"cases", std::move(cases)},
          {"cases_done", r.cases_done},
          {"cases_audited", r.cases_audited},
          {"created_by", PersonJson(r.created_by)},
          {"created_at", FormatIsoLocal(r.created_at)},
          {"finished_at", r.finished_at ? Json(FormatIsoLocal(*r.finished_at)) : Json()},
          {"full_view", r.full_view}};
}

Json FindingJson(const AuditFinding& f) {
  return {{"id", f.id},
          {"round_id", f.round_id},
          {"round_title", f.round_title},
          {"org_id", f.org_id},
          {"case_id", f.case_id},
          {"item_key", f.item_key},
          {"severity", std::string(ToString(f.severity))},
          {"text", f.text},
          {"due_on", f.due_on},
          {"state", std::string(ToString(f.state))},
          {"owner", PersonJson(f.owner)},
          {"auditor", PersonJson(f.auditor)},
          {"correction_note", f.correction_note},
          {"corrected_at", f.corrected_at ? Json(FormatIsoLocal(*f.corrected_at)) : Json()},
          {"verify_note", f.verify_note},
          {"closed_at", f.closed_at ? Json(FormatIsoLocal(*f.closed_at)) : Json()},
          {"improvement_id", f.improvement_id ? Json(*f.improvement_id) : Json()},
          {"overdue", f.overdue},
          {"created_at", FormatIsoLocal(f.created_at)}};
}

// A finding as an item of the work list (the shape of an action, kind "finding").
Json FindingWorkJson(const AuditFinding& f) {
  return {{"id", f.id},
          {"org_id", f.org_id},
          {"session_id", Json()},
          {"improvement_id", Json()},
          {"text", f.text},
          {"owner", PersonJson(f.owner)},
          {"due_on", f.due_on},
          {"progress", Json::array()},
          {"done", false},
          {"done_at", Json()},
          {"done_by", Json()},
          {"overdue", f.overdue},
          {"context", f.round_title},
          {"kind", "finding"},
          {"round_id", f.round_id},
          {"case_id", f.case_id},
          {"severity", std::string(ToString(f.severity))}};
}

Result<Response> GetChecklist(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto list, s.quality.Checklist(actor, *org_id));
  return JsonResponse(http::kOk, ChecklistJson(list));
}

Result<Response> SetChecklist(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  const std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  std::vector<ChecklistItem> items;
  if (const Json* list = reader.RequiredArray("items")) {
    if (list->size() > kMaxChecklistItems) {
      reader.AddIssue("items", "too_many", {{"max", std::to_string(kMaxChecklistItems)}});
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& item = (*list)[i];
        const std::string at = "items[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          reader.AddIssue(at, "wrong_type", {{"expected", "object"}});
          continue;
        }
        http::JsonReader nested(item, reader.FieldPath(at));
        ChecklistItem c;
        c.key = nested.OptionalString("key", 40).value_or("");
        c.stage = ParseAuditStage(nested.RequiredEnum("stage", AuditStageNames()))
                      .value_or(AuditStage::kIntake);
        c.text_zh = Trim(nested.RequiredString("text_zh", kMaxItemChars));
        c.text_en = Trim(nested.OptionalString("text_en", kMaxItemChars).value_or(""));
        c.weight = static_cast<int>(nested.RequiredInt("weight", 1, kMaxItemWeight));
        c.retired = nested.OptionalBool("retired").value_or(false);
        nested.RejectUnknownFields({"key", "stage", "text_zh", "text_en", "weight", "retired"});
        reader.Merge(nested);
        items.push_back(std::move(c));
      }
    }
  }
  reader.RejectUnknownFields({"org_id", "items"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto list, s.quality.SetChecklist(actor, org_id, std::move(items)));
  return JsonResponse(http::kOk, ChecklistJson(list));
}

Result<Response> ListAudits(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result,
                         s.quality.ListRounds(actor, org_id, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& round : result.items) items.push_back(RoundJson(round));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> CreateAudit(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  AuditRoundInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.title = reader.RequiredString("title", kMaxTitleChars);
  input.from = reader.RequiredString("from", 10);
  input.to = reader.RequiredString("to", 10);
  if (auto basis = reader.OptionalEnum("basis", PeriodBasisNames())) {
    input.basis = ParsePeriodBasis(*basis).value_or(PeriodBasis::kOpened);
  }
  if (auto stage = reader.OptionalEnum("stage", AuditStageNames())) {
    input.stage = ParseAuditStage(*stage);
  }
  input.worker_id = reader.OptionalInt("worker_id", 1, INT64_MAX);
  input.sample_size = static_cast<int>(
      reader.RequiredInt("sample_size", 1, static_cast<std::int64_t>(kMaxSampleSize)));
  reader.RequiredArray("auditor_ids");
  input.auditor_ids = ReadIds(reader, "auditor_ids", kMaxAuditors);
  input.seed = reader.OptionalInt("seed", 0, kMaxSeed);
  reader.RejectUnknownFields({"org_id", "title", "from", "to", "basis", "stage", "worker_id",
                              "sample_size", "auditor_ids", "seed"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto round, s.quality.CreateRound(actor, input));
  return JsonResponse(http::kCreated, RoundJson(round));
}

Result<Response> GetAudit(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto round, s.quality.GetRound(actor, id));
  return JsonResponse(http::kOk, RoundJson(round));
}

Result<Response> FinishAudit(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto round, s.quality.FinishRound(actor, id));
  return JsonResponse(http::kOk, RoundJson(round));
}

Result<Response> AuditResultsRoute(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto round, s.quality.GetRound(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto results, s.quality.RoundResults(actor, id));
  const auto& sc = results.scores;
  Json by_worker = Json::array();
  for (const auto& [worker, cell] : sc.by_worker) {
    by_worker.push_back({{"worker", PersonJson({worker, results.worker_names[worker]})},
                         {"score", OptionalScore(cell.score)},
                         {"cases", cell.cases},
                         {"applicable", cell.applicable}});
  }
  Json by_item = Json::array();
  for (const auto& item : round.checklist) {
    auto cell = sc.by_item.find(item.key);
    if (cell == sc.by_item.end()) continue;
    by_item.push_back({{"key", item.key},
                       {"stage", std::string(ToString(item.stage))},
                       {"text_zh", item.text_zh},
                       {"text_en", item.text_en},
                       {"score", OptionalScore(cell->second.score)},
                       {"cases", cell->second.cases},
                       {"applicable", cell->second.applicable}});
  }
  Json findings = Json::array();
  for (const auto& f : results.findings) findings.push_back(FindingJson(f));
  return JsonResponse(http::kOk, {{"overall",
                                   {{"score", OptionalScore(sc.overall.score)},
                                    {"cases", sc.overall.cases},
                                    {"applicable", sc.overall.applicable}}},
                                  {"by_worker", std::move(by_worker)},
                                  {"by_item", std::move(by_item)},
                                  {"findings_by_severity", results.findings_by_severity},
                                  {"findings", std::move(findings)}});
}

Result<Response> GetAuditCase(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t case_id, PathId(r, "case_id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.GetAuditCase(actor, id, case_id));
  return JsonResponse(http::kOk, AuditCaseJson(c, true));
}

Result<Response> ScoreAuditCase(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t case_id, PathId(r, "case_id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  CaseScoreInput input;
  if (const Json* list = reader.RequiredArray("items")) {
    if (list->size() > kMaxChecklistItems) {
      reader.AddIssue("items", "too_many", {{"max", std::to_string(kMaxChecklistItems)}});
    } else {
      for (std::size_t i = 0; i < list->size(); ++i) {
        const Json& item = (*list)[i];
        const std::string at = "items[" + std::to_string(i) + "]";
        if (!item.is_object()) {
          reader.AddIssue(at, "wrong_type", {{"expected", "object"}});
          continue;
        }
        http::JsonReader nested(item, reader.FieldPath(at));
        ItemScoreInput score;
        score.key = nested.RequiredString("key", 40);
        score.score = ParseItemScore(nested.RequiredEnum("score", ItemScoreNames()))
                          .value_or(ItemScore::kNotApplicable);
        score.comment = nested.OptionalString("comment", kMaxCommentChars).value_or("");
        nested.RejectUnknownFields({"key", "score", "comment"});
        reader.Merge(nested);
        input.items.push_back(std::move(score));
      }
    }
  }
  input.comment = reader.OptionalString("comment", kMaxCommentChars).value_or("");
  input.done = reader.OptionalBool("done").value_or(false);
  reader.RejectUnknownFields({"items", "comment", "done"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto c, s.quality.ScoreCase(actor, id, case_id, input));
  return JsonResponse(http::kOk, AuditCaseJson(c, true));
}

Result<Response> RaiseFinding(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  FindingInput input;
  input.case_id = reader.RequiredInt("case_id", 1, INT64_MAX);
  input.item_key = reader.OptionalString("item_key", 40).value_or("");
  input.severity = ParseFindingSeverity(reader.RequiredEnum("severity", FindingSeverityNames()))
                       .value_or(FindingSeverity::kMinor);
  input.text = reader.RequiredString("text", kMaxFindingChars);
  input.due_on = reader.RequiredString("due_on", 10);
  reader.RejectUnknownFields({"case_id", "item_key", "severity", "text", "due_on"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto f, s.quality.RaiseFinding(actor, id, input));
  return JsonResponse(http::kCreated, FindingJson(f));
}

Result<Response> ListFindings(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  FindingFilter filter;
  filter.round_id = ReadIdQuery(r, "round_id", issues);
  if (auto text = r.Query("state"); text && !text->empty()) {
    filter.state = ParseFindingState(*text);
    if (!filter.state) {
      issues.AddIssue("state", "invalid_choice", {{"allowed", JoinNames(FindingStateNames())}});
    }
  }
  filter.mine = modules::ReadBoolQuery(r, "mine", issues).value_or(false);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto findings, s.quality.ListFindings(actor, filter));
  Json items = Json::array();
  for (const auto& f : findings) items.push_back(FindingJson(f));
  return JsonResponse(http::kOk, {{"items", std::move(items)}});
}

Result<Response> GetFinding(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto f, s.quality.GetFinding(actor, id));
  return JsonResponse(http::kOk, FindingJson(f));
}

enum class FindingMove { kCorrect, kVerify, kReopen };

Result<Response> MoveFindingRoute(Request& r, Actor& actor, Services& s, FindingMove move) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::string note = reader.OptionalString("note", kMaxCommentChars).value_or("");
  reader.RejectUnknownFields({"note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto f, move == FindingMove::kCorrect  ? s.quality.CorrectFindingBy(actor, id, note)
              : move == FindingMove::kVerify ? s.quality.VerifyFindingBy(actor, id, note)
                                             : s.quality.ReopenFindingBy(actor, id, note));
  return JsonResponse(http::kOk, FindingJson(f));
}

Result<Response> CorrectFinding(Request& r, Actor& actor, Services& s) {
  return MoveFindingRoute(r, actor, s, FindingMove::kCorrect);
}
Result<Response> VerifyFinding(Request& r, Actor& actor, Services& s) {
  return MoveFindingRoute(r, actor, s, FindingMove::kVerify);
}
Result<Response> ReopenFinding(Request& r, Actor& actor, Services& s) {
  return MoveFindingRoute(r, actor, s, FindingMove::kReopen);
}

Result<Response> ImproveFromFinding(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto cycle, s.quality.ImproveFromFinding(actor, id));
  return JsonResponse(http::kCreated, ImprovementJson(cycle));
}

const char* const kActionItemSchema =
    R"({"type":"object","required":["text","owner_id","due_on"],"properties":{"text":{"type":"string","maxLength":500},"owner_id":{"type":"integer"},"due_on":{"type":"string","format":"date"}}})";

// --- objectives and policy ---

Json ObjectiveJson(const ObjectiveProgress& p, Lang lang) {
  const Objective& o = p.objective;
  const IndicatorDef* def = FindIndicator(o.indicator);
  // Where it was set is "set_at", not "org_id": an inherited objective names
  // an organisation above the one asked about.
  return {{"id", o.id},
          {"set_at", {{"id", o.org_id}, {"name", p.set_at_name}}},
          {"inherited", p.inherited},
          {"indicator", Brief(*def, lang)},
          {"target", o.target},
          {"granularity", ToString(o.granularity)},
          {"owner", PersonJson(o.owner)},
          {"note", o.note},
          {"updated_at", FormatIsoLocal(o.updated_at)},
          {"period",
           {{"period", p.period.key},
            {"from", FormatDate(p.period.first)},
            {"to", FormatDate(p.period.last)}}},
          {"actual", TotalJson(p.actual)},
          {"status", ToString(p.status)}};
}

Json PolicyJson(const QualityPolicy& p) {
  return {{"org_id", p.org_id},
          {"text", p.text},
          {"from_org_id", p.from_org_id ? Json(*p.from_org_id) : Json()},
          {"from_org_name", p.from_org_id ? Json(p.from_org_name) : Json()},
          {"inherited", p.from_org_id.has_value() && *p.from_org_id != p.org_id},
          {"updated_by", p.updated_by ? PersonJson(*p.updated_by) : Json()},
          {"updated_at", p.updated_at ? Json(FormatIsoLocal(*p.updated_at)) : Json()}};
}

Result<Response> ListObjectives(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  std::optional<Period> period;
  if (auto text = r.Query("period"); text && !text->empty()) {
    auto parsed = ParsePeriodKey(*text);
    if (parsed && GranularityOfKey(*text) != Granularity::kWeek) {
      period = *parsed;
    } else {
      issues.AddIssue("period", "invalid_format", {{"expected", "2026-03, 2026-Q1 or 2026"}});
    }
  }
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto objectives, s.quality.Objectives(actor, *org_id, period));
  Json items = Json::array();
  for (const auto& p : objectives) items.push_back(ObjectiveJson(p, r.lang));
  return JsonResponse(http::kOk, {{"org_id", *org_id},
                                  {"period", period ? Json(period->key) : Json()},
                                  {"items", std::move(items)}});
}

// The fields POST and PUT share; POST adds org_id and indicator.
ObjectiveInput ReadObjective(http::JsonReader& reader, const Json& body) {
  ObjectiveInput input;
  if (!body.contains("target")) {
    reader.AddIssue("target", "required");
  } else if (!body["target"].is_number()) {
    reader.AddIssue("target", "wrong_type", {{"expected", "number"}});
  } else {
    input.target = body["target"].get<double>();
  }
  std::string granularity = reader.RequiredEnum("granularity", ObjectiveGranularityNames());
  input.granularity = ParseGranularity(granularity).value_or(Granularity::kMonth);
  input.owner_id = reader.RequiredInt("owner_id", 1, INT64_MAX);
  input.note = reader.OptionalString("note", kMaxObjectiveNoteChars).value_or("");
  return input;
}

Result<Response> CreateObjective(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  std::string indicator = reader.RequiredString("indicator", 100);
  ObjectiveInput input = ReadObjective(reader, body);
  input.org_id = org_id;
  input.indicator = indicator;
  reader.RejectUnknownFields({"org_id", "indicator", "target", "granularity", "owner_id", "note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto p, s.quality.SetObjective(actor, input));
  return JsonResponse(http::kCreated, ObjectiveJson(p, r.lang));
}

Result<Response> ChangeObjective(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ObjectiveInput input = ReadObjective(reader, body);
  reader.RejectUnknownFields({"target", "granularity", "owner_id", "note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto p, s.quality.ChangeObjective(actor, id, input));
  return JsonResponse(http::kOk, ObjectiveJson(p, r.lang));
}

Result<Response> RemoveObjective(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "quality.not_found"));
  JIELI_RETURN_IF_ERROR(s.quality.RemoveObjective(actor, id));
  return JsonResponse(http::kOk, {{"ok", true}});
}

Result<Response> GetPolicy(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = ReadRequiredIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto policy, s.quality.Policy(actor, *org_id));
  return JsonResponse(http::kOk, PolicyJson(policy));
}

Result<Response> SetPolicy(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  std::string text;
  if (!body.contains("text")) {
    reader.AddIssue("text", "required");
  } else {
    // Blank is allowed: it removes the organisation's own text.
    text = reader.OptionalString("text", kMaxPolicyChars).value_or("");
  }
  reader.RejectUnknownFields({"org_id", "text"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto policy, s.quality.SetPolicy(actor, org_id, text));
  return JsonResponse(http::kOk, PolicyJson(policy));
}

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
  AddSupervisionSchemas(router);
  const std::string action = kActionItemSchema;
  const std::string session_fields =
      R"("kind":{"type":"string","enum":["individual","group"]},"date":{"type":"string","format":"date"},
"minutes":{"type":"integer","minimum":1,"maximum":1440},
"supervisee_ids":{"type":"array","maxItems":50,"items":{"type":"integer"},"description":"Users of the organisation: one for an individual session, two or more for a group"},
"topics":{"type":"string","maxLength":1000},
"case_ids":{"type":"array","maxItems":20,"items":{"type":"integer"},"description":"Cases discussed; the supervisor must be allowed to read each"},
"notes":{"type":"string","maxLength":4000})";
  const std::string session_schema =
      R"({"type":"object","required":["org_id","kind","date","minutes","topics"],"properties":{"org_id":{"type":"integer"},"supervisor_id":{"type":"integer","description":"Default: the caller"},)" +
      session_fields + R"(,"actions":{"type":"array","maxItems":20,"items":)" + action + "}}}";
  const std::string correction_schema =
      R"({"type":"object","required":["kind","date","minutes","topics"],"properties":{)" +
      session_fields + "}}";
  const std::string note_schema =
      R"({"type":"object","properties":{"note":{"type":"string","maxLength":1000}}})";
  const std::string attendance =
      R"("attendance":{"type":"array","maxItems":200,"items":{"type":"object","required":["user_id"],"properties":{"user_id":{"type":"integer"},"hours":{"type":"number","exclusiveMinimum":0,"maximum":24,"description":"Default: the session's"}}}})";
  const std::string period = "Local date YYYY-MM-DD, inclusive";
  const auto period_query =
      std::vector<http::QueryParam>{{"org_id", "integer", "The organisation and those below it"},
                                    {"from", "string", period},
                                    {"to", "string", period}};

  router.Add(
      "GET", "/api/v1/quality/supervision", bind(ListSupervision),
      {.summary = "Supervision sessions: a leader's agency's, else those the caller led, "
                  "wrote or was supervised in (filter org_id, supervisor_id, "
                  "supervisee_id, from, to; sort date, minutes; page)",
       .tag = "quality",
       .response_schema = http::PageOf("SupervisionSession"),
       .permission = "quality.read",
       .query = http::PageQuery("date, minutes (default -date)",
                                {{"org_id", "integer", "The organisation and those below it"},
                                 {"supervisor_id", "integer", ""},
                                 {"supervisee_id", "integer", ""},
                                 {"from", "string", period},
                                 {"to", "string", period}})});
  router.Add("POST", "/api/v1/quality/supervision", bind(RecordSupervision),
             {.summary = "Record a supervision session with its agreed actions",
              .tag = "quality",
              .request_schema = session_schema,
              .response_schema = http::SchemaRef("SupervisionSession"),
              .permission = "quality.manage",
              .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/quality/supervision/due", bind(GetSupervisionDue),
             {.summary = "The workers of an organisation and those below it with their last "
                         "supervision session; due when it is more than 30 days ago or never",
              .tag = "quality",
              .response_schema = http::SchemaRef("SupervisionDueList"),
              .permission = "quality.manage",
              .query = {{"org_id", "integer", "Required"}}});
  router.Add("GET", "/api/v1/quality/supervision/{id}", bind(GetSupervision),
             {.summary = "One supervision session with its actions",
              .tag = "quality",
              .response_schema = http::SchemaRef("SupervisionSession"),
              .permission = "quality.read"});
  router.Add("PUT", "/api/v1/quality/supervision/{id}", bind(CorrectSupervision),
             {.summary = "Correct a session: its author, within 7 days (after that 409 "
                         "quality.session_fixed); audited",
              .tag = "quality",
              .request_schema = correction_schema,
              .response_schema = http::SchemaRef("SupervisionSession"),
              .permission = "quality.manage"});
  router.Add("POST", "/api/v1/quality/actions/{id}/done", bind(CompleteAction),
             {.summary = "Mark an action done, with an optional note (its owner, or the "
                         "session's supervisor / the cycle's owner)",
              .tag = "quality",
              .request_schema = note_schema,
              .response_schema = http::SchemaRef("QualityAction"),
              .permission = "quality.read"});
  router.Add(
      "POST", "/api/v1/quality/actions/{id}/progress", bind(ActionProgress),
      {.summary = "Add a progress note to an open action (the same people)",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["note"],"properties":{"note":{"type":"string","maxLength":1000}}})",
       .response_schema = http::SchemaRef("QualityAction"),
       .permission = "quality.read"});
  router.Add(
      "GET", "/api/v1/quality/my-work", bind(MyWorkList),
      {.summary = "The caller's open supervision and improvement actions and the audit "
                  "findings to correct on their cases (kind), overdue first",
       .tag = "quality",
       .response_schema =
           R"({"type":"object","required":["items","total","overdue"],"properties":{"items":{"type":"array","items":{"$ref":"#/components/schemas/QualityAction"}},"total":{"type":"integer"},"overdue":{"type":"integer"}}})",
       .permission = "quality.read"});

  router.Add("GET", "/api/v1/quality/training", bind(ListTrainings),
             {.summary = "Training sessions, newest first (filter org_id, from, to; page)",
              .tag = "quality",
              .response_schema = http::PageOf("Training"),
              .permission = "quality.read",
              .query = http::PageQuery("", period_query)});
  router.Add(
      "POST", "/api/v1/quality/training", bind(RecordTraining),
      {.summary = "Record a training session and who attended",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","title","kind","date","hours"],"properties":{"org_id":{"type":"integer"},"title":{"type":"string","maxLength":200},"kind":{"type":"string","enum":["internal","external","supervision"]},"date":{"type":"string","format":"date"},"hours":{"type":"number","exclusiveMinimum":0,"maximum":24},"trainer":{"type":"string","maxLength":100},)" +
           attendance + "}}",
       .response_schema = http::SchemaRef("Training"),
       .permission = "quality.manage",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/quality/training/hours", bind(TrainingHours),
             {.summary = "Training hours per person in an organisation (and below) over a "
                         "period: everyone's for quality.manage, else the caller's own",
              .tag = "quality",
              .response_schema = http::ItemsOf("TrainingHours"),
              .permission = "quality.read",
              .query = period_query});
  router.Add("GET", "/api/v1/quality/training/{id}", bind(GetTraining),
             {.summary = "One training session with its attendance",
              .tag = "quality",
              .response_schema = http::SchemaRef("Training"),
              .permission = "quality.read"});
  router.Add("PUT", "/api/v1/quality/training/{id}/attendance", bind(SetAttendance),
             {.summary = "Replace a training session's attendance",
              .tag = "quality",
              .request_schema = R"({"type":"object","required":["attendance"],"properties":{)" +
                                attendance + "}}",
              .response_schema = http::SchemaRef("Training"),
              .permission = "quality.manage"});
  router.Add("GET", "/api/v1/quality/duties", bind(GetDuties),
             {.summary = "The quality duties (质量职责) of each post at an organisation (its own "
                         "or the nearest organisation's above it)",
              .tag = "quality",
              .response_schema = http::ItemsOf("PostDuties"),
              .permission = "quality.read",
              .query = {{"org_id", "integer", "Required"}}});
  router.Add(
      "PUT", "/api/v1/quality/duties", bind(SetDuties),
      {.summary = "Set one post's quality duties at an organisation",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","role","duties"],"properties":{"org_id":{"type":"integer"},"role":{"type":"string","enum":["leader","supervisor","worker","operator"]},"duties":{"type":"array","maxItems":30,"items":{"type":"string","maxLength":300}}}})",
       .response_schema = http::ItemsOf("PostDuties"),
       .permission = "quality.manage"});

  router.Add(
      "GET", "/api/v1/quality/improvements", bind(ListImprovements),
      {.summary = "Improvement cycles (PDCA), most recently changed first (filter org_id, "
                  "phase; page)",
       .tag = "quality",
       .response_schema = http::PageOf("Improvement"),
       .permission = "quality.read",
       .query = http::PageQuery("", {{"org_id", "integer", "The organisation and those below it"},
                                     {"phase", "string", "One of " + JoinNames(PhaseNames())}})});
  router.Add(
      "POST", "/api/v1/quality/improvements", bind(OpenImprovement),
      {.summary = "Open an improvement cycle in plan, from a source",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","title","problem"],"properties":{"org_id":{"type":"integer"},"title":{"type":"string","maxLength":200},"source_kind":{"type":"string","enum":["audit_finding","complaint","indicator_signal","survey","free"]},"source_ref":{"type":"string","maxLength":200,"description":"Required unless free: a finding or complaint id, indicator_id:period, a survey id"},"problem":{"type":"string","maxLength":4000},"root_cause":{"type":"string","maxLength":4000},"indicator":{"type":"string","maxLength":100},"owner_id":{"type":"integer","description":"Default: the caller"},"actions":{"type":"array","maxItems":20,"items":)" +
           action + "}}}",
       .response_schema = http::SchemaRef("Improvement"),
       .permission = "quality.manage",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/quality/improvements/{id}", bind(GetImprovement),
             {.summary = "One improvement cycle with its actions and history",
              .tag = "quality",
              .response_schema = http::SchemaRef("Improvement"),
              .permission = "quality.read"});
  router.Add(
      "PATCH", "/api/v1/quality/improvements/{id}", bind(ChangeImprovement),
      {.summary = "Change a cycle's plan, check or act fields and add actions (not once "
                  "closed)",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","minProperties":1,"properties":{"title":{"type":"string","maxLength":200},"problem":{"type":"string","maxLength":4000},"root_cause":{"type":"string","maxLength":4000},"indicator":{"type":"string","maxLength":100},"before_value":{"type":["number","null"]},"after_value":{"type":["number","null"]},"check_note":{"type":"string","maxLength":4000},"standard_kind":{"oneOf":[{"type":"string","enum":["form_field","checklist_item","deadline","technique","other"]},{"type":"null"}]},"standard_ref":{"type":"string","maxLength":500},"add_actions":{"type":"array","maxItems":20,"items":)" +
           action + "}}}",
       .response_schema = http::SchemaRef("Improvement"),
       .permission = "quality.manage"});
  router.Add(
      "POST", "/api/v1/quality/improvements/{id}/transitions", bind(MoveImprovement),
      {.summary = "Move a cycle to its next phase (409 quality.invalid_transition "
                  "otherwise; 400 with what its phase still lacks)",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["to"],"properties":{"to":{"type":"string","enum":["plan","do","check","act","closed"]},"note":{"type":"string","maxLength":1000}}})",
       .response_schema = http::SchemaRef("Improvement"),
       .permission = "quality.manage"});

  // --- objectives and policy ---
  AddObjectiveSchemas(router);
  const std::string objective_fields =
      R"("target":{"type":"number","description":"In the indicator's unit: percent and score 0–100, the others from 0"},"granularity":{"type":"string","enum":["month","quarter","year"]},"owner_id":{"type":"integer","description":"A user of the organisation"},"note":{"type":"string","maxLength":500})";
  router.Add("GET", "/api/v1/quality/objectives", bind(ListObjectives),
             {.summary = "The quality objectives in force at an organisation (its own and those "
                         "inherited from above), each with its actual value, numerator and "
                         "denominator over the current (or the given) period and its status",
              .tag = "quality",
              .response_schema = http::SchemaRef("ObjectiveList"),
              .permission = "quality.read",
              .query = {{"org_id", "integer", "Required"},
                        {"period", "string",
                         "A period key (2026-03, 2026-Q1, 2026): each objective is judged over the "
                         "period of its granularity around a day of it (default: today)"}}});
  router.Add(
      "POST", "/api/v1/quality/objectives", bind(CreateObjective),
      {.summary = "Set a quality objective on an indicator at an organisation (one per "
                  "organisation and indicator: 409 quality.objective_exists); audited",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","indicator","target","granularity","owner_id"],"properties":{"org_id":{"type":"integer"},"indicator":{"type":"string","maxLength":100,"description":"A measured indicator of the catalogue"},)" +
           objective_fields + "}}",
       .response_schema = http::SchemaRef("Objective"),
       .permission = "quality.manage",
       .statuses = {http::kCreated}});
  router.Add(
      "PUT", "/api/v1/quality/objectives/{id}", bind(ChangeObjective),
      {.summary = "Change an objective's target, period, owner and note; audited",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["target","granularity","owner_id"],"properties":{)" +
           objective_fields + "}}",
       .response_schema = http::SchemaRef("Objective"),
       .permission = "quality.manage"});
  router.Add("DELETE", "/api/v1/quality/objectives/{id}", bind(RemoveObjective),
             {.summary = "Remove an objective (the organisations below inherit from above "
                         "again); audited",
              .tag = "quality",
              .response_schema = http::SchemaRef("Ok"),
              .permission = "quality.manage"});
  router.Add("GET", "/api/v1/quality/policy", bind(GetPolicy),
             {.summary = "The quality policy (质量方针) in force at an organisation: its own "
                         "text or the nearest one above it",
              .tag = "quality",
              .response_schema = http::SchemaRef("QualityPolicy"),
              .permission = "quality.read",
              .query = {{"org_id", "integer", "Required"}}});
  router.Add(
      "PUT", "/api/v1/quality/policy", bind(SetPolicy),
      {.summary = "Set an organisation's quality policy text (blank: remove it, inherit "
                  "again); audited",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","text"],"properties":{"org_id":{"type":"integer"},"text":{"type":"string","maxLength":4000}}})",
       .response_schema = http::SchemaRef("QualityPolicy"),
       .permission = "quality.manage"});

  // --- indicator signals ---
  AddSignalSchemas(router);
  router.Add(
      "GET", "/api/v1/quality/signals", bind(ListSignals),
      {.summary = "Indicator signals (rule breaks on the monthly control charts, found "
                  "nightly) of the organisations where the caller leads, supervises or is a "
                  "bureau officer, newest period first (filter org_id, indicator, state; page)",
       .tag = "quality",
       .response_schema = http::PageOf("QualitySignal"),
       .permission = "quality.read",
       .query =
           http::PageQuery("", {{"org_id", "integer", "That organisation's own signals"},
                                {"indicator", "string", "An indicator id"},
                                {"state", "string", "One of " + JoinNames(SignalStateNames())}})});
  router.Add(
      "POST", "/api/v1/quality/signals/{id}/dismiss", bind(DismissSignal),
      {.summary = "Dismiss an open signal with a note saying why (409 "
                  "quality.signal_handled when it is not open); audited",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["note"],"properties":{"note":{"type":"string","minLength":1,"maxLength":1000}}})",
       .response_schema = http::SchemaRef("QualitySignal"),
       .permission = "quality.manage"});
  router.Add("POST", "/api/v1/quality/signals/{id}/improvement", bind(SignalImprovement),
             {.summary = "Open an improvement cycle in plan from an open signal (source "
                         "indicator_signal, indicator:period) and link it; 409 "
                         "quality.signal_handled the second time; audited",
              .tag = "quality",
              .response_schema = http::SchemaRef("Improvement"),
              .permission = "quality.manage",
              .statuses = {http::kCreated}});

  // --- case-file audits ---
  AddAuditSchemas(router);
  const std::string checklist_item =
      R"({"type":"object","required":["stage","text_zh","weight"],"properties":{"key":{"type":"string","maxLength":40,"description":"An item kept (built-in or own); none for a new item"},"stage":{"type":"string","enum":["intake","assessment","planning","intervention","evaluation","closure"]},"text_zh":{"type":"string","maxLength":300},"text_en":{"type":"string","maxLength":300},"weight":{"type":"integer","minimum":1,"maximum":10},"retired":{"type":"boolean"}}})";
  router.Add("GET", "/api/v1/quality/audit-checklist", bind(GetChecklist),
             {.summary = "The case-file audit checklists of each stage at an organisation: its "
                         "own copy, the nearest above it, or the built-in list",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditChecklist"),
              .permission = "quality.read",
              .query = {{"org_id", "integer", "Required"}}});
  router.Add(
      "PUT", "/api/v1/quality/audit-checklist", bind(SetChecklist),
      {.summary = "Replace an organisation's own checklists (add, change, retire items); "
                  "an empty list goes back to the one above it or the built-in list",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","items"],"properties":{"org_id":{"type":"integer"},"items":{"type":"array","maxItems":120,"items":)" +
           checklist_item + "}}}",
       .response_schema = http::SchemaRef("AuditChecklist"),
       .permission = "quality.manage"});
  router.Add("GET", "/api/v1/quality/audits", bind(ListAudits),
             {.summary = "Case-file audit rounds the caller may see, newest first (a worker: "
                         "those with their cases, showing those only)",
              .tag = "quality",
              .response_schema = http::PageOf("AuditRound"),
              .permission = "quality.read",
              .query = http::PageQuery(
                  "", {{"org_id", "integer", "The organisation and those below it"}})});
  router.Add(
      "POST", "/api/v1/quality/audits", bind(CreateAudit),
      {.summary = "Draw an audit round: a random sample of the population with a recorded seed "
                  "(send seed to repeat a draw); an auditor never audits their own cases",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["org_id","title","from","to","sample_size","auditor_ids"],"properties":{"org_id":{"type":"integer","description":"The organisation and those below it"},"title":{"type":"string","maxLength":200},"from":{"type":"string","format":"date"},"to":{"type":"string","format":"date"},"basis":{"type":"string","enum":["opened","closed"],"description":"Cases opened (default) or closed in the period"},"stage":{"type":"string","enum":["intake","assessment","planning","intervention","evaluation","closure"],"description":"Only cases that reached this stage"},"worker_id":{"type":"integer","description":"Only this primary worker's cases"},"sample_size":{"type":"integer","minimum":1,"maximum":200},"auditor_ids":{"type":"array","minItems":1,"maxItems":10,"items":{"type":"integer"},"description":"Supervisors or leaders of the organisation"},"seed":{"type":"integer","minimum":0,"maximum":9007199254740991}}})",
       .response_schema = http::SchemaRef("AuditRound"),
       .permission = "quality.manage",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/quality/audits/{id}", bind(GetAudit),
             {.summary = "One audit round with its sample and each case's progress",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditRound"),
              .permission = "quality.read"});
  router.Add("POST", "/api/v1/quality/audits/{id}/finish", bind(FinishAudit),
             {.summary = "Finish a round whose every audited case is done (409 "
                         "quality.audit_incomplete otherwise)",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditRound"),
              .permission = "quality.manage"});
  router.Add("GET", "/api/v1/quality/audits/{id}/results", bind(AuditResultsRoute),
             {.summary = "A round's scores per worker, per item and overall (cases done), and "
                         "its findings by severity",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditResults"),
              .permission = "quality.read"});
  router.Add("GET", "/api/v1/quality/audits/{id}/cases/{case_id}", bind(GetAuditCase),
             {.summary = "One case of a round with its item scores",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditCase"),
              .permission = "quality.read"});
  router.Add(
      "PUT", "/api/v1/quality/audits/{id}/cases/{case_id}", bind(ScoreAuditCase),
      {.summary = "Save a case's item scores (its auditor, the round open); done needs every "
                  "item of the case's stages scored",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["items"],"properties":{"items":{"type":"array","maxItems":120,"items":{"type":"object","required":["key","score"],"properties":{"key":{"type":"string","maxLength":40},"score":{"type":"string","enum":["met","partly","not_met","na"]},"comment":{"type":"string","maxLength":1000}}}},"comment":{"type":"string","maxLength":1000},"done":{"type":"boolean"}}})",
       .response_schema = http::SchemaRef("AuditCase"),
       .permission = "quality.read"});
  router.Add(
      "POST", "/api/v1/quality/audits/{id}/findings", bind(RaiseFinding),
      {.summary = "Raise a finding on a case of the round (its auditor), owned by the case's "
                  "primary worker, with a due date for correction",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["case_id","severity","text","due_on"],"properties":{"case_id":{"type":"integer"},"item_key":{"type":"string","maxLength":40},"severity":{"type":"string","enum":["minor","major","critical"]},"text":{"type":"string","maxLength":2000},"due_on":{"type":"string","format":"date"}}})",
       .response_schema = http::SchemaRef("AuditFinding"),
       .permission = "quality.read",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/quality/findings", bind(ListFindings),
             {.summary = "Audit findings: the caller's own and those of rounds they see whole "
                         "(at most 500, by due date)",
              .tag = "quality",
              .response_schema = http::ItemsOf("AuditFinding"),
              .permission = "quality.read",
              .query = {{"round_id", "integer", "One round's"},
                        {"state", "string", "One of " + JoinNames(FindingStateNames())},
                        {"mine", "boolean", "Only those on the caller's own cases"}}});
  router.Add("GET", "/api/v1/quality/findings/{id}", bind(GetFinding),
             {.summary = "One audit finding",
              .tag = "quality",
              .response_schema = http::SchemaRef("AuditFinding"),
              .permission = "quality.read"});
  router.Add(
      "POST", "/api/v1/quality/findings/{id}/correct", bind(CorrectFinding),
      {.summary = "Mark a finding corrected, with a note (the case's worker)",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["note"],"properties":{"note":{"type":"string","maxLength":1000}}})",
       .response_schema = http::SchemaRef("AuditFinding"),
       .permission = "quality.read"});
  router.Add("POST", "/api/v1/quality/findings/{id}/verify", bind(VerifyFinding),
             {.summary = "Verify a corrected finding: closed (its auditor or quality.manage)",
              .tag = "quality",
              .request_schema =
                  R"({"type":"object","properties":{"note":{"type":"string","maxLength":1000}}})",
              .response_schema = http::SchemaRef("AuditFinding"),
              .permission = "quality.read"});
  router.Add(
      "POST", "/api/v1/quality/findings/{id}/reopen", bind(ReopenFinding),
      {.summary = "Reopen a corrected finding, saying why (its auditor or quality.manage)",
       .tag = "quality",
       .request_schema =
           R"({"type":"object","required":["note"],"properties":{"note":{"type":"string","maxLength":1000}}})",
       .response_schema = http::SchemaRef("AuditFinding"),
       .permission = "quality.read"});
  router.Add("POST", "/api/v1/quality/findings/{id}/improvement", bind(ImproveFromFinding),
             {.summary = "Open an improvement cycle from a finding (source audit_finding), once",
              .tag = "quality",
              .response_schema = http::SchemaRef("Improvement"),
              .permission = "quality.manage",
              .statuses = {http::kCreated}});
}

}  // namespace jieli::quality
