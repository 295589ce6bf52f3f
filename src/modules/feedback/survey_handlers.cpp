// HTTP routes of the surveys (/api/v1/surveys) and of the public survey page
// (/api/v1/public/surveys/{token}): parse, call SurveyService, serialise.
#include <algorithm>

#include "core/crypto.hpp"
#include "core/local_time.hpp"
#include "http/json.hpp"
#include "http/status.hpp"
#include "modules/auth/authenticator.hpp"
#include "modules/clients/xlsx_writer.hpp"
#include "modules/feedback/feedback_handlers.hpp"
#include "modules/feedback/public_route.hpp"
#include "modules/feedback/qr_code.hpp"
#include "modules/feedback/questionnaire_json.hpp"
#include "modules/feedback/survey_api_schema.hpp"
#include "modules/handler_support.hpp"
#include "modules/services.hpp"

namespace jieli::feedback {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;
using modules::PathId;
using modules::Services;

// The anonymous link's one-answer-per-device cookie, scoped to the public survey API.
constexpr const char* kDeviceCookie = "jieli_survey_device";
constexpr const char* kDeviceCookiePath = "/api/v1/public/surveys";
constexpr int kDeviceCookieDays = 365;
constexpr const char* kPublicPath = "/p/s/";

Json PersonJson(const SurveyPerson& p) { return {{"id", p.id}, {"name", p.name}}; }
Json OrNull(const std::optional<double>& value) { return value ? Json(*value) : Json(); }

Json SurveyJson(const Survey& s) {
  return {{"id", s.id},
          {"org", PersonJson(s.org)},
          {"title_zh", s.title_zh},
          {"title_en", s.title_en},
          {"built_in", s.built_in},
          {"named", s.named},
          {"state", ToString(s.state)},
          {"questionnaire", QuestionnaireToJson(s.questionnaire)},
          {"anonymous_url",
           s.anonymous_token ? Json(std::string(kPublicPath) + *s.anonymous_token) : Json()},
          {"sent", s.sent},
          {"answered", s.answered},
          {"responses", s.responses},
          {"created_by", PersonJson(s.created_by)},
          {"created_at", FormatIsoLocal(s.created_at)},
          {"version", s.version}};
}

// --- signed-in routes ----------------------------------------------------------------------

Result<Response> ListSurveys(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  SurveyFilter filter;
  filter.org_id = modules::ReadIdQuery(r, "org_id", issues);
  if (auto state = r.Query("state"); state && !state->empty()) {
    filter.state = ParseSurveyState(*state);
    if (!filter.state) issues.AddIssue("state", "invalid_choice");
  }
  if (auto sort = r.Query("sort"); sort && !sort->empty()) filter.sort = *sort;
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result, s.surveys.List(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& survey : result.items) items.push_back(SurveyJson(survey));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> BuiltInQuestionnaire(Request&, Actor& actor, Services&) {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kClientsRead));
  return JsonResponse(http::kOk, QuestionnaireToJson(BuiltInSatisfaction()));
}

Result<Response> CreateSurvey(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(
      {"org_id", "title_zh", "title_en", "named", "anonymous", "questionnaire"});
  SurveyInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.title_zh = reader.OptionalString("title_zh", kMaxTitleChars).value_or("");
  input.title_en = reader.OptionalString("title_en", kMaxTitleChars).value_or("");
  input.named = reader.OptionalBool("named").value_or(false);
  input.anonymous = reader.OptionalBool("anonymous").value_or(false);
  if (const Json* questionnaire = reader.OptionalObject("questionnaire")) {
    std::vector<FieldIssue> issues;
    input.questionnaire = QuestionnaireFromJson(*questionnaire, "questionnaire", issues);
    for (auto& issue : issues) reader.AddIssue(issue.field, issue.code, issue.params);
  }
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Create(actor, input));
  return JsonResponse(http::kCreated, SurveyJson(survey));
}

Result<Response> GetSurvey(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Get(actor, id));
  return JsonResponse(http::kOk, SurveyJson(survey));
}

Result<Response> CloseSurvey(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"version"});
  const std::int64_t version = reader.RequiredInt("version", 1, INT64_MAX);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Close(actor, id, version));
  return JsonResponse(http::kOk, SurveyJson(survey));
}

Result<Response> SendSurvey(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"client_ids", "case_id", "expires_on"});
  SendInput input;
  if (const Json* ids = reader.RequiredArray("client_ids")) {
    if (ids->size() > SurveyService::kMaxSendClients) {
      reader.AddIssue("client_ids", "too_many",
                      {{"max", std::to_string(SurveyService::kMaxSendClients)}});
    } else {
      for (std::size_t i = 0; i < ids->size(); ++i) {
        const Json& one = (*ids)[i];
        if (one.is_number_integer() && one.get<std::int64_t>() > 0) {
          input.client_ids.push_back(one.get<std::int64_t>());
        } else {
          reader.AddIssue("client_ids[" + std::to_string(i) + "]", "wrong_type",
                          {{"expected", "integer"}});
        }
      }
    }
  }
  input.case_id = reader.OptionalInt("case_id", 1, INT64_MAX);
  if (auto expires = reader.OptionalString("expires_on", 10)) {
    if (auto date = ParseDate(*expires)) {
      input.expires_on = *date;
    } else {
      reader.AddIssue("expires_on", "invalid_date");
    }
  }
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto sent, s.surveys.Send(actor, id, input));
  Json links = Json::array();
  for (const auto& link : sent) {
    links.push_back({{"client", PersonJson(link.client)},
                     {"token", link.token ? Json(*link.token) : Json()},
                     {"url", link.token ? Json(std::string(kPublicPath) + *link.token) : Json()},
                     {"expires_on", link.expires_on ? Json(FormatDate(*link.expires_on)) : Json()},
                     {"skipped", link.skipped ? Json(*link.skipped) : Json()}});
  }
  return JsonResponse(http::kCreated, {{"links", std::move(links)}});
}

Result<Response> ListLinks(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  JIELI_ASSIGN_OR_RETURN(auto result, s.surveys.Links(actor, id, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& l : result.items) {
    items.push_back(
        {{"id", l.id},
         {"client", PersonJson(l.client)},
         {"case_id", l.case_id ? Json(*l.case_id) : Json()},
         {"sent_by", PersonJson(l.sent_by)},
         {"sent_at", FormatIsoLocal(l.sent_at)},
         {"expires_on", FormatDate(l.expires_on)},
         {"state", ToString(l.state)},
         {"answered_at", l.answered_at ? Json(FormatIsoLocal(*l.answered_at)) : Json()}});
  }
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<ResultsFilter> ReadResultsFilter(const Request& r) {
  Json none = Json::object();
  http::JsonReader issues(none);
  ResultsFilter filter;
  filter.org_id = modules::ReadIdQuery(r, "org_id", issues);
  filter.worker_id = modules::ReadIdQuery(r, "worker_id", issues);
  filter.from = modules::ReadDateQuery(r, "from", issues);
  filter.to = modules::ReadDateQuery(r, "to", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  return filter;
}

Result<Response> GetResults(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(ResultsFilter filter, ReadResultsFilter(r));
  JIELI_ASSIGN_OR_RETURN(auto results, s.surveys.Results(actor, id, filter));
  Json distribution = Json::array();
  for (const auto& [total, count] : results.distribution) {
    distribution.push_back({{"total", total}, {"count", count}});
  }
  Json items = Json::array();
  for (const auto& item : results.items) {
    Json options = Json::array();
    for (std::size_t o = 0; o < item.item->options.size(); ++o) {
      const Option& option = item.item->options[o];
      options.push_back({{"value", option.value},
                         {"label_zh", option.label_zh},
                         {"label_en", option.label_en},
                         {"count", item.counts[o]}});
    }
    items.push_back({{"id", item.item->id},
                     {"type", ToString(item.item->type)},
                     {"text_zh", item.item->text_zh},
                     {"text_en", item.item->text_en},
                     {"answered", item.answered},
                     {"mean", OrNull(item.mean)},
                     {"options", std::move(options)}});
  }
  Json months = Json::array();
  for (const auto& m : results.by_month) {
    months.push_back({{"month", m.month}, {"responses", m.responses}, {"mean", OrNull(m.mean)}});
  }
  Json texts = Json::array();
  for (const auto& t : results.texts) {
    texts.push_back({{"item", t.item},
                     {"text", t.text},
                     {"submitted_at", FormatIsoLocal(t.submitted_at)},
                     {"client", t.client ? PersonJson(*t.client) : Json()}});
  }
  return JsonResponse(http::kOk, {{"survey_id", results.survey.id},
                                  {"sent", results.sent},
                                  {"answered", results.answered},
                                  {"response_rate", OrNull(results.response_rate)},
                                  {"responses", results.responses},
                                  {"total",
                                   {{"mean", OrNull(results.mean_total)},
                                    {"min_possible", results.min_possible},
                                    {"max_possible", results.max_possible},
                                    {"distribution", std::move(distribution)}}},
                                  {"items", std::move(items)},
                                  {"by_month", std::move(months)},
                                  {"texts", std::move(texts)}});
}

// An answer as the export's cell: the options' labels, the rating or the text.
std::string AnswerText(const Item& item, const Answer& answer) {
  if (answer.rating) return std::to_string(*answer.rating);
  if (!answer.choices.empty()) {
    std::string text;
    for (const auto& value : answer.choices) {
      auto option = std::find_if(item.options.begin(), item.options.end(),
                                 [&](const Option& o) { return o.value == value; });
      if (!text.empty()) text += "；";
      text += option != item.options.end() ? option->label_zh : value;
    }
    return text;
  }
  return clients::NeutralizeFormula(answer.text);
}

Result<Response> ExportResponses(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "survey.not_found"));
  JIELI_ASSIGN_OR_RETURN(ResultsFilter filter, ReadResultsFilter(r));
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Get(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto responses, s.surveys.Responses(actor, id, filter));
  std::vector<const Item*> asked;
  for (const auto& item : survey.questionnaire.items) {
    if (item.type != ItemType::kSection) asked.push_back(&item);
  }
  std::vector<clients::XlsxCell> header = {"编号", "提交时间", "机构"};
  if (survey.named) header.emplace_back("案主");
  header.emplace_back("总分");
  for (const Item* item : asked) header.emplace_back(clients::NeutralizeFormula(item->text_zh));
  std::vector<std::vector<clients::XlsxCell>> rows = {std::move(header)};
  for (const auto& response : responses) {
    std::vector<clients::XlsxCell> row = {static_cast<double>(response.id),
                                          FormatLocalDateTime(response.submitted_at),
                                          response.org.name};
    if (survey.named) row.emplace_back(response.client ? response.client->name : "");
    row.push_back(response.total ? clients::XlsxCell(*response.total) : clients::XlsxCell(""));
    for (const Item* item : asked) {
      auto given = response.answers.find(item->id);
      row.emplace_back(given == response.answers.end() ? "" : AnswerText(*item, given->second));
    }
    rows.push_back(std::move(row));
  }
  JIELI_ASSIGN_OR_RETURN(std::string bytes, clients::WriteXlsx("问卷答卷", rows));
  Response response;
  response.status = http::kOk;
  response.content_type = clients::kXlsxContentType;
  response.body = std::move(bytes);
  response.headers.emplace_back(
      "Content-Disposition", "attachment; filename=\"survey-" + std::to_string(id) +
                                 ".xlsx\"; filename*=UTF-8''%E9%97%AE%E5%8D%B7%E7%AD%94%E5%8D%B7-" +
                                 std::to_string(id) + ".xlsx");
  return response;
}

// --- public routes -------------------------------------------------------------------------

// The device cookie, "" when none. Only its hash reaches the store, so any
// value of a sane length will do; a longer one is replaced.
std::string DeviceOf(const Request& r) {
  auto cookie = r.Cookie(kDeviceCookie);
  if (!cookie || cookie->size() > 64) return "";
  return *cookie;
}

// Gives the browser a device cookie when it has none.
std::string EnsureDevice(const Request& r, Response& response, bool secure) {
  std::string device = DeviceOf(r);
  if (!device.empty()) return device;
  device = crypto::RandomToken(16);
  response.headers.emplace_back(
      "Set-Cookie", std::string(kDeviceCookie) + "=" + device + "; Path=" + kDeviceCookiePath +
                        "; Max-Age=" + std::to_string(kDeviceCookieDays * 24 * 3600) +
                        "; HttpOnly; SameSite=Lax" + (secure ? "; Secure" : ""));
  return device;
}

Result<Response> OpenPublicSurvey(Request& r, Services& s) {
  Response response;
  const std::string device = EnsureDevice(r, response, s.secure_cookies);
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Open(r.path_params["token"], device));
  Response body =
      JsonResponse(http::kOk, {{"title_zh", survey.title_zh},
                               {"title_en", survey.title_en},
                               {"org_name", survey.org_name},
                               {"questionnaire", QuestionnaireToJson(survey.questionnaire)},
                               {"state", survey.state}});
  body.headers.insert(body.headers.end(), response.headers.begin(), response.headers.end());
  body.headers.emplace_back("Cache-Control", "no-store");
  return body;
}

Result<Response> AnswerPublicSurvey(Request& r, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"answers", "website"});
  // The honeypot: a person never sees the field, a form-filling robot fills it.
  // Answered as accepted, so the robot learns nothing; nothing is kept.
  const std::string website = reader.OptionalString("website", 200).value_or("");
  Answers answers;
  if (const Json* given = reader.RequiredObject("answers")) {
    std::vector<FieldIssue> issues;
    answers = AnswersFromJson(*given, "answers", issues);
    for (auto& issue : issues) reader.AddIssue(issue.field, issue.code, issue.params);
  }
  JIELI_RETURN_IF_ERROR(reader.Finish());
  Response reply = JsonResponse(http::kCreated, {{"ok", true}});
  if (!website.empty()) return reply;
  const std::string device = EnsureDevice(r, reply, s.secure_cookies);
  JIELI_RETURN_IF_ERROR(s.surveys.Answer(r.path_params["token"], device, answers));
  return reply;
}

// The public address of a link, for its QR code: this server's, as the
// browser asked for it (a Host header of anything but a host name and port
// gives a relative link's host "localhost").
std::string PublicUrl(const Request& r, const std::string& token, bool secure) {
  std::string host = r.Header("Host");
  const bool plain =
      !host.empty() && host.size() <= 255 && std::all_of(host.begin(), host.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '.' || c == '-' || c == ':' || c == '[' || c == ']';
      });
  if (!plain) host = "localhost";
  return std::string(secure ? "https://" : "http://") + host + kPublicPath + token;
}

Result<Response> QrOf(Request& r, Services& s, bool png) {
  const std::string token = r.path_params["token"];
  // Only a token that opens something gets a code (404 otherwise).
  JIELI_ASSIGN_OR_RETURN(auto survey, s.surveys.Open(token, ""));
  (void)survey;
  const std::string url = PublicUrl(r, token, s.secure_cookies);
  Response response;
  response.status = http::kOk;
  if (png) {
    JIELI_ASSIGN_OR_RETURN(response.body, QrPng(url));
    response.content_type = "image/png";
  } else {
    JIELI_ASSIGN_OR_RETURN(response.body, QrSvg(url));
    response.content_type = "image/svg+xml";
  }
  response.headers.emplace_back("Cache-Control", "private, max-age=3600");
  return response;
}

Result<Response> QrSvgOf(Request& r, Services& s) { return QrOf(r, s, false); }
Result<Response> QrPngOf(Request& r, Services& s) { return QrOf(r, s, true); }

}  // namespace

void RegisterSurveyRoutes(http::Router& router, Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddSurveySchemas(router);
  const std::vector<http::QueryParam> result_filters = {
      {"org_id", "integer", "Answers from this organisation and those below"},
      {"worker_id", "integer", "Answers about this worker's cases"},
      {"from", "string", "Submitted (sent, for the response rate) on or after, YYYY-MM-DD"},
      {"to", "string", "Submitted on or before, YYYY-MM-DD"}};

  router.Add("GET", "/api/v1/surveys", bind(ListSurveys),
             {.summary = "Surveys of the organisations where the caller reads clients",
              .tag = "feedback",
              .response_schema = http::PageOf("Survey"),
              .permission = "clients.read",
              .query = http::PageQuery("created_at, -created_at, title (default -created_at)",
                                       {{"org_id", "integer", "This organisation and those below"},
                                        {"state", "string", "open or closed"}})});
  router.Add("GET", "/api/v1/surveys/builtin", bind(BuiltInQuestionnaire),
             {.summary = "Jieli's own client satisfaction questionnaire (8 items, 4-point scale, "
                         "total 8–32), where a questionnaire builder starts",
              .tag = "feedback",
              .response_schema = http::SchemaRef("Questionnaire"),
              .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/surveys", bind(CreateSurvey),
      {.summary = "Make a survey from the built-in questionnaire or the caller's own "
                  "(quality managers)",
       .tag = "feedback",
       .request_schema =
           std::string(
               R"({"type":"object","required":["org_id"],"properties":{"org_id":{"type":"integer"},"title_zh":{"type":"string","maxLength":200},"title_en":{"type":"string","maxLength":200},"named":{"type":"boolean","description":"Results show which client answered"},"anonymous":{"type":"boolean","description":"Also one public link, one answer per device"},"questionnaire":)") +
           kQuestionnaireSchema + "}}",
       .response_schema = http::SchemaRef("Survey"),
       .permission = "quality.manage",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/surveys/{id}", bind(GetSurvey),
             {.summary = "One survey with its questionnaire and counts",
              .tag = "feedback",
              .response_schema = http::SchemaRef("Survey"),
              .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/surveys/{id}/close", bind(CloseSurvey),
      {.summary = "Close a survey: its links stop answering (quality managers)",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["version"],"properties":{"version":{"type":"integer"}}})",
       .response_schema = http::SchemaRef("Survey"),
       .permission = "quality.manage"});
  router.Add(
      "POST", "/api/v1/surveys/{id}/send", bind(SendSurvey),
      {.summary = "Send clients personal links (each token shown once); a client who withdrew "
                  "survey consent is skipped; an earlier unanswered link is superseded",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["client_ids"],"properties":{"client_ids":{"type":"array","minItems":1,"maxItems":200,"items":{"type":"integer"}},"case_id":{"type":"integer","description":"Only with one client"},"expires_on":{"type":"string","format":"date","description":"Default today + 30 days, at most + 180"}}})",
       .response_schema = http::SchemaRef("SentLinks"),
       .permission = "clients.write",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/surveys/{id}/links", bind(ListLinks),
             {.summary = "The personal links sent, newest first, with their state",
              .tag = "feedback",
              .response_schema = http::PageOf("SurveyLink"),
              .permission = "clients.read",
              .query = http::PageQuery()});
  router.Add("GET", "/api/v1/surveys/{id}/results", bind(GetResults),
             {.summary = "Response rate, score distribution, per-item means and counts, months "
                         "and free-text answers (naming the client on a named survey only)",
              .tag = "feedback",
              .response_schema = http::SchemaRef("SurveyResults"),
              .permission = "clients.read",
              .query = result_filters});
  router.Add("GET", "/api/v1/surveys/{id}/export", bind(ExportResponses),
             {.summary = "The answers as an .xlsx workbook, one row each (at most 10,000)",
              .tag = "feedback",
              .response_schema = http::kBinarySchema,
              .permission = "clients.read",
              .query = result_filters,
              .response_types = {clients::kXlsxContentType}});

  router.Add("GET", "/api/v1/public/surveys/{token}", Public(s, OpenPublicSurvey),
             {.summary = "A survey link's questionnaire and whether it still answers (no "
                         "sign-in; sets the device cookie)",
              .tag = "public",
              .requires_auth = false,
              .response_schema = http::SchemaRef("PublicSurvey")});
  router.Add(
      "POST", "/api/v1/public/surveys/{token}/answers", Public(s, AnswerPublicSurvey),
      {.summary = "Answer a survey from its link, once (no sign-in; rate-limited per address)",
       .tag = "public",
       .requires_auth = false,
       .request_schema =
           R"({"type":"object","required":["answers"],"properties":{"answers":{"type":"object","additionalProperties":{"type":"object","properties":{"choices":{"type":"array","items":{"type":"string"}},"rating":{"type":"integer"},"text":{"type":"string","maxLength":2000}}}},"website":{"type":"string","description":"Leave empty: a honeypot"}}})",
       .response_schema =
           R"({"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}})",
       .body_limit = kPublicBodyLimit,
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/public/surveys/{token}/qr.svg", Public(s, QrSvgOf),
             {.summary = "The link's QR code as SVG, to print",
              .tag = "public",
              .requires_auth = false,
              .response_schema = http::kBinarySchema,
              .response_types = {"image/svg+xml"}});
  router.Add("GET", "/api/v1/public/surveys/{token}/qr.png", Public(s, QrPngOf),
             {.summary = "The link's QR code as PNG, to send",
              .tag = "public",
              .requires_auth = false,
              .response_schema = http::kBinarySchema,
              .response_types = {"image/png"}});
}

}  // namespace jieli::feedback
