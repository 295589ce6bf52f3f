// TOTP: time-based one-time passwords (RFC 6238) for two-factor sign-in.
//
// Parameters are fixed to what every common authenticator app (Google
// Authenticator, Microsoft Authenticator, 阿里云/腾讯身份宝, FreeOTP, ...) supports:
// HMAC-SHA1, 30-second steps counted from the Unix epoch, 6 digits. Secrets are
// exchanged as RFC 4648 base32 without padding.
//
// A code stays valid for its whole step and, with window_steps, its neighbours;
// refusing a code that was already used (replay) is the caller's job: remember
// the step FindTotpStep returns and refuse steps not later than it.
// Pure functions (OpenSSL's HMAC for SHA-1, libsodium for randomness); thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jieli {

// A new secret: 20 random bytes (160 bits, as RFC 4226 recommends) in base32, 32 characters.
std::string NewTotpSecret();

// The 6-digit code for the step containing unix_seconds, with leading zeros.
// The secret is case-insensitive; spaces and trailing '=' are ignored.
// Error: "crypto.totp_secret_invalid" (kInvalid) when the secret is not base32 or empty.
Result<std::string> TotpCode(std::string_view base32_secret, std::int64_t unix_seconds);

// The step (unix_seconds / 30) whose code equals code, looking up to window_steps
// steps before and after the current one (the current step first), or nullopt.
// code must be exactly 6 ASCII digits. An invalid secret matches nothing.
std::optional<std::int64_t> FindTotpStep(std::string_view base32_secret, std::string_view code,
                                         std::int64_t unix_seconds, int window_steps = 1);

// Whether code is valid at unix_seconds, allowing window_steps steps of clock
// drift either way (1 = ±30 s). Comparison is constant-time.
bool VerifyTotp(std::string_view base32_secret, std::string_view code, std::int64_t unix_seconds,
                int window_steps = 1);

// The otpauth:// URI that authenticator apps read from a QR code:
// otpauth://totp/Issuer:account?secret=...&issuer=...&algorithm=SHA1&digits=6&period=30
// Issuer and account are percent-encoded byte by byte (UTF-8 stays intact, '%20' for spaces).
std::string TotpUri(std::string_view issuer, std::string_view account,
                    std::string_view base32_secret);

// RFC 4648 base32 without padding (exposed for tests and for showing secrets).
std::string Base32Encode(std::string_view bytes);

// Decodes RFC 4648 base32, case-insensitive, ignoring spaces and trailing '='.
// nullopt for any other character or a length that no encoding has (1, 3 or 6 mod 8).
std::optional<std::string> Base32Decode(std::string_view text);

}  // namespace jieli
