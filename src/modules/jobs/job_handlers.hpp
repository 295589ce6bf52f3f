// HTTP routes of the jobs module: the queue as operations staff see it
// (jobs.read, system administrators), and the probe job kind that checks a
// cluster's job processing end to end.
#pragma once

#include "http/router.hpp"
#include "modules/jobs/job_runner.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::jobs {

// "system.probe": waits payload.work_ms (0–10,000) and finishes; its job_runs
// row is its whole effect. `jieli jobs probe` queues them.
inline constexpr std::string_view kProbeKind = "system.probe";
void RegisterProbe(JobRunner& runner);

void RegisterJobRoutes(http::Router& router, modules::Services& services);

}  // namespace jieli::jobs
