// The sorts of a list: an unknown ?sort= is refused with the allowed values
// named in the message, in both languages, on every list that sorts.
#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class ListSortApiTest : public ApiTest {};

TEST_P(ListSortApiTest, AnUnknownSortNamesTheAllowedOnes) {
  struct Case {
    std::string path;
    std::string allowed;
    std::string caller = "admin";
  };
  const std::vector<Case> kCases = {
      {"/api/v1/users",
       "username, -username, display_name, -display_name, created_at, -created_at"},
      {"/api/v1/orgs", "name, -name, created_at, -created_at, id, -id"},
      {"/api/v1/clients", "name, -name, birth_date, -birth_date, created_at, -created_at",
       "worker"}};
  for (const auto& c : kCases) {
    auto caller = SignIn(c.caller);
    for (const char* lang : {"zh-CN", "en"}) {
      TestResponse refused = caller->Get(c.path + "?sort=garbage", {{"Accept-Language", lang}});
      ASSERT_EQ(refused.status, 400) << c.path << " " << refused.body;
      json detail = refused.Json()["error"]["details"][0];
      EXPECT_EQ(detail["field"], "sort");
      EXPECT_EQ(detail["code"], "invalid_choice");
      std::string message = detail["message"];
      EXPECT_EQ(message.find('{'), std::string::npos) << c.path << ": " << message;
      EXPECT_NE(message.find(c.allowed), std::string::npos) << c.path << ": " << message;
    }
    EXPECT_EQ(caller->Get(c.path + "?sort=-created_at").status, 200) << c.path;
  }
}

JIELI_INSTANTIATE_API_TEST(ListSortApiTest);

}  // namespace
}  // namespace jieli::test
