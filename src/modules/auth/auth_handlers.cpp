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
using modules::Services;

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

Result<Response> Login(Request& request, Services& services) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(request));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"username", "password", "totp_code"});
  LoginInput input;
  input.username = reader.RequiredString("username", 64);
  // Passwords are not trimmed or length-checked here: the hash decides.
  input.password = reader.RequiredString("password", 128);
  input.totp_code = reader.OptionalString("totp_code", 10).value_or("");
  JIELI_RETURN_IF_ERROR(reader.Finish());
  input.client_address = request.client_address;
  input.request_id = request.request_id;
  JIELI_ASSIGN_OR_RETURN(LoginResult result, services.auth.Login(input));
  bool needs_setup = false;
  JIELI_ASSIGN_OR_RETURN(Actor actor,
                         services.auth.AuthenticateSession(result.session_token, &needs_setup));
  Json reply = MeJson(actor, services, false);
  reply["csrf_token"] = result.csrf_token;
  reply["needs_totp_setup"] = result.needs_totp_setup;
  Response response = JsonResponse(http::kOk, reply);
  response.headers.emplace_back(
      "Set-Cookie", SessionCookie(result.session_token, services.secure_cookies, false));
  return response;
}

// The refusal of a check made inside a session. When it locked the caller's
// address out ("auth.locked"), their session or token has ended: the event
// streams are told, and the browser drops the cookie — so this answer is built
// here rather than by Bind.
Response CheckRefused(const Error& error, const Request& request, const Actor& actor,
                      Services& services) {
  Response response = ErrorReply(error, request);
  if (error.code() == "auth.locked") {
    services.events.CredentialsEnded({actor.user_id()});
    if (!actor.via_token) {
      response.headers.emplace_back("Set-Cookie", SessionCookie("", services.secure_cookies, true));
    }
  }
  return response;
}

Response OkResponse() { return JsonResponse(http::kOk, {{"ok", true}}); }

Result<Response> Logout(Request&, Actor& actor, Services& s) {
  JIELI_RETURN_IF_ERROR(s.auth.Logout(actor));
  s.events.CredentialsEnded({actor.user_id()});
  Response response = OkResponse();
  response.headers.emplace_back("Set-Cookie", SessionCookie("", s.secure_cookies, true));
  return response;
}

Result<Response> Me(Request&, Actor& actor, Services& s) {
  return JsonResponse(http::kOk, MeJson(actor, s, !actor.via_token));
}

Result<Response> ChangePassword(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"current_password", "new_password"});
  std::string current = reader.RequiredString("current_password", 128);
  std::string replacement = reader.RequiredString("new_password", 1000);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  if (auto changed = s.auth.ChangePassword(actor, current, replacement); !changed) {
    return CheckRefused(changed.error(), r, actor, s);
  }
  s.events.CredentialsEnded({actor.user_id()});  // other sessions and tokens ended
  return OkResponse();
}

Result<Response> BeginTotpSetup(Request&, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(TotpSetup setup, s.auth.BeginTotpSetup(actor));
  return JsonResponse(http::kOk, {{"secret", setup.secret}, {"uri", setup.uri}});
}

// The "code" of a TOTP request body. Error "validation.failed".
Result<std::string> ReadTotpCode(const Request& r) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"code"});
  std::string code = reader.RequiredString("code", 10);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  return code;
}

Result<Response> EnableTotp(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::string code, ReadTotpCode(r));
  JIELI_RETURN_IF_ERROR(s.auth.EnableTotp(actor, code));
  return OkResponse();
}

Result<Response> DisableTotp(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::string code, ReadTotpCode(r));
  if (auto disabled = s.auth.DisableTotp(actor, code); !disabled) {
    return CheckRefused(disabled.error(), r, actor, s);
  }
  return OkResponse();
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

Result<Response> ListTokens(Request&, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::vector<TokenInfo> tokens, s.auth.ListTokens(actor));
  Json items = Json::array();
  for (const auto& t : tokens) items.push_back(TokenJson(t));
  return JsonResponse(http::kOk, {{"items", items}});
}

Result<Response> RevokeToken(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, modules::PathId(r, "id", "auth.token_not_found"));
  JIELI_RETURN_IF_ERROR(s.auth.RevokeToken(actor, id));
  s.events.CredentialsEnded({actor.user_id()});
  return OkResponse();
}

Result<Response> GetSecurityPolicy(Request&, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(SecurityPolicy policy, s.auth.GetPolicy(actor));
  Json roles = Json::array();
  for (auto role : policy.totp_required_roles) roles.push_back(orgs::ToString(role));
  return JsonResponse(http::kOk, {{"totp_required_roles", roles}});
}

Result<Response> SetSecurityPolicy(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader fields(body);
  fields.RejectUnknownFields({"totp_required_roles"});
  JIELI_RETURN_IF_ERROR(fields.Finish());
  SecurityPolicy policy;
  Error invalid = InvalidError("validation.failed");
  const Json& roles = body["totp_required_roles"];
  if (!roles.is_array()) {
    invalid.WithDetail({"totp_required_roles",
                        roles.is_null() ? "required" : "wrong_type",
                        {{"expected", "array"}}});
    return invalid;
  }
  for (std::size_t i = 0; i < roles.size(); ++i) {
    auto role = roles[i].is_string() ? orgs::ParseRole(roles[i].get<std::string>()) : std::nullopt;
    if (!role) {
      invalid.WithDetail({"totp_required_roles[" + std::to_string(i) + "]",
                          "invalid_choice",
                          {{"allowed", "admin, leader, …"}}});
      return invalid;
    }
    policy.totp_required_roles.insert(*role);
  }
  JIELI_RETURN_IF_ERROR(s.auth.SetPolicy(actor, policy));
  return OkResponse();
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
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  // Allowed while a session may do nothing but set up its second factor.
  auto bind_during_setup = [&s](modules::ModuleHandler handler) {
    return modules::Bind(s, handler, {.allow_during_totp_setup = true});
  };
  AddAuthSchemas(router);
  const std::string ok = http::SchemaRef("Ok");

  // Sign-in has no caller yet, so no guard: its errors are mapped here.
  auto login = [&s](Request& r) {
    Result<Response> response = Login(r, s);
    if (!response) return ErrorReply(response.error(), r);
    return std::move(response).value();
  };
  router.Add("POST", "/api/v1/auth/login", login,
             {.summary = "Sign in with user name and password (and TOTP code when enabled)",
              .tag = "auth",
              .requires_auth = false,
              .request_schema = kLoginSchema,
              .response_schema = http::SchemaRef("LoginReply")});
  router.Add("POST", "/api/v1/auth/logout", bind_during_setup(Logout),
             {"Sign out (ends the session)", "auth", true, "", ok});
  router.Add("GET", "/api/v1/me", bind_during_setup(Me),
             {"The signed-in user, roles, permissions and CSRF token", "auth", true, "",
              http::SchemaRef("Me")});
  router.Add("POST", "/api/v1/me/password", bind(ChangePassword),
             {"Change one's own password", "auth", true, kPasswordSchema, ok});
  router.Add(
      "POST", "/api/v1/me/totp/setup", bind_during_setup(BeginTotpSetup),
      {"Start setting up a TOTP second factor", "auth", true, "", http::SchemaRef("TotpSetup")});
  router.Add("POST", "/api/v1/me/totp/enable", bind_during_setup(EnableTotp),
             {"Confirm a TOTP code and require it from now on", "auth", true, kCodeSchema, ok});
  router.Add("POST", "/api/v1/me/totp/disable", bind(DisableTotp),
             {"Turn the TOTP second factor off", "auth", true, kCodeSchema, ok});
  router.Add(
      "GET", "/api/v1/me/tokens", bind(ListTokens),
      {"One's own API tokens (never the secrets)", "auth", true, "", http::ItemsOf("Token")});
  router.Add("DELETE", "/api/v1/me/tokens/{id}", bind(RevokeToken),
             {"Revoke one of one's own API tokens", "auth", true, "", ok});
  router.Add("GET", "/api/v1/settings/security", bind(GetSecurityPolicy),
             {.summary = "Security policy: roles that must use a second factor",
              .tag = "auth",
              .response_schema = http::SchemaRef("SecuritySettings"),
              .permission = "settings.manage"});
  router.Add("PUT", "/api/v1/settings/security", bind(SetSecurityPolicy),
             {.summary = "Set which roles must use a second factor",
              .tag = "auth",
              .request_schema = kPolicySchema,
              .response_schema = ok,
              .permission = "settings.manage"});
}

}  // namespace jieli::auth
