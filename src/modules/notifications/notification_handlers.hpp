// HTTP routes of the notifications module: the caller's notifications and
// their live event stream (Server-Sent Events).
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::notifications {

void RegisterNotificationRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::notifications
