// Tables of the quality module.
// Migration 23: supervision (督导), training, quality duties per post, and
// improvement cycles (PDCA).
//   quality_supervision_sessions   one row per session, individual or group
//   quality_supervisees            who was supervised, with the session's minutes
//                                  and date copied so that "supervision hours per
//                                  worker per month" is a plain sum
//   quality_supervision_cases      the cases discussed (ids only; read through
//                                  CaseService)
//   quality_trainings              training sessions (minutes, shown as hours)
//   quality_training_attendance    who attended, minutes each, the date copied
//                                  so that "training hours per person" is a sum
//   quality_duties                 质量职责: an organisation's text list per role
//   quality_improvements           improvement cycles: phase, source, plan, check,
//                                  act; version guards concurrent changes
//   quality_improvement_history    every phase change of a cycle
//   quality_actions                agreed actions of supervision sessions and of
//                                  cycles: owner, due date, progress notes, done
// Migration 24: quality objectives (质量目标) and policy (质量方针).
//   quality_objectives             one target per organisation and indicator;
//                                  organisations below inherit it unless they
//                                  set their own (objective.hpp)
//   quality_policies               an organisation's policy text; the nearest
//                                  one up the tree is in force
// Migration 26: case-file audits (档案评审).
//   quality_checklist_items        an agency's own copy of the stage checklists
//                                  (none: the built-in list of audit.cpp)
//   quality_audit_rounds           a round: population, sample size, the seed of
//                                  its draw, the checklist as it stood (JSON)
//   quality_audit_auditors         who audits in a round
//   quality_audit_cases            the drawn sample in draw order: worker, auditor
//                                  (or why left out), stages reached, done
//   quality_audit_scores           one row per case and checklist item
//   quality_audit_findings         nonconformities: severity, due date, owner
//                                  (the case's primary worker), state
#pragma once

#include "store/migration.hpp"

namespace jieli::quality {

inline constexpr store::Migration kSupervisionMigration = {23, "quality_supervision", R"sql(
CREATE TABLE quality_supervision_sessions (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  supervisor_id BIGINT NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  session_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  topics TEXT NOT NULL DEFAULT '',
  notes TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX quality_supervision_org_date ON quality_supervision_sessions (org_id, session_date);
CREATE INDEX quality_supervision_supervisor ON quality_supervision_sessions (supervisor_id, session_date);
CREATE TABLE quality_supervisees (
  session_id BIGINT NOT NULL REFERENCES quality_supervision_sessions(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  session_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  PRIMARY KEY (session_id, user_id)
);
CREATE INDEX quality_supervisees_user ON quality_supervisees (user_id, session_date);
CREATE TABLE quality_supervision_cases (
  session_id BIGINT NOT NULL REFERENCES quality_supervision_sessions(id),
  case_id BIGINT NOT NULL,
  PRIMARY KEY (session_id, case_id)
);
CREATE TABLE quality_trainings (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  session_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  trainer TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX quality_trainings_org_date ON quality_trainings (org_id, session_date);
CREATE TABLE quality_training_attendance (
  training_id BIGINT NOT NULL REFERENCES quality_trainings(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  session_date TEXT NOT NULL,
  minutes INTEGER NOT NULL,
  PRIMARY KEY (training_id, user_id)
);
CREATE INDEX quality_attendance_user ON quality_training_attendance (user_id, session_date);
CREATE TABLE quality_duties (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  duties TEXT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, role)
);
CREATE TABLE quality_improvements (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  phase TEXT NOT NULL,
  source_kind TEXT NOT NULL,
  source_ref TEXT NOT NULL DEFAULT '',
  problem TEXT NOT NULL DEFAULT '',
  root_cause TEXT NOT NULL DEFAULT '',
  indicator TEXT NOT NULL DEFAULT '',
  before_value DOUBLE PRECISION,
  after_value DOUBLE PRECISION,
  check_note TEXT NOT NULL DEFAULT '',
  standard_kind TEXT,
  standard_ref TEXT NOT NULL DEFAULT '',
  owner_id BIGINT NOT NULL REFERENCES users(id),
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX quality_improvements_org_phase ON quality_improvements (org_id, phase);
CREATE TABLE quality_improvement_history (
  id {{pk}},
  improvement_id BIGINT NOT NULL REFERENCES quality_improvements(id),
  from_phase TEXT,
  to_phase TEXT NOT NULL,
  by_user BIGINT NOT NULL REFERENCES users(id),
  at BIGINT NOT NULL,
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX quality_improvement_history_cycle ON quality_improvement_history (improvement_id, at);
CREATE TABLE quality_actions (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  session_id BIGINT REFERENCES quality_supervision_sessions(id),
  improvement_id BIGINT REFERENCES quality_improvements(id),
  text TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  due_on TEXT NOT NULL,
  progress TEXT NOT NULL DEFAULT '[]',
  done_at BIGINT,
  done_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX quality_actions_session ON quality_actions (session_id);
CREATE INDEX quality_actions_improvement ON quality_actions (improvement_id);
CREATE INDEX quality_actions_open_owner ON quality_actions (owner_id, due_on) WHERE done_at IS NULL;
)sql"};

inline constexpr store::Migration kObjectivesMigration = {24, "quality_objectives", R"sql(
CREATE TABLE quality_objectives (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  indicator TEXT NOT NULL,
  target DOUBLE PRECISION NOT NULL,
  granularity TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  UNIQUE (org_id, indicator)
);
CREATE TABLE quality_policies (
  org_id BIGINT PRIMARY KEY REFERENCES organizations(id),
  text TEXT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL
);
)sql"};

// Migration 25: indicator signals — a rule break on an indicator's monthly
// control chart for an organisation (an agency, or the bureau for its whole
// city), recorded once per (org, indicator, period) so that it is notified once.
//   quality_signals   state open / dismissed / cycle_opened; the cycle opened
//                     from it; rules as text ("1,4")
inline constexpr store::Migration kSignalsMigration = {25, "quality_signals", R"sql(
CREATE TABLE quality_signals (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  indicator TEXT NOT NULL,
  period TEXT NOT NULL,
  rules TEXT NOT NULL,
  value DOUBLE PRECISION NOT NULL,
  centre DOUBLE PRECISION,
  lower_limit DOUBLE PRECISION,
  upper_limit DOUBLE PRECISION,
  detected_at BIGINT NOT NULL,
  state TEXT NOT NULL DEFAULT 'open',
  note TEXT NOT NULL DEFAULT '',
  handled_by BIGINT REFERENCES users(id),
  handled_at BIGINT,
  improvement_id BIGINT REFERENCES quality_improvements(id),
  UNIQUE (org_id, indicator, period)
);
CREATE INDEX quality_signals_state ON quality_signals (state, detected_at);
CREATE INDEX quality_signals_org ON quality_signals (org_id, detected_at);
)sql"};

inline constexpr store::Migration kAuditsMigration = {26, "quality_audits", R"sql(
CREATE TABLE quality_checklist_items (
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  item_key TEXT NOT NULL,
  position INTEGER NOT NULL,
  stage TEXT NOT NULL,
  text_zh TEXT NOT NULL,
  text_en TEXT NOT NULL DEFAULT '',
  weight INTEGER NOT NULL,
  retired INTEGER NOT NULL DEFAULT 0,
  builtin INTEGER NOT NULL DEFAULT 0,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (org_id, item_key)
);
CREATE TABLE quality_audit_rounds (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title TEXT NOT NULL,
  period_from TEXT NOT NULL,
  period_to TEXT NOT NULL,
  basis TEXT NOT NULL,
  stage TEXT,
  worker_id BIGINT REFERENCES users(id),
  sample_size INTEGER NOT NULL,
  seed BIGINT NOT NULL,
  population INTEGER NOT NULL,
  state TEXT NOT NULL,
  checklist TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  finished_at BIGINT
);
CREATE INDEX quality_audit_rounds_org ON quality_audit_rounds (org_id, created_at);
CREATE TABLE quality_audit_auditors (
  round_id BIGINT NOT NULL REFERENCES quality_audit_rounds(id),
  user_id BIGINT NOT NULL REFERENCES users(id),
  position INTEGER NOT NULL,
  PRIMARY KEY (round_id, user_id)
);
CREATE INDEX quality_audit_auditors_user ON quality_audit_auditors (user_id);
CREATE TABLE quality_audit_cases (
  round_id BIGINT NOT NULL REFERENCES quality_audit_rounds(id),
  case_id BIGINT NOT NULL,
  position INTEGER NOT NULL,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  worker_id BIGINT NOT NULL REFERENCES users(id),
  co_worker_id BIGINT REFERENCES users(id),
  auditor_id BIGINT REFERENCES users(id),
  excluded TEXT NOT NULL DEFAULT '',
  stages TEXT NOT NULL,
  done INTEGER NOT NULL DEFAULT 0,
  comment TEXT NOT NULL DEFAULT '',
  scored_at BIGINT,
  PRIMARY KEY (round_id, case_id)
);
CREATE INDEX quality_audit_cases_worker ON quality_audit_cases (worker_id);
CREATE TABLE quality_audit_scores (
  round_id BIGINT NOT NULL REFERENCES quality_audit_rounds(id),
  case_id BIGINT NOT NULL,
  item_key TEXT NOT NULL,
  score TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (round_id, case_id, item_key)
);
CREATE TABLE quality_audit_findings (
  id {{pk}},
  round_id BIGINT NOT NULL REFERENCES quality_audit_rounds(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  case_id BIGINT NOT NULL,
  item_key TEXT NOT NULL DEFAULT '',
  severity TEXT NOT NULL,
  text TEXT NOT NULL,
  due_on TEXT NOT NULL,
  state TEXT NOT NULL,
  owner_id BIGINT NOT NULL REFERENCES users(id),
  auditor_id BIGINT NOT NULL REFERENCES users(id),
  correction_note TEXT NOT NULL DEFAULT '',
  corrected_at BIGINT,
  verify_note TEXT NOT NULL DEFAULT '',
  closed_at BIGINT,
  improvement_id BIGINT REFERENCES quality_improvements(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX quality_audit_findings_round ON quality_audit_findings (round_id);
CREATE INDEX quality_audit_findings_open_owner ON quality_audit_findings (owner_id, due_on) WHERE state = 'open';
)sql"};

}  // namespace jieli::quality
