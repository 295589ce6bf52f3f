#include "modules/auth/auth_handlers.hpp"

#include "core/local_time.hpp"
#include "http/json.hpp"
#include "modules/auth/auth_api_schema.hpp"
#include "modules/handler_support.hpp"
#include "modules/services.hpp"

namespace jieli::auth {
namespace {

using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

std::string SessionCookie(const std::string& value, bool secure, bool clear) {
  std::string cookie =
      std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict";
  if (clear) cookie += "; Max-Age=0";
  if (secure) cookie += "; Secure";
  return cookie;
}

Json MeJson(const Actor& actor, modules::Services& services, bool include_csrf) {
  Json memberships = Json::array();
  for (const auto& m : actor.memberships()) {
    Json entry = {{"org_id", m.org_id}, {"role", orgs::ToString(m.role)}};
    if (auto org = services.orgs.GetOrg(actor, m.org_id)) {
      entry["org_name"] = org->name;
      entry["org_kind"] = orgs::ToString(org->kind);
    }
    memberships.push_back(entry);
  }
  Json permissions = Json::array();
  for (auto p : actor.PermissionsAnywhere()) permissions.push_back(ToString(p));
  Json me = {{"id", actor.user_id()},
             {"username", actor.username()},
             {"display_name", actor.display_name()},
             {"memberships", memberships},
             {"permissions", permissions},
             {"via_token", actor.via_token}};
  if (auto user = services.orgs.GetUser(actor, actor.user_id())) {
    me["totp_enabled"] = user->totp_enabled;
  }
  if (include_csrf) me["csrf_token"] = actor.csrf_token;
  return me;
}

Response Login(Request& request, modules::Services& services) {
  auto body = http::ParseJsonBody(request);
  if (!body) return ErrorReply(body.error(), request);
  http::JsonReader reader(*body);
  reader.RejectUnknownFields({"username", "password", "totp_code"});
  LoginInput input;
  input.username = reader.RequiredString("username", 64);
  // Passwords are not trimmed or length-checked here: the hash decides.
  input.password = reader.RequiredString("password", 128);
  input.totp_code = reader.OptionalString("totp_code", 10).value_or("");
  if (auto status = reader.Finish(); !status) return ErrorReply(status.error(), request);
  input.client_address = request.client_address;
  input.request_id = request.request_id;
  auto result = services.auth.Login(input);
  if (!result) return ErrorReply(result.error(), request);
  bool needs_setup = false;
  auto actor = services.auth.AuthenticateSession(result->session_token, &needs_setup);
  if (!actor) return ErrorReply(actor.error(), request);
  Json reply = MeJson(*actor, services, false);
  reply["csrf_token"] = result->csrf_token;
  reply["needs_totp_setup"] = result->needs_totp_setup;
  Response response = JsonResponse(200, reply);
  response.headers.emplace_back(
      "Set-Cookie", SessionCookie(result->session_token, services.secure_cookies, false));
  return response;
}

// The refusal of a check made inside a session. When it locked the caller's
// address out ("auth.locked"), their session or token has ended: the event
// streams are told, and the browser drops the cookie.
Response CheckRefused(const Error& error, const Request& request, const Actor& actor,
                      modules::Services& services) {
  Response response = ErrorReply(error, request);
  if (error.code() == "auth.locked") {
    services.events.CredentialsEnded({actor.user_id()});
    if (!actor.via_token) {
      response.headers.emplace_back("Set-Cookie", SessionCookie("", services.secure_cookies, true));
    }
  }
  return response;
}

Json TokenJson(const TokenInfo& token) {
  Json json = {{"id", token.id},
               {"name", token.name},
               {"created_at", FormatIsoLocal(token.created_at)},
               {"last_used_at", nullptr},
               {"revoked_at", nullptr}};
  if (token.last_used_at) json["last_used_at"] = FormatIsoLocal(*token.last_used_at);
  if (token.revoked_at) json["revoked_at"] = FormatIsoLocal(*token.revoked_at);
  return json;
}

constexpr const char* kLoginSchema = R"({"type":"object","required":["username","password"],
"properties":{"username":{"type":"string"},"password":{"type":"string"},"totp_code":{"type":"string"}}})";
constexpr const char* kPasswordSchema =
    R"({"type":"object","required":["current_password","new_password"],
"properties":{"current_password":{"type":"string"},"new_password":{"type":"string"}}})";
constexpr const char* kCodeSchema =
    R"({"type":"object","required":["code"],"properties":{"code":{"type":"string"}}})";
constexpr const char* kPolicySchema = R"({"type":"object","required":["totp_required_roles"],
"properties":{"totp_required_roles":{"type":"array","items":{"type":"string"}}}})";

}  // namespace

void RegisterAuthRoutes(http::Router& router, modules::Services& s) {
  const Authenticator& guard = s.guard;
  GuardOptions during_setup{.allow_during_totp_setup = true};
  AddAuthSchemas(router);
  const std::string ok = http::SchemaRef("Ok");

  router.Add("POST", "/api/v1/auth/login", [&s](Request& r) { return Login(r, s); },
             {.summary = "Sign in with user name and password (and TOTP code when enabled)",
              .tag = "auth",
              .requires_auth = false,
              .request_schema = kLoginSchema,
              .response_schema = http::SchemaRef("LoginReply")});

  router.Add("POST", "/api/v1/auth/logout",
             guard.Guard(
                 [&s](Request& r, Actor& actor) {
                   if (auto st = s.auth.Logout(actor); !st) return ErrorReply(st.error(), r);
                   s.events.CredentialsEnded({actor.user_id()});
                   Response response = JsonResponse(200, {{"ok", true}});
                   response.headers.emplace_back("Set-Cookie",
                                                 SessionCookie("", s.secure_cookies, true));
                   return response;
                 },
                 during_setup),
             {"Sign out (ends the session)", "auth", true, "", ok});

  router.Add("GET", "/api/v1/me",
             guard.Guard(
                 [&s](Request&, Actor& actor) {
                   return JsonResponse(200, MeJson(actor, s, !actor.via_token));
                 },
                 during_setup),
             {"The signed-in user, roles, permissions and CSRF token", "auth", true, "",
              http::SchemaRef("Me")});

  router.Add("POST", "/api/v1/me/password", guard.Guard([&s](Request& r, Actor& actor) {
    auto body = http::ParseJsonBody(r);
    if (!body) return ErrorReply(body.error(), r);
    http::JsonReader reader(*body);
    reader.RejectUnknownFields({"current_password", "new_password"});
    std::string current = reader.RequiredString("current_password", 128);
    std::string replacement = reader.RequiredString("new_password", 1000);
    if (auto st = reader.Finish(); !st) return ErrorReply(st.error(), r);
    if (auto st = s.auth.ChangePassword(actor, current, replacement); !st) {
      return CheckRefused(st.error(), r, actor, s);
    }
    s.events.CredentialsEnded({actor.user_id()});  // other sessions and tokens ended
    return JsonResponse(200, {{"ok", true}});
  }),
             {"Change one's own password", "auth", true, kPasswordSchema, ok});

  router.Add(
      "POST", "/api/v1/me/totp/setup",
      guard.Guard(
          [&s](Request& r, Actor& actor) {
            auto setup = s.auth.BeginTotpSetup(actor);
            if (!setup) return ErrorReply(setup.error(), r);
            return JsonResponse(200, {{"secret", setup->secret}, {"uri", setup->uri}});
          },
          during_setup),
      {"Start setting up a TOTP second factor", "auth", true, "", http::SchemaRef("TotpSetup")});

  router.Add("POST", "/api/v1/me/totp/enable",
             guard.Guard(
                 [&s](Request& r, Actor& actor) {
                   auto body = http::ParseJsonBody(r);
                   if (!body) return ErrorReply(body.error(), r);
                   http::JsonReader reader(*body);
                   reader.RejectUnknownFields({"code"});
                   std::string code = reader.RequiredString("code", 10);
                   if (auto st = reader.Finish(); !st) return ErrorReply(st.error(), r);
                   if (auto st = s.auth.EnableTotp(actor, code); !st) {
                     return ErrorReply(st.error(), r);
                   }
                   return JsonResponse(200, {{"ok", true}});
                 },
                 during_setup),
             {"Confirm a TOTP code and require it from now on", "auth", true, kCodeSchema, ok});

  router.Add("POST", "/api/v1/me/totp/disable", guard.Guard([&s](Request& r, Actor& actor) {
    auto body = http::ParseJsonBody(r);
    if (!body) return ErrorReply(body.error(), r);
    http::JsonReader reader(*body);
    reader.RejectUnknownFields({"code"});
    std::string code = reader.RequiredString("code", 10);
    if (auto st = reader.Finish(); !st) return ErrorReply(st.error(), r);
    if (auto st = s.auth.DisableTotp(actor, code); !st) {
      return CheckRefused(st.error(), r, actor, s);
    }
    return JsonResponse(200, {{"ok", true}});
  }),
             {"Turn the TOTP second factor off", "auth", true, kCodeSchema, ok});

  router.Add(
      "GET", "/api/v1/me/tokens", guard.Guard([&s](Request& r, Actor& actor) {
        auto tokens = s.auth.ListTokens(actor);
        if (!tokens) return ErrorReply(tokens.error(), r);
        Json items = Json::array();
        for (const auto& t : *tokens) items.push_back(TokenJson(t));
        return JsonResponse(200, {{"items", items}});
      }),
      {"One's own API tokens (never the secrets)", "auth", true, "", http::ItemsOf("Token")});

  router.Add("DELETE", "/api/v1/me/tokens/{id}", guard.Guard([&s](Request& r, Actor& actor) {
    auto id = modules::ParseId(r.path_params["id"]);
    if (!id) return ErrorReply(NotFoundError("auth.token_not_found"), r);
    if (auto st = s.auth.RevokeToken(actor, *id); !st) return ErrorReply(st.error(), r);
    s.events.CredentialsEnded({actor.user_id()});
    return JsonResponse(200, {{"ok", true}});
  }),
             {"Revoke one of one's own API tokens", "auth", true, "", ok});

  router.Add("GET", "/api/v1/settings/security", guard.Guard([&s](Request& r, Actor& actor) {
    if (auto st = actor.RequireAnywhere(Permission::kSettingsManage); !st) {
      return ErrorReply(st.error(), r);
    }
    auto policy = s.auth.GetPolicy();
    if (!policy) return ErrorReply(policy.error(), r);
    Json roles = Json::array();
    for (auto role : policy->totp_required_roles) roles.push_back(orgs::ToString(role));
    return JsonResponse(200, {{"totp_required_roles", roles}});
  }),
             {.summary = "Security policy: roles that must use a second factor",
              .tag = "auth",
              .response_schema = http::SchemaRef("SecuritySettings"),
              .permission = "settings.manage"});

  router.Add("PUT", "/api/v1/settings/security", guard.Guard([&s](Request& r, Actor& actor) {
    auto body = http::ParseJsonBody(r);
    if (!body) return ErrorReply(body.error(), r);
    http::JsonReader fields(*body);
    fields.RejectUnknownFields({"totp_required_roles"});
    if (auto st = fields.Finish(); !st) return ErrorReply(st.error(), r);
    SecurityPolicy policy;
    Error invalid = InvalidError("validation.failed");
    const Json& roles = (*body)["totp_required_roles"];
    if (!roles.is_array()) {
      invalid.WithDetail({"totp_required_roles",
                          roles.is_null() ? "required" : "wrong_type",
                          {{"expected", "array"}}});
      return ErrorReply(invalid, r);
    }
    for (std::size_t i = 0; i < roles.size(); ++i) {
      auto role =
          roles[i].is_string() ? orgs::ParseRole(roles[i].get<std::string>()) : std::nullopt;
      if (!role) {
        invalid.WithDetail({"totp_required_roles[" + std::to_string(i) + "]",
                            "invalid_choice",
                            {{"allowed", "admin, leader, …"}}});
        return ErrorReply(invalid, r);
      }
      policy.totp_required_roles.insert(*role);
    }
    if (auto st = s.auth.SetPolicy(actor, policy); !st) return ErrorReply(st.error(), r);
    return JsonResponse(200, {{"ok", true}});
  }),
             {.summary = "Set which roles must use a second factor",
              .tag = "auth",
              .request_schema = kPolicySchema,
              .response_schema = ok,
              .permission = "settings.manage"});
}

}  // namespace jieli::auth
