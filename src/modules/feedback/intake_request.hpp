// Requests for service from the public (咨询预约): what a citizen books on the
// public page — who, a phone to call back, which agency (or "let the city
// choose"), what they need, when they would like to be seen — and what the
// agency then does with it: accept it as a case, decline it with a reason, or
// (the city's queue) hand it to an agency. Plain values and their checks; no
// SQL, no HTTP, no permissions. Pure and thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"
#include "core/local_time.hpp"

namespace jieli::feedback {

// When the citizen would like to be called or seen: 上午, 下午, 晚上, 都可以.
enum class DaySlot { kMorning, kAfternoon, kEvening, kAny };
std::string_view ToString(DaySlot slot);
std::optional<DaySlot> ParseDaySlot(std::string_view text);
const std::vector<std::string>& DaySlotNames();

enum class IntakeState { kNew, kAccepted, kDeclined };
std::string_view ToString(IntakeState state);
std::optional<IntakeState> ParseIntakeState(std::string_view text);
const std::vector<std::string>& IntakeStateNames();

// Why a request is not taken on.
enum class DeclineReason {
  kNotOurService,  // 非本机构服务范围
  kOutOfArea,      // 不在服务区域
  kUnreachable,    // 无法联系
  kWithdrawn,      // 申请人撤回
  kDuplicate,      // 重复申请
  kSpam,           // 无效信息
  kOther,          // 其他 (the note says what)
};
std::string_view ToString(DeclineReason reason);
std::optional<DeclineReason> ParseDeclineReason(std::string_view text);
const std::vector<std::string>& DeclineReasonNames();

// What may be done to a request, by whom the service decides.
enum class IntakeAction { kAccept, kDecline, kAssign, kReveal };
std::string_view ToString(IntakeAction action);

inline constexpr std::size_t kMaxBookingNameChars = 50;
inline constexpr std::size_t kMaxBookingNeedChars = 1000;
inline constexpr std::size_t kMaxDeclineNoteChars = 500;
// How far ahead a preferred day may be: an agency plans its weeks, not its year.
inline constexpr int kMaxPreferredDaysAhead = 60;

// A booking as the public page sends it, texts trimmed by the handler.
struct BookingInput {
  std::string name;
  std::string phone;
  std::optional<std::int64_t> org_id;  // nullopt: the city chooses
  std::string need_category;           // a client category code ("elderly") or "other"
  std::string need;
  std::optional<std::string> preferred_date;  // "YYYY-MM-DD"
  DaySlot preferred_slot = DaySlot::kAny;
  bool agree = false;  // to be called back: without it nobody may call
};

// Issues with a booking made on `today`: name and need said and not too long,
// a phone that is one (clients::IsValidPhone), a known category, a preferred
// day from today to kMaxPreferredDaysAhead ahead, the agreement given. The
// agency's existence is the service's to check.
std::vector<FieldIssue> CheckBooking(const BookingInput& input, LocalDate today);

// The reason and note of a decline: the note is needed for kOther, and ≤ kMaxDeclineNoteChars.
std::vector<FieldIssue> CheckDecline(DeclineReason reason, std::string_view note);

// The reference a citizen quotes on the phone (预约编号): 8 characters from
// an alphabet without look-alikes (no 0/O, 1/I/L), made from random bytes
// (at least 8; each byte picks one character). Unguessable enough to quote,
// not a secret: it opens nothing.
std::string ReferenceFrom(std::string_view random_bytes);
inline constexpr std::size_t kReferenceLength = 8;

}  // namespace jieli::feedback
