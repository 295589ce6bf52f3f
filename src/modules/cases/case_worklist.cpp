// CaseService: a worker's worklist — deadlines, approvals, risk reviews and follow-ups due.
#include <algorithm>
#include <set>
#include <utility>

#include "core/local_time.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;

}  // namespace

Result<std::vector<WorkItem>> CaseService::Worklist(const auth::Actor& actor) const {
  // Holding cases.read nowhere is a refusal, not an empty worklist.
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kCasesRead));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kCasesRead));
  const EpochMs now = clock_.Now();
  const EpochMs horizon = EndOfLocalDayAfter(now, 7);
  const std::int64_t me = actor.user_id();
  std::vector<WorkItem> items;
  // (item, client) of the items whose client's name comes from the clients
  // module, in one call below.
  std::vector<std::pair<std::size_t, std::int64_t>> clients_of;

  // Deadlines of my open cases.
  {
    std::vector<store::Value> params(readable.begin(), readable.end());
    params.insert(params.end(), {me, me, horizon});
    auto rows =
        db_.Query(kMyDeadlinesSql + auth::InList(readable.size()) + kMyDeadlinesCondition, params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      WorkItem item;
      item.kind = "deadline";
      item.case_id = row.Int(0);
      clients_of.emplace_back(items.size(), row.Int(1));  // named below
      item.stage = ParseStage(row.Text(2)).value_or(Stage::kIntake);
      item.risk = ParseRiskLevel(row.Text(3)).value_or(RiskLevel::kLow);
      item.due_at = row.Int(4);
      item.since = row.Int(5);
      items.push_back(std::move(item));
    }
  }
  // Approvals waiting for me, when I may approve anywhere.
  JIELI_ASSIGN_OR_RETURN(auto approving, actor.OrgsWhere(Permission::kCasesApprove));
  if (!approving.empty()) {
    auto approvals = ListApprovals(actor, ApprovalStatus::kPending, true, 0, 500);
    if (!approvals) return approvals.error();
    for (const auto& a : approvals->items) {
      WorkItem item;
      item.kind = "approval";
      item.case_id = a.case_id;
      item.client_id = a.client_id;
      item.client_name = a.client_name;
      item.stage = a.from;
      item.approval_id = a.id;
      item.approval_to = a.to;
      item.approval_kind = a.kind;
      item.since = a.requested_at;
      items.push_back(std::move(item));
    }
  }
  // High-risk assessments waiting for my review (overdue after kRiskReviewDays).
  JIELI_ASSIGN_OR_RETURN(auto reviews, RiskReviewItems(actor));
  for (auto& item : reviews) items.push_back(std::move(item));
  // Follow-ups due on my closed cases.
  {
    std::vector<store::Value> params(readable.begin(), readable.end());
    params.insert(params.end(), {me, me, horizon});
    auto rows =
        db_.Query(kMyFollowUpsSql + auth::InList(readable.size()) + kMyFollowUpsCondition, params);
    if (!rows) return rows.error();
    for (const auto& row : *rows) {
      WorkItem item;
      item.kind = "followup";
      item.case_id = row.Int(0);
      clients_of.emplace_back(items.size(), row.Int(1));  // named below
      item.stage = ParseStage(row.Text(2)).value_or(Stage::kClosed);
      item.risk = ParseRiskLevel(row.Text(3)).value_or(RiskLevel::kLow);
      item.due_at = row.Int(4);
      item.followup_id = row.Int(5);
      item.since = row.Int(6);
      items.push_back(std::move(item));
    }
  }
  std::set<std::int64_t> client_ids;
  for (const auto& entry : clients_of) client_ids.insert(entry.second);
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db_, client_ids));
  for (const auto& [index, client] : clients_of) {
    items[index].client_id = client;
    items[index].client_name = client_names[client];
  }
  for (auto& item : items) {
    if (item.due_at) {
      item.overdue = IsOverdue(*item.due_at, now);
      item.days_overdue = DaysOverdue(*item.due_at, now);
    }
  }
  // Oldest due first; an approval is "due" since it was asked for.
  std::stable_sort(items.begin(), items.end(), [](const WorkItem& a, const WorkItem& b) {
    return a.due_at.value_or(a.since) < b.due_at.value_or(b.since);
  });
  return items;
}

}  // namespace jieli::cases
