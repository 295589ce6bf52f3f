#include "modules/auth/auth_sql.hpp"

namespace jieli::auth {

const char* const kOtherSessionsOfUserDeleteSql =
    "DELETE FROM sessions WHERE user_id = ? AND id_hash <> ?";

const char* const kTokensOfUserRevokeSql =
    "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL";

const char* const kLoginFailuresOfUserDeleteSql = "DELETE FROM login_failures WHERE user_id = ?";

const char* const kTokenRevokeByHashSql =
    "UPDATE api_tokens SET revoked_at = ? WHERE token_hash = ? AND revoked_at IS NULL";

const char* const kLockedUntilSql =
    "SELECT locked_until FROM login_failures WHERE user_id = ? AND client_address = ?";

const char* const kLoginFailureCountSql =
    "INSERT INTO login_failures (user_id, client_address, failures, updated_at) "
    "VALUES (?, ?, 1, ?) ON CONFLICT (user_id, client_address) DO UPDATE "
    "SET failures = login_failures.failures + 1, updated_at = excluded.updated_at "
    "RETURNING failures";

const char* const kLoginFailureLockSql =
    "UPDATE login_failures SET failures = 0, locked_until = ? "
    "WHERE user_id = ? AND client_address = ?";

const char* const kLoginFailuresClearSql =
    "DELETE FROM login_failures WHERE user_id = ? AND client_address = ?";

// Housekeeping (AuthService::RemoveExpired): sessions idle or older than their limits, which
// AuthenticateSession would refuse anyway, and lock-outs that are over with no failure since.
const char* const kExpiredSessionsDeleteSql =
    "DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?";
const char* const kSpentLockoutsDeleteSql =
    "DELETE FROM login_failures WHERE failures = 0 AND locked_until IS NOT NULL "
    "AND locked_until <= ?";

const char* const kSessionInsertSql =
    "INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, last_seen_at, "
    "client_address, needs_totp_setup) VALUES (?, ?, ?, ?, ?, ?, ?)";

const char* const kSessionByHashSql =
    "SELECT user_id, csrf_token, last_seen_at, needs_totp_setup, created_at "
    "FROM sessions WHERE id_hash = ?";

const char* const kSessionDeleteSql = "DELETE FROM sessions WHERE id_hash = ?";

const char* const kSessionTouchSql = "UPDATE sessions SET last_seen_at = ? WHERE id_hash = ?";

const char* const kTokenByHashSql =
    "SELECT id, user_id, last_used_at FROM api_tokens WHERE token_hash = ? AND revoked_at IS "
    "NULL";

const char* const kTokenTouchSql = "UPDATE api_tokens SET last_used_at = ? WHERE id = ?";

const char* const kLiveSessionsInSql = "SELECT id_hash FROM sessions WHERE id_hash ";
const char* const kLiveSessionsCondition = " AND last_seen_at >= ? AND created_at >= ?";

const char* const kUnrevokedTokensInSql =
    "SELECT token_hash, user_id FROM api_tokens "
    "WHERE revoked_at IS NULL AND token_hash ";

const char* const kSessionsTotpSetupDoneSql =
    "UPDATE sessions SET needs_totp_setup = 0 WHERE user_id = ?";

const char* const kTokenInsertSql =
    "INSERT INTO api_tokens (user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?) "
    "RETURNING id";

const char* const kTokensOfUserSql =
    "SELECT id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? "
    "ORDER BY id";

const char* const kTokenRevokeOwnSql =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL";

const char* const kTokenRevokeByIdSql =
    "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL RETURNING user_id";

const char* const kSettingValueSql = "SELECT value FROM settings WHERE key = ?";

const char* const kSettingUpsertSql =
    "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
    "ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at";

}  // namespace jieli::auth
