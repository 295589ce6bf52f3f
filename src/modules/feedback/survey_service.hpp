// SurveyService: satisfaction surveys (满意度调查, issue 15) — questionnaires an
// organisation sends (Jieli's built-in one or its own), personal links to
// clients (only the token's hash is kept), an anonymous link answered once per
// device, the answers given on the public page, and the results.
// Authorisation here, for every read and write: a survey is seen by holders of
// clients.read at its organisation or below it and made or closed by holders of
// quality.manage there; a link is sent with clients.write on the client's
// organisation; results count the answers from the organisations the caller
// reads, and name the client only on a named survey. The public calls take a
// token instead of a caller. Audited: creating, closing, sending (without the
// tokens); answers are not (they are the client's own, kept in their table).
// Thread-safe: holds references only.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "core/local_time.hpp"
#include "core/page.hpp"
#include "core/result.hpp"
#include "modules/audit/audit_log.hpp"
#include "modules/auth/actor.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/clients/client_service.hpp"
#include "modules/feedback/questionnaire.hpp"
#include "modules/feedback/survey_link.hpp"
#include "modules/quality/client_voice.hpp"
#include "store/db.hpp"

namespace jieli::feedback {

struct SurveyPerson {
  std::int64_t id = 0;
  std::string name;
};

enum class SurveyState { kOpen, kClosed };
std::string_view ToString(SurveyState state);
std::optional<SurveyState> ParseSurveyState(std::string_view text);

struct Survey {
  std::int64_t id = 0;
  SurveyPerson org;
  std::string title_zh, title_en;
  bool built_in = false;
  bool named = false;
  SurveyState state = SurveyState::kOpen;
  Questionnaire questionnaire;
  std::optional<std::string> anonymous_token;
  std::int64_t sent = 0, answered = 0, responses = 0;
  SurveyPerson created_by;
  EpochMs created_at = 0;
  std::int64_t version = 0;
};

struct SurveyInput {
  std::int64_t org_id = 0;
  std::string title_zh, title_en;  // default: the questionnaire's
  bool named = false;
  bool anonymous = false;
  std::optional<Questionnaire> questionnaire;  // none: the built-in one
};

struct SurveyFilter {
  std::optional<std::int64_t> org_id;  // it and those below
  std::optional<SurveyState> state;
  std::string sort = "-created_at";  // created_at, -created_at, title
};

struct SendInput {
  std::vector<std::int64_t> client_ids;
  std::optional<std::int64_t> case_id;  // with one client only
  std::optional<LocalDate> expires_on;  // default: today + kDefaultLinkDays
};

// One client's new link; the token is known only here, once.
struct SentLink {
  SurveyPerson client;
  std::optional<std::string> token;
  std::optional<LocalDate> expires_on;
  std::optional<std::string> skipped;  // "consent_withdrawn"
};

struct SurveyLinkView {
  std::int64_t id = 0;
  SurveyPerson client;
  std::optional<std::int64_t> case_id;
  SurveyPerson sent_by;
  EpochMs sent_at = 0;
  LocalDate expires_on;
  LinkState state = LinkState::kOpen;
  std::optional<EpochMs> answered_at;
};

struct ResultsFilter {
  std::optional<std::int64_t> org_id;     // it and those below
  std::optional<std::int64_t> worker_id;  // the case's worker when sent
  std::optional<LocalDate> from, to;      // submitted, local days, inclusive
};

struct ItemResult {
  const Item* item = nullptr;  // in SurveyResults::survey
  std::int64_t answered = 0;
  std::optional<double> mean;        // scored items and ratings
  std::vector<std::int64_t> counts;  // per option, in the item's order
};

struct ResponseText {
  std::string item;
  std::string text;
  EpochMs submitted_at = 0;
  std::optional<SurveyPerson> client;  // a named survey's only
};

struct MonthResult {
  std::string month;  // "2026-11"
  std::int64_t responses = 0;
  std::optional<double> mean;
};

struct SurveyResults {
  Survey survey;
  std::int64_t sent = 0, answered = 0, responses = 0;
  std::optional<double> response_rate;
  std::optional<double> mean_total;
  double min_possible = 0, max_possible = 0;
  std::vector<std::pair<double, std::int64_t>> distribution;  // total → answers
  std::vector<ItemResult> items;
  std::vector<MonthResult> by_month;
  std::vector<ResponseText> texts;
};

// One answer sheet for the export.
struct ResponseRow {
  std::int64_t id = 0;
  EpochMs submitted_at = 0;
  SurveyPerson org;
  std::optional<SurveyPerson> client;  // a named survey's only
  std::optional<double> total;
  Answers answers;
};

// What the public page shows for a token.
struct PublicSurvey {
  std::string title_zh, title_en, org_name;
  Questionnaire questionnaire;
  std::string state;  // open, answered, expired, withdrawn, closed
};

class SurveyService : public quality::ClientVoice {
 public:
  SurveyService(store::Db& db, const Clock& clock, const audit::AuditLog& audit,
                const clients::ClientService& clients, const cases::CaseService& cases)
      : db_(db), clock_(clock), audit_(audit), clients_(clients), cases_(cases) {}

  Result<Page<Survey>> List(const auth::Actor& actor, const SurveyFilter& filter,
                            std::int64_t offset, std::int64_t limit) const;
  Result<Survey> Get(const auth::Actor& actor, std::int64_t id) const;
  // quality.manage at the organisation; the questionnaire must pass CheckQuestionnaire.
  Result<Survey> Create(const auth::Actor& actor, const SurveyInput& input) const;
  // quality.manage; its links stop answering. 409 on a stale version.
  Result<Survey> Close(const auth::Actor& actor, std::int64_t id, std::int64_t version) const;
  // A personal link to each client (clients.write on each); a client who has
  // withdrawn their survey consent is skipped; a client's earlier unanswered
  // link to the survey is superseded.
  Result<std::vector<SentLink>> Send(const auth::Actor& actor, std::int64_t id,
                                     const SendInput& input) const;
  Result<Page<SurveyLinkView>> Links(const auth::Actor& actor, std::int64_t id, std::int64_t offset,
                                     std::int64_t limit) const;
  Result<SurveyResults> Results(const auth::Actor& actor, std::int64_t id,
                                const ResultsFilter& filter) const;
  // The answer sheets behind Results (at most kMaxExportRows), newest first.
  Result<std::vector<ResponseRow>> Responses(const auth::Actor& actor, std::int64_t id,
                                             const ResultsFilter& filter) const;

  // --- the public page: a token instead of a caller ---
  // device: the anonymous link's device cookie ("" when none yet).
  Result<PublicSurvey> Open(const std::string& token, const std::string& device) const;
  // Errors: 404 survey.link_not_found; 409 survey.answered / .expired /
  // .withdrawn / .closed; 422 with the answers' issues.
  Status Answer(const std::string& token, const std::string& device, const Answers& answers) const;

  // For the quality indicators: each scored answer to a survey sent for a case
  // of these organisations, its total scaled to 1–5 by the questionnaire's
  // bounds. No caller: the indicators scope the cases themselves.
  Result<std::vector<quality::CaseSurveyScore>> CaseSurveyScores(
      const std::vector<std::int64_t>& org_ids) const override;
  // The complaints (this module's too) received in [from, to) at these
  // organisations, for the complaint indicators; no caller, likewise.
  Result<std::vector<quality::ComplaintRecord>> Complaints(const std::vector<std::int64_t>& org_ids,
                                                           EpochMs from, EpochMs to) const override;

  static constexpr std::size_t kMaxSendClients = 200;
  static constexpr std::int64_t kMaxExportRows = 10000;

 private:
  struct Token;  // what a public token names (survey_service.cpp)
  // counts: the links sent and answered and the answers (the list and the
  // survey page); the public page goes without.
  Result<std::vector<Survey>> Load(store::Executor& db, const std::string& where,
                                   const std::vector<store::Value>& params,
                                   bool counts = true) const;
  // The organisations above the caller's memberships where they read clients:
  // an agency's survey reaches the workers of its departments.
  Result<std::vector<std::int64_t>> AboveReading(const auth::Actor& actor) const;
  Result<Survey> Visible(const auth::Actor& actor, std::int64_t id) const;
  Result<Token> Resolve(store::Executor& db, const std::string& token,
                        const std::string& device) const;
  // The where clause (and params) of the answers (alias "r", time
  // "submitted_at") or links ("l", "sent_at") in the caller's scope and the filter.
  Result<std::string> ScopeWhere(const auth::Actor& actor, const Survey& survey,
                                 const ResultsFilter& filter, const std::string& alias,
                                 const std::string& at, std::vector<store::Value>& params) const;

  store::Db& db_;
  const Clock& clock_;
  const audit::AuditLog& audit_;
  const clients::ClientService& clients_;
  const cases::CaseService& cases_;
};

}  // namespace jieli::feedback
