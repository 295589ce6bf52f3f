#include "modules/auth/permission.hpp"

#include <gtest/gtest.h>

namespace jieli::auth {
namespace {

using orgs::Role;

TEST(Permissions, TableOfWhoMayDoWhat) {
  struct Case {
    Role role;
    Permission permission;
    bool granted;
  };
  const Case cases[] = {
      {Role::kAdmin, Permission::kOrgsManage, true},
      {Role::kAdmin, Permission::kAuditRead, true},
      {Role::kAdmin, Permission::kClientsRead, false},  // IT admin, not casework
      {Role::kLeader, Permission::kOrgsManage, false},
      {Role::kLeader, Permission::kCasesApprove, true},
      {Role::kSupervisor, Permission::kCasesApprove, true},
      {Role::kWorker, Permission::kCasesApprove, false},
      {Role::kWorker, Permission::kCasesWrite, true},
      {Role::kWorker, Permission::kClientsReveal, true},
      {Role::kWorker, Permission::kAuditRead, false},
      {Role::kOperator, Permission::kClientsRead, true},
      {Role::kOperator, Permission::kClientsReveal, false},
      {Role::kBureauOfficer, Permission::kCasesRead, false},  // aggregates only
      {Role::kBureauOfficer, Permission::kOrgsRead, true},
      {Role::kVolunteer, Permission::kClientsRead, false},
      {Role::kLeader, Permission::kCasesAssign, true},
      {Role::kSupervisor, Permission::kCasesAssign, false},
      {Role::kAdmin, Permission::kCasesAssign, false},  // accounts, not casework
  };
  for (const auto& c : cases) {
    EXPECT_EQ(RoleGrants(c.role, c.permission), c.granted)
        << orgs::ToString(c.role) << " " << ToString(c.permission);
  }
}

TEST(Permissions, EveryPermissionHasAName) {
  for (auto permission : AllPermissions()) {
    EXPECT_FALSE(ToString(permission).empty());
    EXPECT_EQ(ParsePermission(ToString(permission)), permission) << ToString(permission);
  }
  EXPECT_EQ(ParsePermission(""), std::nullopt);
  EXPECT_EQ(ParsePermission("cases"), std::nullopt);
  EXPECT_EQ(ParsePermission("CASES.READ"), std::nullopt);
}

}  // namespace
}  // namespace jieli::auth
