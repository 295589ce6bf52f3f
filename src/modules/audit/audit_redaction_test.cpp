#include "modules/audit/audit_redaction.hpp"

#include <gtest/gtest.h>

namespace jieli::audit {
namespace {

const crypto::FieldCipher& Cipher() {
  static const crypto::FieldCipher kCipher =
      crypto::FieldCipher::FromMasterKey(std::string(32, '\x42'));
  return kCipher;
}

TEST(SensitiveChange, HashesBothSidesAndNeverHoldsTheClearValue) {
  nlohmann::json change = SensitiveChange(Cipher(), "name", SensitiveValue{"周秀兰", "周**"},
                                          SensitiveValue{"周秀英", "周**"});
  EXPECT_EQ(change["before"], "周**");
  EXPECT_EQ(change["after"], "周**");
  EXPECT_EQ(change["before_hash"], Cipher().AuditDigest("name", "周秀兰"));
  EXPECT_EQ(change["after_hash"], Cipher().AuditDigest("name", "周秀英"));
  EXPECT_NE(change["before_hash"], change["after_hash"]);
  EXPECT_EQ(change.dump(-1, ' ', false).find("秀"), std::string::npos);
}

TEST(SensitiveChange, LeavesOutAnAbsentSideAndTheMaskWhenThereIsNone) {
  nlohmann::json created = SensitiveChange(Cipher(), "notes", std::nullopt,
                                           SensitiveValue{"独居，需上门", std::nullopt});
  EXPECT_FALSE(created.contains("before_hash"));
  EXPECT_FALSE(created.contains("before"));
  EXPECT_FALSE(created.contains("after"));
  EXPECT_EQ(created["after_hash"], Cipher().AuditDigest("notes", "独居，需上门"));
}

TEST(SensitiveChange, AnEmptyValueHasNoHash) {
  nlohmann::json cleared = SensitiveChange(
      Cipher(), "phone", SensitiveValue{"13812345678", "138****5678"}, SensitiveValue{"", ""});
  EXPECT_TRUE(cleared["after_hash"].is_null());
  EXPECT_TRUE(cleared["after"].is_null());
  EXPECT_EQ(cleared["before"], "138****5678");
}

}  // namespace
}  // namespace jieli::audit
