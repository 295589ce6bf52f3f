#include "modules/feedback/questionnaire.hpp"

#include <algorithm>
#include <set>

#include "core/enum_names.hpp"
#include "core/text.hpp"

namespace jieli::feedback {
namespace {

constexpr EnumNames<ItemType, 6> kItemTypes = {{
    {ItemType::kSection, "section"},
    {ItemType::kSingle, "single"},
    {ItemType::kMultiple, "multiple"},
    {ItemType::kLikert, "likert"},
    {ItemType::kRating, "rating"},
    {ItemType::kText, "text"},
}};

bool HasOptions(ItemType type) {
  return type == ItemType::kSingle || type == ItemType::kMultiple || type == ItemType::kLikert;
}
bool OneChoice(ItemType type) { return type == ItemType::kSingle || type == ItemType::kLikert; }

bool ValidId(std::string_view id) {
  if (id.empty() || id.size() > kMaxItemIdChars) return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// The item's option values, for the message of a choice not among them.
std::string Allowed(const Item& item) {
  std::string values;
  for (const auto& option : item.options) {
    if (!values.empty()) values += ", ";
    values += option.value;
  }
  return values;
}

std::vector<Option> AgreeScale() {
  return {{"1", "完全不是", "Not at all", 1},
          {"2", "不太是", "Not really", 2},
          {"3", "基本是", "Mostly", 3},
          {"4", "完全是", "Completely", 4}};
}

Item BuiltInItem(const char* id, const char* zh, const char* en,
                 std::vector<Option> options = AgreeScale()) {
  Item item;
  item.id = id;
  item.type = ItemType::kLikert;
  item.text_zh = zh;
  item.text_en = en;
  item.required = true;
  item.scored = true;
  item.options = std::move(options);
  return item;
}

Questionnaire MakeBuiltIn() {
  Questionnaire q;
  q.title_zh = "服务满意度问卷";
  q.title_en = "Service satisfaction questionnaire";
  q.items = {
      BuiltInItem("listened", "社工认真倾听了我的想法和困难。",
                  "The social worker listened carefully to my thoughts and difficulties."),
      BuiltInItem("respected", "社工尊重我，并为我的个人信息保密。",
                  "The social worker respected me and kept my personal information private."),
      BuiltInItem("convenient", "服务的时间、地点和方式对我来说方便。",
                  "The time, place and way of the service were convenient for me."),
      BuiltInItem("goals_agreed", "服务目标是社工和我一起商定的。",
                  "The goals of the service were agreed between the social worker and me."),
      BuiltInItem("kept_informed", "我清楚服务的进展和下一步安排。",
                  "I knew how the service was going and what would happen next."),
      BuiltInItem("situation_better", "这次服务帮助我改善了当时的处境。",
                  "The service helped me improve the situation I was in."),
      BuiltInItem("more_able", "现在遇到困难时，我更有信心和办法去应对。",
                  "When difficulties come now, I feel more confident and able to deal with them."),
      BuiltInItem("overall", "总体来说，我对这次服务满意。",
                  "Overall, I am satisfied with the service.",
                  {{"1", "很不满意", "Very dissatisfied", 1},
                   {"2", "不太满意", "Somewhat dissatisfied", 2},
                   {"3", "比较满意", "Mostly satisfied", 3},
                   {"4", "非常满意", "Very satisfied", 4}}),
  };
  return q;
}

const Option* FindOption(const Item& item, std::string_view value) {
  for (const auto& option : item.options) {
    if (option.value == value) return &option;
  }
  return nullptr;
}

bool Answered(const Item& item, const Answer& answer) {
  switch (item.type) {
    case ItemType::kSection:
      return false;
    case ItemType::kSingle:
    case ItemType::kMultiple:
    case ItemType::kLikert:
      return !answer.choices.empty();
    case ItemType::kRating:
      return answer.rating.has_value();
    case ItemType::kText:
      return !IsBlank(answer.text);
  }
  return false;
}

}  // namespace

std::string_view ToString(ItemType type) { return EnumName(kItemTypes, type); }
std::optional<ItemType> ParseItemType(std::string_view text) { return ParseEnum(kItemTypes, text); }
const std::vector<std::string>& ItemTypeNames() {
  static const std::vector<std::string> kNames = EnumNameList(kItemTypes);
  return kNames;
}

const Questionnaire& BuiltInSatisfaction() {
  static const Questionnaire kBuiltIn = MakeBuiltIn();
  return kBuiltIn;
}

std::vector<FieldIssue> CheckQuestionnaire(const Questionnaire& q) {
  std::vector<FieldIssue> issues;
  auto too_long = [](std::size_t max) {
    return std::map<std::string, std::string>{{"max", std::to_string(max)}};
  };
  if (IsBlank(q.title_zh)) issues.push_back({"title_zh", "required"});
  if (CodePointCount(q.title_zh) > kMaxTitleChars || CodePointCount(q.title_en) > kMaxTitleChars) {
    issues.push_back({"title_zh", "too_long", too_long(kMaxTitleChars)});
  }
  if (q.items.size() > kMaxItems) {
    issues.push_back({"items", "too_many", too_long(kMaxItems)});
    return issues;
  }
  if (std::none_of(q.items.begin(), q.items.end(),
                   [](const Item& i) { return i.type != ItemType::kSection; })) {
    issues.push_back({"items", "no_questions"});
  }
  std::map<std::string, const Item*> earlier;
  for (std::size_t n = 0; n < q.items.size(); ++n) {
    const Item& item = q.items[n];
    const std::string at = "items[" + std::to_string(n) + "]";
    if (!ValidId(item.id)) {
      issues.push_back({at + ".id", "invalid_format"});
    } else if (earlier.contains(item.id)) {
      issues.push_back({at + ".id", "duplicate"});
    }
    if (IsBlank(item.text_zh)) issues.push_back({at + ".text_zh", "required"});
    if (CodePointCount(item.text_zh) > kMaxItemTextChars ||
        CodePointCount(item.text_en) > kMaxItemTextChars) {
      issues.push_back({at + ".text_zh", "too_long", too_long(kMaxItemTextChars)});
    }
    if (item.type == ItemType::kSection && (item.required || item.scored)) {
      issues.push_back({at + ".type", "section_answered"});
    }
    if (HasOptions(item.type)) {
      if (item.options.size() < 2 || item.options.size() > kMaxOptions) {
        issues.push_back({at + ".options",
                          "out_of_range",
                          {{"min", "2"}, {"max", std::to_string(kMaxOptions)}}});
      }
      std::set<std::string> values;
      for (std::size_t o = 0; o < item.options.size(); ++o) {
        const Option& option = item.options[o];
        const std::string opt_at = at + ".options[" + std::to_string(o) + "]";
        if (option.value.empty() || option.value.size() > kMaxItemIdChars) {
          issues.push_back({opt_at + ".value", "invalid_format"});
        } else if (!values.insert(option.value).second) {
          issues.push_back({opt_at + ".value", "duplicate"});
        }
        if (IsBlank(option.label_zh)) issues.push_back({opt_at + ".label_zh", "required"});
        if (item.scored && !option.score && item.type != ItemType::kMultiple) {
          issues.push_back({opt_at + ".score", "required"});
        }
      }
    } else if (!item.options.empty()) {
      issues.push_back({at + ".options", "not_allowed"});
    }
    if (item.type == ItemType::kRating &&
        (item.scale_max < 2 || item.scale_max > kMaxRatingScale)) {
      issues.push_back({at + ".scale_max",
                        "out_of_range",
                        {{"min", "2"}, {"max", std::to_string(kMaxRatingScale)}}});
    }
    // A score adds up only for one choice or a rating.
    if (item.scored && !(OneChoice(item.type) || item.type == ItemType::kRating)) {
      issues.push_back({at + ".scored", "not_allowed"});
    }
    if (item.show_if) {
      auto source = earlier.find(item.show_if->item);
      if (source == earlier.end() || !HasOptions(source->second->type)) {
        issues.push_back({at + ".show_if.item", "not_found"});
      } else if (item.show_if->any_of.empty()) {
        issues.push_back({at + ".show_if.any_of", "required"});
      } else {
        for (const auto& value : item.show_if->any_of) {
          if (!FindOption(*source->second, value)) {
            issues.push_back({at + ".show_if.any_of",
                              "invalid_choice",
                              {{"allowed", Allowed(*source->second)}}});
            break;
          }
        }
      }
    }
    if (ValidId(item.id)) earlier.emplace(item.id, &item);
  }
  return issues;
}

bool Shown(const Item& item, const Answers& answers) {
  if (!item.show_if) return true;
  auto answer = answers.find(item.show_if->item);
  if (answer == answers.end()) return false;
  for (const auto& chosen : answer->second.choices) {
    const auto& any = item.show_if->any_of;
    if (std::find(any.begin(), any.end(), chosen) != any.end()) return true;
  }
  return false;
}

std::vector<FieldIssue> CheckAnswers(const Questionnaire& q, const Answers& answers) {
  std::vector<FieldIssue> issues;
  std::map<std::string, const Item*> items;
  for (const auto& item : q.items) items.emplace(item.id, &item);
  for (const auto& [id, answer] : answers) {
    auto found = items.find(id);
    if (found == items.end() || found->second->type == ItemType::kSection) {
      issues.push_back({"answers." + id, "unknown_item"});
    }
  }
  for (const auto& item : q.items) {
    if (item.type == ItemType::kSection) continue;
    const std::string at = "answers." + item.id;
    auto given = answers.find(item.id);
    const bool shown = Shown(item, answers);
    if (given == answers.end() || !Answered(item, given->second)) {
      if (shown && item.required) issues.push_back({at, "required"});
      continue;
    }
    if (!shown) {
      issues.push_back({at, "not_shown"});
      continue;
    }
    const Answer& answer = given->second;
    switch (item.type) {
      case ItemType::kSingle:
      case ItemType::kLikert:
      case ItemType::kMultiple: {
        if (OneChoice(item.type) && answer.choices.size() != 1) {
          issues.push_back({at, "one_choice"});
          break;
        }
        std::set<std::string> seen;
        for (const auto& value : answer.choices) {
          if (!FindOption(item, value) || !seen.insert(value).second) {
            issues.push_back({at, "invalid_choice", {{"allowed", Allowed(item)}}});
            break;
          }
        }
        break;
      }
      case ItemType::kRating:
        if (*answer.rating < 1 || *answer.rating > item.scale_max) {
          issues.push_back(
              {at, "out_of_range", {{"min", "1"}, {"max", std::to_string(item.scale_max)}}});
        }
        break;
      case ItemType::kText:
        if (CodePointCount(answer.text) > kMaxAnswerChars) {
          issues.push_back({at, "too_long", {{"max", std::to_string(kMaxAnswerChars)}}});
        }
        break;
      case ItemType::kSection:
        break;
    }
  }
  return issues;
}

Score ScoreOf(const Questionnaire& q, const Answers& answers) {
  Score score;
  for (const auto& item : q.items) {
    if (!item.scored) continue;
    if (item.type == ItemType::kRating) {
      score.min_total += 1;
      score.max_total += item.scale_max;
    } else {
      double low = 0, high = 0;
      bool first = true;
      for (const auto& option : item.options) {
        const double s = option.score.value_or(0);
        low = first ? s : std::min(low, s);
        high = first ? s : std::max(high, s);
        first = false;
      }
      score.min_total += low;
      score.max_total += high;
    }
    auto given = answers.find(item.id);
    if (given == answers.end() || !Shown(item, answers)) continue;
    std::optional<double> value;
    if (item.type == ItemType::kRating) {
      if (given->second.rating) value = *given->second.rating;
    } else if (given->second.choices.size() == 1) {
      if (const Option* option = FindOption(item, given->second.choices.front())) {
        value = option->score;
      }
    }
    if (!value) continue;
    score.items[item.id] = *value;
    score.total += *value;
    ++score.scored_items;
  }
  return score;
}

}  // namespace jieli::feedback
