// Tables of the jobs module: the queue and the record of every run.
//   jobs       one row per job; dedupe_key makes "the deadline scan of 10:05"
//              exist once however many nodes schedule it
//   job_runs   one row per finished attempt, written in the same transaction
//              as the job's own work, so a run that counts is a run that
//              happened (and the exactly-once test can count them)
#pragma once

#include "store/migration.hpp"

namespace jieli::jobs {

inline constexpr store::Migration kJobsMigration = {9, "jobs", R"sql(
CREATE TABLE jobs (
  id {{pk}},
  kind TEXT NOT NULL,
  dedupe_key TEXT UNIQUE,
  payload TEXT NOT NULL DEFAULT '{}',
  status TEXT NOT NULL,
  run_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  lease_owner TEXT,
  lease_until BIGINT,
  created_at BIGINT NOT NULL,
  finished_at BIGINT,
  last_error TEXT
);
CREATE INDEX jobs_due ON jobs(status, run_at);
CREATE INDEX jobs_lease ON jobs(status, lease_until);

CREATE TABLE job_runs (
  id {{pk}},
  job_id BIGINT NOT NULL REFERENCES jobs(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  node TEXT NOT NULL,
  attempt INTEGER NOT NULL,
  started_at BIGINT NOT NULL,
  finished_at BIGINT NOT NULL,
  outcome TEXT NOT NULL,
  error TEXT
);
CREATE INDEX job_runs_job ON job_runs(job_id);
CREATE INDEX job_runs_finished ON job_runs(finished_at);
)sql"};

}  // namespace jieli::jobs
