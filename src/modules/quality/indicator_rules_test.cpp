#include "modules/quality/indicator_rules.hpp"

#include <set>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "core/local_time.hpp"

namespace jieli::quality {
namespace {

using cases::CaseQualityFacts;

constexpr EpochMs kDay = 24LL * 60 * 60 * 1000;
constexpr EpochMs kHour = 60LL * 60 * 1000;
constexpr EpochMs kT0 = 1'000 * kDay;  // any instant; the window is [kT0, kT0 + 30 days)

CaseQualityFacts Fact(std::int64_t id, std::int64_t org = 1, std::int64_t worker = 10) {
  CaseQualityFacts f;
  f.case_id = id;
  f.org_id = org;
  f.primary_worker_id = worker;
  f.opened_at = kT0 - 20 * kDay;
  return f;
}

struct Expect {
  double numerator;
  double denominator;
};

// The window's totals of an indicator over facts, judged at now.
Expect Totals(std::string_view id, const std::vector<CaseQualityFacts>& facts,
              EpochMs now = kT0 + 60 * kDay) {
  const IndicatorDef* def = FindIndicator(id);
  EXPECT_NE(def, nullptr) << id;
  if (!def) return {-1, -1};
  std::vector<Interval> window = {{kT0, kT0 + 30 * kDay}};
  auto obs = Observe(*def, facts, window, now);
  auto cells = Aggregate(*def, facts, obs, window, UnitBy::kAll);
  if (cells.empty()) return {0, 0};
  const Cell& cell = cells.begin()->second;
  return {cell.numerator, cell.denominator};
}

struct Row {
  const char* indicator;
  std::vector<CaseQualityFacts> facts;
  Expect expected;
  const char* why;
};

std::vector<Row> Rows() {
  std::vector<Row> rows;
  {
    // assessment: met, missed (done late), missed (open, not done, past due),
    // left out (closed before done), left out (due outside), left out (not yet due).
    auto met = Fact(1), late = Fact(2), open = Fact(3), closed = Fact(4), outside = Fact(5),
         future = Fact(6);
    met.assessment_due = kT0 + kDay;
    met.planning_at = kT0;
    late.assessment_due = kT0 + kDay;
    late.planning_at = kT0 + 2 * kDay;
    open.assessment_due = kT0 + 3 * kDay;
    closed.assessment_due = kT0 + 3 * kDay;
    closed.closed_at = kT0 + kDay;
    outside.assessment_due = kT0 - kDay;
    outside.planning_at = kT0 - 2 * kDay;
    future.assessment_due = kT0 + 5 * kDay;
    rows.push_back({"assessment_on_time",
                    {met, late, open, closed, outside, future},
                    {1, 3},
                    "future is judged at now = T0 + 4 days"});
  }
  {
    auto met = Fact(1), missed = Fact(2);
    met.planning_due = kT0 + kDay;
    met.intervention_at = kT0 + kDay;  // on the deadline is on time
    missed.planning_due = kT0 + kDay;
    rows.push_back({"plan_on_time", {met, missed}, {1, 2}, "on the deadline counts as met"});
  }
  {
    auto met = Fact(1), late = Fact(2), open = Fact(3);
    met.closure_due = kT0 + 10 * kDay;
    met.closed_at = kT0 + 9 * kDay;
    late.closure_due = kT0 + 10 * kDay;
    late.closed_at = kT0 + 11 * kDay;
    open.closure_due = kT0 + 10 * kDay;
    rows.push_back({"closure_on_time", {met, late, open}, {1, 3}, "open past due is missed"});
  }
  {
    auto met = Fact(1), missed = Fact(2), normal = Fact(3);
    met.crisis = true;
    met.opened_at = kT0;
    met.crisis_contact_due = kT0 + kDay;
    met.first_contact_at = kT0 + kDay / 2;
    missed.crisis = true;
    missed.crisis_contact_due = kT0 + kDay;
    missed.first_contact_at = kT0 + 2 * kDay;
    normal.first_contact_at = kT0 + 5 * kDay;
    rows.push_back({"crisis_contact_24h", {met, missed, normal}, {1, 2}, "crisis cases only"});
  }
  {
    auto a = Fact(1), b = Fact(2), c = Fact(3), d = Fact(4);
    a.closed_at = kT0 + kDay;
    a.gas_t = 60;
    b.closed_at = kT0 + kDay;
    b.gas_t = 45.5;
    c.closed_at = kT0 + kDay;  // no T-score
    d.gas_t = 70;              // not closed
    rows.push_back({"gas_mean", {a, b, c, d}, {105.5, 2}, "closed cases with a T-score"});
    rows.push_back({"gas_share_50", {a, b, c, d}, {1, 2}, "T ≥ 50"});
  }
  {
    auto a = Fact(1), b = Fact(2), c = Fact(3);
    a.closed_at = kT0 + kDay;
    a.satisfaction = 5;
    b.closed_at = kT0 + 2 * kDay;
    b.satisfaction = 3;
    c.closed_at = kT0 - kDay;  // closed before the window
    c.satisfaction = 1;
    rows.push_back({"satisfaction_mean", {a, b, c}, {8, 2}, "closed in the window"});
    // The client's own survey answers count instead of the worker's note.
    a.survey_scores = {2.5, 3.5};
    b.survey_scores = {4};
    rows.push_back({"satisfaction_mean", {a, b, c}, {7, 2}, "the clients' answers first"});
    c.closed_at = kT0 + kDay;
    c.satisfaction.reset();
    c.survey_scores = {1};
    rows.push_back({"satisfaction_mean", {a, b, c}, {8, 3}, "an answer without a form score"});
  }
  {
    auto a = Fact(1);
    a.followups = {{kT0 + kDay, kT0 + kDay},          // done on its day
                   {kT0 + 2 * kDay, kT0 + 3 * kDay},  // done late
                   {kT0 + 3 * kDay, std::nullopt},    // missed
                   {kT0 + 40 * kDay, std::nullopt}};  // outside the window
    rows.push_back({"followup_on_time", {a}, {1, 3}, "late and missed are not on time"});
  }
  {
    auto a = Fact(1), b = Fact(2), c = Fact(3);
    a.closures = {{kT0 + kDay, kT0 + 30 * kDay}};       // reopened after 29 days
    b.closures = {{kT0 + 2 * kDay, kT0 + 100 * kDay}};  // reopened after 98 days
    c.closures = {{kT0 + 3 * kDay, std::nullopt}};      // not reopened
    rows.push_back({"reopen_90d", {a, b, c}, {1, 3}, "judged 90 days on"});
  }
  {
    auto a = Fact(1, 1, 10), b = Fact(2, 1, 10), c = Fact(3, 1, 11), d = Fact(4, 1, 12);
    d.closed_at = kT0 + kDay;  // closed before the window's end
    auto e = Fact(5, 1, 13);
    e.opened_at = kT0 + 40 * kDay;  // opened after it
    rows.push_back({"caseload", {a, b, c, d, e}, {3, 2}, "3 open cases, 2 workers"});
  }
  {
    auto a = Fact(1), b = Fact(2), c = Fact(3);
    a.closed_at = kT0 + kDay;
    a.fields_expected = 10;
    a.fields_filled = 5;
    b.closed_at = kT0 + kDay;
    b.fields_expected = 4;
    b.fields_filled = 4;
    c.fields_expected = 4;  // still open
    rows.push_back({"file_completeness", {a, b, c}, {1.5, 2}, "mean of the shares"});
  }
  {
    auto a = Fact(1), b = Fact(2), c = Fact(3);
    a.escalations = {kT0 + kDay, kT0 + 2 * kDay, kT0 - kDay};
    c.closed_at = kT0 - kDay;  // not open in the window
    rows.push_back({"escalations_per100", {a, b, c}, {2, 2}, "2 escalations, 2 open cases"});
  }
  {
    // Three closures in the window (one case closed twice counts once), one
    // before it; a complaint on a case, one of its own (case 0), one outside.
    auto a = Fact(1), b = Fact(2), c = Fact(3), alone = Fact(0, 1, 12);
    a.closures = {{kT0 + kDay, kT0 + 2 * kDay}, {kT0 + 5 * kDay, std::nullopt}};
    b.closures = {{kT0 + 3 * kDay, std::nullopt}};
    c.closures = {{kT0 - kDay, std::nullopt}};
    b.complaints = {{kT0 + 4 * kDay, kT0 + 4 * kDay + 3 * kHour}, {kT0 - 2 * kDay, std::nullopt}};
    alone.opened_at = 0;  // no case: counts for nothing but complaints
    alone.complaints = {{kT0 + 6 * kDay, std::nullopt}};
    rows.push_back({"complaint_rate", {a, b, c, alone}, {2, 2}, "2 complaints, 2 closed cases"});
    // Answered after 3 h and 9 h, one not yet answered: the median of 3 and 9.
    alone.complaints.push_back({kT0 + 7 * kDay, kT0 + 7 * kDay + 9 * kHour});
    rows.push_back({"complaint_response_hours", {b, alone}, {12, 2}, "2 answered, 12 h in all"});
    // A complaint's own fact is no open case.
    rows.push_back({"caseload", {alone}, {0, 0}, "no case, no caseload"});
    rows.push_back({"escalations_per100", {alone}, {0, 0}, "no case, no exposure"});
  }
  return rows;
}

TEST(IndicatorRules, EveryComputedIndicatorAgainstHandBuiltFacts) {
  std::set<std::string> tested;
  for (const auto& row : Rows()) {
    SCOPED_TRACE(std::string(row.indicator) + ": " + row.why);
    const EpochMs now =
        std::string_view(row.indicator) == "assessment_on_time" ? kT0 + 4 * kDay : kT0 + 200 * kDay;
    Expect got = Totals(row.indicator, row.facts, now);
    EXPECT_DOUBLE_EQ(got.numerator, row.expected.numerator);
    EXPECT_DOUBLE_EQ(got.denominator, row.expected.denominator);
    tested.insert(row.indicator);
  }
  for (const auto& def : Catalogue()) {
    if (def.measured && def.source == Source::kCases) {
      EXPECT_TRUE(tested.contains(std::string(def.id))) << def.id;
    }
  }
}

TEST(IndicatorRules, ReopeningNotYetJudgedWithin90Days) {
  auto c = Fact(1);
  c.closures = {{kT0 + kDay, std::nullopt}};
  EXPECT_DOUBLE_EQ(Totals("reopen_90d", {c}, kT0 + 10 * kDay).denominator, 0);
  EXPECT_DOUBLE_EQ(Totals("reopen_90d", {c}, kT0 + 92 * kDay).denominator, 1);
}

TEST(IndicatorRules, CatalogueIsComplete) {
  const std::vector<std::string> issue = {
      "assessment_on_time", "plan_on_time",   "closure_on_time",
      "crisis_contact_24h", "gas_mean",       "gas_share_50",
      "satisfaction_mean",  "complaint_rate", "complaint_response_hours",
      "followup_on_time",   "reopen_90d",     "caseload",
      "supervision_hours",  "training_hours", "file_completeness",
      "escalations_per100"};
  ASSERT_EQ(Catalogue().size(), issue.size());
  for (const auto& id : issue) {
    const IndicatorDef* def = FindIndicator(id);
    ASSERT_NE(def, nullptr) << id;
    EXPECT_FALSE(def->name_zh.empty());
    EXPECT_FALSE(def->name_en.empty());
    EXPECT_FALSE(def->definition_zh.empty());
    EXPECT_FALSE(def->definition_en.empty());
    EXPECT_FALSE(def->formula.empty());
  }
  EXPECT_EQ(FindIndicator("nope"), nullptr);
  EXPECT_EQ(FindIndicator("supervision_hours")->source, Source::kSupervision);
  EXPECT_EQ(FindIndicator("training_hours")->source, Source::kTraining);
  EXPECT_TRUE(FindIndicator("supervision_hours")->measured);
  for (const auto& def : Catalogue()) EXPECT_TRUE(def.measured) << def.id;
}

// The staff indicators over a hand-built roll: two workers (one in two
// organisations), a supervisor; hours inside and outside the window and of
// someone not on the roll. Supervision is per worker-month, training per head.
TEST(IndicatorRules, StaffHoursPerWorkerMonthAndPerHead) {
  auto day = [](int y, unsigned m, unsigned d) {
    return StartOfLocalDay(date::year{y} / date::month{m} / date::day{d});
  };
  const std::vector<StaffMember> roll = {
      {1, 10, true}, {2, 10, true}, {2, 20, true}, {3, 10, false}};
  const StaffRecords staff = {roll,
                              {{1, day(2026, 11, 20), 1.5},
                               {1, day(2026, 12, 3), 1.0},
                               {2, day(2026, 11, 20), 1.5},
                               {9, day(2026, 11, 20), 5.0},   // not on the roll
                               {1, day(2026, 10, 30), 2.0}},  // before the window
                              {{3, day(2026, 11, 22), 2.0}, {1, day(2026, 11, 22), 2.0}}};
  const std::vector<Interval> window = {{day(2026, 11, 1), day(2027, 1, 1)}};
  const std::vector<Interval> months = {{day(2026, 11, 1), day(2026, 12, 1)},
                                        {day(2026, 12, 1), day(2027, 1, 1)}};
  struct Case {
    const char* indicator;
    const std::vector<Interval>* intervals;
    UnitBy by;
    std::string unit;
    std::size_t interval;
    Expect expected;
    const char* why;
  };
  const std::vector<Case> cases = {
      {"supervision_hours", &window, UnitBy::kAll, "", 0, {4, 4}, "2 workers × 2 months"},
      {"supervision_hours", &window, UnitBy::kOrg, "10", 0, {4, 4}, "both workers there"},
      {"supervision_hours", &window, UnitBy::kOrg, "20", 0, {1.5, 2}, "the second worker"},
      {"supervision_hours", &window, UnitBy::kWorker, "1", 0, {2.5, 2}, "one worker"},
      {"supervision_hours", &months, UnitBy::kAll, "", 0, {3, 2}, "November"},
      {"supervision_hours", &months, UnitBy::kAll, "", 1, {1, 2}, "December"},
      {"training_hours", &window, UnitBy::kAll, "", 0, {4, 3}, "three heads"},
      {"training_hours", &window, UnitBy::kOrg, "20", 0, {0, 1}, "no training: still counted"},
      {"training_hours", &months, UnitBy::kAll, "", 1, {0, 3}, "December without training"},
  };
  for (const auto& c : cases) {
    const IndicatorDef* def = FindIndicator(c.indicator);
    ASSERT_NE(def, nullptr);
    const auto& hours = def->source == Source::kSupervision ? staff.supervision : staff.training;
    auto cells = AggregateStaff(*def, staff.roll, hours, *c.intervals, c.by);
    auto found = cells.find({c.unit, c.interval});
    ASSERT_NE(found, cells.end()) << c.why;
    EXPECT_DOUBLE_EQ(found->second.numerator, c.expected.numerator) << c.why;
    EXPECT_DOUBLE_EQ(found->second.denominator, c.expected.denominator) << c.why;
  }
  // No staff units by district or client category; case indicators take no hours.
  EXPECT_TRUE(AggregateStaff(*FindIndicator("supervision_hours"), roll, staff.supervision, window,
                             UnitBy::kDistrict)
                  .empty());
  EXPECT_TRUE(
      AggregateStaff(*FindIndicator("caseload"), roll, staff.supervision, window, UnitBy::kAll)
          .empty());
}

TEST(IndicatorRules, UnitsAndPeriods) {
  auto a = Fact(1, 1, 10), b = Fact(2, 2, 10);
  a.categories = {"elderly", "disability"};
  a.region_id = 7;
  a.closed_at = kT0 + kDay;
  a.satisfaction = 4;
  b.closed_at = kT0 + 20 * kDay;
  b.satisfaction = 2;
  std::vector<CaseQualityFacts> facts = {a, b};
  std::vector<Interval> periods = {{kT0, kT0 + 10 * kDay}, {kT0 + 10 * kDay, kT0 + 30 * kDay}};
  const IndicatorDef& def = *FindIndicator("satisfaction_mean");
  auto obs = Observe(def, facts, periods, kT0 + 100 * kDay);
  auto by_org = Aggregate(def, facts, obs, periods, UnitBy::kOrg);
  ASSERT_EQ(by_org.size(), 2u);
  EXPECT_DOUBLE_EQ((by_org[{"1", 0}].numerator), 4);
  EXPECT_DOUBLE_EQ((by_org[{"2", 1}].numerator), 2);
  auto by_category = Aggregate(def, facts, obs, periods, UnitBy::kCategory);
  EXPECT_EQ(by_category.size(), 2u);  // b has no category
  EXPECT_TRUE(by_category.contains({"disability", 0}));
  auto by_district = Aggregate(def, facts, obs, periods, UnitBy::kDistrict);
  EXPECT_TRUE(by_district.contains({"7", 0}));
  EXPECT_TRUE(by_district.contains({"", 1}));  // no district
  auto by_worker = Aggregate(def, facts, obs, periods, UnitBy::kWorker);
  EXPECT_EQ(by_worker.size(), 2u);  // one worker, two periods
  EXPECT_EQ(IntervalOf(periods, kT0 - 1), std::nullopt);
  EXPECT_EQ(IntervalOf(periods, kT0 + 10 * kDay), 1u);
  EXPECT_EQ(IntervalOf(periods, kT0 + 30 * kDay), std::nullopt);
}

TEST(IndicatorRules, AnOrganisationCountsUnderTheAskedOrganisationsChild) {
  // The tree: city 1 > agency 2 > department 3 > team 4; agency 5 elsewhere.
  struct Row {
    std::vector<std::int64_t> chain;  // the case's organisation, then upwards
    std::int64_t asked;
    std::int64_t unit;
  };
  const std::vector<Row> rows = {
      {{4, 3, 2, 1}, 1, 2},  // a team counts under its agency for the city
      {{3, 2, 1}, 1, 2},     // so does a department
      {{2, 1}, 1, 2},        // and the agency itself
      {{1}, 1, 1},           // the city's own cases count as the city
      {{4, 3, 2, 1}, 2, 3},  // for the agency: its department
      {{2, 1}, 2, 2},        // the agency's own cases
      {{5, 1}, 2, 5},        // not below the asked: its own organisation
      {{}, 2, 2},
  };
  for (const auto& row : rows) {
    EXPECT_EQ(OrgUnitUnder(row.chain, row.asked), row.unit) << row.chain.size() << " " << row.asked;
  }
  const std::vector<std::int64_t> chain = {4, 3, 2, 1};
  EXPECT_EQ(HighestIn(chain, {2, 3, 4}), 2);
  EXPECT_EQ(HighestIn(chain, {1, 2}), 1);
  EXPECT_EQ(HighestIn(chain, {9}), std::nullopt);
}

TEST(IndicatorRules, AggregateByOrganisationUsesTheMappedUnit) {
  auto a = Fact(1, 3), b = Fact(2, 2), c = Fact(3, 5);
  for (auto* f : {&a, &b, &c}) f->closed_at = kT0 + kDay;
  a.satisfaction = 4;
  b.satisfaction = 2;
  c.satisfaction = 5;
  std::vector<CaseQualityFacts> facts = {a, b, c};
  std::vector<Interval> window = {{kT0, kT0 + 30 * kDay}};
  const IndicatorDef& def = *FindIndicator("satisfaction_mean");
  auto obs = Observe(def, facts, window, kT0 + 100 * kDay);
  const OrgUnits units = {{3, 2}, {2, 2}};  // department 3 sits in agency 2; 5 unmapped
  auto cells = Aggregate(def, facts, obs, window, UnitBy::kOrg, &units);
  ASSERT_EQ(cells.size(), 2u);
  EXPECT_DOUBLE_EQ((cells[{"2", 0}].numerator), 6);
  EXPECT_DOUBLE_EQ((cells[{"2", 0}].denominator), 2);
  EXPECT_DOUBLE_EQ((cells[{"5", 0}].numerator), 5);
}

TEST(IndicatorRules, FactUnitsAreTheUnitsOfEachFact) {
  auto a = Fact(1, 3, 10), b = Fact(2, 2, 11), c = Fact(3, 5, 10), d = Fact(4, 2, 12);
  a.categories = {"elderly", "disability"};
  a.region_id = 7;
  b.region_id = 7;
  c.categories = {"elderly"};
  d.region_id = 8;
  const std::vector<CaseQualityFacts> facts = {a, b, c, d};
  const OrgUnits mapped = {{3, 2}, {2, 2}};
  using Keys = std::vector<std::string>;
  struct Row {
    UnitBy by;
    const OrgUnits* org_units;
    std::vector<Keys> expected;  // per fact
  };
  const std::vector<Row> rows = {
      {UnitBy::kAll, nullptr, {{""}, {""}, {""}, {""}}},
      {UnitBy::kOrg, nullptr, {{"3"}, {"2"}, {"5"}, {"2"}}},
      // Department 3 counts under agency 2; organisation 5 is not mapped.
      {UnitBy::kOrg, &mapped, {{"2"}, {"2"}, {"5"}, {"2"}}},
      {UnitBy::kWorker, nullptr, {{"10"}, {"11"}, {"10"}, {"12"}}},
      // No district: the unit "".
      {UnitBy::kDistrict, nullptr, {{"7"}, {"7"}, {""}, {"8"}}},
      // Each of the client's categories; none without.
      {UnitBy::kCategory, nullptr, {{"elderly", "disability"}, {}, {"elderly"}, {}}},
  };
  for (const auto& row : rows) {
    const FactUnits units(row.by, facts, row.org_units);
    ASSERT_EQ(units.facts(), facts.size());
    for (std::size_t i = 0; i < facts.size(); ++i) {
      Keys keys;
      for (std::uint32_t unit : units.Of(i)) keys.push_back(units.Key(unit));
      EXPECT_EQ(keys, row.expected[i]) << static_cast<int>(row.by) << " fact " << i;
    }
  }
  // Aggregated through them: distinct keys (caseload's workers, the cases
  // open for escalations) counted once per cell.
  for (auto* f : {&a, &b, &c, &d}) f->closed_at = std::nullopt;
  const std::vector<CaseQualityFacts> open = {a, b, c, d};
  const std::vector<Interval> periods = {{kT0, kT0 + 10 * kDay},
                                         {kT0 + 10 * kDay, kT0 + 30 * kDay}};
  auto caseload =
      Aggregate(*FindIndicator("caseload"), FactUnits(UnitBy::kAll, open),
                Observe(*FindIndicator("caseload"), open, periods, kT0 + 100 * kDay), periods);
  EXPECT_DOUBLE_EQ((caseload[{"", 0}].numerator), 4);    // four open cases
  EXPECT_DOUBLE_EQ((caseload[{"", 0}].denominator), 3);  // of three workers
  const IndicatorDef& escalations = *FindIndicator("escalations_per100");
  auto by_org = Aggregate(escalations, FactUnits(UnitBy::kOrg, open, &mapped),
                          Observe(escalations, open, periods, kT0 + 100 * kDay), periods);
  ASSERT_EQ(by_org.size(), 4u);                         // agencies 2 and 5, two periods
  EXPECT_DOUBLE_EQ((by_org[{"2", 1}].denominator), 3);  // cases 1, 2 and 4
  EXPECT_DOUBLE_EQ((by_org[{"5", 1}].denominator), 1);
}

TEST(IndicatorRules, SmallCellsAreSuppressed) {
  const IndicatorDef& rate = *FindIndicator("followup_on_time");
  CellValue small = ValueOf(rate, Cell{3, 4, {}});
  EXPECT_TRUE(small.suppressed);
  EXPECT_FALSE(small.value.has_value());
  EXPECT_EQ(small.numerator, 0);
  EXPECT_EQ(small.denominator, 0);
  CellValue enough = ValueOf(rate, Cell{4, 5, {}});
  EXPECT_FALSE(enough.suppressed);
  EXPECT_DOUBLE_EQ(*enough.value, 80);
  CellValue empty = ValueOf(rate, Cell{});
  EXPECT_FALSE(empty.suppressed);
  EXPECT_FALSE(empty.value.has_value());
  // A worker's caseload is not a small cell of clients.
  CellValue caseload = ValueOf(*FindIndicator("caseload"), Cell{7, 1, {}});
  EXPECT_FALSE(caseload.suppressed);
  EXPECT_DOUBLE_EQ(*caseload.value, 7);
  CellValue per100 = ValueOf(*FindIndicator("escalations_per100"), Cell{2, 40, {}});
  EXPECT_DOUBLE_EQ(*per100.value, 5);
}

TEST(IndicatorRules, AMedianIsTheMiddleValue) {
  struct Case {
    std::vector<double> values;
    double want;
  };
  const Case cases[] = {
      {{}, 0}, {{4}, 4}, {{9, 3}, 6}, {{5, 1, 3}, 3}, {{1, 100, 2, 3, 50}, 3}, {{2, 2, 8, 8}, 5}};
  for (const auto& c : cases) EXPECT_DOUBLE_EQ(Median(c.values), c.want) << c.values.size();
  // The response time's cell: the median of its answers, the sum and count beside it.
  const IndicatorDef& hours = *FindIndicator("complaint_response_hours");
  CellValue v = ValueOf(hours, Cell{74, 5, {}, {1, 2, 60, 3, 8}});
  EXPECT_DOUBLE_EQ(*v.value, 3);
  EXPECT_DOUBLE_EQ(v.numerator, 74);
  EXPECT_DOUBLE_EQ(v.denominator, 5);
  EXPECT_TRUE(ValueOf(hours, Cell{7, 2, {}, {3, 4}}).suppressed);  // under five complaints
}

}  // namespace
}  // namespace jieli::quality
