// Migrate() on both backends: each migration applied once, in order, in its own
// transaction, and the same schema whichever backend runs it.
#include "store/migration.hpp"

#include <set>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/store_fixture.hpp"
#include "support/test_db.hpp"

namespace jieli::store {
namespace {

// Written the way real migrations are: portable SQL plus the dialect tokens.
constexpr Migration kOrgs{1, "orgs",
                          "CREATE TABLE orgs (id {{pk}}, name TEXT NOT NULL UNIQUE, "
                          "active INTEGER NOT NULL DEFAULT 1, created_at BIGINT NOT NULL);"
                          "CREATE INDEX orgs_created ON orgs (created_at)"};
constexpr Migration kUsers{
    2, "users",
    "CREATE TABLE users (id {{pk}}, org_id BIGINT NOT NULL REFERENCES orgs(id), "
    "login TEXT NOT NULL, photo {{blob}}, score DOUBLE PRECISION);"
    "CREATE UNIQUE INDEX users_login ON users (org_id, login)"};
constexpr Migration kUsersEmail{3, "users_email", "ALTER TABLE users ADD COLUMN email TEXT"};
constexpr Migration kSkipped{4, "skipped", "CREATE TABLE skipped (id {{pk}})"};
constexpr Migration kLater{5, "later", "CREATE TABLE later (id {{pk}})"};

const std::set<std::string> kExpectedSchema = {
    "orgs.id",
    "orgs.name",
    "orgs.active",
    "orgs.created_at",
    "users.id",
    "users.org_id",
    "users.login",
    "users.photo",
    "users.score",
    "users.email",
    "schema_migrations.version",
    "schema_migrations.name",
    "schema_migrations.applied_at",
};

class MigrationTest : public StoreTest {
 protected:
  Result<int> Run(std::vector<Migration> migrations) { return Migrate(*db_, migrations); }
  std::vector<std::int64_t> Versions() {
    std::vector<std::int64_t> versions;
    Result<Rows> rows = db_->Query("SELECT version FROM schema_migrations ORDER BY version");
    EXPECT_TRUE(rows.ok()) << Describe(rows.error());
    if (rows) {
      for (const Row& row : *rows) versions.push_back(row.Int(0));
    }
    return versions;
  }
};

TEST_P(MigrationTest, AppliesOnceAndIsIdempotent) {
  Result<int> first = Run({kOrgs, kUsers, kUsersEmail});
  ASSERT_TRUE(first.ok()) << Describe(first.error());
  EXPECT_EQ(*first, 3);
  Result<int> again = Run({kOrgs, kUsers, kUsersEmail});
  ASSERT_TRUE(again.ok()) << Describe(again.error());
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(Versions(), (std::vector<std::int64_t>{1, 2, 3}));

  Result<std::optional<Row>> ledger = db_->QueryOne(
      "SELECT name, applied_at FROM schema_migrations WHERE version = ?", {std::int64_t{2}});
  ASSERT_TRUE(ledger.ok() && ledger->has_value());
  EXPECT_EQ((*ledger)->Text(0), "users");
  EXPECT_GT((*ledger)->Int(1), 1'600'000'000'000);  // epoch milliseconds
}

TEST_P(MigrationTest, AppliesOnlyNewMigrations) {
  ASSERT_TRUE(Run({kOrgs}).ok());
  Result<int> more = Run({kOrgs, kUsers});
  ASSERT_TRUE(more.ok()) << Describe(more.error());
  EXPECT_EQ(*more, 1);
  EXPECT_EQ(Versions(), (std::vector<std::int64_t>{1, 2}));
}

TEST_P(MigrationTest, RefusesASetOutOfOrder) {
  for (const auto& set :
       {std::vector<Migration>{kUsers, kOrgs}, std::vector<Migration>{kOrgs, kOrgs}}) {
    Result<int> result = Run(set);
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.error().code(), "store.migration_order");
  }
  EXPECT_EQ(SchemaOf(*db_), std::set<std::string>());
}

TEST_P(MigrationTest, RefusesAPendingMigrationOlderThanAnAppliedOne) {
  ASSERT_TRUE(Run({kOrgs, kUsers, kLater}).ok());
  Result<int> result = Run({kOrgs, kUsers, kSkipped, kLater});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().code(), "store.migration_order");
  EXPECT_EQ(Versions(), (std::vector<std::int64_t>{1, 2, 5}));
}

TEST_P(MigrationTest, RefusesADatabaseFromANewerBinary) {
  ASSERT_TRUE(Run({kOrgs, kUsers}).ok());
  Result<int> older_binary = Run({kOrgs});
  ASSERT_FALSE(older_binary.ok());
  EXPECT_EQ(older_binary.error().code(), "store.migration_unknown");
}

TEST_P(MigrationTest, FailedMigrationLeavesNoTrace) {
  constexpr Migration kBroken{2, "broken",
                              "CREATE TABLE half (id {{pk}}); CREATE TABLE oops (x NOT_A_TYPE"};
  Result<int> result = Run({kOrgs, kBroken});
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.error().kind(), ErrorKind::kInternal);
  EXPECT_NE(result.error().log_detail().find("broken"), std::string::npos)
      << result.error().log_detail();
  EXPECT_EQ(Versions(), (std::vector<std::int64_t>{1}));
  // DDL is transactional on both backends: the first table went with the rest.
  EXPECT_EQ(SchemaOf(*db_).count("half.id"), 0u);
}

TEST_P(MigrationTest, SchemaIsTheExpectedOne) {
  ASSERT_TRUE(Run({kOrgs, kUsers, kUsersEmail}).ok());
  EXPECT_EQ(SchemaOf(*db_), kExpectedSchema);
}

TEST_P(MigrationTest, PostgresRunsItsOwnTextWhenOneIsGiven) {
  constexpr Migration kDialect{
      1, "dialect", "CREATE TABLE notes (id {{pk}}, origin TEXT NOT NULL DEFAULT 'sqlite')",
      "CREATE TABLE notes (id {{pk}}, origin TEXT NOT NULL DEFAULT 'postgres')"};
  ASSERT_TRUE(Run({kDialect}).ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO notes DEFAULT VALUES").ok());
  Result<Rows> rows = db_->Query("SELECT origin FROM notes");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), GetParam() == Backend::kPostgres ? "postgres" : "sqlite");
}

// Several nodes starting together against one database.
TEST_P(MigrationTest, ConcurrentRunsApplyEachMigrationOnce) {
  constexpr int kNodes = 4;
  std::string url = test::FreshDbUrl(GetParam());
  std::vector<std::unique_ptr<Db>> nodes;
  for (int i = 0; i < kNodes; ++i) {
    Result<std::unique_ptr<Db>> db = Db::Open(url);
    ASSERT_TRUE(db.ok()) << Describe(db.error());
    nodes.push_back(std::move(db).value());
  }
  std::vector<Result<int>> results(kNodes, Result<int>(0));
  std::vector<std::thread> threads;
  const std::vector<Migration> kMigrations = {kOrgs, kUsers, kUsersEmail};
  threads.reserve(kNodes);
  for (int i = 0; i < kNodes; ++i) {
    threads.emplace_back([&, i] { results[i] = Migrate(*nodes[i], kMigrations); });
  }
  for (auto& t : threads) t.join();
  int applied = 0;
  for (const Result<int>& result : results) {
    ASSERT_TRUE(result.ok()) << Describe(result.error());
    applied += *result;
  }
  EXPECT_EQ(applied, 3);
  EXPECT_EQ(SchemaOf(*nodes[0]), kExpectedSchema);
}

INSTANTIATE_TEST_SUITE_P(Backends, MigrationTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

TEST(MigrationSchema, SameOnBothBackends) {
  if (!test::PostgresAvailable()) GTEST_SKIP() << test::kNoPostgresMessage;
  std::unique_ptr<Db> sqlite = OpenFresh(Backend::kSqlite);
  std::unique_ptr<Db> postgres = OpenFresh(Backend::kPostgres);
  ASSERT_NE(sqlite, nullptr);
  ASSERT_NE(postgres, nullptr);
  const std::vector<Migration> kMigrations = {kOrgs, kUsers, kUsersEmail};
  ASSERT_TRUE(Migrate(*sqlite, kMigrations).ok());
  ASSERT_TRUE(Migrate(*postgres, kMigrations).ok());
  EXPECT_EQ(SchemaOf(*sqlite), SchemaOf(*postgres));
}

}  // namespace
}  // namespace jieli::store
