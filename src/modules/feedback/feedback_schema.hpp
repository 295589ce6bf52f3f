// The feedback module's tables (issue 15).
// Migration 29:
//   feedback_calendar  the days the working-day arithmetic (working_days.hpp)
//                      treats otherwise than Monday–Friday: national holidays
//                      (kind holiday) and the weekend days worked instead
//                      (workday), one row per local date, kept by the admin
//                      a year at a time
//   contacts           the contact log (contact.hpp): one row per exchange
//                      with a client, in the client's organisation; the
//                      follow-up, when one is needed, is the recording
//                      worker's to do until done
// Migration 30:
//   complaint_policies  an organisation's deadlines in working days
//                       (complaint.hpp ComplaintPolicy); an organisation
//                       without a row takes the nearest above, else the defaults
//   complaints          complaints, suggestions and praise (投诉建议) with their
//                       clocks worked out at receipt (ClockOf), the handler,
//                       how far a missed deadline has been told
//                       (escalation_level: 0 nobody, 1 the supervisors, 2 the
//                       leaders too) and the outcome; the complainant's
//                       contact encrypted (FieldCipher), shown masked
//   complaint_events    what was done to a complaint, by whom, when, why
#pragma once

#include "store/migration.hpp"

namespace jieli::feedback {

inline constexpr store::Migration kContactsMigration = {29, "feedback_contacts", R"sql(
CREATE TABLE feedback_calendar (
  day TEXT NOT NULL PRIMARY KEY,
  kind TEXT NOT NULL,
  name TEXT NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL
);
CREATE TABLE contacts (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  case_id BIGINT REFERENCES cases(id),
  channel TEXT NOT NULL,
  direction TEXT NOT NULL,
  contact_at BIGINT NOT NULL,
  summary TEXT NOT NULL,
  follow_up_due TEXT,
  follow_up_note TEXT NOT NULL DEFAULT '',
  follow_up_done_at BIGINT,
  follow_up_done_by BIGINT REFERENCES users(id),
  follow_up_done_note TEXT NOT NULL DEFAULT '',
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL
);
CREATE INDEX contacts_client_at ON contacts (client_id, contact_at);
CREATE INDEX contacts_case_at ON contacts (case_id, contact_at);
CREATE INDEX contacts_org_at ON contacts (org_id, contact_at);
CREATE INDEX contacts_follow_up ON contacts (created_by, follow_up_due);
)sql"};

inline constexpr store::Migration kComplaintsMigration = {30, "feedback_complaints", R"sql(
CREATE TABLE complaint_policies (
  org_id BIGINT NOT NULL PRIMARY KEY REFERENCES organizations(id),
  acknowledge_days INTEGER NOT NULL,
  resolve_days INTEGER NOT NULL,
  leader_after_days INTEGER NOT NULL,
  updated_by BIGINT NOT NULL REFERENCES users(id),
  updated_at BIGINT NOT NULL
);
CREATE TABLE complaints (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  kind TEXT NOT NULL,
  category TEXT NOT NULL,
  channel TEXT NOT NULL,
  severity TEXT NOT NULL,
  state TEXT NOT NULL,
  subject TEXT NOT NULL,
  details TEXT NOT NULL,
  complainant_name TEXT NOT NULL DEFAULT '',
  complainant_contact_enc {{blob}},
  complainant_contact_masked TEXT NOT NULL DEFAULT '',
  client_id BIGINT REFERENCES clients(id),
  case_id BIGINT REFERENCES cases(id),
  worker_concerned_id BIGINT REFERENCES users(id),
  handler_id BIGINT REFERENCES users(id),
  received_by BIGINT NOT NULL REFERENCES users(id),
  received_at BIGINT NOT NULL,
  acknowledge_due BIGINT,
  resolve_due BIGINT,
  acknowledged_at BIGINT,
  resolved_at BIGINT,
  closed_at BIGINT,
  resolution TEXT NOT NULL DEFAULT '',
  cause TEXT NOT NULL DEFAULT '',
  satisfaction TEXT,
  escalation_level INTEGER NOT NULL DEFAULT 0,
  improvement_id BIGINT,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX complaints_org_received ON complaints (org_id, received_at);
CREATE INDEX complaints_handler ON complaints (handler_id, state);
CREATE INDEX complaints_open ON complaints (state, received_at);
CREATE TABLE complaint_events (
  id {{pk}},
  complaint_id BIGINT NOT NULL REFERENCES complaints(id),
  action TEXT NOT NULL,
  at BIGINT NOT NULL,
  by_id BIGINT NOT NULL REFERENCES users(id),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);
)sql"};

}  // namespace jieli::feedback
