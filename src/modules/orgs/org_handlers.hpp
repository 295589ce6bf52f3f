// HTTP routes of the orgs module: regions, organisations, users.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::orgs {

void RegisterOrgRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::orgs
