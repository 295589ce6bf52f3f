// The contact log (联系记录): every exchange with a client on any channel, in
// one log per client and per case — which way it went, when, who, what was
// said, and whether something is to be followed up (a to-do of the one who
// recorded it until marked done). Plain values and their checks; no SQL, no
// HTTP, no permissions. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/error.hpp"
#include "modules/feedback/complaint.hpp"

namespace jieli::feedback {

// in: the client reached the agency (来电、来访); out: the agency reached the client (主动联系).
enum class Direction { kIn, kOut };
std::string_view ToString(Direction direction);
std::optional<Direction> ParseDirection(std::string_view text);
const std::vector<std::string>& DirectionNames();

inline constexpr std::size_t kMaxContactSummaryChars = 2000;
inline constexpr std::size_t kMaxFollowUpNoteChars = 500;
// How far back a contact may be entered late (a month's paper notes typed up).
inline constexpr int kMaxContactAgeDays = 366;
// A clock a little ahead on the worker's phone is not a contact from the future.
inline constexpr EpochMs kContactClockSkewMs = 10LL * 60 * 1000;

struct FollowUpInput {
  std::string due;  // local date "YYYY-MM-DD"
  std::string note;
};

struct ContactInput {
  std::int64_t client_id = 0;
  std::optional<std::int64_t> case_id;
  Channel channel = Channel::kPhone;
  Direction direction = Direction::kOut;
  EpochMs at = 0;
  std::string summary;
  std::optional<FollowUpInput> follow_up;
};

// Issues with the time of a contact recorded at `now`: {at, date_in_future}
// past kContactClockSkewMs ahead, {at, too_old} (param days) more than
// kMaxContactAgeDays back.
std::vector<FieldIssue> CheckContactTime(EpochMs at, EpochMs now);

// Issues with a contact recorded at `now`: a summary that says something
// (≤ kMaxContactSummaryChars), a time neither ahead of now nor more than
// kMaxContactAgeDays back, a follow-up due on a real day no earlier than the
// contact's day and within a year of it, its note ≤ kMaxFollowUpNoteChars.
std::vector<FieldIssue> CheckContact(const ContactInput& input, EpochMs now);

}  // namespace jieli::feedback
