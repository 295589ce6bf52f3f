// Pieces of substring search through trigram indexes (SQLite FTS5 with the
// trigram tokenizer, PostgreSQL pg_trgm): how to quote what the user typed for
// each. Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace jieli::store {

// A trigram index answers a search of at least this many characters.
inline constexpr std::size_t kTrigramMinChars = 3;

// Characters (UTF-8 code points, as jieli::CodePointCount counts them) in text.
std::size_t CharCount(std::string_view text);

// "%text%" for LIKE, with %, _ and \ escaped (PostgreSQL's default escape).
std::string ContainsPattern(std::string_view text);

// text as one FTS5 phrase ("…" with inner quotes doubled): with the trigram
// tokenizer it matches text anywhere, without operators taking effect.
std::string Fts5Phrase(std::string_view text);

}  // namespace jieli::store
