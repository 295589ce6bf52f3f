#include "modules/auth/actor.hpp"

#include <utility>

#include "modules/orgs/org_tree.hpp"

namespace jieli::auth {

Actor::Actor(store::Db& db, std::int64_t user_id, std::string username, std::string display_name,
             std::vector<orgs::Membership> memberships)
    : db_(&db),
      user_id_(user_id),
      username_(std::move(username)),
      display_name_(std::move(display_name)),
      memberships_(std::move(memberships)) {}

Actor Actor::System(store::Db& db) {
  Actor actor(db, 0, "system", "系统", {});
  actor.is_system_ = true;
  return actor;
}

Status Actor::LoadScope() const {
  // The system actor's scope is everything, which grows as it creates
  // organisations (seeding), so it is never cached.
  if (scope_ && !is_system_) return Ok();
  if (scope_error_) return *scope_error_;
  std::map<std::int64_t, std::set<orgs::Role>> scope;
  if (is_system_) {
    auto ids = orgs::OrgTree(*db_).AllIds();
    if (!ids) {
      scope_error_ = ids.error();
      return *scope_error_;
    }
    for (std::int64_t id : *ids) scope[id].insert(orgs::Role::kAdmin);
  } else {
    auto entries = orgs::OrgTree(*db_).BelowMemberships(user_id_);
    if (!entries) {
      scope_error_ = entries.error();
      return *scope_error_;
    }
    for (const auto& entry : *entries) {
      for (const auto& membership : memberships_) {
        if (membership.org_id == entry.root_id) scope[entry.org_id].insert(membership.role);
      }
    }
  }
  scope_ = std::move(scope);
  return Ok();
}

Status Actor::Require(Permission permission, std::int64_t org_id,
                      const std::string& not_found_code) const {
  JIELI_RETURN_IF_ERROR(LoadScope());
  auto it = scope_->find(org_id);
  if (it == scope_->end()) return NotFoundError(not_found_code);
  if (is_system_) return Ok();
  for (auto role : it->second) {
    if (RoleGrants(role, permission)) return Ok();
  }
  return ForbiddenError();
}

bool Actor::HoldsAnywhere(Permission permission) const {
  if (is_system_) return true;
  for (const auto& membership : memberships_) {
    if (RoleGrants(membership.role, permission)) return true;
  }
  return false;
}

Status Actor::RequireAnywhere(Permission permission) const {
  if (HoldsAnywhere(permission)) return Ok();
  return NotHeldAnywhereError(permission, lang);
}

bool Actor::CanSee(std::int64_t org_id) const {
  if (!LoadScope()) return false;
  return scope_->contains(org_id);
}

bool Actor::Can(Permission permission, std::int64_t org_id) const {
  return Require(permission, org_id).ok();
}

Result<std::vector<std::int64_t>> Actor::OrgsWhere(Permission permission) const {
  JIELI_RETURN_IF_ERROR(LoadScope());
  std::vector<std::int64_t> orgs;
  for (const auto& [org_id, roles] : *scope_) {
    if (is_system_) {
      orgs.push_back(org_id);
      continue;
    }
    for (auto role : roles) {
      if (RoleGrants(role, permission)) {
        orgs.push_back(org_id);
        break;
      }
    }
  }
  return orgs;
}

Result<std::set<std::int64_t>> Actor::VisibleOrgs() const {
  JIELI_RETURN_IF_ERROR(LoadScope());
  std::set<std::int64_t> orgs;
  for (const auto& entry : *scope_) orgs.insert(entry.first);
  return orgs;
}

std::vector<Permission> Actor::PermissionsAnywhere() const {
  std::vector<Permission> held;
  for (auto permission : AllPermissions()) {
    if (HoldsAnywhere(permission)) held.push_back(permission);
  }
  return held;
}

std::string InList(std::size_t n) {
  if (n == 0) return "IN (NULL)";
  std::string text = "IN (?";
  for (std::size_t i = 1; i < n; ++i) text += ", ?";
  text += ")";
  return text;
}

}  // namespace jieli::auth
