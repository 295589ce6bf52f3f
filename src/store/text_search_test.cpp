#include "store/text_search.hpp"

#include <gtest/gtest.h>

namespace jieli::store {
namespace {

TEST(TextSearch, CountsCharactersNotBytes) {
  EXPECT_EQ(CharCount("王芳"), 2u);
  EXPECT_EQ(CharCount("欧阳a1"), 4u);
  EXPECT_EQ(CharCount(""), 0u);
}

TEST(TextSearch, LikePatternsEscapeWildcards) {
  EXPECT_EQ(ContainsPattern("秀珍"), "%秀珍%");
  EXPECT_EQ(ContainsPattern("50%_a\\b"), "%50\\%\\_a\\\\b%");
}

TEST(TextSearch, Fts5PhrasesQuoteOperators) {
  EXPECT_EQ(Fts5Phrase("跌倒两次"), "\"跌倒两次\"");
  EXPECT_EQ(Fts5Phrase("a\" OR b"), "\"a\"\" OR b\"");
}

}  // namespace
}  // namespace jieli::store
