#include "core/json.hpp"

#include <string>

namespace jieli {

Result<Json> ParseStoredJson(std::string_view text, std::string_view what) {
  Json value = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return CorruptStoreError(what);
  return value;
}

Error CorruptStoreError(std::string_view what) {
  return Error(ErrorKind::kInternal, "store.corrupt",
               "stored JSON is damaged: " + std::string(what));
}

}  // namespace jieli
