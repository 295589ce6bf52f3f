// The case's notifications: approvals asked for and decided, cases handed
// over, and the background scans for deadlines coming, passed and escalated
// and for follow-ups due (jobs "cases.scan_deadlines", "cases.scan_followups").
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/notifications/notification.hpp"
#include "modules/orgs/org_tree.hpp"

namespace jieli::cases {
namespace {

using notifications::NewNotification;

constexpr EpochMs kHour = 60 * 60 * 1000;
constexpr EpochMs kDay = 24 * kHour;
// A deadline this close is announced to the worker.
constexpr EpochMs kSoon = kDay;
// Each scan also looks this far behind its slot, so that a slot missed while
// every node was down (or a job retried late) still finds its deadlines; the
// notifications' dedupe keys keep the overlap from saying anything twice.
constexpr EpochMs kLookBack = kHour;

// The names of the clients whose ids are in column of rows, from the clients
// module in one call.
Result<std::map<std::int64_t, std::string>> ClientNames(store::Executor& tx,
                                                        const store::Rows& rows, std::size_t column,
                                                        const clients::ClientService& clients) {
  std::set<std::int64_t> ids;
  for (const auto& row : rows) ids.insert(row.Int(column));
  return clients.Names(tx, ids);
}

}  // namespace

// A notification about case c: its id, its organisation, and params with the
// client's name added.
NewNotification CaseService::AboutCase(std::string_view kind, const Loaded& c, Json params,
                                       std::string dedupe_key) {
  NewNotification n;
  n.kind = std::string(kind);
  n.org_id = c.c.org_id;
  n.subject_type = "case";
  n.subject_id = c.c.id;
  params["client_name"] = c.c.client_name;
  n.params = DumpJson(params);
  n.dedupe_key = std::move(dedupe_key);
  return n;
}

Result<std::vector<std::int64_t>> CaseService::ApproversOf(store::Executor& db, std::int64_t org_id,
                                                           const CaseTeam& team,
                                                           std::int64_t requested_by) const {
  if (team.supervisor && *team.supervisor != requested_by)
    return std::vector<std::int64_t>{*team.supervisor};
  // Active supervisors of org and the organisations above it; leaders when
  // there is no supervisor.
  JIELI_ASSIGN_OR_RETURN(auto holders, orgs::OrgTree(db).HoldersAbove(
                                           org_id, {orgs::Role::kSupervisor, orgs::Role::kLeader}));
  std::vector<std::int64_t> supervisors, leaders;
  for (const auto& holder : holders) {
    if (OnTeam(team, holder.user_id) || holder.user_id == requested_by) continue;  // nor their own
    (holder.role == orgs::Role::kSupervisor ? supervisors : leaders).push_back(holder.user_id);
  }
  return supervisors.empty() ? leaders : supervisors;
}

Result<std::optional<std::int64_t>> CaseService::DefaultSupervisor(store::Executor& db,
                                                                   std::int64_t org_id,
                                                                   const CaseTeam& team) const {
  JIELI_ASSIGN_OR_RETURN(auto holders, orgs::OrgTree(db).HoldersAbove(
                                           org_id, {orgs::Role::kSupervisor, orgs::Role::kLeader}));
  std::optional<std::int64_t> leader;
  for (const auto& holder : holders) {
    if (OnTeam(team, holder.user_id)) continue;
    if (holder.role == orgs::Role::kSupervisor) return std::optional<std::int64_t>(holder.user_id);
    if (!leader) leader = holder.user_id;
  }
  return leader;
}

Status CaseService::NotifyApprovalRequested(store::Transaction& tx, const Loaded& c,
                                            std::int64_t approval_id, Stage from, Stage to,
                                            const auth::Actor& actor, std::string_view kind) const {
  auto approvers = ApproversOf(tx, c.c.org_id, c.team, actor.user_id());
  if (!approvers) return approvers.error();
  JIELI_RETURN_IF_ERROR(
      notifications_.Send(tx, *approvers,
                          AboutCase(notifications::kApprovalRequested, c,
                                    {{"from", ToString(from)},
                                     {"to", ToString(to)},
                                     {"kind", kind},
                                     {"approval_id", approval_id},
                                     {"requested_by", actor.display_name()}},
                                    "approval_requested:" + std::to_string(approval_id))));
  return Ok();
}

Status CaseService::NotifyApprovalDecided(store::Transaction& tx, const Loaded& c,
                                          const Approval& approval, bool approved,
                                          const std::string& comment,
                                          const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(
      notifications_.Send(tx, std::vector<std::int64_t>{approval.requested_by.id},
                          AboutCase(notifications::kApprovalDecided, c,
                                    {{"from", ToString(approval.from)},
                                     {"to", ToString(approval.to)},
                                     {"decision", approved ? "approve" : "reject"},
                                     {"comment", comment},
                                     {"decided_by", actor.display_name()}},
                                    "approval_decided:" + std::to_string(approval.id))));
  return Ok();
}

Status CaseService::NotifyServiceCommented(store::Transaction& tx, const Loaded& c,
                                           const ServiceRecord& record, const std::string& comment,
                                           const auth::Actor& actor) const {
  // The comment is a case note: the record's author hears of it only while
  // still on the team (a case handed on leaves them without its notes).
  std::vector<std::int64_t> workers;
  for (std::int64_t user : {record.created_by.id, c.team.primary_worker}) {
    if (user != actor.user_id() && OnTeam(c.team, user)) workers.push_back(user);
  }
  JIELI_RETURN_IF_ERROR(notifications_.Send(tx, workers,
                                            AboutCase(notifications::kServiceCommented, c,
                                                      {{"service_id", record.id},
                                                       {"date", record.input.date},
                                                       {"comment", comment},
                                                       {"by", actor.display_name()}},
                                                      "")));
  return Ok();
}

Status CaseService::NotifyTransferred(store::Transaction& tx, const Loaded& c,
                                      std::int64_t new_worker, const std::string& reason,
                                      const auth::Actor& actor) const {
  if (new_worker == actor.user_id()) return Ok();  // took it over themselves
  JIELI_RETURN_IF_ERROR(notifications_.Send(
      tx, std::vector<std::int64_t>{new_worker},
      AboutCase(notifications::kCaseTransferred, c,
                {{"stage", ToString(c.c.stage)}, {"reason", reason}, {"by", actor.display_name()}},
                "")));
  return Ok();
}

Status CaseService::NotifySupervisorAssigned(store::Transaction& tx, const Loaded& c,
                                             std::int64_t new_supervisor, const std::string& reason,
                                             const auth::Actor& actor) const {
  if (new_supervisor == actor.user_id()) return Ok();  // named themselves
  JIELI_RETURN_IF_ERROR(notifications_.Send(
      tx, std::vector<std::int64_t>{new_supervisor},
      AboutCase(notifications::kSupervisorAssigned, c,
                {{"stage", ToString(c.c.stage)}, {"reason", reason}, {"by", actor.display_name()}},
                "")));
  return Ok();
}

Status CaseService::ScanDeadlines(store::Transaction& tx, EpochMs slot_start,
                                  EpochMs slot_end) const {
  const EpochMs from = slot_start - kLookBack;
  const EpochMs escalate_after = kEscalateAfterDays * kDay;
  // One pass over the three windows through cases(due_at): deadlines a day
  // ahead, deadlines just passed, and deadlines passed kEscalateAfterDays ago.
  auto rows = tx.Query(kDeadlinesInWindowsSql, {from + kSoon, slot_end + kSoon, from, slot_end,
                                                from - escalate_after, slot_end - escalate_after});
  if (!rows) return rows.error();
  JIELI_ASSIGN_OR_RETURN(auto client_names, ClientNames(tx, *rows, 2, clients_));
  const auth::Actor system = auth::Actor::System(db_);
  for (const auto& row : *rows) {
    Loaded c;
    c.c.id = row.Int(0);
    c.c.org_id = row.Int(1);
    c.c.client_name = client_names[row.Int(2)];
    c.c.stage = ParseStage(row.Text(3)).value_or(Stage::kIntake);
    const EpochMs due = row.Int(4);
    c.team.primary_worker = row.Int(5);
    c.team.co_worker = row.OptInt(6);
    c.team.supervisor = row.OptInt(7);
    std::vector<std::int64_t> workers{c.team.primary_worker};
    if (c.team.co_worker) workers.push_back(*c.team.co_worker);

    const std::string at =
        std::to_string(c.c.id) + ":" + std::string(ToString(c.c.stage)) + ":" + std::to_string(due);
    Json params = {{"stage", ToString(c.c.stage)}, {"due_at", FormatIsoLocal(due)}};
    std::string_view kind;
    std::string key;
    if (due >= slot_start + kSoon - kLookBack && due < slot_end + kSoon) {
      kind = notifications::kDeadlineSoon;
      key = "deadline_soon:" + at;
    } else if (due >= from && due < slot_end) {
      kind = notifications::kDeadlineOverdue;
      key = "deadline_overdue:" + at;
    } else {
      // Escalation: recorded once per deadline, on the timeline and to the
      // supervisors (the workers hear of it too).
      auto recorded = tx.Query(kEscalationInsertSql,
                               {c.c.id, std::string(ToString(c.c.stage)), due, clock_.Now()});
      if (!recorded) return recorded.error();
      if (recorded->empty()) continue;
      // An escalation is a quality fact: the case's version moves on (its
      // stored facts are recomputed on their next read).
      JIELI_RETURN_IF_ERROR(tx.Execute(kCaseVersionBumpSql, {c.c.id}));
      params["days"] = kEscalateAfterDays;
      JIELI_RETURN_IF_ERROR(AddEvent(tx, system, c.c.id, "escalated",
                                     {{"stage", ToString(c.c.stage)},
                                      {"due_at", FormatIsoLocal(due)},
                                      {"days", kEscalateAfterDays}}));
      auto approvers = ApproversOf(tx, c.c.org_id, c.team);
      if (!approvers) return approvers.error();
      workers.insert(workers.end(), approvers->begin(), approvers->end());
      kind = notifications::kCaseEscalated;
      key = "escalated:" + at;
    }
    JIELI_RETURN_IF_ERROR(
        notifications_.Send(tx, workers, AboutCase(kind, c, std::move(params), std::move(key))));
  }
  return Ok();
}

Status CaseService::ScanFollowUps(store::Transaction& tx, EpochMs slot_start,
                                  EpochMs slot_end) const {
  // A follow-up's due_at is the end of its local day; it is announced to the
  // case's worker as that day begins (Asia/Shanghai has no daylight saving).
  const EpochMs day_end = kDay - 1;
  auto rows = tx.Query(kFollowUpsDueSql, {slot_start - kLookBack + day_end, slot_end + day_end});
  if (!rows) return rows.error();
  JIELI_ASSIGN_OR_RETURN(auto client_names, ClientNames(tx, *rows, 4, clients_));
  for (const auto& row : *rows) {
    Loaded c;
    c.c.id = row.Int(2);
    c.c.org_id = row.Int(3);
    c.c.client_name = client_names[row.Int(4)];
    JIELI_RETURN_IF_ERROR(notifications_.Send(
        tx, std::vector<std::int64_t>{row.Int(5)},
        AboutCase(notifications::kFollowUpDue, c,
                  {{"followup_id", row.Int(0)}, {"due_on", FormatDate(LocalDateOf(row.Int(1)))}},
                  "followup_due:" + std::to_string(row.Int(0)))));
  }
  return Ok();
}

}  // namespace jieli::cases
