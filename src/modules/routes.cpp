#include "http/api_schema.hpp"
#include "modules/audit/audit_handlers.hpp"
#include "modules/auth/auth_handlers.hpp"
#include "modules/cases/case_handlers.hpp"
#include "modules/clients/client_handlers.hpp"
#include "modules/feedback/feedback_handlers.hpp"
#include "modules/jobs/job_handlers.hpp"
#include "modules/notifications/notification_handlers.hpp"
#include "modules/orgs/org_handlers.hpp"
#include "modules/quality/quality_handlers.hpp"
#include "modules/services.hpp"
#include "modules/system/system_handlers.hpp"

namespace jieli::modules {
namespace {

// The permission the route documents, held in no organisation: refused here,
// before the handler reads the request, so that such a caller learns what
// they lack (not that their filter is malformed) and a list is not answered
// with an empty page. The services still check every object's organisation.
Status RequireRoutePermission(const http::Request& request, const auth::Actor& actor) {
  if (request.route == nullptr) return Ok();
  const http::RouteDoc& doc = request.route->doc;
  if (doc.permission.empty() || !doc.permission_anywhere) return Ok();
  auto permission = auth::ParsePermission(doc.permission);
  if (!permission) {
    return InternalError(request.route->method + " " + request.route->pattern +
                         " documents an unknown permission " + doc.permission);
  }
  return actor.RequireAnywhere(*permission);
}

Result<http::Response> Handle(ModuleHandler handler, http::Request& request, auth::Actor& actor,
                              Services& services) {
  JIELI_RETURN_IF_ERROR(RequireRoutePermission(request, actor));
  return handler(request, actor, services);
}

}  // namespace

http::Handler Bind(Services& services, ModuleHandler handler, auth::GuardOptions options) {
  return services.guard.Guard(
      [&services, handler](http::Request& request, auth::Actor& actor) {
        Result<http::Response> response = Handle(handler, request, actor, services);
        if (!response) return auth::ErrorReply(response.error(), request);
        return std::move(response).value();
      },
      options);
}

void RegisterRoutes(http::Router& router, Services& services) {
  http::AddSharedSchemas(router);  // Page and Ok, which every module's answers use
  auth::RegisterAuthRoutes(router, services);
  orgs::RegisterOrgRoutes(router, services);
  audit::RegisterAuditRoutes(router, services);
  clients::RegisterClientRoutes(router, services);
  cases::RegisterCaseRoutes(router, services);
  quality::RegisterQualityRoutes(router, services);
  feedback::RegisterFeedbackRoutes(router, services);
  feedback::RegisterSurveyRoutes(router, services);
  feedback::RegisterIntakeRoutes(router, services);
  notifications::RegisterNotificationRoutes(router, services);
  jobs::RegisterJobRoutes(router, services);
  system::RegisterSystemRoutes(router, services);
}

}  // namespace jieli::modules
