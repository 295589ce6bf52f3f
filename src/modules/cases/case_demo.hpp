// Demo cases for `jieli init --demo`: about 200 cases of the demo clients,
// spread over every stage as a city's daily work leaves them — some overdue,
// some waiting for the supervisor (one plan rejected once before it was
// approved), some closed with follow-ups due — with Chinese problems, forms,
// service records and timelines. Each case is worked through CaseService
// with a clock set back to when the work happened, so that every rule,
// deadline, timeline entry and audit entry is the real one. Deterministic
// (fixed seed) apart from dates, which are counted back from now.
#pragma once

#include "core/result.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::cases {

// Needs the demo users and clients (app::SeedDemo creates them first).
// Error: "orgs.not_found" when they are missing; service and store errors.
Status SeedDemoCases(modules::Services& services, int count = 200);

}  // namespace jieli::cases
