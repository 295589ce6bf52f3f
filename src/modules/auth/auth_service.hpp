// AuthService: signing in and out, browser sessions with CSRF tokens, API
// bearer tokens, password changes, the optional TOTP second factor and the
// security policy (which roles must use it).
//
// Sessions and tokens are random secrets handed to the client once; the store
// keeps only their SHA-256. A session ends after idle_timeout without use, and
// session_lifetime after it began however much it is used.
//
// Lock-out: five failed checks in a row of one account from one client address
// — wrong passwords or TOTP codes at sign-in, and inside a session a wrong
// current password (password change) or TOTP code (turning TOTP off) — lock
// that account from that address for fifteen minutes; other addresses are not
// affected, so a stranger cannot lock a user out. A sign-in that is locked out
// answers exactly like a wrong password (and without checking it), as does one
// for a user name that does not exist: neither reveals whether the account
// exists or is locked. Inside a session the fifth failure ends the session (or
// revokes the token) and answers "auth.locked".
//
// A password change, a reset by an administrator and a deactivation end the
// user's sessions and revoke their API tokens for good. A TOTP code is accepted
// once: a code of a time step not later than the last accepted one is refused.
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
  EpochMs idle_timeout_ms = 30 * 60 * 1000;           // a session unused this long ends
  EpochMs session_lifetime_ms = 12 * 60 * 60 * 1000;  // a session this old ends, used or not
  int max_failed_logins = 5;                          // failed checks in a row, per address
  EpochMs lockout_ms = 15 * 60 * 1000;                // how long the address is then locked out
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

  // Errors: "auth.invalid_credentials" (401, params max and minutes: also for
  // an unknown user and for an account locked out from input.client_address),
  // "auth.inactive" (403), "auth.totp_required" (401), "auth.totp_invalid" (401).
  Result<LoginResult> Login(const LoginInput& input) const;
  // Ends the actor's session (no-op for token actors).
  Status Logout(const Actor& actor) const;

  // The actor behind a session cookie. Errors: "auth.unauthenticated",
  // "auth.session_expired" (idle too long or past its lifetime; the session is
  // deleted).
  // needs_totp_setup reports a session restricted to the TOTP set-up.
  Result<Actor> AuthenticateSession(const std::string& session_token, bool* needs_totp_setup) const;
  // The actor behind a bearer token. Error "auth.unauthenticated".
  Result<Actor> AuthenticateToken(const std::string& token) const;
  // Of credentials (see Credential), those still good: sessions that exist
  // and are neither idle past the timeout nor past their lifetime, tokens not
  // revoked. For long-lived connections (event streams) that outlast the
  // request that opened them.
  Result<std::set<std::string>> LiveCredentials(const std::vector<std::string>& credentials) const;

  // Housekeeping for the daily cleanup job: deletes the sessions that are idle
  // or older than their limits (refused at their next use anyway) and the
  // lock-outs that are over with no failure counted since. Failures still
  // counting toward a lock-out stay. The number of rows removed.
  Result<std::int64_t> RemoveExpired(store::Transaction& tx) const;

  // Errors: "auth.wrong_password" (400; counts towards the lock-out),
  // "auth.locked" (423, param minutes: the actor's address is locked out, now
  // or by this failure; the actor's session or token has been ended),
  // "validation.failed" (policy). Ends the user's other sessions and revokes
  // all their API tokens.
  Status ChangePassword(const Actor& actor, const std::string& current,
                        const std::string& replacement) const;

  // Starts (or restarts) TOTP set-up with a new secret, not yet enforced.
  Result<TotpSetup> BeginTotpSetup(const Actor& actor) const;
  // Enforces the pending secret once the user proves they hold it; lifts the
  // session's set-up restriction. Error "auth.totp_invalid" (also for a code
  // already used).
  Status EnableTotp(const Actor& actor, const std::string& code) const;
  // Errors: "auth.totp_invalid" (counts towards the lock-out), "auth.locked"
  // (as for ChangePassword), "auth.totp_setup_required" when a role requires it.
  Status DisableTotp(const Actor& actor, const std::string& code) const;

  // Creates a bearer token for a user by name (CLI). Error "orgs.user_not_found".
  Result<IssuedToken> CreateToken(const std::string& username, const std::string& name) const;
  Result<std::vector<TokenInfo>> ListTokens(const Actor& actor) const;
  // The actor's own token. Error "auth.token_not_found".
  Status RevokeToken(const Actor& actor, std::int64_t token_id) const;
  // Any user's token by id (CLI, system actor).
  // Returns the id of the token's user.
  Result<std::int64_t> RevokeTokenById(std::int64_t token_id) const;

  // The policy as sign-in applies it, unchecked. Error "store.corrupt" when
  // the stored policy cannot be read (never "no second factor required").
  Result<SecurityPolicy> GetPolicy() const;
  // The policy for an actor with settings.manage anywhere (else
  // "auth.forbidden"); errors as GetPolicy().
  Result<SecurityPolicy> GetPolicy(const Actor& actor) const;
  // Needs settings.manage.
  Status SetPolicy(const Actor& actor, const SecurityPolicy& policy) const;

  // An active user as an Actor with their memberships (for sign-in, and for
  // work done on a user's behalf such as the demo data).
  // Error "auth.unauthenticated" when the user is missing or deactivated.
  Result<Actor> LoadActor(std::int64_t user_id) const;

 private:
  struct FailureCount {
    std::int64_t failures = 0;  // in a row, this one included
    bool locked = false;        // this failure locked the pair out
  };

  Result<bool> RoleRequiresTotp(std::int64_t user_id) const;
  // The time step of code when it is a current TOTP code of the user's
  // (pending or enabled) secret and later than the last step the user used.
  // Errors: "auth.totp_not_started" (409), "auth.totp_invalid" (400).
  Result<std::int64_t> CheckTotpCode(std::int64_t user_id, const std::string& code,
                                     bool must_be_enabled) const;
  // Records step as the user's last accepted one. False when it is not later
  // than the last (another request used the code first).
  Result<bool> ClaimTotpStep(store::Executor& tx, std::int64_t user_id, std::int64_t step) const;
  Status RecordLoginEvent(store::Executor& tx, std::optional<std::int64_t> user_id,
                          const LoginInput& input, const std::string& action,
                          const std::string& changes) const;
  // The answer to a failed sign-in, to an unknown user and to a locked-out one alike.
  Error InvalidCredentials() const;
  // Minutes the user stays locked out from address (rounded up), or nullopt.
  Result<std::optional<std::int64_t>> LockedMinutes(std::int64_t user_id,
                                                    const std::string& address) const;
  // Counts a failed check of (user, address); locks the pair out at the limit
  // and shows the lock to administrators in users.locked_until.
  Result<FailureCount> CountFailure(store::Executor& tx, std::int64_t user_id,
                                    const std::string& address) const;
  // Forgets the failures of (user, address) after a successful check.
  Status ClearFailures(store::Executor& tx, std::int64_t user_id, const std::string& address) const;
  // Inside a session: "auth.locked" after ending the actor's session or token
  // when the actor's address is locked out; Ok otherwise.
  Status RefuseWhileLocked(const Actor& actor) const;
  // Inside a session: counts and audits a failed check (during names it),
  // commits tx and returns refusal, or "auth.locked" when this failure locked
  // the address out (the actor's session or token is then ended).
  Status FailCheck(store::Transaction& tx, const Actor& actor, const std::string& during,
                   Error refusal) const;
  Error LockedError(std::int64_t minutes) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const crypto::FieldCipher& cipher_;
  AuthOptions options_;
};

}  // namespace jieli::auth
