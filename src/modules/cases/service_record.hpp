// Service records (服务记录): the rules a record of work with a client must
// meet before it is stored — its date within the case's life, its length in
// minutes, who took part, the plan goals it worked on, and the length of its
// texts; and the rule for a supervisor's comment on one. Pure functions;
// thread-safe.
#pragma once

#include <cstddef>
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

}  // namespace jieli::cases
