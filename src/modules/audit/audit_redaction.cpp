#include "modules/audit/audit_redaction.hpp"

namespace jieli::audit {
namespace {

void AddSide(Json& change, const crypto::FieldCipher& cipher, std::string_view field,
             const std::optional<SensitiveValue>& value, const char* hash_key,
             const char* masked_key) {
  if (!value) return;
  change[hash_key] = value->text.empty() ? Json() : Json(cipher.AuditDigest(field, value->text));
  if (value->masked) {
    change[masked_key] = value->text.empty() ? Json() : Json(*value->masked);
  }
}

}  // namespace

Json SensitiveChange(const crypto::FieldCipher& cipher, std::string_view field,
                     const std::optional<SensitiveValue>& before,
                     const std::optional<SensitiveValue>& after) {
  Json change = Json::object();
  AddSide(change, cipher, field, before, "before_hash", "before");
  AddSide(change, cipher, field, after, "after_hash", "after");
  return change;
}

}  // namespace jieli::audit
