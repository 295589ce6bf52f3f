#include "core/mask.hpp"

#include <algorithm>
#include <vector>

namespace jieli {
namespace {

// Bytes in the UTF-8 sequence that lead starts; 1 for a byte that cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) {
    return 1;
  }
  if ((lead & 0xE0) == 0xC0) {
    return 2;
  }
  if ((lead & 0xF0) == 0xE0) {
    return 3;
  }
  if ((lead & 0xF8) == 0xF0) {
    return 4;
  }
  return 1;
}

// Splits UTF-8 text into code points. A malformed sequence yields its bytes
// one by one, so nothing is dropped and every byte is counted once.
std::vector<std::string_view> CodePoints(std::string_view text) {
  std::vector<std::string_view> out;
  std::size_t i = 0;
  while (i < text.size()) {
    std::size_t length = SequenceLength(static_cast<unsigned char>(text[i]));
    std::size_t taken = 1;
    while (taken < length && i + taken < text.size() &&
           (static_cast<unsigned char>(text[i + taken]) & 0xC0) == 0x80) {
      ++taken;
    }
    if (taken != length) {
      taken = 1;
    }
    out.push_back(text.substr(i, taken));
    i += taken;
  }
  return out;
}

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
  std::vector<std::string_view> chars = CodePoints(id);
  if (chars.size() < 8) {
    return MaskShort(chars);
  }
  return Keep(chars, 3, 4);
}

std::string MaskPhone(std::string_view phone) {
  std::vector<std::string_view> chars = CodePoints(phone);
  if (chars.size() < 8) {
    return MaskShort(chars);
  }
  return Keep(chars, chars.size() / 3, 4);
}

std::string MaskName(std::string_view utf8_name) {
  std::vector<std::string_view> chars = CodePoints(utf8_name);
  return Keep(chars, 1, 0);
}

}  // namespace jieli
