#include "store/migration.hpp"

#include <array>
#include <set>
#include <string>

#include "core/clock.hpp"

namespace jieli::store {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)";
constexpr std::string_view kSelectVersions =
    "SELECT version FROM schema_migrations ORDER BY version";
constexpr std::string_view kSelectVersion = "SELECT 1 FROM schema_migrations WHERE version = ?";
constexpr std::string_view kInsertVersion =
    "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)";

// PostgreSQL: every migrating transaction first takes this transaction-scoped
// advisory lock, so nodes starting together apply each migration once, in
// turn; COMMIT or ROLLBACK releases it. The key is the bytes of "jieli" read
// as a number (0x6A69656C69; PostgreSQL 15 has no hex literals).
constexpr std::string_view kLock = "SELECT pg_advisory_xact_lock(457034787945)";

struct Token {
  std::string_view token;
  std::string_view sqlite;
  std::string_view postgres;
};

constexpr std::array<Token, 3> kTokens = {{
    {"{{pk}}", "INTEGER PRIMARY KEY AUTOINCREMENT", "BIGSERIAL PRIMARY KEY"},
    {"{{blob}}", "BLOB", "BYTEA"},
    {"{{without_rowid}}", "WITHOUT ROWID", ""},
}};

// Opens a transaction and, on PostgreSQL, waits for the migration lock.
Result<std::unique_ptr<Transaction>> BeginLocked(Db& db) {
  Result<std::unique_ptr<Transaction>> tx = db.Begin();
  if (!tx) return tx;
  if (db.backend() == Backend::kPostgres) {
    Result<Rows> locked = (*tx)->Query(kLock);
    if (!locked) return std::move(locked).error();
  }
  return tx;
}

Error MigrationError(std::string code, std::string detail) {
  return {ErrorKind::kInternal, std::move(code), std::move(detail)};
}

}  // namespace

std::string DialectSql(Backend backend, std::string_view sql) {
  std::string out(sql);
  for (const Token& t : kTokens) {
    std::string_view replacement = backend == Backend::kSqlite ? t.sqlite : t.postgres;
    for (auto pos = out.find(t.token); pos != std::string::npos;
         pos = out.find(t.token, pos + replacement.size())) {
      out.replace(pos, t.token.size(), replacement);
    }
  }
  return out;
}

Result<int> Migrate(Db& db, std::span<const Migration> migrations) {
  for (std::size_t i = 1; i < migrations.size(); ++i) {
    if (migrations[i].version <= migrations[i - 1].version) {
      return MigrationError("store.migration_order",
                            "migration " + std::to_string(migrations[i].version) + " follows " +
                                std::to_string(migrations[i - 1].version));
    }
  }

  // Create the ledger and read it under the lock: two nodes running CREATE
  // TABLE IF NOT EXISTS at once can still collide on PostgreSQL.
  std::set<std::int64_t> applied;
  {
    Result<std::unique_ptr<Transaction>> tx = BeginLocked(db);
    if (!tx) return std::move(tx).error();
    JIELI_RETURN_IF_ERROR((*tx)->ExecuteScript(kCreateTable));
    Result<Rows> rows = (*tx)->Query(kSelectVersions);
    if (!rows) return std::move(rows).error();
    for (const Row& row : *rows) applied.insert(row.Int(0));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
  }

  std::set<std::int64_t> known;
  for (const Migration& m : migrations) known.insert(m.version);
  for (std::int64_t version : applied) {
    if (!known.contains(version)) {
      return MigrationError("store.migration_unknown", "the database has migration " +
                                                           std::to_string(version) +
                                                           ", which this binary does not know");
    }
  }
  // A pending migration below one already applied was added out of order (a
  // merge of two branches, say); applying it late would give this database a
  // different history from a fresh one.
  std::int64_t latest = applied.empty() ? 0 : *applied.rbegin();
  for (const Migration& m : migrations) {
    if (!applied.contains(m.version) && m.version < latest) {
      return MigrationError("store.migration_order",
                            "pending migration " + std::to_string(m.version) +
                                " is older than applied migration " + std::to_string(latest));
    }
  }

  SystemClock clock;
  int count = 0;
  for (const Migration& m : migrations) {
    if (applied.contains(m.version)) continue;
    Result<std::unique_ptr<Transaction>> tx = BeginLocked(db);
    if (!tx) return std::move(tx).error();
    // Another node may have applied it while this one waited for the lock.
    Result<std::optional<Row>> done = (*tx)->QueryOne(kSelectVersion, {std::int64_t{m.version}});
    if (!done) return std::move(done).error();
    if (done->has_value()) continue;  // the destructor rolls back the empty transaction
    const std::string_view sql =
        db.backend() == Backend::kPostgres && !m.postgres_sql.empty() ? m.postgres_sql : m.sql;
    Status script = (*tx)->ExecuteScript(DialectSql(db.backend(), sql));
    if (!script) {
      Error error = std::move(script).error();
      return Error(error.kind(), error.code(),
                   "migration " + std::to_string(m.version) + " (" + std::string(m.name) +
                       "): " + error.log_detail());
    }
    JIELI_RETURN_IF_ERROR((*tx)->Execute(
        kInsertVersion, {std::int64_t{m.version}, std::string(m.name), std::int64_t{clock.Now()}}));
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
    ++count;
  }
  return count;
}

}  // namespace jieli::store
