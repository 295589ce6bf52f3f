// Crypto: the few cryptographic primitives Jieli needs, over libsodium.
//
// Random tokens (session ids, CSRF tokens, API tokens), SHA-256, constant-time
// comparison, password hashing (argon2id) and FieldCipher, which encrypts
// sensitive fields (ID numbers, phone numbers) at rest and yields a blind index
// so that encrypted values can still be looked up by exact match.
//
// Every function initialises libsodium on first use, so calling InitCrypto() at
// start-up is only needed to surface an initialisation failure early.
// All functions are thread-safe. FieldCipher is an immutable value: it holds the
// three derived subkeys (never the master key), is cheap to copy and may be shared
// between threads; its destructor wipes the keys.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace jieli::crypto {

// Initialises libsodium. Idempotent and thread-safe.
// Error: "crypto.init_failed" (kInternal) when libsodium cannot start (no entropy source).
Status InitCrypto();

// `bytes` cryptographically random bytes, raw (binary).
std::string RandomBytes(std::size_t bytes);

// `bytes` cryptographically random bytes, encoded base64url without padding
// (32 bytes -> 43 characters). Safe for URLs, cookies and headers.
std::string RandomToken(std::size_t bytes = 32);

// SHA-256 of data as 64 lower-case hex characters.
std::string Sha256Hex(std::string_view data);

// Whether a == b, in time independent of where they differ. The lengths are not
// secret: strings of different length compare unequal at once.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// How expensive HashPassword is. kInteractive is libsodium's interactive limit
// (2 passes, 64 MiB) and the default; kMinimum (1 pass, 8 KiB) exists only so
// that tests creating many users run fast. Never use kMinimum in production.
enum class PasswordHashCost { kInteractive, kMinimum };

// Sets the cost for subsequent HashPassword calls, process-wide (atomic).
void SetPasswordHashCost(PasswordHashCost cost);

// Hashes password with argon2id and a random salt into libsodium's self-describing
// string ("$argon2id$v=19$m=...,t=...,p=1$salt$hash"), which VerifyPassword accepts
// whatever cost it was made with.
// Error: "crypto.hash_failed" (kInternal) when memory for hashing is unavailable.
Result<std::string> HashPassword(std::string_view password);

// Whether password matches stored_hash. False also for an empty or malformed hash.
bool VerifyPassword(std::string_view stored_hash, std::string_view password);

// Whether stored_hash was made with parameters other than the current cost (or
// is malformed), so the caller should re-hash the password after a successful sign-in.
bool PasswordNeedsRehash(std::string_view stored_hash);

// Encrypts sensitive fields at rest with XSalsa20-Poly1305 (crypto_secretbox)
// and computes blind indexes (keyed BLAKE2b) for exact-match look-ups.
//
// One 32-byte master key, kept in a key file outside the database, yields three
// independent subkeys (crypto_kdf, context "JieliFld"): one for encryption, one
// for the blind index, one for audit digests, so a leaked index key cannot decrypt anything.
class FieldCipher {
 public:
  // Reads a key file: 64 hex characters, optionally followed by a newline.
  // Errors (all kInternal, the path is in the log detail):
  //   "crypto.key_missing"     the file does not exist or cannot be opened;
  //   "crypto.key_permissions" the file grants any access to group or others
  //                            (like ssh, we refuse rather than trust a leaked key);
  //   "crypto.key_invalid"     not a regular file, or the content is not 64 hex chars.
  static Result<FieldCipher> LoadKeyFile(const std::string& path);

  // Writes a new random master key to path with mode 0600, refusing to overwrite.
  // Errors: "crypto.key_exists" (kConflict) when path exists;
  //         "crypto.key_write_failed" (kInternal) when it cannot be created or written
  //         (a partly written file is removed).
  static Status CreateKeyFile(const std::string& path);

  // A cipher from a raw 32-byte master key; for tests. key32.size() must be 32 (asserted).
  static FieldCipher FromMasterKey(std::string_view key32);

  FieldCipher(const FieldCipher&) = default;
  FieldCipher& operator=(const FieldCipher&) = default;
  ~FieldCipher();

  // A fresh random nonce followed by the ciphertext and tag, as binary bytes
  // (plaintext.size() + 40 bytes). Encrypting the same value twice gives different output.
  std::string Encrypt(std::string_view plaintext) const;

  // The plaintext of a value made by Encrypt with the same master key.
  // Error: "crypto.decrypt_failed" (kInternal) when sealed is truncated, tampered
  // with, or was encrypted under another key.
  Result<std::string> Decrypt(std::string_view sealed) const;

  // A deterministic keyed hash of value, 64 lower-case hex characters: equal
  // inputs give equal outputs, so a column of these can be indexed and searched.
  // Normalise value (NormalizeIdNumber, trimmed phone) before calling.
  std::string BlindIndex(std::string_view value) const;

  // A keyed hash (BLAKE2b, 64 lower-case hex characters) of a sensitive value
  // as the audit log records it instead of the value: equal field and value give
  // equal digests, so whoever holds the master key can prove what a change was,
  // while the log's readers learn nothing of the value. Its key is a third
  // subkey, independent of the encryption and blind-index keys.
  std::string AuditDigest(std::string_view field, std::string_view value) const;

 private:
  FieldCipher() = default;

  std::array<unsigned char, 32> encryption_key_{};
  std::array<unsigned char, 32> index_key_{};
  std::array<unsigned char, 32> audit_key_{};
};

}  // namespace jieli::crypto
