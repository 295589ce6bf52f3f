// QualityService: what supervision, training and improvement cycles share —
// names of people, the organisations a caller leads, and the agreed actions
// (of sessions and of cycles: one table, one work list).
#include "modules/quality/quality_service.hpp"

#include <algorithm>
#include <map>

#include "core/json.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

Result<std::vector<ProgressNote>> ProgressFromColumn(const std::string& text) {
  JIELI_ASSIGN_OR_RETURN(Json parsed, ParseStoredJson(text, "quality_actions.progress"));
  if (!parsed.is_array()) return CorruptStoreError("quality_actions.progress");
  std::vector<ProgressNote> notes;
  for (const auto& item : parsed) {
    if (!item.is_object() || !item.contains("at") || !item["at"].is_number_integer() ||
        !item.contains("by") || !item["by"].is_number_integer() || !item.contains("text") ||
        !item["text"].is_string()) {
      return CorruptStoreError("quality_actions.progress");
    }
    notes.push_back({item["at"].get<EpochMs>(),
                     {item["by"].get<std::int64_t>(), ""},
                     item["text"].get<std::string>()});
  }
  return notes;
}

std::string ProgressColumn(const std::vector<ProgressNote>& notes) {
  Json list = Json::array();
  for (const auto& note : notes) {
    list.push_back({{"at", note.at}, {"by", note.by.id}, {"text", note.text}});
  }
  return DumpJson(list);
}

}  // namespace

Result<bool> BelongsTo(store::Executor& db, std::int64_t user_id, std::int64_t org_id) {
  orgs::OrgTree tree(db);
  JIELI_ASSIGN_OR_RETURN(auto roles, tree.RolesAt(user_id, org_id));
  if (!roles.empty()) return true;
  JIELI_ASSIGN_OR_RETURN(auto memberships, tree.Memberships(user_id));
  if (memberships.empty()) return false;
  JIELI_ASSIGN_OR_RETURN(auto below, tree.Below(org_id));
  for (const auto& m : memberships) {
    if (std::find(below.begin(), below.end(), m.org_id) != below.end()) return true;
  }
  return false;
}

Status QualityService::FillNames(store::Executor& db, const std::vector<Person*>& people) const {
  std::set<std::int64_t> ids;
  for (const Person* p : people) ids.insert(p->id);
  if (ids.empty()) return Ok();
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db).DisplayNames(ids));
  for (Person* p : people) {
    auto found = names.find(p->id);
    if (found != names.end()) p->name = found->second;
  }
  return Ok();
}

Result<std::set<std::int64_t>> QualityService::LeaderOrgs(const auth::Actor& actor) const {
  std::set<std::int64_t> orgs;
  if (actor.is_system()) {
    JIELI_ASSIGN_OR_RETURN(auto read, actor.OrgsWhere(Permission::kQualityRead));
    orgs.insert(read.begin(), read.end());
    return orgs;
  }
  orgs::OrgTree tree(db_);
  for (const auto& membership : actor.memberships()) {
    if (membership.role != orgs::Role::kLeader) continue;
    JIELI_ASSIGN_OR_RETURN(auto below, tree.Below(membership.org_id));
    orgs.insert(below.begin(), below.end());
  }
  return orgs;
}

Result<std::vector<QualityAction>> QualityService::LoadActions(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kActionSelect) + " " + where, params));
  const LocalDate today = LocalDateOf(clock_.Now());
  std::vector<QualityAction> actions;
  for (const auto& row : rows) {
    QualityAction a;
    a.id = row.Int(0);
    a.org_id = row.Int(1);
    a.session_id = row.OptInt(2);
    a.improvement_id = row.OptInt(3);
    a.text = row.Text(4);
    a.owner = {row.Int(5), ""};
    a.due_on = row.Text(6);
    JIELI_ASSIGN_OR_RETURN(a.progress, ProgressFromColumn(row.Text(7)));
    a.done_at = row.OptInt(8);
    if (auto by = row.OptInt(9)) a.done_by = Person{*by, ""};
    a.context = row.Text(10);
    a.overdue = IsOverdue(a.due_on, a.done_at.has_value(), today);
    actions.push_back(std::move(a));
  }
  std::vector<Person*> people;
  for (auto& a : actions) {
    people.push_back(&a.owner);
    if (a.done_by) people.push_back(&*a.done_by);
    for (auto& note : a.progress) people.push_back(&note.by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return actions;
}

Result<std::vector<FieldIssue>> QualityService::CheckOwners(std::int64_t org_id,
                                                            const std::vector<ActionInput>& actions,
                                                            const std::string& field) const {
  std::vector<FieldIssue> issues;
  for (std::size_t i = 0; i < actions.size(); ++i) {
    if (!actions[i].owner_id) continue;
    JIELI_ASSIGN_OR_RETURN(bool member, BelongsTo(db_, *actions[i].owner_id, org_id));
    if (!member) {
      issues.push_back({field + "[" + std::to_string(i) + "].owner_id", "not_member", {}});
    }
  }
  return issues;
}

Status QualityService::InsertActions(store::Executor& tx, std::int64_t org_id,
                                     std::optional<std::int64_t> session_id,
                                     std::optional<std::int64_t> improvement_id,
                                     const std::vector<ActionInput>& actions) const {
  const EpochMs now = clock_.Now();
  for (const auto& action : actions) {
    JIELI_ASSIGN_OR_RETURN(
        auto inserted,
        tx.QueryOne(kActionInsertSql,
                    {org_id, store::OrNull(session_id), store::OrNull(improvement_id), action.text,
                     action.owner_id.value_or(0), action.due_on, now}));
    if (!inserted) return InternalError("quality_actions: no id returned");
  }
  return Ok();
}

namespace {

// Who may work an action: its owner, or the session's supervisor / the cycle's owner.
Status CheckActionWorker(const auth::Actor& actor, const QualityAction& action,
                         std::optional<std::int64_t> lead) {
  if (actor.user_id() == action.owner.id || (lead && *lead == actor.user_id())) return Ok();
  return ForbiddenError("quality.not_action_owner");
}

}  // namespace

Result<QualityAction> QualityService::CompleteAction(const auth::Actor& actor,
                                                     std::int64_t action_id,
                                                     const std::string& note) const {
  return WorkAction(actor, action_id, note, true);
}

Result<QualityAction> QualityService::AddActionProgress(const auth::Actor& actor,
                                                        std::int64_t action_id,
                                                        const std::string& note) const {
  return WorkAction(actor, action_id, note, false);
}

Result<QualityAction> QualityService::WorkAction(const auth::Actor& actor, std::int64_t action_id,
                                                 const std::string& note, bool done) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadActions(db_, "WHERE a.id = ?", {action_id}));
  if (found.empty()) return NotFoundError("quality.not_found");
  QualityAction action = std::move(found.front());
  // The action is seen with what it belongs to.
  std::optional<std::int64_t> lead;
  if (action.session_id) {
    JIELI_ASSIGN_OR_RETURN(auto session, VisibleSession(actor, *action.session_id));
    lead = session.supervisor.id;
  } else if (action.improvement_id) {
    JIELI_ASSIGN_OR_RETURN(auto cycle, VisibleImprovement(actor, *action.improvement_id));
    if (cycle.phase == Phase::kClosed) return ConflictError("quality.cycle_closed");
    lead = cycle.owner.id;
  }
  JIELI_RETURN_IF_ERROR(CheckActionWorker(actor, action, lead));
  if (action.done_at) return ConflictError("quality.action_done");
  if (!done && IsBlank(note)) return ValidationFailed({{"note", "required", {}}});
  if (CodePointCount(note) > kMaxProgressChars) {
    return ValidationFailed({{"note", "too_long", {{"max", std::to_string(kMaxProgressChars)}}}});
  }
  const EpochMs now = clock_.Now();
  const std::string before = ProgressColumn(action.progress);
  if (!IsBlank(note)) action.progress.push_back({now, {actor.user_id(), ""}, note});
  const std::string after = ProgressColumn(action.progress);

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  if (done) {
    JIELI_ASSIGN_OR_RETURN(auto updated,
                           tx->Execute(kActionDoneSql, {now, actor.user_id(), after, action_id}));
    if (updated == 0) return ConflictError("quality.action_done");
  } else {
    JIELI_ASSIGN_OR_RETURN(auto updated,
                           tx->Execute(kActionProgressSql, {after, action_id, before}));
    if (updated == 0) return ConflictError("quality.changed");
  }
  Json changes = done ? Json{{"done", {{"before", false}, {"after", true}}}}
                      : Json{{"progress", {{"added", note}}}};
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, action.org_id, done ? "quality.complete_action" : "quality.action_progress",
      "quality_action", std::to_string(action_id), DumpJson(changes)));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  JIELI_ASSIGN_OR_RETURN(auto reloaded, LoadActions(db_, "WHERE a.id = ?", {action_id}));
  if (reloaded.empty()) return NotFoundError("quality.not_found");
  return std::move(reloaded.front());
}

Result<MyWork> QualityService::MyOpenActions(const auth::Actor& actor) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  // Open actions of sessions and of cycles not yet closed.
  JIELI_ASSIGN_OR_RETURN(
      auto actions,
      LoadActions(db_,
                  "WHERE a.owner_id = ? AND a.done_at IS NULL AND (a.improvement_id IS NULL OR "
                  "i.phase <> 'closed') ORDER BY a.due_on, a.id",
                  {actor.user_id()}));
  MyWork work;
  std::stable_partition(actions.begin(), actions.end(),
                        [](const QualityAction& a) { return a.overdue; });
  for (const auto& a : actions) work.overdue += a.overdue ? 1 : 0;
  work.items = std::move(actions);
  return work;
}

}  // namespace jieli::quality
