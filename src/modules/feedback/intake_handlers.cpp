// HTTP routes of the intake-request queue (/api/v1/intake-requests) and of the
// public pages' bookings, complaints and agency list (/api/v1/public/…):
// parse, call IntakeService or FeedbackService, serialise.
#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "http/json.hpp"
#include "http/status.hpp"
#include "modules/feedback/feedback_handlers.hpp"
#include "modules/feedback/intake_api_schema.hpp"
#include "modules/feedback/public_route.hpp"
#include "modules/feedback/reference.hpp"
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

Json PersonOrNull(const std::optional<IntakePerson>& p) {
  return p ? Json{{"id", p->id}, {"name", p->name}} : Json();
}

Json IntakeJson(const IntakeRequest& r) {
  Json known = Json::array();
  for (const auto& c : r.known_clients) {
    known.push_back({{"id", c.id}, {"name", c.name}, {"org_name", c.org_name}});
  }
  Json actions = Json::array();
  for (auto action : r.actions) actions.push_back(ToString(action));
  return {{"id", r.id},
          {"reference", r.reference},
          {"org", PersonOrNull(r.org)},
          {"channel", r.channel},
          {"name", r.name},
          {"phone", r.phone},
          {"need_category", r.need_category},
          {"need", r.need},
          {"preferred_date", r.preferred_date ? Json(*r.preferred_date) : Json()},
          {"preferred_slot", ToString(r.preferred_slot)},
          {"state", ToString(r.state)},
          {"received_at", FormatIsoLocal(r.received_at)},
          {"known_clients", known},
          {"other_requests", r.other_requests},
          {"handled_by", PersonOrNull(r.handled_by)},
          {"handled_at", r.handled_at ? Json(FormatIsoLocal(*r.handled_at)) : Json()},
          {"case_id", r.case_id ? Json(*r.case_id) : Json()},
          {"client_id", r.client_id ? Json(*r.client_id) : Json()},
          {"decline_reason", r.decline_reason ? Json(ToString(*r.decline_reason)) : Json()},
          {"decline_note", r.decline_note},
          {"version", r.version},
          {"actions", actions}};
}

// A public form's receipt: the reference to quote. A robot that filled the
// honeypot gets one too, made up, so that it learns nothing.
Response Receipt(const std::string& reference) {
  Response reply = JsonResponse(http::kCreated, {{"ok", true}, {"reference", reference}});
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

// --- public ----------------------------------------------------------------------------

Result<Response> PublicAgencies(Request&, Services& s) {
  JIELI_ASSIGN_OR_RETURN(auto agencies, s.intake.PublicAgencies());
  Json items = Json::array();
  for (const auto& a : agencies) {
    items.push_back(
        {{"id", a.id}, {"name", a.name}, {"district", a.district ? Json(*a.district) : Json()}});
  }
  Response reply = JsonResponse(http::kOk, {{"items", items}});
  reply.headers.emplace_back("Cache-Control", "public, max-age=300");
  return reply;
}

Result<Response> Book(Request& r, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"name", "phone", "org_id", "need_category", "need", "preferred_date",
                              "preferred_slot", "agree", "website"});
  const std::string website = reader.OptionalString("website", 200).value_or("");
  BookingInput input;
  input.name = Trim(reader.RequiredString("name", kMaxBookingNameChars));
  input.phone = Trim(reader.RequiredString("phone", 40));
  input.org_id = reader.OptionalInt("org_id", 1, INT64_MAX);
  input.need_category = reader.RequiredString("need_category", 40);
  input.need = Trim(reader.RequiredString("need", kMaxBookingNeedChars));
  if (auto day = reader.OptionalString("preferred_date", 20); day && !day->empty()) {
    input.preferred_date = *day;
  }
  if (auto slot = reader.OptionalEnum("preferred_slot", DaySlotNames())) {
    input.preferred_slot = ParseDaySlot(*slot).value_or(DaySlot::kAny);
  }
  input.agree = reader.OptionalBool("agree").value_or(false);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  if (!website.empty()) return Receipt(NewReference());
  JIELI_ASSIGN_OR_RETURN(std::string reference, s.intake.Book(input));
  return Receipt(reference);
}

Result<Response> FileComplaint(Request& r, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(
      {"org_id", "kind", "category", "subject", "details", "name", "contact", "website"});
  const std::string website = reader.OptionalString("website", 200).value_or("");
  ComplaintInput input;
  input.org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  input.kind = ParseFeedbackKind(reader.RequiredEnum("kind", FeedbackKindNames()))
                   .value_or(FeedbackKind::kComplaint);
  input.category = ParseComplaintCategory(
                       reader.OptionalEnum("category", ComplaintCategoryNames()).value_or("other"))
                       .value_or(ComplaintCategory::kOther);
  input.subject = Trim(reader.RequiredString("subject", kMaxComplaintSubjectChars));
  input.details = Trim(reader.OptionalString("details", kMaxComplaintDetailsChars).value_or(""));
  input.complainant_name = Trim(reader.OptionalString("name", 50).value_or(""));
  input.complainant_contact = Trim(reader.OptionalString("contact", 50).value_or(""));
  JIELI_RETURN_IF_ERROR(reader.Finish());
  if (!website.empty()) return Receipt(NewReference());
  JIELI_ASSIGN_OR_RETURN(std::string reference, s.feedback.ReceivePublicComplaint(input));
  return Receipt(reference);
}

// --- staff -----------------------------------------------------------------------------

Result<Response> ListRequests(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  IntakeFilter filter;
  filter.org_id = modules::ReadIdQuery(r, "org_id", issues);
  filter.city = modules::ReadBoolQuery(r, "city", issues).value_or(false);
  filter.from = modules::ReadDateQuery(r, "from", issues);
  filter.to = modules::ReadDateQuery(r, "to", issues);
  if (auto state = r.Query("state"); state && !state->empty()) {
    filter.state = ParseIntakeState(*state);
    if (!filter.state) {
      issues.AddIssue("state", "invalid_choice", {{"allowed", JoinNames(IntakeStateNames())}});
    }
  }
  if (auto sort = r.Query("sort"); sort && !sort->empty()) filter.sort = *sort;
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto result, s.intake.List(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& request : result.items) items.push_back(IntakeJson(request));
  return JsonResponse(http::kOk, modules::PageJson(items, result.total, page));
}

Result<Response> GetRequest(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "intake.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto request, s.intake.Get(actor, id));
  return JsonResponse(http::kOk, IntakeJson(request));
}

Result<Response> AcceptRequest(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "intake.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"version", "client_id", "org_id", "primary_worker_id"});
  AcceptInput input;
  input.version = reader.RequiredInt("version", 1, INT64_MAX);
  input.client_id = reader.OptionalInt("client_id", 1, INT64_MAX);
  input.org_id = reader.OptionalInt("org_id", 1, INT64_MAX);
  input.primary_worker_id = reader.OptionalInt("primary_worker_id", 1, INT64_MAX);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto accepted, s.intake.Accept(actor, id, input));
  return JsonResponse(http::kOk, {{"request", IntakeJson(accepted.request)},
                                  {"case_id", accepted.case_id},
                                  {"client_id", accepted.client_id}});
}

Result<Response> DeclineRequest(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "intake.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"version", "reason", "note"});
  const std::int64_t version = reader.RequiredInt("version", 1, INT64_MAX);
  const auto reason = ParseDeclineReason(reader.RequiredEnum("reason", DeclineReasonNames()));
  const std::string note = Trim(reader.OptionalString("note", kMaxDeclineNoteChars).value_or(""));
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(
      auto request,
      s.intake.Decline(actor, id, version, reason.value_or(DeclineReason::kOther), note));
  return JsonResponse(http::kOk, IntakeJson(request));
}

Result<Response> AssignRequest(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "intake.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"version", "org_id"});
  const std::int64_t version = reader.RequiredInt("version", 1, INT64_MAX);
  const std::int64_t org_id = reader.RequiredInt("org_id", 1, INT64_MAX);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(auto request, s.intake.Assign(actor, id, version, org_id));
  return JsonResponse(http::kOk, IntakeJson(request));
}

Result<Response> RevealRequestPhone(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "intake.not_found"));
  JIELI_ASSIGN_OR_RETURN(std::string phone, s.intake.RevealPhone(actor, id));
  Response reply = JsonResponse(http::kOk, {{"phone", phone}});
  reply.headers.emplace_back("Cache-Control", "no-store");
  return reply;
}

}  // namespace

void RegisterIntakeRoutes(http::Router& router, Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddIntakeSchemas(router);

  router.Add("GET", "/api/v1/public/agencies", Public(s, PublicAgencies),
             {.summary = "The agencies a citizen may choose on the public pages (no sign-in)",
              .tag = "public",
              .requires_auth = false,
              .response_schema = http::ItemsOf("PublicAgency")});
  router.Add(
      "POST", "/api/v1/public/bookings", Public(s, Book),
      {.summary = "Book a consultation (咨询预约): an intake request in the agency's queue, or "
                  "the city's (no sign-in; rate-limited per address; never says whether the "
                  "phone is known)",
       .tag = "public",
       .requires_auth = false,
       .request_schema =
           R"json({"type":"object","required":["name","phone","need_category","need"],"properties":{"name":{"type":"string","maxLength":50},"phone":{"type":"string","maxLength":40},"org_id":{"type":["integer","null"],"description":"null: the city chooses"},"need_category":{"type":"string","description":"A client category (elderly, child, …, other)"},"need":{"type":"string","maxLength":1000},"preferred_date":{"type":["string","null"],"format":"date","description":"Today to 60 days ahead"},"preferred_slot":{"type":"string","enum":["morning","afternoon","evening","any"]},"agree":{"type":"boolean","description":"Must be true: may be called back"},"website":{"type":"string","description":"Leave empty: a honeypot"}}})json",
       .response_schema = http::SchemaRef("PublicReceipt"),
       .body_limit = kPublicBodyLimit,
       .statuses = {http::kCreated}});
  router.Add(
      "POST", "/api/v1/public/complaints", Public(s, FileComplaint),
      {.summary = "File a complaint, suggestion or praise about an agency (no sign-in; "
                  "rate-limited per address)",
       .tag = "public",
       .requires_auth = false,
       .request_schema =
           R"json({"type":"object","required":["org_id","kind","subject"],"properties":{"org_id":{"type":"integer"},"kind":{"type":"string","enum":["complaint","suggestion","praise"]},"category":{"type":"string","enum":["service_quality","attitude","timeliness","privacy","fees","environment","other"]},"subject":{"type":"string","maxLength":200},"details":{"type":"string","maxLength":4000},"name":{"type":"string","maxLength":50},"contact":{"type":"string","maxLength":50,"description":"Optional; stored encrypted"},"website":{"type":"string","description":"Leave empty: a honeypot"}}})json",
       .response_schema = http::SchemaRef("PublicReceipt"),
       .body_limit = kPublicBodyLimit,
       .statuses = {http::kCreated}});

  router.Add(
      "GET", "/api/v1/intake-requests", bind(ListRequests),
      {.summary = "Intake requests (接案申请) of the agencies where the caller registers "
                  "clients, and the city's queue for the city's operators",
       .tag = "feedback",
       .response_schema = http::PageOf("IntakeRequest"),
       .permission = "clients.read",
       .query = http::PageQuery("received_at, -received_at, preferred_date (default -received_at)",
                                {{"state", "string", "new, accepted or declined"},
                                 {"org_id", "integer", "This organisation and those below"},
                                 {"city", "boolean", "Only the city's queue (no agency chosen)"},
                                 {"from", "string", "Received on or after, YYYY-MM-DD"},
                                 {"to", "string", "Received on or before, YYYY-MM-DD"}})});
  router.Add("GET", "/api/v1/intake-requests/{id}", bind(GetRequest),
             {.summary = "One intake request, with the clients the caller may read who have the "
                         "same phone",
              .tag = "feedback",
              .response_schema = http::SchemaRef("IntakeRequest"),
              .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/intake-requests/{id}/accept", bind(AcceptRequest),
      {.summary = "Take the request on: open a case for an existing client, or register the "
                  "client and open it; the intake form starts from the request",
       .tag = "feedback",
       .request_schema =
           R"json({"type":"object","required":["version"],"properties":{"version":{"type":"integer"},"client_id":{"type":"integer","description":"An existing client; else one is registered"},"org_id":{"type":"integer","description":"Where to register the client: the agency or below (default the agency)"},"primary_worker_id":{"type":"integer","description":"Default: the caller"}}})json",
       .response_schema = http::SchemaRef("IntakeAccepted"),
       .permission = "clients.write"});
  router.Add(
      "POST", "/api/v1/intake-requests/{id}/decline", bind(DeclineRequest),
      {.summary = "Decline the request with a reason",
       .tag = "feedback",
       .request_schema =
           R"json({"type":"object","required":["version","reason"],"properties":{"version":{"type":"integer"},"reason":{"type":"string","enum":["not_our_service","out_of_area","unreachable","withdrawn","duplicate","spam","other"]},"note":{"type":"string","maxLength":500,"description":"Required for other"}}})json",
       .response_schema = http::SchemaRef("IntakeRequest"),
       .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/intake-requests/{id}/assign", bind(AssignRequest),
      {.summary = "Hand a request of the city's queue to an agency (the city's operators)",
       .tag = "feedback",
       .request_schema =
           R"json({"type":"object","required":["version","org_id"],"properties":{"version":{"type":"integer"},"org_id":{"type":"integer"}}})json",
       .response_schema = http::SchemaRef("IntakeRequest"),
       .permission = "clients.read"});
  router.Add(
      "POST", "/api/v1/intake-requests/{id}/reveal", bind(RevealRequestPhone),
      {.summary = "The request's phone in clear, to call back (audited)",
       .tag = "feedback",
       .response_schema =
           R"json({"type":"object","required":["phone"],"properties":{"phone":{"type":"string"}}})json",
       .permission = "clients.read"});
}

}  // namespace jieli::feedback
