#include "modules/system/system_handlers.hpp"

#include <memory>
#include <mutex>
#include <utility>

#include "http/json.hpp"
#include "http/openapi.hpp"
#include "modules/services.hpp"

namespace jieli::system {

using http::Request;
using http::Response;

void RegisterSystemRoutes(http::Router& router, modules::Services& s) {
  router.Add("GET", "/healthz",
             [](Request&) {
               // Preformatted: this is the load balancer's hot path.
               Response response;
               response.body = R"({"status":"ok"})";
               return response;
             },
             {"Liveness: the process answers", "system", false, "",
              R"({"type":"object","required":["status"],"properties":{"status":{"const":"ok"}}})"});
  router.Add(
      "GET", "/readyz",
      [&s](Request& r) {
        if (auto st = s.db.Ping(); !st) {
          return http::ErrorResponse(
              Error(ErrorKind::kUnavailable, "store.unavailable", st.error().log_detail()), r.lang,
              r.request_id);
        }
        return http::JsonResponse(http::kOk, {{"status", "ready"}});
      },
      {"Readiness: the store answers", "system", false, "",
       R"({"type":"object","required":["status"],"properties":{"status":{"const":"ready"}}})"});
  // Built on first request, when every route is registered; one per router.
  auto document = std::make_shared<std::pair<std::once_flag, std::string>>();
  router.Add("GET", "/api/openapi.json",
             [&router, document](Request&) {
               std::call_once(document->first, [&] {
                 document->second = http::BuildOpenApi(router, JIELI_VERSION).dump();
               });
               Response response;
               response.body = document->second;
               return response;
             },
             {"This OpenAPI document", "system", false, "",
              R"({"type":"object","required":["openapi","info","paths"],"additionalProperties":true,
"properties":{"openapi":{"type":"string"},"info":{"type":"object","additionalProperties":true},
"paths":{"type":"object","additionalProperties":true}},"description":"An OpenAPI 3.1 document"})"});
}

}  // namespace jieli::system
