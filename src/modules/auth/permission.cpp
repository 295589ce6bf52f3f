#include "modules/auth/permission.hpp"

namespace jieli::auth {

using orgs::Role;

std::string_view ToString(Permission permission) {
  switch (permission) {
    case Permission::kOrgsRead:
      return "orgs.read";
    case Permission::kOrgsManage:
      return "orgs.manage";
    case Permission::kRegionsManage:
      return "regions.manage";
    case Permission::kUsersManage:
      return "users.manage";
    case Permission::kAuditRead:
      return "audit.read";
    case Permission::kSettingsManage:
      return "settings.manage";
    case Permission::kClientsRead:
      return "clients.read";
    case Permission::kClientsWrite:
      return "clients.write";
    case Permission::kClientsReveal:
      return "clients.reveal";
    case Permission::kCasesRead:
      return "cases.read";
    case Permission::kCasesWrite:
      return "cases.write";
    case Permission::kCasesApprove:
      return "cases.approve";
    case Permission::kCaseNotesRead:
      return "cases.notes";
    case Permission::kCasesConfigure:
      return "cases.configure";
    case Permission::kCasesAssign:
      return "cases.assign";
    case Permission::kQualityRead:
      return "quality.read";
    case Permission::kQualityManage:
      return "quality.manage";
    case Permission::kJobsRead:
      return "jobs.read";
  }
  return "";
}

std::optional<Permission> ParsePermission(std::string_view name) {
  for (auto permission : AllPermissions()) {
    if (ToString(permission) == name) return permission;
  }
  return std::nullopt;
}

const std::vector<Permission>& AllPermissions() {
  static const std::vector<Permission> kAll = {
      Permission::kOrgsRead,      Permission::kOrgsManage,     Permission::kRegionsManage,
      Permission::kUsersManage,   Permission::kAuditRead,      Permission::kSettingsManage,
      Permission::kClientsRead,   Permission::kClientsWrite,   Permission::kClientsReveal,
      Permission::kCasesRead,     Permission::kCasesWrite,     Permission::kCasesApprove,
      Permission::kCaseNotesRead, Permission::kCasesConfigure, Permission::kCasesAssign,
      Permission::kJobsRead,      Permission::kQualityRead,    Permission::kQualityManage,
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
    case Permission::kJobsRead:
      return role == Role::kAdmin;
    // Casework belongs to the agency's people; the bureau sees aggregates only
    // (its own reports), and the IT admin manages accounts, not clients.
    case Permission::kClientsRead:
    case Permission::kCasesRead:
      return role == Role::kLeader || role == Role::kSupervisor || role == Role::kWorker ||
             role == Role::kOperator;
    case Permission::kClientsWrite:
    case Permission::kCasesWrite:
    case Permission::kClientsReveal:
      return role == Role::kLeader || role == Role::kSupervisor || role == Role::kWorker;
    case Permission::kCasesApprove:
      return role == Role::kLeader || role == Role::kSupervisor;
    case Permission::kCaseNotesRead:
      // Membership alone is not enough: the cases module also requires being on
      // the case team unless the role is supervisor or leader.
      return role == Role::kLeader || role == Role::kSupervisor || role == Role::kWorker;
    case Permission::kCasesConfigure:
      return role == Role::kLeader || role == Role::kAdmin;
    case Permission::kCasesAssign:
      // Who supervises a case is the agency's decision, not the IT admin's.
      return role == Role::kLeader;
    // Quality is everyone's (TQM): workers see their own numbers, supervisors
    // their team's, leaders the agency's (the service narrows the rows); the
    // bureau sees aggregates of the agencies in its region, never a client.
    case Permission::kQualityRead:
      return role == Role::kLeader || role == Role::kSupervisor || role == Role::kWorker ||
             role == Role::kBureauOfficer;
    case Permission::kQualityManage:
      return role == Role::kLeader || role == Role::kSupervisor;
  }
  return false;
}

Error NotHeldAnywhereError(Permission permission, Lang lang) {
  // The label is put in the caller's language here: a message parameter is
  // filled in as it is.
  const std::string label = Message("auth.permission." + std::string(ToString(permission)), lang);
  return ForbiddenError().WithParam("permission", label);
}

}  // namespace jieli::auth
