// Versioned schema migrations, applied in version order, each in its own
// transaction, recorded in schema_migrations. The same migration set yields the
// same schema on both backends: SQL is portable except for the tokens below,
// which the runner replaces per backend:
//   {{pk}}    INTEGER PRIMARY KEY AUTOINCREMENT | BIGSERIAL PRIMARY KEY
//   {{blob}}  BLOB                               | BYTEA
//   {{without_rowid}}  WITHOUT ROWID             | (nothing): after a table
//             whose rows are read in ranges of its primary key (stored in it)
// PostgreSQL: a transaction-scoped advisory lock, taken inside each migration
// with the version re-checked, serialises nodes that start together.
#pragma once

#include <span>
#include <string_view>

#include "store/db.hpp"

namespace jieli::store {

struct Migration {
  int version;            // unique, increasing
  std::string_view name;  // "orgs_initial"
  std::string_view sql;   // one or more statements separated by ';'
  // When set, PostgreSQL runs this instead of sql: for what has no portable
  // form (text search: SQLite FTS5 against pg_trgm). Same tables and columns.
  std::string_view postgres_sql = {};
};

// Applies every migration whose version is not yet recorded. Returns the
// number applied. Refuses ("store.migration_order") a set that is not strictly
// increasing, and ("store.migration_unknown") a database that has a version the
// binary does not know (a newer binary ran against it).
Result<int> Migrate(Db& db, std::span<const Migration> migrations);

// The backend-specific text of a migration (tokens replaced).
std::string DialectSql(Backend backend, std::string_view sql);

}  // namespace jieli::store
