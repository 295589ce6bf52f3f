// Small pieces every module's handlers share: id path parameters and the
// paged-list reply shape {"items", "total", "page", "page_size"}.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "core/local_time.hpp"
#include "core/result.hpp"
#include "http/json.hpp"

namespace jieli::modules {

// A positive decimal id of at most 18 digits, or nullopt.
std::optional<std::int64_t> ParseId(std::string_view text);

// Path parameter `name` as an id, or the error `not_found` (404): an id that
// cannot exist names no record, as an unknown one does.
Result<std::int64_t> PathId(http::Request& r, const char* name, const char* not_found);

// Optional query parameters: absent or empty gives nullopt; a malformed value
// adds an issue to `issues` ("invalid_format" for an id, "invalid_choice" for
// a flag, which takes true/false/1/0, "invalid_date" for a local date
// YYYY-MM-DD) and gives nullopt.
std::optional<std::int64_t> ReadIdQuery(const http::Request& r, const char* name,
                                        http::JsonReader& issues);
// A query parameter the request cannot go without: as ReadIdQuery, and
// "required" when absent or empty.
std::optional<std::int64_t> ReadRequiredIdQuery(const http::Request& r, const char* name,
                                                http::JsonReader& issues);
std::optional<bool> ReadBoolQuery(const http::Request& r, const char* name,
                                  http::JsonReader& issues);
std::optional<LocalDate> ReadDateQuery(const http::Request& r, const char* name,
                                       http::JsonReader& issues);

http::Json PageJson(http::Json items, std::int64_t total, const http::PageParams& page);

}  // namespace jieli::modules
