#include "modules/quality/signal.hpp"

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::quality {
namespace {

constexpr EnumNames<SignalState, 3> kStates = {{{SignalState::kOpen, "open"},
                                                {SignalState::kDismissed, "dismissed"},
                                                {SignalState::kCycleOpened, "cycle_opened"}}};

}  // namespace

std::string_view ToString(SignalState state) { return EnumName(kStates, state); }
std::optional<SignalState> ParseSignalState(std::string_view text) {
  return ParseEnum(kStates, text);
}
const std::vector<std::string>& SignalStateNames() {
  static const auto kNames = EnumNameList(kStates);
  return kNames;
}

std::vector<ChartedPeriod> NewSignals(const std::vector<ChartedPeriod>& chart,
                                      const std::set<std::string>& recorded, EpochMs now) {
  std::vector<ChartedPeriod> out;
  for (const auto& point : chart) {
    if (point.rules.empty() || !point.value || point.end > now) continue;
    if (recorded.contains(point.key)) continue;
    out.push_back(point);
  }
  return out;
}

Status CheckSignalMove(SignalState from, SignalState to) {
  if (from != SignalState::kOpen || to == SignalState::kOpen) {
    return ConflictError("quality.signal_handled").WithParam("state", std::string(ToString(from)));
  }
  return Ok();
}

std::vector<FieldIssue> CheckDismissNote(const std::string& note) {
  if (IsBlank(note)) return {{"note", "required"}};
  if (CodePointCount(note) > kMaxDismissNoteChars) {
    return {{"note", "too_long", {{"max", std::to_string(kMaxDismissNoteChars)}}}};
  }
  return {};
}

std::string SignalSourceRef(std::string_view indicator, std::string_view period) {
  return std::string(indicator) + ":" + std::string(period);
}

std::string RulesText(const std::vector<int>& rules) {
  std::string text;
  for (int rule : rules) {
    if (!text.empty()) text += ", ";
    text += std::to_string(rule);
  }
  return text;
}

std::string RulesColumn(const std::vector<int>& rules) {
  std::string text;
  for (int rule : rules) {
    if (!text.empty()) text += ",";
    text += std::to_string(rule);
  }
  return text;
}

std::vector<int> ParseRulesColumn(std::string_view text) {
  std::vector<int> rules;
  for (char c : text) {
    if (c >= '1' && c <= '4') rules.push_back(c - '0');
  }
  return rules;
}

}  // namespace jieli::quality
