// The Db contract, run on both backends: every test here passes on SQLite and
// on PostgreSQL, so repositories can rely on the same behaviour from either.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <limits>
#include <string>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "store/db.hpp"
#include "store/store_fixture.hpp"
#include "support/test_db.hpp"

namespace jieli::store {
namespace {

constexpr std::string_view kValuesTable =
    "CREATE TABLE vals (id {{pk}}, i BIGINT, d DOUBLE PRECISION, t TEXT, b {{blob}})";
constexpr std::string_view kNamesTable =
    "CREATE TABLE names (id {{pk}}, name TEXT NOT NULL UNIQUE)";
constexpr std::string_view kInsertName = "INSERT INTO names (name) VALUES (?)";

// Every byte value, zeros included, repeated to `size` bytes.
Blob AllBytes(std::size_t size) {
  Blob blob;
  blob.bytes.resize(size);
  for (std::size_t i = 0; i < size; ++i) blob.bytes[i] = static_cast<char>(i % 256);
  return blob;
}

TEST_P(StoreTest, RoundTripsEveryValueType) {
  Script(kValuesTable);
  const std::vector<std::vector<Value>> kCases = {
      {std::numeric_limits<std::int64_t>::max(), 1.5, std::string("中文：个案管理 ✓"),
       AllBytes(1 << 20)},
      {std::numeric_limits<std::int64_t>::min(), -2.5e300, std::string(), Blob{}},
      {std::int64_t{0}, 0.1, std::string("it's \"quoted\" \\ ?"), Blob{std::string("\0\0\x01", 3)}},
      {Null(), Null(), Null(), Null()},
  };
  for (const auto& values : kCases) {
    Result<std::optional<Row>> inserted =
        db_->QueryOne("INSERT INTO vals (i, d, t, b) VALUES (?, ?, ?, ?) RETURNING id", values);
    ASSERT_TRUE(inserted.ok()) << Describe(inserted.error());
    ASSERT_TRUE(inserted->has_value());
    std::int64_t id = (*inserted)->Int(0);

    Result<Rows> rows = db_->Query("SELECT i, d, t, b FROM vals WHERE id = ?", {id});
    ASSERT_TRUE(rows.ok()) << Describe(rows.error());
    ASSERT_EQ(rows->size(), 1u);
    EXPECT_EQ(rows->columns, (std::vector<std::string>{"i", "d", "t", "b"}));
    const Row& row = (*rows)[0];
    ASSERT_EQ(row.size(), values.size());
    for (std::size_t c = 0; c < values.size(); ++c) {
      EXPECT_EQ(row.at(c), values[c]) << "column " << rows->columns[c] << " of row " << id;
    }
  }
}

TEST_P(StoreTest, RefusesATextWithANulRatherThanCutItShort) {
  Script(kValuesTable);
  Result<std::int64_t> written =
      db_->Execute("INSERT INTO vals (t) VALUES (?)", {std::string("a\0b", 3)});
  ASSERT_FALSE(written.ok());
  EXPECT_EQ(written.error().code(), "store.nul_in_text");
  EXPECT_EQ(written.error().kind(), ErrorKind::kInvalid);
  Result<Rows> rows = db_->Query("SELECT t FROM vals");
  ASSERT_TRUE(rows.ok()) << Describe(rows.error());
  EXPECT_TRUE(rows->empty());
}

TEST_P(StoreTest, EmptyStringAndNullStayDistinct) {
  Script(kValuesTable);
  ASSERT_TRUE(db_->Execute("INSERT INTO vals (t) VALUES (?)", {std::string()}).ok());
  ASSERT_TRUE(db_->Execute("INSERT INTO vals (t) VALUES (?)", {Null()}).ok());
  Result<Rows> rows = db_->Query("SELECT t FROM vals ORDER BY id");
  ASSERT_TRUE(rows.ok()) << Describe(rows.error());
  ASSERT_EQ(rows->size(), 2u);
  EXPECT_FALSE((*rows)[0].IsNull(0));
  EXPECT_EQ((*rows)[0].OptText(0), std::optional<std::string>(""));
  EXPECT_TRUE((*rows)[1].IsNull(0));
  EXPECT_EQ((*rows)[1].OptText(0), std::nullopt);
  EXPECT_EQ((*rows)[1].Text(0), "");
}

TEST_P(StoreTest, BoundParametersKeepTheirTypes) {
  Result<std::optional<Row>> row = db_->QueryOne(
      "SELECT ?, ?, ?, ?, ?",
      {std::int64_t{42}, 2.5, std::string("文本"), Blob{std::string("\0x", 2)}, Null()});
  ASSERT_TRUE(row.ok()) << Describe(row.error());
  ASSERT_TRUE(row->has_value());
  const Row& r = **row;
  EXPECT_EQ(r.at(0), Value(std::int64_t{42}));
  EXPECT_EQ(r.at(1), Value(2.5));
  EXPECT_EQ(r.at(2), Value(std::string("文本")));
  EXPECT_EQ(r.at(3), Value(Blob{std::string("\0x", 2)}));
  EXPECT_TRUE(r.IsNull(4));
}

TEST_P(StoreTest, AggregatesReadAsNumbers) {
  Script(kValuesTable);
  for (std::int64_t i : {1, 2, 4}) {
    ASSERT_TRUE(db_->Execute("INSERT INTO vals (i, d) VALUES (?, ?)", {i, 0.5}).ok());
  }
  // PostgreSQL answers SUM(bigint) as NUMERIC and AVG as NUMERIC with a fraction.
  Result<std::optional<Row>> row =
      db_->QueryOne("SELECT COUNT(*), SUM(i), AVG(i), SUM(d), MAX(i) FROM vals");
  ASSERT_TRUE(row.ok()) << Describe(row.error());
  ASSERT_TRUE(row->has_value());
  const Row& r = **row;
  EXPECT_EQ(r.at(0), Value(std::int64_t{3}));
  EXPECT_EQ(r.at(1), Value(std::int64_t{7}));
  EXPECT_NEAR(r.Double(2), 7.0 / 3, 1e-9);
  EXPECT_EQ(r.Double(3), 1.5);
  EXPECT_EQ(r.Int(4), 4);
}

TEST_P(StoreTest, InsertReturningGivesIncreasingIds) {
  Script(kNamesTable);
  Result<std::optional<Row>> first =
      db_->QueryOne(std::string(kInsertName) + " RETURNING id", {std::string("a")});
  Result<std::optional<Row>> second =
      db_->QueryOne(std::string(kInsertName) + " RETURNING id", {std::string("b")});
  ASSERT_TRUE(first.ok() && first->has_value());
  ASSERT_TRUE(second.ok() && second->has_value());
  EXPECT_GT((*first)->Int(0), 0);
  EXPECT_GT((*second)->Int(0), (*first)->Int(0));
}

TEST_P(StoreTest, ExecuteCountsChangedRows) {
  Script(kNamesTable);
  for (const char* name : {"a", "b", "c"}) {
    ASSERT_TRUE(db_->Execute(kInsertName, {std::string(name)}).ok());
  }
  Result<std::int64_t> changed =
      db_->Execute("UPDATE names SET name = name || '!' WHERE name <> ?", {std::string("a")});
  ASSERT_TRUE(changed.ok()) << Describe(changed.error());
  EXPECT_EQ(*changed, 2);
  Result<std::int64_t> none =
      db_->Execute("DELETE FROM names WHERE name = ?", {std::string("zzz")});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  // DDL and reads report nothing changed, whatever ran before on the connection.
  Result<std::int64_t> ddl = db_->Execute("CREATE TABLE other (x BIGINT)");
  ASSERT_TRUE(ddl.ok()) << Describe(ddl.error());
  EXPECT_EQ(*ddl, 0);
}

TEST_P(StoreTest, QueryOneWithoutRowsIsEmpty) {
  Script(kNamesTable);
  Result<std::optional<Row>> row =
      db_->QueryOne("SELECT id FROM names WHERE name = ?", {std::string("x")});
  ASSERT_TRUE(row.ok()) << Describe(row.error());
  EXPECT_FALSE(row->has_value());
}

TEST_P(StoreTest, CommittedTransactionIsVisible) {
  Script(kNamesTable);
  {
    Result<std::unique_ptr<Transaction>> tx = db_->Begin();
    ASSERT_TRUE(tx.ok()) << Describe(tx.error());
    ASSERT_TRUE((*tx)->Execute(kInsertName, {std::string("a")}).ok());
    ASSERT_TRUE((*tx)->Execute(kInsertName, {std::string("b")}).ok());
    Status committed = (*tx)->Commit();
    ASSERT_TRUE(committed.ok()) << Describe(committed.error());
    // Finished: a second commit or a statement is refused, not run.
    EXPECT_FALSE((*tx)->Commit().ok());
    EXPECT_EQ((*tx)->Execute(kInsertName, {std::string("c")}).error().kind(), ErrorKind::kInternal);
  }
  EXPECT_EQ(Count("names"), 2);
}

TEST_P(StoreTest, DestroyedTransactionRollsBack) {
  Script(kNamesTable);
  {
    Result<std::unique_ptr<Transaction>> tx = db_->Begin();
    ASSERT_TRUE(tx.ok()) << Describe(tx.error());
    ASSERT_TRUE((*tx)->Execute(kInsertName, {std::string("a")}).ok());
    EXPECT_EQ((*tx)->QueryOne("SELECT COUNT(*) FROM names")->value().Int(0), 1);
  }
  EXPECT_EQ(Count("names"), 0);
}

TEST_P(StoreTest, UncommittedWriteIsInvisibleToOtherConnections) {
  Script(kNamesTable);
  Result<std::unique_ptr<Transaction>> tx = db_->Begin();
  ASSERT_TRUE(tx.ok()) << Describe(tx.error());
  ASSERT_TRUE((*tx)->Execute(kInsertName, {std::string("a")}).ok());
  // db_->Query borrows another pooled connection.
  EXPECT_EQ(Count("names"), 0);
  ASSERT_TRUE((*tx)->Commit().ok());
  EXPECT_EQ(Count("names"), 1);
}

TEST_P(StoreTest, UniqueViolationIsConflictAndTransactionRollsBack) {
  Script(kNamesTable);
  ASSERT_TRUE(db_->Execute(kInsertName, {std::string("taken")}).ok());

  Result<std::int64_t> outside = db_->Execute(kInsertName, {std::string("taken")});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.error().kind(), ErrorKind::kConflict);
  EXPECT_EQ(outside.error().code(), "store.conflict");

  {
    Result<std::unique_ptr<Transaction>> tx = db_->Begin();
    ASSERT_TRUE(tx.ok()) << Describe(tx.error());
    ASSERT_TRUE((*tx)->Execute(kInsertName, {std::string("fresh")}).ok());
    Result<std::int64_t> dup = (*tx)->Execute(kInsertName, {std::string("taken")});
    ASSERT_FALSE(dup.ok());
    EXPECT_EQ(dup.error().code(), "store.conflict");
    EXPECT_FALSE(dup.error().log_detail().empty());
  }
  EXPECT_EQ(Count("names"), 1);
  // The connection went back to the pool in a usable state.
  Result<std::unique_ptr<Transaction>> again = db_->Begin();
  ASSERT_TRUE(again.ok()) << Describe(again.error());
  ASSERT_TRUE((*again)->Execute(kInsertName, {std::string("later")}).ok());
  ASSERT_TRUE((*again)->Commit().ok());
  EXPECT_EQ(Count("names"), 2);
}

TEST_P(StoreTest, ForeignKeysAreEnforced) {
  Script(
      "CREATE TABLE parents (id {{pk}}, name TEXT NOT NULL);"
      "CREATE TABLE children (id {{pk}}, parent_id BIGINT NOT NULL REFERENCES parents(id))");
  Result<std::int64_t> orphan =
      db_->Execute("INSERT INTO children (parent_id) VALUES (?)", {std::int64_t{999}});
  ASSERT_FALSE(orphan.ok());
  EXPECT_EQ(orphan.error().code(), "store.conflict");

  Result<std::optional<Row>> parent =
      db_->QueryOne("INSERT INTO parents (name) VALUES (?) RETURNING id", {std::string("p")});
  ASSERT_TRUE(parent.ok() && parent->has_value());
  std::int64_t parent_id = (*parent)->Int(0);
  ASSERT_TRUE(db_->Execute("INSERT INTO children (parent_id) VALUES (?)", {parent_id}).ok());
  Result<std::int64_t> removed = db_->Execute("DELETE FROM parents WHERE id = ?", {parent_id});
  ASSERT_FALSE(removed.ok());
  EXPECT_EQ(removed.error().code(), "store.conflict");
}

TEST_P(StoreTest, ConcurrentWritersAllLand) {
  Script("CREATE TABLE events (id {{pk}}, writer BIGINT NOT NULL, n BIGINT NOT NULL)");
  constexpr int kThreads = 4;
  constexpr int kInserts = 200;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int w = 0; w < kThreads; ++w) {
    threads.emplace_back([&, w] {
      for (int n = 0; n < kInserts; ++n) {
        Result<std::unique_ptr<Transaction>> tx = db_->Begin();
        if (!tx ||
            !(*tx)->Execute("INSERT INTO events (writer, n) VALUES (?, ?)",
                            {std::int64_t{w}, std::int64_t{n}}) ||
            !(*tx)->Commit()) {
          ++failures;
        }
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ(Count("events"), kThreads * kInserts);
  Result<std::optional<Row>> distinct =
      db_->QueryOne("SELECT COUNT(*) FROM (SELECT DISTINCT writer, n FROM events) d");
  ASSERT_TRUE(distinct.ok() && distinct->has_value());
  EXPECT_EQ((*distinct)->Int(0), kThreads * kInserts);
}

TEST_P(StoreTest, QuestionMarksInLiteralsAreNotParameters) {
  Result<std::optional<Row>> row = db_->QueryOne(
      "SELECT '?' AS q, ? AS p, 'it''s ?' AS r, \"x\" AS \"a?\" -- a ? in a comment\n"
      "FROM (SELECT 'x?' AS \"x\") s /* and ? here */ WHERE 1 = ?",
      {std::int64_t{5}, std::int64_t{1}});
  ASSERT_TRUE(row.ok()) << Describe(row.error());
  ASSERT_TRUE(row->has_value());
  EXPECT_EQ((*row)->Text(0), "?");
  EXPECT_EQ((*row)->Int(1), 5);
  EXPECT_EQ((*row)->Text(2), "it's ?");
  EXPECT_EQ((*row)->Text(3), "x?");
}

TEST_P(StoreTest, BrokenSqlIsInternalAndHarmless) {
  Result<Rows> typo = db_->Query("SELEC 1");
  ASSERT_FALSE(typo.ok());
  EXPECT_EQ(typo.error().kind(), ErrorKind::kInternal);
  EXPECT_EQ(typo.error().code(), "internal");
  EXPECT_FALSE(typo.error().log_detail().empty());

  Result<Rows> missing = db_->Query("SELECT * FROM no_such_table");
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().kind(), ErrorKind::kInternal);

  Result<Rows> arity = db_->Query("SELECT ?", {std::int64_t{1}, std::int64_t{2}});
  ASSERT_FALSE(arity.ok());
  EXPECT_EQ(arity.error().kind(), ErrorKind::kInternal);

  Status script = db_->ExecuteScript("CREATE TABLE t (x BIGINT); NOT SQL");
  ASSERT_FALSE(script.ok());
  EXPECT_EQ(script.error().kind(), ErrorKind::kInternal);

  Result<std::unique_ptr<Transaction>> tx = db_->Begin();
  ASSERT_TRUE(tx.ok()) << Describe(tx.error());
  EXPECT_EQ((*tx)->Execute("UPDATE nothing SET").error().kind(), ErrorKind::kInternal);
  tx->reset();

  EXPECT_TRUE(db_->Ping().ok());
}

TEST_P(StoreTest, PingAnswers) {
  Status ping = db_->Ping();
  EXPECT_TRUE(ping.ok()) << Describe(ping.error());
  EXPECT_EQ(db_->backend(), GetParam());
}

TEST_P(StoreTest, BackupCopiesSqliteAndIsRefusedOnPostgres) {
  Script(kNamesTable);
  for (const char* name : {"a", "b", "c"}) {
    ASSERT_TRUE(db_->Execute(kInsertName, {std::string(name)}).ok());
  }
  std::string url = test::FreshDbUrl(Backend::kSqlite);
  std::string path = url.substr(std::string_view("sqlite:").size());
  path = path.substr(0, path.rfind('/')) + "/backup.db";

  Status backup = db_->Backup(path);
  if (GetParam() == Backend::kPostgres) {
    ASSERT_FALSE(backup.ok());
    EXPECT_EQ(backup.error().code(), "store.backup_unsupported");
    EXPECT_EQ(backup.error().kind(), ErrorKind::kInvalid);
    return;
  }
  ASSERT_TRUE(backup.ok()) << Describe(backup.error());
  Result<std::unique_ptr<Db>> copy = Db::Open("sqlite:" + path);
  ASSERT_TRUE(copy.ok()) << Describe(copy.error());
  Result<Rows> rows = (*copy)->Query("SELECT name FROM names ORDER BY name");
  ASSERT_TRUE(rows.ok()) << Describe(rows.error());
  ASSERT_EQ(rows->size(), 3u);
  EXPECT_EQ((*rows)[2].Text(0), "c");
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), BackendParamName);

// --- Backend-specific behaviour ------------------------------------------------

TEST(StoreOpen, RejectsUnknownUrls) {
  for (const char* url :
       {"", "mysql://db", "sqlite:", "sqlite::memory:", "postgresql://host:port:x/?=="}) {
    Result<std::unique_ptr<Db>> db = Db::Open(url);
    ASSERT_FALSE(db.ok()) << url;
    EXPECT_EQ(db.error().code(), "store.invalid_url") << url;
    EXPECT_EQ(db.error().kind(), ErrorKind::kInvalid) << url;
  }
}

TEST(SqliteStore, MissingDirectoryIsUnavailable) {
  Result<std::unique_ptr<Db>> db = Db::Open("sqlite:/nonexistent/dir/jieli.db");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(db.error().code(), "store.unavailable");
}

TEST(SqliteStore, WriterLockedOutPastTimeoutIsBusy) {
  std::unique_ptr<Db> db = OpenFresh(Backend::kSqlite, {.pool_size = 2, .busy_timeout_ms = 100});
  ASSERT_NE(db, nullptr);
  Result<std::unique_ptr<Transaction>> holder = db->Begin();
  ASSERT_TRUE(holder.ok()) << Describe(holder.error());
  Result<std::unique_ptr<Transaction>> second = db->Begin();
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(second.error().code(), "store.busy");
}

TEST(SqliteStore, TheWalIsCopiedBackInTheBackground) {
  // SQLite's own checkpoint inside COMMIT is off (wal_autocheckpoint=0); the
  // Db's thread copies committed pages into the database file instead.
  const std::string url = test::FreshDbUrl(Backend::kSqlite);
  const std::filesystem::path file = url.substr(std::string_view("sqlite:").size());
  Result<std::unique_ptr<Db>> opened = Db::Open(url);
  ASSERT_TRUE(opened.ok()) << Describe(opened.error());
  Db& store = **opened;
  ASSERT_TRUE(store.ExecuteScript("CREATE TABLE big (b BLOB)").ok());
  const auto before = std::filesystem::file_size(file);
  Result<std::unique_ptr<Transaction>> tx = store.Begin();
  ASSERT_TRUE(tx.ok()) << Describe(tx.error());
  ASSERT_TRUE((*tx)->Execute("INSERT INTO big (b) VALUES (?)", {AllBytes(2 << 20)}).ok());
  ASSERT_TRUE((*tx)->Commit().ok());
  // Polled, with the Db still open: the file grows only when the pages are copied back.
  for (int i = 0; i < 200 && std::filesystem::file_size(file) < before + (2 << 20); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  EXPECT_GE(std::filesystem::file_size(file), before + (2 << 20));
}

TEST(PostgresStore, UnreachableServerIsUnavailable) {
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  Result<std::unique_ptr<Db>> db = Db::Open("postgresql://jieli@127.0.0.1:1/postgres");
  ASSERT_TRUE(db.ok()) << Describe(db.error());
  Status ping = (*db)->Ping();
  ASSERT_FALSE(ping.ok());
  EXPECT_EQ(ping.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(ping.error().code(), "store.unavailable");
  Result<std::unique_ptr<Transaction>> tx = (*db)->Begin();
  ASSERT_FALSE(tx.ok());
  EXPECT_EQ(tx.error().kind(), ErrorKind::kUnavailable);
}

TEST(PostgresStore, BrokenConnectionIsReplaced) {
  if (!test::PostgresAvailable()) GTEST_SKIP() << test::kNoPostgresMessage;
  std::unique_ptr<Db> db = OpenFresh(Backend::kPostgres, {.pool_size = 1});
  std::unique_ptr<Db> admin = OpenFresh(Backend::kPostgres, {.pool_size = 1});
  ASSERT_NE(db, nullptr);
  ASSERT_NE(admin, nullptr);
  Result<std::optional<Row>> pid = db->QueryOne("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid.ok() && pid->has_value());
  ASSERT_TRUE(admin->Query("SELECT pg_terminate_backend(?::int)", {(*pid)->Int(0)}).ok());

  // The pool's only connection is dead: the next statement finds out…
  Status lost = db->Ping();
  ASSERT_FALSE(lost.ok());
  EXPECT_EQ(lost.error().kind(), ErrorKind::kUnavailable);
  // …and the one after runs on a new connection.
  Result<std::optional<Row>> again = db->QueryOne("SELECT pg_backend_pid()");
  ASSERT_TRUE(again.ok()) << Describe(again.error());
  EXPECT_NE((*again)->Int(0), (*pid)->Int(0));
}

TEST(PostgresStore, AbortedTransactionDoesNotCommit) {
  if (!test::PostgresAvailable()) GTEST_SKIP() << test::kNoPostgresMessage;
  std::unique_ptr<Db> db = OpenFresh(Backend::kPostgres);
  ASSERT_NE(db, nullptr);
  ASSERT_TRUE(db->ExecuteScript("CREATE TABLE names (name TEXT PRIMARY KEY)").ok());
  ASSERT_TRUE(db->Execute("INSERT INTO names VALUES (?)", {std::string("a")}).ok());
  Result<std::unique_ptr<Transaction>> tx = db->Begin();
  ASSERT_TRUE(tx.ok());
  ASSERT_TRUE((*tx)->Execute("INSERT INTO names VALUES (?)", {std::string("b")}).ok());
  ASSERT_FALSE((*tx)->Execute("INSERT INTO names VALUES (?)", {std::string("a")}).ok());
  // PostgreSQL aborts the whole transaction on an error; COMMIT must say so.
  EXPECT_FALSE((*tx)->Commit().ok());
  Result<std::optional<Row>> count = db->QueryOne("SELECT COUNT(*) FROM names");
  ASSERT_TRUE(count.ok() && count->has_value());
  EXPECT_EQ((*count)->Int(0), 1);
}

}  // namespace
}  // namespace jieli::store
