#include "core/id_number.hpp"

#include <array>

#include <date/date.h>

namespace jieli {
namespace {

constexpr std::size_t kLength = 18;
// Weight of position i is 2^(17 - i) mod 11 (ISO 7064 MOD 11-2).
constexpr std::array<int, 17> kWeights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
// Check character for each value of (weighted sum mod 11).
constexpr std::string_view kCheckChars = "10X98765432";
constexpr std::string_view kFullWidthSpace = "\xE3\x80\x80";  // U+3000

bool IsDigit(char c) { return c >= '0' && c <= '9'; }

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

int DigitsValue(std::string_view digits) {
  int value = 0;
  for (char c : digits) {
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

bool IsValidIdNumber(std::string_view id) {
  if (id.size() != kLength) {
    return false;
  }
  int sum = 0;
  for (std::size_t i = 0; i < kWeights.size(); ++i) {
    if (!IsDigit(id[i])) {
      return false;
    }
    sum += (id[i] - '0') * kWeights[i];
  }
  char check = id[kLength - 1] == 'x' ? 'X' : id[kLength - 1];
  if (check != kCheckChars[static_cast<std::size_t>(sum % 11)]) {
    return false;
  }

  int year = DigitsValue(id.substr(6, 4));
  date::year_month_day birth{date::year{year},
                             date::month{static_cast<unsigned>(DigitsValue(id.substr(10, 2)))},
                             date::day{static_cast<unsigned>(DigitsValue(id.substr(12, 2)))}};
  return year >= 1900 && birth.ok();
}

std::string NormalizeIdNumber(std::string_view id) {
  bool trimmed = true;
  while (trimmed) {
    trimmed = false;
    while (!id.empty() && IsAsciiSpace(id.front())) {
      id.remove_prefix(1);
      trimmed = true;
    }
    while (!id.empty() && IsAsciiSpace(id.back())) {
      id.remove_suffix(1);
      trimmed = true;
    }
    if (id.substr(0, kFullWidthSpace.size()) == kFullWidthSpace) {
      id.remove_prefix(kFullWidthSpace.size());
      trimmed = true;
    }
    if (id.size() >= kFullWidthSpace.size() &&
        id.substr(id.size() - kFullWidthSpace.size()) == kFullWidthSpace) {
      id.remove_suffix(kFullWidthSpace.size());
      trimmed = true;
    }
  }
  std::string out(id);
  if (!out.empty() && out.back() == 'x') {
    out.back() = 'X';
  }
  return out;
}

}  // namespace jieli
