// The SQL of the audit module and the mapping of its rows, for AuditLog.
// Internal to src/modules/audit. Parameters are always bound.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "modules/audit/audit_log.hpp"
#include "store/db.hpp"

namespace jieli::audit {

// The newest entry's id and hash (no row before the first entry).
extern const std::string_view kAuditHeadSql;
// Every column of an entry, in the order EntryFromRow reads; 13 parameters.
extern const std::string_view kAuditInsertSql;
// Moves the head to (id, hash).
extern const std::string_view kAuditUpsertHeadSql;
// PostgreSQL: serialises appends for the rest of the transaction (param kAuditLockKey).
extern const std::string_view kAuditLockSql;
// Arbitrary constant naming the audit append lock among PostgreSQL advisory locks.
inline constexpr std::int64_t kAuditLockKey = 7306120001;
// SELECT of every column of audit_log; append a WHERE (AuditWhere) and an ORDER BY.
extern const std::string_view kAuditSelect;
extern const std::string_view kAuditCount;  // append a WHERE (AuditWhere)

// " WHERE …" for filter, its parameters appended to params.
std::string AuditWhere(const AuditFilter& filter, std::vector<store::Value>& params);

// An entry from a row of kAuditSelect.
AuditEntry EntryFromRow(const store::Row& row);

}  // namespace jieli::audit
