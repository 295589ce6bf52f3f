#include "http/api_schema.hpp"

#include <cassert>

#include <nlohmann/json.hpp>

namespace jieli::http {

using Json = nlohmann::json;

std::string SchemaRef(const std::string& name) {
  return Json{{"$ref", "#/components/schemas/" + name}}.dump();
}

std::string PageOf(const std::string& item, const std::string& extra_properties) {
  Json own = Json::parse(R"({"type":"object","properties":{)" + extra_properties + "}}", nullptr,
                         /*allow_exceptions=*/false);
  assert(!own.is_discarded() && "PageOf: extra_properties is not JSON members text");
  if (own.is_discarded()) own = {{"type", "object"}, {"properties", Json::object()}};
  own["properties"]["items"] = {{"type", "array"}, {"items", Json::parse(SchemaRef(item))}};
  Json required = Json::array();
  for (const auto& property : own["properties"].items()) required.push_back(property.key());
  own["required"] = std::move(required);
  return Json{{"allOf", {Json::parse(SchemaRef("Page")), std::move(own)}}}.dump();
}

std::string ItemsOf(const std::string& item) {
  return Json{
      {"type", "object"},
      {"required", {"items"}},
      {"properties", {{"items", {{"type", "array"}, {"items", Json::parse(SchemaRef(item))}}}}}}
      .dump();
}

std::string EnumSchema(const std::vector<std::string>& names) {
  return Json{{"type", "string"}, {"enum", names}}.dump();
}

std::string CountsSchema(const std::vector<std::string>& names) {
  Json properties = Json::object();
  for (const std::string& name : names) properties[name] = {{"type", "integer"}};
  return Json{{"type", "object"}, {"required", names}, {"properties", std::move(properties)}}
      .dump();
}

void AddSharedSchemas(Router& router) {
  router.AddSchema("Page", R"({"type":"object","required":["total","page","page_size"],
"description":"The envelope of a list page; items are the page's rows",
"properties":{"total":{"type":"integer","description":"Rows of the whole list"},
"page":{"type":"integer","minimum":1},"page_size":{"type":"integer","minimum":1,"maximum":200}}})");
  router.AddSchema("Ok",
                   R"({"type":"object","required":["ok"],"properties":{"ok":{"type":"boolean"}}})");
}

}  // namespace jieli::http
