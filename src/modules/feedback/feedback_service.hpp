// FeedbackService: the client's voice and after-service (issue 15) — so far
// the working-day calendar the admin keeps, the contact log and complaints.
// Authorisation here, for every read and write: the calendar is read by every
// signed-in user and kept by holders of settings.manage; contacts follow the
// client — clients.read on the client's organisation to see them,
// clients.write to record one or mark its follow-up done. Writes are audited
// without what was said (client data stays out of the audit log).
// Thread-safe: holds references only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/crypto.hpp"
#include "core/local_time.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/clients/client_service.hpp"
#include "modules/feedback/complaint.hpp"
#include "modules/feedback/contact.hpp"
#include "modules/feedback/working_days.hpp"
#include "modules/notifications/notification_service.hpp"
#include "modules/quality/quality_service.hpp"
#include "store/db.hpp"

namespace jieli::feedback {

struct Person {
  std::int64_t id = 0;
  std::string name;
};

// A year of the calendar, with what it leaves: the working days of the year.
struct CalendarYear {
  int year = 0;
  std::vector<CalendarDay> days;  // by date
  int working_days = 0;
  std::optional<EpochMs> updated_at;
  std::optional<Person> updated_by;
};

struct FollowUp {
  std::string due;  // "YYYY-MM-DD"
  std::string note;
  std::optional<EpochMs> done_at;
  std::optional<Person> done_by;
  std::string done_note;
};

struct Contact {
  std::int64_t id = 0;
  Person org;
  Person client;
  std::optional<std::int64_t> case_id;
  Channel channel = Channel::kPhone;
  Direction direction = Direction::kOut;
  EpochMs at = 0;
  std::string summary;
  Person by;
  std::optional<FollowUp> follow_up;
  EpochMs created_at = 0;
  std::optional<std::int64_t> followup_id;  // made by a case's follow-up (回访)
};

// A case's follow-up (回访) as recorded: what it found, and the exchange it was
// (the contact log's entry: channel, when; the note its summary).
struct FollowUpVisit {
  cases::FollowUpRecord record;
  Channel channel = Channel::kPhone;
  std::optional<EpochMs> at;  // default: now
};

struct ComplaintEvent {
  std::string action;  // receive, acknowledge, resolve, reopen, close, withdraw, assign
  EpochMs at = 0;
  Person by;
  std::string note;
};

struct Complaint {
  std::int64_t id = 0;
  Person org;
  FeedbackKind kind = FeedbackKind::kComplaint;
  ComplaintCategory category = ComplaintCategory::kOther;
  Channel channel = Channel::kPhone;
  Severity severity = Severity::kNormal;
  ComplaintState state = ComplaintState::kReceived;
  std::string subject;
  std::string details;
  std::string complainant_name;
  std::string complainant_contact;  // masked
  std::optional<Person> client;
  std::optional<std::int64_t> case_id;
  std::optional<Person> worker_concerned;
  std::optional<Person> handler;
  Person received_by;
  EpochMs received_at = 0;
  ComplaintClock clock;
  std::optional<EpochMs> acknowledged_at, resolved_at, closed_at;
  std::string resolution;
  std::string cause;
  std::optional<HandlingSatisfaction> satisfaction;
  EscalationLevel escalation = EscalationLevel::kNone;
  std::optional<std::int64_t> improvement_id;
  std::optional<std::string> public_reference;  // made on the public page
  std::int64_t version = 0;
  std::vector<ComplaintEvent> history;
  // What the caller may do to it now (state machine and who they are).
  std::vector<ComplaintAction> actions;
};

struct ComplaintInput {
  std::int64_t org_id = 0;
  FeedbackKind kind = FeedbackKind::kComplaint;
  ComplaintCategory category = ComplaintCategory::kOther;
  Channel channel = Channel::kPhone;
  Severity severity = Severity::kNormal;
  std::string subject;
  std::string details;
  std::string complainant_name;
  std::string complainant_contact;
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> case_id;
  std::optional<std::int64_t> worker_concerned_id;
  std::optional<std::int64_t> handler_id;  // default: a supervisor of the organisation
  std::optional<EpochMs> received_at;      // default: now
};

struct ComplaintFilter {
  std::optional<std::int64_t> org_id;  // it and those below
  std::optional<ComplaintState> state;
  std::optional<FeedbackKind> kind;
  std::optional<ClockColour> colour;
  bool mine = false;                  // handled by the caller
  std::optional<LocalDate> from, to;  // received, local days, inclusive
  std::string sort = "-received_at";  // received_at, -received_at, due
};

// An organisation's policy and where it comes from (nullopt: the defaults).
struct EffectivePolicy {
  std::int64_t org_id = 0;
  ComplaintPolicy policy;
  std::optional<Person> inherited_from;
};

struct ContactFilter {
  std::optional<std::int64_t> client_id;
  std::optional<std::int64_t> case_id;
  // "open": a follow-up not done yet; "mine": such a follow-up the caller recorded.
  std::string follow_up;
  std::optional<Channel> channel;
  std::string sort = "-at";  // at, -at, due
};

class FeedbackService {
 public:
  FeedbackService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                  const crypto::FieldCipher& cipher, const clients::ClientService& clients,
                  const cases::CaseService& cases,
                  const notifications::NotificationService& notifications,
                  const quality::QualityService& quality)
      : db_(db),
        clock_(clock),
        audit_(audit),
        cipher_(cipher),
        clients_(clients),
        cases_(cases),
        notifications_(notifications),
        quality_(quality) {}

  Result<CalendarYear> Calendar(const auth::Actor& actor, int year) const;
  // Replaces the year's rows (CheckCalendarYear); settings.manage.
  Result<CalendarYear> SetCalendar(const auth::Actor& actor, int year,
                                   const std::vector<CalendarDay>& days) const;
  // The calendar over the local days from … to (both included), for deadlines.
  Result<WorkingCalendar> WorkingCalendarBetween(store::Executor& db, LocalDate from,
                                                 LocalDate to) const;

  Result<Page<Contact>> ListContacts(const auth::Actor& actor, const ContactFilter& filter,
                                     std::int64_t offset, std::int64_t limit) const;
  Result<Contact> RecordContact(const auth::Actor& actor, const ContactInput& input) const;
  // Records a case's follow-up (CaseService::CompleteFollowUp) and, in the
  // same transaction, the exchange in the client's contact log (direction
  // out, the case, followup_id): one write, never one without the other.
  // The contact's time is checked in that transaction: a bad one undoes the
  // recording. Channel web is the public pages', not a follow-up's.
  Result<cases::FollowUp> RecordFollowUp(const auth::Actor& actor, std::int64_t followup_id,
                                         const FollowUpVisit& visit) const;
  // Marks the contact's follow-up done; 409 when it has none or it is done.
  Result<Contact> CompleteFollowUp(const auth::Actor& actor, std::int64_t id,
                                   const std::string& note) const;

  // --- complaints (feedback_complaints.cpp) ---
  // A complaint is seen by those who manage quality at its organisation and
  // by its handler and receiver; acted on by the handler and the managers;
  // assigned and turned into an improvement cycle by the managers.
  Result<Page<Complaint>> ListComplaints(const auth::Actor& actor, const ComplaintFilter& filter,
                                         std::int64_t offset, std::int64_t limit) const;
  Result<Complaint> GetComplaint(const auth::Actor& actor, std::int64_t id) const;
  // Needs clients.read on the organisation (whoever takes the call records it).
  Result<Complaint> ReceiveComplaint(const auth::Actor& actor, const ComplaintInput& input) const;
  // A complaint, suggestion or praise from the public page (channel web, no
  // caller): to an active agency ({org_id, not_found} otherwise), handled and
  // received by a supervisor of the agency, else a leader (who is told);
  // client, case, worker concerned and handler are not the public's to name.
  // Returns the reference the complainant quotes.
  Result<std::string> ReceivePublicComplaint(const ComplaintInput& input) const;
  // The complainant's contact in clear, to call them back: for whoever may act
  // on the complaint (its handler or a quality manager, never the worker it is
  // about) and holds clients.reveal there; audited (feedback.reveal_contact),
  // never the contact in the log. 409 feedback.no_contact when none was left.
  Result<std::string> RevealComplainantContact(const auth::Actor& actor, std::int64_t id) const;
  Result<Complaint> ActOnComplaint(const auth::Actor& actor, std::int64_t id,
                                   const ComplaintActionInput& input) const;
  Result<Complaint> AssignComplaint(const auth::Actor& actor, std::int64_t id,
                                    std::int64_t handler_id) const;
  // Opens a PDCA cycle from the complaint (source complaint); once.
  Result<std::int64_t> ImproveFromComplaint(const auth::Actor& actor, std::int64_t id) const;
  Result<EffectivePolicy> PolicyOf(const auth::Actor& actor, std::int64_t org_id) const;
  Result<EffectivePolicy> SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                    const ComplaintPolicy& policy) const;
  // The background job: complaints whose running deadline has passed are
  // told to the organisation's supervisors (and the handler), then to its
  // leaders (EscalationAt), each level once per deadline.
  Status EscalateComplaints(store::Transaction& tx, EpochMs now) const;

 private:
  Result<std::vector<Contact>> LoadContacts(store::Executor& db, const std::string& where,
                                            const std::vector<store::Value>& params) const;
  // The contact, when the caller may read its client; else 404.
  Result<Contact> ReadableContact(const auth::Actor& actor, std::int64_t id) const;
  // A follow-up's exchange says what its note says, a case note: its summary
  // is left empty for a caller who may not read the case's notes.
  Status HideCaseNotes(const auth::Actor& actor, std::vector<Contact>& contacts) const;

  Result<std::vector<Complaint>> LoadComplaints(store::Executor& db, const std::string& where,
                                                const std::vector<store::Value>& params) const;
  // The complaint when the caller may see it (else 404), with the caller's actions.
  Result<Complaint> VisibleComplaint(const auth::Actor& actor, std::int64_t id) const;
  bool MayActOn(const auth::Actor& actor, const Complaint& complaint) const;
  // What the caller may do to the complaint now: none unless MayActOn.
  std::vector<ComplaintAction> ActionsFor(const auth::Actor& actor,
                                          const Complaint& complaint) const;
  // The policy of org_id: its own, the nearest above (inherited_from), or the defaults.
  Result<EffectivePolicy> NearestPolicy(store::Executor& db, std::int64_t org_id) const;
  Result<ComplaintPolicy> PolicyAt(store::Executor& db, std::int64_t org_id) const;
  // Tells the handler a complaint is theirs (once per complaint and handler).
  Status TellHandler(store::Transaction& tx, std::int64_t complaint_id, std::int64_t org_id,
                     const std::string& subject, std::int64_t handler) const;
  // Who handles a new complaint of org_id when nobody is named: a supervisor
  // of it or above who is not the worker concerned, else the receiver.
  Result<std::int64_t> DefaultHandler(store::Executor& db, std::int64_t org_id,
                                      std::optional<std::int64_t> worker_concerned,
                                      std::int64_t receiver) const;
  // An active user holding a role at org_id or above; else a field issue.
  Result<bool> IsStaffAt(store::Executor& db, std::int64_t user_id, std::int64_t org_id) const;
  Status AddComplaintEvent(store::Executor& tx, std::int64_t complaint_id, std::string_view action,
                           std::int64_t by, const std::string& note) const;
  // The clock of a complaint of `kind` to org_id received at `received`.
  Result<ComplaintClock> NewClock(FeedbackKind kind, std::int64_t org_id, EpochMs received) const;
  // Stores a received complaint and its "receive" event; returns its id.
  Result<std::int64_t> InsertComplaint(store::Transaction& tx, const ComplaintInput& input,
                                       const ComplaintClock& clock, std::int64_t handler,
                                       std::int64_t received_by, EpochMs received) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const crypto::FieldCipher& cipher_;
  const clients::ClientService& clients_;
  const cases::CaseService& cases_;
  const notifications::NotificationService& notifications_;
  const quality::QualityService& quality_;
};

}  // namespace jieli::feedback
