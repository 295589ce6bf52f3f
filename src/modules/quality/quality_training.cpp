// QualityService: training sessions and attendance, training hours per
// person, and the quality duties of each post (质量职责).
#include <algorithm>
#include <map>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

// The posts that carry quality duties, in the order the screen lists them.
const std::vector<orgs::Role>& DutyRoles() {
  static const std::vector<orgs::Role> kRoles = {orgs::Role::kLeader, orgs::Role::kSupervisor,
                                                 orgs::Role::kWorker, orgs::Role::kOperator};
  return kRoles;
}

Result<std::vector<std::string>> DutiesFromColumn(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json parsed, ParseStoredJson(text, "quality_duties.duties"));
  if (!parsed.is_array()) return CorruptStoreError("quality_duties.duties");
  std::vector<std::string> duties;
  for (const auto& item : parsed) {
    if (!item.is_string()) return CorruptStoreError("quality_duties.duties");
    duties.push_back(item.get<std::string>());
  }
  return duties;
}

}  // namespace

Result<std::vector<Training>> QualityService::LoadTrainings(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kTrainingSelect) + " " + where, params));
  std::vector<Training> trainings;
  std::map<std::int64_t, std::size_t> index;
  std::vector<store::Value> ids;
  for (const auto& row : rows) {
    Training t;
    t.id = row.Int(0);
    t.org_id = row.Int(1);
    t.title = row.Text(2);
    t.kind = ParseTrainingKind(row.Text(3)).value_or(TrainingKind::kInternal);
    t.date = row.Text(4);
    t.minutes = static_cast<int>(row.Int(5));
    t.trainer = row.Text(6);
    t.created_by = {row.Int(7), ""};
    t.created_at = row.Int(8);
    index[t.id] = trainings.size();
    ids.emplace_back(t.id);
    trainings.push_back(std::move(t));
  }
  if (trainings.empty()) return trainings;
  JIELI_ASSIGN_OR_RETURN(
      auto attendance,
      db.Query(std::string(kAttendanceOfSql) + auth::InList(ids.size()) + " ORDER BY user_id",
               ids));
  for (const auto& row : attendance) {
    trainings[index.at(row.Int(0))].attendance.push_back(
        {{row.Int(1), ""}, static_cast<int>(row.Int(2))});
  }
  std::vector<Person*> people;
  for (auto& t : trainings) {
    people.push_back(&t.created_by);
    for (auto& a : t.attendance) people.push_back(&a.person);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return trainings;
}

Result<Training> QualityService::VisibleTraining(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadTrainings(db_, "WHERE t.id = ?", {id}));
  if (found.empty() || !actor.Can(Permission::kQualityRead, found.front().org_id)) {
    return NotFoundError("quality.not_found");
  }
  return std::move(found.front());
}

Result<Page<Training>> QualityService::ListTrainings(const auth::Actor& actor,
                                                     std::optional<std::int64_t> org_id,
                                                     const std::string& from, const std::string& to,
                                                     std::int64_t offset,
                                                     std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kQualityRead));
  if (org_id) {
    if (!actor.CanSee(*org_id)) return NotFoundError("quality.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*org_id));
    const std::set<std::int64_t> wanted(below.begin(), below.end());
    std::erase_if(readable, [&wanted](std::int64_t id) { return !wanted.contains(id); });
  }
  std::string where = "WHERE t.org_id " + auth::InList(readable.size());
  std::vector<store::Value> params(readable.begin(), readable.end());
  if (!from.empty()) {
    where += " AND t.session_date >= ?";
    params.emplace_back(from);
  }
  if (!to.empty()) {
    where += " AND t.session_date <= ?";
    params.emplace_back(to);
  }
  Page<Training> page;
  JIELI_ASSIGN_OR_RETURN(auto count,
                         db_.QueryOne(std::string(kTrainingCountFrom) + " " + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items,
      LoadTrainings(db_, where + " ORDER BY t.session_date DESC, t.id DESC LIMIT ? OFFSET ?",
                    params));
  return page;
}

Result<Training> QualityService::GetTraining(const auth::Actor& actor, std::int64_t id) const {
  return VisibleTraining(actor, id);
}

namespace {

Status CheckAttendees(store::Executor& db, std::int64_t org_id,
                      const std::vector<Attendee>& attendees) {
  std::vector<FieldIssue> issues;
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    JIELI_ASSIGN_OR_RETURN(bool member, BelongsTo(db, attendees[i].user_id, org_id));
    if (!member) {
      issues.push_back({"attendance[" + std::to_string(i) + "].user_id", "not_member", {}});
    }
  }
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  return Ok();
}

Status InsertAttendance(store::Executor& tx, const Training& t,
                        const std::vector<Attendee>& attendees) {
  for (const auto& a : attendees) {
    JIELI_RETURN_IF_ERROR(tx.Execute(
        kAttendanceInsertSql,
        {t.id, a.user_id, t.org_id, t.date, std::int64_t{a.minutes.value_or(t.minutes)}}));
  }
  return Ok();
}

Json AttendanceAudit(const std::vector<Attendee>& attendees, int session_minutes) {
  Json list = Json::array();
  for (const auto& a : attendees) {
    list.push_back({{"user_id", a.user_id}, {"minutes", a.minutes.value_or(session_minutes)}});
  }
  return list;
}

}  // namespace

Result<Training> QualityService::RecordTraining(const auth::Actor& actor,
                                                const TrainingInput& input,
                                                const std::vector<Attendee>& attendees) const {
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, input.org_id, "quality.not_found"));
  const EpochMs now = clock_.Now();
  auto issues = CheckTraining(input, attendees, LocalDateOf(now));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(CheckAttendees(db_, input.org_id, attendees));

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx->QueryOne(kTrainingInsertSql,
                   {input.org_id, input.title, std::string(ToString(input.kind)), input.date,
                    std::int64_t{input.minutes}, input.trainer, actor.user_id(), now}));
  if (!inserted) return InternalError("quality_trainings: no id returned");
  Training t;
  t.id = inserted->Int(0);
  t.org_id = input.org_id;
  t.date = input.date;
  t.minutes = input.minutes;
  JIELI_RETURN_IF_ERROR(InsertAttendance(*tx, t, attendees));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, input.org_id, "quality.record_training", "training", std::to_string(t.id),
      DumpJson({{"training",
                 {{"after",
                   {{"title", input.title},
                    {"kind", std::string(ToString(input.kind))},
                    {"date", input.date},
                    {"minutes", input.minutes},
                    {"attendance", AttendanceAudit(attendees, input.minutes)}}}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleTraining(actor, t.id);
}

Result<Training> QualityService::SetAttendance(const auth::Actor& actor, std::int64_t id,
                                               const std::vector<Attendee>& attendees) const {
  JIELI_ASSIGN_OR_RETURN(Training t, VisibleTraining(actor, id));
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, t.org_id, "quality.not_found"));
  TrainingInput input{t.org_id, t.title, t.kind, t.date, t.minutes, t.trainer};
  auto issues = CheckTraining(input, attendees, LocalDateOf(clock_.Now()));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(CheckAttendees(db_, t.org_id, attendees));
  std::vector<Attendee> before;
  for (const auto& a : t.attendance) before.push_back({a.person.id, a.minutes});

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(kAttendanceDeleteSql, {id}));
  JIELI_RETURN_IF_ERROR(InsertAttendance(*tx, t, attendees));
  JIELI_RETURN_IF_ERROR(
      audit_.Record(*tx, actor, t.org_id, "quality.set_attendance", "training", std::to_string(id),
                    DumpJson({{"attendance",
                               {{"before", AttendanceAudit(before, t.minutes)},
                                {"after", AttendanceAudit(attendees, t.minutes)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleTraining(actor, id);
}

Result<std::vector<HoursOfPerson>> QualityService::TrainingHours(const auth::Actor& actor,
                                                                 std::int64_t org_id,
                                                                 const std::string& from,
                                                                 const std::string& to) const {
  std::vector<store::Value> params;
  std::string sql;
  if (actor.Can(Permission::kQualityManage, org_id)) {
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(org_id));
    for (std::int64_t id : below) {
      if (actor.Can(Permission::kQualityRead, id)) params.emplace_back(id);
    }
    sql = std::string(kHoursPerPersonSql) + auth::InList(params.size());
  } else {
    // Without quality.manage there, a person sees their own hours only,
    // wherever the training was recorded.
    JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
    sql = kOwnHoursSql;
    params.emplace_back(actor.user_id());
  }
  params.emplace_back(from.empty() ? std::string("0000-01-01") : from);
  params.emplace_back(to.empty() ? std::string("9999-12-31") : to);
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(sql + kHoursPerPersonTail, params));
  std::vector<HoursOfPerson> hours;
  for (const auto& row : rows) {
    hours.push_back({{row.Int(0), ""}, static_cast<int>(row.Int(1)), static_cast<int>(row.Int(2))});
  }
  std::vector<Person*> people;
  for (auto& h : hours) people.push_back(&h.person);
  JIELI_RETURN_IF_ERROR(FillNames(db_, people));
  return hours;
}

Result<std::vector<PostDuties>> QualityService::Duties(const auth::Actor& actor,
                                                       std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityRead, org_id, "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db_).Above(org_id));
  std::vector<store::Value> ids(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db_.Query(std::string(kDutiesOfOrgsSql) + auth::InList(ids.size()), ids));
  std::vector<PostDuties> posts;
  for (orgs::Role role : DutyRoles()) {
    PostDuties post;
    post.role = role;
    // The nearest organisation with a list for the post.
    for (std::int64_t org : above) {
      for (const auto& row : rows) {
        if (row.Int(0) != org || row.Text(1) != orgs::ToString(role)) continue;
        JIELI_ASSIGN_OR_RETURN(post.duties, DutiesFromColumn(row.Text(2)));
        post.from_org_id = org;
      }
      if (post.from_org_id) break;
    }
    posts.push_back(std::move(post));
  }
  return posts;
}

Result<std::vector<PostDuties>> QualityService::SetDuties(
    const auth::Actor& actor, std::int64_t org_id, orgs::Role role,
    const std::vector<std::string>& duties) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, org_id, "quality.not_found"));
  if (std::find(DutyRoles().begin(), DutyRoles().end(), role) == DutyRoles().end()) {
    return ValidationFailed(
        {{"role", "invalid_choice", {{"allowed", "leader, supervisor, worker, operator"}}}});
  }
  auto issues = CheckDuties(duties);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(auto before, Duties(actor, org_id));
  Json was = Json::array();
  for (const auto& post : before) {
    if (post.role == role && post.from_org_id == org_id) was = post.duties;
  }
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(
      tx->Execute(kDutiesUpsertSql, {org_id, std::string(orgs::ToString(role)),
                                     DumpJson(Json(duties)), actor.user_id(), clock_.Now()}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, org_id, "quality.set_duties", "organization", std::to_string(org_id),
      DumpJson({{"role", std::string(orgs::ToString(role))},
                {"duties", {{"before", was}, {"after", duties}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Duties(actor, org_id);
}

}  // namespace jieli::quality
