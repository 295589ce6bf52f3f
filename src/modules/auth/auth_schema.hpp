// Tables of the auth module: browser sessions, API tokens, security settings.
#pragma once

#include "store/migration.hpp"

namespace jieli::auth {

// Sessions and tokens are stored by the SHA-256 of their secret, so a copy of
// the database does not hand out working credentials.
inline constexpr store::Migration kAuthInitialMigration = {
    2, "auth_initial", R"sql(
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

}  // namespace jieli::auth
