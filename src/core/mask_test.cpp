#include "core/mask.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli {
namespace {

struct Case {
  std::string input;
  std::string masked;
};

TEST(Mask, IdNumber) {
  const std::vector<Case> kCases = {
      {"110101199001011234", "110***********1234"},  // 18 characters: 11 stars
      {"11010519491231002X", "110***********002X"},
      {"110101900101123", "110********1123"},  // old 15-digit ID
      {"12345678", "123*5678"},                // shortest with a head
      {"1234567", "*****67"},
      {"12", "*2"},
      {"1", "*"},
      {"", ""},
      {"１１０１０１", "****０１"},  // full-width digits are one character each
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(MaskIdNumber(c.input), c.masked) << c.input;
  }
}

TEST(Mask, Phone) {
  const std::vector<Case> kCases = {
      {"13812345678", "138****5678"},
      {"+8613812345678", "+861******5678"},  // 14 characters: first 4, last 4
      {"010-12345678", "010-****5678"},
      {"12345678", "12**5678"},
      {"1234567", "*****67"},
      {"110", "*10"},
      {"7", "*"},
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(MaskPhone(c.input), c.masked) << c.input;
  }
}

TEST(Mask, Name) {
  const std::vector<Case> kCases = {
      {"张三丰", "张**"},
      {"张三", "张*"},
      {"张", "张"},
      {"欧阳娜娜", "欧***"},
      {"Li Lei", "L*****"},
      {"买买提·艾力", "买*****"},
      {"𠀋一", "𠀋*"},  // a four-byte code point stays whole
      {"", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(MaskName(c.input), c.masked) << c.input;
  }
}

TEST(Mask, MalformedUtf8CountsEachBadByte) {
  const std::vector<Case> kCases = {
      {"\xE5\xBC", "\xE5*"},       // truncated sequence: two separate bytes
      {"\x80\x80\x80", "\x80**"},  // stray continuation bytes
      {"张\xFF三", "张**"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(MaskName(c.input), c.masked);
  }
}

}  // namespace
}  // namespace jieli
