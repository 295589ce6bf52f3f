// Tables of the auth module: browser sessions, API tokens, security settings,
// failed checks per account and address, the last TOTP step each user used.
#pragma once

#include "store/migration.hpp"

namespace jieli::auth {

// Sessions and tokens are stored by the SHA-256 of their secret, so a copy of
// the database does not hand out working credentials.
inline constexpr store::Migration kAuthInitialMigration = {2, "auth_initial", R"sql(
CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,
  user_id BIGINT NOT NULL REFERENCES users(id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  client_address TEXT,
  needs_totp_setup INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE api_tokens (
  id {{pk}},
  user_id BIGINT NOT NULL REFERENCES users(id),
  name TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);

CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL
);
)sql"};

// Failed checks of a password or TOTP code (at sign-in, and inside a session
// when changing the password or turning TOTP off), counted per account and
// client address, so that a stranger elsewhere cannot lock a user out. A row
// exists only for a pair that has failed since its last success; failures
// goes back to 0 when the pair is locked (until locked_until). The columns
// users.failed_logins and users.locked_until predate it: the first is no
// longer used, the second shows administrators the latest lock-out of the user
// from any address.
inline constexpr store::Migration kLoginFailuresMigration = {13, "login_failures", R"sql(
CREATE TABLE login_failures (
  user_id BIGINT NOT NULL REFERENCES users(id),
  client_address TEXT NOT NULL,
  failures INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, client_address)
);
)sql"};

// The time step (unix seconds / 30) of the last TOTP code the user got
// accepted: a code of that step or an earlier one is refused (RFC 6238 §5.2).
inline constexpr store::Migration kTotpLastStepMigration = {14, "totp_last_step", R"sql(
ALTER TABLE users ADD COLUMN totp_last_step BIGINT;
)sql"};

}  // namespace jieli::auth
