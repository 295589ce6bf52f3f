// AuthService: signing in and out, browser sessions with CSRF tokens, API
// bearer tokens, password changes, the optional TOTP second factor and the
// security policy (which roles must use it).
//
// Sessions and tokens are random secrets handed to the client once; the store
// keeps only their SHA-256. A session ends after idle_timeout without use.
// Five failed sign-ins in a row lock the account for fifteen minutes.
// Every sign-in, failure, lock-out and credential change is audited.
// Thread-safe: holds references only.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/orgs/org.hpp"
#include "store/db.hpp"

namespace jieli::auth {

struct AuthOptions {
  EpochMs idle_timeout_ms = 30 * 60 * 1000;
  int max_failed_logins = 5;
  EpochMs lockout_ms = 15 * 60 * 1000;
};

// Policy stored in the database so that every node applies the same one.
struct SecurityPolicy {
  std::set<orgs::Role> totp_required_roles;
};

struct LoginInput {
  std::string username;
  std::string password;
  std::string totp_code;  // "" when not given
  std::string client_address;
  std::string request_id;
};

struct LoginResult {
  std::string session_token;  // goes into the HttpOnly cookie
  std::string csrf_token;     // echoed by the client in X-CSRF-Token
  std::int64_t user_id = 0;
  // The user's role requires a second factor they have not set up yet: the
  // session may only reach the TOTP set-up, /me and sign-out until they do.
  bool needs_totp_setup = false;
};

struct TotpSetup {
  std::string secret;  // base32, shown once for manual entry
  std::string uri;     // otpauth:// URI for a QR code
};

struct IssuedToken {
  std::int64_t id = 0;
  std::string token;  // shown once
};

struct TokenInfo {
  std::int64_t id = 0;
  std::string name;
  EpochMs created_at = 0;
  std::optional<EpochMs> last_used_at;
  std::optional<EpochMs> revoked_at;
};

// What an actor signed in with, as LiveCredentials takes it: "s:" + the
// session's hash, "t:" + the token's hash, "" for the system actor.
std::string Credential(const Actor& actor);

class AuthService {
 public:
  AuthService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
              const crypto::FieldCipher& cipher, AuthOptions options)
      : db_(db), clock_(clock), audit_(audit), cipher_(cipher), options_(options) {}

  // Errors: "auth.invalid_credentials" (401), "auth.locked" (423, param minutes),
  // "auth.inactive" (403), "auth.totp_required" (401), "auth.totp_invalid" (401).
  Result<LoginResult> Login(const LoginInput& input) const;
  // Ends the actor's session (no-op for token actors).
  Status Logout(const Actor& actor) const;

  // The actor behind a session cookie. Errors: "auth.unauthenticated",
  // "auth.session_expired" (idle too long; the session is deleted).
  // needs_totp_setup reports a session restricted to the TOTP set-up.
  Result<Actor> AuthenticateSession(const std::string& session_token,
                                    bool* needs_totp_setup) const;
  // The actor behind a bearer token. Error "auth.unauthenticated".
  Result<Actor> AuthenticateToken(const std::string& token) const;
  // Of credentials (see Credential), those still good: sessions that exist
  // and are not idle past the timeout, tokens not revoked. For long-lived
  // connections (event streams) that outlast the request that opened them.
  Result<std::set<std::string>> LiveCredentials(const std::vector<std::string>& credentials) const;

  // Errors: "auth.wrong_password" (400), "validation.failed" (policy).
  // Ends the user's other sessions.
  Status ChangePassword(const Actor& actor, const std::string& current,
                        const std::string& replacement) const;

  // Starts (or restarts) TOTP set-up with a new secret, not yet enforced.
  Result<TotpSetup> BeginTotpSetup(const Actor& actor) const;
  // Enforces the pending secret once the user proves they hold it; lifts the
  // session's set-up restriction. Error "auth.totp_invalid".
  Status EnableTotp(const Actor& actor, const std::string& code) const;
  // Error "auth.totp_invalid"; "auth.totp_setup_required" when a role requires it.
  Status DisableTotp(const Actor& actor, const std::string& code) const;

  // Creates a bearer token for a user by name (CLI). Error "orgs.user_not_found".
  Result<IssuedToken> CreateToken(const std::string& username, const std::string& name) const;
  Result<std::vector<TokenInfo>> ListTokens(const Actor& actor) const;
  // The actor's own token. Error "auth.token_not_found".
  Status RevokeToken(const Actor& actor, std::int64_t token_id) const;
  // Any user's token by id (CLI, system actor).
  // Returns the id of the token's user.
  Result<std::int64_t> RevokeTokenById(std::int64_t token_id) const;

  Result<SecurityPolicy> GetPolicy() const;
  // Needs settings.manage.
  Status SetPolicy(const Actor& actor, const SecurityPolicy& policy) const;

 // An active user as an Actor with their memberships (for sign-in, and for
  // work done on a user's behalf such as the demo data).
  // Error "auth.unauthenticated" when the user is missing or deactivated.
  Result<Actor> LoadActor(std::int64_t user_id) const;

 private:
  Result<bool> RoleRequiresTotp(std::int64_t user_id) const;
  // Whether code is the current TOTP code of the user's (pending or enabled) secret.
  Status CheckTotpCode(std::int64_t user_id, const std::string& code, bool must_be_enabled) const;
  Status RecordLoginEvent(store::Executor& tx, std::optional<std::int64_t> user_id,
                          const LoginInput& input, const std::string& action,
                          const std::string& changes) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const crypto::FieldCipher& cipher_;
  AuthOptions options_;
};

}  // namespace jieli::auth
