// The auth module's answers as JSON Schema (OpenAPI components): the signed-in
// user, the sign-in answer, TOTP set-up, API tokens and the security policy.
// Registered with the router by RegisterAuthRoutes.
#pragma once

#include <string>
#include <vector>

#include "http/api_schema.hpp"
#include "modules/auth/permission.hpp"

namespace jieli::auth {

inline void AddAuthSchemas(http::Router& router) {
  std::vector<std::string> permissions;
  for (Permission p : AllPermissions()) permissions.emplace_back(ToString(p));
  router.AddSchema("Permission", http::EnumSchema(permissions));
  router.AddSchema("MeMembership", R"json({"type":"object","required":["org_id","role"],
"properties":{"org_id":{"type":"integer"},"role":{"$ref":"#/components/schemas/Role"},
"org_name":{"type":"string"},"org_kind":{"$ref":"#/components/schemas/OrgKind"}}})json");
  router.AddSchema("Me", R"json({"type":"object",
"required":["id","username","display_name","memberships","permissions","via_token"],
"properties":{"id":{"type":"integer"},"username":{"type":"string"},"display_name":{"type":"string"},
"memberships":{"type":"array","items":{"$ref":"#/components/schemas/MeMembership"}},
"permissions":{"type":"array","items":{"$ref":"#/components/schemas/Permission"},
"description":"Permissions held in at least one organisation"},
"via_token":{"type":"boolean"},"totp_enabled":{"type":"boolean"},
"csrf_token":{"type":"string","description":"Absent when signed in with a bearer token"}}})json");
  router.AddSchema("LoginReply", R"json({"allOf":[{"$ref":"#/components/schemas/Me"},
{"type":"object","required":["csrf_token","needs_totp_setup"],
"properties":{"csrf_token":{"type":"string"},"needs_totp_setup":{"type":"boolean",
"description":"The user's role requires a second factor that is not set up yet"}}}]})json");
  router.AddSchema("TotpSetup", R"json({"type":"object","required":["secret","uri"],
"properties":{"secret":{"type":"string"},"uri":{"type":"string","description":"otpauth://totp/…"}}})json");
  router.AddSchema(
      "Token",
      R"json({"type":"object","required":["id","name","created_at","last_used_at","revoked_at"],
"properties":{"id":{"type":"integer"},"name":{"type":"string"},
"created_at":{"type":"string","format":"date-time"},
"last_used_at":{"type":["string","null"],"format":"date-time"},
"revoked_at":{"type":["string","null"],"format":"date-time"}}})json");
  router.AddSchema("SecuritySettings", R"json({"type":"object","required":["totp_required_roles"],
"properties":{"totp_required_roles":{"type":"array","items":{"$ref":"#/components/schemas/Role"}}}})json");
}

}  // namespace jieli::auth
