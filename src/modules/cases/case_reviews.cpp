// CaseService: the supervisor's review of high-risk assessments (risk_review.hpp).
#include <set>
#include <utility>

#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/risk_review.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;
using Json = nlohmann::json;

}  // namespace

Status CaseService::RequestRiskReview(store::Transaction& tx, const auth::Actor& actor, Loaded& c,
                                      RiskLevel before) const {
  if (!NeedsRiskReview(before, c.c.risk)) return Ok();
  const std::string risk(ToString(c.c.risk));
  const EpochMs now = clock_.Now();
  std::int64_t review_id = 0;
  if (c.c.risk_review) {
    // One review waits at a time: it is now about the higher level.
    review_id = c.c.risk_review->id;
    JIELI_ASSIGN_OR_RETURN(auto raised, tx.Execute(kRiskReviewRaiseSql, {risk, review_id}));
    (void)raised;
  } else {
    JIELI_ASSIGN_OR_RETURN(
        auto row, tx.QueryOne(kRiskReviewInsertSql,
                              {c.c.id, c.c.org_id, risk, ActorId(actor), now, RiskReviewDue(now)}));
    review_id = row->Int(0);
  }
  JIELI_RETURN_IF_ERROR(AddEvent(tx, actor, c.c.id, "risk_review_requested",
                                 {{"risk", risk}, {"review_id", review_id}}));
  JIELI_ASSIGN_OR_RETURN(auto reviewers, ApproversOf(tx, c.c.org_id, c.team, actor.user_id()));
  JIELI_RETURN_IF_ERROR(notifications_.Send(
      tx, reviewers,
      AboutCase(notifications::kRiskReviewRequested, c,
                {{"risk", risk}, {"review_id", review_id}, {"requested_by", actor.display_name()}},
                "risk_review_requested:" + std::to_string(review_id) + ":" + risk)));
  return Ok();
}

Result<std::vector<RiskReview>> CaseService::RiskReviews(const auth::Actor& actor,
                                                         std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto c, LoadReadable(actor, id));
  JIELI_ASSIGN_OR_RETURN(
      auto rows,
      db_.Query(std::string(kRiskReviewSelect) + " WHERE case_id = ? ORDER BY id DESC", {c.c.id}));
  const EpochMs now = clock_.Now();
  std::vector<RiskReview> reviews;
  std::vector<Person*> people;
  reviews.reserve(rows.size());
  for (const auto& row : rows) reviews.push_back(RiskReviewFromRow(row, now));
  for (auto& r : reviews) {
    if (r.requested_by) people.push_back(&*r.requested_by);
    if (r.reviewed_by) people.push_back(&*r.reviewed_by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db_, people));
  return reviews;
}

Result<RiskReview> CaseService::ReviewRisk(const auth::Actor& actor, std::int64_t id,
                                           const std::string& comment) const {
  JIELI_ASSIGN_OR_RETURN(auto before, LoadReadable(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kCasesApprove, before.c.org_id));
  if (!before.c.risk_review) return ConflictError("cases.no_risk_review");
  // As for approvals: nobody reviews their own case.
  JIELI_RETURN_IF_ERROR(CheckApprover(actor.user_id(), {0, before.team}, before.team));
  const std::int64_t review_id = before.c.risk_review->id;

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto c, Reload(*tx, before));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(
      auto done, tx->Execute(kRiskReviewDoneSql, {actor.user_id(), now, comment, review_id}));
  if (done == 0) return ConflictError("cases.risk_review_done");
  const std::string risk(ToString(before.c.risk_review->risk));
  JIELI_RETURN_IF_ERROR(SaveCaseRow(*tx, c));  // the case's version moves on
  JIELI_RETURN_IF_ERROR(AddEvent(*tx, actor, id, "risk_reviewed",
                                 {{"review_id", review_id}, {"risk", risk}, {"comment", comment}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, c.c.org_id, "cases.review_risk", "case",
                                      std::to_string(id),
                                      DumpJson({{"risk_review", {{"after", review_id}}}})));
  std::vector<std::int64_t> team{c.team.primary_worker};
  if (c.team.co_worker) team.push_back(*c.team.co_worker);
  JIELI_RETURN_IF_ERROR(notifications_.Send(
      *tx, team,
      AboutCase(notifications::kRiskReviewed, c,
                {{"risk", risk}, {"comment", comment}, {"reviewed_by", actor.display_name()}},
                "risk_reviewed:" + std::to_string(review_id))));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  JIELI_ASSIGN_OR_RETURN(auto reviews, RiskReviews(actor, id));
  for (auto& r : reviews) {
    if (r.id == review_id) return std::move(r);
  }
  return ConflictError("cases.no_risk_review");
}

Result<std::vector<WorkItem>> CaseService::RiskReviewItems(const auth::Actor& actor) const {
  JIELI_ASSIGN_OR_RETURN(auto approving, actor.OrgsWhere(Permission::kCasesApprove));
  std::vector<WorkItem> items;
  if (approving.empty()) return items;
  std::vector<store::Value> params(approving.begin(), approving.end());
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db_.Query(kOpenRiskReviewsSql + auth::InList(approving.size()), params));
  const std::int64_t me = actor.user_id();
  std::set<std::int64_t> clients;
  std::vector<std::int64_t> client_of;
  for (const auto& row : rows) {
    CaseTeam team;
    team.supervisor = row.OptInt(7);
    team.primary_worker = row.Int(8);
    team.co_worker = row.OptInt(9);
    // The case's supervisor reviews; with none named, anyone who may approve
    // there and is not on the team.
    if (OnTeam(team, me) || (team.supervisor && *team.supervisor != me)) continue;
    WorkItem item;
    item.kind = "risk_review";
    item.risk_review_id = row.Int(0);
    item.case_id = row.Int(1);
    item.stage = ParseStage(row.Text(3)).value_or(Stage::kAssessment);
    item.risk = ParseRiskLevel(row.Text(4)).value_or(RiskLevel::kHigh);
    item.due_at = row.Int(5);
    item.since = row.Int(6);
    clients.insert(row.Int(2));
    client_of.push_back(row.Int(2));
    items.push_back(std::move(item));
  }
  JIELI_ASSIGN_OR_RETURN(auto names, clients_.Names(db_, clients));
  for (std::size_t i = 0; i < items.size(); ++i) {
    items[i].client_id = client_of[i];
    items[i].client_name = names[client_of[i]];
  }
  return items;
}

}  // namespace jieli::cases
