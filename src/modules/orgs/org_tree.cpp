#include "modules/orgs/org_tree.hpp"

#include "modules/auth/actor.hpp"
#include "modules/orgs/orgs_sql.hpp"

namespace jieli::orgs {
namespace {

Result<std::vector<std::int64_t>> Ids(store::Executor& db, std::string_view sql,
                                      const std::vector<store::Value>& params) {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(sql, params));
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) ids.push_back(row.Int(0));
  return ids;
}

// The id of the first row, or 0.
Result<std::int64_t> FirstId(store::Executor& db, std::string_view sql,
                             const std::vector<store::Value>& params) {
  JIELI_ASSIGN_OR_RETURN(auto row, db.QueryOne(sql, params));
  return row ? row->Int(0) : std::int64_t{0};
}

}  // namespace

Result<std::vector<std::int64_t>> OrgTree::Above(std::int64_t org_id) const {
  return Ids(db_, kOrgsAboveSql, {org_id});
}

Result<std::vector<std::int64_t>> OrgTree::Below(std::int64_t org_id) const {
  return Ids(db_, kOrgsBelowSql, {org_id});
}

Result<std::vector<std::int64_t>> OrgTree::AllIds() const { return Ids(db_, kAllOrgIdsSql, {}); }

Result<std::vector<std::int64_t>> OrgTree::ActiveOfKind(OrgKind kind) const {
  return Ids(db_, kActiveOrgIdsOfKindSql, {std::string(ToString(kind))});
}

Result<std::vector<ScopeEntry>> OrgTree::BelowMemberships(std::int64_t user_id) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kOrgsBelowMembershipsSql, {user_id}));
  std::vector<ScopeEntry> scope;
  scope.reserve(rows.size());
  for (const auto& row : rows) scope.push_back({row.Int(0), row.Int(1)});
  return scope;
}

Result<std::vector<Membership>> OrgTree::Memberships(std::int64_t user_id) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kMembershipsOfUserSql, {user_id}));
  std::vector<Membership> memberships;
  for (const auto& row : rows) {
    if (auto role = ParseRole(row.Text(1))) memberships.push_back({row.Int(0), *role});
  }
  return memberships;
}

Result<std::vector<Member>> OrgTree::ActiveMembers(const std::vector<std::int64_t>& org_ids) const {
  std::vector<Member> members;
  if (org_ids.empty()) return members;
  std::vector<store::Value> params(org_ids.begin(), org_ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows,
      db_.Query(std::string(kActiveMembersOfOrgsSql) + auth::InList(org_ids.size()), params));
  for (const auto& row : rows) {
    if (auto role = ParseRole(row.Text(2))) members.push_back({row.Int(0), row.Int(1), *role});
  }
  return members;
}

Result<std::set<Role>> OrgTree::RolesAt(std::int64_t user_id, std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kRolesAboveSql, {org_id, user_id}));
  std::set<Role> roles;
  for (const auto& row : rows) {
    if (auto role = ParseRole(row.Text(0))) roles.insert(*role);
  }
  return roles;
}

Result<std::vector<RoleHolder>> OrgTree::HoldersAbove(std::int64_t org_id,
                                                      const std::set<Role>& roles) const {
  std::vector<store::Value> params{org_id};
  for (auto role : roles) params.emplace_back(std::string(ToString(role)));
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kHoldersAboveSql + auth::InList(roles.size()) +
                                                  " ORDER BY m.user_id, m.role",
                                              params));
  std::vector<RoleHolder> holders;
  for (const auto& row : rows) {
    if (auto role = ParseRole(row.Text(1))) holders.push_back({row.Int(0), *role});
  }
  return holders;
}

Result<std::map<std::int64_t, std::string>> OrgTree::DisplayNames(
    const std::set<std::int64_t>& ids) const {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  std::vector<store::Value> params(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kDisplayNamesSql) + auth::InList(ids.size()), params));
  for (const auto& row : rows) names[row.Int(0)] = row.Text(1);
  return names;
}

Result<std::int64_t> OrgTree::UserIdNamed(const std::string& username) const {
  return FirstId(db_, kUserIdByNameSql, {username});
}

Result<std::map<std::int64_t, std::string>> OrgTree::OrgNames(
    const std::set<std::int64_t>& ids) const {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  std::vector<store::Value> params(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db_.Query(std::string(kOrgNamesSql) + auth::InList(ids.size()), params));
  for (const auto& row : rows) names[row.Int(0)] = row.Text(1);
  return names;
}

Result<std::int64_t> OrgTree::OrgIdNamed(const std::string& name) const {
  return FirstId(db_, kOrgIdByNameSql, {name});
}

Result<std::vector<std::int64_t>> OrgTree::RegionsBelow(std::int64_t region_id) const {
  return Ids(db_, kRegionsBelowSql, {region_id});
}

Result<std::map<std::int64_t, std::string>> OrgTree::RegionNames(
    const std::set<std::int64_t>& ids) const {
  std::map<std::int64_t, std::string> names;
  if (ids.empty()) return names;
  std::vector<store::Value> params(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kRegionNamesSql) + auth::InList(ids.size()), params));
  for (const auto& row : rows) names[row.Int(0)] = row.Text(1);
  return names;
}

Result<std::map<std::int64_t, std::int64_t>> OrgTree::OrgRegions(
    const std::set<std::int64_t>& ids) const {
  std::map<std::int64_t, std::int64_t> regions;
  if (ids.empty()) return regions;
  std::vector<store::Value> params(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db_.Query(std::string(kOrgRegionsSql) + auth::InList(ids.size()), params));
  for (const auto& row : rows) regions[row.Int(0)] = row.Int(1);
  return regions;
}

Result<bool> OrgTree::RegionExists(std::int64_t region_id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, FirstId(db_, kRegionExistsSql, {region_id}));
  return found != 0;
}

Result<std::int64_t> OrgTree::RegionIdNamed(const std::string& name) const {
  return FirstId(db_, kRegionIdByNameSql, {name});
}

}  // namespace jieli::orgs
