// The records of the cases module as the service hands them out: a case (个案)
// with its team and deadlines, stage forms, approvals, service records,
// timeline events, follow-ups and worklist items. Plain data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/clock.hpp"
#include "modules/cases/deadline.hpp"
#include "modules/cases/followup.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

struct Person {
  std::int64_t id = 0;
  std::string name;  // display name
};

// The supervisor's review of a high-risk assessment (risk_review.hpp).
struct RiskReview {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  RiskLevel risk = RiskLevel::kHigh;
  std::optional<Person> requested_by;
  EpochMs requested_at = 0;
  EpochMs due_at = 0;
  bool overdue = false;  // not reviewed and past due_at
  std::optional<Person> reviewed_by;
  std::optional<EpochMs> reviewed_at;
  std::string comment;
};

struct Case {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;
  std::int64_t client_id = 0;
  std::string client_name;
  Stage stage = Stage::kIntake;
  RiskLevel risk = RiskLevel::kLow;
  bool crisis = false;
  std::string problem;  // the intake's presenting problem
  Person primary_worker;
  std::optional<Person> co_worker;
  std::optional<Person> supervisor;
  EpochMs opened_at = 0;
  std::optional<EpochMs> assessment_at, planning_at, intervention_at, evaluation_at, closed_at;
  std::optional<EpochMs> first_contact_at;
  std::optional<EpochMs> due_at;  // the deadline now running
  bool overdue = false;
  int days_overdue = 0;
  std::string closure_reason;
  int reopen_count = 0;
  int service_count = 0;
  // Service records of mode crisis (危机介入), and when the last was recorded;
  // unlike `crisis` (the intake's urgency) these say a crisis was worked on.
  int crisis_interventions = 0;
  std::optional<EpochMs> last_crisis_at;
  // The move waiting for a supervisor, if any, and who asked for it when.
  struct PendingApproval {
    std::int64_t id = 0;
    Stage to = Stage::kClosed;
    Person requested_by;
    EpochMs requested_at = 0;
    // "move", or "plan_revision": a new version of the approved plan (the
    // case stays in its stage, `to`).
    std::string kind = "move";
  };
  std::optional<PendingApproval> pending;
  // The high-risk assessment review waiting for the supervisor, if any
  // (requested_by and the reviewer left empty).
  std::optional<RiskReview> risk_review;
  // When the case last stepped back to planning (its plan's deadline runs from then).
  std::optional<EpochMs> replanned_at;
  EpochMs updated_at = 0;
};

// kCrisis: a crisis intervention (危机介入), marked on the case and its timeline.
enum class ServiceMode { kFaceToFace, kHomeVisit, kPhone, kOnline, kGroup, kCrisis };
std::string_view ToString(ServiceMode mode);
std::optional<ServiceMode> ParseServiceMode(std::string_view text);
const std::vector<std::string>& ServiceModeNames();

// Who took part in a contact besides the worker.
enum class Participant { kClient, kFamily, kOther };
std::string_view ToString(Participant participant);
std::optional<Participant> ParseParticipant(std::string_view text);
const std::vector<std::string>& ParticipantNames();

struct ServiceInput {
  std::string date;  // YYYY-MM-DD, not in the future
  int minutes = 0;   // 1 … 1440
  ServiceMode mode = ServiceMode::kFaceToFace;
  std::string content;
  std::string technique;
  std::string progress_note;  // a case note: only the team, supervisors and leaders read it
  std::string place;
  // At least one on a new record; empty on records made before they were asked.
  std::vector<Participant> participants;
  std::string participants_note;             // who else took part
  std::vector<std::string> goals_addressed;  // names of goals of the case's plan
  std::string client_response;               // a case note, as progress_note
  std::string next_steps;
};

// A supervisor's comment (督导点评) on a service record; a case note.
struct ServiceComment {
  std::int64_t id = 0;
  Person by;
  EpochMs at = 0;
  std::string text;
};

// Why and by whom a service record was withdrawn (kept, no longer counted).
struct ServiceWithdrawal {
  Person by;
  EpochMs at = 0;
  std::string reason;
};

struct ServiceRecord {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  ServiceInput input;
  bool note_hidden = false;              // the caller may not read case notes (nor the comments)
  std::vector<ServiceComment> comments;  // oldest first
  Person created_by;
  EpochMs created_at = 0;
  std::optional<EpochMs> corrected_at;  // by its author, within a week of writing it
  std::optional<ServiceWithdrawal> withdrawn;
};

enum class ApprovalStatus { kPending, kApproved, kRejected };
std::string_view ToString(ApprovalStatus status);
std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view text);

struct Approval {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t org_id = 0;
  std::int64_t client_id = 0;
  std::string client_name;
  std::string kind = "move";  // or "plan_revision" (from == to: the case stays)
  Stage from = Stage::kPlanning;
  Stage to = Stage::kIntervention;
  ApprovalStatus status = ApprovalStatus::kPending;
  Person requested_by;
  EpochMs requested_at = 0;
  CaseTeam team_at_request;  // primary and co-worker when it was asked for
  std::optional<Person> decided_by;
  std::optional<EpochMs> decided_at;
  std::string comment;
};

// clang-tidy 14 wrongly suspects the implicit moves of a struct holding nlohmann::json.
struct TimelineEvent {  // NOLINT(bugprone-exception-escape)
  std::int64_t id = 0;
  EpochMs at = 0;
  std::optional<Person> actor;
  std::string kind;  // "opened", "stage_saved", "moved", "approval_requested", …
  nlohmann::json data;
};

struct FollowUp {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::int64_t client_id = 0;  // the case's
  std::string due_on;          // YYYY-MM-DD
  EpochMs due_at = 0;          // end of that local day
  bool done = false;
  std::optional<EpochMs> done_at;
  std::optional<Person> done_by;
  std::string note;
  std::optional<Situation> situation;  // what it found (done ones since migration 33)
  std::string new_needs;
  std::optional<std::int64_t> new_case_id;  // opened for the new needs
};

// What a stage form looks like to its reader.
// A stage form as a supervisor approved it: the plan's versions (v1, v2 …),
// and the evaluation and closure of an approved closure.
struct FormVersion {  // NOLINT(bugprone-exception-escape): as TimelineEvent
  Stage stage = Stage::kPlanning;
  int version = 1;
  nlohmann::json data;
  std::vector<std::string> withheld;  // as StageForm::withheld
  std::optional<std::int64_t> approval_id;
  std::optional<Person> approved_by;
  EpochMs approved_at = 0;
};

// Where the plan stands against its approved versions (the planning form only).
struct PlanStatus {
  std::optional<int> approved_version;  // the one in effect; none before the first approval
  std::optional<EpochMs> approved_at;
  // The plan as saved differs from the approved version: a new version in the
  // making, which takes effect once the supervisor approves it.
  bool changed = false;
  bool revision_pending = false;  // that new version waits for the supervisor
};

struct StageForm {  // NOLINT(bugprone-exception-escape): as TimelineEvent
  Stage stage = Stage::kIntake;
  nlohmann::json schema;  // the agency's schema (built-in plus its fields)
  nlohmann::json data;    // saved, prefilled where empty
  bool saved = false;
  bool editable = false;
  std::vector<std::string> missing;  // required paths still empty
  // Paths of the filled-in "x-sensitive" values left out of data: the caller
  // may not read case notes (the team, supervisors and leaders may).
  std::vector<std::string> withheld;
  std::optional<EpochMs> updated_at;
  std::optional<PlanStatus> plan;  // the planning form only
};

struct CaseInput {
  std::int64_t client_id = 0;
  std::optional<std::int64_t> org_id;             // default: the client's organisation
  std::optional<std::int64_t> primary_worker_id;  // default: the caller
  std::optional<std::int64_t> co_worker_id;
  std::optional<std::int64_t> supervisor_id;
  RiskLevel risk = RiskLevel::kLow;
};

struct CaseFilter {
  std::optional<Stage> stage;
  bool open_only = false;  // every stage but closed
  std::optional<RiskLevel> risk;
  std::optional<std::int64_t> worker_id;  // primary or co-worker
  std::optional<std::int64_t> client_id;
  std::optional<std::string> category;    // a client category name ("elderly")
  std::optional<std::int64_t> region_id;  // the client's region or any region below it
  std::optional<std::int64_t> org_id;     // that organisation and those below it
  std::optional<bool> overdue;
  std::optional<EpochMs> opened_from, opened_to;  // [from, to)
  std::string text;                               // substring of the client's name or the problem
  std::string sort = "-opened_at";
};

// What a case list may show: the organisations (the caller's readable ones
// narrowed to the filter's organisation and those below it) and, when the
// filter names a region, the clients' regions (it and those below it).
struct CaseScope {
  std::vector<std::int64_t> orgs;
  std::optional<std::vector<std::int64_t>> client_regions;
};

// One thing on a worklist (待办): a stage deadline, an approval or a high-risk
// assessment review waiting for the user, or a follow-up due.
struct WorkItem {
  std::string kind;  // "deadline", "approval", "risk_review", "followup"
  std::int64_t case_id = 0;
  std::int64_t client_id = 0;
  std::string client_name;
  Stage stage = Stage::kIntake;
  RiskLevel risk = RiskLevel::kLow;
  std::optional<EpochMs> due_at;  // none for approvals (waiting since requested_at)
  EpochMs since = 0;              // when the item arose
  bool overdue = false;
  int days_overdue = 0;
  std::optional<std::int64_t> approval_id;
  std::optional<std::int64_t> followup_id;
  std::optional<Stage> approval_to;
  std::optional<std::string> approval_kind;  // "move" or "plan_revision"
  std::optional<std::int64_t> risk_review_id;
};

// Counts for home pages and charts, over the cases the caller may read.
struct CaseStats {
  std::vector<std::pair<Stage, std::int64_t>> by_stage;     // every stage, in order
  std::vector<std::pair<RiskLevel, std::int64_t>> by_risk;  // open cases
  std::int64_t overdue = 0;                                 // open cases past their deadline
  struct Worker {
    Person worker;
    std::int64_t open = 0;
    std::int64_t overdue = 0;
  };
  std::vector<Worker> by_worker;  // open cases by primary worker, busiest first
  struct Month {
    std::string month;  // "2026-01", local
    std::int64_t opened = 0;
    std::int64_t closed = 0;
  };
  std::vector<Month> per_month;  // the last 12 local months, oldest first
};

struct Attachment {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  std::string file_name;
  std::string content_type;
  std::int64_t size = 0;
  std::string sha256;
  Person uploaded_by;
  EpochMs uploaded_at = 0;
};

}  // namespace jieli::cases
