// Health, readiness and the OpenAPI description.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::system {

// /healthz (the process answers), /readyz (the store answers) and
// /api/openapi.json. Register last: the OpenAPI document describes the routes
// registered before it and itself.
void RegisterSystemRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::system
