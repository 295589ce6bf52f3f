#include "store/postgres/placeholders.hpp"

#include <gtest/gtest.h>

namespace jieli::store {
namespace {

struct Case {
  const char* sql;
  const char* numbered;
  int count;
};

TEST(NumberPlaceholders, NumbersOnlyParametersOutsideQuotesAndComments) {
  const Case cases[] = {
      {"SELECT 1", "SELECT 1", 0},
      {"SELECT ?", "SELECT $1", 1},
      {"INSERT INTO t (a, b) VALUES (?,?)", "INSERT INTO t (a, b) VALUES ($1,$2)", 2},
      {"SELECT '?', ?", "SELECT '?', $1", 1},
      {"SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1", 1},
      {"SELECT E'\\'?', ?", "SELECT E'\\'?', $1", 1},
      {"SELECT '\\', ?", "SELECT '\\', $1", 1},  // no E: a backslash is just a character
      {"SELECT \"a?\" FROM t WHERE x = ?", "SELECT \"a?\" FROM t WHERE x = $1", 1},
      {"SELECT \"a\"\"?\", ?", "SELECT \"a\"\"?\", $1", 1},
      {"SELECT ? -- why?\n, ?", "SELECT $1 -- why?\n, $2", 2},
      {"SELECT ? /* a /* nested ? */ ? */, ?", "SELECT $1 /* a /* nested ? */ ? */, $2", 2},
      {"SELECT $$ ? $$, ?", "SELECT $$ ? $$, $1", 1},
      {"SELECT $fn$ '? $$ $fn$, ?", "SELECT $fn$ '? $$ $fn$, $1", 1},
      {"SELECT 'unterminated ?", "SELECT 'unterminated ?", 0},
      {"WHERE a=? AND b=?", "WHERE a=$1 AND b=$2", 2},
      {"SELECT '中文?' || ?", "SELECT '中文?' || $1", 1},
  };
  for (const Case& c : cases) {
    NumberedSql out = NumberPlaceholders(c.sql);
    EXPECT_EQ(out.sql, c.numbered) << c.sql;
    EXPECT_EQ(out.param_count, c.count) << c.sql;
  }
}

}  // namespace
}  // namespace jieli::store
