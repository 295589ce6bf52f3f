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

}  // namespace jieli::feedback
