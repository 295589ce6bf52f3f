#include "modules/clients/client_json.hpp"

#include <algorithm>

#include <gtest/gtest.h>

namespace jieli::clients {
namespace {

using http::Json;

bool HasIssue(const http::JsonReader& reader, const std::string& field, const std::string& code) {
  return std::any_of(reader.issues().begin(), reader.issues().end(), [&](const FieldIssue& issue) {
    return issue.field == field && issue.code == code;
  });
}

TEST(ClientJson, ReadsEveryField) {
  Json body = Json::parse(R"({
    "name": "王秀英", "gender": "female", "birth_date": "1990-03-07",
    "id_number": "420106199003071238", "phone": "13812345678", "address": "武汉市江汉区",
    "region_id": 7, "disability_level": 2, "notes": "独居",
    "household": [{"name": "李强", "relation": "儿子", "contact": "13900000000"}],
    "consents": [{"kind": "service", "scope": "个案服务", "given_on": "2026-01-05"}],
    "categories": ["elderly", "disabled"], "risk_flags": ["独居"]})");
  http::JsonReader reader(body);
  ClientPatch patch = ReadClientPatch(body, reader, true);
  EXPECT_TRUE(reader.issues().empty());
  ClientInput input = InputFromPatch(patch);
  EXPECT_EQ(input.name, "王秀英");
  EXPECT_EQ(input.gender, Gender::kFemale);
  EXPECT_EQ(input.region_id, 7);
  EXPECT_EQ(input.disability_level, 2);
  ASSERT_EQ(input.household.size(), 1u);
  EXPECT_EQ(input.household[0].relation, "儿子");
  ASSERT_EQ(input.consents.size(), 1u);
  EXPECT_EQ(input.consents[0].withdrawn_on, "");
  EXPECT_EQ(input.categories, (std::vector<Category>{Category::kElderly, Category::kDisabled}));
  EXPECT_EQ(input.risk_flags, std::vector<std::string>{"独居"});
}

TEST(ClientJson, AnUpdateTouchesOnlyWhatIsPresent) {
  Json body = Json::parse(R"({"phone": null, "notes": "已搬家"})");
  http::JsonReader reader(body);
  ClientPatch patch = ReadClientPatch(body, reader, false);
  EXPECT_TRUE(reader.issues().empty());
  EXPECT_FALSE(patch.name.has_value());
  EXPECT_FALSE(patch.household.has_value());
  EXPECT_EQ(patch.phone, "");  // null clears
  EXPECT_EQ(patch.notes, "已搬家");
}

TEST(ClientJson, CollectsEveryShapeProblem) {
  Json body = Json::parse(R"({
    "gender": "F", "region_id": 0, "disability_level": 5, "phone": 13812345678,
    "household": [{"relation": "配偶"}, "李强"], "consents": [{"kind": "service"}],
    "categories": ["elderly", "老年人"], "risk_flags": [1]})");
  http::JsonReader reader(body);
  ReadClientPatch(body, reader, true);
  EXPECT_TRUE(HasIssue(reader, "name", "required"));
  EXPECT_TRUE(HasIssue(reader, "gender", "invalid_choice"));
  EXPECT_TRUE(HasIssue(reader, "region_id", "out_of_range"));
  EXPECT_TRUE(HasIssue(reader, "disability_level", "out_of_range"));
  EXPECT_TRUE(HasIssue(reader, "phone", "wrong_type"));
  EXPECT_TRUE(HasIssue(reader, "household[0].name", "required"));
  EXPECT_TRUE(HasIssue(reader, "household[1]", "wrong_type"));
  EXPECT_TRUE(HasIssue(reader, "consents[0].given_on", "required"));
  EXPECT_TRUE(HasIssue(reader, "categories[1]", "invalid_choice"));
  EXPECT_TRUE(HasIssue(reader, "risk_flags[0]", "wrong_type"));
}

TEST(ClientJson, ListsAreReadOnePastTheirLimit) {
  Json body = {{"name", "张三"}, {"risk_flags", Json::array()}, {"household", Json::array()}};
  for (int i = 0; i < 1000; ++i) {
    body["risk_flags"].push_back("风险");
    body["household"].push_back({{"name", "家人"}});
  }
  http::JsonReader reader(body);
  ClientInput input = InputFromPatch(ReadClientPatch(body, reader, true));
  EXPECT_EQ(input.risk_flags.size(), kMaxListEntries + 1);
  EXPECT_EQ(input.household.size(), kMaxListEntries + 1);
}

}  // namespace
}  // namespace jieli::clients
