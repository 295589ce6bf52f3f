// Test databases: a fresh, empty database for a test, on either backend.
//
// SQLite databases are files in a new directory under /tmp; PostgreSQL ones are
// created on the server named by the environment variable JIELI_TEST_PG (a URL
// to a maintenance database, e.g. postgresql://jieli@127.0.0.1:5432/postgres),
// which scripts/with-postgres sets. Everything created is removed when the test
// process exits (directories deleted, databases dropped).
//
// Thread-safe. Test code only.
#pragma once

#include <ostream>
#include <string>

#include "store/db.hpp"

namespace jieli::test {

// Why a PostgreSQL test skipped; pass to GTEST_SKIP().
inline constexpr const char* kNoPostgresMessage =
    "JIELI_TEST_PG is not set; run the tests through scripts/test (or scripts/with-postgres CMD) "
    "to include PostgreSQL";

// Whether JIELI_TEST_PG names a server to test against.
bool PostgresAvailable();

// The URL of a new empty database: "sqlite:/tmp/jieli_test_XXXXXX/jieli.db", or
// "postgresql://…/jieli_t_<pid>_<n>_<random>" on the JIELI_TEST_PG server.
// Returns "" for PostgreSQL when JIELI_TEST_PG is unset, and "" (after a
// non-fatal test failure) when the database cannot be created.
std::string FreshDbUrl(store::Backend backend);

// "sqlite" or "postgres": for test names and messages.
std::string BackendName(store::Backend backend);

}  // namespace jieli::test

namespace jieli::store {

// Lets GoogleTest print a backend parameter by name (test names read ".../sqlite").
inline void PrintTo(Backend backend, std::ostream* os) {
  *os << (backend == Backend::kSqlite ? "sqlite" : "postgres");
}

}  // namespace jieli::store
