#include "modules/orgs/org_handlers.hpp"

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "core/password_policy.hpp"
#include "http/json.hpp"
#include "modules/handler_support.hpp"
#include "modules/orgs/orgs_api_schema.hpp"
#include "modules/services.hpp"

namespace jieli::orgs {
namespace {

using auth::Actor;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;
using modules::PathId;
using modules::ReadBoolQuery;
using modules::ReadIdQuery;
using modules::Services;

Json OptJson(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(); }

Json RegionJson(const Region& region) {
  return {{"id", region.id},
          {"parent_id", OptJson(region.parent_id)},
          {"level", ToString(region.level)},
          {"code", region.code},
          {"name", region.name}};
}

Json OrgJson(const Organization& org) {
  return {{"id", org.id},
          {"parent_id", OptJson(org.parent_id)},
          {"kind", ToString(org.kind)},
          {"agency_type", org.agency_type},
          {"name", org.name},
          {"region_id", OptJson(org.region_id)},
          {"contact_phone", org.contact_phone},
          {"address", org.address},
          {"active", org.active},
          {"created_at", FormatIsoLocal(org.created_at)},
          {"updated_at", FormatIsoLocal(org.updated_at)}};
}

Json UserJson(const User& user) {
  Json memberships = Json::array();
  for (const auto& m : user.memberships) {
    memberships.push_back({{"org_id", m.org_id}, {"role", ToString(m.role)}});
  }
  return {{"id", user.id},
          {"username", user.username},
          {"display_name", user.display_name},
          {"active", user.active},
          {"totp_enabled", user.totp_enabled},
          {"locked_until", user.locked_until ? Json(FormatIsoLocal(*user.locked_until)) : Json()},
          {"memberships", memberships},
          {"created_at", FormatIsoLocal(user.created_at)}};
}

// Reads "memberships": [{"org_id": 1, "role": "worker"}, …].
std::vector<Membership> ReadMemberships(const Json& body, http::JsonReader& reader) {
  std::vector<Membership> memberships;
  if (!body.contains("memberships") || body["memberships"].is_null()) {
    reader.AddIssue("memberships", "required");
    return memberships;
  }
  const Json& list = body["memberships"];
  if (!list.is_array()) {
    reader.AddIssue("memberships", "wrong_type", {{"expected", "array"}});
    return memberships;
  }
  if (list.size() > 50) reader.AddIssue("memberships", "too_long", {{"max", "50"}});
  for (std::size_t i = 0; i < list.size() && i < 50; ++i) {
    std::string prefix = "memberships[" + std::to_string(i) + "]";
    if (!list[i].is_object()) {
      reader.AddIssue(prefix, "wrong_type", {{"expected", "object"}});
      continue;
    }
    http::JsonReader item(list[i], prefix);
    item.RejectUnknownFields({"org_id", "role"});
    Membership m;
    m.org_id = item.RequiredInt("org_id", 1, INT64_MAX);
    std::string role = item.RequiredEnum("role", RoleNames());
    if (auto status = item.Finish(); !status) {
      for (const auto& issue : status.error().details()) {
        reader.AddIssue(issue.field, issue.code, issue.params);
      }
      continue;
    }
    m.role = *ParseRole(role);
    memberships.push_back(m);
  }
  return memberships;
}

Result<Response> ListRegions(Request&, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::vector<Region> regions, s.orgs.ListRegions(actor));
  Json items = Json::array();
  for (const auto& region : regions) items.push_back(RegionJson(region));
  return JsonResponse(http::kOk, {{"items", items}});
}

Result<Response> CreateRegion(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"parent_id", "level", "code", "name"});
  RegionInput input;
  input.parent_id = reader.OptionalInt("parent_id", 1, INT64_MAX);
  auto level = reader.RequiredEnum("level", RegionLevelNames());
  input.code = reader.OptionalString("code", 20).value_or("");
  input.name = reader.RequiredString("name", 50);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  input.level = *ParseRegionLevel(level);
  JIELI_ASSIGN_OR_RETURN(Region region, s.orgs.CreateRegion(actor, input));
  return JsonResponse(http::kCreated, RegionJson(region));
}

Result<Response> RenameRegion(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.region_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"name", "code"});
  std::string name = reader.RequiredString("name", 50);
  std::string code = reader.OptionalString("code", 20).value_or("");
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(Region region, s.orgs.RenameRegion(actor, id, name, code));
  return JsonResponse(http::kOk, RegionJson(region));
}

Result<Response> ListOrgs(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  OrgFilter filter;
  if (auto kind = r.Query("kind"); kind && !kind->empty()) {
    filter.kind = ParseOrgKind(*kind);
    if (!filter.kind)
      issues.AddIssue("kind", "invalid_choice",
                      {{"allowed", "bureau, agency, station, department, partner"}});
  }
  filter.parent_id = ReadIdQuery(r, "parent_id", issues);
  filter.active = ReadBoolQuery(r, "active", issues);
  filter.text = r.Query("q").value_or("");
  if (filter.text.size() > 200) issues.AddIssue("q", "too_long", {{"max", "200"}});
  filter.sort = r.Query("sort").value_or("name");
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(Page<Organization> listed,
                         s.orgs.ListOrgs(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& org : listed.items) items.push_back(OrgJson(org));
  return JsonResponse(http::kOk, modules::PageJson(items, listed.total, page));
}

Result<Response> CreateOrg(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(
      {"parent_id", "kind", "agency_type", "name", "region_id", "contact_phone", "address"});
  OrgInput input;
  input.parent_id = reader.OptionalInt("parent_id", 1, INT64_MAX);
  auto kind = reader.RequiredEnum("kind", OrgKindNames());
  input.agency_type = reader.OptionalEnum("agency_type", AgencyTypeNames()).value_or("");
  input.name = reader.RequiredString("name", 100);
  input.region_id = reader.OptionalInt("region_id", 1, INT64_MAX);
  input.contact_phone = reader.OptionalString("contact_phone", 30).value_or("");
  input.address = reader.OptionalString("address", 200).value_or("");
  JIELI_RETURN_IF_ERROR(reader.Finish());
  input.kind = *ParseOrgKind(kind);
  JIELI_ASSIGN_OR_RETURN(Organization org, s.orgs.CreateOrg(actor, input));
  return JsonResponse(http::kCreated, OrgJson(org));
}

Result<Response> GetOrg(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.not_found"));
  JIELI_ASSIGN_OR_RETURN(Organization org, s.orgs.GetOrg(actor, id));
  return JsonResponse(http::kOk, OrgJson(org));
}

Result<Response> UpdateOrg(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields(
      {"name", "agency_type", "region_id", "parent_id", "contact_phone", "address", "active"});
  OrgPatch patch;
  if (reader.Has("name")) patch.name = reader.RequiredString("name", 100);
  if (reader.Has("agency_type")) {
    patch.agency_type = reader.OptionalEnum("agency_type", AgencyTypeNames()).value_or("");
  }
  if (body.contains("region_id")) patch.region_id = reader.OptionalInt("region_id", 1, INT64_MAX);
  if (reader.Has("parent_id")) patch.parent_id = reader.RequiredInt("parent_id", 1, INT64_MAX);
  if (reader.Has("contact_phone")) patch.contact_phone = reader.OptionalString("contact_phone", 30);
  if (reader.Has("address")) patch.address = reader.OptionalString("address", 200);
  if (reader.Has("active")) patch.active = reader.OptionalBool("active");
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(Organization org, s.orgs.UpdateOrg(actor, id, patch));
  return JsonResponse(http::kOk, OrgJson(org));
}

Result<Response> DeactivateOrg(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.not_found"));
  OrgPatch patch;
  patch.active = false;
  JIELI_ASSIGN_OR_RETURN(Organization org, s.orgs.UpdateOrg(actor, id, patch));
  return JsonResponse(http::kOk, OrgJson(org));
}

Result<Response> ListUsers(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  Json none = Json::object();
  http::JsonReader issues(none);
  UserFilter filter;
  filter.org_id = ReadIdQuery(r, "org_id", issues);
  filter.below = ReadBoolQuery(r, "below", issues).value_or(false);
  if (auto role = r.Query("role"); role && !role->empty()) {
    filter.role = ParseRole(*role);
    if (!filter.role)
      issues.AddIssue("role", "invalid_choice",
                      {{"allowed", "admin, leader, supervisor, worker, …"}});
  }
  filter.active = ReadBoolQuery(r, "active", issues);
  filter.text = r.Query("q").value_or("");
  if (filter.text.size() > 200) issues.AddIssue("q", "too_long", {{"max", "200"}});
  filter.sort = r.Query("sort").value_or("username");
  JIELI_RETURN_IF_ERROR(issues.Finish());
  JIELI_ASSIGN_OR_RETURN(Page<User> listed,
                         s.orgs.ListUsers(actor, filter, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& user : listed.items) items.push_back(UserJson(user));
  return JsonResponse(http::kOk, modules::PageJson(items, listed.total, page));
}

Result<Response> CreateUser(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"username", "display_name", "password", "memberships"});
  UserInput input;
  input.username = reader.RequiredString("username", 64);
  input.display_name = reader.RequiredString("display_name", 50);
  input.password = reader.RequiredString("password", 1000);
  input.memberships = ReadMemberships(body, reader);
  if (!input.username.empty()) {
    bool valid = input.username.size() >= 2;
    for (char c : input.username) {
      valid = valid && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
                        (c >= '0' && c <= '9') || c == '_' || c == '.' || c == '-');
    }
    if (!valid) reader.AddIssue("username", "invalid_format");
  }
  for (auto& issue : CheckPasswordPolicy(input.password, "password", input.username)) {
    if (!input.password.empty()) reader.AddIssue(issue.field, issue.code, issue.params);
  }
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(User user, s.orgs.CreateUser(actor, input));
  return JsonResponse(http::kCreated, UserJson(user));
}

Result<Response> GetUser(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.user_not_found"));
  JIELI_ASSIGN_OR_RETURN(User user, s.orgs.GetUser(actor, id));
  return JsonResponse(http::kOk, UserJson(user));
}

Result<Response> UpdateUser(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.user_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"display_name", "active", "memberships"});
  UserPatch patch;
  if (reader.Has("display_name")) patch.display_name = reader.RequiredString("display_name", 50);
  if (reader.Has("active")) patch.active = reader.OptionalBool("active");
  if (reader.Has("memberships")) patch.memberships = ReadMemberships(body, reader);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  JIELI_ASSIGN_OR_RETURN(User user, s.orgs.UpdateUser(actor, id, patch));
  if (patch.active && !*patch.active) s.events.CredentialsEnded({id});
  return JsonResponse(http::kOk, UserJson(user));
}

Result<Response> DeactivateUser(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.user_not_found"));
  UserPatch patch;
  patch.active = false;
  JIELI_ASSIGN_OR_RETURN(User user, s.orgs.UpdateUser(actor, id, patch));
  s.events.CredentialsEnded({id});
  return JsonResponse(http::kOk, UserJson(user));
}

Result<Response> ResetPassword(Request& r, Actor& actor, Services& s) {
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, PathId(r, "id", "orgs.user_not_found"));
  JIELI_ASSIGN_OR_RETURN(Json body, http::ParseJsonBody(r));
  http::JsonReader reader(body);
  reader.RejectUnknownFields({"new_password"});
  std::string password = reader.RequiredString("new_password", 1000);
  JIELI_RETURN_IF_ERROR(reader.Finish());
  // The service checks the password against the policy and the user's name.
  JIELI_RETURN_IF_ERROR(s.orgs.ResetPassword(actor, id, password));
  s.events.CredentialsEnded({id});  // their sessions and tokens ended
  return JsonResponse(http::kOk, {{"ok", true}});
}

constexpr const char* kOrgSchema = R"({"type":"object","required":["kind","name"],"properties":{
"parent_id":{"type":"integer"},"kind":{"type":"string","enum":["bureau","agency","station","department","partner"]},
"agency_type":{"type":"string","enum":["comprehensive","specialised","community"]},"name":{"type":"string","maxLength":100},
"region_id":{"type":"integer"},"contact_phone":{"type":"string"},"address":{"type":"string"}}})";
constexpr const char* kOrgPatchSchema = R"({"type":"object","properties":{
"parent_id":{"type":"integer"},"agency_type":{"type":"string"},"name":{"type":"string","maxLength":100},
"region_id":{"type":["integer","null"]},"contact_phone":{"type":"string"},"address":{"type":"string"},"active":{"type":"boolean"}}})";
constexpr const char* kRegionSchema = R"({"type":"object","required":["level","name"],"properties":{
"parent_id":{"type":"integer"},"level":{"type":"string","enum":["city","district","street","community"]},
"code":{"type":"string"},"name":{"type":"string"}}})";
constexpr const char* kRegionRenameSchema = R"({"type":"object","required":["name"],"properties":{
"name":{"type":"string"},"code":{"type":"string"}}})";
constexpr const char* kMembershipsSchema =
    R"({"type":"array","items":{"type":"object","required":["org_id","role"],
"properties":{"org_id":{"type":"integer"},"role":{"type":"string"}}}})";

std::string UserSchema(bool create) {
  std::string required =
      create ? R"("required":["username","display_name","password","memberships"],)" : "";
  return std::string(R"({"type":"object",)") + required +
         R"("properties":{"username":{"type":"string"},)" +
         R"("display_name":{"type":"string"},"password":{"type":"string"},"active":{"type":"boolean"},)" +
         R"("memberships":)" + kMembershipsSchema + "}}";
}

std::vector<http::QueryParam> OrgListQuery() {
  return http::PageQuery("name, created_at, id (default name)",
                         {{"kind", "string", "bureau, agency, station, department or partner"},
                          {"parent_id", "integer", "Direct children of this organisation"},
                          {"active", "boolean", ""},
                          {"q", "string", "Text in the name (at most 200 bytes)"}});
}

std::vector<http::QueryParam> UserListQuery() {
  return http::PageQuery(
      "username, display_name, created_at (default username)",
      {{"org_id", "integer", "With a role in this organisation"},
       {"below", "boolean", "With org_id: in it or an organisation below it"},
       {"role", "string", "One of " + JoinNames(RoleNames())},
       {"active", "boolean", ""},
       {"q", "string", "Text in the user name or display name (at most 200 bytes)"}});
}

}  // namespace

void RegisterOrgRoutes(http::Router& router, modules::Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddOrgSchemas(router);
  const std::string region = http::SchemaRef("Region");
  const std::string org = http::SchemaRef("Org");
  const std::string user = http::SchemaRef("User");

  router.Add("GET", "/api/v1/regions", bind(ListRegions),
             {.summary = "The region tree (city, district, street, community), flat",
              .tag = "orgs",
              .response_schema = http::ItemsOf("Region"),
              .permission = "orgs.read"});
  router.Add("POST", "/api/v1/regions", bind(CreateRegion),
             {.summary = "Add a region",
              .tag = "orgs",
              .request_schema = kRegionSchema,
              .response_schema = region,
              .permission = "regions.manage",
              .statuses = {http::kCreated}});
  router.Add("PATCH", "/api/v1/regions/{id}", bind(RenameRegion),
             {.summary = "Rename a region or change its code",
              .tag = "orgs",
              .request_schema = kRegionRenameSchema,
              .response_schema = region,
              .permission = "regions.manage"});

  router.Add("GET", "/api/v1/orgs", bind(ListOrgs),
             {.summary = "Organisations in the caller's scope (filter kind, parent_id, active, q; "
                         "sort; page)",
              .tag = "orgs",
              .response_schema = http::PageOf("Org"),
              .permission = "orgs.read",
              .query = OrgListQuery()});
  router.Add("POST", "/api/v1/orgs", bind(CreateOrg),
             {.summary = "Create an organisation under a parent the caller manages",
              .tag = "orgs",
              .request_schema = kOrgSchema,
              .response_schema = org,
              .permission = "orgs.manage",
              .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/orgs/{id}", bind(GetOrg),
             {.summary = "One organisation",
              .tag = "orgs",
              .response_schema = org,
              .permission = "orgs.read"});
  router.Add("PATCH", "/api/v1/orgs/{id}", bind(UpdateOrg),
             {.summary = "Update an organisation",
              .tag = "orgs",
              .request_schema = kOrgPatchSchema,
              .response_schema = org,
              .permission = "orgs.manage"});
  router.Add("POST", "/api/v1/orgs/{id}/deactivate", bind(DeactivateOrg),
             {.summary = "Deactivate an organisation",
              .tag = "orgs",
              .response_schema = org,
              .permission = "orgs.manage"});

  router.Add("GET", "/api/v1/users", bind(ListUsers),
             {.summary = "Users with a role in the caller's scope (filter org_id, role, active, q; "
                         "sort; page)",
              .tag = "orgs",
              .response_schema = http::PageOf("User"),
              .permission = "orgs.read",
              .query = UserListQuery()});
  router.Add("POST", "/api/v1/users", bind(CreateUser),
             {.summary = "Create a user with roles in organisations the caller manages",
              .tag = "orgs",
              .request_schema = UserSchema(true),
              .response_schema = user,
              .permission = "users.manage",
              .statuses = {http::kCreated}});
  router.Add("GET", "/api/v1/users/{id}", bind(GetUser),
             {.summary = "One user",
              .tag = "orgs",
              .response_schema = user,
              .permission = "orgs.read",
              // Users may read their own record whatever roles they hold
              // (OrgService::GetUser), so holding orgs.read nowhere is no refusal here.
              .permission_anywhere = false});
  router.Add("PATCH", "/api/v1/users/{id}", bind(UpdateUser),
             {.summary = "Update a user's name, roles or active flag",
              .tag = "orgs",
              .request_schema = UserSchema(false),
              .response_schema = user,
              .permission = "users.manage"});
  router.Add("POST", "/api/v1/users/{id}/deactivate", bind(DeactivateUser),
             {.summary = "Deactivate a user (ends their sessions)",
              .tag = "orgs",
              .response_schema = user,
              .permission = "users.manage"});
  router.Add(
      "POST", "/api/v1/users/{id}/password", bind(ResetPassword),
      {.summary = "Set a new password for a user and lift a lock-out",
       .tag = "orgs",
       .request_schema =
           R"({"type":"object","required":["new_password"],"properties":{"new_password":{"type":"string"}}})",
       .response_schema = http::SchemaRef("Ok"),
       .permission = "users.manage"});
}

}  // namespace jieli::orgs
