// FeedbackService: the working-day calendar and the contact log.
#include "modules/feedback/feedback_service.hpp"

#include <map>
#include <set>
#include <utility>

#include <nlohmann/json.hpp>

#include "core/local_time.hpp"
#include "modules/feedback/feedback_sql.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/sort_order.hpp"

namespace jieli::feedback {
namespace {

using auth::Permission;
using Json = nlohmann::json;

// Stores an exchange in the contact log (for a case's follow-up, naming the
// follow-up it recorded) and audits it: what was said stays out of the log;
// that and when it was, does not. Returns its id.
Result<std::int64_t> InsertContact(store::Transaction& tx, const audit::AuditLog& audit,
                                   const auth::Actor& actor, std::int64_t org_id,
                                   const ContactInput& input, EpochMs now,
                                   std::optional<std::int64_t> followup_id) {
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx.QueryOne(
          kContactInsertSql,
          {org_id, input.client_id, store::OrNull(input.case_id),
           std::string(ToString(input.channel)), std::string(ToString(input.direction)), input.at,
           input.summary, input.follow_up ? store::Value(input.follow_up->due) : store::Null(),
           input.follow_up ? input.follow_up->note : std::string(), actor.user_id(), now,
           store::OrNull(followup_id)}));
  const std::int64_t id = inserted ? inserted->Int(0) : 0;
  Json after = {{"client_id", input.client_id},
                {"case_id", input.case_id ? Json(*input.case_id) : Json()},
                {"channel", ToString(input.channel)},
                {"direction", ToString(input.direction)},
                {"at", FormatIsoLocal(input.at)},
                {"follow_up_due", input.follow_up ? Json(input.follow_up->due) : Json()}};
  if (followup_id) after["followup_id"] = *followup_id;
  JIELI_RETURN_IF_ERROR(audit.Record(tx, actor, org_id, "feedback.record_contact", "contact",
                                     std::to_string(id),
                                     DumpJson({{"contact", {{"after", after}}}})));
  return id;
}

const modules::SortOrders& ContactSorts() {
  static const modules::SortOrders kSorts({{"-at", "c.contact_at DESC, c.id DESC"},
                                           {"at", "c.contact_at, c.id"},
                                           {"due", "c.follow_up_due, c.contact_at, c.id"}});
  return kSorts;
}

std::string FirstDay(int year) { return std::to_string(year) + "-01-01"; }
std::string LastDay(int year) { return std::to_string(year) + "-12-31"; }

}  // namespace

// --- the calendar ---------------------------------------------------------------------

Result<CalendarYear> FeedbackService::Calendar(const auth::Actor& actor, int year) const {
  (void)actor;  // every signed-in user: the calendar is public knowledge
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db_.Query(kCalendarBetweenSql, {FirstDay(year), LastDay(year)}));
  CalendarYear answer;
  answer.year = year;
  std::int64_t updated_by = 0;
  for (const auto& row : rows) {
    auto day = ParseDate(row.Text(0));
    if (!day) continue;
    answer.days.push_back(
        {*day, ParseCalendarDayKind(row.Text(1)).value_or(CalendarDayKind::kHoliday), row.Text(2)});
    if (!answer.updated_at || row.Int(4) > *answer.updated_at) {
      answer.updated_at = row.Int(4);
      updated_by = row.Int(3);
    }
  }
  if (updated_by != 0) {
    JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).DisplayNames({updated_by}));
    answer.updated_by = Person{updated_by, names[updated_by]};
  }
  const WorkingCalendar calendar(answer.days);
  const LocalDate first = *ParseDate(FirstDay(year));
  answer.working_days = calendar.WorkingDaysAfter(AddDays(first, -1), *ParseDate(LastDay(year)));
  return answer;
}

Result<CalendarYear> FeedbackService::SetCalendar(const auth::Actor& actor, int year,
                                                  const std::vector<CalendarDay>& days) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kSettingsManage));
  auto issues = CheckCalendarYear(year, days);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(kCalendarDeleteBetweenSql, {FirstDay(year), LastDay(year)}));
  Json audit_days = Json::array();
  for (const auto& day : days) {
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kCalendarInsertSql,
        {FormatDate(day.date), std::string(ToString(day.kind)), day.name, actor.user_id(), now}));
    audit_days.push_back({FormatDate(day.date), ToString(day.kind), day.name});
  }
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, std::nullopt, "feedback.set_calendar", "calendar",
                                      std::to_string(year),
                                      DumpJson({{"days", {{"after", audit_days}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Calendar(actor, year);
}

Result<WorkingCalendar> FeedbackService::WorkingCalendarBetween(store::Executor& db, LocalDate from,
                                                                LocalDate to) const {
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db.Query(kCalendarBetweenSql, {FormatDate(from), FormatDate(to)}));
  std::vector<CalendarDay> days;
  for (const auto& row : rows) {
    auto day = ParseDate(row.Text(0));
    auto kind = ParseCalendarDayKind(row.Text(1));
    if (day && kind) days.push_back({*day, *kind, row.Text(2)});
  }
  return WorkingCalendar(days);
}

// --- contacts -------------------------------------------------------------------------

Result<std::vector<Contact>> FeedbackService::LoadContacts(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kContactSelect) + where, params));
  std::vector<Contact> contacts;
  std::set<std::int64_t> people, orgs, clients;
  for (const auto& row : rows) {
    Contact c;
    c.id = row.Int(0);
    c.org.id = row.Int(1);
    c.client.id = row.Int(2);
    c.case_id = row.OptInt(3);
    c.channel = ParseChannel(row.Text(4)).value_or(Channel::kPhone);
    c.direction = ParseDirection(row.Text(5)).value_or(Direction::kOut);
    c.at = row.Int(6);
    c.summary = row.Text(7);
    if (auto due = row.OptText(8)) {
      FollowUp f;
      f.due = *due;
      f.note = row.Text(9);
      f.done_at = row.OptInt(10);
      if (auto done_by = row.OptInt(11)) {
        f.done_by = Person{*done_by, ""};
        people.insert(*done_by);
      }
      f.done_note = row.Text(12);
      c.follow_up = std::move(f);
    }
    c.by.id = row.Int(13);
    c.created_at = row.Int(14);
    c.followup_id = row.OptInt(15);
    people.insert(c.by.id);
    orgs.insert(c.org.id);
    clients.insert(c.client.id);
    contacts.push_back(std::move(c));
  }
  if (contacts.empty()) return contacts;
  orgs::OrgTree tree(db);
  JIELI_ASSIGN_OR_RETURN(auto person_names, tree.DisplayNames(people));
  JIELI_ASSIGN_OR_RETURN(auto org_names, tree.OrgNames(orgs));
  JIELI_ASSIGN_OR_RETURN(auto client_names, clients_.Names(db, clients));
  for (auto& c : contacts) {
    c.by.name = person_names[c.by.id];
    c.org.name = org_names[c.org.id];
    c.client.name = client_names[c.client.id];
    if (c.follow_up && c.follow_up->done_by) {
      c.follow_up->done_by->name = person_names[c.follow_up->done_by->id];
    }
  }
  return contacts;
}

Result<Page<Contact>> FeedbackService::ListContacts(const auth::Actor& actor,
                                                    const ContactFilter& filter,
                                                    std::int64_t offset, std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kClientsRead));
  JIELI_ASSIGN_OR_RETURN(std::string order, ContactSorts().OrderBy(filter.sort));
  // A client or case named that the caller may not read is not found, as on their pages.
  if (filter.client_id) {
    if (auto client = clients_.GetSummary(actor, *filter.client_id); !client) return client.error();
  }
  if (filter.case_id) {
    if (auto c = cases_.Get(actor, *filter.case_id); !c) return c.error();
  }
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kClientsRead));
  std::vector<store::Value> params(readable.begin(), readable.end());
  std::string where = " WHERE c.org_id " + auth::InList(readable.size());
  if (filter.client_id) {
    where += " AND c.client_id = ?";
    params.emplace_back(*filter.client_id);
  }
  if (filter.case_id) {
    where += " AND c.case_id = ?";
    params.emplace_back(*filter.case_id);
  }
  if (filter.channel) {
    where += " AND c.channel = ?";
    params.emplace_back(std::string(ToString(*filter.channel)));
  }
  if (!filter.follow_up.empty()) {
    where += " AND c.follow_up_due IS NOT NULL AND c.follow_up_done_at IS NULL";
    if (filter.follow_up == "mine") {
      where += " AND c.created_by = ?";
      params.emplace_back(actor.user_id());
    }
  }
  Page<Contact> page;
  JIELI_ASSIGN_OR_RETURN(auto count, db_.QueryOne(std::string(kContactCount) + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items, LoadContacts(db_, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params));
  JIELI_RETURN_IF_ERROR(HideCaseNotes(actor, page.items));
  return page;
}

Status FeedbackService::HideCaseNotes(const auth::Actor& actor,
                                      std::vector<Contact>& contacts) const {
  for (auto& c : contacts) {
    if (!c.followup_id) continue;
    auto followup = cases_.GetFollowUp(actor, *c.followup_id);
    if (!followup && followup.error().kind() != ErrorKind::kNotFound &&
        followup.error().kind() != ErrorKind::kForbidden)
      return followup.error();
    if (!followup || followup->note.empty()) c.summary.clear();
  }
  return {};
}

Result<Contact> FeedbackService::ReadableContact(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadContacts(db_, " WHERE c.id = ?", {id}));
  if (found.empty()) return NotFoundError("feedback.not_found");
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kClientsRead, found.front().org.id, "feedback.not_found"));
  JIELI_RETURN_IF_ERROR(HideCaseNotes(actor, found));
  return std::move(found.front());
}

Result<Contact> FeedbackService::RecordContact(const auth::Actor& actor,
                                               const ContactInput& input) const {
  JIELI_ASSIGN_OR_RETURN(auto client, clients_.GetSummary(actor, input.client_id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kClientsWrite, client.org_id, "clients.not_found"));
  const EpochMs now = clock_.Now();
  auto issues = CheckContact(input, now);
  if (input.case_id) {
    auto c = cases_.Get(actor, *input.case_id);
    if (!c) {
      if (c.error().kind() != ErrorKind::kNotFound) return c.error();
      issues.push_back({"case_id", "not_found"});
    } else if (c->client_id != input.client_id) {
      issues.push_back({"case_id", "case_of_other_client"});
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      std::int64_t id, InsertContact(*tx, audit_, actor, client.org_id, input, now, std::nullopt));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return ReadableContact(actor, id);
}

Result<Contact> FeedbackService::CompleteFollowUp(const auth::Actor& actor, std::int64_t id,
                                                  const std::string& note) const {
  JIELI_ASSIGN_OR_RETURN(Contact contact, ReadableContact(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kClientsWrite, contact.org.id, "feedback.not_found"));
  if (!contact.follow_up) return ConflictError("feedback.follow_up_none");
  if (contact.follow_up->done_at) return ConflictError("feedback.follow_up_done");
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto changed,
                         tx->Execute(kFollowUpDoneSql, {clock_.Now(), actor.user_id(), note, id}));
  if (changed == 0) return ConflictError("feedback.follow_up_done");  // done meanwhile
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, contact.org.id, "feedback.complete_follow_up",
                                      "contact", std::to_string(id),
                                      DumpJson({{"follow_up", {{"after", "done"}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return ReadableContact(actor, id);
}

Result<cases::FollowUp> FeedbackService::RecordFollowUp(const auth::Actor& actor,
                                                        std::int64_t followup_id,
                                                        const FollowUpVisit& visit) const {
  JIELI_ASSIGN_OR_RETURN(auto followup, cases_.GetFollowUp(actor, followup_id));
  // The exchange goes where the client's contacts are.
  auto client = clients_.GetSummary(actor, followup.client_id);
  if (!client) {
    if (client.error().kind() == ErrorKind::kNotFound)
      return NotFoundError("cases.followup_not_found");
    return client.error();
  }
  const EpochMs now = clock_.Now();
  const EpochMs at = visit.at.value_or(now);
  std::vector<FieldIssue> contact_issues;
  if (visit.channel == Channel::kWeb) contact_issues.push_back({"channel", "invalid_choice"});
  for (auto& issue : CheckContactTime(at, now)) contact_issues.push_back(std::move(issue));
  // A client who walks in for it came to the agency; any other way, it reached them.
  const Direction direction = visit.channel == Channel::kWalkIn ? Direction::kIn : Direction::kOut;

  ContactInput contact;
  contact.client_id = followup.client_id;
  contact.case_id = followup.case_id;
  contact.channel = visit.channel;
  contact.direction = direction;
  contact.at = at;
  contact.summary = visit.record.note;
  return cases_.CompleteFollowUp(
      actor, followup_id, visit.record, [&](store::Transaction& tx) -> Status {
        if (!contact_issues.empty()) return ValidationFailed(contact_issues);
        auto stored = InsertContact(tx, audit_, actor, client->org_id, contact, now, followup_id);
        if (!stored) return stored.error();
        return Ok();
      });
}

}  // namespace jieli::feedback
