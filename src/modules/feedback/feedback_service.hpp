// FeedbackService: the client's voice and after-service (issue 15) — so far
// the working-day calendar the admin keeps and the contact log.
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
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/clients/client_service.hpp"
#include "modules/feedback/contact.hpp"
#include "modules/feedback/working_days.hpp"
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
                  const clients::ClientService& clients, const cases::CaseService& cases)
      : db_(db), clock_(clock), audit_(audit), clients_(clients), cases_(cases) {}

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
  // Marks the contact's follow-up done; 409 when it has none or it is done.
  Result<Contact> CompleteFollowUp(const auth::Actor& actor, std::int64_t id,
                                   const std::string& note) const;

 private:
  Result<std::vector<Contact>> LoadContacts(store::Executor& db, const std::string& where,
                                            const std::vector<store::Value>& params) const;
  // The contact, when the caller may read its client; else 404.
  Result<Contact> ReadableContact(const auth::Actor& actor, std::int64_t id) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const clients::ClientService& clients_;
  const cases::CaseService& cases_;
};

}  // namespace jieli::feedback
