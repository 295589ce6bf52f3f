// A survey's personal link (个人问卷链接): an unguessable token (only its
// hash is stored) that answers once and expires at the end of a local day;
// a client who has withdrawn their survey consent is sent none, and a link
// sent before the withdrawal stops answering. Plain values; pure and
// thread-safe.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "modules/clients/client.hpp"

namespace jieli::feedback {

// The consent kind that lets an agency send a client surveys.
inline constexpr std::string_view kSurveyConsent = "survey";
// Days a personal link lasts unless the sender says otherwise, and at most.
inline constexpr int kDefaultLinkDays = 30;
inline constexpr int kMaxLinkDays = 180;

enum class LinkState { kOpen, kAnswered, kExpired, kWithdrawn };
std::string_view ToString(LinkState state);  // "open", "answered", "expired", "withdrawn"

struct LinkFacts {
  LocalDate expires_on;  // answers until the end of this day
  std::optional<EpochMs> answered_at;
  bool consent_withdrawn = false;  // the client's survey consent, now
};

// What a link does at `now`: the first reason it no longer answers, else open.
LinkState LinkStateAt(const LinkFacts& link, EpochMs now);

// Whether the client's consents let them be surveyed on `today`: not when a
// survey consent was withdrawn on or before that day (a client who never
// said either way may be asked).
bool SurveyConsentWithdrawn(std::span<const clients::Consent> consents, LocalDate today);

}  // namespace jieli::feedback
