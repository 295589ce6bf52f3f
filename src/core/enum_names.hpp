// Stable names for enums: a constexpr table of (value, name) pairs, and the
// look-ups both ways. The names are what the store and the API carry, so they
// never change once released. Header-only; the tables are immutable.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace jieli {

template <class Enum, std::size_t N>
using EnumNames = std::array<std::pair<Enum, std::string_view>, N>;

// The value named text, or nullopt.
template <class Enum, std::size_t N>
std::optional<Enum> ParseEnum(const EnumNames<Enum, N>& table, std::string_view text) {
  for (const auto& [value, name] : table) {
    if (name == text) return value;
  }
  return std::nullopt;
}

// The name of value ("" for a value missing from the table: a programmer error).
template <class Enum, std::size_t N>
std::string_view EnumName(const EnumNames<Enum, N>& table, Enum value) {
  for (const auto& [candidate, name] : table) {
    if (candidate == value) return name;
  }
  return "";
}

// Every name in table order (for "allowed values" in validation messages).
template <class Enum, std::size_t N>
std::vector<std::string> EnumNameList(const EnumNames<Enum, N>& table) {
  std::vector<std::string> names;
  names.reserve(N);
  for (const auto& entry : table) names.emplace_back(entry.second);
  return names;
}

// names as one text, "a, b, c": the allowed values in a message or a document.
inline std::string JoinNames(const std::vector<std::string>& names) {
  std::string text;
  for (const std::string& name : names) text += (text.empty() ? "" : ", ") + name;
  return text;
}

}  // namespace jieli
