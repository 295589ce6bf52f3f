// Router: maps (method, path) to a handler. Patterns use {name} segments
// ("/api/v1/orgs/{id}"); the matched values land in Request::path_params.
// Every route carries its documentation, from which /api/openapi.json is built.
// Thread safety: add routes before the server starts; Find is then read-only.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "http/request.hpp"

namespace jieli::http {

// A query parameter a route reads (OpenAPI "in: query"; never required).
struct QueryParam {
  std::string name;
  std::string type = "string";  // JSON Schema type: "string", "integer", "boolean"
  std::string description{};    // English: the allowed values, a format, the default
};

// ?sort= taking the keys named in `sorts` ("name, created_at (default name)").
QueryParam SortQuery(const std::string& sorts);
// A paged list's ?page= and ?page_size=; with `sorts`, ?sort=; then `filters`.
std::vector<QueryParam> PageQuery(const std::string& sorts = "",
                                  const std::vector<QueryParam>& filters = {});

struct RouteDoc {
  std::string summary{};         // one line, English (OpenAPI)
  std::string tag{};             // module: "auth", "orgs", …
  bool requires_auth = true;     // false: reachable without a session
  std::string request_schema{};  // JSON Schema text of the body, or ""
  // JSON Schema text of the success body, which may "$ref" the router's
  // component schemas (SchemaRef, PageOf in http/api_schema.hpp). Every route
  // declares one (tests/api/openapi_contract_test.cpp holds them to it); a
  // file or an event stream is {"type":"string"} of its response_types.
  std::string response_schema{};
  // The permission the route's service checks ("cases.write"), on the object
  // the path names when there is one, else anywhere in the caller's scope;
  // "" for public and self-service routes. The service enforces it; this
  // copy documents it (OpenAPI x-permission) and drives the authorisation
  // matrix test (tests/api/authz_matrix_test.cpp). Last, so that positional
  // initialisers written before it keep their meaning.
  std::string permission{};
  std::vector<QueryParam> query{};  // the query parameters it reads
  // The largest request body the route takes, in bytes; 0: the server's
  // (ServerOptions::body_limit, 1 MiB). The server refuses a larger body with
  // 413 before reading it (file uploads declare theirs).
  std::size_t body_limit = 0;
  // The success statuses, each answered with response_schema (a stage move
  // answers 200, or 202 when it waits for approval); 204 has no body.
  std::vector<int> statuses = {200};
  // The media types of the success body: a download names the file types it
  // may be, an event stream "text/event-stream".
  std::vector<std::string> response_types = {"application/json"};
  // Whether every caller needs `permission` in some organisation: a signed-in
  // caller who holds it nowhere is then refused (403) before the handler reads
  // the request (modules::Bind). false where some callers reach the route
  // without it (a user reading their own record), so the service alone decides.
  bool permission_anywhere = true;
};

struct Route {
  std::string method;
  std::string pattern;
  Handler handler;
  RouteDoc doc;
};

class Router {
 public:
  // Registers a route. Adding the same method and pattern twice is a
  // programmer error (asserted).
  void Add(std::string method, std::string pattern, Handler handler, RouteDoc doc);

  struct Match {
    const Route* route;
    std::map<std::string, std::string> params;
  };
  // The route for method and path. Errors: "http.not_found" (404) when no
  // pattern matches the path, "http.method_not_allowed" (405) when patterns
  // match but none for this method.
  // path is the path as received (still percent-encoded, no query): it is split
  // at '/' first and each segment decoded after, so "%2F" stays inside its
  // parameter. A literal segment beats a {param} at the same position; a
  // trailing slash is ignored; a {param} never matches an empty segment.
  Result<Match> Find(std::string_view method, std::string_view path) const;

  const std::vector<Route>& routes() const { return routes_; }

  // Registers a component schema (JSON Schema text) that route schemas refer
  // to as {"$ref": "#/components/schemas/<name>"} (http::SchemaRef). The same
  // name twice with different text is a programmer error (asserted); the same
  // text again is a no-op, so modules may register what they share.
  void AddSchema(const std::string& name, std::string schema);
  const std::map<std::string, std::string>& schemas() const { return schemas_; }

 private:
  std::vector<Route> routes_;
  std::map<std::string, std::string> schemas_;
};

}  // namespace jieli::http
