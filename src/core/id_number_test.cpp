#include "core/id_number.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli {
namespace {

// Check characters are computed as sum(digit[i] * weight[i]) mod 11 -> "10X98765432"[r]
// with weights 7 9 10 5 8 4 2 1 6 3 7 9 10 5 8 4 2.
TEST(IdNumber, Valid) {
  for (std::string id : {
           "11010519491231002X",  // sum 167, r = 2 -> X (the well-known example)
           "11010519491231002x",  // lower-case x is accepted
           "110101199001011237",  // sum 126, r = 5 -> 7
           "440306200002290017",  // sum 192, r = 5 -> 7; 2000-02-29 is a leap day
           "310115198008154565",  // sum 293, r = 7 -> 5
           "110101200012310000",  // sum 89, r = 1 -> 0
           "510107198506070003",  // sum 240, r = 9 -> 3
           "110101190001010014",  // sum 52, r = 8 -> 4; 1900 is the first accepted year
       }) {
    EXPECT_TRUE(IsValidIdNumber(id)) << id;
  }
}

TEST(IdNumber, Invalid) {
  struct Case {
    std::string id;
    const char* why;
  };
  const std::vector<Case> kCases = {
      {"", "empty"},
      {"110101199001011234", "wrong check digit (should be 7)"},
      {"110101199001011236", "check digit off by one"},
      {"11010519491231002Y", "check character not a digit or X"},
      {"110105194912310029", "X expected, 9 given"},
      {"11010119900101123", "17 characters"},
      {"1101011990010112377", "19 characters"},
      {"110101900101123", "old 15-digit number"},
      {"1101011990010112X7", "X not at the end"},
      {"11010119900101 237", "space inside"},
      {" 110101199001011237", "untrimmed"},
      {"１１０１０１199001011237", "full-width digits"},
      // Dates below carry correct checksums, so only the date makes them invalid.
      {"110101199002301236", "1990-02-30 (sum 160, r = 6 -> 6)"},
      {"110101200102290015", "2001-02-29, not a leap year (sum 117, r = 7 -> 5)"},
      {"110101199013010012", "month 13 (sum 131, r = 10 -> 2)"},
      {"110101199000010013", "month 00 (sum 97, r = 9 -> 3)"},
      {"11010119900100001X", "day 00 (sum 101, r = 2 -> X)"},
      {"11010118991231001X", "1899, before 1900 (sum 178, r = 2 -> X)"},
  };
  for (const Case& c : kCases) {
    EXPECT_FALSE(IsValidIdNumber(c.id)) << c.id << ": " << c.why;
  }
}

TEST(IdNumber, Normalize) {
  struct Case {
    std::string input;
    std::string normalized;
  };
  const std::vector<Case> kCases = {
      {"11010519491231002x", "11010519491231002X"},
      {"11010519491231002X", "11010519491231002X"},
      {"  11010519491231002x\n", "11010519491231002X"},
      {"\t110101199001011237 ", "110101199001011237"},
      {"\xE3\x80\x80"
       "11010519491231002x"
       "\xE3\x80\x80",
       "11010519491231002X"},
      {" \xE3\x80\x80 110101199001011237", "110101199001011237"},
      {"x1101", "x1101"},  // only a trailing x is a check character
      {"", ""},
      {"   ", ""},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(NormalizeIdNumber(c.input), c.normalized) << c.input;
  }
  EXPECT_TRUE(IsValidIdNumber(NormalizeIdNumber(" 11010519491231002x ")));
}

}  // namespace
}  // namespace jieli
