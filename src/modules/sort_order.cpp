#include "modules/sort_order.hpp"

namespace jieli::modules {

Result<std::string> SortOrders::OrderBy(const std::string& sort) const {
  for (const auto& [name, clause] : options_) {
    if (name == sort) return clause;
  }
  return ValidationFailed({{"sort", "invalid_choice", {{"allowed", Allowed()}}}});
}

std::string SortOrders::Allowed() const {
  std::string text;
  for (const auto& option : options_) text += (text.empty() ? "" : ", ") + option.first;
  return text;
}

}  // namespace jieli::modules
