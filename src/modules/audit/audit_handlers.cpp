#include "modules/audit/audit_handlers.hpp"

#include "core/local_time.hpp"
#include "http/json.hpp"
#include "modules/audit/audit_api_schema.hpp"
#include "modules/handler_support.hpp"
#include "modules/services.hpp"

namespace jieli::audit {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

Json EntryJson(const AuditEntry& e) {
  Json changes = Json::parse(e.changes, nullptr, false);
  if (changes.is_discarded()) changes = e.changes;
  return {{"id", e.id},
          {"at", FormatIsoLocal(e.at)},
          {"actor_id", e.actor_id ? Json(*e.actor_id) : Json()},
          {"actor_name", e.actor_name},
          {"org_id", e.org_id ? Json(*e.org_id) : Json()},
          {"action", e.action},
          {"entity_type", e.entity_type},
          {"entity_id", e.entity_id},
          {"changes", changes},
          {"request_id", e.request_id},
          {"client_address", e.client_address},
          {"hash", e.hash}};
}

// The filter of the query string. Error "validation.failed".
Result<AuditFilter> ReadFilter(const Request& r) {
  Json none = Json::object();
  http::JsonReader issues(none);
  AuditFilter filter;
  if (auto actor_id = r.Query("actor_id"); actor_id && !actor_id->empty()) {
    filter.actor_id = modules::ParseId(*actor_id);
    if (!filter.actor_id) issues.AddIssue("actor_id", "invalid_format");
  }
  filter.action = r.Query("action").value_or("");
  filter.entity_type = r.Query("entity_type").value_or("");
  filter.entity_id = r.Query("entity_id").value_or("");
  for (const char* name : {"action", "entity_type", "entity_id"}) {
    if (r.Query(name).value_or("").size() > 100)
      issues.AddIssue(name, "too_long", {{"max", "100"}});
  }
  auto read_time = [&](const char* name, std::optional<EpochMs>& out) {
    auto text = r.Query(name);
    if (!text || text->empty()) return;
    if (auto date = ParseDate(*text)) {
      out = StartOfLocalDay(*date);
    } else if (auto time = ParseIsoDateTime(*text)) {
      out = *time;
    } else {
      issues.AddIssue(name, "invalid_format");
    }
  };
  read_time("from", filter.from);
  read_time("to", filter.to);
  // A bare date for "to" means "through that day".
  if (filter.to && r.Query("to")->size() == 10) *filter.to += 24 * 3600 * 1000;
  JIELI_RETURN_IF_ERROR(issues.Finish());
  return filter;
}

Result<Response> List(Request& r, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  JIELI_ASSIGN_OR_RETURN(AuditFilter filter, ReadFilter(r));
  JIELI_ASSIGN_OR_RETURN(Page<AuditEntry> listed,
                         s.audit.List(actor, s.db, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& entry : listed.items) items.push_back(EntryJson(entry));
  return JsonResponse(http::kOk, modules::PageJson(items, listed.total, page));
}

Result<Response> Verify(Request&, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(VerifyReport report, s.audit.Verify(actor, s.db));
  return JsonResponse(http::kOk,
                      {{"intact", report.intact},
                       {"checked", report.checked},
                       {"first_bad_id", report.first_bad_id ? Json(*report.first_bad_id) : Json()},
                       {"problem", report.problem}});
}

}  // namespace

void RegisterAuditRoutes(http::Router& router, modules::Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddAuditSchemas(router);
  router.Add(
      "GET", "/api/v1/audit", bind(List),
      {.summary = "Page and filter the audit log (actor_id, action or prefix 'x.', "
                  "entity_type, entity_id, from, to)",
       .tag = "audit",
       .response_schema = http::PageOf("AuditEntry"),
       .permission = "audit.read",
       .query = http::PageQuery(
           "", {{"actor_id", "integer", "The user who acted"},
                {"action", "string", "An action (cases.move), or a prefix ending in '.' (cases.)"},
                {"entity_type", "string", "case, client, user, …"},
                {"entity_id", "string", ""},
                {"from", "string", "Local date YYYY-MM-DD or ISO date-time, inclusive"},
                {"to", "string", "Local date YYYY-MM-DD (through that day) or ISO date-time"}})});
  router.Add("GET", "/api/v1/audit/verify", bind(Verify),
             {.summary = "Walk the audit hash chain and report the first altered or removed entry",
              .tag = "audit",
              .response_schema = http::SchemaRef("AuditVerifyReport"),
              .permission = "audit.read"});
}

}  // namespace jieli::audit
