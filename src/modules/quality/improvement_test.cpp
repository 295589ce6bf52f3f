#include "modules/quality/improvement.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::quality {
namespace {

// A cycle in `phase` holding everything every phase asks for, so that only
// the pair (from, to) decides.
CycleFacts Ready(Phase phase) {
  CycleFacts cycle;
  cycle.phase = phase;
  cycle.problem = "评估逾期率上升";
  cycle.root_cause = "新社工不熟悉评估量表";
  cycle.indicator = "assessment_on_time";
  cycle.actions = {{7, "2026-12-31"}};
  cycle.before_value = 0.62;
  cycle.after_value = 0.81;
  cycle.standard_kind = StandardKind::kChecklistItem;
  cycle.standard_ref = "评估表新增“量表已完成”核对项";
  return cycle;
}

const std::vector<Phase> kAll = {Phase::kPlan, Phase::kDo, Phase::kCheck, Phase::kAct,
                                 Phase::kClosed};

TEST(Improvement, NamesRoundTrip) {
  ASSERT_EQ(PhaseNames().size(), 5u);
  for (Phase phase : kAll) EXPECT_EQ(ParsePhase(ToString(phase)), phase);
  EXPECT_EQ(ParsePhase("review"), std::nullopt);
  for (const auto& name : SourceKindNames()) EXPECT_EQ(ToString(*ParseSourceKind(name)), name);
  for (const auto& name : StandardKindNames()) EXPECT_EQ(ToString(*ParseStandardKind(name)), name);
}

// Every pair of phases: only the next one is legal, and a closed cycle moves nowhere.
TEST(Improvement, OnlyTheNextPhaseIsLegal) {
  struct Legal {
    Phase from;
    Phase to;
  };
  const std::vector<Legal> legal = {{Phase::kPlan, Phase::kDo},
                                    {Phase::kDo, Phase::kCheck},
                                    {Phase::kCheck, Phase::kAct},
                                    {Phase::kAct, Phase::kClosed}};
  for (Phase from : kAll) {
    for (Phase to : kAll) {
      bool is_legal = false;
      for (const auto& pair : legal) is_legal |= pair.from == from && pair.to == to;
      Status moved = CheckTransition(Ready(from), to);
      if (is_legal) {
        EXPECT_TRUE(moved.ok()) << ToString(from) << " -> " << ToString(to);
      } else {
        ASSERT_FALSE(moved.ok()) << ToString(from) << " -> " << ToString(to);
        EXPECT_EQ(moved.error().code(), "quality.invalid_transition");
        EXPECT_EQ(moved.error().kind(), ErrorKind::kConflict);
      }
    }
  }
}

std::vector<std::string> Fields(const Status& status) {
  std::vector<std::string> fields;
  if (status.ok()) return fields;
  for (const auto& issue : status.error().details()) fields.push_back(issue.field);
  return fields;
}

// What each phase needs before leaving it: a table of cycles lacking one thing.
TEST(Improvement, EachPhaseNeedsItsFactsBeforeLeaving) {
  struct Row {
    const char* name;
    Phase phase;
    void (*strip)(CycleFacts&);
    std::vector<std::string> missing;
  };
  const std::vector<Row> rows = {
      {"no problem", Phase::kPlan, [](CycleFacts& c) { c.problem = "  "; }, {"problem"}},
      {"no root cause", Phase::kPlan, [](CycleFacts& c) { c.root_cause.clear(); }, {"root_cause"}},
      {"no indicator", Phase::kPlan, [](CycleFacts& c) { c.indicator.clear(); }, {"indicator"}},
      {"no action", Phase::kPlan, [](CycleFacts& c) { c.actions.clear(); }, {"actions"}},
      {"action without owner",
       Phase::kPlan,
       [](CycleFacts& c) {
         c.actions.push_back({std::nullopt, "2027-01-05"});
       },
       {"actions[1].owner_id"}},
      {"action without due date",
       Phase::kPlan,
       [](CycleFacts& c) { c.actions.front().due_on.clear(); },
       {"actions[0].due_on"}},
      {"do needs nothing more", Phase::kDo, [](CycleFacts& c) { c.actions.clear(); }, {}},
      {"check without values or note",
       Phase::kCheck,
       [](CycleFacts& c) {
         c.before_value.reset();
         c.after_value.reset();
       },
       {"before_value", "after_value"}},
      {"check with only before",
       Phase::kCheck,
       [](CycleFacts& c) { c.after_value.reset(); },
       {"after_value"}},
      {"check with a note instead",
       Phase::kCheck,
       [](CycleFacts& c) {
         c.before_value.reset();
         c.after_value.reset();
         c.check_note = "样本太少，改为观察案卷";
       },
       {}},
      {"act without kind",
       Phase::kAct,
       [](CycleFacts& c) { c.standard_kind.reset(); },
       {"standard_kind"}},
      {"act without where",
       Phase::kAct,
       [](CycleFacts& c) { c.standard_ref.clear(); },
       {"standard_ref"}},
  };
  for (const auto& row : rows) {
    CycleFacts cycle = Ready(row.phase);
    row.strip(cycle);
    EXPECT_EQ(Fields(CheckTransition(cycle, *NextPhase(row.phase))), row.missing) << row.name;
    if (!row.missing.empty()) {
      EXPECT_EQ(CheckTransition(cycle, *NextPhase(row.phase)).error().code(), "validation.failed")
          << row.name;
    }
  }
}

// An illegal move is refused as such even when the phase is also incomplete.
TEST(Improvement, AnIllegalMoveIsRefusedBeforeTheMissingFacts) {
  CycleFacts empty;
  EXPECT_EQ(CheckTransition(empty, Phase::kCheck).error().code(), "quality.invalid_transition");
  EXPECT_EQ(CheckTransition(empty, Phase::kDo).error().code(), "validation.failed");
}

}  // namespace
}  // namespace jieli::quality
