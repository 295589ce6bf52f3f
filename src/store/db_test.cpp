#include "store/db.hpp"

#include <limits>

#include <gtest/gtest.h>

#include "store/migration.hpp"

namespace jieli::store {
namespace {

TEST(Row, ReadsEachTypeAsItself) {
  Row row({std::int64_t{-7}, 2.5, std::string("文本"), Blob{std::string("\0b", 2)}, Null()});
  EXPECT_EQ(row.size(), 5u);
  EXPECT_EQ(row.Int(0), -7);
  EXPECT_EQ(row.Double(1), 2.5);
  EXPECT_EQ(row.Text(2), "文本");
  EXPECT_EQ(row.Bytes(3), std::string("\0b", 2));
  EXPECT_TRUE(row.IsNull(4));
  EXPECT_FALSE(row.IsNull(0));
}

TEST(Row, ConvertsWhereSensible) {
  Row row({std::string("42"), std::int64_t{42}, std::string("1.25"), 3.75, std::string("12.00"),
           std::string("abc"), 1e30});
  EXPECT_EQ(row.Int(0), 42);
  EXPECT_EQ(row.Text(1), "42");
  EXPECT_EQ(row.Double(1), 42.0);
  EXPECT_EQ(row.Double(2), 1.25);
  EXPECT_EQ(row.Int(3), 3);
  EXPECT_EQ(row.Text(3), "3.75");
  EXPECT_EQ(row.Int(4), 12);
  EXPECT_EQ(row.Int(5), 0);
  EXPECT_EQ(row.Int(6), std::numeric_limits<std::int64_t>::max());
}

TEST(Row, NullReadsAsZeroOrEmptyUnlessOptional) {
  Row row({Null()});
  EXPECT_EQ(row.Int(0), 0);
  EXPECT_EQ(row.Double(0), 0.0);
  EXPECT_EQ(row.Text(0), "");
  EXPECT_EQ(row.Bytes(0), "");
  EXPECT_EQ(row.OptInt(0), std::nullopt);
  EXPECT_EQ(row.OptText(0), std::nullopt);

  Row values({std::int64_t{0}, std::string()});
  EXPECT_EQ(values.OptInt(0), std::optional<std::int64_t>(0));
  EXPECT_EQ(values.OptText(1), std::optional<std::string>(""));
}

TEST(DialectSql, ReplacesEveryTokenPerBackend) {
  constexpr std::string_view kSql = "CREATE TABLE a (id {{pk}}, b {{blob}}, c {{blob}})";
  EXPECT_EQ(DialectSql(Backend::kSqlite, kSql),
            "CREATE TABLE a (id INTEGER PRIMARY KEY AUTOINCREMENT, b BLOB, c BLOB)");
  EXPECT_EQ(DialectSql(Backend::kPostgres, kSql),
            "CREATE TABLE a (id BIGSERIAL PRIMARY KEY, b BYTEA, c BYTEA)");
  EXPECT_EQ(DialectSql(Backend::kPostgres, "SELECT 1"), "SELECT 1");
}

TEST(DbOpen, RejectsUnknownSchemes) {
  Result<std::unique_ptr<Db>> db = Db::Open("mysql://localhost/jieli");
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.error().code(), "store.invalid_url");
}

}  // namespace
}  // namespace jieli::store
