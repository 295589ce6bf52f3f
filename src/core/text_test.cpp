#include "core/text.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli {
namespace {

TEST(Text, Trim) {
  struct Case {
    std::string input;
    std::string trimmed;
  };
  const std::vector<Case> kCases = {
      {"", ""},
      {"王芳", "王芳"},
      {"  王芳\t\r\n", "王芳"},
      {"\xE3\x80\x80王芳\xE3\x80\x80", "王芳"},  // ideographic space
      {"\xC2\xA0王芳\xC2\xA0", "王芳"},          // no-break space
      {"\xEF\xBB\xBF王芳", "王芳"},              // byte-order mark
      {" \xE3\x80\x80 \xC2\xA0 ", ""},           // nothing but space
      {"王 芳", "王 芳"},                        // inner space stays
      {"\v\fa\v", "a"},
  };
  for (const Case& c : kCases) EXPECT_EQ(Trim(c.input), c.trimmed) << c.input;
}

TEST(Text, IsBlank) {
  struct Case {
    std::string input;
    bool blank;
  };
  const std::vector<Case> kCases = {
      {"", true},
      {" \t\r\n", true},
      {"\xE3\x80\x80", true},  // the ideographic space a Chinese keyboard types
      {"\xC2\xA0 \v\f", true},
      {"王", false},
      {" 。", false},
  };
  for (const Case& c : kCases) EXPECT_EQ(IsBlank(c.input), c.blank) << c.input;
}

TEST(Text, CodePoints) {
  struct Case {
    std::string input;
    std::vector<std::string> pieces;
  };
  const std::vector<Case> kCases = {
      {"", {}},
      {"ab", {"a", "b"}},
      {"王芳", {"王", "芳"}},
      {"é😀", {"é", "😀"}},
      {"\xE7\x8E", {"\xE7", "\x8E"}},  // cut sequence: byte by byte
      {"\x80王", {"\x80", "王"}},      // stray continuation byte
      {"\xFF"
       "a",
       {"\xFF", "a"}},  // byte that starts nothing
  };
  for (const Case& c : kCases) {
    std::vector<std::string> pieces;
    for (std::string_view piece : SplitCodePoints(c.input)) pieces.emplace_back(piece);
    EXPECT_EQ(pieces, c.pieces) << c.input;
    EXPECT_EQ(CodePointCount(c.input), c.pieces.size()) << c.input;
  }
}

TEST(Text, IsValidUtf8) {
  struct Case {
    std::string input;
    bool valid;
  };
  const std::vector<Case> kCases = {
      {"", true},
      {"王芳 abc", true},
      {"\xF0\x9F\x98\x80", true},   // U+1F600
      {"\xF4\x8F\xBF\xBF", true},   // U+10FFFF, the last
      {"\xC0\x80", false},          // overlong NUL
      {"\xE0\x80\x80", false},      // overlong
      {"\xED\xA0\x80", false},      // surrogate
      {"\xF4\x90\x80\x80", false},  // above U+10FFFF
      {"\xE7\x8E", false},          // cut short
      {"\x80", false},              // stray continuation
      {"\xFF", false},
  };
  for (const Case& c : kCases) EXPECT_EQ(IsValidUtf8(c.input), c.valid) << c.input;
}

TEST(Text, TruncateUtf8) {
  struct Case {
    std::string input;
    std::size_t max_bytes;
    std::string truncated;
  };
  const std::vector<Case> kCases = {
      {"abc", 5, "abc"}, {"abc", 2, "ab"}, {"王芳", 6, "王芳"}, {"王芳", 5, "王"},  // not inside 芳
      {"王芳", 3, "王"}, {"王芳", 2, ""},  {"", 0, ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(TruncateUtf8(c.input, c.max_bytes), c.truncated) << c.input << " " << c.max_bytes;
  }
}

}  // namespace
}  // namespace jieli
