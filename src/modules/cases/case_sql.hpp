// The SQL of the cases module and the mapping of its rows, shared by the
// CaseService translation units. Internal to src/modules/cases.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/error.hpp"
#include "core/result.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case.hpp"
#include "store/db.hpp"

namespace jieli::cases {

// A case as stored, with what its rules need.
struct StoredCase {
  Case c;
  CaseTeam team;
  std::string plan_end;  // YYYY-MM-DD or ""
  std::int64_t version = 0;
};

// SELECT of every case column, the names left empty (CaseService::NameCases
// fills them in from their modules); append WHERE.
extern const std::string_view kCaseSelect;
// The FROM of a case list: cases alone, or with their clients when a
// condition (CaseWhere, TextCondition) or the order is on the client, an
// exception kept for speed (0008).
extern const std::string_view kCasesFrom;
extern const std::string_view kCasesWithClientsFrom;
extern const char* const kCaseInsertSql;  // … RETURNING id
extern const char* const kCaseUpdateSql;  // params from CaseUpdateParams
// The deadlines set at organisations: append auth::InList(n) and n ids.
// Rows: (org_id, assessment, planning, closure days, crisis first-contact hours).
extern const std::string_view kPoliciesOfOrgsSql;
// The extra fields of stage (param 1) set at organisations: append
// auth::InList(n) and n ids. Rows: (org_id, fields).
extern const std::string_view kFormFieldsOfOrgsSql;
extern const char* const kFormUpsertSql;
extern const std::string_view kApprovalSelect;
extern const std::string_view kPendingApprovalIdsSql;
// case, org, from, to, requested_by, requested_at, the team's primary and
// co-worker at the request … RETURNING id
extern const char* const kApprovalInsertSql;

// Forms, events, case lists, approvals, reopening.
extern const char* const kCaseFormsOfCaseSql;
extern const char* const kEventInsertSql;
extern const char* const kOpenCaseOfClientSql;
// append the FROM and WHERE
extern const char* const kCaseCountFromSql;
// append the FROM, WHERE, ORDER BY, LIMIT ? OFFSET ?
extern const char* const kCaseIdsFromSql;
extern const char* const kFormUpdatedAtSql;
extern const char* const kFollowUpInsertSql;
extern const char* const kApprovalDecideSql;
// append WHERE
extern const char* const kApprovalCountSql;
extern const char* const kFollowUpsCancelSql;

// Service records.
// The author's name ('' here) comes from the orgs module (FillNames).
extern const char* const kServiceSelect;  // append WHERE
// … RETURNING id
extern const char* const kServiceInsertSql;
extern const char* const kServiceCountUpSql;
extern const char* const kServicesOfCaseCountSql;
// params: when, the case; a crisis record counted on its case.
extern const char* const kCrisisCountUpSql;
// params: the corrected fields in kServiceInsertSql's order from service_date
// to next_steps (without created_by, created_at), corrected_at, the record,
// and the corrected_at it was read with (0 for never): no row when it was
// withdrawn or corrected meanwhile.
extern const char* const kServiceCorrectSql;
// params: when, by whom, the reason, the record; no row when already withdrawn.
extern const char* const kServiceWithdrawSql;
// params: when, the case; a withdrawn record no longer counted.
extern const char* const kServiceCountDownSql;
extern const char* const kCrisisCountDownSql;  // params: the case
extern const char* const kServiceCaseSql;      // the case of a record
// The date, minutes and author of a record (what the rollup counts).
extern const char* const kServiceCountedSql;
extern const char* const kFormOfCaseSql;  // params: case, stage; row: (data)
// … RETURNING id
extern const char* const kServiceCommentInsertSql;
// The comments of records, oldest first: append auth::InList(n), n ids and the
// ORDER BY. Rows: (id, service_id, comment, created_by, created_at).
extern const char* const kServiceCommentsSql;

// Attachments.
// The uploader's name ('' here) comes from the orgs module (FillNames).
extern const char* const kAttachmentSelect;  // append WHERE
extern const char* const kBlobInsertSql;
// … RETURNING id
extern const char* const kAttachmentInsertSql;
extern const char* const kAttachmentBlobSql;

// Form versions: (case, stage, data, approval, approved_by, approved_at, case,
// stage) — the next version number is computed in the statement.
extern const char* const kFormVersionInsertSql;
// Rows: stage, version, data, approval_id, approved_by, '' (the name), approved_at;
// oldest first.
extern const char* const kFormVersionsOfCaseSql;
// (case, stage) → version, data, approved_at of the newest.
extern const char* const kLatestFormVersionSql;

// High-risk assessment reviews. Select rows: id, case_id, risk, requested_by,
// '', requested_at, due_at, reviewed_by, '', reviewed_at, comment.
extern const char* const kRiskReviewInsertSql;  // … RETURNING id
extern const char* const kRiskReviewRaiseSql;   // (risk, id)
extern const char* const kRiskReviewDoneSql;    // (by, at, comment, id)
extern const char* const kRiskReviewSelect;     // append WHERE
// Open reviews with their case's client, stage, team and organisation: append
// auth::InList(n) and n organisation ids.
extern const char* const kOpenRiskReviewsSql;
RiskReview RiskReviewFromRow(const store::Row& row, EpochMs now);

// Settings: deadlines and form fields of an organisation.
extern const char* const kPolicyUpsertSql;
extern const char* const kFormFieldsOfOrgStageSql;
extern const char* const kFormFieldsUpsertSql;
// An agency's own standard scales (JSON list): of the organisations in a list
// (append auth::InList; org_id, scales), of one organisation, and their upsert.
extern const std::string_view kScalesOfOrgsSql;
extern const char* const kScalesOfOrgSql;
extern const char* const kScalesUpsertSql;

// Alerts.
extern const char* const kDeadlinesInWindowsSql;
// … RETURNING case_id
extern const char* const kEscalationInsertSql;
extern const char* const kFollowUpsDueSql;

// The work list: append auth::InList(n), then the condition; params: n
// organisation ids, me, me, the horizon.
extern const char* const kMyDeadlinesSql;
extern const char* const kMyDeadlinesCondition;
extern const char* const kMyFollowUpsSql;
extern const char* const kMyFollowUpsCondition;

// Timeline.
extern const char* const kEventsOfCaseCountSql;
extern const char* const kEventsOfCaseSql;

// Follow-ups.
// The name of who did it ('' here) comes from the orgs module (FillNames).
extern const char* const kFollowUpSelect;  // append WHERE
extern const char* const kFollowUpDoneSql;
extern const char* const kFollowUpNewCaseSql;  // new_case_id, id; 0 rows: one was opened

// The case statistics from the rollup (rollup_schema.hpp): append
// auth::InList(n), then the tail; params: n organisation ids, then the tail's.
// Rows: (worker, stage, risk, cases), one per organisation.
extern const std::string_view kRollupStateOfOrgsSql;
// One row: the sum of the organisations' rollup versions (stats_cache.hpp).
extern const std::string_view kRollupVersionOfOrgsSql;
// Rows: (month YYYYMM, opened, closed) per organisation; the tail's param: the first month.
extern const std::string_view kRollupMonthsOfOrgsSql;
extern const char* const kRollupSinceMonth;
// Open cases past their deadline per primary worker, from the index
// cases(org_id, due_at, stage, primary_worker_id); the tail's param: now.
extern const std::string_view kOverduePerWorkerOfOrgsSql;
extern const char* const kOverduePerWorkerCondition;

StoredCase CaseFromRow(const store::Row& row, EpochMs now);
std::vector<store::Value> CaseUpdateParams(const Case& c, const CaseTeam& team,
                                           const std::string& plan_end, EpochMs now,
                                           std::int64_t version);
DeadlineFacts FactsOf(const Case& c, const std::string& plan_end);
Approval ApprovalFromRow(const store::Row& row);

// The ORDER BY of a sort name, or "validation.failed" naming the allowed ones.
Result<std::string> CaseSortSql(const std::string& sort);

// " WHERE …" over the readable organisations and regions and the rest of the
// filter (its org_id and region_id are in readable); appends params.
std::string CaseWhere(store::Backend backend, const CaseScope& readable, const CaseFilter& filter,
                      EpochMs now, std::vector<store::Value>& params);

// " AND (…)": the client's name or the case's problem contains text, through
// the trigram indexes where they can answer (search_schema.hpp).
std::string TextCondition(store::Backend backend, const std::string& text,
                          std::vector<store::Value>& params);

// Fills in the display names of people whose ids the rows gave (the names
// from the orgs module, in one call for them all).
Status FillNames(store::Executor& db, const std::vector<Person*>& people);

// The quality indicators' facts (CaseService::QualityFacts). Each query ends in
// the condition kQualityCasesWhere, then its tail where it has one; the
// condition's parameters are appended after auth::InList(n) of the
// organisations: (window end, window start, window start).
extern const std::string_view kQualityCasesSql;        // one row per case
extern const std::string_view kQualityCategoriesSql;   // (case_id, category)
extern const std::string_view kQualityFollowUpsSql;    // (case_id, due_at, done_at)
extern const std::string_view kQualityFollowUpsTail;   // in due order
extern const std::string_view kQualityEscalationsSql;  // (case_id, escalated_at)
extern const std::string_view kQualityEscalationsTail;
// (case_id, at, kind): closures and reopenings, oldest first; the pattern
// parameter (kQualityClosedPattern) goes first.
extern const std::string_view kQualityEventsSql;
extern const std::string_view kQualityEventsTail;
extern const char* const kQualityClosedPattern;
extern const std::string_view kQualityClosureRequestsSql;  // (case_id, latest requested_at)
extern const std::string_view kQualityClosureRequestsTail;
extern const std::string_view kQualityFormsSql;  // (case_id, stage, data)
// " IN (…) AND …": the organisations' cases active in [start, end).
std::string QualityCasesWhere(std::size_t org_count);
// " WHERE c.id IN (…)": the cases whose facts are computed (stored ones missing
// or stale); their ids are the parameters, and the queries above take it in
// place of QualityCasesWhere.
std::string QualityCaseIdsWhere(std::size_t id_count);
// The rules the stored facts were computed under: moved on when what
// QualityFacts derives changes (deadline.cpp's arithmetic, the built-in form
// templates, the list encodings), so that the rows stored before are
// recomputed on their next read.
inline constexpr std::int64_t kQualityFactsRules = 1;
// The stored facts (quality_facts_schema.hpp). kQualityStoredCasesSql is one
// row per case like kQualityCasesSql, its stored row (NULL columns when
// missing, or computed at another version or under other rules) joined; its
// first parameter is kQualityFactsRules, then the condition's as above.
extern const std::string_view kQualityStoredCasesSql;
// The head of a multi-row upsert; append kQualityFactsUpsertRow per row,
// separated by commas, then kQualityFactsUpsertTail.
extern const std::string_view kQualityFactsUpsertHead;
extern const std::string_view kQualityFactsUpsertRow;
extern const std::string_view kQualityFactsUpsertTail;
// Deletes the stored facts of the cases of organisations (append
// auth::InList(n) and ")"), after their policy or form fields changed.
extern const std::string_view kQualityFactsOfOrgsDeleteSql;
extern const char* const kQualityFactsClearSql;
extern const char* const kAllCaseIdsSql;
// A write that moves a quality fact without going through SaveCaseRow (a
// follow-up done, an escalation) moves the case's version on (params: id).
extern const char* const kCaseVersionBumpSql;

store::Value ActorId(const auth::Actor& actor);  // NULL for the system
std::string DumpJson(const nlohmann::json& json);

}  // namespace jieli::cases
