// Sensitive values in the audit log. Whoever may read the log (admins) may not
// read clients, so a sensitive value is never written to it in clear: an entry
// records that the field changed, a keyed digest of the old and new values
// (crypto::FieldCipher::AuditDigest: whoever holds the master key can prove
// what the values were; nobody else learns anything) and, where there is one,
// the masked form the client list shows anyway ("张*", "138****5678").
// Entries written before this existed keep what they recorded: the log is
// hash-chained and never rewritten (docs/decisions/0003-audit-chain.md).
// Pure functions; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/crypto.hpp"
#include "core/json.hpp"

namespace jieli::audit {

// One side of a change of a sensitive field: the value as text (JSON text for
// lists and objects) and, optionally, its masked form.
struct SensitiveValue {
  std::string text;
  std::optional<std::string> masked;
};

// The "changes" member of a sensitive field:
//   {"before_hash": …, "after_hash": …, "before": masked, "after": masked}
// with a side left out when absent (a creation has no before), a hash null for
// an empty value, and "before"/"after" only when a masked form is given.
Json SensitiveChange(const crypto::FieldCipher& cipher, std::string_view field,
                     const std::optional<SensitiveValue>& before,
                     const std::optional<SensitiveValue>& after);

}  // namespace jieli::audit
