#include "modules/audit/audit_log.hpp"

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "modules/auth/actor.hpp"

namespace jieli::audit {
namespace {

constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

constexpr std::string_view kHeadSql =
    "SELECT last_id, last_hash FROM audit_head WHERE singleton = 1";
constexpr std::string_view kInsertSql = R"sql(
INSERT INTO audit_log (id, at, actor_id, actor_name, org_id, action, entity_type, entity_id,
                       changes, request_id, client_address, prev_hash, hash)
VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql";
constexpr std::string_view kUpsertHeadSql = R"sql(
INSERT INTO audit_head (singleton, last_id, last_hash) VALUES (1, ?, ?)
ON CONFLICT (singleton) DO UPDATE SET last_id = excluded.last_id, last_hash = excluded.last_hash)sql";
constexpr std::string_view kColumns =
    "id, at, actor_id, actor_name, org_id, action, entity_type, entity_id, changes, request_id, "
    "client_address, prev_hash, hash";
// Arbitrary constant naming the audit append lock among PostgreSQL advisory locks.
constexpr std::int64_t kAuditLockKey = 7306120001;

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

}  // namespace

std::string AuditLog::HashOf(const AuditEntry& e) {
  // A JSON array gives an unambiguous, escaping-safe serialisation of the fields.
  nlohmann::json fields = nlohmann::json::array(
      {e.id, e.at, e.actor_id ? nlohmann::json(*e.actor_id) : nlohmann::json(), e.actor_name,
       e.org_id ? nlohmann::json(*e.org_id) : nlohmann::json(), e.action, e.entity_type,
       e.entity_id, e.changes, e.request_id, e.client_address, e.prev_hash});
  return crypto::Sha256Hex(fields.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Status AuditLog::Append(store::Executor& tx, AuditEntry entry) const {
  if (tx.backend() == store::Backend::kPostgres) {
    auto locked = tx.Query("SELECT pg_advisory_xact_lock(?)", {kAuditLockKey});
    if (!locked) return locked.error();
  }
  auto head = tx.QueryOne(kHeadSql);
  if (!head) return head.error();
  entry.id = *head ? (*head)->Int(0) + 1 : 1;
  entry.prev_hash = *head ? (*head)->Text(1) : std::string(kGenesisHash);
  if (entry.at == 0) entry.at = clock_->Now();
  entry.hash = HashOf(entry);
  auto inserted =
      tx.Execute(kInsertSql, {entry.id, entry.at, store::OrNull(entry.actor_id), entry.actor_name,
                              store::OrNull(entry.org_id), entry.action, entry.entity_type,
                              entry.entity_id, entry.changes, entry.request_id,
                              entry.client_address, entry.prev_hash, entry.hash});
  if (!inserted) return inserted.error();
  auto updated = tx.Execute(kUpsertHeadSql, {entry.id, entry.hash});
  if (!updated) return updated.error();
  return Ok();
}

Status AuditLog::Record(store::Executor& tx, const auth::Actor& actor,
                        std::optional<std::int64_t> org_id, std::string action,
                        std::string entity_type, std::string entity_id, std::string changes) const {
  AuditEntry entry;
  if (!actor.is_system()) entry.actor_id = actor.user_id();
  entry.actor_name = actor.username();
  entry.org_id = org_id;
  entry.action = std::move(action);
  entry.entity_type = std::move(entity_type);
  entry.entity_id = std::move(entity_id);
  entry.changes = std::move(changes);
  entry.request_id = actor.request_id;
  entry.client_address = actor.client_address;
  return Append(tx, std::move(entry));
}

Result<AuditPage> AuditLog::List(store::Executor& db, const AuditFilter& filter,
                                 std::int64_t offset, std::int64_t limit) const {
  std::string where = " WHERE 1 = 1";
  std::vector<store::Value> params;
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
  auto count = db.QueryOne("SELECT COUNT(*) FROM audit_log" + where, params);
  if (!count) return count.error();
  AuditPage page;
  page.total = *count ? (*count)->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db.Query(std::string("SELECT ") + std::string(kColumns) + " FROM audit_log" + where +
                           " ORDER BY id DESC LIMIT ? OFFSET ?",
                       params);
  if (!rows) return rows.error();
  for (const auto& row : *rows) page.items.push_back(EntryFromRow(row));
  return page;
}

Result<VerifyReport> AuditLog::Verify(store::Executor& db) const {
  VerifyReport report;
  std::string expected_prev(kGenesisHash);
  std::int64_t expected_id = 1;
  // Page through in id order so that a long log is not loaded at once.
  constexpr std::int64_t kBatch = 5000;
  std::int64_t after = 0;
  for (;;) {
    auto rows = db.Query(std::string("SELECT ") + std::string(kColumns) +
                             " FROM audit_log WHERE id > ? ORDER BY id LIMIT ?",
                         {after, kBatch});
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      AuditEntry entry = EntryFromRow(row);
      if (entry.id != expected_id || entry.prev_hash != expected_prev) {
        report.intact = false;
        report.first_bad_id = entry.id;
        report.problem = entry.id != expected_id ? "removed" : "altered";
        return report;
      }
      if (HashOf(entry) != entry.hash) {
        report.intact = false;
        report.first_bad_id = entry.id;
        report.problem = "altered";
        return report;
      }
      expected_prev = entry.hash;
      ++expected_id;
      ++report.checked;
      after = entry.id;
    }
    if (rows->size() < static_cast<std::size_t>(kBatch)) break;
  }
  auto head = db.QueryOne(kHeadSql);
  if (!head) return head.error();
  std::int64_t head_id = *head ? (*head)->Int(0) : 0;
  std::string head_hash = *head ? (*head)->Text(1) : std::string(kGenesisHash);
  if (head_id != expected_id - 1 || head_hash != expected_prev) {
    report.intact = false;
    report.first_bad_id = head_id > expected_id - 1 ? expected_id : head_id;
    report.problem = head_id > expected_id - 1 ? "truncated" : "altered";
  }
  return report;
}

}  // namespace jieli::audit
