// Demo quality records for `jieli init --demo`, made through QualityService
// as the people who would make them: monthly supervision sessions (individual
// and group) over the last six months in both demo agencies, with agreed
// actions (older ones done, recent ones open, one overdue); training sessions
// with attendance; quality duties per post; and improvement cycles in every
// phase (plan, do, check, act, closed). Chinese text; deterministic apart
// from dates, which are counted back from now.
#pragma once

#include "core/result.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::quality {

// Needs the demo users and cases (app::SeedDemo creates them first).
Status SeedDemoQuality(modules::Services& services);

}  // namespace jieli::quality
