#include "modules/feedback/reference.hpp"

#include "core/crypto.hpp"
#include "modules/feedback/intake_request.hpp"

namespace jieli::feedback {
namespace {

constexpr int kReferenceDraws = 3;

}  // namespace

std::string NewReference() { return ReferenceFrom(crypto::RandomBytes(kReferenceLength)); }

Result<std::string> StoreUnderNewReference(
    const std::function<Status(const std::string& reference)>& store) {
  for (int draw = 1;; ++draw) {
    std::string reference = NewReference();
    Status stored = store(reference);
    if (stored) return reference;
    if (stored.error().kind() != ErrorKind::kConflict || draw == kReferenceDraws) {
      return stored.error();
    }
  }
}

}  // namespace jieli::feedback
