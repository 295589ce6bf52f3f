#include "modules/feedback/survey_link.hpp"

#include "core/enum_names.hpp"

namespace jieli::feedback {
namespace {

constexpr EnumNames<LinkState, 4> kLinkStates = {{
    {LinkState::kOpen, "open"},
    {LinkState::kAnswered, "answered"},
    {LinkState::kExpired, "expired"},
    {LinkState::kWithdrawn, "withdrawn"},
}};

}  // namespace

std::string_view ToString(LinkState state) { return EnumName(kLinkStates, state); }

LinkState LinkStateAt(const LinkFacts& link, EpochMs now) {
  if (link.answered_at) return LinkState::kAnswered;
  if (link.consent_withdrawn) return LinkState::kWithdrawn;
  if (now >= StartOfLocalDay(AddDays(link.expires_on, 1))) return LinkState::kExpired;
  return LinkState::kOpen;
}

bool SurveyConsentWithdrawn(std::span<const clients::Consent> consents, LocalDate today) {
  for (const auto& consent : consents) {
    if (consent.kind != kSurveyConsent || consent.withdrawn_on.empty()) continue;
    auto withdrawn = ParseDate(consent.withdrawn_on);
    if (withdrawn && date::sys_days(*withdrawn) <= date::sys_days(today)) return true;
  }
  return false;
}

}  // namespace jieli::feedback
