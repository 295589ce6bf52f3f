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
//   case_service_comments  supervisors' comments (督导点评) on service records
//   case_scales        an agency's own standard scales beside the built-in ones
// Migration 16 adds to case_approvals the team at the time of the request.
// Migration 17 keeps approved forms as versions (case_form_versions: the plan
// v1, v2 …, the evaluation and closure a closure approved), tells a move's
// approval from a plan revision's (case_approvals.kind), and records when a
// case stepped back to planning (cases.replanned_at: the new plan's deadline
// runs from then). Migration 18 adds the supervisor's review of high-risk
// assessments (case_risk_reviews) and the agency's choice to make it a gate
// (case_policies.risk_review_gate). Migration 20: the fuller service record,
// its comments and the crisis count.
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

// The plan approved before versions existed becomes its version 1, dated by
// that approval (the latest, when a case was planned more than once: the form
// holds only that plan).
inline constexpr store::Migration kFormVersionsMigration = {17, "case_form_versions", R"sql(
CREATE TABLE case_form_versions (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  stage TEXT NOT NULL,
  version INTEGER NOT NULL,
  data TEXT NOT NULL,
  approval_id BIGINT REFERENCES case_approvals(id),
  approved_by BIGINT REFERENCES users(id),
  approved_at BIGINT NOT NULL,
  UNIQUE (case_id, stage, version)
);
ALTER TABLE case_approvals ADD COLUMN kind TEXT NOT NULL DEFAULT 'move';
ALTER TABLE cases ADD COLUMN replanned_at BIGINT;
INSERT INTO case_form_versions (case_id, stage, version, data, approval_id, approved_by, approved_at)
SELECT a.case_id, 'planning', 1, f.data, a.id, a.decided_by, a.decided_at
FROM case_approvals a
JOIN case_forms f ON f.case_id = a.case_id AND f.stage = 'planning'
WHERE a.status = 'approved' AND a.from_stage = 'planning' AND a.decided_at IS NOT NULL
  AND a.id = (SELECT MAX(b.id) FROM case_approvals b
              WHERE b.case_id = a.case_id AND b.status = 'approved' AND b.from_stage = 'planning')
)sql"};

inline constexpr store::Migration kRiskReviewsMigration = {18, "case_risk_reviews", R"sql(
CREATE TABLE case_risk_reviews (
  id {{pk}},
  case_id BIGINT NOT NULL REFERENCES cases(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  risk TEXT NOT NULL,
  requested_by BIGINT REFERENCES users(id),
  requested_at BIGINT NOT NULL,
  due_at BIGINT NOT NULL,
  reviewed_by BIGINT REFERENCES users(id),
  reviewed_at BIGINT,
  comment TEXT NOT NULL DEFAULT ''
);
CREATE INDEX case_risk_reviews_case ON case_risk_reviews(case_id, reviewed_at);
CREATE INDEX case_risk_reviews_open ON case_risk_reviews(reviewed_at, org_id);
ALTER TABLE case_policies ADD COLUMN risk_review_gate INTEGER NOT NULL DEFAULT 0
)sql"};

// Migration 20: a service record says where it took place, who took part,
// which plan goals it worked on, how the client responded and what comes
// next (records made before keep empty values: participants '[]', goals '[]',
// both JSON arrays of names); supervisors comment on records; and a case
// counts its crisis interventions (service records of mode crisis), kept on
// the row in the record's transaction so that a case list reads them for free.
// No record could be of mode crisis before, so every count starts at 0: no
// pass over the service records (ten million in a city) is needed.
inline constexpr store::Migration kServiceDetailsMigration = {20, "service_details", R"sql(
ALTER TABLE case_services ADD COLUMN place TEXT NOT NULL DEFAULT '';
ALTER TABLE case_services ADD COLUMN participants TEXT NOT NULL DEFAULT '[]';
ALTER TABLE case_services ADD COLUMN participants_note TEXT NOT NULL DEFAULT '';
ALTER TABLE case_services ADD COLUMN goals_addressed TEXT NOT NULL DEFAULT '[]';
ALTER TABLE case_services ADD COLUMN client_response TEXT NOT NULL DEFAULT '';
ALTER TABLE case_services ADD COLUMN next_steps TEXT NOT NULL DEFAULT '';
ALTER TABLE cases ADD COLUMN crisis_interventions INTEGER NOT NULL DEFAULT 0;
ALTER TABLE cases ADD COLUMN last_crisis_at BIGINT;
CREATE TABLE case_service_comments (
  id {{pk}},
  service_id BIGINT NOT NULL REFERENCES case_services(id),
  case_id BIGINT NOT NULL REFERENCES cases(id),
  comment TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX case_service_comments_service ON case_service_comments(service_id, id);
)sql"};

// Migration 21: a service record may be corrected by its author for a week
// (when it last was: corrected_at) and withdrawn with a reason by its author
// or the case's supervisor; a withdrawn record is kept, marked, and no longer
// counted on its case. Existing records stand, never corrected.
inline constexpr store::Migration kServiceCorrectionsMigration = {21, "service_corrections", R"sql(
ALTER TABLE case_services ADD COLUMN corrected_at BIGINT;
ALTER TABLE case_services ADD COLUMN withdrawn_at BIGINT;
ALTER TABLE case_services ADD COLUMN withdrawn_by BIGINT REFERENCES users(id);
ALTER TABLE case_services ADD COLUMN withdraw_reason TEXT NOT NULL DEFAULT '';
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
