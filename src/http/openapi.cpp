#include "http/openapi.hpp"

#include <algorithm>
#include <cctype>
#include <set>
#include <string>
#include <vector>

namespace jieli::http {
namespace {

using Json = nlohmann::json;

// The session cookie set by the auth module; only its name matters here.
constexpr const char* kSessionCookie = "jieli_session";

std::vector<std::string_view> Segments(std::string_view pattern) {
  std::vector<std::string_view> out;
  if (!pattern.empty() && pattern.front() == '/') pattern.remove_prefix(1);
  if (!pattern.empty() && pattern.back() == '/') pattern.remove_suffix(1);
  while (!pattern.empty()) {
    auto slash = pattern.find('/');
    out.push_back(pattern.substr(0, slash));
    if (slash == std::string_view::npos) break;
    pattern.remove_prefix(slash + 1);
  }
  return out;
}

bool IsParam(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// A schema from its JSON text; a generic object when the text is not JSON, so
// one bad RouteDoc degrades its own entry instead of the whole document.
Json SchemaFrom(const std::string& text) {
  Json schema = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (schema.is_discarded() || !schema.is_object()) return Json{{"type", "object"}};
  return schema;
}

Json ErrorSchema() {
  Json detail = {{"type", "object"},
                 {"required", {"field", "code", "message"}},
                 {"properties",
                  {{"field", {{"type", "string"}, {"description", "JSON path of the input field"}}},
                   {"code", {{"type", "string"}, {"description", "Stable reason, e.g. required"}}},
                   {"message", {{"type", "string"}, {"description", "Localised text"}}},
                   {"params",
                    {{"type", "object"},
                     {"additionalProperties", {{"type", "string"}}},
                     {"description", "The values behind the message (existing_id, max, …)"}}}}}};
  Json inner = {
      {"type", "object"},
      {"required", {"code", "message", "details"}},
      {"properties",
       {{"code", {{"type", "string"}, {"description", "Stable machine code, e.g. http.not_found"}}},
        {"message", {{"type", "string"}, {"description", "Localised text (Accept-Language)"}}},
        {"details", {{"type", "array"}, {"items", detail}}},
        {"params",
         {{"type", "object"},
          {"additionalProperties", {{"type", "string"}}},
          {"description",
           "The values behind the message, when it has any (existing_id: the record a new one "
           "would duplicate)"}}},
        {"request_id", {{"type", "string"}, {"description", "Echo of X-Request-Id"}}}}}};
  return Json{{"type", "object"}, {"required", {"error"}}, {"properties", {{"error", inner}}}};
}

std::string StatusText(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted: waits for someone else's decision";
    case 204:
      return "No content";
    default:
      return "Success";
  }
}

std::string OperationId(const std::string& method, const std::vector<std::string_view>& segments) {
  std::string id = method;
  std::transform(id.begin(), id.end(), id.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (std::string_view segment : segments) {
    id += '_';
    if (IsParam(segment)) segment = segment.substr(1, segment.size() - 2);
    for (char c : segment) id += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  }
  return id;
}

}  // namespace

nlohmann::json BuildOpenApi(const Router& router, std::string_view version) {
  Json paths = Json::object();
  std::set<std::string> operation_ids;
  std::set<std::string> tags;
  for (const Route& route : router.routes()) {
    std::vector<std::string_view> segments = Segments(route.pattern);
    std::string path;
    Json parameters = Json::array();
    for (std::string_view segment : segments) {
      path += '/';
      path += segment;
      if (IsParam(segment)) {
        parameters.push_back({{"name", std::string(segment.substr(1, segment.size() - 2))},
                              {"in", "path"},
                              {"required", true},
                              {"schema", {{"type", "string"}}}});
      }
    }
    if (path.empty()) path.push_back('/');

    std::string method = route.method;
    std::transform(method.begin(), method.end(), method.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });

    std::string operation_id = OperationId(method, segments);
    while (!operation_ids.insert(operation_id).second) operation_id += '_';

    Json responses = Json::object();
    for (int status : route.doc.statuses) {
      Json success = {{"description", StatusText(status)}};
      if (status != 204 && !route.doc.response_schema.empty()) {
        Json content = Json::object();
        for (const std::string& type : route.doc.response_types) {
          content[type] = {{"schema", SchemaFrom(route.doc.response_schema)}};
        }
        success["content"] = std::move(content);
      }
      responses[std::to_string(status)] = std::move(success);
    }
    // Every refusal and failure has the one error shape.
    responses["4XX"] = {{"$ref", "#/components/responses/Error"}};
    responses["5XX"] = {{"$ref", "#/components/responses/Error"}};
    Json operation = {
        {"operationId", operation_id},
        {"summary", route.doc.summary},
        {"responses", std::move(responses)},
    };
    if (!route.doc.tag.empty()) {
      operation["tags"] = Json::array({route.doc.tag});
      tags.insert(route.doc.tag);
    }
    for (const QueryParam& param : route.doc.query) {
      Json parameter = {{"name", param.name},
                        {"in", "query"},
                        {"required", false},
                        {"schema", {{"type", param.type}}}};
      if (!param.description.empty()) parameter["description"] = param.description;
      parameters.push_back(std::move(parameter));
    }
    if (!parameters.empty()) operation["parameters"] = std::move(parameters);
    // Either credential suffices; an empty list marks the operation public.
    operation["security"] = route.doc.requires_auth
                                ? Json::array({Json{{"cookieAuth", Json::array()}},
                                               Json{{"bearerAuth", Json::array()}}})
                                : Json::array();
    // Vendor extension: which permission the service checks, for readers of
    // the document and generated clients; absent on public and self-service routes.
    if (!route.doc.permission.empty()) operation["x-permission"] = route.doc.permission;
    if (!route.doc.request_schema.empty()) {
      operation["requestBody"] = {
          {"required", true},
          {"content", {{"application/json", {{"schema", SchemaFrom(route.doc.request_schema)}}}}}};
    }
    paths[path][method] = std::move(operation);
  }

  Json tag_list = Json::array();
  for (const std::string& tag : tags) {
    tag_list.push_back({{"name", tag}, {"description", "The " + tag + " module's routes"}});
  }
  Json schemas = {{"Error", ErrorSchema()}};
  for (const auto& [name, text] : router.schemas()) schemas[name] = SchemaFrom(text);

  return Json{
      {"openapi", "3.1.0"},
      {"info",
       {{"title", "Jieli API"},
        {"version", std::string(version)},
        {"description",
         "接力 Jieli: the social-work service platform's HTTP API. Times are "
         "local ISO 8601 (Asia/Shanghai); every error has the shape of Error."}}},
      // Relative: the document is served by the API it describes, whatever its address.
      {"servers", Json::array({Json{{"url", "/"}, {"description", "This server"}}})},
      {"tags", std::move(tag_list)},
      {"paths", std::move(paths)},
      {"components",
       {{"securitySchemes",
         {{"cookieAuth", {{"type", "apiKey"}, {"in", "cookie"}, {"name", kSessionCookie}}},
          {"bearerAuth", {{"type", "http"}, {"scheme", "bearer"}}}}},
        {"responses",
         {{"Error",
           {{"description", "The one error shape (docs: README, 'Every error has one shape')"},
            {"content",
             {{"application/json", {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}}}}},
        {"schemas", std::move(schemas)}}},
  };
}

}  // namespace jieli::http
