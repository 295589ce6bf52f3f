#include "modules/audit/audit_sql.hpp"

namespace jieli::audit {

const std::string_view kAuditHeadSql =
    "SELECT last_id, last_hash FROM audit_head WHERE singleton = 1";
const std::string_view kAuditInsertSql = R"sql(
INSERT INTO audit_log (id, at, actor_id, actor_name, org_id, action, entity_type, entity_id,
                       changes, request_id, client_address, prev_hash, hash)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";
const std::string_view kAuditUpsertHeadSql = R"sql(
INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, ?, ?)
ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash)sql";
const std::string_view kAuditLockSql = "SELECT pg_advisory_xact_lock(?)";
const std::string_view kAuditSelect =
    "SELECT id, at, actor_id, actor_name, org_id, action, entity_type, entity_id, changes, "
    "request_id, client_address, prev_hash, hash FROM audit_log";
const std::string_view kAuditCount = "SELECT COUNT(*) FROM audit_log";

std::string AuditWhere(const AuditFilter& filter, std::vector<store::Value>& params) {
  std::string where = " WHERE 1 = 1";
  if (filter.actor_id) {
    where += " AND actor_id = ?";
    params.emplace_back(*filter.actor_id);
  }
  if (!filter.action.empty()) {
    if (filter.action.back() == '.') {
      where += " AND substr(action, 1, CAST(? AS INTEGER)) = ?";
      params.emplace_back(static_cast<std::int64_t>(filter.action.size()));
    } else {
      where += " AND action = ?";
    }
    params.emplace_back(filter.action);
  }
  if (!filter.entity_type.empty()) {
    where += " AND entity_type = ?";
    params.emplace_back(filter.entity_type);
  }
  if (!filter.entity_id.empty()) {
    where += " AND entity_id = ?";
    params.emplace_back(filter.entity_id);
  }
  if (filter.from) {
    where += " AND at >= ?";
    params.emplace_back(*filter.from);
  }
  if (filter.to) {
    where += " AND at < ?";
    params.emplace_back(*filter.to);
  }
  return where;
}

AuditEntry EntryFromRow(const store::Row& row) {
  AuditEntry e;
  e.id = row.Int(0);
  e.at = row.Int(1);
  e.actor_id = row.OptInt(2);
  e.actor_name = row.Text(3);
  e.org_id = row.OptInt(4);
  e.action = row.Text(5);
  e.entity_type = row.Text(6);
  e.entity_id = row.Text(7);
  e.changes = row.Text(8);
  e.request_id = row.Text(9);
  e.client_address = row.Text(10);
  e.prev_hash = row.Text(11);
  e.hash = row.Text(12);
  return e;
}

}  // namespace jieli::audit
