#include "core/totp.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli {
namespace {

// RFC 6238 Appendix B: the SHA-1 seed is the ASCII string "12345678901234567890".
const std::string kRfcSecret = Base32Encode("12345678901234567890");

TEST(Totp, Rfc6238Sha1Vectors) {
  ASSERT_EQ(kRfcSecret, "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ");
  struct Case {
    std::int64_t time;
    std::string code;  // the RFC's 8-digit value, last 6 digits
  };
  const std::vector<Case> kCases = {
      {59, "287082"},           // 94287082
      {1111111109, "081804"},   // 07081804
      {1111111111, "050471"},   // 14050471
      {1234567890, "005924"},   // 89005924
      {2000000000, "279037"},   // 69279037
      {20000000000, "353130"},  // 65353130 (beyond 2038: 64-bit counter)
  };
  for (const Case& c : kCases) {
    Result<std::string> code = TotpCode(kRfcSecret, c.time);
    ASSERT_TRUE(code.ok()) << c.time;
    EXPECT_EQ(*code, c.code) << c.time;
    EXPECT_TRUE(VerifyTotp(kRfcSecret, c.code, c.time)) << c.time;
    EXPECT_EQ(FindTotpStep(kRfcSecret, c.code, c.time), c.time / 30) << c.time;
  }
}

TEST(Totp, SecretSpellingsAreEquivalent) {
  for (std::string secret :
       {"gezdgnbvgy3tqojqgezdgnbvgy3tqojq", "GEZD GNBV GY3T QOJQ GEZD GNBV GY3T QOJQ",
        "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ===="}) {
    Result<std::string> code = TotpCode(secret, 59);
    ASSERT_TRUE(code.ok()) << secret;
    EXPECT_EQ(*code, "287082") << secret;
  }
}

TEST(Totp, InvalidSecrets) {
  for (std::string secret :
       {"", "   ", "====", "GEZDGNBV1", "GEZDGNB8", "GEZ-DGNBV", "A", "ABC", "ABCDEF", "密钥"}) {
    Result<std::string> code = TotpCode(secret, 59);
    ASSERT_FALSE(code.ok()) << secret;
    EXPECT_EQ(code.error().code(), "crypto.totp_secret_invalid");
    EXPECT_EQ(code.error().kind(), ErrorKind::kInvalid);
    EXPECT_FALSE(VerifyTotp(secret, "287082", 59)) << secret;
  }
}

TEST(Totp, StepBoundaries) {
  // Steps are [30k, 30k + 29]; the code changes exactly at the boundary.
  EXPECT_EQ(*TotpCode(kRfcSecret, 0), *TotpCode(kRfcSecret, 29));
  EXPECT_NE(*TotpCode(kRfcSecret, 29), *TotpCode(kRfcSecret, 30));
  EXPECT_EQ(*TotpCode(kRfcSecret, 30), *TotpCode(kRfcSecret, 59));
  // Before 1970 the step is floored, not truncated towards zero.
  EXPECT_NE(*TotpCode(kRfcSecret, -1), *TotpCode(kRfcSecret, 0));
  EXPECT_EQ(*TotpCode(kRfcSecret, -1), *TotpCode(kRfcSecret, -30));
}

TEST(Totp, WindowEdges) {
  constexpr std::int64_t kNow = 1234567890;  // the first second of step 41152263
  struct Case {
    std::int64_t code_time;  // the time the code was generated for
    int window;
    bool accepted;
  };
  const std::vector<Case> kCases = {
      {kNow, 0, true},        // this step
      {kNow + 29, 0, true},   // this step, last second
      {kNow - 1, 0, false},   // previous step, no window
      {kNow - 1, 1, true},    // previous step, last second
      {kNow - 30, 1, true},   // previous step, first second
      {kNow - 31, 1, false},  // two steps back
      {kNow - 31, 2, true},   // two steps back, wider window
      {kNow + 30, 0, false},  // next step, no window
      {kNow + 30, 1, true},   // next step, first second
      {kNow + 59, 1, true},   // next step, last second
      {kNow + 60, 1, false},  // two steps ahead
      {kNow + 60, 2, true},   // two steps ahead, wider window
      {kNow - 1, -5, false},  // a negative window is no window
  };
  for (const Case& c : kCases) {
    std::string code = *TotpCode(kRfcSecret, c.code_time);
    EXPECT_EQ(VerifyTotp(kRfcSecret, code, kNow, c.window), c.accepted)
        << c.code_time - kNow << " window " << c.window;
    if (c.accepted) {
      EXPECT_EQ(FindTotpStep(kRfcSecret, code, kNow, c.window), c.code_time / 30);
    }
  }
}

TEST(Totp, MalformedCodesAreRefused) {
  for (std::string code :
       {"", "28708", "2870820", " 287082", "287082 ", "28708a", "２８７０８２", "-28708"}) {
    EXPECT_FALSE(VerifyTotp(kRfcSecret, code, 59, 5)) << code;
  }
}

TEST(Totp, NewSecretsAreRandom160Bit) {
  std::set<std::string> seen;
  for (int i = 0; i < 20; ++i) {
    std::string secret = NewTotpSecret();
    EXPECT_EQ(secret.size(), 32u);
    std::optional<std::string> bytes = Base32Decode(secret);
    ASSERT_TRUE(bytes.has_value());
    EXPECT_EQ(bytes->size(), 20u);
    EXPECT_TRUE(TotpCode(secret, 0).ok());
    seen.insert(secret);
  }
  EXPECT_EQ(seen.size(), 20u);
}

TEST(Totp, Base32Rfc4648Vectors) {
  struct Case {
    std::string bytes;
    std::string text;
  };
  const std::vector<Case> kCases = {
      {"", ""},
      {"f", "MY"},
      {"fo", "MZXQ"},
      {"foo", "MZXW6"},
      {"foob", "MZXW6YQ"},
      {"fooba", "MZXW6YTB"},
      {"foobar", "MZXW6YTBOI"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Base32Encode(c.bytes), c.text);
    std::optional<std::string> decoded = Base32Decode(c.text);
    ASSERT_TRUE(decoded.has_value()) << c.text;
    EXPECT_EQ(*decoded, c.bytes);
  }
}

TEST(Totp, UriEncodesIssuerAndAccount) {
  struct Case {
    std::string issuer;
    std::string account;
    std::string uri;
  };
  const std::vector<Case> kCases = {
      {"Jieli", "alice",
       "otpauth://totp/Jieli:alice?secret=JBSWY3DPEHPK3PXP&issuer=Jieli"
       "&algorithm=SHA1&digits=6&period=30"},
      {"Jieli Care", "bob@example.org",
       "otpauth://totp/Jieli%20Care:bob%40example.org?secret=JBSWY3DPEHPK3PXP"
       "&issuer=Jieli%20Care&algorithm=SHA1&digits=6&period=30"},
      // 介立 = E4 BB 8B E7 AB 8B; 张三 = E5 BC A0 E4 B8 89
      {"介立", "张三",
       "otpauth://totp/%E4%BB%8B%E7%AB%8B:%E5%BC%A0%E4%B8%89?secret=JBSWY3DPEHPK3PXP"
       "&issuer=%E4%BB%8B%E7%AB%8B&algorithm=SHA1&digits=6&period=30"},
      // Characters with a meaning in the URI cannot break its structure.
      {"A:B&C", "x?y=z/#",
       "otpauth://totp/A%3AB%26C:x%3Fy%3Dz%2F%23?secret=JBSWY3DPEHPK3PXP"
       "&issuer=A%3AB%26C&algorithm=SHA1&digits=6&period=30"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(TotpUri(c.issuer, c.account, "JBSWY3DPEHPK3PXP"), c.uri);
  }
}

}  // namespace
}  // namespace jieli
