// FeedbackService: complaints, suggestions and praise (投诉建议) — receiving
// them with their clocks, handling them through their states, assigning,
// turning them into improvement cycles, the agencies' deadlines and the
// escalation of missed ones.
#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/mask.hpp"
#include "core/text.hpp"
#include "modules/feedback/feedback_service.hpp"
#include "modules/feedback/feedback_sql.hpp"
#include "modules/feedback/intake_service.hpp"
#include "modules/feedback/reference.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/sort_order.hpp"

namespace jieli::feedback {
namespace {

using auth::Permission;
using Json = nlohmann::json;

constexpr EpochMs kDayMs = 24LL * 3600 * 1000;
// How far ahead the calendar is read for a new clock: 60 working days and the
// holidays among them fit in well under a year.
constexpr int kCalendarDaysAhead = 200;
// A complaint typed up late (a letter) may be dated back this far.
constexpr int kMaxReceivedAgeDays = 366;
constexpr EpochMs kClockSkewMs = 10LL * 60 * 1000;

// The deadline running now, in SQL: acknowledge until acknowledged, then resolve.
constexpr const char* kRunningDue =
    "(CASE WHEN c.state = 'received' THEN c.acknowledge_due "
    "WHEN c.state = 'acknowledged' THEN c.resolve_due END)";

const modules::SortOrders& ComplaintSorts() {
  static const modules::SortOrders kSorts(
      {{"-received_at", "c.received_at DESC, c.id DESC"},
       {"received_at", "c.received_at, c.id"},
       {"due", std::string("(") + kRunningDue + " IS NULL), " + kRunningDue + ", c.id"}});
  return kSorts;
}

// The first max code points of text.
std::string FirstChars(const std::string& text, std::size_t max) {
  std::string out;
  std::size_t n = 0;
  for (auto piece : SplitCodePoints(text)) {
    if (n++ == max) break;
    out += piece;
  }
  return out;
}

ComplaintTimes TimesOf(const Complaint& c) { return {c.kind, c.state, c.received_at, c.clock}; }

}  // namespace

// --- reading -----------------------------------------------------------------------

Result<std::vector<Complaint>> FeedbackService::LoadComplaints(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kComplaintSelect) + where, params));
  std::vector<Complaint> complaints;
  std::set<std::int64_t> people, orgs, clients;
  std::map<std::int64_t, std::size_t> index;
  std::vector<store::Value> ids;
  for (const auto& row : rows) {
    Complaint c;
    c.id = row.Int(0);
    c.org.id = row.Int(1);
    c.kind = ParseFeedbackKind(row.Text(2)).value_or(FeedbackKind::kComplaint);
    c.category = ParseComplaintCategory(row.Text(3)).value_or(ComplaintCategory::kOther);
    c.channel = ParseChannel(row.Text(4)).value_or(Channel::kPhone);
    c.severity = ParseSeverity(row.Text(5)).value_or(Severity::kNormal);
    c.state = ParseComplaintState(row.Text(6)).value_or(ComplaintState::kReceived);
    c.subject = row.Text(7);
    c.details = row.Text(8);
    c.complainant_name = row.Text(9);
    c.complainant_contact = row.Text(10);
    if (auto client = row.OptInt(11)) {
      c.client = Person{*client, ""};
      clients.insert(*client);
    }
    c.case_id = row.OptInt(12);
    if (auto concerned = row.OptInt(13)) {
      c.worker_concerned = Person{*concerned, ""};
      people.insert(*concerned);
    }
    if (auto handler = row.OptInt(14)) {
      c.handler = Person{*handler, ""};
      people.insert(*handler);
    }
    c.received_by.id = row.Int(15);
    people.insert(c.received_by.id);
    c.received_at = row.Int(16);
    c.clock.acknowledge_due = row.OptInt(17);
    c.clock.resolve_due = row.OptInt(18);
    c.acknowledged_at = row.OptInt(19);
    c.resolved_at = row.OptInt(20);
    c.closed_at = row.OptInt(21);
    c.resolution = row.Text(22);
    c.cause = row.Text(23);
    if (auto satisfaction = row.OptText(24))
      c.satisfaction = ParseHandlingSatisfaction(*satisfaction);
    c.escalation = static_cast<EscalationLevel>(std::clamp<std::int64_t>(row.Int(25), 0, 2));
    c.improvement_id = row.OptInt(26);
    c.version = row.Int(27);
    c.public_reference = row.OptText(28);
    orgs.insert(c.org.id);
    index[c.id] = complaints.size();
    ids.emplace_back(c.id);
    complaints.push_back(std::move(c));
  }
  if (complaints.empty()) return complaints;
  JIELI_ASSIGN_OR_RETURN(auto events, db.Query(std::string(kComplaintEventsOfSql) +
                                                   auth::InList(ids.size()) + " ORDER BY id",
                                               ids));
  for (const auto& row : events) {
    const std::int64_t by = row.Int(3);
    people.insert(by);
    complaints[index.at(row.Int(0))].history.push_back(
        {row.Text(1), row.Int(2), Person{by, ""}, row.Text(4)});
  }
  orgs::OrgTree tree(db);
  JIELI_ASSIGN_OR_RETURN(auto names, tree.DisplayNames(people));
  JIELI_ASSIGN_OR_RETURN(auto org_names, tree.OrgNames(orgs));
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db, clients));
  for (auto& c : complaints) {
    c.org.name = org_names[c.org.id];
    c.received_by.name = names[c.received_by.id];
    if (c.client) c.client->name = client_names[c.client->id];
    if (c.worker_concerned) c.worker_concerned->name = names[c.worker_concerned->id];
    if (c.handler) c.handler->name = names[c.handler->id];
    for (auto& e : c.history) e.by.name = names[e.by.id];
  }
  return complaints;
}

bool FeedbackService::MayActOn(const auth::Actor& actor, const Complaint& c) const {
  const std::int64_t me = actor.user_id();
  if (c.worker_concerned && c.worker_concerned->id == me) return false;
  return (c.handler && c.handler->id == me) || actor.Can(Permission::kQualityManage, c.org.id);
}

std::vector<ComplaintAction> FeedbackService::ActionsFor(const auth::Actor& actor,
                                                         const Complaint& c) const {
  std::vector<ComplaintAction> actions;
  if (!MayActOn(actor, c)) return actions;
  for (const auto& name : ComplaintActionNames()) {
    const auto action = *ParseComplaintAction(name);
    if (NextState(c.state, action)) actions.push_back(action);
  }
  return actions;
}

Result<Complaint> FeedbackService::VisibleComplaint(const auth::Actor& actor,
                                                    std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadComplaints(db_, " WHERE c.id = ?", {id}));
  if (found.empty()) return NotFoundError("feedback.complaint_not_found");
  Complaint c = std::move(found.front());
  const std::int64_t me = actor.user_id();
  const bool named = (c.handler && c.handler->id == me) || c.received_by.id == me;
  if (!actor.CanSee(c.org.id) || !(named || actor.Can(Permission::kQualityManage, c.org.id))) {
    return NotFoundError("feedback.complaint_not_found");
  }
  c.actions = ActionsFor(actor, c);
  return c;
}

Result<Complaint> FeedbackService::GetComplaint(const auth::Actor& actor, std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  return VisibleComplaint(actor, id);
}

Result<Page<Complaint>> FeedbackService::ListComplaints(const auth::Actor& actor,
                                                        const ComplaintFilter& filter,
                                                        std::int64_t offset,
                                                        std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(std::string order, ComplaintSorts().OrderBy(filter.sort));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(auto managed, actor.OrgsWhere(Permission::kQualityManage));
  std::vector<store::Value> params(readable.begin(), readable.end());
  std::string where = " WHERE c.org_id " + auth::InList(readable.size()) + " AND (";
  if (!managed.empty()) {
    where += "c.org_id " + auth::InList(managed.size()) + " OR ";
    params.insert(params.end(), managed.begin(), managed.end());
  }
  where += "c.handler_id = ? OR c.received_by = ?)";
  params.emplace_back(actor.user_id());
  params.emplace_back(actor.user_id());
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("orgs.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*filter.org_id));
    where += " AND c.org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  if (filter.mine) {
    where += " AND c.handler_id = ?";
    params.emplace_back(actor.user_id());
  }
  if (filter.state) {
    where += " AND c.state = ?";
    params.emplace_back(std::string(ToString(*filter.state)));
  }
  if (filter.kind) {
    where += " AND c.kind = ?";
    params.emplace_back(std::string(ToString(*filter.kind)));
  }
  if (filter.from) {
    where += " AND c.received_at >= ?";
    params.emplace_back(StartOfLocalDay(*filter.from));
  }
  if (filter.to) {
    where += " AND c.received_at < ?";
    params.emplace_back(StartOfLocalDay(AddDays(*filter.to, 1)));
  }
  if (filter.colour) {
    const EpochMs now = clock_.Now();
    const std::string due = kRunningDue;
    switch (*filter.colour) {
      case ClockColour::kNone:
        where += " AND " + due + " IS NULL";
        break;
      case ClockColour::kRed:
        where += " AND " + due + " <= ?";
        params.emplace_back(now);
        break;
      case ClockColour::kYellow:
        where += " AND " + due + " > ? AND " + due + " <= ?";
        params.emplace_back(now);
        params.emplace_back(now + kDayMs);
        break;
      case ClockColour::kGreen:
        where += " AND " + due + " > ?";
        params.emplace_back(now + kDayMs);
        break;
    }
  }
  Page<Complaint> page;
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kComplaintCount) + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items, LoadComplaints(db_, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params));
  for (auto& c : page.items) c.actions = ActionsFor(actor, c);
  return page;
}

// --- policy --------------------------------------------------------------------------

Result<EffectivePolicy> FeedbackService::NearestPolicy(store::Executor& db,
                                                       std::int64_t org_id) const {
  orgs::OrgTree tree(db);
  JIELI_ASSIGN_OR_RETURN(auto above, tree.Above(org_id));
  std::vector<store::Value> params(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db.Query(std::string(kPoliciesOfSql) + auth::InList(params.size()), params));
  std::map<std::int64_t, ComplaintPolicy> by_org;
  for (const auto& row : rows) {
    by_org[row.Int(0)] = {static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2)),
                          static_cast<int>(row.Int(3))};
  }
  EffectivePolicy answer;
  answer.org_id = org_id;
  for (std::int64_t org : above) {  // nearest first
    auto found = by_org.find(org);
    if (found == by_org.end()) continue;
    answer.policy = found->second;
    if (org != org_id) {
      JIELI_ASSIGN_OR_RETURN(auto names, tree.OrgNames({org}));
      answer.inherited_from = Person{org, names[org]};
    }
    break;
  }
  return answer;
}

Result<ComplaintPolicy> FeedbackService::PolicyAt(store::Executor& db, std::int64_t org_id) const {
  JIELI_ASSIGN_OR_RETURN(auto nearest, NearestPolicy(db, org_id));
  return nearest.policy;
}

Result<EffectivePolicy> FeedbackService::PolicyOf(const auth::Actor& actor,
                                                  std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsRead, org_id));
  return NearestPolicy(db_, org_id);
}

Result<EffectivePolicy> FeedbackService::SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                                   const ComplaintPolicy& policy) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, org_id));
  auto issues = CheckPolicy(policy);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(
      tx->Execute(kPolicyUpsertSql,
                  {org_id, std::int64_t{policy.acknowledge_days}, std::int64_t{policy.resolve_days},
                   std::int64_t{policy.leader_after_days}, actor.user_id(), clock_.Now()}));
  JIELI_RETURN_IF_ERROR(
      audit_.Record(*tx, actor, org_id, "feedback.set_complaint_policy", "complaint_policy",
                    std::to_string(org_id),
                    DumpJson({{"policy",
                               {{"after",
                                 {{"acknowledge_days", policy.acknowledge_days},
                                  {"resolve_days", policy.resolve_days},
                                  {"leader_after_days", policy.leader_after_days}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return PolicyOf(actor, org_id);
}

// --- receiving, handling ---------------------------------------------------------------

Result<bool> FeedbackService::IsStaffAt(store::Executor& db, std::int64_t user_id,
                                        std::int64_t org_id) const {
  return quality::BelongsTo(db, user_id, org_id);
}

Result<std::int64_t> FeedbackService::DefaultHandler(store::Executor& db, std::int64_t org_id,
                                                     std::optional<std::int64_t> worker_concerned,
                                                     std::int64_t receiver) const {
  JIELI_ASSIGN_OR_RETURN(auto holders,
                         orgs::OrgTree(db).HoldersAbove(org_id, {orgs::Role::kSupervisor}));
  for (const auto& holder : holders) {
    if (MayHandle(holder.user_id, worker_concerned)) return holder.user_id;
  }
  return receiver;
}

Status FeedbackService::AddComplaintEvent(store::Executor& tx, std::int64_t complaint_id,
                                          std::string_view action, std::int64_t by,
                                          const std::string& note) const {
  JIELI_ASSIGN_OR_RETURN(auto inserted,
                         tx.Execute(kComplaintEventInsertSql,
                                    {complaint_id, std::string(action), clock_.Now(), by, note}));
  (void)inserted;
  return Ok();
}

Status FeedbackService::TellHandler(store::Transaction& tx, std::int64_t complaint_id,
                                    std::int64_t org_id, const std::string& subject,
                                    std::int64_t handler) const {
  notifications::NewNotification told;
  told.kind = "complaint_assigned";
  told.org_id = org_id;
  told.subject_type = "complaint";
  told.subject_id = complaint_id;
  told.params = DumpJson({{"complaint_id", complaint_id}, {"subject", subject}});
  told.dedupe_key =
      "complaint:" + std::to_string(complaint_id) + ":assigned:" + std::to_string(handler);
  JIELI_ASSIGN_OR_RETURN(auto sent, notifications_.Send(tx, {handler}, told));
  (void)sent;
  return Ok();
}

Result<Complaint> FeedbackService::ReceiveComplaint(const auth::Actor& actor,
                                                    const ComplaintInput& input) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsRead, input.org_id));
  const EpochMs now = clock_.Now();
  const EpochMs received = input.received_at.value_or(now);
  std::vector<FieldIssue> issues;
  if (IsBlank(input.subject)) issues.push_back({"subject", "required"});
  if (received > now + kClockSkewMs) issues.push_back({"received_at", "date_in_future"});
  if (received < now - kMaxReceivedAgeDays * kDayMs) {
    issues.push_back({"received_at", "too_old", {{"days", std::to_string(kMaxReceivedAgeDays)}}});
  }
  if (input.client_id) {
    auto client = clients_.GetSummary(actor, *input.client_id);
    if (!client) {
      if (client.error().kind() != ErrorKind::kNotFound) return client.error();
      issues.push_back({"client_id", "not_found"});
    }
  }
  if (input.case_id) {
    auto c = cases_.Get(actor, *input.case_id);
    if (!c) {
      if (c.error().kind() != ErrorKind::kNotFound) return c.error();
      issues.push_back({"case_id", "not_found"});
    } else if (input.client_id && c->client_id != *input.client_id) {
      issues.push_back({"case_id", "case_of_other_client"});
    }
  }
  if (input.worker_concerned_id) {
    JIELI_ASSIGN_OR_RETURN(bool staff, IsStaffAt(db_, *input.worker_concerned_id, input.org_id));
    if (!staff) issues.push_back({"worker_concerned_id", "not_member"});
  }
  std::int64_t handler = 0;
  if (input.handler_id) {
    JIELI_ASSIGN_OR_RETURN(bool staff, IsStaffAt(db_, *input.handler_id, input.org_id));
    if (!staff) {
      issues.push_back({"handler_id", "not_member"});
    } else if (!MayHandle(*input.handler_id, input.worker_concerned_id)) {
      issues.push_back({"handler_id", "concerned"});
    }
    handler = *input.handler_id;
  } else {
    JIELI_ASSIGN_OR_RETURN(
        handler, DefaultHandler(db_, input.org_id, input.worker_concerned_id, actor.user_id()));
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  JIELI_ASSIGN_OR_RETURN(const ComplaintClock clock, NewClock(input.kind, input.org_id, received));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(const std::int64_t id,
                         InsertComplaint(*tx, input, clock, handler, actor.user_id(), received));
  // Who complained and what they said stay out of the log.
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, input.org_id, "feedback.receive_complaint", "complaint", std::to_string(id),
      DumpJson({{"complaint",
                 {{"after",
                   {{"kind", ToString(input.kind)},
                    {"category", ToString(input.category)},
                    {"severity", ToString(input.severity)},
                    {"handler_id", handler},
                    {"worker_concerned_id",
                     input.worker_concerned_id ? Json(*input.worker_concerned_id) : Json()}}}}}})));
  if (handler != actor.user_id()) {
    JIELI_RETURN_IF_ERROR(TellHandler(*tx, id, input.org_id, input.subject, handler));
  }
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleComplaint(actor, id);
}

Result<std::string> FeedbackService::ReceivePublicComplaint(const ComplaintInput& input) const {
  std::vector<FieldIssue> issues;
  if (IsBlank(input.subject)) issues.push_back({"subject", "required"});
  JIELI_ASSIGN_OR_RETURN(bool agency, IsPublicAgency(db_, input.org_id));
  std::int64_t handler = 0;
  if (!agency) {
    issues.push_back({"org_id", "not_found"});
  } else {
    // A supervisor takes it, else a leader; an agency with neither cannot take complaints.
    orgs::OrgTree tree(db_);
    for (auto role : {orgs::Role::kSupervisor, orgs::Role::kLeader}) {
      JIELI_ASSIGN_OR_RETURN(auto holders, tree.HoldersAbove(input.org_id, {role}));
      if (!holders.empty()) {
        handler = holders.front().user_id;
        break;
      }
    }
    if (handler == 0) issues.push_back({"org_id", "not_found"});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  ComplaintInput stored = input;
  stored.channel = Channel::kWeb;
  stored.severity = Severity::kNormal;
  stored.client_id.reset();
  stored.case_id.reset();
  stored.worker_concerned_id.reset();
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(const ComplaintClock clock, NewClock(stored.kind, stored.org_id, now));
  return StoreUnderNewReference([&](const std::string& reference) -> Status {
    JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
    JIELI_ASSIGN_OR_RETURN(const std::int64_t id,
                           InsertComplaint(*tx, stored, clock, handler, handler, now));
    JIELI_RETURN_IF_ERROR(
        tx->Execute("UPDATE complaints SET public_reference = ? WHERE id = ?", {reference, id}));
    JIELI_RETURN_IF_ERROR(TellHandler(*tx, id, stored.org_id, stored.subject, handler));
    return tx->Commit();
  });
}

Result<ComplaintClock> FeedbackService::NewClock(FeedbackKind kind, std::int64_t org_id,
                                                 EpochMs received) const {
  JIELI_ASSIGN_OR_RETURN(ComplaintPolicy policy, PolicyAt(db_, org_id));
  const LocalDate day = LocalDateOf(received);
  JIELI_ASSIGN_OR_RETURN(auto calendar,
                         WorkingCalendarBetween(db_, day, AddDays(day, kCalendarDaysAhead)));
  return ClockOf(kind, received, policy, calendar);
}

Result<std::int64_t> FeedbackService::InsertComplaint(
    store::Transaction& tx, const ComplaintInput& input, const ComplaintClock& clock,
    std::int64_t handler, std::int64_t received_by, EpochMs received) const {
  const std::string contact = Trim(input.complainant_contact);
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx.QueryOne(
          kComplaintInsertSql,
          {input.org_id, std::string(ToString(input.kind)), std::string(ToString(input.category)),
           std::string(ToString(input.channel)), std::string(ToString(input.severity)),
           input.subject, input.details, input.complainant_name,
           contact.empty() ? store::Null() : store::Value(store::Blob{cipher_.Encrypt(contact)}),
           contact.empty() ? std::string() : MaskPhone(contact), store::OrNull(input.client_id),
           store::OrNull(input.case_id), store::OrNull(input.worker_concerned_id), handler,
           received_by, received, store::OrNull(clock.acknowledge_due),
           store::OrNull(clock.resolve_due)}));
  const std::int64_t id = inserted ? inserted->Int(0) : 0;
  JIELI_RETURN_IF_ERROR(AddComplaintEvent(tx, id, "receive", received_by, ""));
  return id;
}

Result<std::string> FeedbackService::RevealComplainantContact(const auth::Actor& actor,
                                                              std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(Complaint c, VisibleComplaint(actor, id));
  if (!MayActOn(actor, c)) return ForbiddenError("feedback.not_handler");
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsReveal, c.org.id));
  JIELI_ASSIGN_OR_RETURN(auto row, db_.QueryOne(kComplainantContactSql, {id}));
  if (!row || row->IsNull(0)) return ConflictError("feedback.no_contact");
  JIELI_ASSIGN_OR_RETURN(std::string contact, cipher_.Decrypt(row->Text(0)));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, c.org.id, "feedback.reveal_contact", "complaint",
                                      std::to_string(id)));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return contact;
}

Result<Complaint> FeedbackService::ActOnComplaint(const auth::Actor& actor, std::int64_t id,
                                                  const ComplaintActionInput& input) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(Complaint c, VisibleComplaint(actor, id));
  if (!MayActOn(actor, c)) return ForbiddenError("feedback.not_handler");
  auto issues = CheckAction(c.kind, input);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(ComplaintState next, NextState(c.state, input.action));
  const EpochMs now = clock_.Now();
  std::string set = "state = ?";
  std::vector<store::Value> params = {std::string(ToString(next))};
  std::string note = input.note;
  switch (input.action) {
    case ComplaintAction::kAcknowledge:
      set += ", acknowledged_at = ?, escalation_level = 0";
      params.emplace_back(now);
      break;
    case ComplaintAction::kResolve:
      set +=
          ", resolved_at = ?, acknowledged_at = COALESCE(acknowledged_at, ?), resolution = ?, "
          "cause = ?";
      params.insert(params.end(), {now, now, input.resolution, input.cause});
      if (note.empty()) note = input.resolution;
      break;
    case ComplaintAction::kReopen: {
      // Handled again: a fresh clock to resolve from today.
      JIELI_ASSIGN_OR_RETURN(ComplaintPolicy policy, PolicyAt(db_, c.org.id));
      const LocalDate day = LocalDateOf(now);
      JIELI_ASSIGN_OR_RETURN(auto calendar,
                             WorkingCalendarBetween(db_, day, AddDays(day, kCalendarDaysAhead)));
      set += ", resolved_at = NULL, escalation_level = 0, resolve_due = ?";
      params.emplace_back(store::OrNull(ClockOf(c.kind, now, policy, calendar).resolve_due));
      break;
    }
    case ComplaintAction::kClose:
      set += ", closed_at = ?, satisfaction = ?";
      params.emplace_back(now);
      params.emplace_back(input.satisfaction
                              ? store::Value(std::string(ToString(*input.satisfaction)))
                              : store::Null());
      break;
    case ComplaintAction::kWithdraw:
      set += ", closed_at = ?";
      params.emplace_back(now);
      break;
  }
  params.emplace_back(id);
  params.emplace_back(c.version);
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto changed,
                         tx->Execute("UPDATE complaints SET " + set +
                                         ", version = version + 1 WHERE id = ? AND version = ?",
                                     params));
  if (changed == 0) return ConflictError("feedback.complaint_changed");
  JIELI_RETURN_IF_ERROR(AddComplaintEvent(*tx, id, ToString(input.action), actor.user_id(), note));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, c.org.id, "feedback.act_on_complaint", "complaint", std::to_string(id),
      DumpJson({{"state", {{"before", ToString(c.state)}, {"after", ToString(next)}}},
                {"action", ToString(input.action)}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleComplaint(actor, id);
}

Result<Complaint> FeedbackService::AssignComplaint(const auth::Actor& actor, std::int64_t id,
                                                   std::int64_t handler_id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(Complaint c, VisibleComplaint(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, c.org.id));
  std::vector<FieldIssue> issues;
  JIELI_ASSIGN_OR_RETURN(bool staff, IsStaffAt(db_, handler_id, c.org.id));
  if (!staff) {
    issues.push_back({"handler_id", "not_member"});
  } else if (!MayHandle(handler_id, c.worker_concerned
                                        ? std::optional<std::int64_t>(c.worker_concerned->id)
                                        : std::nullopt)) {
    issues.push_back({"handler_id", "concerned"});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto changed,
                         tx->Execute("UPDATE complaints SET handler_id = ?, version = version + 1 "
                                     "WHERE id = ? AND version = ?",
                                     {handler_id, id, c.version}));
  if (changed == 0) return ConflictError("feedback.complaint_changed");
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).DisplayNames({handler_id}));
  JIELI_RETURN_IF_ERROR(AddComplaintEvent(*tx, id, "assign", actor.user_id(), names[handler_id]));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, c.org.id, "feedback.assign_complaint", "complaint", std::to_string(id),
      DumpJson({{"handler_id",
                 {{"before", c.handler ? Json(c.handler->id) : Json()}, {"after", handler_id}}}})));
  if (handler_id != actor.user_id()) {
    JIELI_RETURN_IF_ERROR(TellHandler(*tx, id, c.org.id, c.subject, handler_id));
  }
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleComplaint(actor, id);
}

Result<std::int64_t> FeedbackService::ImproveFromComplaint(const auth::Actor& actor,
                                                           std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(Complaint c, VisibleComplaint(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, c.org.id));
  if (c.improvement_id) return ConflictError("feedback.complaint_has_cycle");
  quality::ImprovementInput input;
  input.org_id = c.org.id;
  input.title = FirstChars("投诉改进：" + c.subject, quality::kMaxTitleChars);
  input.source_kind = quality::SourceKind::kComplaint;
  input.source_ref = std::to_string(c.id);
  std::string problem = c.details.empty() ? c.subject : c.details;
  if (!c.cause.empty()) problem += "\n原因：" + c.cause;
  input.problem = FirstChars(problem, quality::kMaxNotesChars);
  JIELI_ASSIGN_OR_RETURN(auto cycle, quality_.OpenImprovement(actor, input));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  // Two clicks at once: the second cycle stays, unlinked (the first is kept).
  JIELI_ASSIGN_OR_RETURN(
      auto linked, tx->Execute("UPDATE complaints SET improvement_id = ?, version = version + 1 "
                               "WHERE id = ? AND improvement_id IS NULL",
                               {cycle.id, id}));
  if (linked == 0) return ConflictError("feedback.complaint_has_cycle");
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, c.org.id, "feedback.improve_complaint",
                                      "complaint", std::to_string(id),
                                      DumpJson({{"improvement_id", {{"after", cycle.id}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return cycle.id;
}

// --- escalation -----------------------------------------------------------------------

Status FeedbackService::EscalateComplaints(store::Transaction& tx, EpochMs now) const {
  JIELI_ASSIGN_OR_RETURN(auto overdue, LoadComplaints(tx, kOverdueComplaintsSql, {now, now}));
  if (overdue.empty()) return Ok();
  JIELI_ASSIGN_OR_RETURN(
      auto calendar,
      WorkingCalendarBetween(tx, AddDays(LocalDateOf(now), -kCalendarDaysAhead), LocalDateOf(now)));
  orgs::OrgTree tree(tx);
  for (const Complaint& c : overdue) {
    JIELI_ASSIGN_OR_RETURN(ComplaintPolicy policy, PolicyAt(tx, c.org.id));
    const ComplaintTimes times = TimesOf(c);
    const EscalationLevel level = EscalationAt(times, now, policy, calendar);
    if (static_cast<int>(level) <= static_cast<int>(c.escalation)) continue;
    const auto due = RunningDeadline(times);
    std::set<std::int64_t> told;
    for (int at = static_cast<int>(c.escalation) + 1; at <= static_cast<int>(level); ++at) {
      const auto role = at == 1 ? orgs::Role::kSupervisor : orgs::Role::kLeader;
      JIELI_ASSIGN_OR_RETURN(auto holders, tree.HoldersAbove(c.org.id, {role}));
      std::vector<std::int64_t> to;
      for (const auto& holder : holders) {
        const bool concerned = c.worker_concerned && c.worker_concerned->id == holder.user_id;
        if (!concerned) to.push_back(holder.user_id);
      }
      if (at == 1 && c.handler) to.push_back(c.handler->id);
      notifications::NewNotification n;
      n.kind = "complaint_overdue";
      n.org_id = c.org.id;
      n.subject_type = "complaint";
      n.subject_id = c.id;
      n.params = DumpJson({{"complaint_id", c.id},
                           {"subject", c.subject},
                           {"level", ToString(static_cast<EscalationLevel>(at))},
                           {"due", due ? FormatIsoLocal(*due) : ""},
                           {"org", c.org.name}});
      n.dedupe_key = "complaint:" + std::to_string(c.id) + ":" + std::to_string(due.value_or(0)) +
                     ":" + std::to_string(at);
      JIELI_ASSIGN_OR_RETURN(auto sent, notifications_.Send(tx, to, n));
      (void)sent;
    }
    JIELI_ASSIGN_OR_RETURN(auto changed,
                           tx.Execute("UPDATE complaints SET escalation_level = ? WHERE id = ? "
                                      "AND escalation_level < ?",
                                      {std::int64_t{static_cast<int>(level)}, c.id,
                                       std::int64_t{static_cast<int>(level)}}));
    (void)changed;
  }
  return Ok();
}

}  // namespace jieli::feedback
