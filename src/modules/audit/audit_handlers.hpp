// HTTP routes of the audit module: paging and verifying the audit log (admins).
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::audit {

void RegisterAuditRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::audit
