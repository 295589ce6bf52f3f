#include "modules/clients/clients_sql.hpp"

namespace jieli::clients {

// The clients of an organisation (param 1) by id, at most param 2, each with
// its first category ("" for none).
const std::string_view kFirstClientsOfOrgSql =
    "SELECT c.id, COALESCE(MIN(cc.category), '') FROM clients c "
    "LEFT JOIN client_categories cc ON cc.client_id = c.id WHERE c.org_id = ? "
    "GROUP BY c.id ORDER BY c.id LIMIT ?";

// Append auth::InList(n) and n ids. Rows: (id, name).
const std::string_view kClientNamesSql = "SELECT id, name FROM clients WHERE id ";
const std::string_view kClientsByPhoneIndexSql =
    "SELECT id, name, org_id, phone_index FROM clients WHERE phone_index ";

const std::string_view kClientSelect =
    "SELECT id, org_id, name, gender, birth_date, id_number_enc, phone_enc, address, region_id, "
    "categories, disability_level, household, consents, risk_flags, notes, created_by, "
    "created_at, updated_at, household_enc FROM clients";

const char* const kClientInsertSql =
    "INSERT INTO clients (org_id, name, gender, birth_date, id_number_enc, id_number_index, "
    "phone_enc, phone_index, address, region_id, categories, disability_level, household, "
    "consents, risk_flags, has_risk, notes, created_by, created_at, updated_at, household_enc) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

const char* const kClientUpdateSql =
    "UPDATE clients SET name = ?, gender = ?, birth_date = ?, id_number_enc = ?, "
    "id_number_index = ?, phone_enc = ?, phone_index = ?, address = ?, region_id = ?, "
    "categories = ?, disability_level = ?, household = ?, consents = ?, risk_flags = ?, "
    "has_risk = ?, notes = ?, updated_at = ?, household_enc = ? WHERE id = ?";

// Households written before they were encrypted (migration 15): their clear
// JSON still in the household column. Every write since leaves it '[]'.
const char* const kClearHouseholdsSql =
    "SELECT id, household FROM clients WHERE household <> '[]' ORDER BY id LIMIT 500";
// Only while the row still holds the text read, so a concurrent update (or another
// node doing the same at start-up) is never overwritten.
const char* const kEncryptHouseholdSql =
    "UPDATE clients SET household_enc = ?, household = '[]' WHERE id = ? AND household = ?";

const std::string_view kClientCountSql = "SELECT COUNT(*) FROM clients";
const std::string_view kClientOrgSql = "SELECT org_id FROM clients WHERE id = ?";
const std::string_view kCategoriesDeleteSql = "DELETE FROM client_categories WHERE client_id = ?";

// The duplicate checks: append the scope (" AND org_id IN (…)"), then the order.
const char* const kClientByIdNumberSql = "SELECT id FROM clients WHERE id_number_index = ?";
const char* const kClientByIdNumberOrder = " ORDER BY id LIMIT 1";
const char* const kClientsByPhoneSql = "SELECT id, name FROM clients WHERE phone_index = ?";
const char* const kClientsByPhoneOrder = " ORDER BY id LIMIT 50";

const char* const kCategoryInsertSql =
    "INSERT INTO client_categories (client_id, category, detail) VALUES (?, ?, ?) "
    "ON CONFLICT DO NOTHING";

const char* const kFirstClientsOfIdNumbersSql =
    "SELECT id_number_index, MIN(id) FROM clients WHERE id_number_index ";
const char* const kFirstClientsOfIdNumbersOrgs = " AND org_id ";
const char* const kFirstClientsOfIdNumbersGroup = " GROUP BY id_number_index";

}  // namespace jieli::clients
