#include "modules/feedback/feedback_handlers.hpp"

#include <algorithm>
#include <climits>

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "http/json.hpp"
#include "http/status.hpp"
#include "modules/feedback/feedback_api_schema.hpp"
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
using modules::ReadIdQuery;
using modules::Services;

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

Json PersonJson(const Person& p) { return {{"id", p.id}, {"name", p.name}}; }

Json CalendarJson(const CalendarYear& year) {
  Json days = Json::array();
  for (const auto& day : year.days) {
    days.push_back({{"date", FormatDate(day.date)}, {"kind", ToString(day.kind)}, {"name", day.name}});
  }
  return {{"year", year.year},
          {"days", std::move(days)},
          {"working_days", year.working_days},
          {"updated_at", year.updated_at ? Json(FormatIsoLocal(*year.updated_at)) : Json()},
          {"updated_by", year.updated_by ? PersonJson(*year.updated_by) : Json()}};
}

Json ContactJson(const Contact& c) {
  Json follow_up;
  if (c.follow_up) {
    const FollowUp& f = *c.follow_up;
    follow_up = {{"due", f.due},
                 {"note", f.note},
                 {"done_at", f.done_at ? Json(FormatIsoLocal(*f.done_at)) : Json()},
                 {"done_by", f.done_by ? PersonJson(*f.done_by) : Json()},
                 {"done_note", f.done_note}};
  }
  return {{"id", c.id},
          {"org", PersonJson(c.org)},
          {"client", PersonJson(c.client)},
          {"case_id", c.case_id ? Json(*c.case_id) : Json()},
          {"channel", ToString(c.channel)},
          {"direction", ToString(c.direction)},
          {"at", FormatIsoLocal(c.at)},
          {"summary", c.summary},
          {"by", PersonJson(c.by)},
          {"follow_up", std::move(follow_up)},
          {"created_at", FormatIsoLocal(c.created_at)}};
}

// ?year=, default this year (local).
std::optional<int> ReadYear(const Request& r, const Clock& clock, http::JsonReader& issues) {
  auto text = r.Query("year");
  if (!text || text->empty()) return static_cast<int>(LocalDateOf(clock.Now()).year());
  int year = 0;
  const bool digits = text->size() == 4 && std::all_of(text->begin(), text->end(), [](char ch) {
                        return ch >= '0' && ch <= '9';
                      });
  if (digits) year = std::stoi(std::string(*text));
  if (!digits || year < kFirstYear || year > kLastYear) {
    issues.AddIssue("year", "out_of_range",
                    {{"min", std::to_string(kFirstYear)}, {"max", std::to_string(kLastYear)}});
    return std::nullopt;
  }
  return year;
}

Result<Response> GetCalendar(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto year = ReadYear(r, s.clock, issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto answer, s.feedback.Calendar(actor, *year));
  return JsonResponse(http::kOk, CalendarJson(answer));
}

Result<Response> PutCalendar(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  auto year = ReadYear(r, s.clock, reader);
  std::vector<CalendarDay> days;
  if (const Json* rows = reader.RequiredArray("days")) {
    if (rows->size() > kMaxCalendarDays) {
      reader.AddIssue("days", "too_many", {{"max", std::to_string(kMaxCalendarDays)}});
    } else {
      for (std::size_t i = 0; i < rows->size(); ++i) {
        const std::string at = "days[" + std::to_string(i) + "]";
        const Json& row = (*rows)[i];
        if (!row.is_object()) {
          reader.AddIssue(at, "wrong_type", {{"expected", "object"}});
          continue;
        }
        http::JsonReader item(row, reader.FieldPath(at));
        CalendarDay day;
        std::string date = item.RequiredString("date", 10);
        if (!date.empty()) {
          auto parsed = ParseDate(date);
          if (parsed) {
            day.date = *parsed;
          } else {
            item.AddIssue("date", "invalid_date");
          }
        }
        day.kind = ParseCalendarDayKind(item.RequiredEnum("kind", {"holiday", "workday"}))
                       .value_or(CalendarDayKind::kHoliday);
        day.name = item.RequiredString("name", kMaxCalendarNameChars);
        item.RejectUnknownFields({"date", "kind", "name"});
        reader.Merge(item);
        days.push_back(std::move(day));
      }
    }
  }
  reader.RejectUnknownFields({"days"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto answer, s.feedback.SetCalendar(actor, *year, days));
  return JsonResponse(http::kOk, CalendarJson(answer));
}

Result<Response> ListContacts(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  ContactFilter filter;
  filter.client_id = ReadIdQuery(r, "client_id", issues);
  filter.case_id = ReadIdQuery(r, "case_id", issues);
  if (auto follow_up = r.Query("follow_up"); follow_up && !follow_up->empty()) {
    if (*follow_up == "open" || *follow_up == "mine") {
      filter.follow_up = std::string(*follow_up);
    } else {
      issues.AddIssue("follow_up", "invalid_choice", {{"allowed", "open, mine"}});
    }
  }
  if (auto channel = r.Query("channel"); channel && !channel->empty()) {
    filter.channel = ParseChannel(*channel);
    if (!filter.channel) {
      issues.AddIssue("channel", "invalid_choice", {{"allowed", JoinNames(ChannelNames())}});
    }
  }
  filter.sort = r.Query("sort").value_or("-at");
  if (filter.sort.empty()) filter.sort = "-at";
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result,
                         s.feedback.ListContacts(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& contact : result.items) items.push_back(ContactJson(contact));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> RecordContact(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ContactInput input;
  input.client_id = reader.RequiredInt("client_id", 1, INT64_MAX);
  input.case_id = reader.OptionalInt("case_id", 1, INT64_MAX);
  input.channel = ParseChannel(reader.RequiredEnum("channel", ChannelNames()))
                      .value_or(Channel::kPhone);
  input.direction = ParseDirection(reader.RequiredEnum("direction", DirectionNames()))
                        .value_or(Direction::kOut);
  const std::string at = reader.RequiredString("at", 40);
  if (!at.empty()) {
    auto parsed = ParseIsoDateTime(at);
    if (parsed) {
      input.at = *parsed;
    } else {
      reader.AddIssue("at", "invalid_format");
    }
  }
  input.summary = reader.RequiredString("summary", kMaxContactSummaryChars);
  if (const Json* follow_up = reader.OptionalObject("follow_up")) {
    http::JsonReader item(*follow_up, reader.FieldPath("follow_up"));
    FollowUpInput f;
    f.due = item.RequiredString("due", 10);
    f.note = item.OptionalString("note", kMaxFollowUpNoteChars).value_or("");
    item.RejectUnknownFields({"due", "note"});
    reader.Merge(item);
    input.follow_up = std::move(f);
  }
  reader.RejectUnknownFields(
      {"client_id", "case_id", "channel", "direction", "at", "summary", "follow_up"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto contact, s.feedback.RecordContact(actor, input));
  return JsonResponse(http::kCreated, ContactJson(contact));
}

Result<Response> CompleteFollowUp(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  std::string note = reader.OptionalString("note", kMaxFollowUpNoteChars).value_or("");
  reader.RejectUnknownFields({"note"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto contact, s.feedback.CompleteFollowUp(actor, id, note));
  return JsonResponse(http::kOk, ContactJson(contact));
}

}  // namespace

void RegisterFeedbackRoutes(http::Router& router, Services& services) {
  auto bind = [&services](modules::ModuleHandler handler) {
    return modules::Bind(services, handler);
  };
  AddFeedbackSchemas(router);
  const std::vector<http::QueryParam> year = {
      {"year", "integer", "The calendar year, 2000–2100 (default: this year)"}};
  router.Add("GET", "/api/v1/feedback/calendar", bind(GetCalendar),
             {.summary = "The year's national holidays and moved working days (调休) that "
                         "deadlines in working days skip or count",
              .tag = "feedback",
              .response_schema = http::SchemaRef("CalendarYear"),
              .query = year});
  router.Add(
      "PUT", "/api/v1/feedback/calendar", bind(PutCalendar),
      {.summary = "Replace the year's holidays and moved working days (the IT admin)",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["days"],"properties":{"days":{"type":"array","maxItems":80,"items":{"$ref":"#/components/schemas/CalendarDay"}}}})",
       .response_schema = http::SchemaRef("CalendarYear"),
       .permission = "settings.manage",
       .query = year});
  router.Add("GET", "/api/v1/contacts", bind(ListContacts),
             {.summary = "The contact log: exchanges with clients the caller may read "
                         "(filter client_id, case_id, channel, follow_up open or mine; "
                         "sort at, due; page)",
              .tag = "feedback",
              .response_schema = http::PageOf("Contact"),
              .permission = "clients.read",
              .query = http::PageQuery(
                  "at, -at, due (default -at)",
                  {{"client_id", "integer", "One client's contacts"},
                   {"case_id", "integer", "One case's contacts"},
                   {"channel", "string", JoinNames(ChannelNames())},
                   {"follow_up", "string",
                    "open: a follow-up not done; mine: such follow-ups the caller recorded"}})});
  router.Add(
      "POST", "/api/v1/contacts", bind(RecordContact),
      {.summary = "Record an exchange with a client, with a follow-up when one is needed",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["client_id","channel","direction","at","summary"],"properties":{"client_id":{"type":"integer"},"case_id":{"type":"integer","description":"A case of the client"},"channel":{"type":"string","enum":["phone","wechat","sms","email","chat","walk_in","home_visit","letter","web"]},"direction":{"type":"string","enum":["in","out"]},"at":{"type":"string","format":"date-time","description":"When; not ahead of now, at most 366 days back"},"summary":{"type":"string","maxLength":2000},"follow_up":{"type":"object","required":["due"],"properties":{"due":{"type":"string","format":"date"},"note":{"type":"string","maxLength":500}}}}})",
       .response_schema = http::SchemaRef("Contact"),
       .permission = "clients.write",
       .statuses = {http::kCreated}});
  router.Add("POST", "/api/v1/contacts/{id}/follow-up", bind(CompleteFollowUp),
             {.summary = "Mark a contact's follow-up done, with a note",
              .tag = "feedback",
              .request_schema =
                  R"({"type":"object","properties":{"note":{"type":"string","maxLength":500}}})",
              .response_schema = http::SchemaRef("Contact"),
              .permission = "clients.write"});
}

}  // namespace jieli::feedback
