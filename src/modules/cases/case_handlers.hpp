// HTTP routes of the cases module: /api/v1/cases (list, open, detail, stage
// forms, transitions, transfer, reopen, service records, timeline, follow-ups,
// attachments), /api/v1/approvals, /api/v1/followups, /api/v1/attachments,
// /api/v1/worklist, and an agency's case settings under /api/v1/orgs/{id}.
#pragma once

#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::cases {

void RegisterCaseRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::cases
