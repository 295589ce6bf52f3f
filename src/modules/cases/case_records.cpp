// CaseService: the service records of a case — adding one, listing them,
// correcting and withdrawing one, and a supervisor's comments on them.
#include <algorithm>
#include <map>

#include "core/json.hpp"
#include "modules/cases/case_service.hpp"
#include "modules/cases/case_sql.hpp"
#include "modules/cases/plan.hpp"
#include "modules/cases/rollup.hpp"
#include "modules/cases/service_record.hpp"

namespace jieli::cases {
namespace {

using auth::Permission;

// A list of names stored as a JSON array of strings ('[]' on old rows).
Result<std::vector<std::string>> NamesFromColumn(const std::string& text, std::string_view what) {
  JIELI_ASSIGN_OR_RETURN(Json parsed, ParseStoredJson(text, what));
  if (!parsed.is_array()) return CorruptStoreError(what);
  std::vector<std::string> names;
  for (const auto& name : parsed) {
    if (!name.is_string()) return CorruptStoreError(what);
    names.push_back(name.get<std::string>());
  }
  return names;
}

std::string ParticipantsColumn(const std::vector<Participant>& participants) {
  Json names = Json::array();
  for (Participant p : participants) names.push_back(std::string(ToString(p)));
  return DumpJson(names);
}

Result<ServiceRecord> ServiceFromRow(const store::Row& row, bool notes_visible) {
  ServiceRecord r;
  r.id = row.Int(0);
  r.case_id = row.Int(1);
  r.input.date = row.Text(2);
  r.input.minutes = static_cast<int>(row.Int(3));
  r.input.mode = ParseServiceMode(row.Text(4)).value_or(ServiceMode::kFaceToFace);
  r.input.content = row.Text(5);
  r.input.technique = row.Text(6);
  r.created_by = {row.Int(8), row.Text(9)};
  r.created_at = row.Int(10);
  r.input.place = row.Text(11);
  JIELI_ASSIGN_OR_RETURN(auto participants,
                         NamesFromColumn(row.Text(12), "case_services.participants"));
  for (const auto& name : participants) {
    auto participant = ParseParticipant(name);
    if (!participant) return CorruptStoreError("case_services.participants");
    r.input.participants.push_back(*participant);
  }
  r.input.participants_note = row.Text(13);
  JIELI_ASSIGN_OR_RETURN(r.input.goals_addressed,
                         NamesFromColumn(row.Text(14), "case_services.goals_addressed"));
  r.input.next_steps = row.Text(16);
  r.corrected_at = row.OptInt(17);
  if (auto withdrawn_at = row.OptInt(18)) {
    r.withdrawn = ServiceWithdrawal{{row.OptInt(19).value_or(0), ""}, *withdrawn_at, row.Text(20)};
  }
  // The progress note and the client's response are case notes.
  if (notes_visible) {
    r.input.progress_note = row.Text(7);
    r.input.client_response = row.Text(15);
  } else {
    r.note_hidden = true;
  }
  return r;
}

}  // namespace

Result<std::vector<std::string>> CaseService::PlanGoalNames(store::Executor& db,
                                                            std::int64_t case_id) const {
  // The approved plan once there is one; before that, the plan being written.
  JIELI_ASSIGN_OR_RETURN(auto approved, LatestApproved(db, case_id, Stage::kPlanning));
  Json plan;
  if (approved) {
    plan = std::move(approved->data);
  } else {
    JIELI_ASSIGN_OR_RETURN(auto row,
                           db.QueryOne(kFormOfCaseSql, {case_id, std::string("planning")}));
    if (!row) return std::vector<std::string>();
    JIELI_ASSIGN_OR_RETURN(plan, ParseStoredJson(row->Text(0), "case_forms.data"));
  }
  std::vector<std::string> names;
  for (auto& goal : PlanGoals(plan)) names.push_back(std::move(goal.name));
  return names;
}

Status CaseService::FillComments(store::Executor& db, std::vector<ServiceRecord>& records) const {
  std::vector<store::Value> ids;
  std::map<std::int64_t, ServiceRecord*> by_id;
  for (auto& record : records) {
    // Comments are case notes: none for a caller who may not read those.
    if (record.note_hidden) continue;
    ids.emplace_back(record.id);
    by_id[record.id] = &record;
  }
  if (ids.empty()) return Ok();
  JIELI_ASSIGN_OR_RETURN(
      auto rows,
      db.Query(std::string(kServiceCommentsSql) + auth::InList(ids.size()) + " ORDER BY id", ids));
  for (const auto& row : rows) {
    ServiceComment comment;
    comment.id = row.Int(0);
    comment.text = row.Text(2);
    comment.by = {row.Int(3), ""};
    comment.at = row.Int(4);
    by_id.at(row.Int(1))->comments.push_back(std::move(comment));
  }
  std::vector<Person*> people;
  for (auto& record : records) {
    for (auto& comment : record.comments) people.push_back(&comment.by);
  }
  return FillNames(db, people);
}

Result<ServiceRecord> CaseService::AddService(const auth::Actor& actor, std::int64_t id,
                                              const ServiceInput& input) const {
  auto before = LoadWritable(actor, id);
  if (!before) return before.error();
  if (before->c.stage == Stage::kClosed) return ConflictError("cases.closed");
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto plan_goals, PlanGoalNames(db_, id));
  auto issues = CheckService(input, before->c.opened_at, now, plan_goals);
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  Json goals = input.goals_addressed;
  auto inserted = (*tx)->QueryOne(
      kServiceInsertSql,
      {id, input.date, std::int64_t{input.minutes}, std::string(ToString(input.mode)),
       input.content, input.technique, input.progress_note, actor.user_id(), now, input.place,
       ParticipantsColumn(input.participants), input.participants_note, DumpJson(goals),
       input.client_response, input.next_steps});
  if (!inserted) return inserted.error();
  const std::int64_t service_id = (**inserted).Int(0);
  JIELI_RETURN_IF_ERROR(
      CountServiceInRollup(**tx, before->c.org_id, input.date, actor.user_id(), input.minutes, +1));
  if (before->c.first_contact_at) {
    // The usual case: only the count changes, so records added at the same
    // time to one case (a group session) do not conflict over its version.
    auto counted = (*tx)->Execute(kServiceCountUpSql, {now, id});
    if (!counted) return counted.error();
    if (*counted == 0) return ConflictError("cases.closed");
  } else {
    // The first contact may stop a crisis clock: the deadline is recomputed.
    auto c = Reload(**tx, *before);
    if (!c) return c.error();
    ++c->c.service_count;
    c->c.first_contact_at = now;
    JIELI_RETURN_IF_ERROR(SaveCaseRow(**tx, *c));
  }
  if (input.mode == ServiceMode::kCrisis) {
    JIELI_ASSIGN_OR_RETURN(auto counted, (*tx)->Execute(kCrisisCountUpSql, {now, id}));
    if (counted == 0) return NotFoundError("cases.not_found");
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, id, "service_added",
                                 {{"service_id", service_id},
                                  {"date", input.date},
                                  {"minutes", input.minutes},
                                  {"mode", std::string(ToString(input.mode))},
                                  {"excerpt", ServiceExcerpt(input.content)}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, before->c.org_id, "cases.add_service", "case",
                                      std::to_string(id),
                                      DumpJson({{"service", {{"after", service_id}}}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());
  ServiceRecord record;
  record.id = service_id;
  record.case_id = id;
  record.input = input;
  record.created_by = {actor.user_id(), actor.display_name()};
  record.created_at = now;
  return record;
}

Result<Page<ServiceRecord>> CaseService::ListServices(const auth::Actor& actor, std::int64_t id,
                                                      std::int64_t offset,
                                                      std::int64_t limit) const {
  auto c = LoadReadable(actor, id);
  if (!c) return c.error();
  const bool notes = CanReadNotes(actor, *c);
  Page<ServiceRecord> page;
  auto count = db_.QueryOne(kServicesOfCaseCountSql, {id});
  if (!count) return count.error();
  page.total = (*count)->Int(0);
  auto rows = db_.Query(std::string(kServiceSelect) +
                            " WHERE s.case_id = ? ORDER BY s.service_date DESC, s.id DESC "
                            "LIMIT ? OFFSET ?",
                        {id, limit, offset});
  if (!rows) return rows.error();
  for (const auto& row : *rows) {
    JIELI_ASSIGN_OR_RETURN(auto record, ServiceFromRow(row, notes));
    page.items.push_back(std::move(record));
  }
  JIELI_RETURN_IF_ERROR(FillRecordNames(db_, page.items));
  return page;
}

Result<ServiceRecord> CaseService::CommentOnService(const auth::Actor& actor,
                                                    std::int64_t service_id,
                                                    const std::string& comment) const {
  JIELI_ASSIGN_OR_RETURN(auto of_case, db_.QueryOne(kServiceCaseSql, {service_id}));
  if (!of_case) return NotFoundError("cases.service_not_found");
  auto c = LoadReadable(actor, of_case->Int(0));
  if (!c) {
    if (c.error().kind() == ErrorKind::kNotFound) return NotFoundError("cases.service_not_found");
    return c.error();
  }
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kCasesApprove, c->c.org_id, "cases.service_not_found"));
  JIELI_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne(std::string(kServiceSelect) + " WHERE s.id = ?", {service_id}));
  if (!row) return NotFoundError("cases.service_not_found");
  JIELI_ASSIGN_OR_RETURN(ServiceRecord record, ServiceFromRow(*row, CanReadNotes(actor, *c)));
  JIELI_RETURN_IF_ERROR(CheckCommenter(actor.user_id(), c->team, record.created_by.id));
  auto issues = CheckServiceComment(comment);
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto inserted,
                         (*tx)->QueryOne(kServiceCommentInsertSql,
                                         {service_id, c->c.id, comment, actor.user_id(), now}));
  if (!inserted) return NotFoundError("cases.service_not_found");
  const std::int64_t comment_id = inserted->Int(0);
  // The timeline says a record was commented on; the words stay with the
  // record, where only those who read case notes see them.
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, c->c.id, "service_commented",
                                 {{"service_id", service_id}, {"comment_id", comment_id}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, c->c.org_id, "cases.comment_service", "case",
                                      std::to_string(c->c.id),
                                      DumpJson({{"service_comment", {{"after", comment_id}}}})));
  JIELI_RETURN_IF_ERROR(NotifyServiceCommented(**tx, *c, record, comment, actor));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());

  std::vector<ServiceRecord> records{std::move(record)};
  JIELI_RETURN_IF_ERROR(FillRecordNames(db_, records));
  return std::move(records.front());
}

Status CaseService::FillRecordNames(store::Executor& db,
                                    std::vector<ServiceRecord>& records) const {
  std::vector<Person*> people;
  for (auto& record : records) {
    people.push_back(&record.created_by);
    if (record.withdrawn) people.push_back(&record.withdrawn->by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return FillComments(db, records);
}

Result<CaseService::Loaded> CaseService::LoadServiceCase(const auth::Actor& actor,
                                                         std::int64_t service_id,
                                                         ServiceRecord& record) const {
  JIELI_ASSIGN_OR_RETURN(auto of_case, db_.QueryOne(kServiceCaseSql, {service_id}));
  if (!of_case) return NotFoundError("cases.service_not_found");
  auto c = LoadWritable(actor, of_case->Int(0));
  if (!c) {
    if (c.error().kind() == ErrorKind::kNotFound) return NotFoundError("cases.service_not_found");
    return c.error();
  }
  if (c->c.stage == Stage::kClosed) return ConflictError("cases.closed");
  JIELI_ASSIGN_OR_RETURN(
      auto row, db_.QueryOne(std::string(kServiceSelect) + " WHERE s.id = ?", {service_id}));
  if (!row) return NotFoundError("cases.service_not_found");
  // The whole record, notes included: a change keeps what the caller does not send.
  JIELI_ASSIGN_OR_RETURN(record, ServiceFromRow(*row, true));
  return c;
}

namespace {

// A record's fields as the audit log keeps a change of them; the case notes
// (progress note, client's response) only as changed, never their words.
Json AuditChange(const ServiceInput& before, const ServiceInput& after,
                 const std::vector<std::string>& changed) {
  auto value = [](const ServiceInput& in, const std::string& field) -> Json {
    if (field == "date") return in.date;
    if (field == "minutes") return in.minutes;
    if (field == "mode") return std::string(ToString(in.mode));
    if (field == "content") return in.content;
    if (field == "technique") return in.technique;
    if (field == "place") return in.place;
    if (field == "participants") return Json::parse(ParticipantsColumn(in.participants));
    if (field == "participants_note") return in.participants_note;
    if (field == "goals_addressed") return in.goals_addressed;
    if (field == "next_steps") return in.next_steps;
    return nullptr;  // a case note
  };
  Json change = Json::object();
  for (const auto& field : changed) {
    Json was = value(before, field);
    if (was.is_null()) {
      change[field] = {{"changed", true}};
    } else {
      change[field] = {{"before", std::move(was)}, {"after", value(after, field)}};
    }
  }
  return change;
}

}  // namespace

Result<ServiceRecord> CaseService::CorrectService(const auth::Actor& actor, std::int64_t service_id,
                                                  const ServiceChange& change) const {
  ServiceRecord record;
  JIELI_ASSIGN_OR_RETURN(Loaded c, LoadServiceCase(actor, service_id, record));
  const EpochMs now = clock_.Now();
  const ServiceInput before = record.input;
  ServiceInput after = change.ApplyTo(before);
  // Goals the record named stay allowed after the plan was revised.
  JIELI_ASSIGN_OR_RETURN(auto plan_goals, PlanGoalNames(db_, c.c.id));
  for (const auto& goal : before.goals_addressed) {
    if (std::find(plan_goals.begin(), plan_goals.end(), goal) == plan_goals.end())
      plan_goals.push_back(goal);
  }
  // What was sent is checked first, as a new record is; then who may correct it and until when.
  auto issues = CheckService(after, c.c.opened_at, now, plan_goals);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(CheckCorrector(actor.user_id(), record.created_by.id, record.created_at,
                                       now, record.withdrawn.has_value()));
  const auto changed = ChangedServiceFields(before, after);
  const bool notes = CanReadNotes(actor, c);
  if (changed.empty()) {
    std::vector<ServiceRecord> records{std::move(record)};
    if (!notes) {
      records.front().input.progress_note.clear();
      records.front().input.client_response.clear();
      records.front().note_hidden = true;
    }
    JIELI_RETURN_IF_ERROR(FillRecordNames(db_, records));
    return std::move(records.front());
  }

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  Json goals = after.goals_addressed;
  JIELI_ASSIGN_OR_RETURN(
      auto updated,
      (*tx)->Execute(kServiceCorrectSql,
                     {after.date, std::int64_t{after.minutes}, std::string(ToString(after.mode)),
                      after.content, after.technique, after.progress_note, after.place,
                      ParticipantsColumn(after.participants), after.participants_note,
                      DumpJson(goals), after.client_response, after.next_steps, now, service_id,
                      record.corrected_at.value_or(0)}));
  if (updated == 0) return ConflictError("cases.changed");
  // Read with the corrected_at the update checked: exactly what is replaced.
  JIELI_RETURN_IF_ERROR(CountServiceInRollup(**tx, c.c.org_id, before.date, record.created_by.id,
                                             before.minutes, -1));
  JIELI_RETURN_IF_ERROR(
      CountServiceInRollup(**tx, c.c.org_id, after.date, record.created_by.id, after.minutes, +1));
  const bool was_crisis = before.mode == ServiceMode::kCrisis;
  const bool is_crisis = after.mode == ServiceMode::kCrisis;
  if (is_crisis && !was_crisis) {
    JIELI_RETURN_IF_ERROR((*tx)->Execute(kCrisisCountUpSql, {now, c.c.id}));
  } else if (was_crisis && !is_crisis) {
    JIELI_RETURN_IF_ERROR((*tx)->Execute(kCrisisCountDownSql, {c.c.id}));
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, c.c.id, "service_corrected",
                                 {{"service_id", service_id},
                                  {"fields", changed},
                                  {"date", after.date},
                                  {"minutes", after.minutes},
                                  {"mode", std::string(ToString(after.mode))},
                                  {"excerpt", ServiceExcerpt(after.content)}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      **tx, actor, c.c.org_id, "cases.correct_service", "case", std::to_string(c.c.id),
      DumpJson({{"service_id", service_id}, {"changes", AuditChange(before, after, changed)}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());

  record.input = std::move(after);
  record.corrected_at = now;
  if (!notes) {
    record.input.progress_note.clear();
    record.input.client_response.clear();
    record.note_hidden = true;
  }
  std::vector<ServiceRecord> records{std::move(record)};
  JIELI_RETURN_IF_ERROR(FillRecordNames(db_, records));
  return std::move(records.front());
}

Result<ServiceRecord> CaseService::WithdrawService(const auth::Actor& actor,
                                                   std::int64_t service_id,
                                                   const std::string& reason) const {
  ServiceRecord record;
  JIELI_ASSIGN_OR_RETURN(Loaded c, LoadServiceCase(actor, service_id, record));
  auto issues = CheckWithdrawReason(reason);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(
      CheckWithdrawer(actor.user_id(), c.team, record.created_by.id, record.withdrawn.has_value()));

  auto tx = db_.Begin();
  if (!tx) return tx.error();
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto updated, (*tx)->Execute(kServiceWithdrawSql,
                                                      {now, actor.user_id(), reason, service_id}));
  if (updated == 0) return ConflictError("cases.service_withdrawn");
  {
    // As it stands now that it is ours: a correction may have come in since it was read.
    JIELI_ASSIGN_OR_RETURN(auto stored, (*tx)->QueryOne(kServiceCountedSql, {service_id}));
    if (!stored) return NotFoundError("cases.not_found");
    JIELI_RETURN_IF_ERROR(CountServiceInRollup(**tx, c.c.org_id, stored->Text(0), stored->Int(2),
                                               stored->Int(1), -1));
  }
  JIELI_RETURN_IF_ERROR((*tx)->Execute(kServiceCountDownSql, {now, c.c.id}));
  if (record.input.mode == ServiceMode::kCrisis) {
    JIELI_RETURN_IF_ERROR((*tx)->Execute(kCrisisCountDownSql, {c.c.id}));
  }
  JIELI_RETURN_IF_ERROR(AddEvent(**tx, actor, c.c.id, "service_withdrawn",
                                 {{"service_id", service_id},
                                  {"date", record.input.date},
                                  {"minutes", record.input.minutes},
                                  {"mode", std::string(ToString(record.input.mode))},
                                  {"reason", reason}}));
  JIELI_RETURN_IF_ERROR(audit_.Record(**tx, actor, c.c.org_id, "cases.withdraw_service", "case",
                                      std::to_string(c.c.id),
                                      DumpJson({{"service_id", service_id},
                                                {"withdrawn", {{"before", false}, {"after", true}}},
                                                {"reason", reason}})));
  JIELI_RETURN_IF_ERROR((*tx)->Commit());

  record.withdrawn = ServiceWithdrawal{{actor.user_id(), ""}, now, reason};
  if (!CanReadNotes(actor, c)) {
    record.input.progress_note.clear();
    record.input.client_response.clear();
    record.note_hidden = true;
  }
  std::vector<ServiceRecord> records{std::move(record)};
  JIELI_RETURN_IF_ERROR(FillRecordNames(db_, records));
  return std::move(records.front());
}

}  // namespace jieli::cases
