#include "modules/orgs/orgs_sql.hpp"

#include "modules/orgs/org_tree.hpp"

namespace jieli::orgs {
namespace {

// The one walk up the tree: up(id, depth) holds the organisation of param 1 at
// depth 0 and each one above it. UNION ALL with a depth limit, not UNION: the
// depth keeps the order nearest-first (which the callers need to take the
// nearest setting), and with a depth column UNION would not stop a cycle
// anyway; the limit does, and UNION ALL skips the duplicate check.
const std::string kOrgsAboveCte = R"sql(WITH RECURSIVE up(id, depth) AS (
  SELECT CAST(? AS BIGINT), 0
  UNION ALL
  SELECT o.parent_id, up.depth + 1 FROM organizations o JOIN up ON o.id = up.id
  WHERE o.parent_id IS NOT NULL AND up.depth < )sql" +
                                  std::to_string(kMaxOrgDepth - 1) + "\n)\n";

}  // namespace

const std::string_view kRegionSelect = "SELECT id, parent_id, level, code, name FROM regions";
const std::string_view kRegionLevelSql = "SELECT level FROM regions WHERE id = ?";
const std::string_view kRegionInsertSql =
    "INSERT INTO regions (parent_id, level, code, name, created_at) VALUES (?, ?, ?, ?, ?) "
    "RETURNING id";
const std::string_view kRegionRenameSql = "UPDATE regions SET name = ?, code = ? WHERE id = ?";

const std::string_view kOrgSelect =
    "SELECT id, parent_id, kind, agency_type, name, region_id, contact_phone, address, active, "
    "created_at, updated_at FROM organizations";
const std::string_view kOrgCountSql = "SELECT COUNT(*) FROM organizations";
const std::string_view kOrgInsertSql =
    "INSERT INTO organizations (parent_id, kind, agency_type, name, region_id, contact_phone, "
    "address, active, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id";
const std::string_view kOrgParentsSql = "SELECT id, parent_id FROM organizations";
const std::string_view kOrgUpdateSql =
    "UPDATE organizations SET parent_id = ?, agency_type = ?, name = ?, region_id = ?, "
    "contact_phone = ?, address = ?, active = ?, updated_at = ? WHERE id = ?";

const std::string_view kUserSelect =
    "SELECT id, username, display_name, active, totp_enabled, locked_until, created_at, "
    "updated_at FROM users";
const std::string_view kUserCountSql = "SELECT COUNT(*) FROM users";
const std::string_view kUserInsertSql =
    "INSERT INTO users (username, display_name, password_hash, active, failed_logins, "
    "totp_enabled, password_changed_at, created_at, updated_at) "
    "VALUES (?, ?, ?, 1, 0, 0, ?, ?, ?) RETURNING id";
const std::string_view kUserUpdateSql =
    "UPDATE users SET display_name = ?, active = ?, updated_at = ? WHERE id = ?";
const std::string_view kPasswordResetSql =
    "UPDATE users SET password_hash = ?, failed_logins = 0, locked_until = NULL, "
    "password_changed_at = ?, updated_at = ? WHERE id = ?";
const std::string_view kMembershipInsertSql =
    "INSERT INTO memberships (user_id, org_id, role) VALUES (?, ?, ?) ON CONFLICT DO NOTHING";
const std::string_view kMembershipsDeleteSql = "DELETE FROM memberships WHERE user_id = ?";

const std::string kOrgsAboveSql = kOrgsAboveCte + "SELECT id FROM up ORDER BY depth";

// Down the tree UNION suffices (no order is needed) and stops a cycle.
const std::string_view kOrgsBelowSql = R"sql(WITH RECURSIVE below(id) AS (
  SELECT CAST(? AS BIGINT)
  UNION
  SELECT o.id FROM organizations o JOIN below ON o.parent_id = below.id
)
SELECT id FROM below)sql";

const std::string_view kAllOrgIdsSql = "SELECT id FROM organizations";
const std::string_view kActiveOrgIdsOfKindSql =
    "SELECT id FROM organizations WHERE kind = ? AND active = 1 ORDER BY id";

// UNION (not UNION ALL) stops on an accidental cycle.
const std::string_view kOrgsBelowMembershipsSql = R"sql(
WITH RECURSIVE scope(org_id, root_id) AS (
  SELECT org_id, org_id FROM memberships WHERE user_id = ?
  UNION
  SELECT o.id, s.root_id FROM organizations o JOIN scope s ON o.parent_id = s.org_id
)
SELECT org_id, root_id FROM scope)sql";

const std::string kRolesAboveSql = kOrgsAboveCte + R"sql(SELECT DISTINCT m.role
FROM memberships m JOIN up ON m.org_id = up.id JOIN users u ON u.id = m.user_id
WHERE m.user_id = ? AND u.active = 1)sql";

const std::string kHoldersAboveSql = kOrgsAboveCte + R"sql(SELECT DISTINCT m.user_id, m.role
FROM memberships m JOIN up ON m.org_id = up.id JOIN users u ON u.id = m.user_id
WHERE u.active = 1 AND m.role )sql";

const std::string_view kOrgIdByNameSql = "SELECT id FROM organizations WHERE name = ?";
const std::string_view kRegionNamesSql = "SELECT id, name FROM regions WHERE id ";
const std::string_view kOrgRegionsSql =
    "SELECT id, region_id FROM organizations WHERE region_id IS NOT NULL AND id ";
const std::string_view kOrgNamesSql = "SELECT id, name FROM organizations WHERE id ";

const std::string_view kRegionsBelowSql = R"sql(WITH RECURSIVE below(id) AS (
  SELECT CAST(? AS BIGINT)
  UNION
  SELECT r.id FROM regions r JOIN below ON r.parent_id = below.id
)
SELECT id FROM below)sql";

const std::string_view kRegionExistsSql = "SELECT id FROM regions WHERE id = ?";
const std::string_view kRegionIdByNameSql = "SELECT id FROM regions WHERE name = ?";

const std::string_view kMembershipsOfUserSql =
    "SELECT org_id, role FROM memberships WHERE user_id = ? ORDER BY org_id, role";

const std::string_view kActiveMembersOfOrgsSql =
    "SELECT m.user_id, m.org_id, m.role FROM memberships m JOIN users u ON u.id = m.user_id "
    "WHERE u.active = 1 AND m.org_id ";

const std::string_view kDisplayNamesSql = "SELECT id, display_name FROM users WHERE id ";
const std::string_view kUserIdByNameSql = "SELECT id FROM users WHERE username = ?";

const std::string_view kSignInByNameSql =
    "SELECT id, password_hash, active, totp_enabled, totp_secret, totp_last_step FROM users "
    "WHERE username = ?";
const std::string_view kSignInByIdSql =
    "SELECT id, password_hash, active, totp_enabled, totp_secret, totp_last_step FROM users "
    "WHERE id = ?";
const std::string_view kAccountNameSql =
    "SELECT username, display_name, active FROM users WHERE id = ?";
const std::string_view kActiveUserIdByNameSql =
    "SELECT id FROM users WHERE username = ? AND active = 1";
const std::string_view kActiveUsersAmongSql = "SELECT id FROM users WHERE active = 1 AND id ";
const std::string_view kShowLockedUntilSql = "UPDATE users SET locked_until = ? WHERE id = ?";
const std::string_view kSetPasswordHashSql =
    "UPDATE users SET password_hash = ?, password_changed_at = ?, updated_at = ? WHERE id = ?";
const std::string_view kSetTotpSecretSql = "UPDATE users SET totp_secret = ? WHERE id = ?";
const std::string_view kEnableTotpSql = "UPDATE users SET totp_enabled = 1 WHERE id = ?";
const std::string_view kDisableTotpSql =
    "UPDATE users SET totp_enabled = 0, totp_secret = NULL WHERE id = ?";
const std::string_view kClaimTotpStepSql =
    "UPDATE users SET totp_last_step = ? "
    "WHERE id = ? AND (totp_last_step IS NULL OR totp_last_step < ?)";

}  // namespace jieli::orgs
