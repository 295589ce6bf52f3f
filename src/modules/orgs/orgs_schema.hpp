// Tables of the orgs module: regions, organisations, users and their roles.
#pragma once

#include "store/migration.hpp"

namespace jieli::orgs {

inline constexpr store::Migration kOrgsInitialMigration = {1, "orgs_initial", R"sql(
CREATE TABLE regions (
  id {{pk}},
  parent_id BIGINT REFERENCES regions(id),
  level TEXT NOT NULL,
  code TEXT,
  name TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX regions_parent ON regions(parent_id);

CREATE TABLE organizations (
  id {{pk}},
  parent_id BIGINT REFERENCES organizations(id),
  kind TEXT NOT NULL,
  agency_type TEXT,
  name TEXT NOT NULL,
  region_id BIGINT REFERENCES regions(id),
  contact_phone TEXT,
  address TEXT,
  active INTEGER NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX organizations_parent ON organizations(parent_id);

CREATE TABLE users (
  id {{pk}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  totp_secret {{blob}},
  totp_enabled INTEGER NOT NULL DEFAULT 0,
  password_changed_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE memberships (
  user_id BIGINT NOT NULL REFERENCES users(id),
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  role TEXT NOT NULL,
  PRIMARY KEY (user_id, org_id, role)
);
CREATE INDEX memberships_org ON memberships(org_id);
)sql"};

}  // namespace jieli::orgs
