#include "modules/notifications/notification_handlers.hpp"

#include "core/local_time.hpp"
#include "http/json.hpp"
#include "modules/handler_support.hpp"
#include "modules/notifications/notifications_api_schema.hpp"
#include "modules/services.hpp"

namespace jieli::notifications {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

// Error "store.corrupt" when the stored params are not a JSON object.
Result<Json> NotificationJson(const Notification& n) {
  JIELI_ASSIGN_OR_RETURN(Json params, ParseStoredJson(n.params, "notifications.params"));
  if (!params.is_object()) return CorruptStoreError("notifications.params");
  return Json{{"id", n.id},
              {"kind", n.kind},
              {"org_id", n.org_id ? Json(*n.org_id) : Json()},
              {"subject_type", n.subject_type},
              {"subject_id", n.subject_id ? Json(*n.subject_id) : Json()},
              {"params", std::move(params)},
              {"created_at", FormatIsoLocal(n.created_at)},
              {"read_at", n.read_at ? Json(FormatIsoLocal(*n.read_at)) : Json()}};
}

Result<Response> List(Request& r, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  const bool unread_only = modules::ReadBoolQuery(r, "unread", issues).value_or(false);
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(auto listed,
                         s.notifications.List(actor, unread_only, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& n : listed.items) {
    JIELI_ASSIGN_OR_RETURN(Json item, NotificationJson(n));
    items.push_back(std::move(item));
  }
  Json body = modules::PageJson(std::move(items), listed.total, page);
  body["unread"] = listed.unread;
  return JsonResponse(http::kOk, body);
}

Result<Response> MarkRead(Request& r, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, modules::PathId(r, "id", "notifications.not_found"));
  JIELI_ASSIGN_OR_RETURN(Notification marked, s.notifications.MarkRead(actor, id));
  JIELI_ASSIGN_OR_RETURN(Json body, NotificationJson(marked));
  return JsonResponse(http::kOk, body);
}

Result<Response> MarkAllRead(Request&, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t marked, s.notifications.MarkAllRead(actor));
  return JsonResponse(http::kOk, {{"marked", marked}});
}

// The caller's live events: "notification" when one arrives, "resync" when
// some may have been missed, "signed_out" (and the end) when the session or
// token that opened it is no longer good. EventSource reconnects by itself
// (retry: 5 s); a reconnection without a session is refused with 401.
Result<Response> Stream(Request&, Actor& actor, modules::Services& s) {
  if (actor.is_system()) return NotFoundError("http.not_found");
  JIELI_RETURN_IF_ERROR(s.streams.CheckRoomFor(actor.user_id()));
  Response response;
  response.content_type = "text/event-stream; charset=utf-8";
  response.body = "retry: 5000\n\n" + http::SseMessage("ready");
  http::EventStreams& streams = s.streams;
  const std::int64_t user = actor.user_id();
  response.open_stream = [&streams, user, credential = auth::Credential(actor)](
                             std::shared_ptr<http::StreamWriter> writer) {
    streams.Add(user, credential, std::move(writer));
  };
  return response;
}

}  // namespace

void RegisterNotificationRoutes(http::Router& router, modules::Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddNotificationSchemas(router);
  router.Add(
      "GET", "/api/v1/notifications", bind(List),
      {"The caller's notifications, newest first (unread=true: only the unread; page); "
       "unread counts them all",
       "notifications", true, "", http::PageOf("Notification", R"("unread":{"type":"integer"})"),
       "", http::PageQuery("", {{"unread", "boolean", "Only the unread ones"}})});
  router.Add("POST", "/api/v1/notifications/{id}/read", bind(MarkRead),
             {"Mark one of the caller's notifications as read", "notifications", true, "",
              http::SchemaRef("Notification")});
  router.Add("POST", "/api/v1/notifications/read-all", bind(MarkAllRead),
             {"Mark all the caller's notifications as read", "notifications", true, "",
              http::SchemaRef("MarkedCount")});
  router.Add("GET", "/api/v1/events", bind(Stream),
             {.summary = "The caller's live events as Server-Sent Events (text/event-stream): "
                         "'notification', 'resync'; a comment every 20 s keeps it open",
              .tag = "notifications",
              .response_schema = R"({"type":"string"})",
              .response_types = {"text/event-stream"}});
}

}  // namespace jieli::notifications
