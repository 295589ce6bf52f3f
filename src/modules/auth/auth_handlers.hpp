// HTTP routes of the auth module: sign-in, sign-out, /me, password, TOTP,
// API tokens and the security policy.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::auth {

void RegisterAuthRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::auth
