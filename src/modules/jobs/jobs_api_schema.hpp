// The jobs module's answers as JSON Schema (OpenAPI components): a job of the
// background queue, its runs and the queue's counts. Registered by
// RegisterJobRoutes.
#pragma once

#include "http/api_schema.hpp"

namespace jieli::jobs {

inline void AddJobSchemas(http::Router& router) {
  router.AddSchema("JobStatus", http::EnumSchema({"pending", "running", "done", "failed"}));
  router.AddSchema(
      "Job",
      R"json({"type":"object","required":["id","kind","dedupe_key","payload","status","run_at",
"attempts","max_attempts","lease_owner","lease_until","created_at","finished_at","last_error"],
"properties":{"id":{"type":"integer"},
"kind":{"type":"string","description":"cases.scan_deadlines, cases.scan_followups, jobs.cleanup, …"},
"dedupe_key":{"type":"string","description":"\"\" when none; a recurring job's is kind@slot"},
"payload":{"description":"The job's input: any JSON"},"status":{"$ref":"#/components/schemas/JobStatus"},
"run_at":{"type":"string","format":"date-time"},
"attempts":{"type":"integer","description":"The number of the latest attempt (from 1 once claimed)"},
"max_attempts":{"type":"integer"},
"lease_owner":{"type":"string","description":"The node holding the lease while running (\"\" otherwise)"},"lease_until":{"type":["string","null"],"format":"date-time"},
"created_at":{"type":"string","format":"date-time"},"finished_at":{"type":["string","null"],"format":"date-time"},
"last_error":{"type":"string"}}})json");
  router.AddSchema(
      "JobRun",
      R"json({"type":"object","required":["id","node","attempt","started_at","finished_at",
"outcome","error"],
"properties":{"id":{"type":"integer"},"node":{"type":"string"},"attempt":{"type":"integer"},
"started_at":{"type":"string","format":"date-time"},"finished_at":{"type":"string","format":"date-time"},
"outcome":{"type":"string","enum":["done","retry","failed"]},"error":{"type":"string"}}})json");
  router.AddSchema("JobDetail", R"json({"allOf":[{"$ref":"#/components/schemas/Job"},
{"type":"object","required":["runs"],
"properties":{"runs":{"type":"array","items":{"$ref":"#/components/schemas/JobRun"}}}}]})json");
  router.AddSchema("JobSummary",
                   R"json({"type":"object","required":["pending","due","running","done","failed",
"oldest_due"],
"properties":{"pending":{"type":"integer"},"due":{"type":"integer"},"running":{"type":"integer"},
"done":{"type":"integer"},"failed":{"type":"integer"},
"oldest_due":{"type":["string","null"],"format":"date-time",
"description":"The run_at of the longest-waiting due job"}}})json");
}

}  // namespace jieli::jobs
