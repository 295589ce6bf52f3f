// The SQLite backend of Db, over the sqlite3 C API.
//
// One database file, a pool of connections to it (DbOptions::pool_size), each
// with its own cache of prepared statements. Every connection runs in WAL mode
// with foreign keys enforced and a busy timeout (DbOptions::busy_timeout_ms), so
// readers never block the writer and writers queue for the single write lock.
//
// Ownership and threads: as for Db (store/db.hpp) — the returned Db is
// thread-safe and owns its connections; a Transaction must not outlive it.
#pragma once

#include <memory>
#include <string>

#include "store/db.hpp"

namespace jieli::store {

// Opens (creating if absent) the SQLite database at path. Errors:
// "store.invalid_url" for an empty path or ":memory:" (a pool of connections
// would each see a different in-memory database); "store.unavailable" when the
// file cannot be opened or is not a database.
Result<std::unique_ptr<Db>> OpenSqliteDb(std::string path, const DbOptions& options);

}  // namespace jieli::store
