// Placeholder rewriting: turns the portable `?` parameters of Jieli's SQL into
// PostgreSQL's numbered $1, $2, ….
//
// A `?` is a parameter only in plain SQL text: inside '…' strings (including
// E'…' with backslash escapes), "…" identifiers, $tag$…$tag$ bodies, -- and
// /* */ comments it is left alone. The JSONB operators ?, ?| and ?& therefore
// cannot be written in Jieli SQL; use jsonb_exists() and friends instead.
// Pure functions; thread-safe. Internal to src/store.
#pragma once

#include <string>
#include <string_view>

namespace jieli::store {

struct NumberedSql {
  std::string sql;      // the text with each parameter `?` replaced by $n
  int param_count = 0;  // how many parameters were found
};

NumberedSql NumberPlaceholders(std::string_view sql);

}  // namespace jieli::store
