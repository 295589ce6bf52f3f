// The SQL of the clients module as named constants. Internal to
// src/modules/clients; the codecs of its stored JSON are in client_json.hpp.
#pragma once

#include <string_view>

namespace jieli::clients {

// SELECT of every column ClientService reads for a client; append WHERE, ORDER BY.
extern const std::string_view kClientSelect;
extern const std::string_view kClientCountSql;  // append WHERE
extern const char* const kClientInsertSql;      // … RETURNING id
extern const char* const kClientUpdateSql;
extern const std::string_view kClientOrgSql;
extern const std::string_view kCategoriesDeleteSql;
// Households still stored in clear (before migration 15), and their encryption.
extern const char* const kClearHouseholdsSql;
extern const char* const kEncryptHouseholdSql;
// Append auth::InList(n) and n ids. Rows: (id, name).
extern const std::string_view kClientNamesSql;
// Append the indexes' IN list, then " AND org_id IN …". Rows: id, name, org_id, phone_index.
extern const std::string_view kClientsByPhoneIndexSql;
// The clients of an organisation (param 1) by id, at most param 2, each with
// its first category ("" for none).
extern const std::string_view kFirstClientsOfOrgSql;
// The duplicate checks: append the scope, then the order.
extern const char* const kClientByIdNumberSql;
extern const char* const kClientByIdNumberOrder;
extern const char* const kClientsByPhoneSql;  // rows: (id, name)
extern const char* const kClientsByPhoneOrder;
extern const char* const kCategoryInsertSql;
// The first client of each of n id numbers among m organisations: append
// auth::InList(n), kFirstClientsOfIdNumbersOrgs, auth::InList(m), then
// kFirstClientsOfIdNumbersGroup. Rows: (id_number_index, id).
extern const char* const kFirstClientsOfIdNumbersSql;
extern const char* const kFirstClientsOfIdNumbersOrgs;
extern const char* const kFirstClientsOfIdNumbersGroup;

}  // namespace jieli::clients
