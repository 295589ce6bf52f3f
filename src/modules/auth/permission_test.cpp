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
      {Role::kAdmin, Permission::kCasesAssign, false},         // accounts, not casework
      {Role::kWorker, Permission::kQualityRead, true},         // their own numbers
      {Role::kBureauOfficer, Permission::kQualityRead, true},  // aggregates of its region
      {Role::kOperator, Permission::kQualityRead, false},
      {Role::kAdmin, Permission::kQualityRead, false},
      {Role::kSupervisor, Permission::kQualityManage, true},
      {Role::kWorker, Permission::kQualityManage, false},
      {Role::kBureauOfficer, Permission::kQualityManage, false},
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

TEST(Permissions, EveryPermissionHasALabelInTheCatalogue) {
  for (auto permission : AllPermissions()) {
    EXPECT_TRUE(HasMessage("auth.permission." + std::string(ToString(permission))))
        << ToString(permission);
  }
}

TEST(Permissions, TheRefusalOfACallerWhoHoldsItNowhereNamesIt) {
  Error zh = NotHeldAnywhereError(Permission::kCasesRead, Lang::kZh);
  EXPECT_EQ(zh.kind(), ErrorKind::kForbidden);
  EXPECT_EQ(zh.code(), "auth.forbidden");
  EXPECT_EQ(Message(zh.code(), Lang::kZh, zh.params()), "您没有“查看个案”的权限。");
  Error en = NotHeldAnywhereError(Permission::kAuditRead, Lang::kEn);
  EXPECT_EQ(Message(en.code(), Lang::kEn, en.params()),
            "You do not have permission to read the audit log.");
  // Without the parameter, auth.forbidden keeps its general wording.
  EXPECT_EQ(Message("auth.forbidden", Lang::kZh), "您没有执行此操作的权限。");
  EXPECT_EQ(Message("auth.forbidden", Lang::kZh, {{"other", "x"}}), "您没有执行此操作的权限。");
}

}  // namespace
}  // namespace jieli::auth
