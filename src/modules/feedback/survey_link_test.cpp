#include "modules/feedback/survey_link.hpp"

#include <vector>

#include <gtest/gtest.h>

namespace jieli::feedback {
namespace {

EpochMs At(const char* text) { return *ParseIsoDateTime(text); }
LocalDate Day(const char* text) { return *ParseDate(text); }

TEST(SurveyLink, AnswersOnceUntilTheEndOfItsDay) {
  struct Case {
    const char* name;
    LinkFacts link;
    const char* now;
    LinkState state;
  };
  const EpochMs answered = At("2026-12-01T10:00:00+08:00");
  const Case cases[] = {
      {"open",
       {Day("2026-12-31"), std::nullopt, false},
       "2026-12-07T09:00:00+08:00",
       LinkState::kOpen},
      {"last minute",
       {Day("2026-12-31"), std::nullopt, false},
       "2026-12-31T23:59:59+08:00",
       LinkState::kOpen},
      {"expired at midnight",
       {Day("2026-12-31"), std::nullopt, false},
       "2027-01-01T00:00:00+08:00",
       LinkState::kExpired},
      {"answered",
       {Day("2026-12-31"), answered, false},
       "2026-12-07T09:00:00+08:00",
       LinkState::kAnswered},
      {"answered then expired",
       {Day("2026-12-31"), answered, false},
       "2027-03-01T00:00:00+08:00",
       LinkState::kAnswered},
      {"consent withdrawn",
       {Day("2026-12-31"), std::nullopt, true},
       "2026-12-07T09:00:00+08:00",
       LinkState::kWithdrawn},
      {"withdrawn and expired",
       {Day("2026-12-31"), std::nullopt, true},
       "2027-03-01T00:00:00+08:00",
       LinkState::kWithdrawn},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(LinkStateAt(c.link, At(c.now)), c.state) << c.name;
  }
  EXPECT_EQ(ToString(LinkState::kExpired), "expired");
}

TEST(SurveyLink, ConsentWithdrawal) {
  using clients::Consent;
  struct Case {
    const char* name;
    std::vector<Consent> consents;
    bool withdrawn;
  };
  const Case cases[] = {
      {"never asked", {}, false},
      {"given", {{"survey", "", "2026-01-01", ""}}, false},
      {"withdrawn before", {{"survey", "", "2026-01-01", "2026-11-30"}}, true},
      {"withdrawn today", {{"survey", "", "2026-01-01", "2026-12-07"}}, true},
      {"withdrawal dated tomorrow", {{"survey", "", "2026-01-01", "2026-12-08"}}, false},
      {"another consent withdrawn", {{"data_sharing", "", "2026-01-01", "2026-11-30"}}, false},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(SurveyConsentWithdrawn(c.consents, Day("2026-12-07")), c.withdrawn) << c.name;
  }
}

}  // namespace
}  // namespace jieli::feedback
