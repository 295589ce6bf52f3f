// ClientService: client records (服务对象档案) with every read and write
// checked against the caller's organisation scope, the ID number, phone and
// household (whose contacts are family phone numbers) encrypted at rest, the
// identifiers and contacts masked on the way out, duplicates caught on entry, and
// every change (and every reveal of a clear identifier) written to the audit
// log in the same transaction.
//
// Errors: "clients.not_found" (also for clients outside the caller's scope),
// "orgs.not_found" (an organisation outside the scope), "auth.forbidden",
// "validation.failed" with field issues, "clients.duplicate_id_number" (param
// existing_id), "clients.possible_duplicate" (a FieldIssue "candidates" per
// candidate), "clients.import_has_errors" (param count),
// "clients.export_too_large" (param max), store and crypto errors.
// Thread-safe: holds references only; each call uses its own transaction.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/clients/client.hpp"
#include "modules/clients/client_rules.hpp"
#include "modules/orgs/org_service.hpp"
#include "store/db.hpp"

namespace jieli::clients {

struct ClientFilter {
  std::string text;  // substring of the name, or an exact ID number or phone
  std::optional<Category> category;
  std::optional<Gender> gender;
  std::optional<std::int64_t> region_id;
  std::optional<std::int64_t> org_id;
  std::optional<bool> has_risk;
  std::string sort =
      "-created_at";  // name | -name | birth_date | -birth_date | created_at | -created_at
};

struct RevealedIdentifiers {
  std::string id_number;                   // clear, "" when none
  std::string phone;                       // clear, "" when none
  std::vector<HouseholdMember> household;  // contacts in clear
};

// The rows of an import file with every problem found, including duplicates
// with clients already registered.
struct ImportPreview {
  std::vector<ImportRow> rows;
  std::int64_t valid = 0;
  std::int64_t invalid = 0;
};

inline constexpr std::int64_t kMaxExportRows = 50000;

// A client found by the blind index of their phone.
struct PhoneMatch {
  std::int64_t id = 0;
  std::string name;
  std::int64_t org_id = 0;
  std::string phone_index;
};

class ClientService {
 public:
  ClientService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                const crypto::FieldCipher& cipher)
      : db_(db), clock_(clock), audit_(audit), cipher_(cipher) {}

  // Clients in organisations where the caller has clients.read.
  Result<Page<Client>> List(const auth::Actor& actor, const ClientFilter& filter,
                            std::int64_t offset, std::int64_t limit) const;
  Result<Client> Get(const auth::Actor& actor, std::int64_t id) const;
  // For other modules (cases): what they may show about a client. Needs clients.read.
  Result<ClientSummary> GetSummary(const auth::Actor& actor, std::int64_t id) const;
  // Needs clients.write on org_id. A similar name with the same phone is refused
  // ("clients.possible_duplicate") unless confirm_not_duplicate.
  Result<Client> Create(const auth::Actor& actor, std::int64_t org_id, ClientInput input,
                        bool confirm_not_duplicate) const;
  Result<Client> Update(const auth::Actor& actor, std::int64_t id, const ClientPatch& patch,
                        bool confirm_not_duplicate) const;
  // The ID number, phone and household contacts in clear; needs clients.reveal
  // and is audited.
  Result<RevealedIdentifiers> Reveal(const auth::Actor& actor, std::int64_t id) const;

  // Encrypts the households stored in clear before migration 15 (household
  // column -> household_enc), in batches, each in its own transaction; safe to
  // run on several nodes at once and again (a no-op once done). Run at start-up
  // by app::App::Open, after the migrations. Returns the clients encrypted.
  Result<std::int64_t> EncryptStoredHouseholds() const;

  // Adds to rows the duplicates with registered clients. Needs clients.write on org_id.
  Result<ImportPreview> PreviewImport(const auth::Actor& actor, std::int64_t org_id,
                                      std::vector<ImportRow> rows) const;
  // Imports every row in one transaction, only when no row has a problem;
  // returns the new ids in row order.
  Result<std::vector<std::int64_t>> CommitImport(const auth::Actor& actor, std::int64_t org_id,
                                                 std::vector<ImportRow> rows) const;

  // Every client matching filter (at most kMaxExportRows), masked.
  Result<std::vector<Client>> Export(const auth::Actor& actor, const ClientFilter& filter) const;
  // The names of the clients among ids that exist, read on db (a caller's
  // transaction). Unchecked: for the notifications about cases.
  Result<std::map<std::int64_t, std::string>> Names(store::Executor& db,
                                                    const std::set<std::int64_t>& ids) const;
  // The clients of org_ids whose phone has one of the blind indexes (FieldCipher::
  // BlindIndex of NormalizePhoneForIndex), by id. Unchecked: the caller
  // (the intake queue) narrows org_ids to what its caller may read.
  Result<std::vector<PhoneMatch>> WithPhoneIndexes(const std::vector<std::string>& indexes,
                                                   const std::vector<std::int64_t>& org_ids) const;
  // The first clients of an organisation by id, at most limit, each with its
  // first category ("" for none). Unchecked: the demo opens its cases for them.
  Result<std::vector<std::pair<std::int64_t, std::string>>> FirstClientsOf(
      std::int64_t org_id, std::int64_t limit) const;

 private:
  struct Stored {
    Client client;  // masked
    std::string id_number;
    std::string phone;
    std::vector<HouseholdMember> household;  // contacts in clear
  };

  // The encrypted household column: NULL for none.
  store::Value HouseholdEnc(const std::vector<HouseholdMember>& household) const;

  Result<Stored> FromRow(const store::Row& row) const;
  Result<std::optional<Stored>> Load(store::Executor& db, std::int64_t id) const;
  // Loads a client the caller may read, or "clients.not_found".
  Result<Stored> LoadReadable(const auth::Actor& actor, std::int64_t id) const;
  // The where clause and parameters of a filter over the caller's readable organisations.
  Result<std::string> Where(const auth::Actor& actor, const ClientFilter& filter,
                            std::vector<store::Value>& params) const;
  // " AND …" for the search text: the exact ID number or phone through its
  // blind index when the text is one, else the name containing it.
  std::string TextCondition(const std::string& text, std::vector<store::Value>& params) const;
  Status CheckRegion(store::Executor& db, const std::optional<std::int64_t>& region_id) const;
  // The organisation of a client, checked for permission (before any transaction, so
  // that the scope is never loaded on another connection while one is held).
  Result<std::int64_t> AuthorizeClient(const auth::Actor& actor, std::int64_t id,
                                       auth::Permission permission) const;
  // readable: actor.OrgsWhere(clients.read), loaded before the transaction began.
  Status CheckDuplicates(store::Executor& db, const std::vector<std::int64_t>& readable,
                         const ClientInput& input, std::optional<std::int64_t> self,
                         bool check_similar) const;
  Status AnnotateImportDuplicates(store::Executor& db, const std::vector<std::int64_t>& readable,
                                  std::vector<ImportRow>& rows) const;
  Result<std::int64_t> Insert(store::Executor& tx, const auth::Actor& actor, std::int64_t org_id,
                              const ClientInput& input) const;
  Status WriteCategories(store::Executor& tx, std::int64_t id, const ClientInput& input) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const crypto::FieldCipher& cipher_;
};

}  // namespace jieli::clients
