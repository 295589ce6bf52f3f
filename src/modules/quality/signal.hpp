// Indicator signals (信号): a point of an indicator's monthly control chart
// that breaks a Western Electric rule, recorded once per organisation,
// indicator and period so that its owners are told once and may dismiss it
// or open an improvement cycle from it. Plain rules (no SQL, no HTTP, no
// permissions: the service checks those). Pure functions; thread-safe.
//   open ──dismiss (with a note)──▶ dismissed
//     └───open an improvement cycle──▶ cycle_opened
// Neither end state moves again: a dismissed signal stays dismissed (a later
// period that breaks a rule is a signal of its own).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"
#include "core/result.hpp"
#include "modules/quality/supervision.hpp"

namespace jieli::quality {

enum class SignalState { kOpen, kDismissed, kCycleOpened };
std::string_view ToString(SignalState state);  // "open", "dismissed", "cycle_opened"
std::optional<SignalState> ParseSignalState(std::string_view text);
const std::vector<std::string>& SignalStateNames();

// How many months a nightly evaluation charts (ending with the current one)
// and how many of the first of them are the baseline: the indicator page's
// default, so that its chart shows the points recorded as signals.
inline constexpr int kSignalMonths = 24;
inline constexpr int kSignalBaselineMonths = 12;

// The longest note a dismissal takes.
inline constexpr std::size_t kMaxDismissNoteChars = 1000;

// One point of a chart as the evaluation sees it.
struct ChartedPeriod {
  std::string key;  // the period's key, "2026-03"
  EpochMs end = 0;  // when it ends (exclusive)
  std::optional<double> value;
  std::optional<double> centre, lower, upper;
  std::vector<int> rules;  // the Western Electric rules it breaks
};

// The points of one chart that are new signals: a point that breaks a rule,
// of a period that has ended by now (a month still running has not said its
// last word: its value and limits move until it ends), and not recorded yet
// (recorded: the keys of the periods already signalled for this organisation
// and indicator, whatever their state). In the chart's order.
std::vector<ChartedPeriod> NewSignals(const std::vector<ChartedPeriod>& chart,
                                      const std::set<std::string>& recorded, EpochMs now);

// Whether a signal in state from may move to `to`: only an open one, to
// dismissed or cycle_opened ("quality.signal_handled", a conflict, otherwise).
Status CheckSignalMove(SignalState from, SignalState to);

// The problems with a dismissal's note: required (it says why the signal is
// not worth a cycle) and at most kMaxDismissNoteChars.
std::vector<FieldIssue> CheckDismissNote(const std::string& note);

// An improvement cycle's source reference for a signal: "indicator:period".
std::string SignalSourceRef(std::string_view indicator, std::string_view period);

// "1, 2" for rules {1, 2}: the rules in a cycle's problem text.
std::string RulesText(const std::vector<int>& rules);

// --- a signal as stored and shown ---

struct Signal {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string org_name;
  std::string indicator;  // its id in the catalogue
  std::string period;     // "2026-10"
  std::vector<int> rules;
  double value = 0;  // in the indicator's unit (percent 0–100, hours, …)
  std::optional<double> centre, lower, upper;
  EpochMs detected_at = 0;
  SignalState state = SignalState::kOpen;
  std::string note;  // why it was dismissed
  std::optional<Person> handled_by;
  std::optional<EpochMs> handled_at;
  std::optional<std::int64_t> improvement_id;
};

struct SignalFilter {
  std::optional<std::int64_t> org_id;  // that organisation (only its own signals)
  std::optional<std::string> indicator;
  std::optional<SignalState> state;
};

// A rule break found by an evaluation, not recorded yet.
struct FoundSignal {
  std::int64_t org_id = 0;
  std::string org_name;
  bool bureau = false;  // the city as a whole: its owners are the bureau's
  std::string indicator;
  std::string name_zh, name_en;  // the indicator's, for the notification
  ChartedPeriod point;
};

// What one evaluation did.
struct SignalRun {
  std::int64_t found = 0;  // rule breaks not recorded before
  std::int64_t new_signals = 0;
  std::int64_t notifications = 0;  // sent (one per owner and new signal)
};

// "1,4" as stored, and back (anything else in the column is skipped).
std::string RulesColumn(const std::vector<int>& rules);
std::vector<int> ParseRulesColumn(std::string_view text);

}  // namespace jieli::quality
