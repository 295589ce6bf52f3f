// Supervision (督导), training and quality duties: the plain types of the
// records and the rules of their input (no SQL, no HTTP, no permissions: the
// service checks those). Pure functions; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/result.hpp"

namespace jieli::quality {

enum class SupervisionKind { kIndividual, kGroup };              // 个别督导 团体督导
enum class TrainingKind { kInternal, kExternal, kSupervision };  // 内部 外部 督导培训

std::string_view ToString(SupervisionKind kind);
std::string_view ToString(TrainingKind kind);
std::optional<SupervisionKind> ParseSupervisionKind(std::string_view text);
std::optional<TrainingKind> ParseTrainingKind(std::string_view text);
const std::vector<std::string>& SupervisionKindNames();
const std::vector<std::string>& TrainingKindNames();

inline constexpr std::size_t kMaxTopicsChars = 1000;
inline constexpr std::size_t kMaxNotesChars = 4000;
inline constexpr std::size_t kMaxActionChars = 500;
inline constexpr std::size_t kMaxProgressChars = 1000;
inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxTrainerChars = 100;
inline constexpr std::size_t kMaxSupervisees = 50;
inline constexpr std::size_t kMaxCasesDiscussed = 20;
inline constexpr std::size_t kMaxActions = 20;
inline constexpr std::size_t kMaxAttendees = 200;
inline constexpr std::size_t kMaxDuties = 30;
inline constexpr std::size_t kMaxDutyChars = 300;
// A session may be corrected by its author for a week, as a service record.
inline constexpr EpochMs kSupervisionCorrectionWindowMs = 7LL * 24 * 3600 * 1000;

struct Person {
  std::int64_t id = 0;
  std::string name;
};

struct ActionInput {
  std::string text;
  std::optional<std::int64_t> owner_id;
  std::string due_on;  // YYYY-MM-DD
};

struct ProgressNote {
  EpochMs at = 0;
  Person by;
  std::string text;
};

// An agreed action of a supervision session or an improvement cycle.
struct QualityAction {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::optional<std::int64_t> session_id;
  std::optional<std::int64_t> improvement_id;
  std::string text;
  Person owner;
  std::string due_on;
  std::vector<ProgressNote> progress;
  std::optional<EpochMs> done_at;
  std::optional<Person> done_by;
  bool overdue = false;  // open and due before today
  std::string context;   // the session's topics or the cycle's title (my work)
};

struct SupervisionInput {
  std::int64_t org_id = 0;
  std::optional<std::int64_t> supervisor_id;  // default: the caller
  SupervisionKind kind = SupervisionKind::kIndividual;
  std::string date;
  int minutes = 0;
  std::vector<std::int64_t> supervisee_ids;
  std::string topics;
  std::vector<std::int64_t> case_ids;
  std::string notes;
  std::vector<ActionInput> actions;
};

struct SupervisionSession {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  Person supervisor;
  SupervisionKind kind = SupervisionKind::kIndividual;
  std::string date;
  int minutes = 0;
  std::vector<Person> supervisees;
  std::string topics;
  std::vector<std::int64_t> case_ids;
  std::string notes;
  std::vector<QualityAction> actions;
  Person created_by;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

struct SupervisionFilter {
  std::optional<std::int64_t> org_id;
  std::optional<std::int64_t> supervisor_id;
  std::optional<std::int64_t> supervisee_id;
  std::string from;  // YYYY-MM-DD, inclusive; "" for open
  std::string to;
  std::string sort = "-date";
};

struct TrainingInput {
  std::int64_t org_id = 0;
  std::string title;
  TrainingKind kind = TrainingKind::kInternal;
  std::string date;
  int minutes = 0;  // the API speaks hours; kept in minutes so sums are exact
  std::string trainer;
};

struct Attendee {
  std::int64_t user_id = 0;
  std::optional<int> minutes;  // default: the session's
};

struct Training {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string title;
  TrainingKind kind = TrainingKind::kInternal;
  std::string date;
  int minutes = 0;
  std::string trainer;
  struct Attendance {
    Person person;
    int minutes = 0;
  };
  std::vector<Attendance> attendance;
  Person created_by;
  EpochMs created_at = 0;
};

struct HoursOfPerson {
  Person person;
  int sessions = 0;
  int minutes = 0;
};

// The problems with a session as entered, as of today: date a real day not
// after today; minutes 1–1440; topics required; an individual session has one
// supervisee, a group two or more, never the supervisor; lengths and counts
// within the limits; each action with text, owner and a due date.
std::vector<FieldIssue> CheckSupervision(const SupervisionInput& input, std::int64_t supervisor_id,
                                         LocalDate today);
std::vector<FieldIssue> CheckActions(const std::vector<ActionInput>& actions,
                                     const std::string& field = "actions");
std::vector<FieldIssue> CheckTraining(const TrainingInput& input,
                                      const std::vector<Attendee>& attendees, LocalDate today);
std::vector<FieldIssue> CheckDuties(const std::vector<std::string>& duties);

// Whether user may correct a session written by author at written_at:
// "quality.not_author" (forbidden), "quality.session_fixed" (conflict, after a week).
Status CheckSessionCorrector(std::int64_t user, std::int64_t author, EpochMs written_at,
                             EpochMs now);

// Whether an action due on due_on is overdue on today (open and due before it).
bool IsOverdue(const std::string& due_on, bool done, LocalDate today);

// A supervisee is due for supervision when their last session is more than
// this many days before today, or when they have never had one.
inline constexpr int kSupervisionDueDays = 30;

// A supervisee and their last supervision session (the supervisor's dashboard).
struct SupervisionDue {
  Person person;
  std::string last_date;  // YYYY-MM-DD, "" when never supervised
  std::optional<int> days_since;
  bool due = true;
};

// When they were last supervised (last_date YYYY-MM-DD, "" for never) as of
// today: the days since, and whether supervision is due (kSupervisionDueDays).
SupervisionDue SupervisionDueOf(Person person, const std::string& last_date, LocalDate today);

}  // namespace jieli::quality
