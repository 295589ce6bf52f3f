#include "http/api_schema.hpp"
#include "modules/audit/audit_handlers.hpp"
#include "modules/auth/auth_handlers.hpp"
#include "modules/cases/case_handlers.hpp"
#include "modules/clients/client_handlers.hpp"
#include "modules/jobs/job_handlers.hpp"
#include "modules/notifications/notification_handlers.hpp"
#include "modules/orgs/org_handlers.hpp"
#include "modules/services.hpp"
#include "modules/system/system_handlers.hpp"

namespace jieli::modules {

http::Handler Bind(Services& services, ModuleHandler handler, auth::GuardOptions options) {
  return services.guard.Guard(
      [&services, handler](http::Request& request, auth::Actor& actor) {
        Result<http::Response> response = handler(request, actor, services);
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
  notifications::RegisterNotificationRoutes(router, services);
  jobs::RegisterJobRoutes(router, services);
  system::RegisterSystemRoutes(router, services);
}

}  // namespace jieli::modules
