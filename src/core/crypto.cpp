#include "core/crypto.hpp"

#include <array>
#include <atomic>
#include <cassert>
#include <cctype>
#include <cerrno>
#include <cstdint>
#include <cstring>

#include <fcntl.h>
#include <sodium.h>
#include <sys/stat.h>
#include <unistd.h>

namespace jieli::crypto {
namespace {

static_assert(crypto_secretbox_KEYBYTES == 32);
static_assert(crypto_generichash_KEYBYTES == 32);
static_assert(crypto_kdf_KEYBYTES == 32);

constexpr std::size_t kMasterKeyBytes = crypto_kdf_KEYBYTES;
constexpr std::size_t kMasterKeyHexChars = 2 * kMasterKeyBytes;
constexpr std::string_view kKdfContext = "JieliFld";
static_assert(kKdfContext.size() == crypto_kdf_CONTEXTBYTES);
// Subkey ids under kKdfContext. Never renumber: stored data depends on them.
constexpr std::uint64_t kEncryptionSubkeyId = 1;
constexpr std::uint64_t kIndexSubkeyId = 2;
constexpr std::uint64_t kAuditSubkeyId = 3;
constexpr std::size_t kSealOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;

std::atomic<PasswordHashCost> g_password_hash_cost{PasswordHashCost::kInteractive};

// sodium_init() is itself thread-safe and idempotent; the static only saves the
// call (and its lock) on every use after the first.
bool EnsureSodium() {
  static const bool kReady = sodium_init() >= 0;
  return kReady;
}

// An empty string_view may carry a null pointer; libsodium is never handed one.
const char* Chars(std::string_view s) { return s.data() != nullptr ? s.data() : ""; }

const unsigned char* Bytes(std::string_view s) {
  return reinterpret_cast<const unsigned char*>(Chars(s));
}

unsigned char* Bytes(std::string& s) { return reinterpret_cast<unsigned char*>(s.data()); }

std::string ToHex(const unsigned char* bin, std::size_t size) {
  std::string hex(size * 2 + 1, '\0');
  sodium_bin2hex(hex.data(), hex.size(), bin, size);
  hex.pop_back();
  return hex;
}

struct PwhashLimits {
  unsigned long long ops;
  std::size_t mem;
};

PwhashLimits CurrentLimits() {
  if (g_password_hash_cost.load() == PasswordHashCost::kMinimum) {
    return {crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};
  }
  return {crypto_pwhash_argon2id_OPSLIMIT_INTERACTIVE, crypto_pwhash_argon2id_MEMLIMIT_INTERACTIVE};
}

// libsodium wants a NUL-terminated hash string that fits crypto_pwhash_STRBYTES.
bool IsPlausibleHashString(std::string_view stored_hash) {
  return !stored_hash.empty() && stored_hash.size() < crypto_pwhash_STRBYTES &&
         stored_hash.find('\0') == std::string_view::npos;
}

Error KeyError(ErrorKind kind, const char* code, const std::string& path, const char* what,
               int err = 0) {
  std::string detail = path + ": " + what;
  if (err != 0) {
    detail += ": ";
    detail += std::strerror(err);
  }
  return {kind, code, std::move(detail)};
}

// Closes fd on every path out of the caller.
class FdCloser {
 public:
  explicit FdCloser(int fd) : fd_(fd) {}
  FdCloser(const FdCloser&) = delete;
  FdCloser& operator=(const FdCloser&) = delete;
  ~FdCloser() {
    if (fd_ >= 0) {
      ::close(fd_);
    }
  }
  // Closes now and reports whether close succeeded (it can fail on write-back).
  bool Close() {
    int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0;
  }

 private:
  int fd_;
};

bool WriteAll(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    ssize_t n = ::write(fd, data, size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      return false;
    }
    data += n;
    size -= static_cast<std::size_t>(n);
  }
  return true;
}

}  // namespace

Status InitCrypto() {
  if (!EnsureSodium()) {
    return Error(ErrorKind::kInternal, "crypto.init_failed", "sodium_init() failed");
  }
  return Ok();
}

std::string RandomBytes(std::size_t bytes) {
  EnsureSodium();
  std::string raw(bytes, '\0');
  randombytes_buf(raw.data(), raw.size());
  return raw;
}

std::string RandomToken(std::size_t bytes) {
  std::string raw = RandomBytes(bytes);
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string encoded(sodium_base64_ENCODED_LEN(bytes, kVariant), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), Bytes(raw), raw.size(), kVariant);
  encoded.resize(std::strlen(encoded.c_str()));
  sodium_memzero(raw.data(), raw.size());
  return encoded;
}

std::string Sha256Hex(std::string_view data) {
  EnsureSodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), Bytes(data), data.size());
  return ToHex(digest.data(), digest.size());
}

bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) {
    return false;
  }
  if (a.empty()) {
    return true;
  }
  return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void SetPasswordHashCost(PasswordHashCost cost) { g_password_hash_cost.store(cost); }

Result<std::string> HashPassword(std::string_view password) {
  if (!EnsureSodium()) {
    return Error(ErrorKind::kInternal, "crypto.init_failed", "sodium_init() failed");
  }
  PwhashLimits limits = CurrentLimits();
  std::array<char, crypto_pwhash_STRBYTES> out{};
  if (crypto_pwhash_str_alg(out.data(), Chars(password), password.size(), limits.ops, limits.mem,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return Error(ErrorKind::kInternal, "crypto.hash_failed",
                 "crypto_pwhash_str_alg failed (out of memory?)");
  }
  return std::string(out.data());
}

bool VerifyPassword(std::string_view stored_hash, std::string_view password) {
  if (!EnsureSodium() || !IsPlausibleHashString(stored_hash)) {
    return false;
  }
  std::string hash(stored_hash);
  return crypto_pwhash_str_verify(hash.c_str(), Chars(password), password.size()) == 0;
}

bool PasswordNeedsRehash(std::string_view stored_hash) {
  if (!EnsureSodium() || !IsPlausibleHashString(stored_hash)) {
    return true;
  }
  std::string hash(stored_hash);
  PwhashLimits limits = CurrentLimits();
  // The argon2id variant also reports a hash of another algorithm (argon2i) as needing rehash.
  return crypto_pwhash_argon2id_str_needs_rehash(hash.c_str(), limits.ops, limits.mem) != 0;
}

Result<FieldCipher> FieldCipher::LoadKeyFile(const std::string& path) {
  if (!EnsureSodium()) {
    return Error(ErrorKind::kInternal, "crypto.init_failed", "sodium_init() failed");
  }
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    return KeyError(ErrorKind::kInternal, "crypto.key_missing", path, "cannot open", errno);
  }
  FdCloser closer(fd);

  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    return KeyError(ErrorKind::kInternal, "crypto.key_missing", path, "cannot stat", errno);
  }
  if (!S_ISREG(st.st_mode)) {
    return KeyError(ErrorKind::kInternal, "crypto.key_invalid", path, "not a regular file");
  }
  if ((st.st_mode & (S_IRWXG | S_IRWXO)) != 0) {
    return KeyError(ErrorKind::kInternal, "crypto.key_permissions", path,
                    "group or others have access; chmod 600 it");
  }

  // One byte more than the longest valid content, to detect trailing junk.
  std::array<char, kMasterKeyHexChars + 3> buffer{};
  std::size_t size = 0;
  while (size < buffer.size()) {
    ssize_t n = ::read(fd, buffer.data() + size, buffer.size() - size);
    if (n < 0) {
      if (errno == EINTR) {
        continue;
      }
      sodium_memzero(buffer.data(), buffer.size());
      return KeyError(ErrorKind::kInternal, "crypto.key_missing", path, "cannot read", errno);
    }
    if (n == 0) {
      break;
    }
    size += static_cast<std::size_t>(n);
  }

  // The newline is optional and may be CRLF if someone edited the file on Windows.
  std::string_view content(buffer.data(), size);
  if (!content.empty() && content.back() == '\n') {
    content.remove_suffix(1);
  }
  if (!content.empty() && content.back() == '\r') {
    content.remove_suffix(1);
  }
  bool well_formed = content.size() == kMasterKeyHexChars;
  for (char c : content) {
    well_formed = well_formed && std::isxdigit(static_cast<unsigned char>(c)) != 0;
  }
  std::array<unsigned char, kMasterKeyBytes> master{};
  std::size_t decoded = 0;
  well_formed = well_formed &&
                sodium_hex2bin(master.data(), master.size(), content.data(), content.size(),
                               nullptr, &decoded, nullptr) == 0 &&
                decoded == kMasterKeyBytes;
  sodium_memzero(buffer.data(), buffer.size());
  if (!well_formed) {
    sodium_memzero(master.data(), master.size());
    return KeyError(ErrorKind::kInternal, "crypto.key_invalid", path,
                    "expected 64 hex characters and a newline");
  }
  FieldCipher cipher =
      FromMasterKey(std::string_view(reinterpret_cast<const char*>(master.data()), master.size()));
  sodium_memzero(master.data(), master.size());
  return cipher;
}

Status FieldCipher::CreateKeyFile(const std::string& path) {
  if (!EnsureSodium()) {
    return Error(ErrorKind::kInternal, "crypto.init_failed", "sodium_init() failed");
  }
  // O_EXCL makes "refuse to overwrite" atomic; the mode passed to open is
  // filtered by the umask, so fchmod sets 0600 exactly.
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, S_IRUSR | S_IWUSR);
  if (fd < 0) {
    if (errno == EEXIST) {
      return KeyError(ErrorKind::kConflict, "crypto.key_exists", path, "already exists");
    }
    return KeyError(ErrorKind::kInternal, "crypto.key_write_failed", path, "cannot create", errno);
  }
  FdCloser closer(fd);

  std::array<unsigned char, kMasterKeyBytes> master{};
  randombytes_buf(master.data(), master.size());
  std::array<char, kMasterKeyHexChars + 2> hex{};
  sodium_bin2hex(hex.data(), hex.size(), master.data(), master.size());
  sodium_memzero(master.data(), master.size());
  hex[kMasterKeyHexChars] = '\n';

  bool written = ::fchmod(fd, S_IRUSR | S_IWUSR) == 0;
  int err = written ? 0 : errno;
  if (written) {
    written = WriteAll(fd, hex.data(), kMasterKeyHexChars + 1) && ::fsync(fd) == 0;
    if (!written) {
      err = errno;
    }
  }
  sodium_memzero(hex.data(), hex.size());
  if (written) {
    written = closer.Close();
    if (!written) {
      err = errno;
    }
  }
  if (!written) {
    // A key file that exists but is unusable would make the next CreateKeyFile
    // refuse, so remove what we created.
    ::unlink(path.c_str());
    return KeyError(ErrorKind::kInternal, "crypto.key_write_failed", path, "cannot write", err);
  }
  return Ok();
}

FieldCipher FieldCipher::FromMasterKey(std::string_view key32) {
  assert(key32.size() == kMasterKeyBytes);
  EnsureSodium();
  FieldCipher cipher;
  crypto_kdf_derive_from_key(cipher.encryption_key_.data(), cipher.encryption_key_.size(),
                             kEncryptionSubkeyId, kKdfContext.data(), Bytes(key32));
  crypto_kdf_derive_from_key(cipher.index_key_.data(), cipher.index_key_.size(), kIndexSubkeyId,
                             kKdfContext.data(), Bytes(key32));
  crypto_kdf_derive_from_key(cipher.audit_key_.data(), cipher.audit_key_.size(), kAuditSubkeyId,
                             kKdfContext.data(), Bytes(key32));
  return cipher;
}

FieldCipher::~FieldCipher() {
  sodium_memzero(encryption_key_.data(), encryption_key_.size());
  sodium_memzero(index_key_.data(), index_key_.size());
  sodium_memzero(audit_key_.data(), audit_key_.size());
}

std::string FieldCipher::Encrypt(std::string_view plaintext) const {
  std::string sealed(kSealOverhead + plaintext.size(), '\0');
  unsigned char* nonce = Bytes(sealed);
  randombytes_buf(nonce, crypto_secretbox_NONCEBYTES);
  crypto_secretbox_easy(nonce + crypto_secretbox_NONCEBYTES, Bytes(plaintext), plaintext.size(),
                        nonce, encryption_key_.data());
  return sealed;
}

Result<std::string> FieldCipher::Decrypt(std::string_view sealed) const {
  if (sealed.size() < kSealOverhead) {
    return Error(ErrorKind::kInternal, "crypto.decrypt_failed", "sealed value too short");
  }
  const unsigned char* nonce = Bytes(sealed);
  const unsigned char* box = nonce + crypto_secretbox_NONCEBYTES;
  std::size_t box_size = sealed.size() - crypto_secretbox_NONCEBYTES;
  std::string plaintext(box_size - crypto_secretbox_MACBYTES, '\0');
  if (crypto_secretbox_open_easy(Bytes(plaintext), box, box_size, nonce, encryption_key_.data()) !=
      0) {
    return Error(ErrorKind::kInternal, "crypto.decrypt_failed",
                 "authentication failed (wrong key or tampered value)");
  }
  return plaintext;
}

std::string FieldCipher::BlindIndex(std::string_view value) const {
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(value), value.size(), index_key_.data(),
                     index_key_.size());
  return ToHex(digest.data(), digest.size());
}

std::string FieldCipher::AuditDigest(std::string_view field, std::string_view value) const {
  // field, a NUL (which no field name holds) and value: "a" + "bc" never hashes as "ab" + "c".
  std::string message(field);
  message += '\0';
  message += value;
  std::array<unsigned char, crypto_generichash_BYTES> digest{};
  crypto_generichash(digest.data(), digest.size(), Bytes(message), message.size(),
                     audit_key_.data(), audit_key_.size());
  return ToHex(digest.data(), digest.size());
}

}  // namespace jieli::crypto
