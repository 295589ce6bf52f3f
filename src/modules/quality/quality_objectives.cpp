// QualityService: quality objectives (质量目标) with their actual values, and
// the quality policy (质量方针). Which objective is in force, the on-track
// status and the target checks are objective.hpp's rules; the actual values
// come from Values, so an objective reads the same numbers as the indicator
// table.
#include <map>
#include <set>

#include "core/enum_names.hpp"
#include "core/local_time.hpp"
#include "core/text.hpp"
#include "modules/orgs/org_tree.hpp"
#include "modules/quality/membership.hpp"
#include "modules/quality/quality_service.hpp"
#include "modules/quality/quality_sql.hpp"

namespace jieli::quality {
namespace {

using auth::Permission;

Json ObjectiveAudit(const Objective& o) {
  return {{"indicator", o.indicator},
          {"target", o.target},
          {"granularity", std::string(ToString(o.granularity))},
          {"owner_id", o.owner.id},
          {"note", o.note}};
}

}  // namespace

Result<std::vector<Objective>> QualityService::LoadObjectives(
    store::Executor& db, const std::string& sql, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(sql, params));
  std::vector<Objective> objectives;
  for (const auto& row : rows) {
    Objective o;
    o.id = row.Int(0);
    o.org_id = row.Int(1);
    o.indicator = row.Text(2);
    o.target = row.Double(3);
    auto granularity = ParseGranularity(row.Text(4));
    if (!granularity) return CorruptStoreError("quality_objectives.granularity");
    o.granularity = *granularity;
    o.owner = {row.Int(5), ""};
    o.note = row.Text(6);
    o.updated_at = row.Int(7);
    objectives.push_back(std::move(o));
  }
  std::vector<Person*> people;
  for (auto& o : objectives) people.push_back(&o.owner);
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return objectives;
}

Result<std::vector<ObjectiveProgress>> QualityService::ProgressOf(
    const auth::Actor& actor, std::int64_t org_id, std::vector<Objective> in_force,
    const std::optional<Period>& period) const {
  const LocalDate day = ReferenceDay(period, LocalDateOf(clock_.Now()));
  std::set<std::int64_t> orgs;
  for (const auto& o : in_force) orgs.insert(o.org_id);
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db_).OrgNames(orgs));
  // One pass of the indicator engine per period (at most three: a month, a
  // quarter and a year around the same day).
  std::map<std::string, ValuesTable> tables;
  std::vector<ObjectiveProgress> out;
  for (auto& o : in_force) {
    ObjectiveProgress p;
    p.period = PeriodOf(day, o.granularity);
    if (!tables.contains(p.period.key)) {
      IndicatorQuery query;
      query.org_id = org_id;
      query.from = p.period.first;
      query.to = p.period.last;
      query.by = UnitBy::kAll;
      JIELI_ASSIGN_OR_RETURN(tables[p.period.key], Values(actor, query));
    }
    for (const auto& values : tables[p.period.key].indicators) {
      if (values.def->id == o.indicator) p.actual = values.total;
    }
    const IndicatorDef* def = FindIndicator(o.indicator);
    if (def == nullptr) continue;  // dropped from the catalogue: nothing to judge
    p.status = StatusOf(*def, o.target, p.actual.value);
    p.inherited = o.org_id != org_id;
    p.set_at_name = names[o.org_id];
    p.objective = std::move(o);
    out.push_back(std::move(p));
  }
  return out;
}

Result<std::vector<ObjectiveProgress>> QualityService::Objectives(
    const auth::Actor& actor, std::int64_t org_id, const std::optional<Period>& period) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityRead, org_id, "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto above, orgs::OrgTree(db_).Above(org_id));
  std::vector<store::Value> ids(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto set,
      LoadObjectives(db_, std::string(kObjectivesOfOrgsSql) + auth::InList(ids.size()), ids));
  return ProgressOf(actor, org_id, InForce(set, above), period);
}

Result<std::vector<FieldIssue>> QualityService::CheckObjectiveInput(
    const ObjectiveInput& input) const {
  auto issues = CheckObjective(input.indicator, input.target);
  if (input.granularity == Granularity::kWeek) {
    issues.push_back(
        {"granularity", "invalid_choice", {{"allowed", JoinNames(ObjectiveGranularityNames())}}});
  }
  if (CodePointCount(input.note) > kMaxObjectiveNoteChars) {
    issues.push_back({"note", "too_long", {{"max", std::to_string(kMaxObjectiveNoteChars)}}});
  }
  JIELI_ASSIGN_OR_RETURN(bool member, BelongsTo(db_, input.owner_id, input.org_id));
  if (!member) issues.push_back({"owner_id", "not_member", {}});
  return issues;
}

Result<ObjectiveProgress> QualityService::SetObjective(const auth::Actor& actor,
                                                       const ObjectiveInput& input) const {
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, input.org_id, "quality.not_found"));
  JIELI_ASSIGN_OR_RETURN(auto issues, CheckObjectiveInput(input));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto existing,
                         tx->QueryOne(kObjectiveExistsSql, {input.org_id, input.indicator}));
  if (existing) return ConflictError("quality.objective_exists");
  JIELI_ASSIGN_OR_RETURN(
      auto inserted,
      tx->QueryOne(kObjectiveInsertSql, {input.org_id, input.indicator, input.target,
                                         std::string(ToString(input.granularity)), input.owner_id,
                                         input.note, actor.user_id(), now, now}));
  if (!inserted) return InternalError("quality_objectives: no id returned");
  const std::int64_t id = inserted->Int(0);
  Objective after{.id = id,
                  .org_id = input.org_id,
                  .indicator = input.indicator,
                  .target = input.target,
                  .granularity = input.granularity,
                  .owner = {input.owner_id, ""},
                  .note = input.note};
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, input.org_id, "quality.set_objective", "objective", std::to_string(id),
      DumpJson({{"objective", {{"after", ObjectiveAudit(after)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  JIELI_ASSIGN_OR_RETURN(auto stored, LoadObjectives(db_, kObjectiveByIdSql, {id}));
  JIELI_ASSIGN_OR_RETURN(auto progress, ProgressOf(actor, input.org_id, stored, std::nullopt));
  if (progress.empty()) return InternalError("quality_objectives: the new objective is gone");
  return std::move(progress.front());
}

Result<Objective> QualityService::ManagedObjective(const auth::Actor& actor,
                                                   std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadObjectives(db_, kObjectiveByIdSql, {id}));
  if (found.empty()) return NotFoundError("quality.not_found");
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, found.front().org_id, "quality.not_found"));
  return std::move(found.front());
}

Result<ObjectiveProgress> QualityService::ChangeObjective(const auth::Actor& actor, std::int64_t id,
                                                          const ObjectiveInput& input) const {
  JIELI_ASSIGN_OR_RETURN(Objective before, ManagedObjective(actor, id));
  ObjectiveInput change = input;
  change.org_id = before.org_id;
  change.indicator = before.indicator;
  JIELI_ASSIGN_OR_RETURN(auto issues, CheckObjectiveInput(change));
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  Objective after = before;
  after.target = change.target;
  after.granularity = change.granularity;
  after.owner = {change.owner_id, ""};
  after.note = change.note;
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(
      tx->Execute(kObjectiveUpdateSql, {change.target, std::string(ToString(change.granularity)),
                                        change.owner_id, change.note, clock_.Now(), id}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before.org_id, "quality.change_objective", "objective", std::to_string(id),
      DumpJson({{"objective",
                 {{"before", ObjectiveAudit(before)}, {"after", ObjectiveAudit(after)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  JIELI_ASSIGN_OR_RETURN(auto stored, LoadObjectives(db_, kObjectiveByIdSql, {id}));
  JIELI_ASSIGN_OR_RETURN(auto progress, ProgressOf(actor, before.org_id, stored, std::nullopt));
  if (progress.empty()) return NotFoundError("quality.not_found");
  return std::move(progress.front());
}

Status QualityService::RemoveObjective(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(Objective before, ManagedObjective(actor, id));
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_RETURN_IF_ERROR(tx->Execute(kObjectiveDeleteSql, {id}));
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before.org_id, "quality.remove_objective", "objective", std::to_string(id),
      DumpJson({{"objective", {{"before", ObjectiveAudit(before)}}}})));
  return tx->Commit();
}

Result<QualityPolicy> QualityService::Policy(const auth::Actor& actor, std::int64_t org_id) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityRead, org_id, "quality.not_found"));
  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto above, tree.Above(org_id));
  std::vector<store::Value> ids(above.begin(), above.end());
  JIELI_ASSIGN_OR_RETURN(
      auto rows, db_.Query(std::string(kPoliciesOfOrgsSql) + auth::InList(ids.size()), ids));
  QualityPolicy policy;
  policy.org_id = org_id;
  // The nearest organisation with a text.
  for (std::int64_t org : above) {
    for (const auto& row : rows) {
      if (row.Int(0) != org) continue;
      policy.text = row.Text(1);
      policy.from_org_id = org;
      policy.updated_by = Person{row.Int(2), ""};
      policy.updated_at = row.Int(3);
    }
    if (policy.from_org_id) break;
  }
  if (!policy.from_org_id) return policy;
  JIELI_ASSIGN_OR_RETURN(auto names, tree.OrgNames({*policy.from_org_id}));
  policy.from_org_name = names[*policy.from_org_id];
  JIELI_RETURN_IF_ERROR(FillNames(db_, {&*policy.updated_by}));
  return policy;
}

Result<QualityPolicy> QualityService::SetPolicy(const auth::Actor& actor, std::int64_t org_id,
                                                const std::string& text) const {
  JIELI_RETURN_IF_ERROR(actor.Require(Permission::kQualityManage, org_id, "quality.not_found"));
  const std::string trimmed = Trim(text);
  if (CodePointCount(trimmed) > kMaxPolicyChars) {
    return ValidationFailed({{"text", "too_long", {{"max", std::to_string(kMaxPolicyChars)}}}});
  }
  JIELI_ASSIGN_OR_RETURN(auto before, Policy(actor, org_id));
  const std::string was = before.from_org_id == org_id ? before.text : std::string();
  if (trimmed == was) return before;  // nothing to change, nothing to audit
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  if (trimmed.empty()) {
    JIELI_RETURN_IF_ERROR(tx->Execute(kPolicyDeleteSql, {org_id}));
  } else {
    JIELI_RETURN_IF_ERROR(
        tx->Execute(kPolicyUpsertSql, {org_id, trimmed, actor.user_id(), clock_.Now()}));
  }
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, org_id, "quality.set_policy", "organization", std::to_string(org_id),
      DumpJson({{"policy", {{"before", was}, {"after", trimmed}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return Policy(actor, org_id);
}

}  // namespace jieli::quality
