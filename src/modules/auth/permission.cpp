#include "modules/auth/permission.hpp"

namespace jieli::auth {

using orgs::Role;

std::string_view ToString(Permission permission) {
  switch (permission) {
    case Permission::kOrgsRead: return "orgs.read";
    case Permission::kOrgsManage: return "orgs.manage";
    case Permission::kRegionsManage: return "regions.manage";
    case Permission::kUsersManage: return "users.manage";
    case Permission::kAuditRead: return "audit.read";
    case Permission::kSettingsManage: return "settings.manage";
  }
  return "";
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> kAll = {
      Permission::kOrgsRead,    Permission::kOrgsManage, Permission::kRegionsManage,
      Permission::kUsersManage, Permission::kAuditRead,  Permission::kSettingsManage,
  };
  return kAll;
}

bool RoleGrants(Role role, Permission permission) {
  switch (permission) {
    case Permission::kOrgsRead:
      return true;  // every member may see the organisations and colleagues in scope
    case Permission::kOrgsManage:
    case Permission::kRegionsManage:
    case Permission::kUsersManage:
    case Permission::kAuditRead:
    case Permission::kSettingsManage:
      return role == Role::kAdmin;
  }
  return false;
}

}  // namespace jieli::auth
