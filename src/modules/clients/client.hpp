// The client model (服务对象档案): a person an organisation serves, with the
// categories (服务对象类别) used for filtering and reporting, household
// members, consents and risk flags. Plain value types with string conversions
// for storage and JSON. The ID number and phone are sensitive: a Client as the
// service returns it carries them masked (core/mask); only Reveal gives them in clear.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/clock.hpp"

namespace jieli::clients {

enum class Gender { kMale, kFemale, kOther, kUnknown };

enum class Category {
  kElderly,        // 老年人
  kDisabled,       // 残疾人 (with a disability level 1–4)
  kChild,          // 儿童
  kYouth,          // 青少年
  kWomen,          // 妇女
  kMigrantWorker,  // 农民工
  kLowIncome,      // 低保/特困
  kLeftBehind,     // 留守
  kStreetChild,    // 流浪儿童
  kOutOfSchool,    // 失学
  kOther,          // 其他
};

std::string_view ToString(Gender gender);
std::string_view ToString(Category category);
std::optional<Gender> ParseGender(std::string_view text);
std::optional<Category> ParseCategory(std::string_view text);
const std::vector<std::string>& GenderNames();
const std::vector<std::string>& CategoryNames();
// The Chinese label of a gender or category, as in spreadsheets ("男", "老年人").
std::string_view ChineseLabel(Gender gender);
std::string_view ChineseLabel(Category category);
// A gender or category from its code or its Chinese label (import files);
// also accepts 低保 / 特困 alone for low_income.
std::optional<Gender> ParseGenderLabel(std::string_view text);
std::optional<Category> ParseCategoryLabel(std::string_view text);

struct HouseholdMember {
  std::string name;
  std::string relation;  // 配偶, 子女, …
  std::string contact;
  bool operator==(const HouseholdMember&) const = default;
};

struct Consent {
  std::string kind;          // e.g. "service", "data_sharing"
  std::string scope;         // free text
  std::string given_on;      // YYYY-MM-DD
  std::string withdrawn_on;  // YYYY-MM-DD or ""
  bool operator==(const Consent&) const = default;
};

struct Client {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string name;
  Gender gender = Gender::kUnknown;
  std::string birth_date;  // YYYY-MM-DD or ""
  std::string id_number;   // masked, or "" when none is recorded
  std::string phone;       // masked, or ""
  std::string address;
  std::optional<std::int64_t> region_id;
  std::vector<HouseholdMember> household;
  std::vector<Category> categories;
  std::optional<int> disability_level;  // 1–4, only with Category::kDisabled
  std::vector<Consent> consents;
  std::vector<std::string> risk_flags;
  std::string notes;
  std::optional<std::int64_t> created_by;
  EpochMs created_at = 0;
  EpochMs updated_at = 0;
};

// A partial update: only the fields present change.
struct ClientPatch {
  std::optional<std::string> name;
  std::optional<Gender> gender;
  std::optional<std::string> birth_date;
  std::optional<std::string> id_number;
  std::optional<std::string> phone;
  std::optional<std::string> address;
  std::optional<std::optional<std::int64_t>> region_id;
  std::optional<std::vector<HouseholdMember>> household;
  std::optional<std::vector<Category>> categories;
  std::optional<std::optional<int>> disability_level;
  std::optional<std::vector<Consent>> consents;
  std::optional<std::vector<std::string>> risk_flags;
  std::optional<std::string> notes;
};

// What another module (cases) may know about a client.
struct ClientSummary {
  std::int64_t id = 0;
  std::int64_t org_id = 0;
  std::string name;
  Gender gender = Gender::kUnknown;
  std::string birth_date;
  std::vector<Category> categories;
  std::optional<std::int64_t> region_id;
  std::string address;
  std::string phone;  // masked
};

}  // namespace jieli::clients
