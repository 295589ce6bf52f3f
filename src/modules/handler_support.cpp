#include "modules/handler_support.hpp"

namespace jieli::modules {

std::optional<std::int64_t> ParseId(std::string_view text) {
  if (text.empty() || text.size() > 18) return std::nullopt;
  std::int64_t value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    value = value * 10 + (c - '0');
  }
  if (value == 0) return std::nullopt;
  return value;
}

Result<std::int64_t> PathId(http::Request& r, const char* name, const char* not_found) {
  auto id = ParseId(r.path_params[name]);
  if (!id) return NotFoundError(not_found);
  return *id;
}

std::optional<std::int64_t> ReadIdQuery(const http::Request& r, const char* name,
                                        http::JsonReader& issues) {
  auto value = r.Query(name);
  if (!value || value->empty()) return std::nullopt;
  auto id = ParseId(*value);
  if (!id) issues.AddIssue(name, "invalid_format");
  return id;
}

std::optional<std::int64_t> ReadRequiredIdQuery(const http::Request& r, const char* name,
                                                http::JsonReader& issues) {
  auto id = ReadIdQuery(r, name, issues);
  if (!id && !issues.Has(name)) issues.AddIssue(name, "required");
  return id;
}

std::optional<bool> ReadBoolQuery(const http::Request& r, const char* name,
                                  http::JsonReader& issues) {
  auto value = r.Query(name);
  if (!value || value->empty()) return std::nullopt;
  if (*value == "true" || *value == "1") return true;
  if (*value == "false" || *value == "0") return false;
  issues.AddIssue(name, "invalid_choice", {{"allowed", "true, false"}});
  return std::nullopt;
}

std::optional<LocalDate> ReadDateQuery(const http::Request& r, const char* name,
                                       http::JsonReader& issues) {
  auto value = r.Query(name);
  if (!value || value->empty()) return std::nullopt;
  auto date = ParseDate(*value);
  if (!date) {
    issues.AddIssue(name, "invalid_date");
    return std::nullopt;
  }
  return *date;
}

http::Json PageJson(http::Json items, std::int64_t total, const http::PageParams& page) {
  return {{"items", std::move(items)},
          {"total", total},
          {"page", page.page},
          {"page_size", page.page_size}};
}

}  // namespace jieli::modules
