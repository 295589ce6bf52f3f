#include "core/text.hpp"

namespace jieli {
namespace {

constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";
constexpr std::string_view kNoBreakSpace = "\xC2\xA0";

bool IsAsciiSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
bool IsContinuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

// Bytes of the whitespace text starts with (0 when none).
std::size_t LeadingSpace(std::string_view text) {
  if (text.empty()) return 0;
  if (IsAsciiSpace(text.front())) return 1;
  for (std::string_view space : {kIdeographicSpace, kByteOrderMark, kNoBreakSpace}) {
    if (text.starts_with(space)) return space.size();
  }
  return 0;
}

// Bytes of the whitespace text ends with (0 when none).
std::size_t TrailingSpace(std::string_view text) {
  if (text.empty()) return 0;
  if (IsAsciiSpace(text.back())) return 1;
  for (std::string_view space : {kIdeographicSpace, kByteOrderMark, kNoBreakSpace}) {
    if (text.ends_with(space)) return space.size();
  }
  return 0;
}

// Bytes in the UTF-8 sequence that lead starts; 1 for a byte that cannot start one.
std::size_t SequenceLength(unsigned char lead) {
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) return 2;
  if ((lead & 0xF0) == 0xE0) return 3;
  if ((lead & 0xF8) == 0xF0) return 4;
  return 1;
}

// Bytes of the code point at the start of text (see SplitCodePoints).
std::size_t FirstCodePoint(std::string_view text) {
  std::size_t length = SequenceLength(static_cast<unsigned char>(text[0]));
  std::size_t taken = 1;
  while (taken < length && taken < text.size() && IsContinuation(text[taken])) ++taken;
  return taken == length ? length : 1;
}

}  // namespace

std::string Trim(std::string_view text) {
  while (std::size_t n = LeadingSpace(text)) text.remove_prefix(n);
  while (std::size_t n = TrailingSpace(text)) text.remove_suffix(n);
  return std::string(text);
}

std::vector<std::string_view> SplitCodePoints(std::string_view text) {
  std::vector<std::string_view> out;
  while (!text.empty()) {
    std::size_t length = FirstCodePoint(text);
    out.push_back(text.substr(0, length));
    text.remove_prefix(length);
  }
  return out;
}

std::size_t CodePointCount(std::string_view text) {
  std::size_t count = 0;
  while (!text.empty()) {
    text.remove_prefix(FirstCodePoint(text));
    ++count;
  }
  return count;
}

bool IsValidUtf8(std::string_view text) {
  const auto* p = reinterpret_cast<const unsigned char*>(text.data());
  const auto* end = p + text.size();
  while (p < end) {
    unsigned char c = *p;
    if (c < 0x80) {
      ++p;
      continue;
    }
    // The allowed range of the second byte excludes overlong forms (E0, F0),
    // surrogates (ED) and code points above U+10FFFF (F4).
    int extra = 0;
    unsigned char lo = 0x80;
    unsigned char hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
      extra = 1;
    } else if (c == 0xE0) {
      extra = 2;
      lo = 0xA0;
    } else if ((c >= 0xE1 && c <= 0xEC) || c == 0xEE || c == 0xEF) {
      extra = 2;
    } else if (c == 0xED) {
      extra = 2;
      hi = 0x9F;
    } else if (c == 0xF0) {
      extra = 3;
      lo = 0x90;
    } else if (c >= 0xF1 && c <= 0xF3) {
      extra = 3;
    } else if (c == 0xF4) {
      extra = 3;
      hi = 0x8F;
    } else {
      return false;
    }
    if (end - p <= extra) return false;
    if (p[1] < lo || p[1] > hi) return false;
    for (int i = 2; i <= extra; ++i) {
      if ((p[i] & 0xC0) != 0x80) return false;
    }
    p += extra + 1;
  }
  return true;
}

std::string_view TruncateUtf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text;
  std::size_t cut = max_bytes;
  while (cut > 0 && IsContinuation(text[cut])) --cut;
  return text.substr(0, cut);
}

bool IsBlank(std::string_view text) { return Trim(text).empty(); }

}  // namespace jieli
