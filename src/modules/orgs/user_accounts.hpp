// UserAccounts: the sign-in columns of the orgs module's users table (password
// hash, lock-out shown, TOTP), read and written for the auth module, which owns
// what they mean. docs/decisions/0008-module-boundaries.md: a module reaches
// another module's tables only through it. Unchecked (auth has authorised) and
// on the Executor given, so that auth's transaction covers the change.
// Not thread-safe: one per call, like the Executor it wraps.
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::orgs {

// What signing in as a user needs to know.
struct SignInFacts {
  std::int64_t id = 0;
  std::string password_hash;
  bool active = true;
  bool totp_enabled = false;
  std::optional<std::string> totp_secret;  // encrypted; nullopt when never set up
  std::optional<std::int64_t> totp_last_step;
};

// Who an actor is.
struct AccountName {
  std::string username;
  std::string display_name;
  bool active = true;
};

class UserAccounts {
 public:
  explicit UserAccounts(store::Executor& db) : db_(db) {}

  Result<std::optional<SignInFacts>> FindByName(const std::string& username) const;
  Result<std::optional<SignInFacts>> Find(std::int64_t user_id) const;
  Result<std::optional<AccountName>> Name(std::int64_t user_id) const;
  // The active user with this user name, or 0.
  Result<std::int64_t> ActiveIdNamed(const std::string& username) const;
  // The active users among ids.
  Result<std::set<std::int64_t>> ActiveAmong(const std::set<std::int64_t>& ids) const;

  // Shows a lock-out (until then) on the user's page.
  Status ShowLockedUntil(std::int64_t user_id, EpochMs until) const;
  Status SetPasswordHash(std::int64_t user_id, const std::string& hash, EpochMs now) const;
  Status SetTotpSecret(std::int64_t user_id, const std::string& encrypted_secret) const;
  Status EnableTotp(std::int64_t user_id) const;
  // Turns TOTP off and forgets the secret; the last step used stays, so that a
  // code seen once never works again.
  Status DisableTotp(std::int64_t user_id) const;
  // Records step as the last TOTP step used, unless it (or a later one) was
  // already: of two sign-ins with the same code at once, one gets true.
  Result<bool> ClaimTotpStep(std::int64_t user_id, std::int64_t step) const;

 private:
  store::Executor& db_;
};

}  // namespace jieli::orgs
