// QualityService: supervision sessions (督导记录) — listing, recording,
// correcting them; their actions are worked in quality_service.cpp.
#include <algorithm>
#include <climits>
#include <map>
#include <set>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"
#include "modules/sort_order.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

const modules::SortOrders& SessionSorts() {
  static const modules::SortOrders kSorts({{"-date", "s.session_date DESC, s.id DESC"},
                                           {"date", "s.session_date, s.id"},
                                           {"-minutes", "s.minutes DESC, s.id DESC"},
                                           {"minutes", "s.minutes, s.id"}});
  return kSorts;
}

Json SessionAudit(const SupervisionInput& input, std::int64_t supervisor_id) {
  return {{"supervisor_id", supervisor_id},
          {"kind", std::string(ToString(input.kind))},
          {"date", input.date},
          {"minutes", input.minutes},
          {"supervisee_ids", input.supervisee_ids},
          {"case_ids", input.case_ids},
          {"topics", input.topics}};
}

}  // namespace

Result<std::vector<SupervisionSession>> QualityService::LoadSessions(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params,
    bool with_actions) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kSessionSelect) + " " + where, params));
  std::vector<SupervisionSession> sessions;
  std::map<std::int64_t, std::size_t> index;
  std::vector<store::Value> ids;
  for (const auto& row : rows) {
    SupervisionSession s;
    s.id = row.Int(0);
    s.org_id = row.Int(1);
    s.supervisor = {row.Int(2), ""};
    s.kind = ParseSupervisionKind(row.Text(3)).value_or(SupervisionKind::kIndividual);
    s.date = row.Text(4);
    s.minutes = static_cast<int>(row.Int(5));
    s.topics = row.Text(6);
    s.notes = row.Text(7);
    s.created_by = {row.Int(8), ""};
    s.created_at = row.Int(9);
    s.updated_at = row.Int(10);
    index[s.id] = sessions.size();
    ids.emplace_back(s.id);
    sessions.push_back(std::move(s));
  }
  if (sessions.empty()) return sessions;
  const std::string in = auth::InList(ids.size());
  JIELI_ASSIGN_OR_RETURN(auto supervisees,
                         db.Query(std::string(kSuperviseesOfSql) + in + " ORDER BY user_id", ids));
  for (const auto& row : supervisees) {
    sessions[index.at(row.Int(0))].supervisees.push_back({row.Int(1), ""});
  }
  JIELI_ASSIGN_OR_RETURN(auto cases,
                         db.Query(std::string(kCasesOfSql) + in + " ORDER BY case_id", ids));
  for (const auto& row : cases) sessions[index.at(row.Int(0))].case_ids.push_back(row.Int(1));
  if (with_actions) {
    JIELI_ASSIGN_OR_RETURN(auto actions,
                           LoadActions(db, "WHERE a.session_id " + in + " ORDER BY a.id", ids));
    for (auto& a : actions) sessions[index.at(*a.session_id)].actions.push_back(std::move(a));
  }
  std::vector<Person*> people;
  for (auto& s : sessions) {
    people.push_back(&s.supervisor);
    people.push_back(&s.created_by);
    for (auto& p : s.supervisees) people.push_back(&p);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return sessions;
}

Result<SupervisionSession> QualityService::VisibleSession(const auth::Actor& actor,
                                                          std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadSessions(db_, "WHERE s.id = ?", {id}, true));
  if (found.empty()) return NotFoundError("quality.not_found");
  SupervisionSession session = std::move(found.front());
  // Those named in it see it wherever it was recorded (a worker of a
  // department is supervised at the agency); leaders see their agency's.
  const std::int64_t me = actor.user_id();
  bool mine = session.supervisor.id == me || session.created_by.id == me;
  for (const auto& p : session.supervisees) mine = mine || p.id == me;
  if (mine && actor.RequireAnywhere(Permission::kQualityRead).ok()) {
    return session;
  }
  if (!actor.Can(Permission::kQualityRead, session.org_id)) {
    return NotFoundError("quality.not_found");
  }
  JIELI_ASSIGN_OR_RETURN(auto leads, LeaderOrgs(actor));
  if (leads.contains(session.org_id)) return session;
  return NotFoundError("quality.not_found");
}

Result<Page<SupervisionSession>> QualityService::ListSupervision(const auth::Actor& actor,
                                                                 const SupervisionFilter& filter,
                                                                 std::int64_t offset,
                                                                 std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(std::string order, SessionSorts().OrderBy(filter.sort));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kQualityRead));
  std::vector<std::int64_t> below;
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("quality.not_found");
    JIELI_ASSIGN_OR_RETURN(below, orgs::OrgTree(db_).Below(*filter.org_id));
    const std::set<std::int64_t> wanted(below.begin(), below.end());
    std::erase_if(readable, [&wanted](std::int64_t id) { return !wanted.contains(id); });
  }
  JIELI_ASSIGN_OR_RETURN(auto leads, LeaderOrgs(actor));
  std::vector<std::int64_t> led;
  for (std::int64_t id : readable) {
    if (leads.contains(id)) led.push_back(id);
  }
  // Those named in a session see it wherever it was recorded (VisibleSession).
  if (readable.empty()) JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  std::string where =
      "WHERE (s.org_id " + auth::InList(led.size()) + " OR " + kSessionMineCondition + ")";
  std::vector<store::Value> params;
  for (std::int64_t id : led) params.emplace_back(id);
  params.insert(params.end(), {actor.user_id(), actor.user_id(), actor.user_id()});
  if (filter.org_id) {
    where += " AND s.org_id " + auth::InList(below.size());
    params.insert(params.end(), below.begin(), below.end());
  }
  if (filter.supervisor_id) {
    where += " AND s.supervisor_id = ?";
    params.emplace_back(*filter.supervisor_id);
  }
  if (filter.supervisee_id) {
    where +=
        " AND EXISTS (SELECT 1 FROM quality_supervisees w WHERE w.session_id = s.id AND "
        "w.user_id = ?)";
    params.emplace_back(*filter.supervisee_id);
  }
  if (!filter.from.empty()) {
    where += " AND s.session_date >= ?";
    params.emplace_back(filter.from);
  }
  if (!filter.to.empty()) {
    where += " AND s.session_date <= ?";
    params.emplace_back(filter.to);
  }
  Page<SupervisionSession> page;
  JIELI_ASSIGN_OR_RETURN(auto count,
                         db_.QueryOne(std::string(kSessionCountFrom) + " " + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items,
      LoadSessions(db_, where + " ORDER BY " + order + " LIMIT ? OFFSET ?", params, true));
  return page;
}

Result<SupervisionSession> QualityService::GetSupervision(const auth::Actor& actor,
                                                          std::int64_t id) const {
  return VisibleSession(actor, id);
}

Result<std::vector<SupervisionDue>> QualityService::SupervisionDueAt(const auth::Actor& actor,
                                                                     std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, org_id, "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(org_id));
  JIELI_ASSIGN_OR_RETURN(auto members, orgs::OrgTree(db_).ActiveMembers(below));
  std::set<std::int64_t> workers;  // each once, by id
  for (const auto& m : members) {
    if (m.role == orgs::Role::kWorker) workers.insert(m.user_id);
  }
  std::vector<store::Value> users;
  for (std::int64_t id : workers) {
    if (id != actor.user_id()) users.emplace_back(id);
  }
  std::vector<SupervisionDue> out;
  if (users.empty()) return out;
  JIELI_ASSIGN_OR_RETURN(auto rows, db_.Query(std::string(kLastSupervisionOfSql) +
                                                  auth::InList(users.size()) + " GROUP BY user_id",
                                              users));
  std::map<std::int64_t, std::string> last;
  for (const auto& row : rows) last[row.Int(0)] = row.Text(1);
  std::vector<Person> people;
  for (const auto& u : users) people.push_back({std::get<std::int64_t>(u), ""});
  std::vector<Person*> named;
  for (auto& p : people) named.push_back(&p);
  JIELI_RETURN_IF_ERROR(FillNames(db_, named));
  const LocalDate today = LocalDateOf(clock_.Now());
  for (auto& p : people) {
    const std::int64_t id = p.id;
    out.push_back(SupervisionDueOf(std::move(p), last[id], today));
  }
  // The due first; among them the never supervised, then the longest waiting.
  std::ranges::sort(out, [](const SupervisionDue& a, const SupervisionDue& b) {
    const int wait_a = a.days_since.value_or(INT32_MAX), wait_b = b.days_since.value_or(INT32_MAX);
    if (a.due != b.due) return a.due;
    if (wait_a != wait_b) return wait_a > wait_b;
    return a.person.id < b.person.id;
  });
  return out;
}

Result<std::vector<FieldIssue>> QualityService::CheckSessionPeople(
    const auth::Actor& actor, std::int64_t supervisor_id, const SupervisionInput& input) const {
  std::vector<FieldIssue> issues;
  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto supervisor_roles, tree.RolesAt(supervisor_id, input.org_id));
  const bool supervises = supervisor_roles.contains(orgs::Role::kSupervisor) ||
                          supervisor_roles.contains(orgs::Role::kLeader);
  if (!supervises) issues.push_back({"supervisor_id", "not_supervisor", {}});
  for (std::size_t i = 0; i < input.supervisee_ids.size(); ++i) {
    JIELI_ASSIGN_OR_RETURN(bool member, BelongsTo(db_, input.supervisee_ids[i], input.org_id));
    if (!member) {
      issues.push_back({"supervisee_ids[" + std::to_string(i) + "]", "not_member", {}});
    }
  }
  JIELI_ASSIGN_OR_RETURN(auto owners, CheckOwners(input.org_id, input.actions, "actions"));
  issues.insert(issues.end(), owners.begin(), owners.end());
  if (input.case_ids.empty() || !supervises) return issues;
  // The supervisor must be allowed to read each case discussed: asked of the
  // cases module as the supervisor.
  std::optional<auth::Actor> as_supervisor;
  if (supervisor_id != actor.user_id()) {
    JIELI_ASSIGN_OR_RETURN(auto memberships, tree.Memberships(supervisor_id));
    as_supervisor.emplace(db_, supervisor_id, "", "", std::move(memberships));
  }
  const auth::Actor& reader = as_supervisor ? *as_supervisor : actor;
  for (std::size_t i = 0; i < input.case_ids.size(); ++i) {
    auto c = cases_.Get(reader, input.case_ids[i]);
    if (!c) {
      const ErrorKind kind = c.error().kind();
      if (kind != ErrorKind::kNotFound && kind != ErrorKind::kForbidden) return c.error();
      issues.push_back({"case_ids[" + std::to_string(i) + "]", "case_not_readable", {}});
    }
  }
  return issues;
}

Result<SupervisionSession> QualityService::RecordSupervision(const auth::Actor& actor,
                                                             const SupervisionInput& input) const {
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, input.org_id, "quality.not_found"));
  const std::int64_t supervisor_id = input.supervisor_id.value_or(actor.user_id());
  const EpochMs now = clock_.Now();
  auto issues = CheckSupervision(input, supervisor_id, LocalDateOf(now));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(issues, CheckSessionPeople(actor, supervisor_id, input));
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto inserted, tx->QueryOne(kSessionInsertSql,
                                  {input.org_id, supervisor_id, std::string(ToString(input.kind)),
                                   input.date, std::int64_t{input.minutes}, input.topics,
                                   input.notes, actor.user_id(), now, now}));
  if (!inserted) return InternalError("quality_supervision_sessions: no id returned");
  const std::int64_t id = inserted->Int(0);
  for (std::int64_t user : input.supervisee_ids) {
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kSuperviseeInsertSql, {id, user, input.org_id, input.date, std::int64_t{input.minutes}}));
  }
  for (std::int64_t case_id : input.case_ids) {
    JIELI_RETURN_IF_ERROR(tx->Execute(kSessionCaseInsertSql, {id, case_id}));
  }
  JIELI_RETURN_IF_ERROR(InsertActions(*tx, input.org_id, id, std::nullopt, input.actions));
  Json changes = SessionAudit(input, supervisor_id);
  changes["actions"] = static_cast<std::int64_t>(input.actions.size());
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, input.org_id, "quality.record_supervision",
                                      "supervision", std::to_string(id),
                                      DumpJson({{"session", {{"after", changes}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleSession(actor, id);
}

Result<SupervisionSession> QualityService::CorrectSupervision(const auth::Actor& actor,
                                                              std::int64_t id,
                                                              const SupervisionInput& input) const {
  JIELI_ASSIGN_OR_RETURN(SupervisionSession before, VisibleSession(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, before.org_id, "quality.not_found"));
  SupervisionInput after = input;
  after.org_id = before.org_id;
  after.supervisor_id = before.supervisor.id;
  after.actions.clear();  // actions are worked, not rewritten
  const EpochMs now = clock_.Now();
  auto issues = CheckSupervision(after, before.supervisor.id, LocalDateOf(now));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(
      CheckSessionCorrector(actor.user_id(), before.created_by.id, before.created_at, now));
  JIELI_ASSIGN_OR_RETURN(issues, CheckSessionPeople(actor, before.supervisor.id, after));
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto updated, tx->Execute(kSessionUpdateSql, {std::string(ToString(after.kind)), after.date,
                                                    std::int64_t{after.minutes}, after.topics,
                                                    after.notes, now, id, before.updated_at}));
  if (updated == 0) return ConflictError("quality.changed");
  JIELI_RETURN_IF_ERROR(tx->Execute(kSuperviseesDeleteSql, {id}));
  for (std::int64_t user : after.supervisee_ids) {
    JIELI_RETURN_IF_ERROR(tx->Execute(
        kSuperviseeInsertSql, {id, user, before.org_id, after.date, std::int64_t{after.minutes}}));
  }
  JIELI_RETURN_IF_ERROR(tx->Execute(kSessionCasesDeleteSql, {id}));
  for (std::int64_t case_id : after.case_ids) {
    JIELI_RETURN_IF_ERROR(tx->Execute(kSessionCaseInsertSql, {id, case_id}));
  }
  SupervisionInput was;
  was.kind = before.kind;
  was.date = before.date;
  was.minutes = before.minutes;
  was.topics = before.topics;
  for (const auto& p : before.supervisees) was.supervisee_ids.push_back(p.id);
  was.case_ids = before.case_ids;
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before.org_id, "quality.correct_supervision", "supervision", std::to_string(id),
      DumpJson({{"session",
                 {{"before", SessionAudit(was, before.supervisor.id)},
                  {"after", SessionAudit(after, before.supervisor.id)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleSession(actor, id);
}

}  // namespace jieli::quality
