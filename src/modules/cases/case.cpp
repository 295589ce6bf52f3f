#include "modules/cases/case.hpp"

#include "core/enum_names.hpp"

namespace jieli::cases {
namespace {

constexpr EnumNames<ServiceMode, 6> kServiceModes = {{
    {ServiceMode::kFaceToFace, "face_to_face"},
    {ServiceMode::kHomeVisit, "home_visit"},
    {ServiceMode::kPhone, "phone"},
    {ServiceMode::kOnline, "online"},
    {ServiceMode::kGroup, "group"},
    {ServiceMode::kCrisis, "crisis"},
}};

constexpr EnumNames<Participant, 3> kParticipants = {{
    {Participant::kClient, "client"},
    {Participant::kFamily, "family"},
    {Participant::kOther, "other"},
}};

constexpr EnumNames<ApprovalStatus, 3> kApprovalStatuses = {{
    {ApprovalStatus::kPending, "pending"},
    {ApprovalStatus::kApproved, "approved"},
    {ApprovalStatus::kRejected, "rejected"},
}};

}  // namespace

std::string_view ToString(ServiceMode mode) { return EnumName(kServiceModes, mode); }
std::optional<ServiceMode> ParseServiceMode(std::string_view text) {
  return ParseEnum(kServiceModes, text);
}
const std::vector<std::string>& ServiceModeNames() {
  static const auto kNames = EnumNameList(kServiceModes);
  return kNames;
}

std::string_view ToString(Participant participant) { return EnumName(kParticipants, participant); }
std::optional<Participant> ParseParticipant(std::string_view text) {
  return ParseEnum(kParticipants, text);
}
const std::vector<std::string>& ParticipantNames() {
  static const auto kNames = EnumNameList(kParticipants);
  return kNames;
}

std::string_view ToString(ApprovalStatus status) { return EnumName(kApprovalStatuses, status); }
std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view text) {
  return ParseEnum(kApprovalStatuses, text);
}

}  // namespace jieli::cases
