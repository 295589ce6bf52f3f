// StoreTest: a fixture that gives each test a fresh, empty database on the
// backend it is instantiated for ("sqlite" or "postgres"). PostgreSQL
// instances skip when JIELI_TEST_PG is unset (see support/test_db.hpp).
#pragma once

#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <string_view>

#include <gtest/gtest.h>

#include "store/db.hpp"
#include "store/migration.hpp"
#include "support/test_db.hpp"

namespace jieli::store {

// "code: log detail", for assertion messages.
inline std::string Describe(const Error& error) { return error.code() + ": " + error.log_detail(); }

// A new empty database on backend, or nullptr after a test failure.
inline std::unique_ptr<Db> OpenFresh(Backend backend, const DbOptions& options = {}) {
  std::string url = test::FreshDbUrl(backend);
  if (url.empty()) {
    ADD_FAILURE() << "no database URL for " << test::BackendName(backend);
    return nullptr;
  }
  Result<std::unique_ptr<Db>> db = Db::Open(url, options);
  if (!db) {
    ADD_FAILURE() << "cannot open " << url << ": " << Describe(db.error());
    return nullptr;
  }
  return std::move(db).value();
}

// Every "table.column" of the application's tables: the schema by names only,
// which is what must match across backends (types are spelled differently).
inline std::set<std::string> SchemaOf(Db& db) {
  constexpr std::string_view kSqlite =
      "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
      "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%'";
  constexpr std::string_view kPostgres =
      "SELECT table_name, column_name FROM information_schema.columns "
      "WHERE table_schema = current_schema()";
  std::set<std::string> names;
  Result<Rows> rows = db.Query(db.backend() == Backend::kSqlite ? kSqlite : kPostgres);
  if (!rows) {
    ADD_FAILURE() << Describe(rows.error());
    return names;
  }
  for (const Row& row : *rows) names.insert(row.Text(0) + "." + row.Text(1));
  return names;
}

class StoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    if (GetParam() == Backend::kPostgres && !test::PostgresAvailable()) {
      GTEST_SKIP() << test::kNoPostgresMessage;
    }
    db_ = OpenFresh(GetParam());
    ASSERT_NE(db_, nullptr);
  }

  // Runs DDL written with the migration tokens ({{pk}}, {{blob}}).
  void Script(std::string_view sql) {
    Status status = db_->ExecuteScript(DialectSql(GetParam(), sql));
    ASSERT_TRUE(status.ok()) << Describe(status.error());
  }

  std::int64_t Count(std::string_view table) {
    Result<std::optional<Row>> row = db_->QueryOne("SELECT COUNT(*) FROM " + std::string(table));
    EXPECT_TRUE(row.ok() && row->has_value()) << (row.ok() ? "no row" : Describe(row.error()));
    return row.ok() && row->has_value() ? (*row)->Int(0) : -1;
  }

  std::unique_ptr<Db> db_;
};

inline std::string BackendParamName(const ::testing::TestParamInfo<Backend>& info) {
  return test::BackendName(info.param);
}

}  // namespace jieli::store
