// The PostgreSQL backend of Db, over libpq.
//
// A pool of server connections (DbOptions::pool_size), opened lazily on first
// use; a connection found broken after a failure is closed and a new one is
// opened on the next use. SQL written with `?` placeholders is rewritten to
// $1, $2, … (see placeholders.hpp). Parameters travel in text format except
// blobs (binary); results come back as text and are converted by column type.
//
// Ownership and threads: as for Db (store/db.hpp) — the returned Db is
// thread-safe and owns its connections; a Transaction must not outlive it.
#pragma once

#include <memory>
#include <string>

#include "store/db.hpp"

namespace jieli::store {

// Prepares a Db for the server at url ("postgresql://user@host:port/db?…" or
// "postgres://…"). No connection is made yet, so an unreachable server shows as
// "store.unavailable" on the first statement (or Ping). Error:
// "store.invalid_url" when libpq cannot parse url.
Result<std::unique_ptr<Db>> OpenPostgresDb(std::string url, const DbOptions& options);

}  // namespace jieli::store
