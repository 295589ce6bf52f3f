// The audit module's answers as JSON Schema (OpenAPI components): an entry of
// the hash-chained log and the chain's verification report. Registered with
// the router by RegisterAuditRoutes.
#pragma once

#include "http/api_schema.hpp"

namespace jieli::audit {

inline void AddAuditSchemas(http::Router& router) {
  router.AddSchema("AuditEntry",
                   R"json({"type":"object","required":["id","at","actor_id","actor_name",
"org_id","action","entity_type","entity_id","changes","request_id","client_address","hash"],
"properties":{"id":{"type":"integer"},"at":{"type":"string","format":"date-time"},
"actor_id":{"type":["integer","null"]},"actor_name":{"type":"string"},"org_id":{"type":["integer","null"]},
"action":{"type":"string"},"entity_type":{"type":"string"},"entity_id":{"type":"string"},
"changes":{"description":"What changed: any JSON (usually {field: {before, after}})"},
"request_id":{"type":"string"},"client_address":{"type":"string"},"hash":{"type":"string"}}})json");
  router.AddSchema("AuditVerifyReport", R"json({"type":"object",
"required":["intact","checked","first_bad_id","problem"],
"properties":{"intact":{"type":"boolean"},"checked":{"type":"integer"},
"first_bad_id":{"type":["integer","null"]},"problem":{"type":"string"}}})json");
}

}  // namespace jieli::audit
