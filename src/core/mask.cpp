#include "core/mask.hpp"

#include <algorithm>
#include <vector>

#include "core/text.hpp"

namespace jieli {
namespace {

// Keeps `head` code points at the start and `tail` at the end, a star for each between.
std::string Keep(const std::vector<std::string_view>& chars, std::size_t head, std::size_t tail) {
  std::string out;
  for (std::size_t i = 0; i < chars.size(); ++i) {
    if (i < head || i + tail >= chars.size()) {
      out += chars[i];
    } else {
      out += '*';
    }
  }
  return out;
}

// Too short to show a head: keep the last 2, but never everything.
std::string MaskShort(const std::vector<std::string_view>& chars) {
  std::size_t tail = chars.empty() ? 0 : std::min<std::size_t>(2, chars.size() - 1);
  return Keep(chars, 0, tail);
}

}  // namespace

std::string MaskIdNumber(std::string_view id) {
  std::vector<std::string_view> chars = SplitCodePoints(id);
  if (chars.size() < 8) {
    return MaskShort(chars);
  }
  return Keep(chars, 3, 4);
}

std::string MaskPhone(std::string_view phone) {
  std::vector<std::string_view> chars = SplitCodePoints(phone);
  if (chars.size() < 8) {
    return MaskShort(chars);
  }
  return Keep(chars, chars.size() / 3, 4);
}

std::string MaskName(std::string_view utf8_name) {
  std::vector<std::string_view> chars = SplitCodePoints(utf8_name);
  return Keep(chars, 1, 0);
}

}  // namespace jieli
