#include "modules/jobs/job_handlers.hpp"

#include <algorithm>
#include <chrono>
#include <thread>

#include "core/local_time.hpp"
#include "http/json.hpp"
#include "modules/handler_support.hpp"
#include "modules/jobs/jobs_api_schema.hpp"
#include "modules/services.hpp"

namespace jieli::jobs {
namespace {

using auth::Actor;
using auth::Permission;
using http::Json;
using http::JsonResponse;
using http::Request;
using http::Response;

constexpr std::int64_t kMaxProbeWorkMs = 10'000;

Json OptTime(const std::optional<EpochMs>& at) { return at ? Json(FormatIsoLocal(*at)) : Json(); }

Json JobJson(const Job& job) {
  Json payload = Json::parse(job.payload, nullptr, false);
  if (payload.is_discarded()) payload = job.payload;
  return {{"id", job.id},
          {"kind", job.kind},
          {"dedupe_key", job.dedupe_key},
          {"payload", std::move(payload)},
          {"status", ToString(job.status)},
          {"run_at", FormatIsoLocal(job.run_at)},
          {"attempts", job.attempts},
          {"max_attempts", job.max_attempts},
          {"lease_owner", job.lease_owner},
          {"lease_until", OptTime(job.lease_until)},
          {"created_at", FormatIsoLocal(job.created_at)},
          {"finished_at", OptTime(job.finished_at)},
          {"last_error", job.last_error}};
}

Result<Response> List(Request& r, Actor& actor, modules::Services& s) {
  JIELI_ASSIGN_OR_RETURN(http::PageParams page, http::ReadPageParams(r));
  std::optional<JobStatus> status;
  bool due_only = false;
  if (auto text = r.Query("status"); text && !text->empty()) {
    due_only = *text == "due";
    status = ParseJobStatus(*text);
    if (!status && !due_only) {
      return ValidationFailed(
          {{"status", "invalid_choice", {{"allowed", "pending, due, running, done, failed"}}}});
    }
  }
  JIELI_ASSIGN_OR_RETURN(JobList list,
                         s.jobs.List(actor, status, due_only, page.offset(), page.page_size));
  Json items = Json::array();
  for (const auto& job : list.items) items.push_back(JobJson(job));
  Json body = modules::PageJson(std::move(items), list.total, page);
  const QueueSummary& summary = list.summary;
  body["summary"] = {{"pending", summary.pending}, {"due", summary.due},
                     {"running", summary.running}, {"done", summary.done},
                     {"failed", summary.failed},   {"oldest_due", OptTime(summary.oldest_due)}};
  return JsonResponse(http::kOk, body);
}

Result<Response> Get(Request& r, Actor& actor, modules::Services& s) {
  auto id = modules::ParseId(r.path_params["id"]);
  if (!id) {
    // Unknown to a caller without the right, as to one with it.
    JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kJobsRead));
    return NotFoundError("jobs.not_found");
  }
  JIELI_ASSIGN_OR_RETURN(JobDetail detail, s.jobs.Get(actor, *id));
  Json body = JobJson(detail.job);
  Json run_items = Json::array();
  for (const auto& run : detail.runs) {
    run_items.push_back({{"id", run.id},
                         {"node", run.node},
                         {"attempt", run.attempt},
                         {"started_at", FormatIsoLocal(run.started_at)},
                         {"finished_at", FormatIsoLocal(run.finished_at)},
                         {"outcome", run.outcome},
                         {"error", run.error}});
  }
  body["runs"] = std::move(run_items);
  return JsonResponse(http::kOk, body);
}

}  // namespace

void RegisterProbe(JobRunner& runner) {
  runner.Register(std::string(kProbeKind), [](store::Transaction&, const Job& job) -> Status {
    Json payload = Json::parse(job.payload, nullptr, false);
    std::int64_t work_ms = 0;
    if (payload.is_object() && payload.contains("work_ms") &&
        payload["work_ms"].is_number_integer()) {
      work_ms =
          std::clamp<std::int64_t>(payload["work_ms"].get<std::int64_t>(), 0, kMaxProbeWorkMs);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(work_ms));
    return Ok();
  });
}

void RegisterJobRoutes(http::Router& router, modules::Services& s) {
  auto bind = [&s](modules::ModuleHandler handler) { return modules::Bind(s, handler); };
  AddJobSchemas(router);
  router.Add("GET", "/api/v1/jobs", bind(List),
             {.summary = "The background job queue: counts by status and the newest jobs "
                         "(status: pending, due, running, done, failed; page)",
              .tag = "jobs",
              .response_schema =
                  http::PageOf("Job", R"("summary":{"$ref":"#/components/schemas/JobSummary"})"),
              .permission = "jobs.read",
              .query = http::PageQuery(
                  "", {{"status", "string",
                        "pending, due (pending and past its time), running, done or failed"}})});
  router.Add("GET", "/api/v1/jobs/{id}", bind(Get),
             {.summary = "One job and its runs: which node ran each attempt and how it ended",
              .tag = "jobs",
              .response_schema = http::SchemaRef("JobDetail"),
              .permission = "jobs.read"});
}

}  // namespace jieli::jobs
