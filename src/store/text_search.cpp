#include "store/text_search.hpp"

#include "core/text.hpp"

namespace jieli::store {

std::size_t CharCount(std::string_view text) { return CodePointCount(text); }

std::string ContainsPattern(std::string_view text) {
  std::string pattern = "%";
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
    pattern += ch;
  }
  pattern += '%';
  return pattern;
}

std::string Fts5Phrase(std::string_view text) {
  std::string phrase = "\"";
  for (char ch : text) {
    if (ch == '"') phrase += '"';
    phrase += ch;
  }
  phrase += '"';
  return phrase;
}

}  // namespace jieli::store
