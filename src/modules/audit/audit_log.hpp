// AuditLog: the append-only, hash-chained record of who did what.
//
// Every entry stores the hash of the entry before it; its own hash covers its
// fields and that previous hash. audit_head keeps the newest id and hash, so
// that an edited entry, a removed entry and entries cut off the end are all
// detected by Verify. Append runs inside the caller's transaction, so a
// rejected change leaves no entry and an accepted one always has its entry.
// Thread-safe (stateless apart from the clock); appends are serialised by the
// store (SQLite's write lock, a PostgreSQL advisory lock).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "store/db.hpp"

namespace jieli::auth {
class Actor;
}

namespace jieli::audit {

struct AuditEntry {
  std::int64_t id = 0;
  EpochMs at = 0;
  std::optional<std::int64_t> actor_id;
  std::string actor_name;
  std::optional<std::int64_t> org_id;
  std::string action;       // "orgs.update", "clients.reveal", "auth.login_failed"
  std::string entity_type;  // "organization", "user", "client"
  std::string entity_id;
  // JSON: {"field": {"before": …, "after": …}} for changes, or
  // {"read": ["id_number", …]} for reads of sensitive fields.
  std::string changes = "{}";
  std::string request_id;
  std::string client_address;
  std::string prev_hash;
  std::string hash;
};

struct AuditFilter {
  std::optional<std::int64_t> actor_id;
  std::string action;  // exact, or a prefix ending in '.' ("orgs.")
  std::string entity_type;
  std::string entity_id;
  std::optional<EpochMs> from;  // inclusive
  std::optional<EpochMs> to;    // exclusive
};

struct VerifyReport {
  bool intact = true;
  std::int64_t checked = 0;
  // The first entry that was altered, or the entry after a gap; when entries
  // were cut off the end, the id the head says should be last.
  std::optional<std::int64_t> first_bad_id;
  std::string problem;  // "altered", "removed", "truncated"
};

class AuditLog {
 public:
  explicit AuditLog(const Clock& clock) : clock_(&clock) {}

  // Appends entry (id, at, hashes are filled in). tx must be a transaction.
  Status Append(store::Executor& tx, AuditEntry entry) const;
  // Appends an entry for actor's action on an entity.
  Status Record(store::Executor& tx, const auth::Actor& actor, std::optional<std::int64_t> org_id,
                std::string action, std::string entity_type, std::string entity_id,
                std::string changes = "{}") const;

  // A page of the entries that match filter, newest first, for an actor with
  // audit.read anywhere (the log spans every organisation). Error "auth.forbidden".
  Result<Page<AuditEntry>> List(const auth::Actor& actor, store::Executor& db,
                                const AuditFilter& filter, std::int64_t offset,
                                std::int64_t limit) const;
  // Walks the whole chain in id order (the CLI, tests).
  Result<VerifyReport> Verify(store::Executor& db) const;
  // Verify for an actor with audit.read anywhere. Error "auth.forbidden".
  Result<VerifyReport> Verify(const auth::Actor& actor, store::Executor& db) const;

  // The hash of an entry given its fields and prev_hash (exposed for tests).
  static std::string HashOf(const AuditEntry& entry);

 private:
  const Clock* clock_;
};

}  // namespace jieli::audit
