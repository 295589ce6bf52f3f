#include "modules/feedback/intake_service.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/mask.hpp"
#include "core/text.hpp"
#include "modules/clients/client_rules.hpp"
#include "modules/feedback/feedback_sql.hpp"
#include "modules/feedback/reference.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/sort_order.hpp"

namespace jieli::feedback {
namespace {

using auth::Permission;
using Json = nlohmann::json;

constexpr std::size_t kMaxKnownClients = 5;

const modules::SortOrders& IntakeSorts() {
  static const modules::SortOrders kSorts(
      {{"-received_at", "r.received_at DESC, r.id DESC"},
       {"received_at", "r.received_at, r.id"},
       {"preferred_date", "(r.preferred_date IS NULL), r.preferred_date, r.received_at, r.id"}});
  return kSorts;
}

std::vector<IntakeAction> ActionsOf(const IntakeRequest& r, bool handle, bool reveal) {
  std::vector<IntakeAction> actions;
  if (handle && r.state == IntakeState::kNew) {
    actions.push_back(r.org ? IntakeAction::kAccept : IntakeAction::kAssign);
    actions.push_back(IntakeAction::kDecline);
  }
  if (reveal) actions.push_back(IntakeAction::kReveal);
  return actions;
}

// Tells holders that request id (reference, name) waits in org_id's queue; each once.
Status TellOfRequest(const notifications::NotificationService& notifications,
                     store::Transaction& tx, const std::vector<orgs::RoleHolder>& holders,
                     std::int64_t id, std::int64_t org_id, const std::string& reference,
                     const std::string& name) {
  std::set<std::int64_t> people;
  for (const auto& holder : holders) people.insert(holder.user_id);
  if (people.empty()) return Ok();
  notifications::NewNotification told;
  told.kind = "intake_request_received";
  told.org_id = org_id;
  told.subject_type = "intake_request";
  told.subject_id = id;
  told.params = DumpJson({{"request_id", id}, {"reference", reference}, {"name", name}});
  told.dedupe_key = "intake:" + std::to_string(id) + ":received:" + std::to_string(org_id);
  JIELI_ASSIGN_OR_RETURN(
      auto sent,
      notifications.Send(tx, std::vector<std::int64_t>(people.begin(), people.end()), told));
  (void)sent;
  return Ok();
}

// A booking that lets the city choose waits in the city's queue: its
// operators (接线员 at a top organisation, a bureau with nothing above it) are told.
Status TellCity(const notifications::NotificationService& notifications, store::Transaction& tx,
                std::int64_t id, const std::string& reference, const std::string& name) {
  orgs::OrgTree tree(tx);
  JIELI_ASSIGN_OR_RETURN(auto bureaus, tree.ActiveOfKind(orgs::OrgKind::kBureau));
  for (std::int64_t bureau : bureaus) {
    JIELI_ASSIGN_OR_RETURN(auto above, tree.Above(bureau));
    if (above.size() != 1) continue;  // itself only: the top
    JIELI_ASSIGN_OR_RETURN(auto operators, tree.HoldersAbove(bureau, {orgs::Role::kOperator}));
    JIELI_RETURN_IF_ERROR(TellOfRequest(notifications, tx, operators, id, bureau, reference, name));
  }
  return Ok();
}

}  // namespace

Result<bool> IsPublicAgency(store::Executor& db, std::int64_t org_id) {
  JIELI_ASSIGN_OR_RETURN(auto agencies, orgs::OrgTree(db).ActiveOfKind(orgs::OrgKind::kAgency));
  return std::find(agencies.begin(), agencies.end(), org_id) != agencies.end();
}

// --- public ----------------------------------------------------------------------------

Result<std::vector<PublicAgency>> IntakeService::PublicAgencies() const {
  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto ids, tree.ActiveOfKind(orgs::OrgKind::kAgency));
  const std::set<std::int64_t> id_set(ids.begin(), ids.end());
  JIELI_ASSIGN_OR_RETURN(auto names, tree.OrgNames(id_set));
  JIELI_ASSIGN_OR_RETURN(auto regions, tree.OrgRegions(id_set));
  std::set<std::int64_t> region_ids;
  for (const auto& [org, region] : regions) region_ids.insert(region);
  JIELI_ASSIGN_OR_RETURN(auto region_names, tree.RegionNames(region_ids));
  std::vector<PublicAgency> agencies;
  agencies.reserve(ids.size());
  for (std::int64_t id : ids) {
    std::optional<std::string> district;
    if (auto region = regions.find(id); region != regions.end()) {
      district = region_names[region->second];
    }
    agencies.push_back({id, names[id], district});
  }
  std::sort(agencies.begin(), agencies.end(), [](const PublicAgency& a, const PublicAgency& b) {
    return a.name != b.name ? a.name < b.name : a.id < b.id;
  });
  return agencies;
}

Status IntakeService::CheckPublicAgency(std::int64_t org_id, const char* field) const {
  JIELI_ASSIGN_OR_RETURN(bool agency, IsPublicAgency(db_, org_id));
  if (!agency) return ValidationFailed({{field, "not_found"}});
  return Ok();
}

Result<std::string> IntakeService::Book(BookingInput input) const {
  const EpochMs now = clock_.Now();
  // "138 0000 1111" as people write it is the number 13800001111.
  std::erase_if(input.phone, [](char c) { return c == ' ' || c == '\t'; });
  auto issues = CheckBooking(input, LocalDateOf(now));
  if (input.org_id) {
    JIELI_ASSIGN_OR_RETURN(bool agency, IsPublicAgency(db_, *input.org_id));
    if (!agency) issues.push_back({"org_id", "not_found"});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  const std::string phone = Trim(input.phone);
  const store::Value phone_enc = store::Blob{cipher_.Encrypt(phone)};
  const std::string phone_index = cipher_.BlindIndex(clients::NormalizePhoneForIndex(phone));
  return StoreUnderNewReference([&](const std::string& reference) -> Status {
    JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    JIELI_ASSIGN_OR_RETURN(
        auto inserted,
        tx->QueryOne(kIntakeInsertSql,
                     {reference, store::OrNull(input.org_id), input.name, phone_enc,
                      MaskPhone(phone), phone_index, input.need_category, input.need,
                      input.preferred_date ? store::Value(*input.preferred_date) : store::Null(),
                      std::string(ToString(input.preferred_slot)), now}));
    const std::int64_t id = inserted ? inserted->Int(0) : 0;
    if (input.org_id) {
      JIELI_RETURN_IF_ERROR(TellAgency(*tx, id, *input.org_id, reference, input.name));
    } else {
      JIELI_RETURN_IF_ERROR(TellCity(notifications_, *tx, id, reference, input.name));
    }
    return tx->Commit();
  });
}

Status IntakeService::TellAgency(store::Transaction& tx, std::int64_t id, std::int64_t org_id,
                                 const std::string& reference, const std::string& name) const {
  JIELI_ASSIGN_OR_RETURN(auto holders, orgs::OrgTree(tx).HoldersAbove(
                                           org_id, {orgs::Role::kSupervisor, orgs::Role::kLeader}));
  return TellOfRequest(notifications_, tx, holders, id, org_id, reference, name);
}

// --- reading ---------------------------------------------------------------------------

Result<bool> IntakeService::IsCityOperator(const auth::Actor& actor) const {
  // A membership at the top of the tree (nothing above it) that reads clients.
  orgs::OrgTree tree(db_);
  for (const auto& membership : actor.memberships()) {
    if (!actor.Can(Permission::kClientsRead, membership.org_id)) continue;
    JIELI_ASSIGN_OR_RETURN(auto above, tree.Above(membership.org_id));
    if (above.size() == 1) return true;
  }
  return actor.is_system();
}

Result<IntakeService::Access> IntakeService::AccessTo(const auth::Actor& actor,
                                                      std::optional<std::int64_t> org_id) const {
  if (org_id) {
    return Access{actor.Can(Permission::kClientsRead, *org_id),
                  actor.Can(Permission::kClientsWrite, *org_id),
                  actor.Can(Permission::kClientsReveal, *org_id)};
  }
  JIELI_ASSIGN_OR_RETURN(bool city, IsCityOperator(actor));
  return Access{city, city, city};
}

Result<std::vector<IntakeRequest>> IntakeService::Load(
    const auth::Actor& actor, const std::string& where,
    const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kIntakeSelect) + where, params));
  std::vector<IntakeRequest> requests;
  std::vector<std::string> phone_indexes;
  std::set<std::int64_t> people, orgs;
  for (const auto& row : rows) {
    IntakeRequest r;
    r.id = row.Int(0);
    r.reference = row.Text(1);
    if (auto org = row.OptInt(2)) {
      r.org = IntakePerson{*org, ""};
      orgs.insert(*org);
    }
    r.channel = row.Text(3);
    r.name = row.Text(4);
    r.phone = row.Text(5);
    phone_indexes.push_back(row.Text(6));
    r.need_category = row.Text(7);
    r.need = row.Text(8);
    r.preferred_date = row.OptText(9);
    r.preferred_slot = ParseDaySlot(row.Text(10)).value_or(DaySlot::kAny);
    r.state = ParseIntakeState(row.Text(11)).value_or(IntakeState::kNew);
    r.received_at = row.Int(12);
    if (auto by = row.OptInt(13)) {
      r.handled_by = IntakePerson{*by, ""};
      people.insert(*by);
    }
    r.handled_at = row.OptInt(14);
    r.case_id = row.OptInt(15);
    r.client_id = row.OptInt(16);
    if (auto reason = row.OptText(17)) r.decline_reason = ParseDeclineReason(*reason);
    r.decline_note = row.Text(18);
    r.version = row.Int(19);
    requests.push_back(std::move(r));
  }
  if (requests.empty()) return requests;

  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto names, tree.DisplayNames(people));
  JIELI_ASSIGN_OR_RETURN(auto org_names, tree.OrgNames(orgs));
  // The clients with the same phone the caller may read, and the other requests still new.
  std::set<std::string> distinct(phone_indexes.begin(), phone_indexes.end());
  std::vector<store::Value> index_params(distinct.begin(), distinct.end());
  std::map<std::string, std::vector<KnownClient>> known;
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(auto matches,
                         clients_.WithPhoneIndexes(
                             std::vector<std::string>(distinct.begin(), distinct.end()), readable));
  std::set<std::int64_t> match_orgs;
  for (const auto& match : matches) match_orgs.insert(match.org_id);
  JIELI_ASSIGN_OR_RETURN(auto match_org_names, tree.OrgNames(match_orgs));
  for (const auto& match : matches) {
    auto& list = known[match.phone_index];
    if (list.size() < kMaxKnownClients) {
      list.push_back({match.id, match.name, match_org_names[match.org_id]});
    }
  }
  // Counted among the requests the caller sees only: another agency's are its own business.
  JIELI_ASSIGN_OR_RETURN(bool city, IsCityOperator(actor));
  std::vector<store::Value> pending_params = index_params;
  pending_params.insert(pending_params.end(), readable.begin(), readable.end());
  JIELI_ASSIGN_OR_RETURN(
      auto pending,
      db_.Query(std::string(kNewRequestsByPhoneSql) + auth::InList(index_params.size()) +
                    " AND (org_id " + auth::InList(readable.size()) +
                    (city ? " OR org_id IS NULL" : "") + ") GROUP BY phone_index",
                pending_params));
  std::map<std::string, std::int64_t> new_requests;
  for (const auto& row : pending) new_requests[row.Text(0)] = row.Int(1);

  for (std::size_t i = 0; i < requests.size(); ++i) {
    auto& r = requests[i];
    if (r.org) r.org->name = org_names[r.org->id];
    if (r.handled_by) r.handled_by->name = names[r.handled_by->id];
    r.known_clients = known[phone_indexes[i]];
    r.other_requests = new_requests[phone_indexes[i]] - (r.state == IntakeState::kNew ? 1 : 0);
    // As AccessTo, with the city's part worked out once for the page.
    const Access access = r.org ? Access{true, actor.Can(Permission::kClientsWrite, r.org->id),
                                         actor.Can(Permission::kClientsReveal, r.org->id)}
                                : Access{city, city, city};
    r.actions = ActionsOf(r, access.handle, access.reveal);
  }
  return requests;
}

Result<IntakeRequest> IntakeService::LoadVisible(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, Load(actor, " WHERE r.id = ?", {id}));
  if (found.empty()) return NotFoundError("intake.not_found");
  IntakeRequest r = std::move(found.front());
  if (r.org && !actor.CanSee(r.org->id)) return NotFoundError("intake.not_found");
  JIELI_ASSIGN_OR_RETURN(Access access,
                         AccessTo(actor, r.org ? std::optional(r.org->id) : std::nullopt));
  if (!access.see) {
    if (r.org) return ForbiddenError();  // in scope, without clients.read there
    return NotFoundError("intake.not_found");
  }
  return r;
}

Result<IntakeRequest> IntakeService::Get(const auth::Actor& actor, std::int64_t id) const {
  return LoadVisible(actor, id);
}

Result<Page<IntakeRequest>> IntakeService::List(const auth::Actor& actor,
                                                const IntakeFilter& filter, std::int64_t offset,
                                                std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(std::string order, IntakeSorts().OrderBy(filter.sort));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(bool city, IsCityOperator(actor));
  if (readable.empty() && !city) return ForbiddenError();
  std::vector<store::Value> params(readable.begin(), readable.end());
  std::string where = " WHERE (r.org_id " + auth::InList(readable.size());
  if (city) where += " OR r.org_id IS NULL";
  where += ")";
  if (filter.city) where += " AND r.org_id IS NULL";
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("orgs.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*filter.org_id));
    where += " AND r.org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  if (filter.state) {
    where += " AND r.state = ?";
    params.emplace_back(std::string(ToString(*filter.state)));
  }
  if (filter.from) {
    where += " AND r.received_at >= ?";
    params.emplace_back(StartOfLocalDay(*filter.from));
  }
  if (filter.to) {
    where += " AND r.received_at < ?";
    params.emplace_back(StartOfLocalDay(AddDays(*filter.to, 1)));
  }
  Page<IntakeRequest> page;
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kIntakeCount) + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(page.items,
                         Load(actor, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params));
  return page;
}

// --- handling --------------------------------------------------------------------------

Status IntakeService::Settle(store::Transaction& tx, const IntakeRequest& request,
                             std::int64_t version, const std::string& set,
                             std::vector<store::Value> params) const {
  params.emplace_back(request.id);
  params.emplace_back(version);
  JIELI_ASSIGN_OR_RETURN(auto changed,
                         tx.Execute("UPDATE intake_requests SET " + set +
                                        ", version = version + 1 WHERE id = ? AND version = ? "
                                        "AND state = 'new'",
                                    params));
  if (changed == 0) return ConflictError("intake.changed");
  return Ok();
}

Result<Accepted> IntakeService::Accept(const auth::Actor& actor, std::int64_t id,
                                       const AcceptInput& input) const {
  JIELI_ASSIGN_OR_RETURN(IntakeRequest request, LoadVisible(actor, id));
  if (!request.org) return ConflictError("intake.unassigned");
  const std::int64_t agency = request.org->id;
  if (!actor.Can(Permission::kClientsWrite, agency)) return ForbiddenError();
  if (request.state != IntakeState::kNew) return ConflictError("intake.handled");
  if (request.version != input.version) return ConflictError("intake.changed");

  std::vector<FieldIssue> issues;
  if (input.client_id) {
    auto client = clients_.GetSummary(actor, *input.client_id);
    if (!client) {
      if (client.error().kind() != ErrorKind::kNotFound) return client.error();
      issues.push_back({"client_id", "not_found"});
    } else if (!actor.Can(Permission::kClientsWrite, client->org_id)) {
      issues.push_back({"client_id", "not_found"});
    }
  }
  const std::int64_t register_in = input.org_id.value_or(agency);
  if (!input.client_id) {
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(agency));
    if (std::find(below.begin(), below.end(), register_in) == below.end() ||
        !actor.Can(Permission::kClientsWrite, register_in)) {
      issues.push_back({"org_id", "not_found"});
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  // Claimed first, so that two people accepting at once cannot both open a case.
  const EpochMs now = clock_.Now();
  {
    JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    JIELI_RETURN_IF_ERROR(Settle(*tx, request, input.version,
                                 "state = 'accepted', handled_by = ?, handled_at = ?",
                                 {actor.user_id(), now}));
    JIELI_RETURN_IF_ERROR(tx->Commit());
  }
  auto release = [&](Error error) -> Error {
    // Back in the queue as it was: the case was not opened.
    auto undone = db_.Execute(
        "UPDATE intake_requests SET state = 'new', handled_by = NULL, handled_at = NULL, "
        "version = version + 1 WHERE id = ? AND state = 'accepted' AND case_id IS NULL",
        {id});
    (void)undone;
    return error;
  };

  std::int64_t client_id = input.client_id.value_or(0);
  if (!input.client_id) {
    clients::ClientInput client;
    client.name = request.name;
    JIELI_ASSIGN_OR_RETURN(auto phone, RevealStored(id));
    client.phone = phone;
    if (auto category = clients::ParseCategory(request.need_category)) {
      client.categories.push_back(*category);
    }
    // The handler has seen the clients with the same phone (known_clients) and chose a new one.
    auto created = clients_.Create(actor, register_in, client, /*confirm_not_duplicate=*/true);
    if (!created) return release(created.error());
    client_id = created->id;
  }
  cases::CaseInput opened;
  opened.client_id = client_id;
  opened.primary_worker_id = input.primary_worker_id;
  auto c = cases_.Open(actor, opened);
  if (!c) return release(c.error());
  // The intake form starts from what the citizen wrote; a form an agency has
  // changed so that this no longer fits stays empty rather than failing the
  // accepted case.
  auto prefilled = cases_.SaveStage(actor, c->id, cases::Stage::kIntake,
                                    {{"source", "booking"}, {"presenting_problem", request.need}},
                                    /*draft=*/true);
  (void)prefilled;

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(
      "UPDATE intake_requests SET case_id = ?, client_id = ?, version = version + 1 WHERE id = ?",
      {c->id, client_id, id}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, agency, "intake.accept", "intake_request", std::to_string(id),
      DumpJson(
          {{"request",
            {{"after", {{"state", "accepted"}, {"case_id", c->id}, {"client_id", client_id}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  JIELI_ASSIGN_OR_RETURN(IntakeRequest after, LoadVisible(actor, id));
  return Accepted{std::move(after), c->id, client_id};
}

Result<IntakeRequest> IntakeService::Decline(const auth::Actor& actor, std::int64_t id,
                                             std::int64_t version, DeclineReason reason,
                                             const std::string& note) const {
  JIELI_ASSIGN_OR_RETURN(IntakeRequest request, LoadVisible(actor, id));
  JIELI_ASSIGN_OR_RETURN(
      Access access, AccessTo(actor, request.org ? std::optional(request.org->id) : std::nullopt));
  if (!access.handle) return ForbiddenError();
  if (request.state != IntakeState::kNew) return ConflictError("intake.handled");
  if (request.version != version) return ConflictError("intake.changed");
  auto issues = CheckDecline(reason, note);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(
      Settle(*tx, request, version,
             "state = 'declined', handled_by = ?, handled_at = ?, "
             "decline_reason = ?, decline_note = ?",
             {actor.user_id(), clock_.Now(), std::string(ToString(reason)), note}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, request.org ? std::optional(request.org->id) : std::nullopt, "intake.decline",
      "intake_request", std::to_string(id),
      DumpJson({{"request", {{"after", {{"state", "declined"}, {"reason", ToString(reason)}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return LoadVisible(actor, id);
}

Result<IntakeRequest> IntakeService::Assign(const auth::Actor& actor, std::int64_t id,
                                            std::int64_t version, std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(IntakeRequest request, LoadVisible(actor, id));
  if (request.org) return ConflictError("intake.assigned");
  JIELI_ASSIGN_OR_RETURN(bool city, IsCityOperator(actor));
  if (!city) return ForbiddenError();
  if (request.state != IntakeState::kNew) return ConflictError("intake.handled");
  if (request.version != version) return ConflictError("intake.changed");
  JIELI_RETURN_IF_ERROR(CheckPublicAgency(org_id, "org_id"));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto changed, tx->Execute("UPDATE intake_requests SET org_id = ?, version = version + 1 "
                                "WHERE id = ? AND version = ? AND state = 'new' AND org_id IS NULL",
                                {org_id, id, version}));
  if (changed == 0) return ConflictError("intake.changed");
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, org_id, "intake.assign", "intake_request",
                                      std::to_string(id),
                                      DumpJson({{"request", {{"after", {{"org_id", org_id}}}}}})));
  JIELI_RETURN_IF_ERROR(TellAgency(*tx, id, org_id, request.reference, request.name));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  // The city's operator may no longer see it once it is the agency's: say
  // where it went all the same.
  auto after = LoadVisible(actor, id);
  if (after) return after;
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).OrgNames({org_id}));
  request.org = IntakePerson{org_id, names[org_id]};
  request.version += 1;
  request.actions.clear();
  return request;
}

Result<std::string> IntakeService::RevealStored(std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(kIntakePhoneSql, {id}));
  if (!row) return NotFoundError("intake.not_found");
  return cipher_.Decrypt(row->Text(0));
}

Result<std::string> IntakeService::RevealPhone(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(IntakeRequest request, LoadVisible(actor, id));
  JIELI_ASSIGN_OR_RETURN(
      Access access, AccessTo(actor, request.org ? std::optional(request.org->id) : std::nullopt));
  if (!access.reveal) return ForbiddenError();
  JIELI_ASSIGN_OR_RETURN(std::string phone, RevealStored(id));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor,
                                      request.org ? std::optional(request.org->id) : std::nullopt,
                                      "intake.reveal_phone", "intake_request", std::to_string(id)));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return phone;
}

}  // namespace jieli::feedback
