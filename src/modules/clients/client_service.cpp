#include "modules/clients/client_service.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "core/id_number.hpp"
#include "core/json.hpp"
#include "core/local_time.hpp"
#include "core/mask.hpp"
#include "core/text.hpp"
#include "modules/audit/audit_redaction.hpp"
#include "modules/clients/clients_sql.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/sort_order.hpp"
#include "store/text_search.hpp"

namespace jieli::clients {
namespace {

using auth::Permission;

std::string AuditText(const Json& json) {
  return json.dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string CategoriesText(const std::vector<Category>& categories) {
  std::string text;
  for (Category c : categories) {
    if (!text.empty()) text += ',';
    text += ToString(c);
  }
  return text;
}

std::vector<Category> ParseCategoriesText(const std::string& text) {
  std::vector<Category> categories;
  std::size_t start = 0;
  while (start < text.size()) {
    auto comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (auto c = ParseCategory(text.substr(start, comma - start))) categories.push_back(*c);
    start = comma + 1;
  }
  return categories;
}

Json HouseholdJson(const std::vector<HouseholdMember>& household) {
  Json list = Json::array();
  for (const auto& m : household) {
    list.push_back({{"name", m.name}, {"relation", m.relation}, {"contact", m.contact}});
  }
  return list;
}

Json ConsentsJson(const std::vector<Consent>& consents) {
  Json list = Json::array();
  for (const auto& c : consents) {
    list.push_back({{"kind", c.kind},
                    {"scope", c.scope},
                    {"given_on", c.given_on},
                    {"withdrawn_on", c.withdrawn_on}});
  }
  return list;
}

std::string Str(const Json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// A stored JSON list whose items all pass is_item. Anything else is damage,
// never an empty list: error "store.corrupt".
template <class IsItem>
Result<Json> StoredList(const std::string& text, std::string_view column, IsItem is_item) {
  JIELI_ASSIGN_OR_RETURN(Json json, ParseStoredJson(text, column));
  if (!json.is_array() || !std::all_of(json.begin(), json.end(), is_item)) {
    return CorruptStoreError(column);
  }
  return json;
}

bool IsObject(const Json& item) { return item.is_object(); }
bool IsString(const Json& item) { return item.is_string(); }

Result<std::vector<HouseholdMember>> HouseholdFromText(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json list, StoredList(text, "clients.household", IsObject));
  std::vector<HouseholdMember> household;
  for (const auto& item : list) {
    household.push_back({Str(item, "name"), Str(item, "relation"), Str(item, "contact")});
  }
  return household;
}

Result<std::vector<Consent>> ConsentsFromText(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json list, StoredList(text, "clients.consents", IsObject));
  std::vector<Consent> consents;
  for (const auto& item : list) {
    consents.push_back(
        {Str(item, "kind"), Str(item, "scope"), Str(item, "given_on"), Str(item, "withdrawn_on")});
  }
  return consents;
}

Result<std::vector<std::string>> FlagsFromText(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json list, StoredList(text, "clients.risk_flags", IsString));
  std::vector<std::string> flags;
  for (const auto& item : list) flags.push_back(item.get<std::string>());
  return flags;
}

Json OptJson(const std::optional<std::int64_t>& v) { return v ? Json(*v) : Json(); }

// One field of a client as the audit log sees it: its value (JSON), whether it
// is sensitive (then only digests and the masked form are written, see
// audit/audit_redaction.hpp) and its masked form, where the list shows one.
struct AuditField {
  std::string name;
  Json value;
  bool sensitive = true;
  std::optional<std::string> masked;
};

// Every field of a client but its gender and region is personal data an
// auditor need not read: names, identifiers, contacts, address, birth date,
// categories (disability, low income), household, consents, risk flags, notes.
std::vector<AuditField> AuditFields(const ClientInput& input) {
  return {{"name", input.name, true, MaskName(input.name)},
          {"gender", std::string(ToString(input.gender)), false, std::nullopt},
          {"birth_date", input.birth_date, true, std::nullopt},
          {"id_number", input.id_number, true, MaskIdNumber(input.id_number)},
          {"phone", input.phone, true, MaskPhone(input.phone)},
          {"address", input.address, true, std::nullopt},
          {"region_id", OptJson(input.region_id), false, std::nullopt},
          {"categories", CategoriesText(input.categories), true, std::nullopt},
          {"disability_level", input.disability_level ? Json(*input.disability_level) : Json(),
           true, std::nullopt},
          {"household", HouseholdJson(input.household), true, std::nullopt},
          {"consents", ConsentsJson(input.consents), true, std::nullopt},
          {"risk_flags", input.risk_flags, true, std::nullopt},
          {"notes", input.notes, true, std::nullopt}};
}

// The text a sensitive value is digested as: strings as they are, anything else
// as JSON text ("" for null, an empty list or an empty object).
audit::SensitiveValue SensitiveOf(const AuditField& field) {
  std::string text;
  if (field.value.is_string()) {
    text = field.value.get<std::string>();
  } else if (!field.value.is_null() && !field.value.empty()) {
    text = AuditText(field.value);
  }
  return {std::move(text), field.masked};
}

// " AND …": the name contains text, through the trigram indexes where they can
// answer (src/modules/cases/search_schema.hpp).
std::string NameCondition(store::Backend backend, const std::string& text,
                          std::vector<store::Value>& params) {
  if (backend == store::Backend::kPostgres) {
    params.emplace_back(store::ContainsPattern(text));
    return " AND name LIKE ?";
  }
  if (store::CharCount(text) >= store::kTrigramMinChars) {
    params.emplace_back(store::Fts5Phrase(text));
    return " AND id IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts MATCH ?)";
  }
  params.emplace_back(text);
  return " AND instr(name, ?) > 0";
}

}  // namespace

// --- helpers ------------------------------------------------------------------------

store::Value ClientService::HouseholdEnc(const std::vector<HouseholdMember>& household) const {
  if (household.empty()) return store::Null();
  return store::Blob{cipher_.Encrypt(AuditText(HouseholdJson(household)))};
}

Result<ClientService::Stored> ClientService::FromRow(const store::Row& row) const {
  Stored stored;
  Client& c = stored.client;
  c.id = row.Int(0);
  c.org_id = row.Int(1);
  c.name = row.Text(2);
  c.gender = ParseGender(row.Text(3)).value_or(Gender::kUnknown);
  c.birth_date = row.Text(4);
  if (!row.IsNull(5)) {
    auto clear = cipher_.Decrypt(row.Bytes(5));
    if (!clear) return clear.error();
    stored.id_number = std::move(*clear);
  }
  if (!row.IsNull(6)) {
    auto clear = cipher_.Decrypt(row.Bytes(6));
    if (!clear) return clear.error();
    stored.phone = std::move(*clear);
  }
  c.id_number = MaskIdNumber(stored.id_number);
  c.phone = MaskPhone(stored.phone);
  c.address = row.Text(7);
  c.region_id = row.OptInt(8);
  c.categories = ParseCategoriesText(row.Text(9));
  if (auto level = row.OptInt(10)) c.disability_level = static_cast<int>(*level);
  if (!row.IsNull(18)) {
    auto clear = cipher_.Decrypt(row.Bytes(18));
    if (!clear) return clear.error();
    JIELI_ASSIGN_OR_RETURN(stored.household, HouseholdFromText(*clear));
  } else {
    // not yet encrypted (migration 15)
    JIELI_ASSIGN_OR_RETURN(stored.household, HouseholdFromText(row.Text(11)));
  }
  c.household = stored.household;
  for (auto& member : c.household) member.contact = MaskPhone(member.contact);
  JIELI_ASSIGN_OR_RETURN(c.consents, ConsentsFromText(row.Text(12)));
  JIELI_ASSIGN_OR_RETURN(c.risk_flags, FlagsFromText(row.Text(13)));
  c.notes = row.Text(14);
  c.created_by = row.OptInt(15);
  c.created_at = row.Int(16);
  c.updated_at = row.Int(17);
  return stored;
}

Result<std::optional<ClientService::Stored>> ClientService::Load(store::Executor& db,
                                                                 std::int64_t id) const {
  auto row = db.QueryOne(std::string(kClientSelect) + " WHERE id = ?", {id});
  if (!row) return row.error();
  if (!*row) return std::optional<Stored>();
  auto stored = FromRow(**row);
  if (!stored) return stored.error();
  return std::optional<Stored>(std::move(*stored));
}

Result<ClientService::Stored> ClientService::LoadReadable(const auth::Actor& actor,
                                                          std::int64_t id) const {
  auto stored = Load(db_, id);
  if (!stored) return stored.error();
  if (!*stored) return NotFoundError("clients.not_found");
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kClientsRead, (*stored)->client.org_id, "clients.not_found"));
  return std::move(**stored);
}

Result<std::string> ClientService::Where(const auth::Actor& actor, const ClientFilter& filter,
                                         std::vector<store::Value>& params) const {
  auto readable = actor.OrgsWhere(Permission::kClientsRead);
  if (!readable) return readable.error();
  std::string where = " WHERE org_id " + auth::InList(readable->size());
  params.assign(readable->begin(), readable->end());
  if (filter.org_id) {
    where += " AND org_id = ?";
    params.emplace_back(*filter.org_id);
  }
  if (filter.category) {
    where += " AND id IN (SELECT client_id FROM client_categories WHERE category = ?)";
    params.emplace_back(std::string(ToString(*filter.category)));
  }
  if (filter.gender) {
    where += " AND gender = ?";
    params.emplace_back(std::string(ToString(*filter.gender)));
  }
  if (filter.region_id) {
    where += " AND region_id = ?";
    params.emplace_back(*filter.region_id);
  }
  if (filter.has_risk) {
    where += " AND has_risk = ?";
    params.emplace_back(static_cast<std::int64_t>(*filter.has_risk ? 1 : 0));
  }
  if (!filter.text.empty()) where += TextCondition(filter.text, params);
  return where;
}

std::string ClientService::TextCondition(const std::string& text,
                                         std::vector<store::Value>& params) const {
  // An ID number or a phone is looked up exactly through its blind index (the
  // clear values are encrypted, so a substring could never match them).
  std::string trimmed = Trim(text);
  std::string id_number = NormalizeIdNumber(trimmed);
  if (IsValidIdNumber(id_number)) {
    params.emplace_back(cipher_.BlindIndex(id_number));
    return " AND id_number_index = ?";
  }
  std::string phone = trimmed;
  std::erase(phone, ' ');  // "138 1234 5678", as Normalize accepts it on entry
  if (IsValidPhone(phone)) {
    params.emplace_back(cipher_.BlindIndex(NormalizePhoneForIndex(phone)));
    return " AND phone_index = ?";
  }
  return NameCondition(db_.backend(), text, params);
}

Status ClientService::CheckRegion(store::Executor& db,
                                  const std::optional<std::int64_t>& region_id) const {
  if (!region_id) return Ok();
  JIELI_ASSIGN_OR_RETURN(bool exists, orgs::OrgTree(db).RegionExists(*region_id));
  if (!exists) return ValidationFailed({{"region_id", "not_found"}});
  return Ok();
}

Result<std::int64_t> ClientService::AuthorizeClient(const auth::Actor& actor, std::int64_t id,
                                                    Permission permission) const {
  auto row = db_.QueryOne(kClientOrgSql, {id});
  if (!row) return row.error();
  if (!*row) return NotFoundError("clients.not_found");
  std::int64_t org_id = (*row)->Int(0);
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsRead, org_id, "clients.not_found"));
  JIELI_RETURN_IF_ERROR(actor.Require(permission, org_id, "clients.not_found"));
  return org_id;
}

Status ClientService::CheckDuplicates(store::Executor& db,
                                      const std::vector<std::int64_t>& readable,
                                      const ClientInput& input, std::optional<std::int64_t> self,
                                      bool check_similar) const {
  std::vector<store::Value> orgs(readable.begin(), readable.end());
  std::string scope = " AND org_id " + auth::InList(orgs.size());
  if (self) {
    scope += " AND id <> ?";
    orgs.emplace_back(*self);
  }
  if (!input.id_number.empty()) {
    std::vector<store::Value> params = {cipher_.BlindIndex(input.id_number)};
    params.insert(params.end(), orgs.begin(), orgs.end());
    auto existing = db.QueryOne(kClientByIdNumberSql + scope + kClientByIdNumberOrder, params);
    if (!existing) return existing.error();
    if (*existing) {
      std::string existing_id = std::to_string((*existing)->Int(0));
      return ConflictError("clients.duplicate_id_number")
          .WithParam("existing_id", existing_id)
          .WithDetail({"id_number", "duplicate_id_number", {{"existing_id", existing_id}}});
    }
  }
  if (check_similar && !input.phone.empty()) {
    std::vector<store::Value> params = {cipher_.BlindIndex(NormalizePhoneForIndex(input.phone))};
    params.insert(params.end(), orgs.begin(), orgs.end());
    auto rows = db.Query(kClientsByPhoneSql + scope + kClientsByPhoneOrder, params);
    if (!rows) return rows.error();
    Error error = ConflictError("clients.possible_duplicate");
    int candidates = 0;
    for (const auto& row : *rows) {
      if (!NamesSimilar(row.Text(1), input.name)) continue;
      ++candidates;
      error.WithDetail({"candidates",
                        "candidate",
                        {{"id", std::to_string(row.Int(0))},
                         {"name", MaskName(row.Text(1))},
                         {"phone", MaskPhone(input.phone)}}});
    }
    if (candidates > 0) return error.WithParam("count", std::to_string(candidates));
  }
  return Ok();
}

Status ClientService::WriteCategories(store::Executor& tx, std::int64_t id,
                                      const ClientInput& input) const {
  auto removed = tx.Execute(kCategoriesDeleteSql, {id});
  if (!removed) return removed.error();
  for (Category c : input.categories) {
    store::Value detail = store::Null();
    if (c == Category::kDisabled && input.disability_level) {
      detail = std::to_string(*input.disability_level);
    }
    auto added = tx.Execute(kCategoryInsertSql, {id, std::string(ToString(c)), detail});
    if (!added) return added.error();
  }
  return Ok();
}

Result<std::int64_t> ClientService::Insert(store::Executor& tx, const auth::Actor& actor,
                                           std::int64_t org_id, const ClientInput& input) const {
  EpochMs now = clock_.Now();
  store::Value id_enc = store::Null();
  store::Value id_index = store::Null();
  if (!input.id_number.empty()) {
    id_enc = store::Blob{cipher_.Encrypt(input.id_number)};
    id_index = cipher_.BlindIndex(input.id_number);
  }
  store::Value phone_enc = store::Null();
  store::Value phone_index = store::Null();
  if (!input.phone.empty()) {
    phone_enc = store::Blob{cipher_.Encrypt(input.phone)};
    phone_index = cipher_.BlindIndex(NormalizePhoneForIndex(input.phone));
  }
  store::Value level = input.disability_level
                           ? store::Value(static_cast<std::int64_t>(*input.disability_level))
                           : store::Null();
  store::Value created_by = actor.is_system() ? store::Null() : store::Value(actor.user_id());
  auto inserted =
      tx.QueryOne(kClientInsertSql, {org_id,
                                     input.name,
                                     std::string(ToString(input.gender)),
                                     store::NullIfEmpty(input.birth_date),
                                     id_enc,
                                     id_index,
                                     phone_enc,
                                     phone_index,
                                     input.address,
                                     store::OrNull(input.region_id),
                                     CategoriesText(input.categories),
                                     level,
                                     std::string("[]"),
                                     AuditText(ConsentsJson(input.consents)),
                                     AuditText(Json(input.risk_flags)),
                                     static_cast<std::int64_t>(input.risk_flags.empty() ? 0 : 1),
                                     input.notes,
                                     created_by,
                                     now,
                                     now,
                                     HouseholdEnc(input.household)});
  if (!inserted) return inserted.error();
  std::int64_t id = (*inserted)->Int(0);
  JIELI_RETURN_IF_ERROR(WriteCategories(tx, id, input));
  return id;
}

// --- reads --------------------------------------------------------------------------

Result<Page<Client>> ClientService::List(const auth::Actor& actor, const ClientFilter& filter,
                                         std::int64_t offset, std::int64_t limit) const {
  // Holding the permission nowhere is a refusal, not an empty page.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  static const modules::SortOrders kSorts(
      {{"name", "name ASC, id ASC"},
       {"-name", "name DESC, id DESC"},
       {"birth_date", "birth_date IS NULL, birth_date ASC, id ASC"},
       {"-birth_date", "birth_date IS NULL, birth_date DESC, id DESC"},
       {"created_at", "created_at ASC, id ASC"},
       {"-created_at", "created_at DESC, id DESC"}});
  auto order_by = kSorts.OrderBy(filter.sort);
  if (!order_by) return order_by.error();
  std::vector<store::Value> params;
  auto where = Where(actor, filter, params);
  if (!where) return where.error();
  auto count = db_.QueryOne(std::string(kClientCountSql) + *where, params);
  if (!count) return count.error();
  Page<Client> page;
  page.total = (*count)->Int(0);
  params.emplace_back(limit);
  params.emplace_back(offset);
  auto rows = db_.Query(
      std::string(kClientSelect) + *where + " ORDER BY " + *order_by + " LIMIT ? OFFSET ?", params);
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    auto stored = FromRow(row);
    if (!stored) return stored.error();
    page.items.push_back(std::move(stored->client));
  }
  return page;
}

Result<Client> ClientService::Get(const auth::Actor& actor, std::int64_t id) const {
  auto stored = LoadReadable(actor, id);
  if (!stored) return stored.error();
  return std::move(stored->client);
}

Result<ClientSummary> ClientService::GetSummary(const auth::Actor& actor, std::int64_t id) const {
  auto stored = LoadReadable(actor, id);
  if (!stored) return stored.error();
  const Client& c = stored->client;
  return ClientSummary{c.id,         c.org_id,    c.name,    c.gender, c.birth_date,
                       c.categories, c.region_id, c.address, c.phone};
}

Result<std::vector<Client>> ClientService::Export(const auth::Actor& actor,
                                                  const ClientFilter& filter) const {
  ClientFilter sorted = filter;
  if (sorted.sort.empty()) sorted.sort = "name";
  auto first = List(actor, sorted, 0, 0);
  if (!first) return first.error();
  if (first->total > kMaxExportRows) {
    return InvalidError("clients.export_too_large")
        .WithParam("max", std::to_string(kMaxExportRows))
        .WithParam("count", std::to_string(first->total));
  }
  auto all = List(actor, sorted, 0, kMaxExportRows);
  if (!all) return all.error();
  return std::move(all->items);
}

// --- writes -------------------------------------------------------------------------

Result<Client> ClientService::Create(const auth::Actor& actor, std::int64_t org_id,
                                     ClientInput input, bool confirm_not_duplicate) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsWrite, org_id, "orgs.not_found"));
  Normalize(input);
  if (auto issues = ValidateClient(input, LocalDateOf(clock_.Now())); !issues.empty()) {
    return ValidationFailed(std::move(issues));
  }
  auto readable = actor.OrgsWhere(Permission::kClientsRead);
  if (!readable) return readable.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_RETURN_IF_ERROR(CheckRegion(**tx, input.region_id));
  JIELI_RETURN_IF_ERROR(
      CheckDuplicates(**tx, *readable, input, std::nullopt, !confirm_not_duplicate));
  auto id = Insert(**tx, actor, org_id, input);
  if (!id) return id.error();
  Json changes = Json::object();
  for (const auto& field : AuditFields(input)) {
    changes[field.name] = field.sensitive ? audit::SensitiveChange(cipher_, field.name,
                                                                   std::nullopt, SensitiveOf(field))
                                          : Json{{"after", field.value}};
  }
  changes["org_id"] = {{"after", org_id}};
  if (confirm_not_duplicate) changes["confirm_not_duplicate"] = {{"after", true}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "clients.create", "client",
                                      std::to_string(*id), AuditText(changes)));
  auto created = Load(**tx, *id);
  if (!created) return created.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return std::move((*created)->client);
}

Result<Client> ClientService::Update(const auth::Actor& actor, std::int64_t id,
                                     const ClientPatch& patch, bool confirm_not_duplicate) const {
  // A client never changes organisation, so its organisation may be checked first.
  auto org_id = AuthorizeClient(actor, id, Permission::kClientsWrite);
  if (!org_id) return org_id.error();
  auto readable = actor.OrgsWhere(Permission::kClientsRead);
  if (!readable) return readable.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto loaded = Load(**tx, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("clients.not_found");
  const Stored& before = **loaded;
  ClientInput old_input;
  old_input.name = before.client.name;
  old_input.gender = before.client.gender;
  old_input.birth_date = before.client.birth_date;
  old_input.id_number = before.id_number;
  old_input.phone = before.phone;
  old_input.address = before.client.address;
  old_input.region_id = before.client.region_id;
  old_input.household = before.household;
  old_input.categories = before.client.categories;
  old_input.disability_level = before.client.disability_level;
  old_input.consents = before.client.consents;
  old_input.risk_flags = before.client.risk_flags;
  old_input.notes = before.client.notes;
  ClientInput input = ApplyPatch(old_input, patch);
  Normalize(input);
  if (auto issues = ValidateClient(input, LocalDateOf(clock_.Now())); !issues.empty()) {
    return ValidationFailed(std::move(issues));
  }
  if (input.region_id != old_input.region_id) {
    JIELI_RETURN_IF_ERROR(CheckRegion(**tx, input.region_id));
  }
  bool id_changed = input.id_number != old_input.id_number;
  bool similar_relevant = input.phone != old_input.phone || input.name != old_input.name;
  ClientInput to_check = input;
  if (!id_changed) to_check.id_number.clear();
  JIELI_RETURN_IF_ERROR(
      CheckDuplicates(**tx, *readable, to_check, id, similar_relevant && !confirm_not_duplicate));

  // Compared in clear, so that a change the masked forms hide is recorded too.
  std::vector<AuditField> old_fields = AuditFields(old_input);
  std::vector<AuditField> new_fields = AuditFields(input);
  Json changes = Json::object();
  for (std::size_t i = 0; i < new_fields.size(); ++i) {
    const AuditField& was = old_fields[i];
    const AuditField& now = new_fields[i];
    if (was.value == now.value) continue;
    changes[now.name] = now.sensitive ? audit::SensitiveChange(cipher_, now.name, SensitiveOf(was),
                                                               SensitiveOf(now))
                                      : Json{{"before", was.value}, {"after", now.value}};
  }
  if (changes.empty()) return before.client;

  store::Value id_enc = store::Null();
  store::Value id_index = store::Null();
  if (!input.id_number.empty()) {
    id_enc = store::Blob{cipher_.Encrypt(input.id_number)};
    id_index = cipher_.BlindIndex(input.id_number);
  }
  store::Value phone_enc = store::Null();
  store::Value phone_index = store::Null();
  if (!input.phone.empty()) {
    phone_enc = store::Blob{cipher_.Encrypt(input.phone)};
    phone_index = cipher_.BlindIndex(NormalizePhoneForIndex(input.phone));
  }
  store::Value level = input.disability_level
                           ? store::Value(static_cast<std::int64_t>(*input.disability_level))
                           : store::Null();
  auto updated = (*tx)->Execute(
      kClientUpdateSql,
      {input.name, std::string(ToString(input.gender)), store::NullIfEmpty(input.birth_date),
       id_enc, id_index, phone_enc, phone_index, input.address, store::OrNull(input.region_id),
       CategoriesText(input.categories), level, std::string("[]"),
       AuditText(ConsentsJson(input.consents)), AuditText(Json(input.risk_flags)),
       static_cast<std::int64_t>(input.risk_flags.empty() ? 0 : 1), input.notes, clock_.Now(),
       HouseholdEnc(input.household), id});
  if (!updated) return updated.error();
  JIELI_RETURN_IF_ERROR(WriteCategories(**tx, id, input));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, before.client.org_id, "clients.update", "client",
                                      std::to_string(id), AuditText(changes)));
  auto after = Load(**tx, id);
  if (!after) return after.error();
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return std::move((*after)->client);
}

Result<RevealedIdentifiers> ClientService::Reveal(const auth::Actor& actor, std::int64_t id) const {
  auto org_id = AuthorizeClient(actor, id, Permission::kClientsReveal);
  if (!org_id) return org_id.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  auto loaded = Load(**tx, id);
  if (!loaded) return loaded.error();
  if (!*loaded) return NotFoundError("clients.not_found");
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, *org_id, "clients.reveal", "client",
                                      std::to_string(id),
                                      R"({"read":["id_number","phone","household.contact"]})"));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return RevealedIdentifiers{(*loaded)->id_number, (*loaded)->phone, (*loaded)->household};
}

// --- at start-up --------------------------------------------------------------------

Result<std::int64_t> ClientService::EncryptStoredHouseholds() const {
  std::int64_t encrypted = 0;
  while (true) {
    auto tx = db_.Begin();
    if (!tx) return tx.error();
    auto rows = (*tx)->Query(kClearHouseholdsSql);
    if (!rows) return rows.error();
    if (rows->empty()) return encrypted;
    std::int64_t batch = 0;
    for (const auto& row : *rows) {
      const std::string text = row.Text(1);
      JIELI_ASSIGN_OR_RETURN(std::vector<HouseholdMember> household, HouseholdFromText(text));
      auto done = (*tx)->Execute(kEncryptHouseholdSql, {HouseholdEnc(household), row.Int(0), text});
      if (!done) return done.error();
      batch += *done;
    }
    JIELI_RETURN_IF_ERROR((*tx)->Commit());
    encrypted += batch;
    if (batch == 0) return encrypted;  // rows changed under us by a writer that encrypts
  }
}

// --- import -------------------------------------------------------------------------

Status ClientService::AnnotateImportDuplicates(store::Executor& db,
                                               const std::vector<std::int64_t>& readable,
                                               std::vector<ImportRow>& rows) const {
  std::map<std::string, std::vector<std::size_t>> by_index;  // blind index -> rows
  for (std::size_t i = 0; i < rows.size(); ++i) {
    const std::string& id_number = rows[i].input.id_number;
    bool id_issue = std::any_of(rows[i].issues.begin(), rows[i].issues.end(),
                                [](const FieldIssue& issue) { return issue.field == "id_number"; });
    if (!id_number.empty() && !id_issue) by_index[cipher_.BlindIndex(id_number)].push_back(i);
  }
  constexpr std::size_t kChunk = 200;
  std::vector<std::string> indexes;
  for (const auto& entry : by_index) indexes.push_back(entry.first);
  for (std::size_t start = 0; start < indexes.size(); start += kChunk) {
    std::size_t n = std::min(kChunk, indexes.size() - start);
    std::vector<store::Value> params(indexes.begin() + static_cast<std::ptrdiff_t>(start),
                                     indexes.begin() + static_cast<std::ptrdiff_t>(start + n));
    params.insert(params.end(), readable.begin(), readable.end());
    auto found =
        db.Query(kFirstClientsOfIdNumbersSql + auth::InList(n) + kFirstClientsOfIdNumbersOrgs +
                     auth::InList(readable.size()) + kFirstClientsOfIdNumbersGroup,
                 params);
    if (!found) return found.error();
    for (const auto& row : *found) {
      for (std::size_t i : by_index[row.Text(0)]) {
        rows[i].issues.push_back(
            {"id_number", "duplicate_id_number", {{"existing_id", std::to_string(row.Int(1))}}});
      }
    }
  }
  return Ok();
}

Result<ImportPreview> ClientService::PreviewImport(const auth::Actor& actor, std::int64_t org_id,
                                                   std::vector<ImportRow> rows) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsWrite, org_id, "orgs.not_found"));
  auto readable = actor.OrgsWhere(Permission::kClientsRead);
  if (!readable) return readable.error();
  JIELI_RETURN_IF_ERROR(AnnotateImportDuplicates(db_, *readable, rows));
  ImportPreview preview;
  for (const auto& row : rows) ++(row.issues.empty() ? preview.valid : preview.invalid);
  preview.rows = std::move(rows);
  return preview;
}

Result<std::vector<std::int64_t>> ClientService::CommitImport(const auth::Actor& actor,
                                                              std::int64_t org_id,
                                                              std::vector<ImportRow> rows) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsWrite, org_id, "orgs.not_found"));
  auto readable = actor.OrgsWhere(Permission::kClientsRead);
  if (!readable) return readable.error();
  auto tx = db_.Begin();
  if (!tx) return tx.error();
  JIELI_RETURN_IF_ERROR(AnnotateImportDuplicates(**tx, *readable, rows));
  auto invalid = std::count_if(rows.begin(), rows.end(),
                               [](const ImportRow& row) { return !row.issues.empty(); });
  if (invalid > 0) {
    Error error = InvalidError("clients.import_has_errors");
    error.WithParam("count", std::to_string(invalid));
    std::size_t listed = 0;
    for (const auto& row : rows) {
      for (const auto& issue : row.issues) {
        if (++listed > 200) break;
        error.WithDetail(
            {"rows[" + std::to_string(row.row) + "]." + issue.field, issue.code, issue.params});
      }
    }
    return error;
  }
  std::vector<std::int64_t> ids;
  ids.reserve(rows.size());
  for (const auto& row : rows) {
    JIELI_RETURN_IF_ERROR(CheckRegion(**tx, row.input.region_id));
    auto id = Insert(**tx, actor, org_id, row.input);
    if (!id) return id.error();
    ids.push_back(*id);
  }
  Json changes = {{"imported", {{"after", ids.size()}}},
                  {"first_id", {{"after", ids.empty() ? Json() : Json(ids.front())}}},
                  {"last_id", {{"after", ids.empty() ? Json() : Json(ids.back())}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, org_id, "clients.import", "organization",
                                      std::to_string(org_id), AuditText(changes)));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  return ids;
}

Result<std::vector<PhoneMatch>> ClientService::WithPhoneIndexes(
    const std::vector<std::string>& indexes, const std::vector<std::int64_t>& org_ids) const {
  std::vector<PhoneMatch> matches;
  if (indexes.empty() || org_ids.empty()) return matches;
  std::vector<store::Value> params(indexes.begin(), indexes.end());
  params.insert(params.end(), org_ids.begin(), org_ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kClientsByPhoneIndexSql) + auth::InList(indexes.size()) +
                               " AND org_id " + auth::InList(org_ids.size()) + " ORDER BY id",
                           params));
  for (const auto& row : rows)
    matches.push_back({row.Int(0), row.Text(1), row.Int(2), row.Text(3)});
  return matches;
}

Result<std::map<std::int64_t, std::string>> ClientService::Names(
    store::Executor& db, const std::set<std::int64_t>& ids) const {
  // In slices, so that a long list stays under the stores' parameter limits.
  constexpr std::size_t kSlice = 500;
  std::map<std::int64_t, std::string> names;
  std::vector<store::Value> params;
  auto flush = [&]() -> Status {
    if (params.empty()) return Ok();
    JIELI_ASSIGN_OR_RETURN(
        auto rows, db.Query(std::string(kClientNamesSql) + auth::InList(params.size()), params));
    for (const auto& row : rows) names[row.Int(0)] = row.Text(1);
    params.clear();
    return Ok();
  };
  for (std::int64_t id : ids) {
    params.emplace_back(id);
    if (params.size() == kSlice) JIELI_RETURN_IF_ERROR(flush());
  }
  JIELI_RETURN_IF_ERROR(flush());
  return names;
}

Result<std::vector<std::pair<std::int64_t, std::string>>> ClientService::FirstClientsOf(
    std::int64_t org_id, std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(kFirstClientsOfOrgSql, {org_id, limit}));
  std::vector<std::pair<std::int64_t, std::string>> clients;
  for (const auto& row : rows) clients.emplace_back(row.Int(0), row.Text(1));
  return clients;
}

}  // namespace jieli::clients
