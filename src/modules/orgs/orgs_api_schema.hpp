// The orgs module's answers as JSON Schema (OpenAPI components): regions,
// organisations, users and the enumerations other modules share. Registered
// with the router by RegisterOrgRoutes; the TypeScript types of the web app
// are generated from them (web/src/api/schema.d.ts).
#pragma once

#include "http/api_schema.hpp"
#include "modules/orgs/org.hpp"

namespace jieli::orgs {

inline void AddOrgSchemas(http::Router& router) {
  router.AddSchema("Role", http::EnumSchema(RoleNames()));
  router.AddSchema("OrgKind", http::EnumSchema(OrgKindNames()));
  std::vector<std::string> agency_types = AgencyTypeNames();
  agency_types.emplace_back("");  // organisations that are not agencies
  router.AddSchema("AgencyType", http::EnumSchema(agency_types));
  router.AddSchema("RegionLevel", http::EnumSchema(RegionLevelNames()));
  router.AddSchema("Region",
                   R"json({"type":"object","required":["id","parent_id","level","code","name"],
"properties":{"id":{"type":"integer"},"parent_id":{"type":["integer","null"]},
"level":{"$ref":"#/components/schemas/RegionLevel"},"code":{"type":"string"},"name":{"type":"string"}}})json");
  router.AddSchema("Org",
                   R"json({"type":"object","required":["id","parent_id","kind","agency_type","name",
"region_id","contact_phone","address","active","created_at","updated_at"],
"properties":{"id":{"type":"integer"},"parent_id":{"type":["integer","null"]},
"kind":{"$ref":"#/components/schemas/OrgKind"},"agency_type":{"$ref":"#/components/schemas/AgencyType"},
"name":{"type":"string"},"region_id":{"type":["integer","null"]},"contact_phone":{"type":"string"},
"address":{"type":"string"},"active":{"type":"boolean"},
"created_at":{"type":"string","format":"date-time"},"updated_at":{"type":"string","format":"date-time"}}})json");
  router.AddSchema("Membership", R"json({"type":"object","required":["org_id","role"],
"properties":{"org_id":{"type":"integer"},"role":{"$ref":"#/components/schemas/Role"}}})json");
  router.AddSchema("User",
                   R"json({"type":"object","required":["id","username","display_name","active",
"totp_enabled","locked_until","memberships","created_at"],
"properties":{"id":{"type":"integer"},"username":{"type":"string"},"display_name":{"type":"string"},
"active":{"type":"boolean"},"totp_enabled":{"type":"boolean"},
"locked_until":{"type":["string","null"],"format":"date-time"},
"memberships":{"type":"array","items":{"$ref":"#/components/schemas/Membership"}},
"created_at":{"type":"string","format":"date-time"}}})json");
}

}  // namespace jieli::orgs
