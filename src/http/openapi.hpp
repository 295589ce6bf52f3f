// OpenAPI: the API description served at /api/openapi.json, built from the
// routes' own documentation so that it cannot drift from what is registered.
// Pure function over a Router; thread-safe as long as the router is not being
// modified.
#pragma once

#include <string_view>

#include <nlohmann/json.hpp>

#include "http/router.hpp"

namespace jieli::http {

// An OpenAPI 3.0.3 document with one operation per route: path parameters,
// summary, tag, security (session cookie or bearer token unless the route is
// public), request body from RouteDoc::request_schema, a 2xx response from
// response_schema, the permission the service checks as "x-permission" (when
// the route names one), and a default error response referencing the shared
// "Error" schema. A schema text that does not parse is replaced by a generic
// object.
nlohmann::json BuildOpenApi(const Router& router, std::string_view version);

}  // namespace jieli::http
