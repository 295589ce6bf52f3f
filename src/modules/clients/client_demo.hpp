// Demo clients for `jieli init --demo` and the API tests: about 300 people
// spread over the demo city's agencies (most in 江城市阳光社会工作服务中心 and
// below, some in 西山区启航社会工作服务社), with realistic names, valid ID
// numbers whose birth dates fit their categories, mobile numbers, addresses in
// the demo communities, and a few household members, consents and risk flags.
// Deterministic (a fixed-seed generator): every demo looks the same, apart from
// ages being counted from today. Created through ClientService::CommitImport,
// one transaction per organisation.
#pragma once

#include "core/result.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::clients {

// Needs the demo organisations and regions (app::SeedDemo creates them first).
// Error: "orgs.not_found" when they are missing; service and store errors.
Status SeedDemoClients(modules::Services& services, int count = 300);

}  // namespace jieli::clients
