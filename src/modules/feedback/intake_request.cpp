#include "modules/feedback/intake_request.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "modules/clients/client.hpp"
#include "modules/clients/client_rules.hpp"

namespace jieli::feedback {
namespace {

constexpr EnumNames<DaySlot, 4> kSlots = {{
    {DaySlot::kMorning, "morning"},
    {DaySlot::kAfternoon, "afternoon"},
    {DaySlot::kEvening, "evening"},
    {DaySlot::kAny, "any"},
}};

constexpr EnumNames<IntakeState, 3> kStates = {{
    {IntakeState::kNew, "new"},
    {IntakeState::kAccepted, "accepted"},
    {IntakeState::kDeclined, "declined"},
}};

constexpr EnumNames<DeclineReason, 7> kReasons = {{
    {DeclineReason::kNotOurService, "not_our_service"},
    {DeclineReason::kOutOfArea, "out_of_area"},
    {DeclineReason::kUnreachable, "unreachable"},
    {DeclineReason::kWithdrawn, "withdrawn"},
    {DeclineReason::kDuplicate, "duplicate"},
    {DeclineReason::kSpam, "spam"},
    {DeclineReason::kOther, "other"},
}};

constexpr EnumNames<IntakeAction, 4> kActions = {{
    {IntakeAction::kAccept, "accept"},
    {IntakeAction::kDecline, "decline"},
    {IntakeAction::kAssign, "assign"},
    {IntakeAction::kReveal, "reveal"},
}};

// 31 characters: digits and capitals without 0, 1, I, L, O.
constexpr std::string_view kReferenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

void CheckText(std::vector<FieldIssue>& issues, const char* field, const std::string& text,
               std::size_t max) {
  if (IsBlank(text)) {
    issues.push_back({field, "required"});
  } else if (CodePointCount(text) > max) {
    issues.push_back({field, "too_long", {{"max", std::to_string(max)}}});
  }
}

}  // namespace

std::string_view ToString(DaySlot slot) { return EnumName(kSlots, slot); }
std::optional<DaySlot> ParseDaySlot(std::string_view text) { return ParseEnum(kSlots, text); }
const std::vector<std::string>& DaySlotNames() {
  static const std::vector<std::string> kNames = EnumNameList(kSlots);
  return kNames;
}

std::string_view ToString(IntakeState state) { return EnumName(kStates, state); }
std::optional<IntakeState> ParseIntakeState(std::string_view text) {
  return ParseEnum(kStates, text);
}
const std::vector<std::string>& IntakeStateNames() {
  static const std::vector<std::string> kNames = EnumNameList(kStates);
  return kNames;
}

std::string_view ToString(DeclineReason reason) { return EnumName(kReasons, reason); }
std::optional<DeclineReason> ParseDeclineReason(std::string_view text) {
  return ParseEnum(kReasons, text);
}
const std::vector<std::string>& DeclineReasonNames() {
  static const std::vector<std::string> kNames = EnumNameList(kReasons);
  return kNames;
}

std::string_view ToString(IntakeAction action) { return EnumName(kActions, action); }

std::vector<FieldIssue> CheckBooking(const BookingInput& input, LocalDate today) {
  std::vector<FieldIssue> issues;
  CheckText(issues, "name", input.name, kMaxBookingNameChars);
  if (IsBlank(input.phone)) {
    issues.push_back({"phone", "required"});
  } else if (!clients::IsValidPhone(input.phone)) {
    issues.push_back({"phone", "phone_invalid"});
  }
  if (!clients::ParseCategory(input.need_category)) {
    issues.push_back(
        {"need_category", "invalid_choice", {{"allowed", JoinNames(clients::CategoryNames())}}});
  }
  CheckText(issues, "need", input.need, kMaxBookingNeedChars);
  if (input.preferred_date) {
    auto day = ParseDate(*input.preferred_date);
    if (!day) {
      issues.push_back({"preferred_date", "invalid_date"});
    } else if (date::sys_days(*day) < date::sys_days(today)) {
      issues.push_back({"preferred_date", "date_in_past"});
    } else if (date::sys_days(*day) > date::sys_days(AddDays(today, kMaxPreferredDaysAhead))) {
      issues.push_back(
          {"preferred_date", "too_far_ahead", {{"days", std::to_string(kMaxPreferredDaysAhead)}}});
    }
  }
  if (!input.agree) issues.push_back({"agree", "must_agree"});
  return issues;
}

std::vector<FieldIssue> CheckDecline(DeclineReason reason, std::string_view note) {
  std::vector<FieldIssue> issues;
  if (reason == DeclineReason::kOther && IsBlank(note)) {
    issues.push_back({"note", "required"});
  } else if (CodePointCount(note) > kMaxDeclineNoteChars) {
    issues.push_back({"note", "too_long", {{"max", std::to_string(kMaxDeclineNoteChars)}}});
  }
  return issues;
}

std::string ReferenceFrom(std::string_view random_bytes) {
  std::string reference;
  for (std::size_t i = 0; i < kReferenceLength && i < random_bytes.size(); ++i) {
    // 256 = 8 * 31 + 8: the first eight characters come up a little more often, which a
    // reference that only has to be hard to guess can afford.
    reference +=
        kReferenceAlphabet[static_cast<unsigned char>(random_bytes[i]) % kReferenceAlphabet.size()];
  }
  return reference;
}

}  // namespace jieli::feedback
