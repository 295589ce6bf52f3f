// Service records (服务记录): the rules a record of work with a client must
// meet before it is stored — its date within the case's life, its length in
// minutes, who took part, the plan goals it worked on, and the length of its
// texts; and the rule for a supervisor's comment on one. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "modules/cases/case.hpp"
#include "modules/cases/stage.hpp"

namespace jieli::cases {

// Limits, in Unicode code points.
inline constexpr std::size_t kMaxServiceContentChars = 2000;
inline constexpr std::size_t kMaxProgressNoteChars = 4000;
inline constexpr std::size_t kMaxTechniqueChars = 100;
inline constexpr std::size_t kMaxPlaceChars = 200;
inline constexpr std::size_t kMaxParticipantsNoteChars = 200;
inline constexpr std::size_t kMaxGoalsAddressed = 20;
inline constexpr std::size_t kMaxClientResponseChars = 2000;
inline constexpr std::size_t kMaxNextStepsChars = 1000;
inline constexpr std::size_t kMaxServiceCommentChars = 2000;
inline constexpr std::size_t kMaxWithdrawReasonChars = 500;

// How long the author may correct a record after writing it; after that the
// record is fixed (it may still be withdrawn, with a reason).
inline constexpr EpochMs kServiceCorrectionWindowMs = 7LL * 24 * 3600 * 1000;

// Every problem with a record of input on a case opened at opened_at, as of
// now (local days, Asia/Shanghai), whose plan names the goals plan_goals, as
// field issues: date "invalid_date", "date_in_future", "out_of_range" (params
// min: the day the case opened, max: today); minutes "out_of_range" (1–1440);
// content "required"/"too_long"; participants "required" (none) or
// "duplicate_value"; goals_addressed "too_long" (more than 20), and
// "goals_addressed[i]" "invalid_choice" (params allowed: the plan's goals) for
// a name the plan does not have, "duplicate_value" for one named twice; technique, progress_note,
// place, participants_note, client_response and next_steps "too_long". Empty when the record may be
// stored.
std::vector<FieldIssue> CheckService(const ServiceInput& input, EpochMs opened_at, EpochMs now,
                                     const std::vector<std::string>& plan_goals);

// The problem with a supervisor's comment on a record, if any: comment
// "required" (blank) or "too_long" (over kMaxServiceCommentChars).
std::vector<FieldIssue> CheckServiceComment(const std::string& comment);

// Whether user, who may approve on the case's organisation, may comment on a
// record written by author on a case with team: its supervisor may, and so may
// anyone not on the team (as for approvals) — never on a record of their own.
// Error "cases.comment_not_allowed" (forbidden) otherwise.
Status CheckCommenter(std::int64_t user, const CaseTeam& team, std::int64_t author);

// A correction of a record: the fields the author sends, each replacing the
// record's; the others kept.
struct ServiceChange {
  std::optional<std::string> date;
  std::optional<int> minutes;
  std::optional<ServiceMode> mode;
  std::optional<std::string> content;
  std::optional<std::string> technique;
  std::optional<std::string> progress_note;
  std::optional<std::string> place;
  std::optional<std::vector<Participant>> participants;
  std::optional<std::string> participants_note;
  std::optional<std::vector<std::string>> goals_addressed;
  std::optional<std::string> client_response;
  std::optional<std::string> next_steps;

  // record with the fields this change sets replaced.
  ServiceInput ApplyTo(ServiceInput record) const;
};

// Whether user may correct a record written by author at written_at, as of
// now: only its author, only while it stands, and only within
// kServiceCorrectionWindowMs of writing it. Errors "cases.service_withdrawn"
// (conflict), "cases.service_not_author" (forbidden), "cases.service_fixed"
// (conflict: the window has passed).
Status CheckCorrector(std::int64_t user, std::int64_t author, EpochMs written_at, EpochMs now,
                      bool withdrawn);

// Whether user may withdraw a record written by author on a case with team:
// its author or the case's supervisor, while it stands, at any age (the record
// is kept, marked withdrawn). Errors "cases.service_withdrawn" (conflict),
// "cases.withdraw_not_allowed" (forbidden).
Status CheckWithdrawer(std::int64_t user, const CaseTeam& team, std::int64_t author,
                       bool withdrawn);

// The problem with a withdrawal's reason, if any: reason "required" (blank) or
// "too_long" (over kMaxWithdrawReasonChars).
std::vector<FieldIssue> CheckWithdrawReason(const std::string& reason);

// The fields of input that differ from before, by their JSON names, in the
// order of ServiceInput.
std::vector<std::string> ChangedServiceFields(const ServiceInput& before,
                                              const ServiceInput& after);

// The first max_chars code points of text with its line breaks made spaces,
// "…" appended when cut: a record's content as the timeline quotes it.
std::string ServiceExcerpt(const std::string& text, std::size_t max_chars = 40);

}  // namespace jieli::cases
