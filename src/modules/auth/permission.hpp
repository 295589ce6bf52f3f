// Permissions: one per kind of action, and which roles grant which. The rule
// table is domain policy, kept free of storage and HTTP so it can be read and
// tested on its own. Later modules add their permissions here.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/messages.hpp"
#include "modules/orgs/org.hpp"

namespace jieli::auth {

enum class Permission {
  kOrgsRead,        // see organisations, regions and users in scope
  kOrgsManage,      // create, update, deactivate organisations
  kRegionsManage,   // edit the region tree
  kUsersManage,     // create, update, deactivate users and their roles
  kAuditRead,       // page the audit log
  kSettingsManage,  // security settings (two-factor requirement, idle timeout)
  kClientsRead,     // see client records (masked sensitive fields)
  kClientsWrite,    // register and edit clients, import them
  kClientsReveal,   // see a client's ID number and phone in clear (audited)
  kCasesRead,       // see cases and their stage forms
  kCasesWrite,      // open cases, save stage forms, record services, move stages
  kCasesApprove,    // approve or reject plans and closures (not one's own cases)
  kCaseNotesRead,   // read case notes: the case team, their supervisors, leaders
  kCasesConfigure,  // stage deadlines and extra form fields of an agency
  kCasesAssign,     // name a case's supervisor (leaders)
  kJobsRead,        // see the background job queue and its runs (operations)
  kQualityRead,     // see quality indicators, charts, objectives, audits, supervision, cycles
  kQualityManage,   // set objectives, run audits, record supervision and training, lead cycles
};

std::string_view ToString(Permission permission);
// The permission named by ToString's text ("cases.write"), or nullopt.
std::optional<Permission> ParsePermission(std::string_view name);
const std::vector<Permission>& AllPermissions();

// Whether holding role in an organisation grants permission there and in the
// organisations below it.
bool RoleGrants(orgs::Role role, Permission permission);

// The refusal of a caller who holds permission in no organisation: 403
// "auth.forbidden", whose message names the permission in lang ("您没有“查看个
// 案”的权限。"), so that the user learns what they lack, not just that they lack.
Error NotHeldAnywhereError(Permission permission, Lang lang);

}  // namespace jieli::auth
