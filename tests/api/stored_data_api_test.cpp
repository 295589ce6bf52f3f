// Stored data that cannot be read is an error, never an empty value: a damaged
// security policy must not read as "no second factor required", a damaged list
// of a client's consents not as "no consents". The tests damage the stored
// value directly in the store, as a faulty tool or a bad restore would.
#include <string>
#include <vector>

#include "api_fixture.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

class StoredDataApiTest : public ApiTest {
 protected:
  void StorePolicy(const std::string& value) {
    ASSERT_TRUE(app_->db().Execute(
        "INSERT INTO settings (key, value, updated_at) VALUES ('security_policy', ?, ?) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {value, clock_.Now()}));
  }

  static void ExpectCorrupt(const TestResponse& response) {
    EXPECT_EQ(response.status, 500) << response.body;
    EXPECT_EQ(response.Json()["error"]["code"], "store.corrupt") << response.body;
  }
};

TEST_P(StoredDataApiTest, ADamagedSecurityPolicyRefusesSignInAndIsNotReadAsEmpty) {
  auto admin = SignIn("admin");
  const std::vector<std::string> kDamaged = {
      "not json",
      R"({"totp_required_roles":"admin"})",     // not a list
      R"({"totp_required_roles":["wizard"]})",  // no such role
      R"({"totp_required_roles":[1]})",
      R"([])",
      R"({})",
  };
  for (const std::string& value : kDamaged) {
    SCOPED_TRACE(value);
    StorePolicy(value);
    ExpectCorrupt(admin->Get("/api/v1/settings/security"));
    json login = {{"username", "worker"}, {"password", kDemoPassword}};
    ExpectCorrupt(Client()->Post("/api/v1/auth/login", login.dump()));
  }
  // A policy written again through the API is read again.
  StorePolicy(R"({"totp_required_roles":[]})");
  EXPECT_EQ(admin->Get("/api/v1/settings/security").status, 200);
  ASSERT_EQ(admin->Put("/api/v1/settings/security", R"({"totp_required_roles":["bureau_officer"]})")
                .status,
            200);
  EXPECT_EQ(admin->Get("/api/v1/settings/security").Json()["totp_required_roles"],
            json({"bureau_officer"}));
  SignIn("worker");
}

TEST_P(StoredDataApiTest, ADamagedClientListIsAnErrorNotAnEmptyList) {
  auto worker = SignIn("worker");
  TestResponse listed = worker->Get("/api/v1/clients?page_size=1&sort=name");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const std::int64_t id = listed.Json()["items"][0]["id"].get<std::int64_t>();
  const std::string path = "/api/v1/clients/" + std::to_string(id);
  ASSERT_EQ(worker->Get(path).status, 200);

  for (const char* column : {"consents", "risk_flags"}) {
    for (const char* value : {"not json", "{}", "[1]"}) {
      SCOPED_TRACE(std::string(column) + " = " + value);
      ASSERT_TRUE(
          app_->db().Execute(std::string("UPDATE clients SET ") + column + " = ? WHERE id = ?",
                             {std::string(value), id}));
      ExpectCorrupt(worker->Get(path));
      ExpectCorrupt(worker->Get("/api/v1/clients?page_size=1&sort=name"));
      ASSERT_TRUE(app_->db().Execute(
          std::string("UPDATE clients SET ") + column + " = '[]' WHERE id = ?", {id}));
      EXPECT_EQ(worker->Get(path).status, 200);
    }
  }
}

TEST_P(StoredDataApiTest, DamagedNotificationParamsAreAnErrorNotAnEmptyObject) {
  auto worker = SignIn("worker");
  for (const char* value : {"not json", "[]"}) {
    SCOPED_TRACE(value);
    ASSERT_TRUE(app_->db().Execute(
        "INSERT INTO notifications (user_id, kind, params, created_at) VALUES (?, ?, ?, ?)",
        {UserId("worker"), std::string("cases.approval_requested"), std::string(value),
         clock_.Now()}));
    ExpectCorrupt(worker->Get("/api/v1/notifications"));
    ASSERT_TRUE(
        app_->db().Execute("DELETE FROM notifications WHERE user_id = ?", {UserId("worker")}));
    EXPECT_EQ(worker->Get("/api/v1/notifications").status, 200);
  }
}

JIELI_INSTANTIATE_API_TEST(StoredDataApiTest);

}  // namespace
}  // namespace jieli::test
