#include "modules/audit/audit_log.hpp"

#include "core/crypto.hpp"
#include "core/json.hpp"
#include "modules/audit/audit_sql.hpp"
#include "modules/auth/actor.hpp"
#include "modules/auth/permission.hpp"

namespace jieli::audit {
namespace {

constexpr std::string_view kGenesisHash =
    "0000000000000000000000000000000000000000000000000000000000000000";

}  // namespace

std::string AuditLog::HashOf(const AuditEntry& e) {
  // A JSON array gives an unambiguous, escaping-safe serialisation of the fields.
  Json fields = Json::array({e.id, e.at, e.actor_id ? Json(*e.actor_id) : Json(), e.actor_name,
                             e.org_id ? Json(*e.org_id) : Json(), e.action, e.entity_type,
                             e.entity_id, e.changes, e.request_id, e.client_address, e.prev_hash});
  return crypto::Sha256Hex(fields.dump(-1, ' ', false, Json::error_handler_t::replace));
}

Status AuditLog::Append(store::Executor& tx, AuditEntry entry) const {
  if (tx.backend() == store::Backend::kPostgres) {
    JIELI_RETURN_IF_ERROR(tx.Query(kAuditLockSql, {kAuditLockKey}));
  }
  JIELI_ASSIGN_OR_RETURN(auto head, tx.QueryOne(kAuditHeadSql));
  entry.id = head ? head->Int(0) + 1 : 1;
  entry.prev_hash = head ? head->Text(1) : std::string(kGenesisHash);
  if (entry.at == 0) entry.at = clock_->Now();
  entry.hash = HashOf(entry);
  JIELI_RETURN_IF_ERROR(tx.Execute(
      kAuditInsertSql,
      {entry.id, entry.at, store::OrNull(entry.actor_id), entry.actor_name,
       store::OrNull(entry.org_id), entry.action, entry.entity_type, entry.entity_id, entry.changes,
       entry.request_id, entry.client_address, entry.prev_hash, entry.hash}));
  JIELI_RETURN_IF_ERROR(tx.Execute(kAuditUpsertHeadSql, {entry.id, entry.hash}));
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

Result<Page<AuditEntry>> AuditLog::List(const auth::Actor& actor, store::Executor& db,
                                        const AuditFilter& filter, std::int64_t offset,
                                        std::int64_t limit) const {
  // The log spans every organisation, so only a system-wide admin reads it.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kAuditRead));
  std::vector<store::Value> params;
  const std::string where = AuditWhere(filter, params);
  JIELI_ASSIGN_OR_RETURN(auto count, db.QueryOne(std::string(kAuditCount) + where, params));
  Page<AuditEntry> page;
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      store::Rows rows,
      db.Query(std::string(kAuditSelect) + where + " ORDER BY id DESC LIMIT ? OFFSET ?", params));
  for (const auto& row : rows) page.items.push_back(EntryFromRow(row));
  return page;
}

Result<VerifyReport> AuditLog::Verify(const auth::Actor& actor, store::Executor& db) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(auth::Permission::kAuditRead));
  return Verify(db);
}

Result<VerifyReport> AuditLog::Verify(store::Executor& db) const {
  VerifyReport report;
  std::string expected_prev(kGenesisHash);
  std::int64_t expected_id = 1;
  // Page through in id order so that a long log is not loaded at once.
  constexpr std::int64_t kBatch = 5000;
  std::int64_t after = 0;
  for (;;) {
    auto rows =
        db.Query(std::string(kAuditSelect) + " WHERE id > ? ORDER BY id LIMIT ?", {after, kBatch});
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
  auto head = db.QueryOne(kAuditHeadSql);
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
