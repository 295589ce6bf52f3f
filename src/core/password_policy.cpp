#include "core/password_policy.hpp"

#include <cstddef>

#include "core/text.hpp"

namespace jieli {
namespace {

struct Census {
  std::size_t code_points = 0;
  bool upper = false;
  bool lower = false;
  bool digit = false;
  bool other = false;
};

// Counts code points and notes which classes occur.
Census Count(std::string_view password) {
  Census census;
  census.code_points = CodePointCount(password);
  for (char c : password) {
    auto byte = static_cast<unsigned char>(c);
    if (byte >= 'A' && byte <= 'Z') {
      census.upper = true;
    } else if (byte >= 'a' && byte <= 'z') {
      census.lower = true;
    } else if (byte >= '0' && byte <= '9') {
      census.digit = true;
    } else {
      census.other = true;
    }
  }
  return census;
}

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// Whether text contains part, ASCII letters compared without case. Other
// bytes (UTF-8 sequences included) must match exactly, which for UTF-8 only
// matches whole characters.
bool ContainsIgnoringAsciiCase(std::string_view text, std::string_view part) {
  if (part.empty() || part.size() > text.size()) return false;
  for (std::size_t at = 0; at + part.size() <= text.size(); ++at) {
    std::size_t i = 0;
    while (i < part.size() && AsciiLower(text[at + i]) == AsciiLower(part[i])) ++i;
    if (i == part.size()) return true;
  }
  return false;
}

}  // namespace

std::vector<FieldIssue> CheckPasswordPolicy(std::string_view password, const std::string& field,
                                            std::string_view username) {
  std::vector<FieldIssue> issues;
  Census census = Count(password);
  if (census.code_points < static_cast<std::size_t>(kPasswordMinLength)) {
    issues.push_back({field, "password_too_short", {{"min", std::to_string(kPasswordMinLength)}}});
  }
  if (census.code_points > static_cast<std::size_t>(kPasswordMaxLength)) {
    issues.push_back({field, "too_long", {{"max", std::to_string(kPasswordMaxLength)}}});
  }
  int classes = int{census.upper} + int{census.lower} + int{census.digit} + int{census.other};
  if (classes < 3) {
    issues.push_back({field, "password_classes"});
  }
  if (ContainsIgnoringAsciiCase(password, username)) {
    issues.push_back({field, "password_contains_username"});
  }
  return issues;
}

}  // namespace jieli
