// Tables of the cases module: the six-stage case (个案) and what hangs off it.
//   cases              one row per case: stage, team, risk, the time each stage
//                      began, and the deadline now running (due_at) so that
//                      worklists and the "overdue" filter are index look-ups
//   case_forms         the saved form of each stage (JSON text)
//   case_approvals     supervisor approvals of plans and closures
//   case_services      service records (服务记录), one row per contact
//   case_events        the timeline: every change, approval and rejection
//   case_followups     after-service follow-ups (回访) created at closure
//   case_attachments   files on a case; their bytes live once per content hash
//                      in attachment_blobs
//   case_policies      an agency's stage deadlines (absent: the defaults)
//   case_form_fields   an agency's extra fields per stage form
//   case_scales        an agency's own standard scales beside the built-in ones
// Migration 16 adds to case_approvals the team at the time of the request.
#pragma once

#include "store/migration.hpp"

namespace jieli::cases {

inline constexpr store::Migration kCasesInitialMigration = {5, "cases_initial", R"sql(
CREATE TABLE cases (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  stage TEXT NOT NULL,
  risk TEXT NOT NULL DEFAULT 'low',
  crisis INTEGER NOT NULL DEFAULT 0,
  problem TEXT NOT NULL DEFAULT '',
  primary_worker_id BIGINT NOT NULL REFERENCES users(id),
  co_worker_id BIGINT REFERENCES users(id),
  supervisor_id BIGINT REFERENCES users(id),
  opened_at BIGINT NOT NULL,
  assessment_at BIGINT,
  planning_at BIGINT,
  intervention_at BIGINT,
  evaluation_at BIGINT,
  closed_at BIGINT,
  first_contact_at BIGINT,
  plan_end TEXT,
  due_at BIGINT,
  closure_reason TEXT,
  reopen_count INTEGER NOT NULL DEFAULT 0,
  service_count INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 1,
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX cases_org_stage ON cases(org_id, stage);
CREATE INDEX cases_worker_stage ON cases(primary_worker_id, stage);
CREATE INDEX cases_co_worker ON cases(co_worker_id);
CREATE INDEX cases_supervisor ON cases(supervisor_id);
CREATE INDEX cases_client ON cases(client_id);
CREATE INDEX cases_due ON cases(due_at);
CREATE INDEX cases_opened ON cases(org_id, opened_at);

CREATE TABLE case_forms (
  case_id BIGINT NOT NULL REFERENCES cases(id),
  stage TEXT NOT NULL,
  data TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (case_id, stage)
);

CREATE TABLE case_approvals (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  from_stage TEXT NOT NULL,
  to_stage TEXT NOT NULL,
  status TEXT NOT NULL,
  requested_by BIGINT NOT NULL REFERENCES users(id),
  requested_at BIGINT NOT NULL,
  decided_by BIGINT REFERENCES users(id),
  decided_at BIGINT,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_approvals_case ON case_approvals(case_id, status);
CREATE INDEX case_approvals_status ON case_approvals(status, org_id);

CREATE TABLE case_services (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  service_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  mode TEXT NOT NULL,
  content TEXT NOT NULL,
  technique TEXT NOT NULL DEFAULT '',
  progress_note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX case_services_case ON case_services(case_id, service_date);

CREATE TABLE case_events (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  at BIGINT NOT NULL,
  actor_id BIGINT REFERENCES users(id),
  kind TEXT NOT NULL,
  data TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX case_events_case ON case_events(case_id, id);

CREATE TABLE case_followups (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  due_on TEXT NOT NULL,
  due_at BIGINT NOT NULL,
  status TEXT NOT NULL,
  done_at BIGINT,
  done_by BIGINT REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_followups_case ON case_followups(case_id);
CREATE INDEX case_followups_due ON case_followups(status, due_at);

CREATE TABLE attachment_blobs (
  sha256 TEXT PRIMARY KEY,
  size BIGINT NOT NULL,
  data {{blob}} NOT NULL
);

CREATE TABLE case_attachments (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  file_name TEXT NOT NULL,
  content_type TEXT NOT NULL,
  size BIGINT NOT NULL,
  sha256 TEXT NOT NULL REFERENCES attachment_blobs(sha256),
  uploaded_by BIGINT NOT NULL REFERENCES users(id),
  uploaded_at BIGINT NOT NULL
);
CREATE INDEX case_attachments_case ON case_attachments(case_id);

CREATE TABLE case_policies (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  assessment_days INTEGER NOT NULL,
  planning_days INTEGER NOT NULL,
  closure_days INTEGER NOT NULL,
  crisis_first_contact_hours INTEGER NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  updated_at BIGINT NOT NULL
);

CREATE TABLE case_form_fields (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  stage TEXT NOT NULL,
  fields TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, stage)
);
)sql"};

// Migration 16: an approval remembers the team of the case when it was asked
// for, so that nobody who was on it then approves it later, whatever the
// team became (CheckApprover). Approvals asked for before take the team the
// case has now, the best there is.
inline constexpr store::Migration kApprovalTeamMigration = {16, "approval_team", R"sql(
ALTER TABLE case_approvals ADD COLUMN request_primary_id BIGINT REFERENCES users(id);
ALTER TABLE case_approvals ADD COLUMN request_co_worker_id BIGINT REFERENCES users(id);
UPDATE case_approvals SET
  request_primary_id = (SELECT c.primary_worker_id FROM cases c WHERE c.id = case_approvals.case_id),
  request_co_worker_id = (SELECT c.co_worker_id FROM cases c WHERE c.id = case_approvals.case_id);
)sql"};

// Migration 19: the standard scales an agency adds to the built-in catalogue
// (scales.hpp), as one JSON list per organisation, as case_form_fields keeps fields.
inline constexpr store::Migration kCaseScalesMigration = {19, "case_scales", R"sql(
CREATE TABLE case_scales (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  scales TEXT NOT NULL,
  updated_by BIGINT REFERENCES users(id),
  updated_at BIGINT NOT NULL
);
)sql"};

}  // namespace jieli::cases
