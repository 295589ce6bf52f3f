#include "core/totp.hpp"

#include <array>

#include <fmt/core.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "core/crypto.hpp"

namespace jieli {
namespace {

constexpr std::string_view kBase32Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
constexpr std::int64_t kStepSeconds = 30;
constexpr int kDigits = 6;
constexpr std::uint32_t kModulus = 1'000'000;  // 10^kDigits
constexpr std::size_t kSecretBytes = 20;

int Base32Value(char c) {
  if (c >= 'A' && c <= 'Z') {
    return c - 'A';
  }
  if (c >= 'a' && c <= 'z') {
    return c - 'a';
  }
  if (c >= '2' && c <= '7') {
    return c - '2' + 26;
  }
  return -1;
}

// Floor division, so that times before 1970 fall into the step that contains them.
std::int64_t StepOf(std::int64_t unix_seconds) {
  std::int64_t step = unix_seconds / kStepSeconds;
  if (unix_seconds % kStepSeconds < 0) {
    --step;
  }
  return step;
}

// RFC 4226 HOTP value for counter: HMAC-SHA1, dynamic truncation, 6 digits.
std::optional<std::string> CodeForStep(const std::string& key, std::int64_t step) {
  auto counter = static_cast<std::uint64_t>(step);
  std::array<unsigned char, 8> message{};
  for (int i = 7; i >= 0; --i) {
    message[static_cast<std::size_t>(i)] = static_cast<unsigned char>(counter & 0xFF);
    counter >>= 8;
  }
  std::array<unsigned char, EVP_MAX_MD_SIZE> mac{};
  unsigned int mac_size = 0;
  if (HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()), message.data(), message.size(),
           mac.data(), &mac_size) == nullptr ||
      mac_size != 20) {
    return std::nullopt;
  }
  std::size_t offset = mac[19] & 0x0F;
  std::uint32_t binary = (static_cast<std::uint32_t>(mac[offset] & 0x7F) << 24) |
                         (static_cast<std::uint32_t>(mac[offset + 1]) << 16) |
                         (static_cast<std::uint32_t>(mac[offset + 2]) << 8) |
                         static_cast<std::uint32_t>(mac[offset + 3]);
  return fmt::format("{:0{}}", binary % kModulus, kDigits);
}

bool IsSixDigits(std::string_view code) {
  if (code.size() != static_cast<std::size_t>(kDigits)) {
    return false;
  }
  for (char c : code) {
    if (c < '0' || c > '9') {
      return false;
    }
  }
  return true;
}

// RFC 3986 unreserved characters stay; every other byte becomes %XX, so
// multi-byte UTF-8 is encoded byte by byte as the URI syntax requires.
std::string PercentEncode(std::string_view text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (char c : text) {
    auto byte = static_cast<unsigned char>(c);
    bool unreserved = (byte >= 'A' && byte <= 'Z') || (byte >= 'a' && byte <= 'z') ||
                      (byte >= '0' && byte <= '9') || byte == '-' || byte == '.' || byte == '_' ||
                      byte == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0x0F];
    }
  }
  return out;
}

}  // namespace

std::string Base32Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() * 8 + 4) / 5);
  std::uint32_t buffer = 0;
  int bits = 0;
  for (char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += kBase32Alphabet[(buffer >> bits) & 0x1F];
    }
  }
  if (bits > 0) {
    out += kBase32Alphabet[(buffer << (5 - bits)) & 0x1F];
  }
  return out;
}

std::optional<std::string> Base32Decode(std::string_view text) {
  while (!text.empty() && (text.back() == '=' || text.back() == ' ')) {
    text.remove_suffix(1);
  }
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  std::size_t symbols = 0;
  for (char c : text) {
    if (c == ' ') {
      continue;
    }
    int value = Base32Value(c);
    if (value < 0) {
      return std::nullopt;
    }
    ++symbols;
    buffer = (buffer << 5) | static_cast<std::uint32_t>(value);
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  std::size_t tail = symbols % 8;
  if (tail == 1 || tail == 3 || tail == 6) {
    return std::nullopt;
  }
  return out;
}

std::string NewTotpSecret() { return Base32Encode(crypto::RandomBytes(kSecretBytes)); }

Result<std::string> TotpCode(std::string_view base32_secret, std::int64_t unix_seconds) {
  std::optional<std::string> key = Base32Decode(base32_secret);
  if (!key || key->empty()) {
    return Error(ErrorKind::kInvalid, "crypto.totp_secret_invalid");
  }
  std::optional<std::string> code = CodeForStep(*key, StepOf(unix_seconds));
  if (!code) {
    return InternalError("HMAC-SHA1 failed");
  }
  return *code;
}

std::optional<std::int64_t> FindTotpStep(std::string_view base32_secret, std::string_view code,
                                         std::int64_t unix_seconds, int window_steps) {
  if (!IsSixDigits(code)) {
    return std::nullopt;
  }
  std::optional<std::string> key = Base32Decode(base32_secret);
  if (!key || key->empty()) {
    return std::nullopt;
  }
  std::int64_t now = StepOf(unix_seconds);
  int window = window_steps < 0 ? 0 : window_steps;
  // The current step first, then outwards: the likeliest match is found first.
  for (int distance = 0; distance <= window; ++distance) {
    for (std::int64_t step : {now - distance, now + distance}) {
      std::optional<std::string> expected = CodeForStep(*key, step);
      if (expected && crypto::ConstantTimeEquals(*expected, code)) {
        return step;
      }
      if (distance == 0) {
        break;
      }
    }
  }
  return std::nullopt;
}

bool VerifyTotp(std::string_view base32_secret, std::string_view code, std::int64_t unix_seconds,
                int window_steps) {
  return FindTotpStep(base32_secret, code, unix_seconds, window_steps).has_value();
}

std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret) {
  std::string encoded_issuer = PercentEncode(issuer);
  std::string uri = "otpauth://totp/";
  uri += encoded_issuer;
  uri += ':';
  uri += PercentEncode(account);
  uri += "?secret=";
  uri += PercentEncode(base32_secret);
  uri += "&issuer=";
  uri += encoded_issuer;
  uri += "&algorithm=SHA1&digits=6&period=30";
  return uri;
}

}  // namespace jieli
