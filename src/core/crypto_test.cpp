#include "core/crypto.hpp"

#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/messages.hpp"

namespace jieli::crypto {
namespace {

namespace fs = std::filesystem;

const std::string kKeyA(32, 'a');
const std::string kKeyB(32, 'b');

// A fresh directory per test, removed afterwards.
class KeyFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "jieli_crypto_XXXXXX").string();
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { fs::remove_all(dir_); }

  std::string PathOf(const std::string& name) const { return (dir_ / name).string(); }

  std::string WriteFile(const std::string& name, const std::string& content, mode_t mode) {
    std::string path = PathOf(name);
    std::ofstream(path, std::ios::binary) << content;
    EXPECT_EQ(::chmod(path.c_str(), mode), 0);
    return path;
  }

  fs::path dir_;
};

TEST(Crypto, EveryErrorCodeHasAMessage) {
  for (const char* code :
       {"crypto.init_failed", "crypto.hash_failed", "crypto.key_missing", "crypto.key_invalid",
        "crypto.key_permissions", "crypto.key_exists", "crypto.key_write_failed",
        "crypto.decrypt_failed", "crypto.totp_secret_invalid"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
}

TEST(Crypto, InitIsIdempotent) {
  EXPECT_TRUE(InitCrypto().ok());
  EXPECT_TRUE(InitCrypto().ok());
}

TEST(Crypto, RandomTokenIsBase64UrlWithoutPadding) {
  struct Case {
    std::size_t bytes;
    std::size_t chars;
  };
  for (const Case& c : {Case{32, 43}, Case{16, 22}, Case{1, 2}, Case{3, 4}, Case{0, 0}}) {
    std::string token = RandomToken(c.bytes);
    EXPECT_EQ(token.size(), c.chars) << c.bytes;
    for (char ch : token) {
      EXPECT_TRUE(std::isalnum(static_cast<unsigned char>(ch)) || ch == '-' || ch == '_') << token;
    }
  }
  EXPECT_EQ(RandomToken().size(), 43u);
}

TEST(Crypto, RandomTokensDiffer) {
  std::set<std::string> seen;
  for (int i = 0; i < 100; ++i) {
    seen.insert(RandomToken());
  }
  EXPECT_EQ(seen.size(), 100u);
}

TEST(Crypto, Sha256HexKnownVectors) {
  struct Case {
    std::string input;
    std::string hex;
  };
  const std::vector<Case> kCases = {
      {"", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"},
      {"abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"},
      {"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(Sha256Hex(c.input), c.hex) << c.input;
  }
}

TEST(Crypto, ConstantTimeEquals) {
  struct Case {
    std::string a;
    std::string b;
    bool equal;
  };
  const std::vector<Case> kCases = {
      {"", "", true},
      {"token", "token", true},
      {"token", "tokem", false},
      {"token", "token ", false},
      {"", "x", false},
      {std::string("a\0b", 3), std::string("a\0c", 3), false},
  };
  for (const Case& c : kCases) {
    EXPECT_EQ(ConstantTimeEquals(c.a, c.b), c.equal) << c.a;
  }
}

class PasswordTest : public ::testing::Test {
 protected:
  void SetUp() override { SetPasswordHashCost(PasswordHashCost::kMinimum); }
  void TearDown() override { SetPasswordHashCost(PasswordHashCost::kMinimum); }
};

TEST_F(PasswordTest, HashVerifiesOnlyTheRightPassword) {
  Result<std::string> hash = HashPassword("Correct-Horse-9");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u) << *hash;
  EXPECT_TRUE(VerifyPassword(*hash, "Correct-Horse-9"));
  EXPECT_FALSE(VerifyPassword(*hash, "correct-horse-9"));
  EXPECT_FALSE(VerifyPassword(*hash, "Correct-Horse-9 "));
  EXPECT_FALSE(VerifyPassword(*hash, ""));
}

TEST_F(PasswordTest, SaltMakesHashesDiffer) {
  Result<std::string> a = HashPassword("same");
  Result<std::string> b = HashPassword("same");
  ASSERT_TRUE(a.ok());
  ASSERT_TRUE(b.ok());
  EXPECT_NE(*a, *b);
}

TEST_F(PasswordTest, NonAsciiAndEmptyPasswords) {
  for (std::string password : {"密码Ab1!", ""}) {
    Result<std::string> hash = HashPassword(password);
    ASSERT_TRUE(hash.ok());
    EXPECT_TRUE(VerifyPassword(*hash, password));
    EXPECT_FALSE(VerifyPassword(*hash, "other"));
  }
}

TEST_F(PasswordTest, GarbageHashNeverVerifies) {
  Result<std::string> good = HashPassword("pw");
  ASSERT_TRUE(good.ok());
  std::string tampered = *good;
  tampered.back() = tampered.back() == 'A' ? 'B' : 'A';
  const std::vector<std::string> kGarbage = {
      "",
      "pw",
      "$argon2id$",
      "$argon2id$v=19$m=8,t=1,p=1$$",
      good->substr(0, good->size() / 2),
      tampered,
      *good + std::string(1, '\0') + "x",
      std::string(500, '$'),
  };
  for (const std::string& hash : kGarbage) {
    EXPECT_FALSE(VerifyPassword(hash, "pw")) << hash;
  }
}

TEST_F(PasswordTest, CostIsEncodedAndRehashIsDetected) {
  Result<std::string> cheap = HashPassword("pw");
  ASSERT_TRUE(cheap.ok());
  EXPECT_FALSE(PasswordNeedsRehash(*cheap));
  EXPECT_TRUE(PasswordNeedsRehash("garbage"));

  SetPasswordHashCost(PasswordHashCost::kInteractive);
  EXPECT_TRUE(PasswordNeedsRehash(*cheap));
  // A hash made at one cost still verifies after the cost changes.
  EXPECT_TRUE(VerifyPassword(*cheap, "pw"));
  Result<std::string> strong = HashPassword("pw");
  ASSERT_TRUE(strong.ok());
  EXPECT_NE(strong->find("m=65536,t=2"), std::string::npos) << *strong;
  EXPECT_FALSE(PasswordNeedsRehash(*strong));
  EXPECT_TRUE(VerifyPassword(*strong, "pw"));
}

TEST(FieldCipher, RoundTrips) {
  FieldCipher cipher = FieldCipher::FromMasterKey(kKeyA);
  const std::vector<std::string> kPlaintexts = {"", "110101199001011234", "张三",
                                                std::string("a\0b", 3), std::string(10000, 'x')};
  for (const std::string& plaintext : kPlaintexts) {
    std::string sealed = cipher.Encrypt(plaintext);
    EXPECT_EQ(sealed.size(), plaintext.size() + 40);
    Result<std::string> opened = cipher.Decrypt(sealed);
    ASSERT_TRUE(opened.ok());
    EXPECT_EQ(*opened, plaintext);
  }
}

TEST(FieldCipher, EncryptionIsRandomised) {
  FieldCipher cipher = FieldCipher::FromMasterKey(kKeyA);
  EXPECT_NE(cipher.Encrypt("13812345678"), cipher.Encrypt("13812345678"));
}

TEST(FieldCipher, CopiesShareTheKey) {
  FieldCipher original = FieldCipher::FromMasterKey(kKeyA);
  FieldCipher copy = original;
  original = FieldCipher::FromMasterKey(kKeyB);  // the copy is independent
  Result<std::string> opened = copy.Decrypt(FieldCipher::FromMasterKey(kKeyA).Encrypt("secret"));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "secret");
}

TEST(FieldCipher, WrongKeyFails) {
  std::string sealed = FieldCipher::FromMasterKey(kKeyA).Encrypt("secret");
  Result<std::string> opened = FieldCipher::FromMasterKey(kKeyB).Decrypt(sealed);
  ASSERT_FALSE(opened.ok());
  EXPECT_EQ(opened.error().code(), "crypto.decrypt_failed");
  EXPECT_EQ(opened.error().kind(), ErrorKind::kInternal);
}

TEST(FieldCipher, TamperedOrTruncatedFails) {
  FieldCipher cipher = FieldCipher::FromMasterKey(kKeyA);
  std::string sealed = cipher.Encrypt("110101199001011234");
  std::vector<std::string> broken;
  // Flip one bit in every position: nonce, tag and ciphertext are all covered.
  for (std::size_t i = 0; i < sealed.size(); ++i) {
    std::string copy = sealed;
    copy[i] = static_cast<char>(copy[i] ^ 0x01);
    broken.push_back(std::move(copy));
  }
  broken.emplace_back();
  broken.push_back(sealed.substr(0, 39));  // shorter than nonce + tag
  broken.push_back(sealed.substr(0, 40));  // nonce + tag, text dropped
  broken.push_back(sealed.substr(0, sealed.size() - 1));
  broken.push_back(sealed + "x");
  for (const std::string& b : broken) {
    Result<std::string> opened = cipher.Decrypt(b);
    ASSERT_FALSE(opened.ok()) << b.size();
    EXPECT_EQ(opened.error().code(), "crypto.decrypt_failed");
  }
}

TEST(FieldCipher, BlindIndexIsDeterministicAndKeyed) {
  FieldCipher a = FieldCipher::FromMasterKey(kKeyA);
  FieldCipher b = FieldCipher::FromMasterKey(kKeyB);
  std::string index = a.BlindIndex("110101199001011234");
  EXPECT_EQ(index.size(), 64u);
  EXPECT_EQ(index.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(index, FieldCipher::FromMasterKey(kKeyA).BlindIndex("110101199001011234"));
  EXPECT_NE(index, a.BlindIndex("110101199001011235"));
  EXPECT_NE(index, b.BlindIndex("110101199001011234"));
  // Not a plain hash of the value.
  EXPECT_NE(index, Sha256Hex("110101199001011234"));
}

TEST(FieldCipher, AuditDigestIsKeyedPerFieldAndApartFromTheIndex) {
  FieldCipher a = FieldCipher::FromMasterKey(kKeyA);
  FieldCipher b = FieldCipher::FromMasterKey(kKeyB);
  std::string digest = a.AuditDigest("phone", "13812345678");
  EXPECT_EQ(digest.size(), 64u);
  EXPECT_EQ(digest.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(digest, FieldCipher::FromMasterKey(kKeyA).AuditDigest("phone", "13812345678"));
  EXPECT_NE(digest, a.AuditDigest("phone", "13812345679"));
  EXPECT_NE(digest, a.AuditDigest("notes", "13812345678"));
  EXPECT_NE(digest, b.AuditDigest("phone", "13812345678"));
  EXPECT_NE(a.AuditDigest("ab", "c"), a.AuditDigest("a", "bc"));
  // Neither the blind index nor a plain hash: an index column cannot be matched to the log.
  EXPECT_NE(digest, a.BlindIndex("13812345678"));
  EXPECT_NE(digest, Sha256Hex(std::string("phone") + '\0' + "13812345678"));
}

TEST_F(KeyFileTest, CreateThenLoad) {
  std::string path = PathOf("field.key");
  ASSERT_TRUE(FieldCipher::CreateKeyFile(path).ok());

  struct stat st {};
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
  std::ifstream in(path);
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(content.size(), 65u);
  EXPECT_EQ(content.back(), '\n');
  EXPECT_EQ(content.substr(0, 64).find_first_not_of("0123456789abcdef"), std::string::npos);

  Result<FieldCipher> first = FieldCipher::LoadKeyFile(path);
  Result<FieldCipher> second = FieldCipher::LoadKeyFile(path);
  ASSERT_TRUE(first.ok());
  ASSERT_TRUE(second.ok());
  Result<std::string> opened = second->Decrypt(first->Encrypt("secret"));
  ASSERT_TRUE(opened.ok());
  EXPECT_EQ(*opened, "secret");
  EXPECT_EQ(first->BlindIndex("v"), second->BlindIndex("v"));
}

TEST_F(KeyFileTest, CreateIsUmaskProof) {
  mode_t old = ::umask(0);
  Status created = FieldCipher::CreateKeyFile(PathOf("field.key"));
  ::umask(old);
  ASSERT_TRUE(created.ok());
  struct stat st {};
  ASSERT_EQ(::stat(PathOf("field.key").c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0600u);
}

TEST_F(KeyFileTest, CreateRefusesExistingFile) {
  std::string path = PathOf("field.key");
  ASSERT_TRUE(FieldCipher::CreateKeyFile(path).ok());
  Result<FieldCipher> before = FieldCipher::LoadKeyFile(path);
  ASSERT_TRUE(before.ok());

  Status again = FieldCipher::CreateKeyFile(path);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error().code(), "crypto.key_exists");
  EXPECT_EQ(again.error().kind(), ErrorKind::kConflict);

  // The existing key is untouched.
  Result<FieldCipher> after = FieldCipher::LoadKeyFile(path);
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(before->BlindIndex("v"), after->BlindIndex("v"));
}

TEST_F(KeyFileTest, CreateInMissingDirectoryFails) {
  Status status = FieldCipher::CreateKeyFile(PathOf("no/such/dir/field.key"));
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().code(), "crypto.key_write_failed");
}

TEST_F(KeyFileTest, LoadMatchesFromMasterKey) {
  // 32 bytes of 'a' (0x61) in hex.
  std::string hex;
  for (int i = 0; i < 32; ++i) {
    hex += "61";
  }
  for (const std::string& content : {hex + "\n", hex, hex + "\r\n", [&] {
                                       std::string upper = hex;
                                       for (char& c : upper) {
                                         c = static_cast<char>(std::toupper(c));
                                       }
                                       return upper + "\n";
                                     }()}) {
    std::string path = WriteFile("k", content, 0600);
    Result<FieldCipher> loaded = FieldCipher::LoadKeyFile(path);
    ASSERT_TRUE(loaded.ok()) << content;
    EXPECT_EQ(loaded->BlindIndex("v"), FieldCipher::FromMasterKey(kKeyA).BlindIndex("v"));
    fs::remove(path);
  }
}

TEST_F(KeyFileTest, LoadRefusesBadFiles) {
  const std::string kHex64(64, 'a');
  struct Case {
    std::string name;
    std::string content;
    mode_t mode;
    std::string code;
  };
  const std::vector<Case> kCases = {
      {"readable by others", kHex64 + "\n", 0644, "crypto.key_permissions"},
      {"readable by group", kHex64 + "\n", 0640, "crypto.key_permissions"},
      {"writable by group", kHex64 + "\n", 0620, "crypto.key_permissions"},
      {"empty", "", 0600, "crypto.key_invalid"},
      {"not hex", std::string(63, 'a') + "g\n", 0600, "crypto.key_invalid"},
      {"too short", std::string(62, 'a') + "\n", 0600, "crypto.key_invalid"},
      {"too long", std::string(66, 'a') + "\n", 0600, "crypto.key_invalid"},
      {"trailing junk", kHex64 + "\nx", 0600, "crypto.key_invalid"},
      {"two newlines", kHex64 + "\n\n", 0600, "crypto.key_invalid"},
      {"leading space", " " + kHex64, 0600, "crypto.key_invalid"},
      {"raw binary key", std::string(32, 'a'), 0600, "crypto.key_invalid"},
  };
  for (const Case& c : kCases) {
    std::string path = WriteFile("k", c.content, c.mode);
    Result<FieldCipher> loaded = FieldCipher::LoadKeyFile(path);
    ASSERT_FALSE(loaded.ok()) << c.name;
    EXPECT_EQ(loaded.error().code(), c.code) << c.name;
    EXPECT_NE(loaded.error().log_detail().find(path), std::string::npos) << c.name;
    fs::remove(path);
  }
}

TEST_F(KeyFileTest, LoadMissingOrDirectory) {
  Result<FieldCipher> missing = FieldCipher::LoadKeyFile(PathOf("absent.key"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.error().code(), "crypto.key_missing");

  fs::create_directory(PathOf("dir"));
  fs::permissions(PathOf("dir"), fs::perms::owner_all);
  Result<FieldCipher> directory = FieldCipher::LoadKeyFile(PathOf("dir"));
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.error().code(), "crypto.key_invalid");
}

}  // namespace
}  // namespace jieli::crypto
