// IntakeService: requests for service booked on the public page (咨询预约,
// intake_request.hpp) and the queue in which an agency takes them on.
// The public call (Book) has no caller: it checks its input, stores the phone
// encrypted, tells the agency's supervisors and leaders, and answers with a
// reference only — never whether the phone or the person is known.
// Authorisation, for every other read and write: a request to an agency is
// seen by holders of clients.read there (outside the caller's scope it is not
// found), accepted or declined with clients.write there, its phone revealed
// with clients.reveal there; the city's queue (no agency chosen) is seen and
// handled by holders of clients.read on a top organisation — the city's
// operators — who hand a request to an agency. The clients with the same
// phone are named only when the caller may read them. Accepting opens a case
// (and registers the client when none is chosen) through ClientService and
// CaseService, which check the caller again. Audited: accept, decline,
// assign, reveal (without the phone).
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
#include "modules/feedback/intake_request.hpp"
#include "modules/notifications/notification_service.hpp"
#include "store/db.hpp"

namespace jieli::feedback {

struct IntakePerson {
  std::int64_t id = 0;
  std::string name;
};

struct KnownClient {
  std::int64_t id = 0;
  std::string name;
  std::string org_name;
};

struct IntakeRequest {
  std::int64_t id = 0;
  std::string reference;
  std::optional<IntakePerson> org;  // nullopt: the city's queue
  std::string channel;              // "web"
  std::string name;
  std::string phone;  // masked
  std::string need_category;
  std::string need;
  std::optional<std::string> preferred_date;
  DaySlot preferred_slot = DaySlot::kAny;
  IntakeState state = IntakeState::kNew;
  EpochMs received_at = 0;
  std::vector<KnownClient> known_clients;  // readable by the caller, same phone
  std::int64_t other_requests = 0;         // other new requests with the same phone
  std::optional<IntakePerson> handled_by;
  std::optional<EpochMs> handled_at;
  std::optional<std::int64_t> case_id, client_id;
  std::optional<DeclineReason> decline_reason;
  std::string decline_note;
  std::int64_t version = 0;
  std::vector<IntakeAction> actions;  // what the caller may do now
};

struct IntakeFilter {
  std::optional<IntakeState> state;
  std::optional<std::int64_t> org_id;  // it and those below
  bool city = false;                   // only the city's queue
  std::optional<LocalDate> from, to;   // received, local days, inclusive
  std::string sort = "-received_at";   // received_at, -received_at, preferred_date
};

struct AcceptInput {
  std::int64_t version = 0;
  std::optional<std::int64_t> client_id;          // an existing client; else one is registered
  std::optional<std::int64_t> org_id;             // where to register: the agency or below
  std::optional<std::int64_t> primary_worker_id;  // default: the caller
};

struct Accepted {
  IntakeRequest request;
  std::int64_t case_id = 0;
  std::int64_t client_id = 0;
};

// An agency the public may choose.
struct PublicAgency {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> district;
};

// Whether org_id is an active agency: one the public pages offer.
Result<bool> IsPublicAgency(store::Executor& db, std::int64_t org_id);

class IntakeService {
 public:
  IntakeService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                const crypto::FieldCipher& cipher, const clients::ClientService& clients,
                const cases::CaseService& cases,
                const notifications::NotificationService& notifications)
      : db_(db),
        clock_(clock),
        audit_(audit),
        cipher_(cipher),
        clients_(clients),
        cases_(cases),
        notifications_(notifications) {}

  // --- public, no caller ---
  // The active agencies, by name.
  Result<std::vector<PublicAgency>> PublicAgencies() const;
  // Stores a booking (CheckBooking; an org_id that is no active agency is
  // {org_id, not_found}) and returns its reference.
  Result<std::string> Book(BookingInput input) const;
  // An agency the public may name (PublicAgencies), or validation.failed on `field`.
  Status CheckPublicAgency(std::int64_t org_id, const char* field) const;

  // --- staff ---
  Result<Page<IntakeRequest>> List(const auth::Actor& actor, const IntakeFilter& filter,
                                   std::int64_t offset, std::int64_t limit) const;
  Result<IntakeRequest> Get(const auth::Actor& actor, std::int64_t id) const;
  // Opens the case. Errors: "intake.not_found", "intake.changed" (version),
  // "intake.handled" (not new), "intake.unassigned" (the city's queue),
  // validation.failed (client_id, org_id, primary_worker_id), and what
  // opening the case or registering the client refuses (nothing is kept then).
  Result<Accepted> Accept(const auth::Actor& actor, std::int64_t id,
                          const AcceptInput& input) const;
  Result<IntakeRequest> Decline(const auth::Actor& actor, std::int64_t id, std::int64_t version,
                                DeclineReason reason, const std::string& note) const;
  // Hands a request of the city's queue to an agency.
  Result<IntakeRequest> Assign(const auth::Actor& actor, std::int64_t id, std::int64_t version,
                               std::int64_t org_id) const;
  // The phone in clear, to call back; audited.
  Result<std::string> RevealPhone(const auth::Actor& actor, std::int64_t id) const;

 private:
  struct Access {
    bool see = false, handle = false, reveal = false;
  };
  // What the caller may do with requests of org_id (nullopt: the city's queue).
  Result<Access> AccessTo(const auth::Actor& actor, std::optional<std::int64_t> org_id) const;
  // Whether the caller holds clients.read on a top organisation.
  Result<bool> IsCityOperator(const auth::Actor& actor) const;
  Result<std::vector<IntakeRequest>> Load(const auth::Actor& actor, const std::string& where,
                                          const std::vector<store::Value>& params) const;
  // A request the caller may see, or "intake.not_found".
  Result<IntakeRequest> LoadVisible(const auth::Actor& actor, std::int64_t id) const;
  // Moves the request from new to `state` at `version` with the columns set;
  // "intake.changed" / "intake.handled" when it has moved.
  Status Settle(store::Transaction& tx, const IntakeRequest& request, std::int64_t version,
                const std::string& set, std::vector<store::Value> params) const;
  // The stored phone in clear (no check, no audit: the callers do both).
  Result<std::string> RevealStored(std::int64_t id) const;
  Status TellAgency(store::Transaction& tx, std::int64_t id, std::int64_t org_id,
                    const std::string& reference, const std::string& name) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const crypto::FieldCipher& cipher_;
  const clients::ClientService& clients_;
  const cases::CaseService& cases_;
  const notifications::NotificationService& notifications_;
};

}  // namespace jieli::feedback
