#include "modules/cases/case.hpp"

#include "core/enum_names.hpp"

namespace jieli::cases {
namespace {

constexpr EnumNames<ServiceMode, 5> kServiceModes = {{
    {ServiceMode::kFaceToFace, "face_to_face"},
    {ServiceMode::kHomeVisit, "home_visit"},
    {ServiceMode::kPhone, "phone"},
    {ServiceMode::kOnline, "online"},
    {ServiceMode::kGroup, "group"},
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

std::string_view ToString(ApprovalStatus status) { return EnumName(kApprovalStatuses, status); }
std::optional<ApprovalStatus> ParseApprovalStatus(std::string_view text) {
  return ParseEnum(kApprovalStatuses, text);
}

}  // namespace jieli::cases
