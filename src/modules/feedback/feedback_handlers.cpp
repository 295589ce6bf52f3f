#include "modules/feedback/feedback_handlers.hpp"

#include <algorithm>
#include <climits>

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "http/json.hpp"
#include "http/status.hpp"
#include "modules/cases/followup_json.hpp"
#include "modules/clients/client_rules.hpp"
#include "modules/clients/xlsx_writer.hpp"
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
    days.push_back(
        {{"date", FormatDate(day.date)}, {"kind", ToString(day.kind)}, {"name", day.name}});
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
          {"created_at", FormatIsoLocal(c.created_at)},
          {"followup_id", c.followup_id ? Json(*c.followup_id) : Json()}};
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
  input.channel =
      ParseChannel(reader.RequiredEnum("channel", ChannelNames())).value_or(Channel::kPhone);
  input.direction =
      ParseDirection(reader.RequiredEnum("direction", DirectionNames())).value_or(Direction::kOut);
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

// The ways a follow-up (回访) reaches a client: every channel but the public pages.
const std::vector<std::string>& FollowUpChannelNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& name : ChannelNames()) {
      if (name != ToString(Channel::kWeb)) names.push_back(name);
    }
    return names;
  }();
  return kNames;
}

Result<Response> RecordCaseFollowUp(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "cases.followup_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  FollowUpVisit visit;
  visit.record.note = reader.RequiredString("note", cases::kMaxFollowUpNoteChars);
  visit.record.situation =
      cases::ParseSituation(reader.RequiredEnum("situation", cases::SituationNames()))
          .value_or(cases::Situation::kSame);
  visit.channel = ParseChannel(reader.RequiredEnum("channel", FollowUpChannelNames()))
                      .value_or(Channel::kPhone);
  if (auto at = reader.OptionalString("at", 40); at && !at->empty()) {
    if (auto parsed = ParseIsoDateTime(*at)) {
      visit.at = *parsed;
    } else {
      reader.AddIssue("at", "invalid_format");
    }
  }
  visit.record.new_needs =
      reader.OptionalString("new_needs", cases::kMaxNewNeedsChars).value_or("");
  reader.RejectUnknownFields({"note", "situation", "channel", "at", "new_needs"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto followup, s.feedback.RecordFollowUp(actor, id, visit));
  return JsonResponse(http::kOk, cases::FollowUpJson(followup));
}

// --- complaints ---

constexpr const char* kXlsxType = clients::kXlsxContentType;
constexpr std::int64_t kMaxExportRows = 10000;

Json TimeOrNull(const std::optional<EpochMs>& t) { return t ? Json(FormatIsoLocal(*t)) : Json(); }
Json PersonOrNull(const std::optional<Person>& p) { return p ? PersonJson(*p) : Json(); }

Json ComplaintJson(const Complaint& c, EpochMs now) {
  const ComplaintTimes times{c.kind, c.state, c.received_at, c.clock};
  Json history = Json::array();
  for (const auto& e : c.history) {
    history.push_back({{"action", e.action},
                       {"at", FormatIsoLocal(e.at)},
                       {"by", PersonJson(e.by)},
                       {"note", e.note}});
  }
  Json actions = Json::array();
  for (auto action : c.actions) actions.push_back(ToString(action));
  return {{"id", c.id},
          {"org", PersonJson(c.org)},
          {"kind", ToString(c.kind)},
          {"category", ToString(c.category)},
          {"channel", ToString(c.channel)},
          {"severity", ToString(c.severity)},
          {"state", ToString(c.state)},
          {"subject", c.subject},
          {"details", c.details},
          {"complainant", {{"name", c.complainant_name}, {"contact", c.complainant_contact}}},
          {"client", PersonOrNull(c.client)},
          {"case_id", c.case_id ? Json(*c.case_id) : Json()},
          {"worker_concerned", PersonOrNull(c.worker_concerned)},
          {"handler", PersonOrNull(c.handler)},
          {"received_by", PersonJson(c.received_by)},
          {"received_at", FormatIsoLocal(c.received_at)},
          {"acknowledge_due", TimeOrNull(c.clock.acknowledge_due)},
          {"resolve_due", TimeOrNull(c.clock.resolve_due)},
          {"acknowledged_at", TimeOrNull(c.acknowledged_at)},
          {"resolved_at", TimeOrNull(c.resolved_at)},
          {"closed_at", TimeOrNull(c.closed_at)},
          {"colour", ToString(ColourAt(times, now))},
          {"escalation", ToString(c.escalation)},
          {"resolution", c.resolution},
          {"cause", c.cause},
          {"satisfaction", c.satisfaction ? Json(ToString(*c.satisfaction)) : Json()},
          {"improvement_id", c.improvement_id ? Json(*c.improvement_id) : Json()},
          {"reference", c.public_reference ? Json(*c.public_reference) : Json()},
          {"history", std::move(history)},
          {"actions", std::move(actions)}};
}

template <typename T, typename Parse>
std::optional<T> ReadChoice(const Request& r, const char* name, Parse parse,
                            const std::vector<std::string>& allowed, http::JsonReader& issues) {
  auto text = r.Query(name);
  if (!text || text->empty()) return std::nullopt;
  auto parsed = parse(*text);
  if (!parsed) issues.AddIssue(name, "invalid_choice", {{"allowed", JoinNames(allowed)}});
  return parsed;
}

Result<ComplaintFilter> ReadComplaintFilter(const Request& r) {
  Json none = Json::object();
  http::JsonReader issues(none);
  ComplaintFilter filter;
  filter.org_id = ReadIdQuery(r, "org_id", issues);
  filter.state =
      ReadChoice<ComplaintState>(r, "state", ParseComplaintState, ComplaintStateNames(), issues);
  filter.kind = ReadChoice<FeedbackKind>(r, "kind", ParseFeedbackKind, FeedbackKindNames(), issues);
  static const std::vector<std::string> kColours = {"none", "green", "yellow", "red"};
  filter.colour = ReadChoice<ClockColour>(
      r, "colour",
      [](std::string_view text) -> std::optional<ClockColour> {
        for (auto colour :
             {ClockColour::kNone, ClockColour::kGreen, ClockColour::kYellow, ClockColour::kRed}) {
          if (ToString(colour) == text) return colour;
        }
        return std::nullopt;
      },
      kColours, issues);
  filter.mine = modules::ReadBoolQuery(r, "mine", issues).value_or(false);
  filter.from = modules::ReadDateQuery(r, "from", issues);
  filter.to = modules::ReadDateQuery(r, "to", issues);
  filter.sort = r.Query("sort").value_or("-received_at");
  if (filter.sort.empty()) filter.sort = "-received_at";
  JIELI_RETURN_IF_ERROR(issues.Finish());
  return filter;
}

Result<Response> ListComplaints(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  JIELI_ASSIGN_OR_RETURN(ComplaintFilter filter, ReadComplaintFilter(r));
  JIELI_ASSIGN_OR_RETURN(auto result,
                         s.feedback.ListComplaints(actor, filter, page.offset(), page.page_size));
  const EpochMs now = s.clock.Now();
  Json items = Json::array();
  for (const auto& c : result.items) items.push_back(ComplaintJson(c, now));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

std::string Label(FeedbackKind kind) {
  switch (kind) {
    case FeedbackKind::kComplaint:
      return "投诉";
    case FeedbackKind::kSuggestion:
      return "建议";
    case FeedbackKind::kPraise:
      return "表扬";
  }
  return "";
}

std::string Label(ComplaintState state) {
  switch (state) {
    case ComplaintState::kReceived:
      return "待受理";
    case ComplaintState::kAcknowledged:
      return "处理中";
    case ComplaintState::kResolved:
      return "已办结";
    case ComplaintState::kClosed:
      return "已结案";
    case ComplaintState::kWithdrawn:
      return "已撤回";
  }
  return "";
}

std::string Label(ClockColour colour) {
  switch (colour) {
    case ClockColour::kRed:
      return "红（已超时）";
    case ClockColour::kYellow:
      return "黄（24 小时内到期）";
    case ClockColour::kGreen:
      return "绿";
    case ClockColour::kNone:
      return "";
  }
  return "";
}

std::string TimeText(const std::optional<EpochMs>& t) {
  return t ? FormatLocalDateTime(*t) : std::string();
}

Result<Response> ExportComplaints(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(ComplaintFilter filter, ReadComplaintFilter(r));
  JIELI_ASSIGN_OR_RETURN(auto result, s.feedback.ListComplaints(actor, filter, 0, kMaxExportRows));
  const EpochMs now = s.clock.Now();
  std::vector<std::vector<clients::XlsxCell>> rows;
  rows.push_back({"编号", "类型", "主题", "机构", "登记时间", "受理时限", "办结时限", "状态",
                  "时限", "处理人", "上报", "办结时间", "处理结果", "原因", "投诉人满意度"});
  for (const auto& c : result.items) {
    const ComplaintTimes times{c.kind, c.state, c.received_at, c.clock};
    const std::string escalation = c.escalation == EscalationLevel::kLeader ? "已上报主任"
                                   : c.escalation == EscalationLevel::kSupervisor ? "已上报督导"
                                                                                  : "";
    const std::string satisfaction = !c.satisfaction                                       ? ""
                                     : *c.satisfaction == HandlingSatisfaction::kSatisfied ? "满意"
                                     : *c.satisfaction == HandlingSatisfaction::kNeutral ? "一般"
                                                                                         : "不满意";
    rows.push_back({static_cast<double>(c.id), Label(c.kind), clients::NeutralizeFormula(c.subject),
                    c.org.name, FormatLocalDateTime(c.received_at),
                    TimeText(c.clock.acknowledge_due), TimeText(c.clock.resolve_due),
                    Label(c.state), Label(ColourAt(times, now)), c.handler ? c.handler->name : "",
                    escalation, TimeText(c.resolved_at), clients::NeutralizeFormula(c.resolution),
                    clients::NeutralizeFormula(c.cause), satisfaction});
  }
  JIELI_ASSIGN_OR_RETURN(std::string bytes, clients::WriteXlsx("投诉建议", rows));
  Response response;
  response.status = http::kOk;
  response.content_type = kXlsxType;
  response.body = std::move(bytes);
  response.headers.emplace_back("Content-Disposition",
                                "attachment; filename=\"complaints.xlsx\"; "
                                "filename*=UTF-8''%E6%8A%95%E8%AF%89%E5%BB%BA%E8%AE%AE.xlsx");
  return response;
}

Result<Response> GetComplaint(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.complaint_not_found"));
  JIELI_ASSIGN_OR_RETURN(auto complaint, s.feedback.GetComplaint(actor, id));
  return JsonResponse(http::kOk, ComplaintJson(complaint, s.clock.Now()));
}

Result<Response> ReceiveComplaint(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ComplaintInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.kind = ParseFeedbackKind(reader.RequiredEnum("kind", FeedbackKindNames()))
                   .value_or(FeedbackKind::kComplaint);
  input.category = ParseComplaintCategory(reader.RequiredEnum("category", ComplaintCategoryNames()))
                       .value_or(ComplaintCategory::kOther);
  input.channel =
      ParseChannel(reader.RequiredEnum("channel", ChannelNames())).value_or(Channel::kPhone);
  input.severity =
      ParseSeverity(reader.RequiredEnum("severity", SeverityNames())).value_or(Severity::kNormal);
  input.subject = reader.RequiredString("subject", kMaxComplaintSubjectChars);
  input.details = reader.OptionalString("details", kMaxComplaintDetailsChars).value_or("");
  input.complainant_name = reader.OptionalString("complainant_name", 50).value_or("");
  input.complainant_contact = reader.OptionalString("complainant_contact", 50).value_or("");
  input.client_id = reader.OptionalInt("client_id", 1, INT64_MAX);
  input.case_id = reader.OptionalInt("case_id", 1, INT64_MAX);
  input.worker_concerned_id = reader.OptionalInt("worker_concerned_id", 1, INT64_MAX);
  input.handler_id = reader.OptionalInt("handler_id", 1, INT64_MAX);
  if (auto at = reader.OptionalString("received_at", 40); at && !at->empty()) {
    auto parsed = ParseIsoDateTime(*at);
    if (parsed) {
      input.received_at = *parsed;
    } else {
      reader.AddIssue("received_at", "invalid_format");
    }
  }
  reader.RejectUnknownFields({"org_id", "kind", "category", "channel", "severity", "subject",
                              "details", "complainant_name", "complainant_contact", "client_id",
                              "case_id", "worker_concerned_id", "handler_id", "received_at"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto complaint, s.feedback.ReceiveComplaint(actor, input));
  return JsonResponse(http::kCreated, ComplaintJson(complaint, s.clock.Now()));
}

Result<Response> ActOnComplaint(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.complaint_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  ComplaintActionInput input;
  input.action = ParseComplaintAction(reader.RequiredEnum("action", ComplaintActionNames()))
                     .value_or(ComplaintAction::kAcknowledge);
  input.note = reader.OptionalString("note", kMaxComplaintNoteChars).value_or("");
  input.resolution = reader.OptionalString("resolution", kMaxComplaintNoteChars).value_or("");
  input.cause = reader.OptionalString("cause", kMaxComplaintNoteChars).value_or("");
  if (auto satisfaction = reader.OptionalEnum("satisfaction", HandlingSatisfactionNames())) {
    input.satisfaction = ParseHandlingSatisfaction(*satisfaction);
  }
  reader.RejectUnknownFields({"action", "note", "resolution", "cause", "satisfaction"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto complaint, s.feedback.ActOnComplaint(actor, id, input));
  return JsonResponse(http::kOk, ComplaintJson(complaint, s.clock.Now()));
}

Result<Response> AssignComplaint(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.complaint_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  const std::int64_t handler = reader.RequiredInt("handler_id", 1, INT64_MAX);
  reader.RejectUnknownFields({"handler_id"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto complaint, s.feedback.AssignComplaint(actor, id, handler));
  return JsonResponse(http::kOk, ComplaintJson(complaint, s.clock.Now()));
}

Result<Response> ImproveFromComplaint(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.complaint_not_found"));
  JIELI_ASSIGN_OR_RETURN(std::int64_t cycle, s.feedback.ImproveFromComplaint(actor, id));
  return JsonResponse(http::kCreated, Json{{"improvement_id", cycle}});
}

Result<Response> RevealComplainantContact(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "feedback.complaint_not_found"));
  JIELI_ASSIGN_OR_RETURN(std::string contact, s.feedback.RevealComplainantContact(actor, id));
  return JsonResponse(http::kOk, Json{{"contact", contact}});
}

Json PolicyJson(const EffectivePolicy& p) {
  return {{"org_id", p.org_id},
          {"acknowledge_days", p.policy.acknowledge_days},
          {"resolve_days", p.policy.resolve_days},
          {"leader_after_days", p.policy.leader_after_days},
          {"inherited_from", PersonOrNull(p.inherited_from)}};
}

Result<Response> GetComplaintPolicy(Request& r, Actor& actor, Services& s) {
  Json none = Json::object();
  http::JsonReader issues(none);
  auto org_id = modules::ReadRequiredIdQuery(r, "org_id", issues);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto policy, s.feedback.PolicyOf(actor, *org_id));
  return JsonResponse(http::kOk, PolicyJson(policy));
}

Result<Response> PutComplaintPolicy(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  const std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  ComplaintPolicy policy;
  policy.acknowledge_days =
      static_cast<int>(reader.RequiredInt("acknowledge_days", 1, kMaxPolicyDays));
  policy.resolve_days = static_cast<int>(reader.RequiredInt("resolve_days", 1, kMaxPolicyDays));
  policy.leader_after_days =
      static_cast<int>(reader.RequiredInt("leader_after_days", 1, kMaxPolicyDays));
  reader.RejectUnknownFields({"org_id", "acknowledge_days", "resolve_days", "leader_after_days"});
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto answer, s.feedback.SetPolicy(actor, org_id, policy));
  return JsonResponse(http::kOk, PolicyJson(answer));
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
  router.Add(
      "POST", "/api/v1/followups/{id}/complete", bind(RecordCaseFollowUp),
      {.summary = "Record a case's follow-up (回访) as done — what was learned, how the client is "
                  "now, new needs — and the exchange in the client's contact log",
       .tag = "cases",
       .request_schema =
           R"({"type":"object","required":["note","situation","channel"],"properties":{"note":{"type":"string","maxLength":2000,"description":"What was learned; the contact's summary too"},"situation":{"type":"string","enum":["better","same","worse"]},"channel":{"type":"string","enum":["phone","wechat","sms","email","chat","walk_in","home_visit","letter"]},"at":{"type":"string","format":"date-time","description":"When (default now); not ahead of now, at most 366 days back"},"new_needs":{"type":"string","maxLength":2000,"description":"New needs the client raised; blank: none"}}})",
       .response_schema = http::SchemaRef("FollowUp"),
       .permission = "cases.write"});
  // --- complaints ---
  const std::vector<http::QueryParam> complaint_filters = {
      {"org_id", "integer", "That organisation and those below it"},
      {"state", "string", JoinNames(ComplaintStateNames())},
      {"kind", "string", JoinNames(FeedbackKindNames())},
      {"colour", "string", "The clock now: none, green, yellow (due within a day) or red (passed)"},
      {"mine", "boolean", "Only those the caller handles"},
      {"from", "string", "Received on or after this local day, YYYY-MM-DD"},
      {"to", "string", "Received on or before this local day, YYYY-MM-DD"}};
  router.Add("GET", "/api/v1/complaints", bind(ListComplaints),
             {.summary = "Complaints, suggestions and praise: an organisation's for those who "
                         "manage quality there, else those the caller handles or received",
              .tag = "feedback",
              .response_schema = http::PageOf("Complaint"),
              .permission = "clients.read",
              .query = http::PageQuery("received_at, -received_at, due (default -received_at)",
                                       complaint_filters)});
  router.Add("GET", "/api/v1/complaints/export", bind(ExportComplaints),
             {.summary = "The filtered complaints as an .xlsx workbook (at most 10,000), "
                         "without the complainants' details",
              .tag = "feedback",
              .response_schema = http::kBinarySchema,
              .permission = "clients.read",
              .query = http::PageQuery("received_at, -received_at, due", complaint_filters),
              .response_types = {kXlsxType}});
  router.Add(
      "POST", "/api/v1/complaints", bind(ReceiveComplaint),
      {.summary = "Register a complaint, suggestion or praise; its deadlines in working days are "
                  "set from the organisation's policy and the holidays",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["org_id","kind","category","channel","severity","subject"],"properties":{"org_id":{"type":"integer"},"kind":{"type":"string","enum":["complaint","suggestion","praise"]},"category":{"type":"string","enum":["service_quality","attitude","timeliness","privacy","fees","environment","other"]},"channel":{"type":"string","enum":["phone","wechat","sms","email","chat","walk_in","home_visit","letter","web"]},"severity":{"type":"string","enum":["low","normal","high","critical"]},"subject":{"type":"string","maxLength":200},"details":{"type":"string","maxLength":4000},"complainant_name":{"type":"string","maxLength":50},"complainant_contact":{"type":"string","maxLength":50,"description":"Stored encrypted, answered masked"},"client_id":{"type":"integer"},"case_id":{"type":"integer"},"worker_concerned_id":{"type":"integer"},"handler_id":{"type":"integer","description":"Default: a supervisor of the organisation who is not the worker concerned"},"received_at":{"type":"string","format":"date-time","description":"Default: now"}}})",
       .response_schema = http::SchemaRef("Complaint"),
       .permission = "clients.read",
       .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/complaints/policy", bind(GetComplaintPolicy),
             {.summary = "An organisation's complaint deadlines in working days (its own, the "
                         "nearest above, or the defaults 1 / 7 / 2)",
              .tag = "feedback",
              .response_schema = http::SchemaRef("ComplaintPolicy"),
              .permission = "clients.read",
              .query = {{"org_id", "integer", "The organisation (required)"}}});
  router.Add(
      "PUT", "/api/v1/complaints/policy", bind(PutComplaintPolicy),
      {.summary = "Set an organisation's complaint deadlines (quality managers)",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["org_id","acknowledge_days","resolve_days","leader_after_days"],"properties":{"org_id":{"type":"integer"},"acknowledge_days":{"type":"integer","minimum":1,"maximum":60},"resolve_days":{"type":"integer","minimum":1,"maximum":60},"leader_after_days":{"type":"integer","minimum":1,"maximum":60}}})",
       .response_schema = http::SchemaRef("ComplaintPolicy"),
       .permission = "quality.manage"});
  router.Add("GET", "/api/v1/complaints/{id}", bind(GetComplaint),
             {.summary = "One complaint with its clock, history and what the caller may do",
              .tag = "feedback",
              .response_schema = http::SchemaRef("Complaint"),
              .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/complaints/{id}/actions", bind(ActOnComplaint),
      {.summary = "Acknowledge, resolve (resolution, cause), reopen (note), close (the "
                  "complainant's satisfaction) or withdraw (note) — the handler or a quality "
                  "manager",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["action"],"properties":{"action":{"type":"string","enum":["acknowledge","resolve","reopen","close","withdraw"]},"note":{"type":"string","maxLength":2000},"resolution":{"type":"string","maxLength":2000},"cause":{"type":"string","maxLength":2000},"satisfaction":{"type":"string","enum":["satisfied","neutral","dissatisfied"]}}})",
       .response_schema = http::SchemaRef("Complaint"),
       .permission = "clients.read"});
  router.Add(
      "PUT", "/api/v1/complaints/{id}/handler", bind(AssignComplaint),
      {.summary = "Hand the complaint to another handler (quality managers; never the "
                  "worker it is about)",
       .tag = "feedback",
       .request_schema =
           R"({"type":"object","required":["handler_id"],"properties":{"handler_id":{"type":"integer"}}})",
       .response_schema = http::SchemaRef("Complaint"),
       .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/complaints/{id}/improvement", bind(ImproveFromComplaint),
      {.summary = "Open a PDCA improvement cycle from the complaint (quality managers; once)",
       .tag = "feedback",
       .response_schema =
           R"({"type":"object","required":["improvement_id"],"properties":{"improvement_id":{"type":"integer"}}})",
       .permission = "clients.read",
       .statuses = {http::kCreated}});
  router.Add(
      "POST", "/api/v1/complaints/{id}/reveal", bind(RevealComplainantContact),
      {.summary = "The complainant's contact in clear, to call them back (its handler or "
                  "a quality manager; audited)",
       .tag = "feedback",
       .response_schema =
           R"({"type":"object","required":["contact"],"properties":{"contact":{"type":"string"}}})",
       .permission = "clients.reveal"});
  router.Add("POST", "/api/v1/contacts/{id}/follow-up", bind(CompleteFollowUp),
             {.summary = "Mark a contact's follow-up done, with a note",
              .tag = "feedback",
              .request_schema =
                  R"({"type":"object","properties":{"note":{"type":"string","maxLength":500}}})",
              .response_schema = http::SchemaRef("Contact"),
              .permission = "clients.write"});
}

}  // namespace jieli::feedback
