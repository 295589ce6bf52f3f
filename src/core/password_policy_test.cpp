#include "core/password_policy.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli {
namespace {

std::vector<std::string> Codes(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> codes;
  codes.reserve(issues.size());
  for (const FieldIssue& issue : issues) {
    codes.push_back(issue.code);
  }
  return codes;
}

TEST(PasswordPolicy, Table) {
  struct Case {
    std::string password;
    std::vector<std::string> codes;
  };
  const std::vector<Case> kCases = {
      {"Abcdefg1", {}},                     // 8 characters, upper + lower + digit
      {"abcdefg1!", {}},                    // lower + digit + symbol
      {"ABCDEFG1!", {}},                    // upper + digit + symbol
      {"Abcdefg!", {}},                     // upper + lower + symbol
      {"Abcd efg", {}},                     // a space counts as "other"
      {"密码很长abc1", {}},                 // Chinese counts as "other": 8 code points
      {"密码Ab1", {"password_too_short"}},  // 5 code points but 11 bytes
      {"Abc1!", {"password_too_short"}},
      {"", {"password_too_short", "password_classes"}},
      {"abcdefgh", {"password_classes"}},
      {"abcdefg1", {"password_classes"}},
      {"ABCDEFG1", {"password_classes"}},
      {"12345678", {"password_classes"}},
      {"密码密码密码密码", {"password_classes"}},  // only "other"
      {"密码密码密码密1", {"password_classes"}},   // other + digit
      {"abc", {"password_too_short", "password_classes"}},
      {"Aa1" + std::string(125, 'x'), {}},  // exactly 128
      {"Aa1" + std::string(126, 'x'), {"too_long"}},
      {std::string(129, 'x'), {"too_long", "password_classes"}},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Codes(CheckPasswordPolicy(c.password)), c.codes) << c.password;
  }
}

TEST(PasswordPolicy, LongChineseIsCountedInCodePoints) {
  std::string password = "Aa1";
  for (int i = 0; i < 125; ++i) {
    password += "密";  // 128 code points, 378 bytes
  }
  EXPECT_TRUE(CheckPasswordPolicy(password).empty());
  password += "密";
  EXPECT_EQ(Codes(CheckPasswordPolicy(password)), std::vector<std::string>{"too_long"});
}

TEST(PasswordPolicy, IssuesCarryFieldAndParams) {
  std::vector<FieldIssue> issues = CheckPasswordPolicy("a", "new_password");
  ASSERT_EQ(issues.size(), 2u);
  EXPECT_EQ(issues[0].field, "new_password");
  EXPECT_EQ(issues[0].code, "password_too_short");
  EXPECT_EQ(issues[0].params.at("min"), "8");
  EXPECT_EQ(issues[1].field, "new_password");
  EXPECT_TRUE(issues[1].params.empty());

  std::vector<FieldIssue> long_issues = CheckPasswordPolicy("Aa1" + std::string(200, 'x'));
  ASSERT_EQ(long_issues.size(), 1u);
  EXPECT_EQ(long_issues[0].field, "password");
  EXPECT_EQ(long_issues[0].params.at("max"), "128");
}

TEST(PasswordPolicy, MayNotContainTheUserName) {
  struct Case {
    std::string password;
    std::string username;
    std::vector<std::string> codes;
  };
  const std::vector<Case> kCases = {
      {"Wangfang#2026", "wangfang", {"password_contains_username"}},  // case differs
      {"#2026WANGFANG", "wangfang", {"password_contains_username"}},  // at the end
      {"Xx-wang.fang-1", "wang.fang", {"password_contains_username"}},
      {"Wang#fang2026", "wangfang", {}},  // interrupted: not contained
      {"Wangfan#2026", "wangfang", {}},   // only part of it
      {"Jieli@2026", "worker", {}},
      {"Jieli@2026", "", {}},                                        // no name known: no check
      {"Jieli@2026", "jieli@2026", {"password_contains_username"}},  // the whole password
      {"Jieli@2026", "jieli@2026x", {}},                             // longer than the password
      {"Ab1", "ab", {"password_too_short", "password_contains_username"}},
      {"王芳Abc#2026", "王芳", {"password_contains_username"}},  // non-ASCII bytes match exactly
      {"王方Abc#2026", "王芳", {}},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Codes(CheckPasswordPolicy(c.password, "password", c.username)), c.codes)
        << c.password << " for " << c.username;
  }
  std::vector<FieldIssue> issues = CheckPasswordPolicy("Admin#2026x", "new_password", "ADMIN");
  ASSERT_EQ(issues.size(), 1u);
  EXPECT_EQ(issues[0].field, "new_password");
  EXPECT_TRUE(issues[0].params.empty());
}

}  // namespace
}  // namespace jieli
