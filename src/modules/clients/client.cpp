#include "modules/clients/client.hpp"

#include <array>
#include <utility>

namespace jieli::clients {
namespace {

struct GenderName {
  Gender gender;
  std::string_view code;
  std::string_view label;
};
constexpr std::array kGenders = {
    GenderName{Gender::kMale, "male", "男"},
    GenderName{Gender::kFemale, "female", "女"},
    GenderName{Gender::kOther, "other", "其他"},
    GenderName{Gender::kUnknown, "unknown", "未知"},
};

struct CategoryName {
  Category category;
  std::string_view code;
  std::string_view label;
};
constexpr std::array kCategories = {
    CategoryName{Category::kElderly, "elderly", "老年人"},
    CategoryName{Category::kDisabled, "disabled", "残疾人"},
    CategoryName{Category::kChild, "child", "儿童"},
    CategoryName{Category::kYouth, "youth", "青少年"},
    CategoryName{Category::kWomen, "women", "妇女"},
    CategoryName{Category::kMigrantWorker, "migrant_worker", "农民工"},
    CategoryName{Category::kLowIncome, "low_income", "低保/特困"},
    CategoryName{Category::kLeftBehind, "left_behind", "留守"},
    CategoryName{Category::kStreetChild, "street_child", "流浪儿童"},
    CategoryName{Category::kOutOfSchool, "out_of_school", "失学"},
    CategoryName{Category::kOther, "other", "其他"},
};

}  // namespace

std::string_view ToString(Gender gender) {
  for (const auto& g : kGenders) {
    if (g.gender == gender) return g.code;
  }
  return "unknown";
}

std::string_view ToString(Category category) {
  for (const auto& c : kCategories) {
    if (c.category == category) return c.code;
  }
  return "other";
}

std::optional<Gender> ParseGender(std::string_view text) {
  for (const auto& g : kGenders) {
    if (g.code == text) return g.gender;
  }
  return std::nullopt;
}

std::optional<Category> ParseCategory(std::string_view text) {
  for (const auto& c : kCategories) {
    if (c.code == text) return c.category;
  }
  return std::nullopt;
}

const std::vector<std::string>& GenderNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& g : kGenders) names.emplace_back(g.code);
    return names;
  }();
  return kNames;
}

const std::vector<std::string>& CategoryNames() {
  static const std::vector<std::string> kNames = [] {
    std::vector<std::string> names;
    for (const auto& c : kCategories) names.emplace_back(c.code);
    return names;
  }();
  return kNames;
}

std::string_view ChineseLabel(Gender gender) {
  for (const auto& g : kGenders) {
    if (g.gender == gender) return g.label;
  }
  return "未知";
}

std::string_view ChineseLabel(Category category) {
  for (const auto& c : kCategories) {
    if (c.category == category) return c.label;
  }
  return "其他";
}

std::optional<Gender> ParseGenderLabel(std::string_view text) {
  for (const auto& g : kGenders) {
    if (g.code == text || g.label == text) return g.gender;
  }
  if (text == "男性") return Gender::kMale;
  if (text == "女性") return Gender::kFemale;
  return std::nullopt;
}

std::optional<Category> ParseCategoryLabel(std::string_view text) {
  for (const auto& c : kCategories) {
    if (c.code == text || c.label == text) return c.category;
  }
  static const std::array<std::pair<std::string_view, Category>, 7> kAliases = {{
      {"低保", Category::kLowIncome},
      {"特困", Category::kLowIncome},
      {"老人", Category::kElderly},
      {"残障", Category::kDisabled},
      {"留守儿童", Category::kLeftBehind},
      {"留守老人", Category::kLeftBehind},
      {"女性", Category::kWomen},
  }};
  for (const auto& [alias, category] : kAliases) {
    if (alias == text) return category;
  }
  return std::nullopt;
}

}  // namespace jieli::clients
