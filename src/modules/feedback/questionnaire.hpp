// Questionnaires (问卷) for satisfaction surveys: Jieli's own client
// satisfaction questionnaire (8 items, 4-point scale, total 8–32, written for
// Jieli — not a licensed instrument such as CSQ-8, which may not be copied in),
// the building blocks an agency writes its own from (sections, single and
// multiple choice, Likert scales, ratings, free text, required items, items
// shown only after a given answer), and the rules of a questionnaire, of an
// answer to it and of its score. Plain values; pure and thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.hpp"

namespace jieli::feedback {

enum class ItemType { kSection, kSingle, kMultiple, kLikert, kRating, kText };
std::string_view ToString(ItemType type);  // "section", "single", …
std::optional<ItemType> ParseItemType(std::string_view text);
const std::vector<std::string>& ItemTypeNames();

struct Option {
  std::string value;  // what the answer carries: "4", "phone"
  std::string label_zh, label_en;
  std::optional<double> score;  // counts towards the total when the item is scored
};

// An item shown only when an earlier choice item was answered with one of
// these values (any of them, for a multiple choice).
struct Condition {
  std::string item;
  std::vector<std::string> any_of;
};

struct Item {
  std::string id;  // [a-z0-9_], unique in the questionnaire
  ItemType type = ItemType::kSingle;
  std::string text_zh, text_en;
  bool required = false;
  std::vector<Option> options;  // single, multiple, likert
  int scale_max = 5;            // rating: 1 … scale_max
  std::optional<Condition> show_if;
  // Adds to the total: the options' scores (single, likert) or the rating.
  bool scored = false;
};

struct Questionnaire {
  std::string title_zh, title_en;
  std::vector<Item> items;
};

inline constexpr std::size_t kMaxItems = 100;
inline constexpr std::size_t kMaxOptions = 20;
inline constexpr std::size_t kMaxItemTextChars = 500;
inline constexpr std::size_t kMaxTitleChars = 200;
inline constexpr std::size_t kMaxItemIdChars = 40;
inline constexpr std::size_t kMaxAnswerChars = 2000;
inline constexpr int kMaxRatingScale = 10;

// 服务满意度问卷 (Jieli's own): 8 items, each 1–4, all required and scored.
const Questionnaire& BuiltInSatisfaction();
inline constexpr double kBuiltInMinTotal = 8;
inline constexpr double kBuiltInMaxTotal = 32;

// Issues with a questionnaire an agency wrote (field paths "items[2].options"):
// empty when it can be sent.
std::vector<FieldIssue> CheckQuestionnaire(const Questionnaire& questionnaire);

// One item's answer: the chosen values (single, likert: one; multiple: one
// or more), the rating, or the text.
struct Answer {
  std::vector<std::string> choices;
  std::optional<int> rating;
  std::string text;
};
using Answers = std::map<std::string, Answer>;  // item id → answer

// Whether an item is shown, given the answers so far.
bool Shown(const Item& item, const Answers& answers);

// Issues with an answer sheet (field paths "answers.q3"): unknown items,
// required shown items left unanswered, values not among the options, ratings
// out of range, text too long, answers to items not shown, sections answered.
std::vector<FieldIssue> CheckAnswers(const Questionnaire& questionnaire, const Answers& answers);

struct Score {
  double total = 0;
  double min_total = 0, max_total = 0;  // what the scored items could give
  int scored_items = 0;                 // scored items answered
  std::map<std::string, double> items;  // scored item id → its score
};

// The score of an answer sheet that passed CheckAnswers.
Score ScoreOf(const Questionnaire& questionnaire, const Answers& answers);

}  // namespace jieli::feedback
