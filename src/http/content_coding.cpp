#include "http/content_coding.hpp"

#include <array>
#include <optional>

#include "http/request.hpp"

namespace jieli::http {
namespace {

constexpr std::array<ContentCoding, 2> kCodings = {ContentCoding{"br", ".br"},
                                                   ContentCoding{"gzip", ".gz"}};

// Whether a q parameter says "not acceptable": q=0, q=0.0, q=0.000.
bool IsZeroWeight(std::string_view params) {
  while (!params.empty()) {
    std::size_t semicolon = params.find(';');
    std::string_view param = TrimSpaces(params.substr(0, semicolon));
    params =
        semicolon == std::string_view::npos ? std::string_view() : params.substr(semicolon + 1);
    if (param.size() < 2 || (param[0] != 'q' && param[0] != 'Q') || param[1] != '=') continue;
    std::string_view value = TrimSpaces(param.substr(2));
    if (value.empty() || value.front() != '0') return false;
    value.remove_prefix(1);
    if (!value.empty() && value.front() == '.') value.remove_prefix(1);
    return value.find_first_not_of('0') == std::string_view::npos;
  }
  return false;
}

}  // namespace

std::vector<ContentCoding> AcceptedCodings(std::string_view accept_encoding) {
  // For each known coding: accepted by name, refused by name, or left to "*".
  std::array<std::optional<bool>, kCodings.size()> named{};
  std::optional<bool> wildcard;
  while (!accept_encoding.empty()) {
    std::size_t comma = accept_encoding.find(',');
    std::string_view item = accept_encoding.substr(0, comma);
    accept_encoding =
        comma == std::string_view::npos ? std::string_view() : accept_encoding.substr(comma + 1);
    std::size_t semicolon = item.find(';');
    std::string_view coding = TrimSpaces(item.substr(0, semicolon));
    bool accepted =
        semicolon == std::string_view::npos || !IsZeroWeight(item.substr(semicolon + 1));
    if (coding == "*") wildcard = accepted;
    for (std::size_t i = 0; i < kCodings.size(); ++i) {
      if (EqualsIgnoringCase(coding, kCodings[i].name)) named[i] = accepted;
    }
  }
  std::vector<ContentCoding> result;
  for (std::size_t i = 0; i < kCodings.size(); ++i) {
    if (named[i].value_or(wildcard.value_or(false))) result.push_back(kCodings[i]);
  }
  return result;
}

}  // namespace jieli::http
