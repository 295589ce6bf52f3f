#include "modules/orgs/org_service.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "core/password_policy.hpp"
#include "modules/auth/credentials.hpp"
#include "modules/orgs/org_rules.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/orgs/orgs_sql.hpp"
#include "modules/sort_order.hpp"

namespace jieli::orgs {
namespace {

using auth::Permission;

Organization OrgFromRow(const store::Row& row) {
  Organization org;
  org.id = row.Int(0);
  org.parent_id = row.OptInt(1);
  org.kind = ParseOrgKind(row.Text(2)).value_or(OrgKind::kAgency);
  org.agency_type = row.Text(3);
  org.name = row.Text(4);
  org.region_id = row.OptInt(5);
  org.contact_phone = row.Text(6);
  org.address = row.Text(7);
  org.active = row.Int(8) != 0;
  org.created_at = row.Int(9);
  org.updated_at = row.Int(10);
  return org;
}

User UserFromRow(const store::Row& row) {
  User user;
  user.id = row.Int(0);
  user.username = row.Text(1);
  user.display_name = row.Text(2);
  user.active = row.Int(3) != 0;
  user.totp_enabled = row.Int(4) != 0;
  user.locked_until = row.OptInt(5);
  user.created_at = row.Int(6);
  user.updated_at = row.Int(7);
  return user;
}

Region RegionFromRow(const store::Row& row) {
  Region region;
  region.id = row.Int(0);
  region.parent_id = row.OptInt(1);
  region.level = ParseRegionLevel(row.Text(2)).value_or(RegionLevel::kCity);
  region.code = row.Text(3);
  region.name = row.Text(4);
  return region;
}

Json OptJson(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(); }

Json MembershipsJson(const std::vector<Membership>& memberships) {
  Json list = Json::array();
  for (const auto& m : memberships)
    list.push_back({{"org_id", m.org_id}, {"role", ToString(m.role)}});
  return list;
}

// {"field": {"before": …, "after": …}} for every field that differs.
template <class T>
void Diff(Json& changes, const char* field, const T& before, const T& after) {
  if (before != after) changes[field] = {{"before", before}, {"after", after}};
}

std::string AuditText(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

// The user as actor may see them: roles held in organisations outside the
// actor's scope belong to another agency and would name its organisations.
User VisibleTo(const auth::Actor& actor, User user) {
  std::erase_if(user.memberships, [&](const Membership& m) { return !actor.CanSee(m.org_id); });
  return user;
}

Error ValidationError(std::string field, std::string code) {
  return InvalidError("validation.failed").WithDetail({std::move(field), std::move(code)});
}

}  // namespace

// --- regions -------------------------------------------------------------------

Result<std::vector<Region>> OrgService::ListRegions(const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kOrgsRead));
  auto rows = db_.Query(std::string(kRegionSelect) + " ORDER BY id");
  if (!rows) return rows.error();
  std::vector<Region> regions;
  for (const auto& row : *rows) regions.push_back(RegionFromRow(row));
  return regions;
}

Result<Region> OrgService::CreateRegion(const auth::Actor& actor, const RegionInput& input) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kRegionsManage));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  std::optional<RegionLevel> parent_level;
  if (input.parent_id) {
    auto parent = (*tx)->QueryOne(kRegionLevelSql, {*input.parent_id});
    if (!parent) return parent.error();
    if (!*parent) return ValidationError("parent_id", "not_found");
    parent_level = ParseRegionLevel((*parent)->Text(0));
  }
  JIELI_RETURN_IF_ERROR(CheckRegionParent(input.level, parent_level));
  auto inserted = (*tx)->QueryOne(
      kRegionInsertSql, {store::OrNull(input.parent_id), std::string(ToString(input.level)),
                         input.code, input.name, clock_.Now()});
  if (!inserted) return inserted.error();
  Region region{(*inserted)->Int(0), input.parent_id, input.level, input.code, input.name};
  Json changes = {{"name", {{"after", region.name}}},
                  {"level", {{"after", ToString(region.level)}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "regions.create", "region",
                                      std::to_string(region.id), AuditText(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return region;
}

Result<Region> OrgService::RenameRegion(const auth::Actor& actor, std::int64_t id,
                                        const std::string& name, const std::string& code) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kRegionsManage));
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto row = (*tx)->QueryOne(std::string(kRegionSelect) + " WHERE id = ?", {id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("orgs.region_not_found");
  Region region = RegionFromRow(**row);
  Json changes = Json::object();
  Diff(changes, "name", region.name, name);
  Diff(changes, "code", region.code, code);
  region.name = name;
  region.code = code;
  auto updated = (*tx)->Execute(kRegionRenameSql, {name, code, id});
  if (!updated) return updated.error();
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "regions.update", "region",
                                      std::to_string(id), AuditText(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return region;
}

// --- organisations --------------------------------------------------------------

Result<std::optional<Organization>> OrgService::LoadOrg(store::Executor& db,
                                                        std::int64_t id) const {
  auto row = db.QueryOne(std::string(kOrgSelect) + " WHERE id = ?", {id});
  if (!row) return row.error();
  if (!*row) return std::optional<Organization>();
  return std::optional<Organization>(OrgFromRow(**row));
}

Result<Page<Organization>> OrgService::ListOrgs(const auth::Actor& actor, const OrgFilter& filter,
                                                std::int64_t offset, std::int64_t limit) const {
  // Holding the permission nowhere is a refusal, not an empty page.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kOrgsRead));
  JIELI_ASSIGN_OR_RETURN(auto visible, actor.OrgsWhere(Permission::kOrgsRead));
  std::string where = " WHERE id " + auth::InList(visible.size());
  std::vector<store::Value> params(visible.begin(), visible.end());
  if (filter.kind) {
    where += " AND kind = ?";
    params.emplace_back(std::string(ToString(*filter.kind)));
  }
  if (filter.parent_id) {
    where += " AND parent_id = ?";
    params.emplace_back(*filter.parent_id);
  }
  if (filter.active) {
    where += " AND active = ?";
    params.emplace_back(static_cast<std::int64_t>(*filter.active ? 1 : 0));
  }
  if (!filter.text.empty()) {
    // instr() is exact substring on both backends' text (PostgreSQL: strpos).
    where += db_.backend() == store::Backend::kPostgres ? " AND strpos(name, ?) > 0"
                                                        : " AND instr(name, ?) > 0";
    params.emplace_back(filter.text);
  }
  static const modules::SortOrders kSorts({{"name", "name ASC, id ASC"},
                                           {"-name", "name DESC, id DESC"},
                                           {"created_at", "created_at ASC, id ASC"},
                                           {"-created_at", "created_at DESC, id DESC"},
                                           {"id", "id ASC"},
                                           {"-id", "id DESC"}});
  auto order_by = kSorts.OrderBy(filter.sort);
  if (!order_by) return order_by.error();
  auto count = db_.QueryOne(std::string(kOrgCountSql) + where, params);
  if (!count) return count.error();
  Page<Organization> page;
  page.total = (*count)->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db_.Query(
      std::string(kOrgSelect) + where + " ORDER BY " + *order_by + " LIMIT ? OFFSET ?", params);
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(OrgFromRow(row));
  return page;
}

Result<Organization> OrgService::GetOrg(const auth::Actor& actor, std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsRead, id));
  auto org = LoadOrg(db_, id);
  if (!org) return org.error();
  if (!*org) return NotFoundError("orgs.not_found");
  return **org;
}

Result<Organization> OrgService::CreateOrg(const auth::Actor& actor, const OrgInput& input) const {
  if (input.parent_id) {
    JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsManage, *input.parent_id));
  } else if (!actor.is_system()) {
    return ValidationError("parent_id", "required");
  }
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  std::optional<OrgKind> parent_kind;
  if (input.parent_id) {
    auto parent = LoadOrg(**tx, *input.parent_id);
    if (!parent) return parent.error();
    if (!*parent) return NotFoundError("orgs.not_found");
    if (!(*parent)->active) return ConflictError("orgs.inactive");
    parent_kind = (*parent)->kind;
  }
  JIELI_RETURN_IF_ERROR(CheckOrgParent(input.kind, parent_kind));
  if (input.region_id) {
    auto region = (*tx)->QueryOne(kRegionExistsSql, {*input.region_id});
    if (!region) return region.error();
    if (!*region) return ValidationError("region_id", "not_found");
  }
  EpochMs now = clock_.Now();
  std::string agency_type = input.kind == OrgKind::kAgency ? input.agency_type : "";
  auto inserted = (*tx)->QueryOne(
      kOrgInsertSql,
      {store::OrNull(input.parent_id), std::string(ToString(input.kind)), agency_type, input.name,
       store::OrNull(input.region_id), input.contact_phone, input.address, now, now});
  if (!inserted) return inserted.error();
  std::int64_t id = (*inserted)->Int(0);
  Json changes = {{"name", {{"after", input.name}}},
                  {"kind", {{"after", ToString(input.kind)}}},
                  {"parent_id", {{"after", OptJson(input.parent_id)}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, id, "orgs.create", "organization",
                                      std::to_string(id), AuditText(changes)));
  auto org = LoadOrg(**tx, id);
  if (!org) return org.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return **org;
}

Result<Organization> OrgService::UpdateOrg(const auth::Actor& actor, std::int64_t id,
                                           const OrgPatch& patch) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsManage, id));
  if (patch.parent_id) {
    JIELI_RETURN_IF_ERROR(actor.Require(Permission::kOrgsManage, *patch.parent_id));
  }
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto loaded = LoadOrg(**tx, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("orgs.not_found");
  Organization before = **loaded;
  Organization after = before;
  if (patch.name) after.name = *patch.name;
  if (patch.agency_type)
    after.agency_type = after.kind == OrgKind::kAgency ? *patch.agency_type : "";
  if (patch.region_id) after.region_id = *patch.region_id;
  if (patch.contact_phone) after.contact_phone = *patch.contact_phone;
  if (patch.address) after.address = *patch.address;
  if (patch.active) after.active = *patch.active;
  if (patch.parent_id && patch.parent_id != before.parent_id) {
    auto rows = (*tx)->Query(kOrgParentsSql);
    if (!rows) return rows.error();
    std::map<std::int64_t, std::optional<std::int64_t>> parents;
    for (const auto& row : *rows) parents[row.Int(0)] = row.OptInt(1);
    if (WouldCreateCycle(id, *patch.parent_id, parents)) return ConflictError("orgs.parent_cycle");
    auto parent = LoadOrg(**tx, *patch.parent_id);
    if (!parent) return parent.error();
    if (!*parent) return NotFoundError("orgs.not_found");
    JIELI_RETURN_IF_ERROR(CheckOrgParent(after.kind, (*parent)->kind));
    after.parent_id = *patch.parent_id;
  }
  if (after.region_id && after.region_id != before.region_id) {
    auto region = (*tx)->QueryOne(kRegionExistsSql, {*after.region_id});
    if (!region) return region.error();
    if (!*region) return ValidationError("region_id", "not_found");
  }
  Json changes = Json::object();
  Diff(changes, "name", before.name, after.name);
  Diff(changes, "agency_type", before.agency_type, after.agency_type);
  Diff(changes, "region_id", OptJson(before.region_id), OptJson(after.region_id));
  Diff(changes, "parent_id", OptJson(before.parent_id), OptJson(after.parent_id));
  Diff(changes, "contact_phone", before.contact_phone, after.contact_phone);
  Diff(changes, "address", before.address, after.address);
  Diff(changes, "active", before.active, after.active);
  if (changes.empty()) return before;
  after.updated_at = clock_.Now();
  auto updated = (*tx)->Execute(
      kOrgUpdateSql, {store::OrNull(after.parent_id), after.agency_type, after.name,
                      store::OrNull(after.region_id), after.contact_phone, after.address,
                      static_cast<std::int64_t>(after.active ? 1 : 0), after.updated_at, id});
  if (!updated) return updated.error();
  std::string action =
      patch.active && !*patch.active && before.active ? "orgs.deactivate" : "orgs.update";
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, id, action, "organization", std::to_string(id),
                                      AuditText(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return after;
}

// --- users ------------------------------------------------------------------------

Result<std::vector<Membership>> OrgService::LoadMemberships(store::Executor& db,
                                                            std::int64_t user_id) const {
  return OrgTree(db).Memberships(user_id);
}

Result<std::optional<User>> OrgService::LoadUser(store::Executor& db, std::int64_t id) const {
  auto row = db.QueryOne(std::string(kUserSelect) + " WHERE id = ?", {id});
  if (!row) return row.error();
  if (!*row) return std::optional<User>();
  User user = UserFromRow(**row);
  auto memberships = LoadMemberships(db, id);
  if (!memberships) return memberships.error();
  user.memberships = std::move(*memberships);
  return std::optional<User>(std::move(user));
}

Result<std::optional<User>> OrgService::FindUserByName(const std::string& username) const {
  auto row = db_.QueryOne(kUserIdByNameSql, {username});
  if (!row) return row.error();
  if (!*row) return std::optional<User>();
  return LoadUser(db_, (*row)->Int(0));
}

Status OrgService::RequireUserManage(const auth::Actor& actor, const User& user) const {
  if (user.memberships.empty()) return actor.RequireAnywhere(Permission::kUsersManage);
  bool visible = false;
  for (const auto& m : user.memberships) {
    if (actor.Can(Permission::kUsersManage, m.org_id)) return Ok();
    visible = visible || actor.CanSee(m.org_id);
  }
  return visible ? Status(ForbiddenError()) : Status(NotFoundError("orgs.user_not_found"));
}

Result<Page<User>> OrgService::ListUsers(const auth::Actor& actor, const UserFilter& filter,
                                         std::int64_t offset, std::int64_t limit) const {
  // Holding the permission nowhere is a refusal, not an empty page.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kOrgsRead));
  JIELI_ASSIGN_OR_RETURN(auto visible, actor.OrgsWhere(Permission::kOrgsRead));
  std::vector<store::Value> params(visible.begin(), visible.end());
  std::string member_where = "org_id " + auth::InList(visible.size());
  if (filter.org_id && filter.below) {
    JIELI_ASSIGN_OR_RETURN(auto below, OrgTree(db_).Below(*filter.org_id));
    member_where += " AND org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  } else if (filter.org_id) {
    member_where += " AND org_id = ?";
    params.emplace_back(*filter.org_id);
  }
  if (filter.role) {
    member_where += " AND role = ?";
    params.emplace_back(std::string(ToString(*filter.role)));
  }
  std::string where = " WHERE id IN (SELECT user_id FROM memberships WHERE " + member_where + ")";
  if (filter.active) {
    where += " AND active = ?";
    params.emplace_back(static_cast<std::int64_t>(*filter.active ? 1 : 0));
  }
  if (!filter.text.empty()) {
    where += db_.backend() == store::Backend::kPostgres
                 ? " AND (strpos(username, ?) > 0 OR strpos(display_name, ?) > 0)"
                 : " AND (instr(username, ?) > 0 OR instr(display_name, ?) > 0)";
    params.emplace_back(filter.text);
    params.emplace_back(filter.text);
  }
  static const modules::SortOrders kSorts({{"username", "username ASC"},
                                           {"-username", "username DESC"},
                                           {"display_name", "display_name ASC, username ASC"},
                                           {"-display_name", "display_name DESC, username DESC"},
                                           {"created_at", "created_at ASC, id ASC"},
                                           {"-created_at", "created_at DESC, id DESC"}});
  auto order_by = kSorts.OrderBy(filter.sort);
  if (!order_by) return order_by.error();
  auto count = db_.QueryOne(std::string(kUserCountSql) + where, params);
  if (!count) return count.error();
  Page<User> page;
  page.total = (*count)->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db_.Query(
      std::string(kUserSelect) + where + " ORDER BY " + *order_by + " LIMIT ? OFFSET ?", params);
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    User user = UserFromRow(row);
    auto memberships = LoadMemberships(db_, user.id);
    if (!memberships) return memberships.error();
    // Show only the roles held in organisations the caller can see.
    for (const auto& m : *memberships) {
      if (std::find(visible.begin(), visible.end(), m.org_id) != visible.end()) {
        user.memberships.push_back(m);
      }
    }
    page.items.push_back(std::move(user));
  }
  return page;
}

Result<User> OrgService::GetUser(const auth::Actor& actor, std::int64_t id) const {
  auto user = LoadUser(db_, id);
  if (!user) return user.error();
  if (!*user) return NotFoundError("orgs.user_not_found");
  bool visible = actor.is_system() || actor.user_id() == id;
  for (const auto& m : (*user)->memberships) visible = visible || actor.CanSee(m.org_id);
  if (!visible) return NotFoundError("orgs.user_not_found");
  return VisibleTo(actor, std::move(**user));
}

Result<User> OrgService::CreateUser(const auth::Actor& actor, const UserInput& input) const {
  if (input.memberships.empty()) return ValidationError("memberships", "required");
  for (const auto& m : input.memberships) {
    JIELI_RETURN_IF_ERROR(actor.Require(Permission::kUsersManage, m.org_id));
  }
  auto hash = crypto::HashPassword(input.password);
  if (!hash) return hash.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto taken = (*tx)->QueryOne(kUserIdByNameSql, {input.username});
  if (!taken) return taken.error();
  if (*taken) {
    return ConflictError("orgs.username_taken").WithParam("username", input.username);
  }
  EpochMs now = clock_.Now();
  auto inserted =
      (*tx)->QueryOne(kUserInsertSql, {input.username, input.display_name, *hash, now, now, now});
  if (!inserted) return inserted.error();
  std::int64_t id = (*inserted)->Int(0);
  for (const auto& m : input.memberships) {
    auto added =
        (*tx)->Execute(kMembershipInsertSql, {id, m.org_id, std::string(ToString(m.role))});
    if (!added) return added.error();
  }
  Json changes = {{"username", {{"after", input.username}}},
                  {"display_name", {{"after", input.display_name}}},
                  {"memberships", {{"after", MembershipsJson(input.memberships)}}}};
  std::optional<std::int64_t> org = input.memberships.front().org_id;
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org, "users.create", "user", std::to_string(id),
                                      AuditText(changes)));
  auto user = LoadUser(**tx, id);
  if (!user) return user.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return **user;
}

Result<User> OrgService::UpdateUser(const auth::Actor& actor, std::int64_t id,
                                    const UserPatch& patch) const {
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto loaded = LoadUser(**tx, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("orgs.user_not_found");
  User before = **loaded;
  JIELI_RETURN_IF_ERROR(RequireUserManage(actor, before));
  User after = before;
  if (patch.display_name) after.display_name = *patch.display_name;
  if (patch.active) after.active = *patch.active;
  if (patch.memberships) {
    if (patch.memberships->empty()) return ValidationError("memberships", "required");
    // Roles may only be granted or taken away where the caller manages users.
    for (const auto& m : *patch.memberships) {
      bool unchanged = std::find(before.memberships.begin(), before.memberships.end(), m) !=
                       before.memberships.end();
      if (!unchanged) JIELI_RETURN_IF_ERROR(actor.Require(Permission::kUsersManage, m.org_id));
    }
    for (const auto& m : before.memberships) {
      bool kept = std::find(patch.memberships->begin(), patch.memberships->end(), m) !=
                  patch.memberships->end();
      if (!kept) JIELI_RETURN_IF_ERROR(actor.Require(Permission::kUsersManage, m.org_id));
    }
    after.memberships = *patch.memberships;
  }
  Json changes = Json::object();
  Diff(changes, "display_name", before.display_name, after.display_name);
  Diff(changes, "active", before.active, after.active);
  Diff(changes, "memberships", MembershipsJson(before.memberships),
       MembershipsJson(after.memberships));
  if (changes.empty()) return VisibleTo(actor, std::move(before));
  after.updated_at = clock_.Now();
  auto updated = (*tx)->Execute(
      kUserUpdateSql,
      {after.display_name, static_cast<std::int64_t>(after.active ? 1 : 0), after.updated_at, id});
  if (!updated) return updated.error();
  if (patch.memberships) {
    auto removed = (*tx)->Execute(kMembershipsDeleteSql, {id});
    if (!removed) return removed.error();
    for (const auto& m : after.memberships) {
      auto added =
          (*tx)->Execute(kMembershipInsertSql, {id, m.org_id, std::string(ToString(m.role))});
      if (!added) return added.error();
    }
  }
  if (!after.active) {
    // A deactivated user is signed out everywhere at once, and their tokens
    // end for good: reactivation does not bring them back.
    auto revoked = auth::EndUserCredentials(**tx, id, after.updated_at);
    if (!revoked) return revoked.error();
    if (*revoked > 0) changes["api_tokens_revoked"] = {{"after", *revoked}};
  }
  std::string action =
      patch.active && !*patch.active && before.active ? "users.deactivate" : "users.update";
  std::optional<std::int64_t> org;
  if (!after.memberships.empty()) org = after.memberships.front().org_id;
  JIELI_RETURN_IF_ERROR(
      audit_.Record(**tx, actor, org, action, "user", std::to_string(id), AuditText(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return VisibleTo(actor, std::move(after));
}

Status OrgService::ResetPassword(const auth::Actor& actor, std::int64_t id,
                                 const std::string& new_password) const {
  auto loaded = LoadUser(db_, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("orgs.user_not_found");
  JIELI_RETURN_IF_ERROR(RequireUserManage(actor, **loaded));
  auto issues = CheckPasswordPolicy(new_password, "new_password", (*loaded)->username);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  // Hashed outside the transaction: it takes a while, and SQLite has one writer.
  auto hash = crypto::HashPassword(new_password);
  if (!hash) return hash.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  EpochMs now = clock_.Now();
  auto updated = (*tx)->Execute(kPasswordResetSql, {*hash, now, now, id});
  if (!updated) return updated.error();
  JIELI_RETURN_IF_ERROR(auth::LiftLockOuts(**tx, id));
  // Whoever knew the old password may hold a session or a token.
  auto revoked = auth::EndUserCredentials(**tx, id, now);
  if (!revoked) return revoked.error();
  Json changes = {{"password", {{"after", "***"}}}};
  if (*revoked > 0) changes["api_tokens_revoked"] = {{"after", *revoked}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, std::nullopt, "users.reset_password", "user",
                                      std::to_string(id), changes.dump()));
  return (*tx)->Commit();
}

}  // namespace jieli::orgs
