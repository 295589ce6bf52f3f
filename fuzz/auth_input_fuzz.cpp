// What a person types to sign in and to secure an account: a new password
// against the policy (CheckPasswordPolicy, the code line standing in for the
// user name), a TOTP code checked against a secret (FindTotpStep, VerifyTotp)
// and the secret's base32 text (Base32Decode, Base32Encode, TotpCode, TotpUri).
//
// Input: three lines — a password, a TOTP code, a base32 secret — and after a
// fourth newline the seconds since the epoch (decimal; a fixed time otherwise).

#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>

#include "core/password_policy.hpp"
#include "core/totp.hpp"
#include "fuzz_support.hpp"

namespace {

constexpr std::int64_t kDefaultTime = 1'795'000'000;  // 2026-11-18

bool IsSixDigits(const std::string& code) {
  return code.size() == 6 && code.find_first_not_of("0123456789") == std::string::npos;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto lines = jieli::fuzz::Split(jieli::fuzz::AsText(data, size), '\n', 4);
  lines.resize(4);
  std::string_view password = lines[0];
  std::string_view code = lines[1];
  std::string_view secret = lines[2];
  std::int64_t now = kDefaultTime;
  std::from_chars(lines[3].data(), lines[3].data() + lines[3].size(), now);

  // The second line stands in for the user name too.
  for (const jieli::FieldIssue& issue : jieli::CheckPasswordPolicy(password, "password", code)) {
    JIELI_FUZZ_CHECK(issue.field == "password");
    JIELI_FUZZ_CHECK(issue.code == "password_too_short" || issue.code == "too_long" ||
                     issue.code == "password_classes" ||
                     (issue.code == "password_contains_username" && !code.empty() &&
                      code.size() <= password.size()));
  }

  // Whatever the secret, a code is checked without error; never with a wrong shape.
  std::optional<std::int64_t> step = jieli::FindTotpStep(secret, code, now);
  if (step) JIELI_FUZZ_CHECK(code.size() == 6);

  std::optional<std::string> key = jieli::Base32Decode(secret);
  if (key) {
    JIELI_FUZZ_CHECK(jieli::Base32Decode(jieli::Base32Encode(*key)) == key);
    jieli::Result<std::string> current = jieli::TotpCode(secret, now);
    JIELI_FUZZ_CHECK(current.ok() == !key->empty());
    if (current) {
      JIELI_FUZZ_CHECK(IsSixDigits(*current));
      JIELI_FUZZ_CHECK(jieli::VerifyTotp(secret, *current, now));
    }
  }
  // Any bytes survive a round trip through base32.
  JIELI_FUZZ_CHECK(jieli::Base32Decode(jieli::Base32Encode(password)) == std::string(password));

  std::string uri = jieli::TotpUri(password, code, secret);
  JIELI_FUZZ_CHECK(uri.find_first_of(" \n\r\t") == std::string::npos);
  return 0;
}
