// CaseService: the six-stage case (个案) in the store. Every read and write is
// checked against the caller's organisation scope; the stage rules, deadlines,
// forms and GAS come from the plain-C++ rules beside this file (stage.hpp,
// deadline.hpp, form_schema.hpp, prefill.hpp, gas.hpp, followup.hpp,
// service_record.hpp, attachment.hpp); every
// change is written to the case's timeline and the audit log in the same
// transaction.
//
// Who may do what, on the case's organisation:
//   read a case, its forms, records and timeline   cases.read
//   change it (forms, moves, records, attachments)  cases.write and on the case
//                                                   team, or a supervisor/leader there
//   approve or reject a plan or a closure            cases.approve, not the one who asked,
//                                                   not on the team then or now
//   review a high-risk assessment                    likewise
//   comment on a service record                      cases.approve, the case's supervisor
//                                                   or not on the team; not its author
//   name the case's supervisor                       cases.assign (leaders)
//   read case notes (progress notes)                 the team, supervisors, leaders
//   deadlines and extra form fields of an agency     cases.configure
// Outside the scope a case is "cases.not_found"; inside without the right,
// "auth.forbidden" or "cases.not_on_team".
//
// Concurrency: a change re-reads the case in its transaction and updates it
// only if its version has not moved ("cases.changed" otherwise).
// Thread-safe: holds references only; each call uses its own transaction.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/attachment.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/case_quality_facts.hpp"
#include "modules/cases/scales.hpp"
#include "modules/cases/service_record.hpp"
#include "modules/cases/stats_cache.hpp"
#include "modules/clients/client_service.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/orgs/org_service.hpp"
#include "store/db.hpp"

namespace jieli::cases {

struct StoredCase;

struct MoveResult {
  Case updated;
  std::optional<Approval> approval;  // the approval the move now waits for
};

// One event of a client's cases, with the case it belongs to.
struct ClientTimelineEvent {  // NOLINT(bugprone-exception-escape): as TimelineEvent
  std::int64_t case_id = 0;
  TimelineEvent event;
};

// What the client profile (服务对象档案) shows beside the client record: every
// case of the client the caller may read, newest first, the files on them and
// one timeline across them, newest first (at most kClientTimelineMax events).
struct ClientCases {  // NOLINT(bugprone-exception-escape): as TimelineEvent
  std::vector<Case> cases;
  std::vector<Attachment> attachments;
  std::vector<ClientTimelineEvent> timeline;
  bool timeline_truncated = false;
};

inline constexpr std::int64_t kClientTimelineMax = 200;
inline constexpr std::int64_t kClientCasesMax = 100;

class CaseService {
 public:
  CaseService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
              const clients::ClientService& clients,
              const notifications::NotificationService& notifications)
      : db_(db), clock_(clock), audit_(audit), clients_(clients), notifications_(notifications) {}

  // Opens a case in intake for a client the caller may read.
  Result<Case> Open(const auth::Actor& actor, const CaseInput& input) const;
  Result<Case> Get(const auth::Actor& actor, std::int64_t id) const;
  Result<Page<Case>> List(const auth::Actor& actor, const CaseFilter& filter, std::int64_t offset,
                          std::int64_t limit) const;

  // A stage's form: the agency's schema and the saved data, prefilled.
  Result<StageForm> GetStage(const auth::Actor& actor, std::int64_t id, Stage stage) const;
  // Saves a stage's form (draft: incomplete is fine). Editable: the current
  // stage and earlier ones while the case is open, and the closure form from
  // evaluation on; not the form a pending approval is about.
  Result<StageForm> SaveStage(const auth::Actor& actor, std::int64_t id, Stage stage,
                              const nlohmann::json& data, bool draft) const;
  // Moves the case to `to`, or asks for the supervisor's approval. A step back
  // (IsStepBack) needs the reason, is on the timeline and is not a reopen.
  Result<MoveResult> Move(const auth::Actor& actor, std::int64_t id, Stage to,
                          const std::string& reason = "") const;
  // Sends the plan as the worker has changed it to the supervisor as the next
  // version of the approved plan (CheckPlanRevision). The case stays in its
  // stage; the approved version stays in effect until the new one is approved.
  Result<Approval> SubmitPlanRevision(const auth::Actor& actor, std::int64_t id) const;
  // The approved versions of the case's forms, oldest first: the plan's, and
  // the evaluation and closure of approved closures.
  Result<std::vector<FormVersion>> FormVersions(const auth::Actor& actor, std::int64_t id) const;
  // The reviews of high-risk assessments on the case, newest first.
  Result<std::vector<RiskReview>> RiskReviews(const auth::Actor& actor, std::int64_t id) const;
  // Records the supervisor's review of the case's waiting high-risk assessment.
  Result<RiskReview> ReviewRisk(const auth::Actor& actor, std::int64_t id,
                                const std::string& comment) const;
  Result<Approval> Decide(const auth::Actor& actor, std::int64_t approval_id, bool approve,
                          const std::string& comment) const;
  // Approvals on cases the caller may read; waiting_for_me: pending ones the
  // caller may decide (their supervised cases, or any in their organisations
  // when a case has no supervisor named). sort: "requested_at" (oldest
  // first, the inbox's order) or "-requested_at" (newest first); else
  // validation.failed on "sort".
  Result<Page<Approval>> ListApprovals(const auth::Actor& actor,
                                       std::optional<ApprovalStatus> status, bool waiting_for_me,
                                       std::int64_t offset, std::int64_t limit,
                                       const std::string& sort = "requested_at") const;
  // Hands the case to new_worker (PlanTransfer). Naming a new supervisor in
  // the same request needs cases.assign; a transfer to the case's own
  // supervisor needs one ("cases.transfer_to_supervisor").
  Result<Case> Transfer(const auth::Actor& actor, std::int64_t id, std::int64_t new_worker,
                        const std::string& reason,
                        std::optional<std::int64_t> new_supervisor = std::nullopt) const;
  // A leader (cases.assign) names the case's supervisor: someone who may
  // approve there and is not on the team. Audited, on the timeline
  // ("supervisor_changed"), and the new supervisor is told.
  Result<Case> ChangeSupervisor(const auth::Actor& actor, std::int64_t id,
                                std::int64_t new_supervisor, const std::string& reason) const;
  Result<Case> Reopen(const auth::Actor& actor, std::int64_t id, const std::string& reason) const;

  Result<ServiceRecord> AddService(const auth::Actor& actor, std::int64_t id,
                                   const ServiceInput& input) const;
  Result<Page<ServiceRecord>> ListServices(const auth::Actor& actor, std::int64_t id,
                                           std::int64_t offset, std::int64_t limit) const;
  // Corrects a record (CheckCorrector: its author, within a week): the fields
  // change sets replace the record's, checked as a new record's
  // (CheckService; goals it already named stay allowed); the timeline and the
  // audit log (before/after, case notes only as changed) say what changed.
  // Errors: "cases.service_not_found", "cases.closed", "cases.service_fixed",
  // "cases.service_withdrawn", "cases.service_not_author", "cases.changed"
  // (corrected meanwhile), validation.failed.
  Result<ServiceRecord> CorrectService(const auth::Actor& actor, std::int64_t service_id,
                                       const ServiceChange& change) const;
  // Withdraws a record with a reason (CheckWithdrawer: its author or the
  // case's supervisor): kept and marked, no longer counted on the case; on
  // the timeline with the reason. Errors: "cases.service_not_found",
  // "cases.closed", "cases.withdraw_not_allowed", "cases.service_withdrawn",
  // validation.failed (reason).
  Result<ServiceRecord> WithdrawService(const auth::Actor& actor, std::int64_t service_id,
                                        const std::string& reason) const;
  // A supervisor's comment (督导点评) on a record (CheckCommenter): stored,
  // on the timeline ("service_commented"), audited, and the primary worker
  // and the record's author (while on the team) told. Returns the record with its comments. Errors
  // "cases.service_not_found" (outside the scope too), "auth.forbidden"
  // (without cases.approve), "cases.comment_not_allowed", "validation.failed".
  Result<ServiceRecord> CommentOnService(const auth::Actor& actor, std::int64_t service_id,
                                         const std::string& comment) const;
  // Newest first.
  Result<Page<TimelineEvent>> Timeline(const auth::Actor& actor, std::int64_t id,
                                       std::int64_t offset, std::int64_t limit) const;
  // The cases of a client the caller may read (clients.read on the client:
  // "clients.not_found" otherwise), their files and one timeline across them;
  // no cases (not an error) without cases.read where they are.
  Result<ClientCases> CasesOfClient(const auth::Actor& actor, std::int64_t client_id) const;
  Result<std::vector<FollowUp>> FollowUps(const auth::Actor& actor, std::int64_t id) const;
  // One follow-up as its case's reader sees it ("cases.followup_not_found"
  // outside the scope too).
  Result<FollowUp> GetFollowUp(const auth::Actor& actor, std::int64_t followup_id) const;
  // Records a due follow-up as done with what it found (CheckFollowUpRecord):
  // cases.write on the case; the case's timeline and the audit log say so.
  // `also` runs in the same transaction before it commits, for what is
  // recorded beside it (the contact log's entry: FeedbackService::
  // RecordFollowUp); its error undoes both. Errors "cases.followup_not_found",
  // "cases.followup_closed" (done already), "validation.failed".
  using AlsoInTransaction = std::function<Status(store::Transaction&)>;
  Result<FollowUp> CompleteFollowUp(const auth::Actor& actor, std::int64_t followup_id,
                                    const FollowUpRecord& record,
                                    const AlsoInTransaction& also = {}) const;
  // 为新需求新建个案: opens a case for the client of a done follow-up with new
  // needs, in the closed case's organisation (Open: primary_worker_id, default
  // the caller), its intake draft started from the needs (source "followup"),
  // and links it on the follow-up — once. Errors "cases.followup_not_found",
  // "cases.followup_due" (not recorded yet), "cases.followup_no_needs",
  // "cases.followup_case_opened" (param existing_id), Open's
  // ("cases.client_has_open_case" with existing_id, "validation.failed").
  Result<FollowUp> OpenCaseFromFollowUp(const auth::Actor& actor, std::int64_t followup_id,
                                        std::optional<std::int64_t> primary_worker_id) const;
  // The caller's due and overdue items, oldest due first: deadlines of their
  // open cases due within a week, approvals waiting for them, follow-ups due
  // within a week.
  Result<std::vector<WorkItem>> Worklist(const auth::Actor& actor) const;

  // Counts over the cases the caller may read (in org_id and below, when given).
  Result<CaseStats> Stats(const auth::Actor& actor, std::optional<std::int64_t> org_id) const;

  // The quality indicators' facts of the cases of org_ids active in [from, to)
  // (opened before `to`, not closed before `from`, or with a follow-up due
  // since `from`), by case id. Unchecked: the caller (QualityService) has
  // narrowed org_ids to the caller's scope already, and the bureau, which
  // does not read cases, gets only counts made of these rows.
  Result<std::vector<CaseQualityFacts>> QualityFacts(const std::vector<std::int64_t>& org_ids,
                                                     EpochMs from, EpochMs to) const;
  // Empties the stored quality facts (case_quality_facts) and recomputes them
  // for every case; returns the number of cases. `jieli rollup rebuild`.
  Result<std::int64_t> RebuildQualityFacts() const;
  // An agency's deadlines: its own, else the nearest organisation above it with
  // some, else the defaults.
  Result<DeadlinePolicy> GetPolicy(const auth::Actor& actor, std::int64_t org_id) const;
  Result<DeadlinePolicy> SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                   const DeadlinePolicy& policy) const;
  // An agency's own fields of a stage form ({"properties": {}, "required": []}),
  // and the schema they make with the built-in template.
  Result<nlohmann::json> GetFormFields(const auth::Actor& actor, std::int64_t org_id,
                                       Stage stage) const;
  Result<nlohmann::json> SetFormFields(const auth::Actor& actor, std::int64_t org_id, Stage stage,
                                       const nlohmann::json& fields) const;
  // An agency's own standard scales and the catalogue its forms offer
  // ({"scales": [...], "catalogue": [...]}: the built-in scales, then those of
  // the agency or the nearest organisation above it with some). Reading needs
  // orgs.read there, setting cases.configure; the list replaces the agency's.
  Result<nlohmann::json> GetScales(const auth::Actor& actor, std::int64_t org_id) const;
  Result<nlohmann::json> SetScales(const auth::Actor& actor, std::int64_t org_id,
                                   const std::vector<Scale>& scales) const;

  // Files on a case: PDF, JPEG, PNG, Word/Excel (OOXML) or plain text, judged by
  // their bytes, at most kMaxAttachmentBytes; stored once per SHA-256.
  Result<Attachment> AddAttachment(const auth::Actor& actor, std::int64_t id,
                                   const std::string& file_name, const std::string& bytes) const;
  Result<std::vector<Attachment>> ListAttachments(const auth::Actor& actor, std::int64_t id) const;
  // The file and its bytes; the download is audited.
  Result<std::pair<Attachment, std::string>> DownloadAttachment(const auth::Actor& actor,
                                                                std::int64_t attachment_id) const;

  // Background scans (jobs), each in the job's transaction, over a time slot
  // [slot_start, slot_end) and an hour before it: deadlines a day ahead and
  // just passed (to the workers), deadlines kEscalateAfterDays past
  // (escalated: timeline, and the supervisors told); follow-ups whose day
  // begins. Each notification is sent once however often a slot is scanned.
  Status ScanDeadlines(store::Transaction& tx, EpochMs slot_start, EpochMs slot_end) const;
  Status ScanFollowUps(store::Transaction& tx, EpochMs slot_start, EpochMs slot_end) const;

 private:
  using Loaded = StoredCase;  // case_sql.hpp
  Result<std::optional<Loaded>> Load(store::Executor& db, std::int64_t id) const;
  // Fills in the names kCaseSelect leaves empty (organisation, client, people)
  // with one call to each owning module for all of cases.
  Status NameCases(store::Executor& db, const std::vector<Case*>& cases) const;
  // Likewise for kApprovalSelect; client_ids[i] is the client of approvals[i].
  Status NameApprovals(store::Executor& db, std::vector<Approval>& approvals,
                       const std::vector<std::int64_t>& client_ids) const;
  Result<Loaded> LoadReadable(const auth::Actor& actor, std::int64_t id) const;
  // Loads the case for a change by the caller: read and write rights, on the team
  // or supervising. Done before the transaction so the scope loads outside it.
  Result<Loaded> LoadWritable(const auth::Actor& actor, std::int64_t id) const;
  // Re-reads the case inside tx, "cases.changed" when its version moved.
  Result<Loaded> Reload(store::Executor& tx, const Loaded& before) const;
  bool CanReadNotes(const auth::Actor& actor, const Loaded& c) const;
  // The organisations whose cases the actor may read, narrowed to filter.org_id
  // and those below it; the regions filter.region_id names (it and those below).
  Result<CaseScope> ReadableFor(const auth::Actor& actor, const CaseFilter& filter) const;
  // Stats's counts from the rollup of orgs (in_orgs: their IN list) with the
  // twelve months from first_month (YYYYMM; its first day), overdue left 0.
  Result<CaseStats> RollupStats(const std::vector<store::Value>& orgs, const std::string& in_orgs,
                                LocalDate first_month_day, std::int64_t first_month) const;
  Result<DeadlinePolicy> PolicyFor(store::Executor& db, std::int64_t org_id) const;
  Result<nlohmann::json> SchemaFor(store::Executor& db, std::int64_t org_id, Stage stage) const;
  // The scales an agency's forms offer beside the built-in ones (its own, else
  // the nearest organisation's above it).
  Result<std::vector<Scale>> AgencyScales(store::Executor& db, std::int64_t org_id) const;
  Result<nlohmann::json> SavedForms(store::Executor& db, std::int64_t case_id) const;
  // The newest approved version of a stage's form, if any.
  struct ApprovedForm {  // NOLINT(bugprone-exception-escape): as TimelineEvent
    int version = 0;
    nlohmann::json data;
    EpochMs approved_at = 0;
  };
  Result<std::optional<ApprovedForm>> LatestApproved(store::Executor& db, std::int64_t case_id,
                                                     Stage stage) const;
  // Keeps the forms the approval covers as their next versions.
  Status KeepApprovedVersions(store::Executor& tx, const auth::Actor& actor, std::int64_t case_id,
                              const Approval& approval, const nlohmann::json& forms) const;
  // After an assessment changed the case's risk from `before`: asks for the
  // supervisor's review (NeedsRiskReview), or raises the waiting one's level.
  Status RequestRiskReview(store::Transaction& tx, const auth::Actor& actor, Loaded& c,
                           RiskLevel before) const;
  // The open risk reviews the actor is to do (Worklist).
  Result<std::vector<WorkItem>> RiskReviewItems(const auth::Actor& actor) const;
  Result<StageForm> BuildForm(store::Executor& db, const auth::Actor& actor, const Loaded& c,
                              Stage stage) const;
  // Whether user may work on cases of org_id with permission (team checks).
  Result<bool> UserHolds(store::Executor& db, std::int64_t user_id, std::int64_t org_id,
                         auth::Permission permission) const;
  // Applies an allowed, immediate move (or an approved one) inside tx; a step
  // back is on the timeline with its reason.
  Status ApplyMove(store::Executor& tx, const auth::Actor& actor, Loaded& c, Stage to,
                   const nlohmann::json& forms, const std::string& reason = "") const;
  // The quality facts of the cases `where` selects (QualityCaseIdsWhere or
  // QualityCasesWhere, with params), computed from the records through db, the
  // client's categories left out; appends to versions the case version each
  // was read at.
  Result<std::vector<CaseQualityFacts>> ComputeQualityFacts(
      store::Executor& db, const std::string& where, const std::vector<store::Value>& params,
      std::vector<std::int64_t>& versions) const;
  // Computes the facts of the cases and stores them, in one transaction.
  Result<std::vector<CaseQualityFacts>> StoreQualityFacts(
      const std::vector<std::int64_t>& case_ids) const;
  // Deletes the stored quality facts of the cases of org_id and below (their
  // deadline policy or form fields changed), inside tx.
  Status DropQualityFactsBelow(store::Executor& tx, std::int64_t org_id) const;
  // Writes the case's deadline-bearing columns and bumps its version.
  Status SaveCaseRow(store::Executor& tx, Loaded& c) const;
  Status AddEvent(store::Executor& tx, const auth::Actor& actor, std::int64_t case_id,
                  const std::string& kind, const nlohmann::json& data) const;
  Result<Approval> LoadApproval(store::Executor& db, std::int64_t id) const;
  // The goals a service record may say it worked on: the names of the goals
  // of the approved plan, or of the plan being written before one is approved.
  Result<std::vector<std::string>> PlanGoalNames(store::Executor& db, std::int64_t case_id) const;
  // The case of a record to change, loaded for writing (LoadWritable; an
  // open case), and the record, notes included, into record.
  Result<Loaded> LoadServiceCase(const auth::Actor& actor, std::int64_t service_id,
                                 ServiceRecord& record) const;
  // Names the records' authors and withdrawers and fills in their comments.
  Status FillRecordNames(store::Executor& db, std::vector<ServiceRecord>& records) const;
  // Fills in the comments of the records whose notes the caller may read.
  Status FillComments(store::Executor& db, std::vector<ServiceRecord>& records) const;
  // Who decides the case's approvals: its supervisor, else (none named, or
  // they asked themselves) the supervisors of its organisation and those
  // above (leaders when there are none), never someone on the team nor the
  // one who asked (requested_by; 0 when nobody has).
  Result<std::vector<std::int64_t>> ApproversOf(store::Executor& db, std::int64_t org_id,
                                                const CaseTeam& team,
                                                std::int64_t requested_by = 0) const;
  // The supervisor a new case of org_id gets when none is named: the first
  // active supervisor of it or an organisation above it not on team, else
  // such a leader; nullopt when there is none.
  Result<std::optional<std::int64_t>> DefaultSupervisor(store::Executor& db, std::int64_t org_id,
                                                        const CaseTeam& team) const;
  static notifications::NewNotification AboutCase(std::string_view kind, const Loaded& c,
                                                  nlohmann::json params, std::string dedupe_key);
  // kind: "move" or "plan_revision" (as Approval::kind).
  Status NotifyApprovalRequested(store::Transaction& tx, const Loaded& c, std::int64_t approval_id,
                                 Stage from, Stage to, const auth::Actor& actor,
                                 std::string_view kind = "move") const;
  Status NotifyApprovalDecided(store::Transaction& tx, const Loaded& c, const Approval& approval,
                               bool approved, const std::string& comment,
                               const auth::Actor& actor) const;
  Status NotifyServiceCommented(store::Transaction& tx, const Loaded& c,
                                const ServiceRecord& record, const std::string& comment,
                                const auth::Actor& actor) const;
  Status NotifyTransferred(store::Transaction& tx, const Loaded& c, std::int64_t new_worker,
                           const std::string& reason, const auth::Actor& actor) const;
  Status NotifySupervisorAssigned(store::Transaction& tx, const Loaded& c,
                                  std::int64_t new_supervisor, const std::string& reason,
                                  const auth::Actor& actor) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const clients::ClientService& clients_;
  const notifications::NotificationService& notifications_;
  // Shared, so that the service stays copyable; thread-safe.
  std::shared_ptr<StatsCache> stats_cache_ = std::make_shared<StatsCache>();
};

}  // namespace jieli::cases
