// Router: maps (method, path) to a handler. Patterns use {name} segments
// ("/api/v1/orgs/{id}"); the matched values land in Request::path_params.
// Every route carries its documentation, from which /api/openapi.json is built.
// Thread safety: add routes before the server starts; Find is then read-only.
#pragma once

#include <cstddef>
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
  std::string summary{};        // one line, English (OpenAPI)
  std::string tag{};            // module: "auth", "orgs", …
  bool requires_auth = true;    // false: reachable without a session
  std::string request_schema{};   // JSON Schema text of the body, or ""
  std::string response_schema{};  // JSON Schema text of a 2xx body, or ""
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

 private:
  std::vector<Route> routes_;
};

}  // namespace jieli::http
