// QualityService: quality management (全面质量管理) in the store — indicators
// computed from the records, their control charts and funnel plots, quality
// objectives, supervision (督导), training, and improvement cycles (PDCA).
// Formulas, limits and state machines are the plain-C++ rules beside this
// file (spc.hpp, period.hpp, audit_sample.hpp, improvement.hpp, indicator
// rules); this class checks the caller's scope and writes the audit log.
//
// Who may do what, on an organisation:
//   see indicators, charts, objectives, supervision,   quality.read — a worker their own
//   training and cycles                                numbers, a supervisor their team's,
//                                                      a leader the agency's, the bureau
//                                                      aggregates of its region (no client)
//   set objectives, record supervision and training,   quality.manage (leaders, supervisors)
//   open and move improvement cycles
// Outside the scope a record is "quality.not_found".
//
// The case data behind the indicators is read through CaseService (the
// quality module's SQL names only its own tables).
// Thread-safe: holds references only; each call uses its own transaction.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/orgs/org.hpp"
#include "modules/quality/audit.hpp"
#include "modules/quality/client_voice.hpp"
#include "modules/quality/improvement.hpp"
#include "modules/quality/indicator.hpp"
#include "modules/quality/objective.hpp"
#include "modules/quality/signal.hpp"
#include "modules/quality/supervision.hpp"
#include "modules/quality/values_cache.hpp"
#include "store/db.hpp"

namespace jieli::quality {

// The quality duties (质量职责) of one post (role) at an organisation: its own
// list, or the nearest organisation's above it (from_org_id says whose).
struct PostDuties {
  orgs::Role role = orgs::Role::kWorker;
  std::vector<std::string> duties;
  std::optional<std::int64_t> from_org_id;  // none: nothing set for the post
};

// One open action on the caller's work list.
struct MyWork {
  std::vector<QualityAction> items;  // overdue first, then by due date
  std::int64_t overdue = 0;
};

// An organisation's stage checklists: its own copy, the nearest one above
// it, or the built-in list (from_org_id empty).
struct AuditChecklist {
  std::vector<ChecklistItem> items;
  std::optional<std::int64_t> from_org_id;
};

struct FindingFilter {
  std::optional<std::int64_t> round_id;
  std::optional<FindingState> state;
  bool mine = false;  // only those on the caller's own cases
};

class QualityService {
 public:
  QualityService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                 const cases::CaseService& cases,
                 const notifications::NotificationService& notifications)
      : db_(db), clock_(clock), audit_(audit), cases_(cases), notifications_(notifications) {}

  // Where the clients' survey scores come from (the feedback module), set
  // once before the service is used; without it the indicators read the
  // evaluation forms alone.
  void SetClientVoice(const ClientVoice& voice) { voice_ = &voice; }

  // --- indicators, series, funnel plots, objectives (quality_indicators.cpp) ---

  // Every indicator over the window, by query.by (and per period with a
  // granularity), over the cases the caller may see: a worker their own, a
  // supervisor those they supervise and their own, a leader and the bureau
  // every case of the organisations where they hold the role. Errors:
  // "quality.not_found" for an org_id outside the scope, validation.failed.
  Result<ValuesTable> Values(const auth::Actor& actor, const IndicatorQuery& query) const;
  // One indicator per period with its control chart from the baseline (the
  // whole range by default). No limits when the baseline has too little data.
  Result<IndicatorSeries> Series(const auth::Actor& actor, std::string_view id,
                                 const IndicatorQuery& query) const;
  // The units (query.by: org, worker or district) of one indicator over the
  // window against the overall value, with the funnel's limits.
  Result<IndicatorFunnel> Funnel(const auth::Actor& actor, std::string_view id,
                                 const IndicatorQuery& query) const;

  // --- objectives and policy (quality_objectives.cpp) ---

  // The objectives in force at org_id (its own and those inherited from above,
  // objective.hpp InForce), each with its actual value over the period of its
  // granularity around the reference day (ReferenceDay: today, or in
  // `period`), computed as Values does over org_id and below, for the cases
  // the caller may see (quality.read there, else "quality.not_found").
  Result<std::vector<ObjectiveProgress>> Objectives(const auth::Actor& actor, std::int64_t org_id,
                                                    const std::optional<Period>& period) const;
  // Sets an objective at an organisation (quality.manage there). Errors:
  // validation.failed (CheckObjective; owner_id not_member; note too_long),
  // "quality.objective_exists" (conflict) when the organisation has one for
  // the indicator. Audited. The answer is the objective at its organisation.
  Result<ObjectiveProgress> SetObjective(const auth::Actor& actor,
                                         const ObjectiveInput& input) const;
  // Changes an objective's target, granularity, owner and note (its
  // organisation and indicator stay). Audited.
  Result<ObjectiveProgress> ChangeObjective(const auth::Actor& actor, std::int64_t id,
                                            const ObjectiveInput& input) const;
  // Removes an objective; the organisations below inherit from above again.
  Status RemoveObjective(const auth::Actor& actor, std::int64_t id) const;
  // The quality policy in force at an organisation (quality.read).
  Result<QualityPolicy> Policy(const auth::Actor& actor, std::int64_t org_id) const;
  // Sets an organisation's own policy text (quality.manage); a blank text
  // removes it, so the nearest one above is in force again. Audited.
  Result<QualityPolicy> SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                  const std::string& text) const;

  // --- supervision, training, improvement cycles (quality_supervision.cpp,
  //     quality_training.cpp, quality_improvements.cpp) ---

  // Supervision sessions the caller may see: those of organisations where
  // they lead (leaders see the agency's), else those they led, wrote or were
  // supervised in (quality.read there). sort: date, -date (default), minutes,
  // -minutes. Filters: organisation (and below), supervisor, supervisee, period.
  Result<Page<SupervisionSession>> ListSupervision(const auth::Actor& actor,
                                                   const SupervisionFilter& filter,
                                                   std::int64_t offset, std::int64_t limit) const;
  Result<SupervisionSession> GetSupervision(const auth::Actor& actor, std::int64_t id) const;
  // The workers of an organisation and those below it (quality.manage there)
  // with their last supervision session anywhere and whether one is due
  // (SupervisionDueOf): the due first, the longest waiting first.
  Result<std::vector<SupervisionDue>> SupervisionDueAt(const auth::Actor& actor,
                                                       std::int64_t org_id) const;
  // Records a session (quality.manage on the organisation). The supervisor
  // (default the caller) holds quality.manage there; supervisees and action
  // owners are its members; each case discussed must be readable by the
  // supervisor (asked of CaseService). Audited. Errors: "quality.not_found"
  // (organisation outside the scope), "auth.forbidden", validation.failed.
  Result<SupervisionSession> RecordSupervision(const auth::Actor& actor,
                                               const SupervisionInput& input) const;
  // Corrects a session (CheckSessionCorrector: its author, within 7 days):
  // everything but the organisation, the supervisor and the actions.
  Result<SupervisionSession> CorrectSupervision(const auth::Actor& actor, std::int64_t id,
                                                const SupervisionInput& input) const;
  // Marks an action done, with an optional note (its owner; for a session's
  // action its supervisor, for a cycle's its owner). "quality.action_done"
  // when it is done already; "quality.not_action_owner" (forbidden).
  Result<QualityAction> CompleteAction(const auth::Actor& actor, std::int64_t action_id,
                                       const std::string& note) const;
  // Adds a progress note to an open action (the same people).
  Result<QualityAction> AddActionProgress(const auth::Actor& actor, std::int64_t action_id,
                                          const std::string& note) const;
  // The caller's open actions, of sessions and of cycles, overdue first.
  Result<MyWork> MyOpenActions(const auth::Actor& actor) const;

  // Training sessions of the organisations the caller may read (org_id and
  // below), newest first, in a period.
  Result<Page<Training>> ListTrainings(const auth::Actor& actor, std::optional<std::int64_t> org_id,
                                       const std::string& from, const std::string& to,
                                       std::int64_t offset, std::int64_t limit) const;
  Result<Training> GetTraining(const auth::Actor& actor, std::int64_t id) const;
  // Records a session and who attended (quality.manage; attendees are members).
  Result<Training> RecordTraining(const auth::Actor& actor, const TrainingInput& input,
                                  const std::vector<Attendee>& attendees) const;
  // Replaces the attendance of a session.
  Result<Training> SetAttendance(const auth::Actor& actor, std::int64_t id,
                                 const std::vector<Attendee>& attendees) const;
  // Training per person in org_id and below over [from, to]: everyone's with
  // quality.manage there, else the caller's own.
  Result<std::vector<HoursOfPerson>> TrainingHours(const auth::Actor& actor, std::int64_t org_id,
                                                   const std::string& from,
                                                   const std::string& to) const;
  // The quality duties of every post at an organisation (quality.read).
  Result<std::vector<PostDuties>> Duties(const auth::Actor& actor, std::int64_t org_id) const;
  // Sets one post's duties at an organisation (quality.manage). Audited.
  Result<std::vector<PostDuties>> SetDuties(const auth::Actor& actor, std::int64_t org_id,
                                            orgs::Role role,
                                            const std::vector<std::string>& duties) const;

  // Improvement cycles of the organisations the caller may read (org_id and
  // below), in a phase, newest first.
  Result<Page<Improvement>> ListImprovements(const auth::Actor& actor,
                                             std::optional<std::int64_t> org_id,
                                             std::optional<Phase> phase, std::int64_t offset,
                                             std::int64_t limit) const;
  Result<Improvement> GetImprovement(const auth::Actor& actor, std::int64_t id) const;
  // Opens a cycle in plan (quality.manage). Audited and on its history.
  Result<Improvement> OpenImprovement(const auth::Actor& actor,
                                      const ImprovementInput& input) const;
  // Changes a cycle's fields and adds actions (quality.manage; not when closed).
  Result<Improvement> ChangeImprovement(const auth::Actor& actor, std::int64_t id,
                                        const ImprovementChange& change) const;
  // Moves a cycle to the next phase (CheckTransition). Audited, on its history.
  Result<Improvement> MoveImprovement(const auth::Actor& actor, std::int64_t id, Phase to,
                                      const std::string& note) const;

  // --- indicator signals (quality_signals.cpp) ---

  // Charts every measured indicator per month over the last kSignalMonths for
  // every active agency and for each bureau (its whole city), as the series
  // route does with the indicator page's baseline, and returns each rule
  // break of an ended month not recorded yet. Reads only (outside any
  // transaction: at city scale it takes seconds). Unchecked.
  Result<std::vector<FoundSignal>> FindSignals() const;
  // Records the signals found, each unless recorded meanwhile, and tells the
  // organisation's leaders and supervisors (the bureau's officers and
  // leaders) of each one recorded, once. Unchecked.
  Result<SignalRun> RecordSignals(store::Transaction& tx,
                                  const std::vector<FoundSignal>& found) const;
  // Both, the recording in a transaction of its own (the demo, the CLI; the
  // nightly job runs the two steps itself). Idempotent: a signal recorded is
  // never recorded or notified again.
  Result<SignalRun> EvaluateSignals() const;
  // Signals of the organisations where the caller leads, supervises or is a
  // bureau officer (quality.read), newest first.
  Result<Page<Signal>> ListSignals(const auth::Actor& actor, const SignalFilter& filter,
                                   std::int64_t offset, std::int64_t limit) const;
  // Dismisses an open signal with a note saying why (quality.manage). Audited.
  // "quality.signal_handled" (409) when it is not open.
  Result<Signal> DismissSignal(const auth::Actor& actor, std::int64_t id,
                               const std::string& note) const;
  // Opens an improvement cycle in plan from an open signal (quality.manage):
  // source indicator_signal "indicator:period", title and problem from the
  // signal, the caller its owner; links it to the signal. Audited.
  // "quality.signal_handled" (409) when the signal is not open.
  Result<Improvement> OpenImprovementFromSignal(const auth::Actor& actor, std::int64_t id) const;
  // --- case-file audits (quality_audits.cpp) ---
  // A round is seen whole by quality.manage on its organisation and by its
  // auditors; a worker with cases in it sees those cases, their scores and
  // findings only; anyone else gets "quality.not_found".

  // The stage checklists of an organisation (quality.read).
  Result<AuditChecklist> Checklist(const auth::Actor& actor, std::int64_t org_id) const;
  // Replaces the organisation's own copy (quality.manage; CheckChecklist);
  // no items: back to the list above it. Audited.
  Result<AuditChecklist> SetChecklist(const auth::Actor& actor, std::int64_t org_id,
                                      std::vector<ChecklistItem> items) const;
  // Rounds the caller may see (org_id and below), newest first.
  Result<Page<AuditRound>> ListRounds(const auth::Actor& actor, std::optional<std::int64_t> org_id,
                                      std::int64_t offset, std::int64_t limit) const;
  Result<AuditRound> GetRound(const auth::Actor& actor, std::int64_t id) const;
  // Draws a round (quality.manage): the population's cases through
  // CaseService, the sample with the seed (given, or a fresh one, recorded),
  // each case to an auditor who does not work on it. Auditors hold a
  // supervisor's or leader's role there. Audited.
  Result<AuditRound> CreateRound(const auth::Actor& actor, const AuditRoundInput& input) const;
  // Closes a round whose every audited case is done ("quality.audit_incomplete").
  Result<AuditRound> FinishRound(const auth::Actor& actor, std::int64_t id) const;
  // One case of a round with its scores.
  Result<AuditCase> GetAuditCase(const auth::Actor& actor, std::int64_t round_id,
                                 std::int64_t case_id) const;
  // Saves the case's scores (its auditor, the round open); done needs every
  // applicable item scored. Audited.
  Result<AuditCase> ScoreCase(const auth::Actor& actor, std::int64_t round_id, std::int64_t case_id,
                              const CaseScoreInput& input) const;
  // Scores per worker, per item and overall, findings by severity.
  Result<AuditResults> RoundResults(const auth::Actor& actor, std::int64_t id) const;
  // A finding on a case of an open round, by its auditor, owned by the case's
  // primary worker. Audited.
  Result<AuditFinding> RaiseFinding(const auth::Actor& actor, std::int64_t round_id,
                                    const FindingInput& input) const;
  Result<std::vector<AuditFinding>> ListFindings(const auth::Actor& actor,
                                                 const FindingFilter& filter) const;
  Result<AuditFinding> GetFinding(const auth::Actor& actor, std::int64_t id) const;
  // The owner marks it corrected (note required); the auditor (or
  // quality.manage there) verifies it (closed) or reopens it. Audited.
  Result<AuditFinding> CorrectFindingBy(const auth::Actor& actor, std::int64_t id,
                                        const std::string& note) const;
  Result<AuditFinding> VerifyFindingBy(const auth::Actor& actor, std::int64_t id,
                                       const std::string& note) const;
  Result<AuditFinding> ReopenFindingBy(const auth::Actor& actor, std::int64_t id,
                                       const std::string& note) const;
  // Opens an improvement cycle from the finding (OpenImprovement, source
  // audit_finding); once per finding ("quality.finding_has_cycle").
  Result<Improvement> ImproveFromFinding(const auth::Actor& actor, std::int64_t id) const;
  // The caller's open findings, overdue first.
  Result<std::vector<AuditFinding>> MyOpenFindings(const auth::Actor& actor) const;

 private:
  // One indicator per period over facts, with its control chart from the
  // baseline [begin, end) of periods: the series route's computation.
  static IndicatorSeries SeriesOf(const IndicatorDef& def,
                                  const std::vector<cases::CaseQualityFacts>& facts,
                                  const std::vector<Period>& periods, std::size_t begin,
                                  std::size_t end, EpochMs now);
  // The same for a staff indicator (supervision or training hours).
  static IndicatorSeries StaffSeriesOf(const IndicatorDef& def, const StaffRecords& staff,
                                       const std::vector<Period>& periods, std::size_t begin,
                                       std::size_t end);
  // Inserts a cycle with its actions and first history entry, audited.
  Result<std::int64_t> InsertImprovement(store::Transaction& tx, const auth::Actor& actor,
                                         const ImprovementInput& input,
                                         std::int64_t owner_id) const;
  Result<std::vector<Signal>> LoadSignals(store::Executor& db, const std::string& where,
                                          const std::vector<store::Value>& params) const;
  // A signal the caller may see, else "quality.not_found".
  Result<Signal> VisibleSignal(const auth::Actor& actor, std::int64_t id) const;
  // What the caller may see among query.org_id's organisations (and below):
  // the facts of the cases active in [from, to), and the staff on the roll —
  // a worker only themself — with their supervision and training hours over
  // query.from … query.to.
  struct VisibleRecords {
    std::vector<cases::CaseQualityFacts> facts;
    StaffRecords staff;
  };
  Result<VisibleRecords> RecordsWithin(const auth::Actor& actor, const IndicatorQuery& query,
                                       EpochMs from, EpochMs to) const;
  // The display names of units (organisations, workers, regions) by key.
  Result<std::map<std::string, std::string>> UnitNames(UnitBy by,
                                                       const std::set<std::string>& keys) const;
  // The organisations where the caller leads (sees every session there).
  Result<std::set<std::int64_t>> LeaderOrgs(const auth::Actor& actor) const;
  Result<std::vector<SupervisionSession>> LoadSessions(store::Executor& db,
                                                       const std::string& where,
                                                       const std::vector<store::Value>& params,
                                                       bool with_actions) const;
  // A session the caller may see, else "quality.not_found".
  Result<SupervisionSession> VisibleSession(const auth::Actor& actor, std::int64_t id) const;
  Result<std::vector<QualityAction>> LoadActions(store::Executor& db, const std::string& where,
                                                 const std::vector<store::Value>& params) const;
  // Problems with the people and cases a session names.
  Result<std::vector<FieldIssue>> CheckSessionPeople(const auth::Actor& actor,
                                                     std::int64_t supervisor_id,
                                                     const SupervisionInput& input) const;
  Result<QualityAction> WorkAction(const auth::Actor& actor, std::int64_t action_id,
                                   const std::string& note, bool done) const;
  Result<std::vector<FieldIssue>> CheckOwners(std::int64_t org_id,
                                              const std::vector<ActionInput>& actions,
                                              const std::string& field) const;
  Status InsertActions(store::Executor& tx, std::int64_t org_id,
                       std::optional<std::int64_t> session_id,
                       std::optional<std::int64_t> improvement_id,
                       const std::vector<ActionInput>& actions) const;
  Result<std::vector<Training>> LoadTrainings(store::Executor& db, const std::string& where,
                                              const std::vector<store::Value>& params) const;
  Result<Training> VisibleTraining(const auth::Actor& actor, std::int64_t id) const;
  Result<std::vector<Improvement>> LoadImprovements(store::Executor& db, const std::string& where,
                                                    const std::vector<store::Value>& params,
                                                    bool full) const;
  Result<Improvement> VisibleImprovement(const auth::Actor& actor, std::int64_t id) const;
  // Objectives by a query of kObjectivesOfOrgsSql's columns, owners named.
  Result<std::vector<Objective>> LoadObjectives(store::Executor& db, const std::string& sql,
                                                const std::vector<store::Value>& params) const;
  // An objective the caller may manage, else "quality.not_found" (outside
  // the scope) or forbidden.
  Result<Objective> ManagedObjective(const auth::Actor& actor, std::int64_t id) const;
  // The actual values and status of objectives in force at org_id.
  Result<std::vector<ObjectiveProgress>> ProgressOf(const auth::Actor& actor, std::int64_t org_id,
                                                    std::vector<Objective> in_force,
                                                    const std::optional<Period>& period) const;
  // The problems with an objective's input (rules, owner, note).
  Result<std::vector<FieldIssue>> CheckObjectiveInput(const ObjectiveInput& input) const;
  Result<AuditRound> LoadRound(store::Executor& db, std::int64_t id) const;
  // A round the caller may see (whole, or a worker's view), else not found.
  Result<AuditRound> VisibleRound(const auth::Actor& actor, std::int64_t id) const;
  Result<std::vector<AuditFinding>> LoadFindings(store::Executor& db, const std::string& where,
                                                 const std::vector<store::Value>& params) const;
  Result<AuditFinding> VisibleFinding(const auth::Actor& actor, std::int64_t id) const;
  Result<AuditFinding> MoveFinding(const auth::Actor& actor, std::int64_t id,
                                   const std::string& note, std::string_view how) const;
  // Fills in the names of people (one look-up for all).
  Status FillNames(store::Executor& db, const std::vector<Person*>& people) const;

  store::Db& db_;
  const Clock& clock_;
  // The bureau's values tables, a minute at most (shared by copies of the service).
  std::shared_ptr<ValuesCache> values_cache_ = std::make_shared<ValuesCache>();
  const audit::AuditLog& audit_;
  const cases::CaseService& cases_;
  const ClientVoice* voice_ = nullptr;
  const notifications::NotificationService& notifications_;
};

}  // namespace jieli::quality
