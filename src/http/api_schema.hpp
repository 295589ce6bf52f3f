// Building blocks for the JSON Schema texts of RouteDoc and Router::AddSchema:
// references to component schemas, the paged-list envelope, enumerations from
// a module's name tables. They answer text, so that handler sources need not
// build JSON to describe their answers. Pure functions; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "http/router.hpp"

namespace jieli::http {

// {"$ref":"#/components/schemas/<name>"}.
std::string SchemaRef(const std::string& name);

// A list page: the component "Page" (total, page, page_size) and "items", an
// array of the component item; `extra_properties`, when given, is the text of
// further required members (`"unread":{"type":"integer"}`).
std::string PageOf(const std::string& item, const std::string& extra_properties = "");

// {"items": [<item>, …]}: an unpaged list.
std::string ItemsOf(const std::string& item);

// A string that is one of names.
std::string EnumSchema(const std::vector<std::string>& names);

// An object with one required integer member per name (counts by stage).
std::string CountsSchema(const std::vector<std::string>& names);

// Registers the components every module shares: "Page" (the paged-list
// envelope) and "Ok" ({"ok": true}, the answer of an action without a result).
void AddSharedSchemas(Router& router);

// The success body of a file download: {"type":"string","format":"binary"}.
inline constexpr const char* kBinarySchema = R"({"type":"string","format":"binary"})";

}  // namespace jieli::http
