// OrgTree: what other modules may read of the orgs module's tables: the
// organisation and region trees, who holds which role where, and users' names.
// docs/decisions/0008-module-boundaries.md: a module reaches another module's
// tables only through it. The reads are unchecked (the caller has authorised
// already) and run on the Executor given, so that a caller inside its
// transaction sees what it has written. Auth uses it too, without an OrgService
// (which itself needs an Actor), hence a class of its own.
// Not thread-safe: one per call, like the Executor it wraps.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "modules/orgs/org.hpp"
#include "store/db.hpp"

namespace jieli::orgs {

// A user holding a role at an organisation.
struct RoleHolder {
  std::int64_t user_id = 0;
  Role role = Role::kWorker;
  bool operator==(const RoleHolder&) const = default;
};

// A user's role at an organisation (one row of its roll).
struct Member {
  std::int64_t user_id = 0;
  std::int64_t org_id = 0;
  Role role = Role::kWorker;
};

// An organisation reached from a membership, with the membership's organisation.
struct ScopeEntry {
  std::int64_t org_id = 0;
  std::int64_t root_id = 0;
};

// How deep the walk up the organisation tree goes. The service refuses a
// parent that would make a cycle, but a cycle written by hand into the store
// must not make a query run forever; real trees are about five deep.
inline constexpr int kMaxOrgDepth = 32;

class OrgTree {
 public:
  explicit OrgTree(store::Executor& db) : db_(db) {}

  // org_id, its parent, its parent's parent … up to the root: nearest first.
  // At most kMaxOrgDepth entries.
  Result<std::vector<std::int64_t>> Above(std::int64_t org_id) const;
  // org_id and every organisation below it, in no particular order.
  Result<std::vector<std::int64_t>> Below(std::int64_t org_id) const;
  // Every organisation.
  Result<std::vector<std::int64_t>> AllIds() const;
  // The active organisations of a kind, by id.
  Result<std::vector<std::int64_t>> ActiveOfKind(OrgKind kind) const;
  // Every organisation at or below one of the user's memberships, with the
  // membership's organisation it descends from (an organisation below two
  // memberships appears twice).
  Result<std::vector<ScopeEntry>> BelowMemberships(std::int64_t user_id) const;

  // The user's memberships, ordered by organisation and role.
  Result<std::vector<Membership>> Memberships(std::int64_t user_id) const;
  // The memberships held by active users in the organisations (each user,
  // organisation and role once): the staff on their roll now.
  Result<std::vector<Member>> ActiveMembers(const std::vector<std::int64_t>& org_ids) const;
  // The roles an active user holds at org_id, counting those held at an
  // organisation above it (a role applies to everything below). Empty for an
  // inactive or unknown user.
  Result<std::set<Role>> RolesAt(std::int64_t user_id, std::int64_t org_id) const;
  // The active users holding one of roles at org_id or above it, each
  // (user, role) once, ordered by user and role.
  Result<std::vector<RoleHolder>> HoldersAbove(std::int64_t org_id,
                                               const std::set<Role>& roles) const;
  // The display names of the users among ids that exist.
  Result<std::map<std::int64_t, std::string>> DisplayNames(const std::set<std::int64_t>& ids) const;
  // The user with this user name (demo data), or 0 when there is none.
  Result<std::int64_t> UserIdNamed(const std::string& username) const;
  // The names of the organisations among ids that exist.
  Result<std::map<std::int64_t, std::string>> OrgNames(const std::set<std::int64_t>& ids) const;
  // The organisation with this exact name (demo data), or 0 when there is none.
  Result<std::int64_t> OrgIdNamed(const std::string& name) const;

  // region_id and every region below it.
  Result<std::vector<std::int64_t>> RegionsBelow(std::int64_t region_id) const;
  Result<bool> RegionExists(std::int64_t region_id) const;
  // The region of each organisation among ids that has one.
  Result<std::map<std::int64_t, std::int64_t>> OrgRegions(const std::set<std::int64_t>& ids) const;
  // The names of the regions among ids that exist.
  Result<std::map<std::int64_t, std::string>> RegionNames(const std::set<std::int64_t>& ids) const;
  // The region with this exact name (demo data), or 0 when there is none.
  Result<std::int64_t> RegionIdNamed(const std::string& name) const;

 private:
  store::Executor& db_;
};

}  // namespace jieli::orgs
