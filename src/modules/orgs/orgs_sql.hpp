// The SQL of the orgs module as named constants. Internal to src/modules/orgs;
// other modules read these tables through OrgTree (org_tree.hpp) or OrgService.
#pragma once

#include <string>
#include <string_view>

namespace jieli::orgs {

// --- what OrgService reads and writes --------------------------------------------

// SELECT of every column RegionFromRow reads; append WHERE, ORDER BY.
extern const std::string_view kRegionSelect;
extern const std::string_view kRegionLevelSql;
extern const std::string_view kRegionInsertSql;  // parent, level, code, name, at … RETURNING id
extern const std::string_view kRegionRenameSql;  // name, code, id
// SELECT of every column OrgFromRow reads; append WHERE, ORDER BY.
extern const std::string_view kOrgSelect;
extern const std::string_view kOrgCountSql;  // append WHERE
extern const std::string_view kOrgInsertSql;
extern const std::string_view kOrgParentsSql;
extern const std::string_view kOrgUpdateSql;
// SELECT of every column UserFromRow reads; append WHERE, ORDER BY.
extern const std::string_view kUserSelect;
extern const std::string_view kUserCountSql;  // append WHERE
extern const std::string_view kUserInsertSql;
extern const std::string_view kUserUpdateSql;
extern const std::string_view kPasswordResetSql;
extern const std::string_view kMembershipInsertSql;
extern const std::string_view kMembershipsDeleteSql;

// --- the organisation tree ---------------------------------------------------------

// Param 1: an organisation. Rows: it and the organisations above it, nearest first.
extern const std::string kOrgsAboveSql;
// Param 1: an organisation. Rows: it and every organisation below it.
extern const std::string_view kOrgsBelowSql;
extern const std::string_view kAllOrgIdsSql;
// Param 1: a kind. Rows: the active organisations of that kind, by id.
extern const std::string_view kActiveOrgIdsOfKindSql;
// Param 1: a user. Rows: (organisation, the membership's organisation above it).
extern const std::string_view kOrgsBelowMembershipsSql;
// Param 1: an organisation, param 2: a user. Rows: the roles the active user
// holds at the organisation or above it.
extern const std::string kRolesAboveSql;
// Param 1: an organisation, then the roles (append auth::InList). Rows:
// (user, role) of the active users holding one of them at or above it.
extern const std::string kHoldersAboveSql;
extern const std::string_view kOrgIdByNameSql;
// Append auth::InList(n) and n ids. Rows: (id, name).
extern const std::string_view kOrgNamesSql;
extern const std::string_view kRegionNamesSql;  // append auth::InList(n)
// Rows: organisation, region — those with one; append auth::InList(n).
extern const std::string_view kOrgRegionsSql;

// --- regions -----------------------------------------------------------------------

// Param 1: a region. Rows: it and every region below it.
extern const std::string_view kRegionsBelowSql;
extern const std::string_view kRegionExistsSql;
extern const std::string_view kRegionIdByNameSql;

// --- users -------------------------------------------------------------------------

extern const std::string_view kMembershipsOfUserSql;
// The memberships of active users in organisations: append auth::InList(n)
// and the ids. Rows: (user_id, org_id, role).
extern const std::string_view kActiveMembersOfOrgsSql;
// Append auth::InList(n) and the ids. Rows: (id, display_name).
extern const std::string_view kDisplayNamesSql;
extern const std::string_view kUserIdByNameSql;

// --- the sign-in columns of users (UserAccounts) -------------------------------------

// Rows: (id, password_hash, active, totp_enabled, totp_secret, totp_last_step).
extern const std::string_view kSignInByNameSql;
extern const std::string_view kSignInByIdSql;
extern const std::string_view kAccountNameSql;
extern const std::string_view kActiveUserIdByNameSql;
// Append auth::InList(n) and n ids.
extern const std::string_view kActiveUsersAmongSql;
extern const std::string_view kShowLockedUntilSql;
extern const std::string_view kSetPasswordHashSql;
extern const std::string_view kSetTotpSecretSql;
extern const std::string_view kEnableTotpSql;
extern const std::string_view kDisableTotpSql;
extern const std::string_view kClaimTotpStepSql;

}  // namespace jieli::orgs
