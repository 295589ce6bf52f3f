// Small pieces every module's handlers share: id path parameters and the
// paged-list reply shape {"items", "total", "page", "page_size"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "http/json.hpp"

namespace jieli::modules {

// A positive decimal id of at most 18 digits, or nullopt.
std::optional<std::int64_t> ParseId(std::string_view text);

http::Json PageJson(http::Json items, std::int64_t total, const http::PageParams& page);

}  // namespace jieli::modules
