#include "modules/orgs/role_holders.hpp"

#include <string>

#include "modules/auth/actor.hpp"

namespace jieli::orgs {
namespace {

// Param 1: a role, then the organisations (append auth::InList).
constexpr std::string_view kHoldersInSql =
    "SELECT DISTINCT m.user_id FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE u.active = 1 AND m.role = ? AND m.org_id ";

}  // namespace

Result<std::vector<std::int64_t>> HoldersIn(store::Executor& db,
                                            const std::vector<std::int64_t>& org_ids, Role role) {
  std::vector<std::int64_t> users;
  if (org_ids.empty()) return users;
  std::vector<store::Value> params{std::string(ToString(role))};
  params.insert(params.end(), org_ids.begin(), org_ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows,
      db.Query(std::string(kHoldersInSql) + auth::InList(org_ids.size()) + " ORDER BY m.user_id",
               params));
  for (const auto& row : rows) users.push_back(row.Int(0));
  return users;
}

}  // namespace jieli::orgs
