// Tables of the audit module: the hash-chained, append-only audit log and its
// head (the id and hash of the newest entry, so that cutting entries off the
// end is detectable too).
#pragma once

#include "store/migration.hpp"

namespace jieli::audit {

inline constexpr store::Migration kAuditInitialMigration = {3, "audit_initial", R"sql(
CREATE TABLE audit_log (
  id BIGINT PRIMARY KEY,
  at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL,
  org_id BIGINT,
  action TEXT NOT NULL,
  entity_type TEXT NOT NULL,
  entity_id TEXT NOT NULL,
  changes TEXT NOT NULL,
  request_id TEXT NOT NULL,
  client_address TEXT NOT NULL,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE INDEX audit_log_entity ON audit_log(entity_type, entity_id);

CREATE TABLE audit_head (
  singleton INTEGER PRIMARY KEY,
  last_id BIGINT NOT NULL,
  last_hash TEXT NOT NULL
);
)sql"};

}  // namespace jieli::audit
