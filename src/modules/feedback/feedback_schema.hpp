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
// Migration 31:
//   surveys            a questionnaire (questionnaire.hpp, as JSON) sent by an
//                      organisation; named or not; an anonymous link's token
//                      (public by design, so kept as it is) when it has one
//   survey_links       a personal link to one client (survey_link.hpp): only
//                      the token's hash; superseded when the client is sent
//                      a new link to the same survey
//   survey_responses   the answers (JSON) and their score; one per personal
//                      link, one per device (a hash of its cookie) on an
//                      anonymous link; org and worker for the results
// Migration 32:
//   intake_requests    bookings from the public page (intake_request.hpp):
//                      the agency chosen (NULL: the city's queue), the phone
//                      encrypted with its blind index (to find the clients
//                      and requests with the same phone, never to tell the
//                      public), the need, the preferred day, and what became
//                      of it (a case, or a reason it was declined)
//   complaints.public_reference  the reference a complaint made on the public
//                      page was given (NULL for the others)
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

inline constexpr store::Migration kSurveysMigration = {31, "feedback_surveys", R"sql(
CREATE TABLE surveys (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  title_zh TEXT NOT NULL,
  title_en TEXT NOT NULL DEFAULT '',
  built_in INTEGER NOT NULL DEFAULT 0,
  named INTEGER NOT NULL DEFAULT 0,
  questionnaire TEXT NOT NULL,
  anonymous_token TEXT,
  state TEXT NOT NULL,
  created_by BIGINT NOT NULL REFERENCES users(id),
  created_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX surveys_anonymous_token ON surveys (anonymous_token);
CREATE INDEX surveys_org ON surveys (org_id, created_at);
CREATE TABLE survey_links (
  id {{pk}},
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  client_id BIGINT NOT NULL REFERENCES clients(id),
  case_id BIGINT REFERENCES cases(id),
  worker_id BIGINT REFERENCES users(id),
  token_hash TEXT NOT NULL UNIQUE,
  expires_on TEXT NOT NULL,
  sent_by BIGINT NOT NULL REFERENCES users(id),
  sent_at BIGINT NOT NULL,
  answered_at BIGINT,
  superseded_at BIGINT
);
CREATE INDEX survey_links_survey ON survey_links (survey_id, id);
CREATE INDEX survey_links_client ON survey_links (client_id, survey_id);
CREATE TABLE survey_responses (
  id {{pk}},
  survey_id BIGINT NOT NULL REFERENCES surveys(id),
  link_id BIGINT UNIQUE REFERENCES survey_links(id),
  device_hash TEXT,
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  client_id BIGINT REFERENCES clients(id),
  worker_id BIGINT REFERENCES users(id),
  answers TEXT NOT NULL,
  total DOUBLE PRECISION,
  submitted_at BIGINT NOT NULL
);
CREATE UNIQUE INDEX survey_responses_device ON survey_responses (survey_id, device_hash);
CREATE INDEX survey_responses_survey ON survey_responses (survey_id, submitted_at);
CREATE INDEX survey_responses_org ON survey_responses (org_id, submitted_at);
)sql"};

inline constexpr store::Migration kIntakeRequestsMigration = {32, "feedback_intake_requests", R"sql(
CREATE TABLE intake_requests (
  id {{pk}},
  reference TEXT NOT NULL UNIQUE,
  org_id BIGINT REFERENCES organizations(id),
  channel TEXT NOT NULL,
  name TEXT NOT NULL,
  phone_enc {{blob}} NOT NULL,
  phone_masked TEXT NOT NULL,
  phone_index TEXT NOT NULL,
  need_category TEXT NOT NULL,
  need TEXT NOT NULL,
  preferred_date TEXT,
  preferred_slot TEXT NOT NULL,
  state TEXT NOT NULL,
  received_at BIGINT NOT NULL,
  handled_by BIGINT REFERENCES users(id),
  handled_at BIGINT,
  case_id BIGINT REFERENCES cases(id),
  client_id BIGINT REFERENCES clients(id),
  decline_reason TEXT,
  decline_note TEXT NOT NULL DEFAULT '',
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX intake_requests_org ON intake_requests (org_id, state, received_at);
CREATE INDEX intake_requests_phone ON intake_requests (phone_index, state);
ALTER TABLE complaints ADD COLUMN public_reference TEXT;
CREATE UNIQUE INDEX complaints_public_reference ON complaints (public_reference);
)sql"};

// Migration 34: the contact a follow-up (回访) recorded names it (the
// follow-up is the cases module's, case_followups).
inline constexpr store::Migration kContactFollowUpMigration = {34, "feedback_contact_followup",
                                                               R"sql(
ALTER TABLE contacts ADD COLUMN followup_id BIGINT REFERENCES case_followups(id);
CREATE INDEX contacts_followup ON contacts (followup_id);
)sql"};

}  // namespace jieli::feedback
