#include "modules/feedback/survey_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/crypto.hpp"
#include "core/enum_names.hpp"
#include "core/text.hpp"
#include "modules/feedback/feedback_sql.hpp"
#include "modules/feedback/questionnaire_json.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/sort_order.hpp"

namespace jieli::feedback {
namespace {

using auth::Permission;
using Json = nlohmann::json;

constexpr EnumNames<SurveyState, 2> kSurveyStates = {{
    {SurveyState::kOpen, "open"},
    {SurveyState::kClosed, "closed"},
}};

// Tokens are RandomToken's base64url; anything else is not one of ours.
constexpr std::size_t kMaxTokenChars = 64;
constexpr std::size_t kAnonymousTokenBytes = 24;
// The newest free-text answers Results lists.
constexpr std::size_t kMaxTexts = 200;
// The answer sheets Results reads at most (a survey rarely has more).
constexpr std::int64_t kMaxResultRows = 50000;

const modules::SortOrders& SurveySorts() {
  static const modules::SortOrders kSorts({{"-created_at", "s.created_at DESC, s.id DESC"},
                                           {"created_at", "s.created_at, s.id"},
                                           {"title", "s.title_zh, s.id"}});
  return kSorts;
}

bool TokenShaped(const std::string& token) {
  return !token.empty() && token.size() <= kMaxTokenChars &&
         std::all_of(token.begin(), token.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                  c == '-' || c == '_';
         });
}

// What an answer gives an item towards its mean: the rating, or the chosen
// option's score; nothing for text, multiple choices or unscored options.
std::optional<double> ValueOf(const Item& item, const Answer& answer) {
  if (item.type == ItemType::kRating) {
    if (answer.rating) return *answer.rating;
    return std::nullopt;
  }
  if ((item.type != ItemType::kSingle && item.type != ItemType::kLikert) ||
      answer.choices.size() != 1) {
    return std::nullopt;
  }
  for (const auto& option : item.options) {
    if (option.value == answer.choices.front()) return option.score;
  }
  return std::nullopt;
}

std::optional<double> MeanOf(double sum, std::int64_t n) {
  if (n == 0) return std::nullopt;
  return sum / static_cast<double>(n);
}

std::string MonthOf(EpochMs at) { return FormatDate(LocalDateOf(at)).substr(0, 7); }

}  // namespace

std::string_view ToString(SurveyState state) { return EnumName(kSurveyStates, state); }
std::optional<SurveyState> ParseSurveyState(std::string_view text) {
  return ParseEnum(kSurveyStates, text);
}

// What a public token names, and what it does now.
struct SurveyService::Token {
  Survey survey;
  std::optional<std::int64_t> link_id;  // a personal link; else the anonymous one
  std::int64_t org_id = 0;
  std::optional<std::int64_t> client_id, worker_id;
  std::string state;  // open, answered, expired, withdrawn, closed
};

// --- reading -------------------------------------------------------------------------------

Result<std::vector<Survey>> SurveyService::Load(store::Executor& db, const std::string& where,
                                                const std::vector<store::Value>& params,
                                                bool counts) const {
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db.Query((counts ? kSurveySelect : kSurveyBareSelect) + where, params));
  std::vector<Survey> surveys;
  std::set<std::int64_t> people, orgs;
  for (const auto& row : rows) {
    Survey s;
    s.id = row.Int(0);
    s.org.id = row.Int(1);
    s.title_zh = row.Text(2);
    s.title_en = row.Text(3);
    s.built_in = row.Int(4) != 0;
    s.named = row.Int(5) != 0;
    std::vector<FieldIssue> ignored;
    s.questionnaire = QuestionnaireFromJson(Json::parse(row.Text(6), nullptr, false), "", ignored);
    s.anonymous_token = row.OptText(7);
    s.state = ParseSurveyState(row.Text(8)).value_or(SurveyState::kClosed);
    s.created_by.id = row.Int(9);
    s.created_at = row.Int(10);
    s.version = row.Int(11);
    s.sent = row.Int(12);
    s.answered = row.Int(13);
    s.responses = row.Int(14);
    people.insert(s.created_by.id);
    orgs.insert(s.org.id);
    surveys.push_back(std::move(s));
  }
  if (surveys.empty()) return surveys;
  orgs::OrgTree tree(db);
  JIELI_ASSIGN_OR_RETURN(auto names, tree.DisplayNames(people));
  JIELI_ASSIGN_OR_RETURN(auto org_names, tree.OrgNames(orgs));
  for (auto& s : surveys) {
    s.org.name = org_names[s.org.id];
    s.created_by.name = names[s.created_by.id];
  }
  return surveys;
}

Result<std::vector<std::int64_t>> SurveyService::AboveReading(const auth::Actor& actor) const {
  std::set<std::int64_t> orgs;
  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto memberships, tree.Memberships(actor.user_id()));
  for (const auto& membership : memberships) {
    if (!actor.Can(Permission::kClientsRead, membership.org_id)) continue;
    JIELI_ASSIGN_OR_RETURN(auto above, tree.Above(membership.org_id));
    orgs.insert(above.begin(), above.end());
  }
  return std::vector<std::int64_t>(orgs.begin(), orgs.end());
}

Result<Survey> SurveyService::Visible(const auth::Actor& actor, std::int64_t id) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(auto found, Load(db_, " WHERE s.id = ?", {id}));
  if (found.empty()) return NotFoundError("survey.not_found");
  const std::int64_t org = found.front().org.id;
  if (!actor.Can(Permission::kClientsRead, org)) {
    JIELI_ASSIGN_OR_RETURN(auto above, AboveReading(actor));
    if (std::find(above.begin(), above.end(), org) == above.end()) {
      JIELI_RETURN_IF_ERROR(actor.Require(Permission::kClientsRead, org, "survey.not_found"));
    }
  }
  return std::move(found.front());
}

Result<Survey> SurveyService::Get(const auth::Actor& actor, std::int64_t id) const {
  return Visible(actor, id);
}

Result<Page<Survey>> SurveyService::List(const auth::Actor& actor, const SurveyFilter& filter,
                                         std::int64_t offset, std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(std::string order, SurveySorts().OrderBy(filter.sort));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(auto above, AboveReading(actor));
  std::set<std::int64_t> orgs(readable.begin(), readable.end());
  orgs.insert(above.begin(), above.end());
  std::vector<store::Value> params(orgs.begin(), orgs.end());
  std::string where = " WHERE s.org_id " + auth::InList(orgs.size());
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("orgs.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*filter.org_id));
    where += " AND s.org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  if (filter.state) {
    where += " AND s.state = ?";
    params.emplace_back(std::string(ToString(*filter.state)));
  }
  Page<Survey> page;
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kSurveyCount) + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(page.items,
                         Load(db_, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params));
  return page;
}

// --- making, closing, sending --------------------------------------------------------------

Result<Survey> SurveyService::Create(const auth::Actor& actor, const SurveyInput& input) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, input.org_id));
  const Questionnaire& questionnaire =
      input.questionnaire ? *input.questionnaire : BuiltInSatisfaction();
  std::vector<FieldIssue> issues;
  for (auto& issue : CheckQuestionnaire(questionnaire)) {
    issue.field = "questionnaire." + issue.field;
    issues.push_back(std::move(issue));
  }
  const std::string title_zh = IsBlank(input.title_zh) ? questionnaire.title_zh : input.title_zh;
  const std::string title_en = IsBlank(input.title_en) ? questionnaire.title_en : input.title_en;
  if (CodePointCount(title_zh) > kMaxTitleChars) {
    issues.push_back({"title_zh", "too_long", {{"max", std::to_string(kMaxTitleChars)}}});
  }
  if (CodePointCount(title_en) > kMaxTitleChars) {
    issues.push_back({"title_en", "too_long", {{"max", std::to_string(kMaxTitleChars)}}});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  const EpochMs now = clock_.Now();
  std::optional<std::string> anonymous;
  if (input.anonymous) anonymous = crypto::RandomToken(kAnonymousTokenBytes);
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto row,
      tx->QueryOne(
          kSurveyInsertSql,
          {input.org_id, title_zh, title_en, static_cast<std::int64_t>(input.questionnaire ? 0 : 1),
           static_cast<std::int64_t>(input.named ? 1 : 0),
           DumpJson(QuestionnaireToJson(questionnaire)),
           anonymous ? store::Value(*anonymous) : store::Null(), actor.user_id(), now}));
  const std::int64_t id = row->Int(0);
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, input.org_id, "feedback.create_survey", "survey",
                                      std::to_string(id),
                                      DumpJson({{"survey",
                                                 {{"after",
                                                   {{"title_zh", title_zh},
                                                    {"built_in", !input.questionnaire},
                                                    {"named", input.named},
                                                    {"anonymous", input.anonymous},
                                                    {"items", questionnaire.items.size()}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Visible(actor, id);
}

Result<Survey> SurveyService::Close(const auth::Actor& actor, std::int64_t id,
                                    std::int64_t version) const {
  JIELI_ASSIGN_OR_RETURN(Survey survey, Visible(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, survey.org.id));
  if (survey.state == SurveyState::kClosed) return ConflictError("survey.closed");
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto changed, tx->Execute(kSurveyCloseSql, {id, version}));
  if (changed == 0) return ConflictError("survey.version_conflict");
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, survey.org.id, "feedback.close_survey", "survey", std::to_string(id),
      DumpJson({{"state", {{"before", "open"}, {"after", "closed"}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Visible(actor, id);
}

Result<std::vector<SentLink>> SurveyService::Send(const auth::Actor& actor, std::int64_t id,
                                                  const SendInput& input) const {
  JIELI_ASSIGN_OR_RETURN(Survey survey, Visible(actor, id));
  const EpochMs now = clock_.Now();
  const LocalDate today = LocalDateOf(now);
  std::vector<FieldIssue> issues;
  if (input.client_ids.empty()) issues.push_back({"client_ids", "required"});
  if (input.client_ids.size() > kMaxSendClients) {
    issues.push_back({"client_ids", "too_many", {{"max", std::to_string(kMaxSendClients)}}});
  }
  if (input.case_id && input.client_ids.size() != 1) {
    issues.push_back({"case_id", "one_client_only"});
  }
  const LocalDate expires_on = input.expires_on.value_or(AddDays(today, kDefaultLinkDays));
  if (expires_on < today || expires_on > AddDays(today, kMaxLinkDays)) {
    issues.push_back(
        {"expires_on",
         "out_of_range",
         {{"min", FormatDate(today)}, {"max", FormatDate(AddDays(today, kMaxLinkDays))}}});
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  // Every client first, so that one refused sends nobody a link.
  std::vector<clients::Client> recipients;
  std::set<std::int64_t> seen;
  for (std::size_t i = 0; i < input.client_ids.size(); ++i) {
    const std::string at = "client_ids[" + std::to_string(i) + "]";
    if (!seen.insert(input.client_ids[i]).second) {
      issues.push_back({at, "duplicate"});
      continue;
    }
    auto client = clients_.Get(actor, input.client_ids[i]);
    if (!client) {
      issues.push_back({at, "not_found"});
      continue;
    }
    JIELI_RETURN_IF_ERROR(
        actor.Require(Permission::kClientsWrite, client->org_id, "clients.not_found"));
    recipients.push_back(std::move(*client));
  }
  std::optional<std::int64_t> worker;
  if (input.case_id) {
    auto c = cases_.Get(actor, *input.case_id);
    if (!c || recipients.empty() || c->client_id != recipients.front().id) {
      issues.push_back({"case_id", "not_found"});
    } else {
      worker = c->primary_worker.id;
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  if (survey.state == SurveyState::kClosed) return ConflictError("survey.closed");

  std::vector<SentLink> sent;
  Json audit_clients = Json::array();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  for (const auto& client : recipients) {
    SentLink link;
    link.client = {client.id, client.name};
    if (SurveyConsentWithdrawn(client.consents, today)) {
      link.skipped = "consent_withdrawn";
      sent.push_back(std::move(link));
      continue;
    }
    std::string token = crypto::RandomToken();
    JIELI_RETURN_IF_ERROR(tx->Execute(kLinksSupersedeSql, {now, id, client.id}));
    JIELI_RETURN_IF_ERROR(
        tx->Execute(kLinkInsertSql, {id, client.org_id, client.id, store::OrNull(input.case_id),
                                     worker.value_or(actor.user_id()), crypto::Sha256Hex(token),
                                     FormatDate(expires_on), actor.user_id(), now}));
    audit_clients.push_back(client.id);
    link.token = std::move(token);
    link.expires_on = expires_on;
    sent.push_back(std::move(link));
  }
  JIELI_RETURN_IF_ERROR(
      audit_.Record(*tx, actor, survey.org.id, "feedback.send_survey", "survey", std::to_string(id),
                    DumpJson({{"links",
                               {{"after",
                                 {{"clients", audit_clients},
                                  {"case_id", input.case_id ? Json(*input.case_id) : Json()},
                                  {"expires_on", FormatDate(expires_on)}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return sent;
}

Result<Page<SurveyLinkView>> SurveyService::Links(const auth::Actor& actor, std::int64_t id,
                                                  std::int64_t offset, std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(Survey survey, Visible(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  std::vector<store::Value> params = {id};
  params.insert(params.end(), readable.begin(), readable.end());
  const std::string where = " WHERE l.survey_id = ? AND l.org_id " + auth::InList(readable.size());
  Page<SurveyLinkView> page;
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kLinkCount) + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kLinkSelect) + where +
                                                  " ORDER BY l.sent_at DESC, l.id DESC "
                                                  "LIMIT ? OFFSET ?",
                                              params));
  std::set<std::int64_t> people, client_ids;
  const EpochMs now = clock_.Now();
  for (const auto& row : rows) {
    SurveyLinkView link;
    link.id = row.Int(0);
    link.client.id = row.Int(1);
    link.case_id = row.OptInt(2);
    link.sent_by.id = row.Int(3);
    link.sent_at = row.Int(4);
    auto expires = ParseDate(row.Text(5));
    link.expires_on = expires ? *expires : LocalDateOf(link.sent_at);
    link.answered_at = row.OptInt(6);
    // A superseded link answers no more: shown as expired. (Consent is read
    // on the public page; the list shows what the dates say.)
    link.state = row.OptInt(7) && !link.answered_at
                     ? LinkState::kExpired
                     : LinkStateAt({link.expires_on, link.answered_at, false}, now);
    if (survey.state == SurveyState::kClosed && link.state == LinkState::kOpen) {
      link.state = LinkState::kExpired;
    }
    people.insert(link.sent_by.id);
    client_ids.insert(link.client.id);
    page.items.push_back(std::move(link));
  }
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).DisplayNames(people));
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db_, client_ids));
  for (auto& link : page.items) {
    link.sent_by.name = names[link.sent_by.id];
    link.client.name = client_names[link.client.id];
  }
  return page;
}

// --- results -------------------------------------------------------------------------------

Result<std::string> SurveyService::ScopeWhere(const auth::Actor& actor, const Survey& survey,
                                              const ResultsFilter& filter, const std::string& alias,
                                              const std::string& at,
                                              std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  params.emplace_back(survey.id);
  params.insert(params.end(), readable.begin(), readable.end());
  const std::string r = alias + ".";
  std::string where =
      " WHERE " + r + "survey_id = ? AND " + r + "org_id " + auth::InList(readable.size());
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("orgs.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*filter.org_id));
    where += " AND " + r + "org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  if (filter.worker_id) {
    where += " AND " + r + "worker_id = ?";
    params.emplace_back(*filter.worker_id);
  }
  if (filter.from) {
    where += " AND " + r + at + " >= ?";
    params.emplace_back(StartOfLocalDay(*filter.from));
  }
  if (filter.to) {
    where += " AND " + r + at + " < ?";
    params.emplace_back(StartOfLocalDay(AddDays(*filter.to, 1)));
  }
  return where;
}

Result<SurveyResults> SurveyService::Results(const auth::Actor& actor, std::int64_t id,
                                             const ResultsFilter& filter) const {
  SurveyResults results;
  JIELI_ASSIGN_OR_RETURN(results.survey, Visible(actor, id));
  const Survey& survey = results.survey;
  std::vector<store::Value> params;
  JIELI_ASSIGN_OR_RETURN(std::string where,
                         ScopeWhere(actor, survey, filter, "r", "submitted_at", params));

  // Links sent in the same scope and period: the response rate's denominator.
  std::vector<store::Value> link_params;
  JIELI_ASSIGN_OR_RETURN(std::string link_where,
                         ScopeWhere(actor, survey, filter, "l", "sent_at", link_params));
  JIELI_ASSIGN_OR_RETURN(auto counts, db_.QueryOne(std::string(kLinkRateSelect) + link_where +
                                                       " AND l.superseded_at IS NULL",
                                                   link_params));
  results.sent = counts ? counts->Int(0) : 0;
  results.answered = counts ? counts->Int(1) : 0;
  if (results.sent > 0) {
    results.response_rate =
        static_cast<double>(results.answered) / static_cast<double>(results.sent);
  }

  std::vector<store::Value> row_params = params;
  row_params.emplace_back(kMaxResultRows);
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kResponseSelect) + where +
                                                  " ORDER BY r.submitted_at DESC, r.id DESC "
                                                  "LIMIT ?",
                                              row_params));
  const Questionnaire& q = survey.questionnaire;
  const Score bounds = ScoreOf(q, {});
  results.min_possible = bounds.min_total;
  results.max_possible = bounds.max_total;
  results.items.resize(q.items.size());
  std::vector<double> sums(q.items.size(), 0);
  std::vector<std::int64_t> valued(q.items.size(), 0);
  for (std::size_t i = 0; i < q.items.size(); ++i) {
    results.items[i].item = &q.items[i];
    results.items[i].counts.assign(q.items[i].options.size(), 0);
  }
  std::map<double, std::int64_t> distribution;
  std::map<std::string, std::pair<std::int64_t, std::pair<double, std::int64_t>>> months;
  double total_sum = 0;
  std::int64_t totals = 0;
  std::set<std::int64_t> named_clients;
  for (const auto& row : rows) {
    ++results.responses;
    std::vector<FieldIssue> ignored;
    const Answers answers = AnswersFromJson(Json::parse(row.Text(3), nullptr, false), "", ignored);
    const EpochMs at = row.Int(5);
    auto& month = months[MonthOf(at)];
    ++month.first;
    if (!row.IsNull(4) && bounds.max_total > bounds.min_total) {
      const double total = row.Double(4);
      ++distribution[total];
      total_sum += total;
      ++totals;
      month.second.first += total;
      ++month.second.second;
    }
    for (std::size_t i = 0; i < q.items.size(); ++i) {
      const Item& item = q.items[i];
      auto given = answers.find(item.id);
      if (given == answers.end()) continue;
      ++results.items[i].answered;
      for (std::size_t o = 0; o < item.options.size(); ++o) {
        const auto& chosen = given->second.choices;
        if (std::find(chosen.begin(), chosen.end(), item.options[o].value) != chosen.end()) {
          ++results.items[i].counts[o];
        }
      }
      if (auto value = ValueOf(item, given->second)) {
        sums[i] += *value;
        ++valued[i];
      }
      if (item.type == ItemType::kText && !given->second.text.empty() &&
          results.texts.size() < kMaxTexts) {
        ResponseText text{item.id, given->second.text, at, std::nullopt};
        if (survey.named && !row.IsNull(2)) {
          text.client = SurveyPerson{row.Int(2), ""};
          named_clients.insert(row.Int(2));
        }
        results.texts.push_back(std::move(text));
      }
    }
  }
  for (std::size_t i = 0; i < q.items.size(); ++i)
    results.items[i].mean = MeanOf(sums[i], valued[i]);
  results.mean_total = MeanOf(total_sum, totals);
  results.distribution.assign(distribution.begin(), distribution.end());
  for (const auto& [month, n] : months) {
    results.by_month.push_back({month, n.first, MeanOf(n.second.first, n.second.second)});
  }
  if (!named_clients.empty()) {
    JIELI_ASSIGN_OR_RETURN(auto names, clients_.Names(db_, named_clients));
    for (auto& text : results.texts) {
      if (text.client) text.client->name = names[text.client->id];
    }
  }
  return results;
}

Result<std::vector<ResponseRow>> SurveyService::Responses(const auth::Actor& actor, std::int64_t id,
                                                          const ResultsFilter& filter) const {
  JIELI_ASSIGN_OR_RETURN(Survey survey, Visible(actor, id));
  std::vector<store::Value> params;
  JIELI_ASSIGN_OR_RETURN(std::string where,
                         ScopeWhere(actor, survey, filter, "r", "submitted_at", params));
  params.emplace_back(kMaxExportRows);
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kResponseSelect) + where +
                                                  " ORDER BY r.submitted_at DESC, r.id DESC "
                                                  "LIMIT ?",
                                              params));
  std::vector<ResponseRow> out;
  std::set<std::int64_t> orgs, named_clients;
  for (const auto& row : rows) {
    ResponseRow r;
    r.id = row.Int(0);
    r.org.id = row.Int(1);
    orgs.insert(r.org.id);
    if (survey.named && !row.IsNull(2)) {
      r.client = SurveyPerson{row.Int(2), ""};
      named_clients.insert(row.Int(2));
    }
    std::vector<FieldIssue> ignored;
    r.answers = AnswersFromJson(Json::parse(row.Text(3), nullptr, false), "", ignored);
    if (!row.IsNull(4)) r.total = row.Double(4);
    r.submitted_at = row.Int(5);
    out.push_back(std::move(r));
  }
  JIELI_ASSIGN_OR_RETURN(auto org_names, orgs::OrgTree(db_).OrgNames(orgs));
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db_, named_clients));
  for (auto& r : out) {
    r.org.name = org_names[r.org.id];
    if (r.client) r.client->name = client_names[r.client->id];
  }
  return out;
}

Result<std::vector<quality::CaseSurveyScore>> SurveyService::CaseSurveyScores(
    const std::vector<std::int64_t>& org_ids) const {
  std::vector<quality::CaseSurveyScore> scores;
  if (org_ids.empty()) return scores;
  std::vector<store::Value> params(org_ids.begin(), org_ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kCaseScoresSql) + auth::InList(params.size()), params));
  if (rows.empty()) return scores;
  std::set<std::int64_t> survey_ids;
  for (const auto& row : rows) survey_ids.insert(row.Int(0));
  std::vector<store::Value> ids(survey_ids.begin(), survey_ids.end());
  JIELI_ASSIGN_OR_RETURN(auto surveys,
                         Load(db_, " WHERE s.id " + auth::InList(ids.size()), ids, false));
  std::map<std::int64_t, Score> bounds;
  for (const auto& survey : surveys) bounds[survey.id] = ScoreOf(survey.questionnaire, {});
  for (const auto& row : rows) {
    auto found = bounds.find(row.Int(0));
    if (found == bounds.end() || found->second.max_total <= found->second.min_total) continue;
    const Score& b = found->second;
    const double share = (row.Double(2) - b.min_total) / (b.max_total - b.min_total);
    scores.push_back({row.Int(1), 1 + 4 * std::clamp(share, 0.0, 1.0)});
  }
  return scores;
}

Result<std::vector<quality::ComplaintRecord>> SurveyService::Complaints(
    const std::vector<std::int64_t>& org_ids, EpochMs from, EpochMs to) const {
  std::vector<quality::ComplaintRecord> complaints;
  if (org_ids.empty()) return complaints;
  std::vector<store::Value> params = {from, to};
  params.insert(params.end(), org_ids.begin(), org_ids.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kComplaintFactsSql) + auth::InList(org_ids.size()), params));
  complaints.reserve(rows.size());
  for (const auto& row : rows) {
    complaints.push_back({row.Int(0), row.OptInt(1), row.OptInt(2), row.Int(3), row.OptInt(4)});
  }
  return complaints;
}

// --- the public page -----------------------------------------------------------------------

Result<SurveyService::Token> SurveyService::Resolve(store::Executor& db, const std::string& token,
                                                    const std::string& device) const {
  if (!TokenShaped(token)) return NotFoundError("survey.link_not_found");
  const EpochMs now = clock_.Now();
  Token found;
  JIELI_ASSIGN_OR_RETURN(auto link, db.QueryOne(kLinkByTokenSql, {crypto::Sha256Hex(token)}));
  std::int64_t survey_id = 0;
  if (link) {
    found.link_id = link->Int(0);
    survey_id = link->Int(1);
    found.org_id = link->Int(2);
    found.client_id = link->Int(3);
    found.worker_id = link->OptInt(5);
    LinkFacts facts;
    auto expires = ParseDate(link->Text(6));
    facts.expires_on = expires ? *expires : LocalDateOf(0);
    facts.answered_at = link->OptInt(7);
    // The client's consent now: read through the clients module as the system.
    auto client = clients_.Get(auth::Actor::System(db_), *found.client_id);
    facts.consent_withdrawn = !client || SurveyConsentWithdrawn(client->consents, LocalDateOf(now));
    const LinkState state =
        link->OptInt(8) && !facts.answered_at ? LinkState::kExpired : LinkStateAt(facts, now);
    found.state = ToString(state);
  } else {
    JIELI_ASSIGN_OR_RETURN(auto survey, db.QueryOne(kSurveyByAnonymousTokenSql, {token}));
    if (!survey) return NotFoundError("survey.link_not_found");
    survey_id = survey->Int(0);
    found.org_id = survey->Int(1);
    found.state = "open";
    if (!device.empty()) {
      JIELI_ASSIGN_OR_RETURN(
          auto answered, db.QueryOne(kDeviceAnsweredSql, {survey_id, crypto::Sha256Hex(device)}));
      if (answered) found.state = "answered";
    }
  }
  JIELI_ASSIGN_OR_RETURN(auto surveys, Load(db, " WHERE s.id = ?", {survey_id}, false));
  if (surveys.empty()) return NotFoundError("survey.link_not_found");
  found.survey = std::move(surveys.front());
  if (found.survey.state == SurveyState::kClosed && found.state == "open") found.state = "closed";
  return found;
}

Result<PublicSurvey> SurveyService::Open(const std::string& token,
                                         const std::string& device) const {
  JIELI_ASSIGN_OR_RETURN(Token found, Resolve(db_, token, device));
  return PublicSurvey{found.survey.title_zh, found.survey.title_en, found.survey.org.name,
                      std::move(found.survey.questionnaire), found.state};
}

Status SurveyService::Answer(const std::string& token, const std::string& device,
                             const Answers& answers) const {
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(Token found, Resolve(*tx, token, device));
  if (found.state != "open") return ConflictError("survey." + found.state);
  const Questionnaire& q = found.survey.questionnaire;
  auto issues = CheckAnswers(q, answers);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  const Score score = ScoreOf(q, answers);
  const EpochMs now = clock_.Now();
  if (found.link_id) {
    JIELI_ASSIGN_OR_RETURN(auto changed, tx->Execute(kLinkAnsweredSql, {now, *found.link_id}));
    if (changed == 0) return ConflictError("survey.answered");
  } else if (device.empty()) {
    return InvalidError("survey.device_required");
  }
  const bool has_total = score.max_total > score.min_total && score.scored_items > 0;
  JIELI_RETURN_IF_ERROR(tx->Execute(
      kResponseInsertSql, {found.survey.id, store::OrNull(found.link_id),
                           found.link_id ? store::Null() : store::Value(crypto::Sha256Hex(device)),
                           found.org_id, store::OrNull(found.client_id),
                           store::OrNull(found.worker_id), DumpJson(AnswersToJson(answers)),
                           has_total ? store::Value(score.total) : store::Null(), now}));
  return tx->Commit();
}

}  // namespace jieli::feedback
