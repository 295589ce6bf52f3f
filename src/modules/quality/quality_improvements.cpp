// QualityService: improvement cycles (持续改进, PDCA) — opening, changing and
// moving them through the phases improvement.hpp allows; their actions are
// worked in quality_service.cpp.
#include <map>

#include "core/json.hpp"
#include "core/text.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

store::Value OptDouble(const std::optional<double>& value) {
  return value ? store::Value(*value) : store::Null();
}

std::optional<double> ReadDouble(const store::Row& row, std::size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return row.Double(i);
}

Json CycleAudit(const Improvement& c) {
  return {{"title", c.title},
          {"problem", c.problem},
          {"root_cause", c.root_cause},
          {"indicator", c.indicator},
          {"before_value", c.before_value ? Json(*c.before_value) : Json()},
          {"after_value", c.after_value ? Json(*c.after_value) : Json()},
          {"check_note", c.check_note},
          {"standard_kind", c.standard_kind ? Json(ToString(*c.standard_kind)) : Json()},
          {"standard_ref", c.standard_ref}};
}

}  // namespace

Result<std::vector<Improvement>> QualityService::LoadImprovements(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params,
    bool full) const {
  JIELI_ASSIGN_OR_RETURN(auto rows,
                         db.Query(std::string(kImprovementSelect) + " " + where, params));
  std::vector<Improvement> cycles;
  std::map<std::int64_t, std::size_t> index;
  std::vector<store::Value> ids;
  for (const auto& row : rows) {
    Improvement c;
    c.id = row.Int(0);
    c.org_id = row.Int(1);
    c.title = row.Text(2);
    auto phase = ParsePhase(row.Text(3));
    auto source = ParseSourceKind(row.Text(4));
    if (!phase || !source) return CorruptStoreError("quality_improvements.phase");
    c.phase = *phase;
    c.source_kind = *source;
    c.source_ref = row.Text(5);
    c.problem = row.Text(6);
    c.root_cause = row.Text(7);
    c.indicator = row.Text(8);
    c.before_value = ReadDouble(row, 9);
    c.after_value = ReadDouble(row, 10);
    c.check_note = row.Text(11);
    if (auto kind = row.OptText(12)) c.standard_kind = ParseStandardKind(*kind);
    c.standard_ref = row.Text(13);
    c.owner = {row.Int(14), ""};
    c.created_by = {row.Int(15), ""};
    c.created_at = row.Int(16);
    c.updated_at = row.Int(17);
    c.version = row.Int(18);
    index[c.id] = cycles.size();
    ids.emplace_back(c.id);
    cycles.push_back(std::move(c));
  }
  if (cycles.empty()) return cycles;
  // The board needs the actions too: what a card may move to depends on them.
  JIELI_ASSIGN_OR_RETURN(
      auto actions,
      LoadActions(db, "WHERE a.improvement_id " + auth::InList(ids.size()) + " ORDER BY a.id",
                  ids));
  for (auto& a : actions) cycles[index.at(*a.improvement_id)].actions.push_back(std::move(a));
  std::vector<Person*> people;
  for (auto& c : cycles) {
    if (full) {
      JIELI_ASSIGN_OR_RETURN(auto history, db.Query(kHistoryOfSql, {c.id}));
      for (const auto& row : history) {
        PhaseChange change;
        if (auto from = row.OptText(0)) change.from = ParsePhase(*from);
        change.to = ParsePhase(row.Text(1)).value_or(Phase::kPlan);
        change.by = {row.Int(2), ""};
        change.at = row.Int(3);
        change.note = row.Text(4);
        c.history.push_back(std::move(change));
      }
    }
    if (auto next = NextPhase(c.phase); next && MissingToLeave(FactsOf(c)).empty()) {
      c.allowed_moves.push_back(*next);
    }
  }
  for (auto& c : cycles) {
    people.push_back(&c.owner);
    people.push_back(&c.created_by);
    for (auto& h : c.history) people.push_back(&h.by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return cycles;
}

Result<Improvement> QualityService::VisibleImprovement(const auth::Actor& actor,
                                                       std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadImprovements(db_, "WHERE i.id = ?", {id}, true));
  if (found.empty()) return NotFoundError("quality.not_found");
  // Its owner and the owners of its actions see it wherever it was opened.
  bool mine = found.front().owner.id == actor.user_id();
  for (const auto& a : found.front().actions) mine = mine || a.owner.id == actor.user_id();
  if (!mine && !actor.Can(Permission::kQualityRead, found.front().org_id)) {
    return NotFoundError("quality.not_found");
  }
  return std::move(found.front());
}

Result<Page<Improvement>> QualityService::ListImprovements(const auth::Actor& actor,
                                                           std::optional<std::int64_t> org_id,
                                                           std::optional<Phase> phase,
                                                           std::int64_t offset,
                                                           std::int64_t limit) const {
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kQualityRead));
  if (org_id) {
    if (!actor.CanSee(*org_id)) return NotFoundError("quality.not_found");
    JIELI_ASSIGN_OR_RETURN(auto below, orgs::OrgTree(db_).Below(*org_id));
    const std::set<std::int64_t> wanted(below.begin(), below.end());
    std::erase_if(readable, [&wanted](std::int64_t id) { return !wanted.contains(id); });
  }
  std::string where = "WHERE i.org_id " + auth::InList(readable.size());
  std::vector<store::Value> params(readable.begin(), readable.end());
  if (phase) {
    where += " AND i.phase = ?";
    params.emplace_back(std::string(ToString(*phase)));
  }
  Page<Improvement> page;
  JIELI_ASSIGN_OR_RETURN(auto count,
                         db_.QueryOne(std::string(kImprovementCountFrom) + " " + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items,
      LoadImprovements(db_, where + " ORDER BY i.updated_at DESC, i.id DESC LIMIT ? OFFSET ?",
                       params, false));
  return page;
}

Result<Improvement> QualityService::GetImprovement(const auth::Actor& actor,
                                                   std::int64_t id) const {
  return VisibleImprovement(actor, id);
}

Result<Improvement> QualityService::OpenImprovement(const auth::Actor& actor,
                                                    const ImprovementInput& input) const {
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, input.org_id, "quality.not_found"));
  const std::int64_t owner_id = input.owner_id.value_or(actor.user_id());
  auto issues = CheckImprovementText(input.title, input.problem, input.root_cause, "", "");
  if (CodePointCount(input.source_ref) > kMaxTitleChars) {
    issues.push_back({"source_ref", "too_long", {{"max", std::to_string(kMaxTitleChars)}}});
  }
  if (input.source_kind != SourceKind::kFree && IsBlank(input.source_ref)) {
    issues.push_back({"source_ref", "required", {}});
  }
  for (auto& issue : CheckActions(input.actions)) issues.push_back(std::move(issue));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(issues, CheckOwners(input.org_id, input.actions, "actions"));
  JIELI_ASSIGN_OR_RETURN(bool owner_belongs, BelongsTo(db_, owner_id, input.org_id));
  if (!owner_belongs) issues.push_back({"owner_id", "not_member", {}});
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(std::int64_t id, InsertImprovement(*tx, actor, input, owner_id));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleImprovement(actor, id);
}

Result<std::int64_t> QualityService::InsertImprovement(store::Transaction& tx,
                                                       const auth::Actor& actor,
                                                       const ImprovementInput& input,
                                                       std::int64_t owner_id) const {
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx.QueryOne(
          kImprovementInsertSql,
          {input.org_id, input.title, std::string(ToString(input.source_kind)), input.source_ref,
           input.problem, input.root_cause, input.indicator, owner_id, actor.user_id(), now, now}));
  if (!inserted) return InternalError("quality_improvements: no id returned");
  const std::int64_t id = inserted->Int(0);
  JIELI_RETURN_IF_ERROR(InsertActions(tx, input.org_id, std::nullopt, id, input.actions));
  JIELI_RETURN_IF_ERROR(tx.Execute(kHistoryInsertSql, {id, store::Null(), std::string("plan"),
                                                       actor.user_id(), now, std::string()}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      tx, actor, input.org_id, "quality.open_improvement", "improvement", std::to_string(id),
      DumpJson({{"improvement",
                 {{"after",
                   {{"title", input.title},
                    {"source_kind", std::string(ToString(input.source_kind))},
                    {"source_ref", input.source_ref},
                    {"owner_id", owner_id},
                    {"actions", static_cast<std::int64_t>(input.actions.size())}}}}}})));
  return id;
}

Result<Improvement> QualityService::ChangeImprovement(const auth::Actor& actor, std::int64_t id,
                                                      const ImprovementChange& change) const {
  JIELI_ASSIGN_OR_RETURN(Improvement before, VisibleImprovement(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, before.org_id, "quality.not_found"));
  if (before.phase == Phase::kClosed) return ConflictError("quality.cycle_closed");
  Improvement after = before;
  if (change.title) after.title = *change.title;
  if (change.problem) after.problem = *change.problem;
  if (change.root_cause) after.root_cause = *change.root_cause;
  if (change.indicator) after.indicator = *change.indicator;
  if (change.before_value) after.before_value = *change.before_value;
  if (change.after_value) after.after_value = *change.after_value;
  if (change.check_note) after.check_note = *change.check_note;
  if (change.standard_kind) after.standard_kind = *change.standard_kind;
  if (change.standard_ref) after.standard_ref = *change.standard_ref;
  auto issues = CheckImprovementText(after.title, after.problem, after.root_cause, after.check_note,
                                     after.standard_ref);
  for (auto& issue : CheckActions(change.add_actions)) issues.push_back(std::move(issue));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_ASSIGN_OR_RETURN(issues, CheckOwners(before.org_id, change.add_actions, "actions"));
  if (!issues.empty()) return ValidationFailed(std::move(issues));

  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto updated,
      tx->Execute(kImprovementUpdateSql,
                  {after.title, after.problem, after.root_cause, after.indicator,
                   OptDouble(after.before_value), OptDouble(after.after_value), after.check_note,
                   after.standard_kind ? store::Value(std::string(ToString(*after.standard_kind)))
                                       : store::Null(),
                   after.standard_ref, now, id, before.version}));
  if (updated == 0) return ConflictError("quality.changed");
  JIELI_RETURN_IF_ERROR(InsertActions(*tx, before.org_id, std::nullopt, id, change.add_actions));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before.org_id, "quality.change_improvement", "improvement", std::to_string(id),
      DumpJson({{"improvement", {{"before", CycleAudit(before)}, {"after", CycleAudit(after)}}},
                {"actions_added", static_cast<std::int64_t>(change.add_actions.size())}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleImprovement(actor, id);
}

Result<Improvement> QualityService::MoveImprovement(const auth::Actor& actor, std::int64_t id,
                                                    Phase to, const std::string& note) const {
  JIELI_ASSIGN_OR_RETURN(Improvement before, VisibleImprovement(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, before.org_id, "quality.not_found"));
  if (CodePointCount(note) > kMaxProgressChars) {
    return ValidationFailed({{"note", "too_long", {{"max", std::to_string(kMaxProgressChars)}}}});
  }
  JIELI_RETURN_IF_ERROR(CheckTransition(FactsOf(before), to));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto updated, tx->Execute(kImprovementMoveSql, {std::string(ToString(to)),
                                                                         now, id, before.version}));
  if (updated == 0) return ConflictError("quality.changed");
  JIELI_RETURN_IF_ERROR(
      tx->Execute(kHistoryInsertSql, {id, std::string(ToString(before.phase)),
                                      std::string(ToString(to)), actor.user_id(), now, note}));
  JIELI_RETURN_IF_ERROR(audit_.Record(*tx, actor, before.org_id, "quality.move_improvement",
                                      "improvement", std::to_string(id),
                                      DumpJson({{"phase",
                                                 {{"before", std::string(ToString(before.phase))},
                                                  {"after", std::string(ToString(to))}}},
                                                {"note", note}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleImprovement(actor, id);
}

}  // namespace jieli::quality
