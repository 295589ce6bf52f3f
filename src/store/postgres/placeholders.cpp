#include "store/postgres/placeholders.hpp"

#include <cctype>

namespace jieli::store {
namespace {

bool IsIdentChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

// The end (one past the closing quote) of a '…' string starting at `open`.
// Doubled quotes stay inside; with backslash escapes (E'…'), so does \'.
std::size_t SkipQuoted(std::string_view sql, std::size_t open, char quote, bool backslash) {
  std::size_t i = open + 1;
  while (i < sql.size()) {
    char c = sql[i];
    if (backslash && c == '\\') {
      i += 2;
    } else if (c == quote) {
      if (i + 1 < sql.size() && sql[i + 1] == quote) {
        i += 2;
      } else {
        return i + 1;
      }
    } else {
      ++i;
    }
  }
  return sql.size();
}

// The end of a /* … */ comment starting at `open`; PostgreSQL nests them.
std::size_t SkipBlockComment(std::string_view sql, std::size_t open) {
  int depth = 0;
  std::size_t i = open;
  while (i < sql.size()) {
    if (sql.compare(i, 2, "/*") == 0) {
      ++depth;
      i += 2;
    } else if (sql.compare(i, 2, "*/") == 0) {
      i += 2;
      if (--depth == 0) return i;
    } else {
      ++i;
    }
  }
  return sql.size();
}

// The tag ("$body$", or "$$") of a dollar quote starting at `open`, or empty
// when the `$` does not open one ($1, or a `$` inside an identifier).
std::string_view DollarTag(std::string_view sql, std::size_t open) {
  std::size_t i = open + 1;
  if (i < sql.size() && std::isdigit(static_cast<unsigned char>(sql[i])) != 0) return {};
  while (i < sql.size() && sql[i] != '$') {
    if (!IsIdentChar(sql[i])) return {};
    ++i;
  }
  if (i >= sql.size()) return {};
  return sql.substr(open, i - open + 1);
}

}  // namespace

NumberedSql NumberPlaceholders(std::string_view sql) {
  NumberedSql out;
  out.sql.reserve(sql.size() + 8);
  std::size_t i = 0;
  while (i < sql.size()) {
    char c = sql[i];
    bool after_ident = i > 0 && IsIdentChar(sql[i - 1]);
    std::size_t end = i + 1;
    if (c == '\'') {
      // E'…' (or e'…') takes backslash escapes; the E must be a token of its own.
      bool escaped =
          i > 0 && (sql[i - 1] == 'E' || sql[i - 1] == 'e') && (i < 2 || !IsIdentChar(sql[i - 2]));
      end = SkipQuoted(sql, i, '\'', escaped);
    } else if (c == '"') {
      end = SkipQuoted(sql, i, '"', false);
    } else if (c == '-' && sql.compare(i, 2, "--") == 0) {
      end = sql.find('\n', i);
      end = end == std::string_view::npos ? sql.size() : end;
    } else if (c == '/' && sql.compare(i, 2, "/*") == 0) {
      end = SkipBlockComment(sql, i);
    } else if (c == '$' && !after_ident) {
      std::string_view tag = DollarTag(sql, i);
      if (!tag.empty()) {
        std::size_t close = sql.find(tag, i + tag.size());
        end = close == std::string_view::npos ? sql.size() : close + tag.size();
      }
    } else if (c == '?') {
      out.sql += '$';
      out.sql += std::to_string(++out.param_count);
      ++i;
      continue;
    }
    out.sql.append(sql.substr(i, end - i));
    i = end;
  }
  return out;
}

}  // namespace jieli::store
