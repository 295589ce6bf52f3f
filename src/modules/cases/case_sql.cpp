#include "modules/cases/case_sql.hpp"

#include <map>
#include <set>

#include "core/local_time.hpp"
#include "modules/orgs/org_tree.hpp"
#include "store/text_search.hpp"

namespace jieli::cases {

// The names ('' here) come from their modules (CaseService::NameCases).
const std::string_view kCaseSelect = R"sql(SELECT c.id, c.org_id, '', c.client_id, '',
  c.stage, c.risk, c.crisis, c.problem, c.primary_worker_id, '', c.co_worker_id,
  '', c.supervisor_id, '', c.opened_at, c.assessment_at, c.planning_at,
  c.intervention_at, c.evaluation_at, c.closed_at, c.first_contact_at, c.plan_end, c.due_at,
  c.closure_reason, c.reopen_count, c.service_count, c.version, c.updated_at, pa.id, pa.to_stage,
  pa.requested_by, '', pa.requested_at, pa.kind, c.replanned_at, rr.id, rr.risk, rr.requested_at,
  rr.due_at, c.crisis_interventions, c.last_crisis_at
FROM cases c
LEFT JOIN case_approvals pa ON pa.case_id = c.id AND pa.status = 'pending'
LEFT JOIN case_risk_reviews rr ON rr.case_id = c.id AND rr.reviewed_at IS NULL)sql";

const std::string_view kCasesFrom = "cases c";
const std::string_view kCasesWithClientsFrom = "cases c JOIN clients cl ON cl.id = c.client_id";

const char* const kCaseInsertSql =
    "INSERT INTO cases (org_id, client_id, stage, risk, primary_worker_id, co_worker_id, "
    "supervisor_id, opened_at, due_at, created_by, created_at, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

const char* const kCaseUpdateSql =
    "UPDATE cases SET stage = ?, risk = ?, crisis = ?, problem = ?, primary_worker_id = ?, "
    "co_worker_id = ?, supervisor_id = ?, assessment_at = ?, planning_at = ?, "
    "intervention_at = ?, evaluation_at = ?, closed_at = ?, first_contact_at = ?, plan_end = ?, "
    "due_at = ?, closure_reason = ?, reopen_count = ?, service_count = ?, replanned_at = ?, "
    "version = version + 1, updated_at = ? WHERE id = ? AND version = ?";

// The orgs module gives the organisations above one (orgs::OrgTree::Above);
// append auth::InList and their ids, then pick the nearest that has a row.
const std::string_view kPoliciesOfOrgsSql =
    "SELECT org_id, assessment_days, planning_days, closure_days, crisis_first_contact_hours, "
    "risk_review_gate FROM case_policies WHERE org_id ";

const std::string_view kFormFieldsOfOrgsSql =
    "SELECT org_id, fields FROM case_form_fields WHERE stage = ? AND org_id ";

const char* const kFormUpsertSql =
    "INSERT INTO case_forms (case_id, stage, data, updated_by, updated_at) VALUES (?, ?, ?, ?, ?) "
    "ON CONFLICT (case_id, stage) DO UPDATE SET data = excluded.data, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";

// The names ('' here) come from their modules (CaseService::NameApprovals);
// the last column is the case's client.
const std::string_view kApprovalSelect = R"sql(SELECT a.id, a.case_id, a.org_id, '',
  a.from_stage, a.to_stage, a.status, a.requested_by, '', a.requested_at,
  a.decided_by, '', a.decided_at, a.comment, a.request_primary_id,
  a.request_co_worker_id, c.client_id, a.kind
FROM case_approvals a
JOIN cases c ON c.id = a.case_id)sql";

const std::string_view kPendingApprovalIdsSql =
    "SELECT id FROM case_approvals WHERE status = 'pending' ORDER BY id";

const char* const kApprovalInsertSql =
    "INSERT INTO case_approvals (case_id, org_id, from_stage, to_stage, status, requested_by, "
    "requested_at, request_primary_id, request_co_worker_id, kind) "
    "VALUES (?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?) RETURNING id";

const char* const kCaseFormsOfCaseSql = "SELECT stage, data FROM case_forms WHERE case_id = ?";

const char* const kEventInsertSql =
    "INSERT INTO case_events (case_id, at, actor_id, kind, data) VALUES (?, ?, ?, ?, ?)";

const char* const kOpenCaseOfClientSql =
    "SELECT id FROM cases WHERE client_id = ? AND org_id = ? AND stage <> 'closed' LIMIT 1";

const char* const kCaseCountFromSql = "SELECT COUNT(*) FROM ";

const char* const kCaseIdsFromSql = "SELECT c.id FROM ";

const char* const kFormUpdatedAtSql =
    "SELECT updated_at FROM case_forms WHERE case_id = ? AND stage = ?";

const char* const kFollowUpInsertSql =
    "INSERT INTO case_followups (case_id, due_on, due_at, status) VALUES (?, ?, ?, 'due')";

const char* const kApprovalDecideSql =
    "UPDATE case_approvals SET status = ?, decided_by = ?, decided_at = ?, comment = ? "
    "WHERE id = ? AND status = 'pending'";

const char* const kApprovalCountSql =
    "SELECT COUNT(*) FROM case_approvals a JOIN cases c ON c.id = a.case_id";

const char* const kFollowUpsCancelSql =
    "UPDATE case_followups SET status = 'cancelled' WHERE case_id = ? AND status = 'due'";

const char* const kServiceSelect =
    "SELECT s.id, s.case_id, s.service_date, s.minutes, s.mode, s.content, s.technique, "
    "s.progress_note, s.created_by, '', s.created_at, s.place, s.participants, "
    "s.participants_note, s.goals_addressed, s.client_response, s.next_steps, s.corrected_at, "
    "s.withdrawn_at, s.withdrawn_by, s.withdraw_reason "
    "FROM case_services s";

const char* const kServiceInsertSql =
    "INSERT INTO case_services (case_id, service_date, minutes, mode, content, technique, "
    "progress_note, created_by, created_at, place, participants, participants_note, "
    "goals_addressed, client_response, next_steps) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id";

const char* const kServiceCountUpSql =
    "UPDATE cases SET service_count = service_count + 1, updated_at = ? "
    "WHERE id = ? AND stage <> 'closed'";

const char* const kCrisisCountUpSql =
    "UPDATE cases SET crisis_interventions = crisis_interventions + 1, last_crisis_at = ? "
    "WHERE id = ?";

const char* const kFormOfCaseSql = "SELECT data FROM case_forms WHERE case_id = ? AND stage = ?";

const char* const kServiceCorrectSql =
    "UPDATE case_services SET service_date = ?, minutes = ?, mode = ?, content = ?, technique = ?, "
    "progress_note = ?, place = ?, participants = ?, participants_note = ?, goals_addressed = ?, "
    "client_response = ?, next_steps = ?, corrected_at = ? "
    "WHERE id = ? AND withdrawn_at IS NULL AND COALESCE(corrected_at, 0) = ?";

const char* const kServiceWithdrawSql =
    "UPDATE case_services SET withdrawn_at = ?, withdrawn_by = ?, withdraw_reason = ? "
    "WHERE id = ? AND withdrawn_at IS NULL";

const char* const kServiceCountDownSql =
    "UPDATE cases SET service_count = service_count - 1, updated_at = ? "
    "WHERE id = ? AND service_count > 0";

const char* const kCrisisCountDownSql =
    "UPDATE cases SET crisis_interventions = crisis_interventions - 1 "
    "WHERE id = ? AND crisis_interventions > 0";

const char* const kServiceCountedSql =
    "SELECT service_date, minutes, created_by FROM case_services WHERE id = ?";

const char* const kServiceCaseSql = "SELECT case_id FROM case_services WHERE id = ?";

const char* const kServiceCommentInsertSql =
    "INSERT INTO case_service_comments (service_id, case_id, comment, created_by, created_at) "
    "VALUES (?, ?, ?, ?, ?) RETURNING id";

const char* const kServiceCommentsSql =
    "SELECT id, service_id, comment, created_by, created_at FROM case_service_comments "
    "WHERE service_id ";

const char* const kServicesOfCaseCountSql = "SELECT COUNT(*) FROM case_services WHERE case_id = ?";

const char* const kAttachmentSelect =
    "SELECT a.id, a.case_id, a.file_name, a.content_type, a.size, a.sha256, a.uploaded_by, '', "
    "a.uploaded_at FROM case_attachments a";

const char* const kBlobInsertSql =
    "INSERT INTO attachment_blobs (sha256, size, data) VALUES (?, ?, ?) "
    "ON CONFLICT (sha256) DO NOTHING";

const char* const kAttachmentInsertSql =
    "INSERT INTO case_attachments (case_id, file_name, content_type, size, sha256, "
    "uploaded_by, uploaded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id";

const char* const kAttachmentBlobSql = "SELECT data FROM attachment_blobs WHERE sha256 = ?";

const char* const kPolicyUpsertSql =
    "INSERT INTO case_policies (org_id, assessment_days, planning_days, closure_days, "
    "crisis_first_contact_hours, risk_review_gate, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
    "ON CONFLICT (org_id) DO UPDATE SET assessment_days = excluded.assessment_days, "
    "planning_days = excluded.planning_days, closure_days = excluded.closure_days, "
    "crisis_first_contact_hours = excluded.crisis_first_contact_hours, "
    "risk_review_gate = excluded.risk_review_gate, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";

// Form versions.
const char* const kFormVersionInsertSql =
    "INSERT INTO case_form_versions (case_id, stage, version, data, approval_id, approved_by, "
    "approved_at) SELECT ?, ?, COALESCE(MAX(version), 0) + 1, ?, ?, ?, ? "
    "FROM case_form_versions WHERE case_id = ? AND stage = ?";
const char* const kFormVersionsOfCaseSql =
    "SELECT stage, version, data, approval_id, approved_by, '', approved_at "
    "FROM case_form_versions WHERE case_id = ? ORDER BY approved_at, id";
const char* const kLatestFormVersionSql =
    "SELECT version, data, approved_at FROM case_form_versions WHERE case_id = ? AND stage = ? "
    "ORDER BY version DESC LIMIT 1";

// High-risk assessment reviews.
const char* const kRiskReviewInsertSql =
    "INSERT INTO case_risk_reviews (case_id, org_id, risk, requested_by, requested_at, due_at) "
    "VALUES (?, ?, ?, ?, ?, ?) RETURNING id";
const char* const kRiskReviewRaiseSql =
    "UPDATE case_risk_reviews SET risk = ? WHERE id = ? AND reviewed_at IS NULL";
const char* const kRiskReviewDoneSql =
    "UPDATE case_risk_reviews SET reviewed_by = ?, reviewed_at = ?, comment = ? "
    "WHERE id = ? AND reviewed_at IS NULL";
const char* const kRiskReviewSelect =
    "SELECT id, case_id, risk, requested_by, '', requested_at, due_at, reviewed_by, '', "
    "reviewed_at, comment FROM case_risk_reviews";
const char* const kOpenRiskReviewsSql =
    "SELECT r.id, r.case_id, c.client_id, c.stage, r.risk, r.due_at, r.requested_at, "
    "c.supervisor_id, c.primary_worker_id, c.co_worker_id, c.org_id "
    "FROM case_risk_reviews r JOIN cases c ON c.id = r.case_id "
    "WHERE r.reviewed_at IS NULL AND r.org_id ";

const char* const kFormFieldsOfOrgStageSql =
    "SELECT fields FROM case_form_fields WHERE org_id = ? AND stage = ?";

const char* const kFormFieldsUpsertSql =
    "INSERT INTO case_form_fields (org_id, stage, fields, updated_by, updated_at) "
    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (org_id, stage) DO UPDATE SET fields = excluded.fields, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";

const std::string_view kScalesOfOrgsSql = "SELECT org_id, scales FROM case_scales WHERE org_id ";

const char* const kScalesOfOrgSql = "SELECT scales FROM case_scales WHERE org_id = ?";

const char* const kScalesUpsertSql =
    "INSERT INTO case_scales (org_id, scales, updated_by, updated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (org_id) DO UPDATE SET scales = excluded.scales, "
    "updated_by = excluded.updated_by, updated_at = excluded.updated_at";

const char* const kDeadlinesInWindowsSql =
    "SELECT c.id, c.org_id, c.client_id, c.stage, c.due_at, c.primary_worker_id, "
    "c.co_worker_id, c.supervisor_id FROM cases c "
    "WHERE c.stage <> 'closed' AND ((c.due_at >= ? AND c.due_at < ?) OR "
    "(c.due_at >= ? AND c.due_at < ?) OR (c.due_at >= ? AND c.due_at < ?))";

const char* const kEscalationInsertSql =
    "INSERT INTO case_escalations (case_id, stage, due_at, escalated_at) VALUES (?, ?, ?, ?) "
    "ON CONFLICT (case_id, stage, due_at) DO NOTHING RETURNING case_id";

const char* const kFollowUpsDueSql =
    "SELECT f.id, f.due_at, c.id, c.org_id, c.client_id, c.primary_worker_id "
    "FROM case_followups f JOIN cases c ON c.id = f.case_id "
    "WHERE f.status = 'due' AND f.due_at >= ? AND f.due_at < ?";

// +c.org_id: not through the organisation's index (every deadline of
// the agency) but through my cases (the worker indexes).
const char* const kMyDeadlinesSql =
    "SELECT c.id, c.client_id, c.stage, c.risk, c.due_at, c.updated_at FROM cases c "
    "WHERE +c.org_id ";
const char* const kMyDeadlinesCondition =
    " AND (c.primary_worker_id = ? OR c.co_worker_id = ?) AND c.stage <> 'closed' "
    "AND c.due_at IS NOT NULL AND c.due_at <= ? ORDER BY c.due_at LIMIT 500";

// CROSS JOIN keeps SQLite's loop order: from my cases to their
// follow-ups, never through every follow-up due in the city.
const char* const kMyFollowUpsSql =
    "SELECT c.id, c.client_id, c.stage, c.risk, f.due_at, f.id, c.closed_at FROM cases c "
    "CROSS JOIN case_followups f WHERE c.org_id ";
// Only closed cases have follow-ups due (reopening cancels them),
// which keeps the walk to my closed cases.
const char* const kMyFollowUpsCondition =
    " AND f.case_id = c.id AND c.stage = 'closed' "
    "AND (c.primary_worker_id = ? OR c.co_worker_id = ?) AND f.status = 'due' "
    "AND f.due_at <= ? ORDER BY f.due_at LIMIT 500";

const char* const kEventsOfCaseCountSql = "SELECT COUNT(*) FROM case_events WHERE case_id = ?";

const char* const kEventsOfCaseSql =
    "SELECT e.id, e.at, e.actor_id, e.kind, e.data FROM case_events e "
    "WHERE e.case_id = ? ORDER BY e.id DESC LIMIT ? OFFSET ?";

const char* const kFollowUpSelect =
    "SELECT f.id, f.case_id, f.due_on, f.due_at, f.status, f.done_at, f.done_by, '', f.note, "
    "f.situation, f.new_needs, f.new_case_id, c.client_id "
    "FROM case_followups f JOIN cases c ON c.id = f.case_id";

const char* const kFollowUpDoneSql =
    "UPDATE case_followups SET status = 'done', done_at = ?, done_by = ?, note = ?, "
    "situation = ?, new_needs = ? WHERE id = ? AND status = 'due'";

const char* const kFollowUpNewCaseSql =
    "UPDATE case_followups SET new_case_id = ? WHERE id = ? AND new_case_id IS NULL";

// The rollup's counts in an organisation list (append auth::InList(n)); the
// rows are few and added up in C++, which spares SQLite a sort.
const std::string_view kRollupStateOfOrgsSql =
    "SELECT worker_id, stage, risk, cases FROM case_rollup_state WHERE org_id ";
const std::string_view kRollupVersionOfOrgsSql =
    "SELECT COALESCE(SUM(version), 0) FROM case_rollup_versions WHERE org_id ";
const std::string_view kRollupMonthsOfOrgsSql =
    "SELECT month, opened, closed FROM case_rollup_months WHERE org_id ";
const char* const kRollupSinceMonth = " AND month >= ?";
const std::string_view kOverduePerWorkerOfOrgsSql =
    "SELECT primary_worker_id, COUNT(*) FROM cases WHERE org_id ";
const char* const kOverduePerWorkerCondition =
    " AND due_at IS NOT NULL AND due_at < ? AND stage <> 'closed' GROUP BY primary_worker_id";

namespace {

std::optional<Person> OptPerson(const store::Row& row, std::size_t id, std::size_t name) {
  if (row.IsNull(id)) return std::nullopt;
  return Person{row.Int(id), row.Text(name)};
}

}  // namespace

StoredCase CaseFromRow(const store::Row& row, EpochMs now) {
  StoredCase s;
  Case& c = s.c;
  c.id = row.Int(0);
  c.org_id = row.Int(1);
  c.org_name = row.Text(2);
  c.client_id = row.Int(3);
  c.client_name = row.Text(4);
  c.stage = ParseStage(row.Text(5)).value_or(Stage::kIntake);
  c.risk = ParseRiskLevel(row.Text(6)).value_or(RiskLevel::kLow);
  c.crisis = row.Int(7) != 0;
  c.problem = row.Text(8);
  c.primary_worker = {row.Int(9), row.Text(10)};
  c.co_worker = OptPerson(row, 11, 12);
  c.supervisor = OptPerson(row, 13, 14);
  c.opened_at = row.Int(15);
  c.assessment_at = row.OptInt(16);
  c.planning_at = row.OptInt(17);
  c.intervention_at = row.OptInt(18);
  c.evaluation_at = row.OptInt(19);
  c.closed_at = row.OptInt(20);
  c.first_contact_at = row.OptInt(21);
  s.plan_end = row.Text(22);
  c.due_at = row.OptInt(23);
  c.closure_reason = row.Text(24);
  c.reopen_count = static_cast<int>(row.Int(25));
  c.service_count = static_cast<int>(row.Int(26));
  s.version = row.Int(27);
  c.updated_at = row.Int(28);
  if (!row.IsNull(29)) {
    c.pending =
        Case::PendingApproval{row.Int(29), ParseStage(row.Text(30)).value_or(Stage::kClosed),
                              Person{row.Int(31), row.Text(32)}, row.Int(33), row.Text(34)};
  }
  c.replanned_at = row.OptInt(35);
  if (!row.IsNull(36)) {
    RiskReview review;
    review.id = row.Int(36);
    review.case_id = c.id;
    review.risk = ParseRiskLevel(row.Text(37)).value_or(RiskLevel::kHigh);
    review.requested_at = row.Int(38);
    review.due_at = row.Int(39);
    review.overdue = IsOverdue(review.due_at, now);
    c.risk_review = std::move(review);
  }
  c.crisis_interventions = static_cast<int>(row.Int(40));
  c.last_crisis_at = row.OptInt(41);
  if (c.due_at && c.stage != Stage::kClosed) {
    c.overdue = IsOverdue(*c.due_at, now);
    c.days_overdue = DaysOverdue(*c.due_at, now);
  }
  s.team.primary_worker = c.primary_worker.id;
  if (c.co_worker) s.team.co_worker = c.co_worker->id;
  if (c.supervisor) s.team.supervisor = c.supervisor->id;
  return s;
}

std::vector<store::Value> CaseUpdateParams(const Case& c, const CaseTeam& team,
                                           const std::string& plan_end, EpochMs now,
                                           std::int64_t version) {
  return {std::string(ToString(c.stage)),
          std::string(ToString(c.risk)),
          std::int64_t{c.crisis ? 1 : 0},
          c.problem,
          team.primary_worker,
          store::OrNull(team.co_worker),
          store::OrNull(team.supervisor),
          store::OrNull(c.assessment_at),
          store::OrNull(c.planning_at),
          store::OrNull(c.intervention_at),
          store::OrNull(c.evaluation_at),
          store::OrNull(c.closed_at),
          store::OrNull(c.first_contact_at),
          store::NullIfEmpty(plan_end),
          store::OrNull(c.due_at),
          store::NullIfEmpty(c.closure_reason),
          std::int64_t{c.reopen_count},
          std::int64_t{c.service_count},
          store::OrNull(c.replanned_at),
          now,
          c.id,
          version};
}

DeadlineFacts FactsOf(const Case& c, const std::string& plan_end) {
  DeadlineFacts facts;
  facts.opened_at = c.opened_at;
  facts.assessment_at = c.assessment_at;
  facts.planning_at = c.planning_at;
  facts.replanned_at = c.replanned_at;
  facts.intervention_at = c.intervention_at;
  facts.evaluation_at = c.evaluation_at;
  if (auto end = ParseDate(plan_end)) facts.plan_end = *end;
  facts.crisis = c.crisis;
  facts.first_contact_at = c.first_contact_at;
  return facts;
}

RiskReview RiskReviewFromRow(const store::Row& row, EpochMs now) {
  RiskReview r;
  r.id = row.Int(0);
  r.case_id = row.Int(1);
  r.risk = ParseRiskLevel(row.Text(2)).value_or(RiskLevel::kHigh);
  r.requested_by = OptPerson(row, 3, 4);
  r.requested_at = row.Int(5);
  r.due_at = row.Int(6);
  r.reviewed_by = OptPerson(row, 7, 8);
  r.reviewed_at = row.OptInt(9);
  r.comment = row.Text(10);
  r.overdue = !r.reviewed_at && IsOverdue(r.due_at, now);
  return r;
}

Approval ApprovalFromRow(const store::Row& row) {
  Approval a;
  a.id = row.Int(0);
  a.case_id = row.Int(1);
  a.org_id = row.Int(2);
  a.client_name = row.Text(3);
  a.from = ParseStage(row.Text(4)).value_or(Stage::kPlanning);
  a.to = ParseStage(row.Text(5)).value_or(Stage::kIntervention);
  a.status = ParseApprovalStatus(row.Text(6)).value_or(ApprovalStatus::kPending);
  a.requested_by = {row.Int(7), row.Text(8)};
  a.requested_at = row.Int(9);
  a.decided_by = OptPerson(row, 10, 11);
  a.decided_at = row.OptInt(12);
  a.comment = row.Text(13);
  a.team_at_request.primary_worker = row.OptInt(14).value_or(0);
  a.team_at_request.co_worker = row.OptInt(15);
  a.kind = row.Text(17);
  return a;
}

Result<std::string> CaseSortSql(const std::string& sort) {
  // Risk sorts by severity, not by name.
  static const std::string kRisk =
      "CASE c.risk WHEN 'critical' THEN 3 WHEN 'high' THEN 2 WHEN 'medium' THEN 1 ELSE 0 END";
  static const std::map<std::string, std::string> kSorts = {
      {"opened_at", "c.opened_at ASC, c.id ASC"},
      {"-opened_at", "c.opened_at DESC, c.id DESC"},
      {"due_at", "c.due_at IS NULL, c.due_at ASC, c.id ASC"},
      {"-due_at", "c.due_at IS NULL, c.due_at DESC, c.id DESC"},
      {"updated_at", "c.updated_at ASC, c.id ASC"},
      {"-updated_at", "c.updated_at DESC, c.id DESC"},
      {"client_name", "cl.name ASC, c.id ASC"},
      {"-client_name", "cl.name DESC, c.id DESC"},
      {"risk", kRisk + " ASC, c.id ASC"},
      {"-risk", kRisk + " DESC, c.id DESC"},
  };
  auto found = kSorts.find(sort);
  if (found == kSorts.end()) {
    return ValidationFailed({{"sort",
                              "invalid_choice",
                              {{"allowed",
                                "opened_at, -opened_at, due_at, -due_at, updated_at, "
                                "-updated_at, client_name, -client_name, risk, -risk"}}}});
  }
  return found->second;
}

std::string CaseWhere(store::Backend backend, const CaseScope& readable, const CaseFilter& filter,
                      EpochMs now, std::vector<store::Value>& params) {
  std::string where = " WHERE c.org_id " + auth::InList(readable.orgs.size());
  params.insert(params.end(), readable.orgs.begin(), readable.orgs.end());
  if (filter.stage) {
    where += " AND c.stage = ?";
    params.emplace_back(std::string(ToString(*filter.stage)));
  } else if (filter.open_only) {
    where += " AND c.stage <> 'closed'";
  }
  if (filter.risk) {
    where += " AND c.risk = ?";
    params.emplace_back(std::string(ToString(*filter.risk)));
  }
  if (filter.worker_id) {
    where += " AND (c.primary_worker_id = ? OR c.co_worker_id = ?)";
    params.emplace_back(*filter.worker_id);
    params.emplace_back(*filter.worker_id);
  }
  if (filter.client_id) {
    where += " AND c.client_id = ?";
    params.emplace_back(*filter.client_id);
  }
  if (filter.category) {
    where +=
        " AND EXISTS (SELECT 1 FROM client_categories cc WHERE cc.client_id = c.client_id AND "
        "cc.category = ?)";
    params.emplace_back(*filter.category);
  }
  if (readable.client_regions) {
    const auto& regions = *readable.client_regions;
    where += " AND cl.region_id " + auth::InList(regions.size());
    params.insert(params.end(), regions.begin(), regions.end());
  }
  if (filter.overdue) {
    // A closed case has no deadline (due_at is NULL), so the (org_id, due_at)
    // index answers this alone.
    where += *filter.overdue ? " AND c.due_at IS NOT NULL AND c.due_at < ?"
                             : " AND (c.due_at IS NULL OR c.due_at >= ?)";
    params.emplace_back(now);
  }
  if (filter.opened_from) {
    where += " AND c.opened_at >= ?";
    params.emplace_back(*filter.opened_from);
  }
  if (filter.opened_to) {
    where += " AND c.opened_at < ?";
    params.emplace_back(*filter.opened_to);
  }
  if (!filter.text.empty()) where += TextCondition(backend, filter.text, params);
  return where;
}

std::string TextCondition(store::Backend backend, const std::string& text,
                          std::vector<store::Value>& params) {
  if (backend == store::Backend::kPostgres) {
    // LIKE (not strpos) so that the pg_trgm indexes can answer it.
    params.emplace_back(store::ContainsPattern(text));
    params.emplace_back(store::ContainsPattern(text));
    return " AND (cl.name LIKE ? OR c.problem LIKE ?)";
  }
  if (store::CharCount(text) >= store::kTrigramMinChars) {
    params.emplace_back(store::Fts5Phrase(text));
    params.emplace_back(store::Fts5Phrase(text));
    return " AND (c.client_id IN (SELECT rowid FROM clients_name_fts WHERE clients_name_fts "
           "MATCH ?) OR c.id IN (SELECT rowid FROM cases_problem_fts WHERE cases_problem_fts "
           "MATCH ?))";
  }
  params.emplace_back(text);
  params.emplace_back(text);
  return " AND (instr(cl.name, ?) > 0 OR instr(c.problem, ?) > 0)";
}

Status FillNames(store::Executor& db, const std::vector<Person*>& people) {
  std::set<std::int64_t> ids;
  for (const Person* person : people) ids.insert(person->id);
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db).DisplayNames(ids));
  for (Person* person : people) person->name = names[person->id];
  return Ok();
}

store::Value ActorId(const auth::Actor& actor) {
  return actor.is_system() ? store::Null() : store::Value(actor.user_id());
}

// --- the quality indicators' facts ---------------------------------------------

// A case is active in the window when it was opened before its end and was
// not closed before its start, or a follow-up of it falls due in it.
std::string QualityCasesWhere(std::size_t org_count) {
  return " WHERE c.org_id " + auth::InList(org_count) +
         " AND c.opened_at < ? AND (c.closed_at IS NULL OR c.closed_at >= ? OR EXISTS ("
         "SELECT 1 FROM case_followups qf WHERE qf.case_id = c.id AND qf.due_at >= ?))";
}

std::string QualityCaseIdsWhere(std::size_t id_count) {
  return " WHERE c.id " + auth::InList(id_count);
}

const std::string_view kQualityCasesSql =
    "SELECT c.id, c.org_id, c.primary_worker_id, c.co_worker_id, c.supervisor_id, c.risk, "
    "c.crisis, c.opened_at, c.assessment_at, c.planning_at, c.intervention_at, c.evaluation_at, "
    "c.closed_at, c.first_contact_at, cl.region_id, c.replanned_at, c.plan_end, c.version "
    "FROM cases c JOIN clients cl ON cl.id = c.client_id";
const std::string_view kQualityCategoriesSql =
    "SELECT c.id, cc.category FROM cases c JOIN client_categories cc ON cc.client_id = c.client_id";
const std::string_view kQualityFollowUpsSql =
    "SELECT f.case_id, f.due_at, f.done_at FROM case_followups f JOIN cases c ON c.id = f.case_id "
    "AND f.status <> 'cancelled'";
const std::string_view kQualityFollowUpsTail = " ORDER BY f.case_id, f.due_at, f.id";
const std::string_view kQualityEscalationsSql =
    "SELECT e.case_id, e.escalated_at FROM case_escalations e JOIN cases c ON c.id = e.case_id";
const std::string_view kQualityEscalationsTail = " ORDER BY e.case_id, e.escalated_at";
const std::string_view kQualityEventsSql =
    "SELECT e.case_id, e.at, e.kind FROM case_events e JOIN cases c ON c.id = e.case_id "
    "AND (e.kind = 'reopened' OR (e.kind = 'moved' AND e.data LIKE ?))";
const std::string_view kQualityEventsTail = " ORDER BY e.case_id, e.at, e.id";
const char* const kQualityClosedPattern = "%\"to\":\"closed\"%";
const std::string_view kQualityClosureRequestsSql =
    "SELECT a.case_id, MAX(a.requested_at) FROM case_approvals a JOIN cases c ON c.id = a.case_id "
    "AND a.to_stage = 'closed' AND a.kind = 'move'";
const std::string_view kQualityClosureRequestsTail = " GROUP BY a.case_id";
const std::string_view kQualityFormsSql =
    "SELECT f.case_id, f.stage, f.data FROM case_forms f JOIN cases c ON c.id = f.case_id";

const std::string_view kQualityStoredCasesSql =
    "SELECT c.id, c.org_id, c.primary_worker_id, c.co_worker_id, c.supervisor_id, c.risk, "
    "c.crisis, c.opened_at, c.assessment_at, c.planning_at, c.intervention_at, c.evaluation_at, "
    "c.closed_at, c.first_contact_at, cl.region_id, q.case_id, q.crisis_contact_due, "
    "q.assessment_due, q.planning_due, q.closure_due, q.closure_requested_at, q.gas_t, "
    "q.satisfaction, q.fields_expected, q.fields_filled, q.followups, q.closures, q.escalations "
    "FROM cases c JOIN clients cl ON cl.id = c.client_id "
    "LEFT JOIN case_quality_facts q ON q.case_id = c.id AND q.version = c.version "
    "AND q.rules = ?";
const std::string_view kQualityFactsUpsertHead =
    "INSERT INTO case_quality_facts (case_id, version, rules, crisis_contact_due, "
    "assessment_due, planning_due, closure_due, closure_requested_at, gas_t, satisfaction, "
    "fields_expected, fields_filled, followups, closures, escalations) VALUES ";
const std::string_view kQualityFactsUpsertRow = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
const std::string_view kQualityFactsUpsertTail =
    " ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, rules = excluded.rules, "
    "crisis_contact_due = excluded.crisis_contact_due, assessment_due = excluded.assessment_due, "
    "planning_due = excluded.planning_due, closure_due = excluded.closure_due, "
    "closure_requested_at = excluded.closure_requested_at, gas_t = excluded.gas_t, "
    "satisfaction = excluded.satisfaction, fields_expected = excluded.fields_expected, "
    "fields_filled = excluded.fields_filled, followups = excluded.followups, "
    "closures = excluded.closures, escalations = excluded.escalations";
const std::string_view kQualityFactsOfOrgsDeleteSql =
    "DELETE FROM case_quality_facts WHERE case_id IN (SELECT id FROM cases WHERE org_id ";
const char* const kQualityFactsClearSql = "DELETE FROM case_quality_facts";
const char* const kAllCaseIdsSql = "SELECT id FROM cases ORDER BY id";
const char* const kCaseVersionBumpSql = "UPDATE cases SET version = version + 1 WHERE id = ?";

std::string DumpJson(const nlohmann::json& json) {
  return json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace jieli::cases
