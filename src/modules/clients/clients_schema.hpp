// Tables of the clients module: client records (服务对象档案) and their
// categories. The ID number and phone are stored encrypted (FieldCipher) with a
// blind index each for exact-match look-ups (duplicates); the household (whose
// contacts are family phone numbers) is encrypted JSON since migration 15 and
// needs no look-up; consents and risk flags are JSON text; categories are kept both as a comma
// list on the client (for reading) and as rows of client_categories (for filtering).
#pragma once

#include "store/migration.hpp"

namespace jieli::clients {

inline constexpr store::Migration kClientsInitialMigration = {4, "clients_initial", R"sql(
CREATE TABLE clients (
  id {{pk}},
  org_id BIGINT NOT NULL REFERENCES organizations(id),
  name TEXT NOT NULL,
  gender TEXT NOT NULL,
  birth_date TEXT,
  id_number_enc {{blob}},
  id_number_index TEXT,
  phone_enc {{blob}},
  phone_index TEXT,
  address TEXT NOT NULL DEFAULT '',
  region_id BIGINT REFERENCES regions(id),
  categories TEXT NOT NULL DEFAULT '',
  disability_level INTEGER,
  household TEXT NOT NULL DEFAULT '[]',
  consents TEXT NOT NULL DEFAULT '[]',
  risk_flags TEXT NOT NULL DEFAULT '[]',
  has_risk INTEGER NOT NULL DEFAULT 0,
  notes TEXT NOT NULL DEFAULT '',
  created_by BIGINT REFERENCES users(id),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX clients_org ON clients(org_id);
CREATE INDEX clients_id_number ON clients(id_number_index);
CREATE INDEX clients_phone ON clients(phone_index);
CREATE INDEX clients_name ON clients(name);

CREATE TABLE client_categories (
  client_id BIGINT NOT NULL REFERENCES clients(id),
  category TEXT NOT NULL,
  detail TEXT,
  PRIMARY KEY (client_id, category)
);
CREATE INDEX client_categories_category ON client_categories(category);
)sql"};

// The household encrypted as a whole (FieldCipher, JSON inside). The clear
// household column stays for the rows written before: SQL cannot encrypt, so
// ClientService::EncryptStoredHouseholds moves them at start-up (app::App::Open)
// and leaves '[]' behind, as every write now does. Every start looks for such
// rows: the partial index holds only them, so once they are moved the look-up
// reads an empty index instead of scanning every client.
inline constexpr store::Migration kHouseholdEncryptedMigration = {15, "clients_household_encrypted",
                                                                  R"sql(
ALTER TABLE clients ADD COLUMN household_enc {{blob}};
CREATE INDEX clients_household_clear ON clients(id) WHERE household <> '[]';
)sql"};

}  // namespace jieli::clients
