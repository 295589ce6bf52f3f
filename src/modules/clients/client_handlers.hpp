// HTTP routes of the clients module: /api/v1/clients (list, create, detail,
// update, reveal, import preview and commit, export).
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::clients {

void RegisterClientRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::clients
