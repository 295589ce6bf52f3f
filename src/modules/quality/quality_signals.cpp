// QualityService: indicator signals — the nightly evaluation that records each
// rule break once and tells its owners once, the list, dismissal, and opening
// an improvement cycle from one. The rules are signal.hpp's; the charts are
// the series route's (SeriesOf).
#include <map>
#include <set>

#include "core/json.hpp"
#include "core/messages.hpp"
#include "modules/notifications/notification.hpp"
#include "modules/orgs/org_tree.hpp"
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

// The chart's points as the signal rules see them.
std::vector<ChartedPeriod> ChartedOf(const IndicatorSeries& series) {
  std::vector<ChartedPeriod> out;
  out.reserve(series.points.size());
  for (const auto& p : series.points) {
    ChartedPeriod c;
    c.key = p.period.key;
    c.end = PeriodEnd(p.period);
    c.value = p.cell.value;
    c.centre = p.centre;
    c.lower = p.lower;
    c.upper = p.upper;
    c.rules = p.rules;
    out.push_back(std::move(c));
  }
  return out;
}

// Who owns an organisation's signals: its leaders and supervisors; the
// bureau's, its officers and leaders.
std::set<orgs::Role> OwnerRoles(bool bureau) {
  if (bureau) return {orgs::Role::kBureauOfficer, orgs::Role::kLeader};
  return {orgs::Role::kLeader, orgs::Role::kSupervisor};
}

// Whose signals a caller's roles at an organisation let them see: the
// agency's (or the city's) numbers, as the owners see them.
bool SeesSignals(const std::set<orgs::Role>& roles) {
  return roles.contains(orgs::Role::kLeader) || roles.contains(orgs::Role::kSupervisor) ||
         roles.contains(orgs::Role::kBureauOfficer);
}

Json SignalAudit(const Signal& s) {
  return {{"state", std::string(ToString(s.state))},
          {"note", s.note},
          {"improvement_id", s.improvement_id ? Json(*s.improvement_id) : Json()}};
}

}  // namespace

Result<SignalRun> QualityService::EvaluateSignals() const {
  JIELI_ASSIGN_OR_RETURN(auto found, FindSignals());
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(auto run, RecordSignals(*tx, found));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return run;
}

Result<std::vector<FoundSignal>> QualityService::FindSignals() const {
  const EpochMs now = clock_.Now();
  const LocalDate today = LocalDateOf(now);
  const date::year_month this_month{today.year(), today.month()};
  const LocalDate from = (this_month - date::months{kSignalMonths - 1}) / 1;
  JIELI_ASSIGN_OR_RETURN(auto periods, PeriodsBetween(from, today, Granularity::kMonth));
  const std::size_t baseline_end =
      std::min(periods.size(), static_cast<std::size_t>(kSignalBaselineMonths));
  const EpochMs window_start = PeriodStart(periods.front());
  const EpochMs window_end = PeriodEnd(periods.back());

  orgs::OrgTree tree(db_);
  JIELI_ASSIGN_OR_RETURN(auto bureaus, tree.ActiveOfKind(orgs::OrgKind::kBureau));
  JIELI_ASSIGN_OR_RETURN(auto agencies, tree.ActiveOfKind(orgs::OrgKind::kAgency));
  std::vector<std::pair<std::int64_t, bool>> units;  // (organisation, is a bureau)
  for (auto id : bureaus) units.emplace_back(id, true);
  for (auto id : agencies) units.emplace_back(id, false);
  std::set<std::int64_t> ids;
  for (const auto& [id, bureau] : units) ids.insert(id);
  JIELI_ASSIGN_OR_RETURN(auto names, tree.OrgNames(ids));

  std::vector<FoundSignal> found;
  const auth::Actor system = auth::Actor::System(db_);
  for (const auto& [org_id, bureau] : units) {
    IndicatorQuery query;
    query.org_id = org_id;
    query.from = from;
    query.to = today;
    JIELI_ASSIGN_OR_RETURN(auto records, RecordsWithin(system, query, window_start, window_end));
    // What this organisation has recorded already, per indicator.
    JIELI_ASSIGN_OR_RETURN(auto recorded_rows, db_.Query(kSignalPeriodsSql, {org_id}));
    std::map<std::string, std::set<std::string>> recorded;
    for (const auto& row : recorded_rows) recorded[row.Text(0)].insert(row.Text(1));
    for (const auto& def : Catalogue()) {
      if (!def.measured) continue;
      const IndicatorSeries series =
          def.source == Source::kCases
              ? SeriesOf(def, records.facts, periods, 0, baseline_end, now)
              : StaffSeriesOf(def, records.staff, periods, 0, baseline_end);
      const std::string indicator(def.id);
      for (auto& point : NewSignals(ChartedOf(series), recorded[indicator], now)) {
        found.push_back({org_id, names[org_id], bureau, indicator, std::string(def.name_zh),
                         std::string(def.name_en), std::move(point)});
      }
    }
  }
  return found;
}

Result<SignalRun> QualityService::RecordSignals(store::Transaction& tx,
                                                const std::vector<FoundSignal>& found) const {
  SignalRun run;
  run.found = static_cast<std::int64_t>(found.size());
  const EpochMs now = clock_.Now();
  orgs::OrgTree tree(tx);
  std::map<std::int64_t, std::vector<std::int64_t>> owners;  // by organisation, as needed
  for (const auto& f : found) {
    const ChartedPeriod& point = f.point;
    JIELI_ASSIGN_OR_RETURN(
        auto inserted,
        tx.QueryOne(kSignalInsertSql, {f.org_id, f.indicator, point.key, RulesColumn(point.rules),
                                       point.value.value_or(0), OptDouble(point.centre),
                                       OptDouble(point.lower), OptDouble(point.upper), now}));
    // Recorded meanwhile by another node's run: it told the owners.
    if (!inserted) continue;
    ++run.new_signals;
    if (!owners.contains(f.org_id)) {
      JIELI_ASSIGN_OR_RETURN(auto holders, tree.HoldersAbove(f.org_id, OwnerRoles(f.bureau)));
      auto& ids = owners[f.org_id];
      for (const auto& h : holders) ids.push_back(h.user_id);
    }
    const std::int64_t signal_id = inserted->Int(0);
    notifications::NewNotification note;
    note.kind = std::string(notifications::kQualitySignal);
    note.org_id = f.org_id;
    note.subject_type = "quality_signal";
    note.subject_id = signal_id;
    note.params = DumpJson({{"indicator", f.indicator},
                            {"indicator_name_zh", f.name_zh},
                            {"indicator_name_en", f.name_en},
                            {"org", f.org_name},
                            {"org_id", f.org_id},
                            {"period", point.key},
                            {"rules", RulesText(point.rules)}});
    note.dedupe_key = "quality_signal:" + std::to_string(signal_id);
    JIELI_ASSIGN_OR_RETURN(auto told, notifications_.Send(tx, owners[f.org_id], note));
    run.notifications += static_cast<std::int64_t>(told.size());
  }
  return run;
}

Result<std::vector<Signal>> QualityService::LoadSignals(
    store::Executor& db, const std::string& where, const std::vector<store::Value>& params) const {
  JIELI_ASSIGN_OR_RETURN(auto rows, db.Query(std::string(kSignalSelect) + " " + where, params));
  std::vector<Signal> signals;
  std::set<std::int64_t> orgs;
  for (const auto& row : rows) {
    Signal s;
    s.id = row.Int(0);
    s.org_id = row.Int(1);
    s.indicator = row.Text(2);
    s.period = row.Text(3);
    s.rules = ParseRulesColumn(row.Text(4));
    s.value = row.Double(5);
    s.centre = ReadDouble(row, 6);
    s.lower = ReadDouble(row, 7);
    s.upper = ReadDouble(row, 8);
    s.detected_at = row.Int(9);
    auto state = ParseSignalState(row.Text(10));
    if (!state) return CorruptStoreError("quality_signals.state");
    s.state = *state;
    s.note = row.Text(11);
    if (!row.IsNull(12)) s.handled_by = Person{row.Int(12), ""};
    if (!row.IsNull(13)) s.handled_at = row.Int(13);
    if (!row.IsNull(14)) s.improvement_id = row.Int(14);
    orgs.insert(s.org_id);
    signals.push_back(std::move(s));
  }
  if (signals.empty()) return signals;
  JIELI_ASSIGN_OR_RETURN(auto names, orgs::OrgTree(db).OrgNames(orgs));
  std::vector<Person*> people;
  for (auto& s : signals) {
    s.org_name = names[s.org_id];
    if (s.handled_by) people.push_back(&*s.handled_by);
  }
  JIELI_RETURN_IF_ERROR(FillNames(db, people));
  return signals;
}

Result<Page<Signal>> QualityService::ListSignals(const auth::Actor& actor,
                                                 const SignalFilter& filter, std::int64_t offset,
                                                 std::int64_t limit) const {
  JIELI_RETURN_IF_ERROR(actor.RequireAnywhere(Permission::kQualityRead));
  JIELI_ASSIGN_OR_RETURN(auto readable, actor.OrgsWhere(Permission::kQualityRead));
  if (filter.org_id) {
    if (!actor.CanSee(*filter.org_id)) return NotFoundError("quality.not_found");
    std::erase_if(readable, [&](std::int64_t id) { return id != *filter.org_id; });
  }
  if (!actor.is_system()) {
    orgs::OrgTree tree(db_);
    std::vector<std::int64_t> seen;
    for (std::int64_t org : readable) {
      JIELI_ASSIGN_OR_RETURN(auto roles, tree.RolesAt(actor.user_id(), org));
      if (SeesSignals(roles)) seen.push_back(org);
    }
    readable = std::move(seen);
  }
  Page<Signal> page;
  if (readable.empty()) return page;
  std::string where = "WHERE g.org_id " + auth::InList(readable.size());
  std::vector<store::Value> params(readable.begin(), readable.end());
  if (filter.indicator) {
    where += " AND g.indicator = ?";
    params.emplace_back(*filter.indicator);
  }
  if (filter.state) {
    where += " AND g.state = ?";
    params.emplace_back(std::string(ToString(*filter.state)));
  }
  JIELI_ASSIGN_OR_RETURN(auto count,
                         db_.QueryOne(std::string(kSignalCountFrom) + " " + where, params));
  page.total = count ? count->Int(0) : 0;
  params.emplace_back(limit);
  params.emplace_back(offset);
  JIELI_ASSIGN_OR_RETURN(
      page.items,
      LoadSignals(db_,
                  where + " ORDER BY g.period DESC, g.detected_at DESC, g.id DESC LIMIT ? "
                          "OFFSET ?",
                  params));
  return page;
}

Result<Signal> QualityService::VisibleSignal(const auth::Actor& actor, std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(auto found, LoadSignals(db_, "WHERE g.id = ?", {id}));
  if (found.empty() || !actor.CanSee(found.front().org_id)) {
    return NotFoundError("quality.not_found");
  }
  return std::move(found.front());
}

Result<Signal> QualityService::DismissSignal(const auth::Actor& actor, std::int64_t id,
                                             const std::string& note) const {
  JIELI_ASSIGN_OR_RETURN(Signal before, VisibleSignal(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, before.org_id, "quality.not_found"));
  auto issues = CheckDismissNote(note);
  if (!issues.empty()) return ValidationFailed(std::move(issues));
  JIELI_RETURN_IF_ERROR(CheckSignalMove(before.state, SignalState::kDismissed));
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(
      auto updated, tx->Execute(kSignalHandleSql, {std::string(ToString(SignalState::kDismissed)),
                                                   note, actor.user_id(), now, store::Null(), id}));
  if (updated == 0) return ConflictError("quality.signal_handled");
  Signal after = before;
  after.state = SignalState::kDismissed;
  after.note = note;
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, before.org_id, "quality.dismiss_signal", "quality_signal", std::to_string(id),
      DumpJson({{"signal", {{"before", SignalAudit(before)}, {"after", SignalAudit(after)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleSignal(actor, id);
}

Result<Improvement> QualityService::OpenImprovementFromSignal(const auth::Actor& actor,
                                                              std::int64_t id) const {
  JIELI_ASSIGN_OR_RETURN(Signal signal, VisibleSignal(actor, id));
  JIELI_RETURN_IF_ERROR(
      actor.Require(Permission::kQualityManage, signal.org_id, "quality.not_found"));
  JIELI_RETURN_IF_ERROR(CheckSignalMove(signal.state, SignalState::kCycleOpened));
  const IndicatorDef* def = FindIndicator(signal.indicator);
  const std::string name =
      def ? std::string(actor.lang == Lang::kEn ? def->name_en : def->name_zh) : signal.indicator;
  ImprovementInput input;
  input.org_id = signal.org_id;
  input.source_kind = SourceKind::kIndicatorSignal;
  input.source_ref = SignalSourceRef(signal.indicator, signal.period);
  input.indicator = signal.indicator;
  input.title = Message("quality.signal_cycle_title", actor.lang,
                        {{"indicator", name}, {"period", signal.period}});
  input.problem = Message("quality.signal_cycle_problem", actor.lang,
                          {{"indicator", name},
                           {"period", signal.period},
                           {"org", signal.org_name},
                           {"rules", RulesText(signal.rules)}});
  const EpochMs now = clock_.Now();
  JIELI_ASSIGN_OR_RETURN(auto tx, db_.Begin());
  JIELI_ASSIGN_OR_RETURN(std::int64_t cycle_id,
                         InsertImprovement(*tx, actor, input, actor.user_id()));
  JIELI_ASSIGN_OR_RETURN(
      auto updated,
      tx->Execute(kSignalHandleSql, {std::string(ToString(SignalState::kCycleOpened)),
                                     std::string(), actor.user_id(), now, cycle_id, id}));
  // Handled meanwhile (a second click, another leader): nothing is kept.
  if (updated == 0) return ConflictError("quality.signal_handled");
  Signal after = signal;
  after.state = SignalState::kCycleOpened;
  after.improvement_id = cycle_id;
  JIELI_RETURN_IF_ERROR(audit_.Record(
      *tx, actor, signal.org_id, "quality.signal_improvement", "quality_signal", std::to_string(id),
      DumpJson({{"signal", {{"before", SignalAudit(signal)}, {"after", SignalAudit(after)}}}})));
  JIELI_RETURN_IF_ERROR(tx->Commit());
  return VisibleImprovement(actor, cycle_id);
}

}  // namespace jieli::quality
