// Clients (服务对象档案) over HTTP: validation in both languages, identifiers
// encrypted at rest and masked everywhere, audited reveal, duplicates, scope,
// import (CSV and .xlsx) and export.
#include <algorithm>
#include <iostream>

#include "api_fixture.hpp"
#include "core/id_number.hpp"
#include "modules/auth/actor.hpp"
#include "modules/clients/client_demo.hpp"
#include "modules/clients/xlsx_reader.hpp"
#include "modules/clients/xlsx_writer.hpp"

namespace jieli::test {
namespace {

using nlohmann::json;

constexpr const char* kIdNumber = "110105199003071239";
constexpr const char* kPhone = "13912345678";
constexpr const char* kCsvType = "text/csv; charset=utf-8";
constexpr const char* kXlsxType =
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

class ClientsApiTest : public ApiTest {
 protected:
  std::int64_t Casework() { return OrgId("个案服务部"); }

  json NewClient(const std::string& name = "周秀兰") {
    return {
        {"org_id", Casework()},
        {"name", name},
        {"gender", "female"},
        {"birth_date", "1990-03-07"},
        {"id_number", kIdNumber},
        {"phone", kPhone},
        {"address", "东湖区东亭路 1 号"},
        {"categories", {"women", "low_income"}},
        {"household", {{{"name", "周大山"}, {"relation", "父亲"}, {"contact", "13800001111"}}}},
        {"consents", {{{"kind", "service"}, {"scope", "个案服务"}, {"given_on", "2026-11-01"}}}},
        {"risk_flags", {"独居"}},
        {"notes", "测试"}};
  }

  std::int64_t CreateClient(TestClient& client, const json& body) {
    TestResponse created = client.Post("/api/v1/clients", body.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    auto parsed = created.Json();
    return parsed.is_object() && parsed.contains("id") ? parsed["id"].get<std::int64_t>() : 0;
  }

  std::int64_t AuditCount(const std::string& action) {
    auto row = app_->db().QueryOne("SELECT COUNT(*) FROM audit_log WHERE action = ?", {action});
    EXPECT_TRUE(row && *row);
    return row && *row ? (*row)->Int(0) : -1;
  }

  // A user with one role in one organisation, signed in.
  std::unique_ptr<TestClient> SignInNewUser(const std::string& username, const std::string& role,
                                            std::int64_t org_id) {
    auto admin = SignIn("admin");
    json user = {{"username", username},
                 {"display_name", "新用户"},
                 {"password", kDemoPassword},
                 {"memberships", {{{"org_id", org_id}, {"role", role}}}}};
    TestResponse created = admin->Post("/api/v1/users", user.dump());
    EXPECT_EQ(created.status, 201) << created.body;
    return SignIn(username);
  }
};

std::string UrlEncode(const std::string& text) {
  constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::set<std::string> IssueFields(const json& error) {
  std::set<std::string> fields;
  for (const auto& d : error["error"]["details"]) fields.insert(d["field"].get<std::string>());
  return fields;
}

std::string MessageOf(const json& error, const std::string& field) {
  for (const auto& d : error["error"]["details"]) {
    if (d["field"] == field) return d["message"].get<std::string>();
  }
  return "";
}

TEST_P(ClientsApiTest, TheDemoCityHasClientsInBothAgencies) {
  EXPECT_EQ(Count("clients"), 300);
  auto leader = SignIn("leader");
  EXPECT_EQ(leader->Get("/api/v1/clients").Json()["total"], 250);
  auto worker_b = SignIn("worker_b");
  EXPECT_EQ(worker_b->Get("/api/v1/clients").Json()["total"], 50);
  // Every demo ID number is valid, and categories fit ages.
  auto rows = app_->db().Query("SELECT id_number_enc FROM clients");
  ASSERT_TRUE(rows);
  for (const auto& row : *rows) {
    auto clear = app_->services().cipher.Decrypt(row.Bytes(0));
    ASSERT_TRUE(clear);
    EXPECT_TRUE(IsValidIdNumber(*clear)) << *clear;
  }
  TestResponse elderly = leader->Get("/api/v1/clients?category=elderly&page_size=200");
  ASSERT_EQ(elderly.status, 200);
  EXPECT_GT(elderly.Json()["total"].get<int>(), 20);
  for (const auto& c : elderly.Json()["items"]) {
    EXPECT_LE(c["birth_date"].get<std::string>(), "1966-11-25") << c["name"];
  }
}

TEST_P(ClientsApiTest, FieldErrorsComeInTheCallersLanguage) {
  auto worker = SignIn("worker");
  std::int64_t before = Count("clients");
  json bad = NewClient();
  bad["name"] = "  ";
  bad["id_number"] = "110105199003071238";  // wrong check digit
  bad["phone"] = "12345";
  bad["categories"] = {"women", "martian"};
  TestResponse zh = worker->Post("/api/v1/clients", bad.dump());
  ASSERT_EQ(zh.status, 400) << zh.body;
  EXPECT_EQ(zh.Json()["error"]["code"], "validation.failed");
  EXPECT_TRUE(IssueFields(zh.Json()).contains("name"));
  EXPECT_TRUE(IssueFields(zh.Json()).contains("categories[1]"));
  // JSON shape problems first; then the domain rules.
  bad["categories"] = {"women"};
  bad["name"] = "周秀兰";
  zh = worker->Post("/api/v1/clients", bad.dump());
  ASSERT_EQ(zh.status, 400) << zh.body;
  EXPECT_EQ(IssueFields(zh.Json()), (std::set<std::string>{"id_number", "phone"}));
  EXPECT_NE(MessageOf(zh.Json(), "id_number").find("身份证号无效"), std::string::npos);
  TestResponse en = worker->Post("/api/v1/clients", bad.dump(), {{"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 400);
  EXPECT_NE(MessageOf(en.Json(), "id_number").find("Invalid ID number"), std::string::npos);
  EXPECT_NE(MessageOf(en.Json(), "phone").find("Invalid phone"), std::string::npos);
  // The birth date must agree with the ID number.
  json mismatch = NewClient();
  mismatch["birth_date"] = "1990-03-08";
  TestResponse differs = worker->Post("/api/v1/clients", mismatch.dump());
  ASSERT_EQ(differs.status, 400);
  EXPECT_NE(MessageOf(differs.Json(), "birth_date").find("1990-03-07"), std::string::npos);
  EXPECT_EQ(Count("clients"), before);
  EXPECT_EQ(AuditCount("clients.create"), 0);
}

TEST_P(ClientsApiTest, IdentifiersAreEncryptedAtRestAndMaskedInListDetailAndExport) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  ASSERT_GT(id, 0);
  auto row = app_->db().QueryOne(
      "SELECT id_number_enc, id_number_index, phone_enc, phone_index FROM clients WHERE id = ?",
      {id});
  ASSERT_TRUE(row && *row);
  std::string stored_id = (*row)->Bytes(0);
  EXPECT_EQ(stored_id.find(kIdNumber), std::string::npos);
  EXPECT_EQ((*row)->Bytes(2).find(kPhone), std::string::npos);
  const auto& cipher = app_->services().cipher;
  EXPECT_EQ((*row)->Text(1), cipher.BlindIndex(kIdNumber));
  EXPECT_EQ((*row)->Text(3), cipher.BlindIndex(kPhone));
  EXPECT_EQ(*cipher.Decrypt(stored_id), kIdNumber);

  json detail = worker->Get("/api/v1/clients/" + std::to_string(id)).Json();
  EXPECT_EQ(detail["id_number"], "110***********1239");
  EXPECT_EQ(detail["phone"], "139****5678");
  EXPECT_EQ(detail["categories"], json({"women", "low_income"}));
  EXPECT_EQ(detail["household"][0]["relation"], "父亲");
  EXPECT_EQ(detail["consents"][0]["given_on"], "2026-11-01");
  EXPECT_EQ(detail["has_risk"], true);

  TestResponse list = worker->Get("/api/v1/clients?q=" + UrlEncode("周秀兰"));
  ASSERT_EQ(list.status, 200);
  ASSERT_EQ(list.Json()["total"], 1);
  EXPECT_EQ(list.Json()["items"][0]["id_number"], "110***********1239");
  EXPECT_EQ(list.body.find(kIdNumber), std::string::npos);
  EXPECT_EQ(list.body.find(kPhone), std::string::npos);
  // Filters.
  EXPECT_EQ(
      worker->Get("/api/v1/clients?q=" + UrlEncode("周秀兰") + "&category=elderly").Json()["total"],
      0);
  EXPECT_EQ(worker->Get("/api/v1/clients?q=" + UrlEncode("周秀兰") + "&gender=female&has_risk=true")
                .Json()["total"],
            1);
  EXPECT_EQ(worker->Get("/api/v1/clients?category=martian").status, 400);
  EXPECT_EQ(worker->Get("/api/v1/clients?sort=password").status, 400);
  EXPECT_EQ(worker->Get("/api/v1/clients?sort=birth_date").status, 200);

  TestResponse exported = worker->Get("/api/v1/clients/export?q=" + UrlEncode("周秀兰"));
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_EQ(exported.Header("Content-Type"), kXlsxType);
  EXPECT_NE(exported.Header("Content-Disposition").find("filename*=UTF-8''%E6%9C%8D%E5%8A%A1"),
            std::string::npos);
  auto table = clients::ReadXlsx(exported.body);
  ASSERT_TRUE(table);
  ASSERT_EQ(table->size(), 2u);
  EXPECT_EQ((*table)[0][1].text, "姓名");
  EXPECT_EQ((*table)[1][1].text, "周秀兰");
  EXPECT_EQ((*table)[1][4].text, "110***********1239");
  EXPECT_EQ((*table)[1][5].text, "139****5678");
  EXPECT_EQ(exported.body.find(kIdNumber), std::string::npos);
}

TEST_P(ClientsApiTest, RevealIsAuditedAndOnlyForRolesThatMayReveal) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  std::string path = "/api/v1/clients/" + std::to_string(id) + "/reveal";

  auto op = SignInNewUser("operator1", "operator", Casework());
  EXPECT_EQ(op->Get("/api/v1/clients/" + std::to_string(id)).status, 200);  // may read, masked
  TestResponse refused = op->Post(path, "");
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(AuditCount("clients.reveal"), 0);

  TestResponse revealed = worker->Post(path, "");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["id_number"], kIdNumber);
  EXPECT_EQ(revealed.Json()["phone"], kPhone);
  auto entry = app_->db().QueryOne(
      "SELECT actor_id, entity_type, entity_id, changes FROM audit_log WHERE action = ?",
      {std::string("clients.reveal")});
  ASSERT_TRUE(entry && *entry);
  EXPECT_EQ((*entry)->Int(0), UserId("worker"));
  EXPECT_EQ((*entry)->Text(1), "client");
  EXPECT_EQ((*entry)->Text(2), std::to_string(id));
  EXPECT_EQ(json::parse((*entry)->Text(3)),
            json::parse(R"({"read":["id_number","phone","household.contact"]})"));
  EXPECT_EQ(AuditCount("clients.reveal"), 1);
  // The create entry never holds the identifiers in clear.
  auto created = app_->db().QueryOne("SELECT changes FROM audit_log WHERE action = ?",
                                     {std::string("clients.create")});
  ASSERT_TRUE(created && *created);
  EXPECT_EQ((*created)->Text(0).find(kIdNumber), std::string::npos);
}

TEST_P(ClientsApiTest, DuplicatesAreCaughtOnEntry) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  std::int64_t before = Count("clients");

  // The same ID number (with a lower-case x or blanks it would be the same too).
  json same_id = NewClient("另一个人");
  same_id["phone"] = "13700000000";
  TestResponse duplicate = worker->Post("/api/v1/clients", same_id.dump());
  ASSERT_EQ(duplicate.status, 409) << duplicate.body;
  EXPECT_EQ(duplicate.Json()["error"]["code"], "clients.duplicate_id_number");
  EXPECT_NE(duplicate.Json()["error"]["message"].get<std::string>().find(std::to_string(id)),
            std::string::npos);
  EXPECT_EQ(duplicate.Json()["error"]["details"][0]["field"], "id_number");
  // confirm_not_duplicate does not override a repeated ID number.
  same_id["confirm_not_duplicate"] = true;
  EXPECT_EQ(worker->Post("/api/v1/clients", same_id.dump()).status, 409);

  // A name one character apart with the same phone: a warning with the candidates.
  json similar = NewClient("周秀英");
  similar.erase("id_number");
  similar.erase("birth_date");
  TestResponse warned = worker->Post("/api/v1/clients", similar.dump());
  ASSERT_EQ(warned.status, 409) << warned.body;
  json error = warned.Json()["error"];
  EXPECT_EQ(error["code"], "clients.possible_duplicate");
  ASSERT_EQ(error["details"].size(), 1u);
  EXPECT_EQ(error["details"][0]["field"], "candidates");
  EXPECT_EQ(error["details"][0]["code"], "candidate");
  std::string candidate = error["details"][0]["message"];
  EXPECT_NE(candidate.find(std::to_string(id)), std::string::npos);
  EXPECT_NE(candidate.find("周**"), std::string::npos);
  EXPECT_NE(candidate.find("139****5678"), std::string::npos);
  // The same facts as data, for a client that links to the candidate.
  EXPECT_EQ(error["details"][0]["params"]["id"], std::to_string(id));
  EXPECT_EQ(error["details"][0]["params"]["name"], "周**");
  EXPECT_EQ(Count("clients"), before);

  // A different name with the same phone is fine; so is the override.
  json other = similar;
  other["name"] = "欧阳明";
  EXPECT_EQ(worker->Post("/api/v1/clients", other.dump()).status, 201);
  similar["confirm_not_duplicate"] = true;
  EXPECT_EQ(worker->Post("/api/v1/clients", similar.dump()).status, 201);
  EXPECT_EQ(Count("clients"), before + 2);
}

TEST_P(ClientsApiTest, UpdatesArePartialAndAudited) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  std::string path = "/api/v1/clients/" + std::to_string(id);
  TestResponse patched = worker->Patch(path, json{{"address", "东湖区东亭路 2 号"},
                                                  {"categories", {"women", "disabled"}},
                                                  {"disability_level", 2},
                                                  {"phone", "027-87651234"}}
                                                 .dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  json client = patched.Json();
  EXPECT_EQ(client["name"], "周秀兰");
  EXPECT_EQ(client["address"], "东湖区东亭路 2 号");
  EXPECT_EQ(client["disability_level"], 2);
  EXPECT_EQ(client["id_number"], "110***********1239");
  EXPECT_EQ(client["phone"], "027-****1234");
  auto entry = app_->db().QueryOne("SELECT changes FROM audit_log WHERE action = ?",
                                   {std::string("clients.update")});
  ASSERT_TRUE(entry && *entry);
  json changes = json::parse((*entry)->Text(0));
  // Sensitive values only as keyed digests (and masks): enough to prove the change.
  const auto& cipher = app_->services().cipher;
  EXPECT_EQ(changes["address"]["before_hash"], cipher.AuditDigest("address", "东湖区东亭路 1 号"));
  EXPECT_EQ(changes["address"]["after_hash"], cipher.AuditDigest("address", "东湖区东亭路 2 号"));
  EXPECT_FALSE(changes["address"].contains("before"));
  EXPECT_EQ(changes["phone"]["before"], "139****5678");
  EXPECT_EQ(changes["phone"]["after"], "027-****1234");
  EXPECT_EQ(changes["phone"]["after_hash"], cipher.AuditDigest("phone", "027-87651234"));
  EXPECT_TRUE(changes.contains("disability_level"));
  EXPECT_FALSE(changes.contains("name"));
  EXPECT_FALSE(changes.contains("household"));
  EXPECT_EQ((*entry)->Text(0).find("87651234"), std::string::npos);
  EXPECT_EQ((*entry)->Text(0).find("东亭路"), std::string::npos);
  // Category filter follows the update.
  EXPECT_EQ(
      worker->Get("/api/v1/clients?category=disabled&q=" + UrlEncode("周秀兰")).Json()["total"], 1);
  // An invalid patch changes nothing.
  TestResponse invalid = worker->Patch(path, json{{"id_number", "123"}, {"address", "X"}}.dump());
  EXPECT_EQ(invalid.status, 400);
  EXPECT_EQ(worker->Get(path).Json()["address"], "东湖区东亭路 2 号");
  EXPECT_EQ(worker->Patch("/api/v1/clients/99999999", json{{"notes", "x"}}.dump()).status, 404);
}

TEST_P(ClientsApiTest, HouseholdContactsAreEncryptedMaskedAndRevealedOnlyWhenAudited) {
  auto worker = SignIn("worker");
  const std::string contact = "13800001111";  // NewClient's 周大山
  std::int64_t id = CreateClient(*worker, NewClient());
  ASSERT_GT(id, 0);
  std::string path = "/api/v1/clients/" + std::to_string(id);

  // At rest: neither the contact nor the members in the clear column or the encrypted one.
  auto row = app_->db().QueryOne("SELECT household, household_enc FROM clients WHERE id = ?", {id});
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->Text(0), "[]");
  ASSERT_FALSE((*row)->IsNull(1));
  EXPECT_EQ((*row)->Bytes(1).find(contact), std::string::npos);
  EXPECT_EQ((*row)->Bytes(1).find("周大山"), std::string::npos);
  auto clear = app_->services().cipher.Decrypt((*row)->Bytes(1));
  ASSERT_TRUE(clear);
  EXPECT_NE(clear->find(contact), std::string::npos);

  // Masked in the detail, the list and the export; never audited in clear.
  TestResponse detail = worker->Get(path);
  ASSERT_EQ(detail.status, 200);
  EXPECT_EQ(detail.Json()["household"][0]["name"], "周大山");
  EXPECT_EQ(detail.Json()["household"][0]["contact"], "138****1111");
  EXPECT_EQ(detail.body.find(contact), std::string::npos);
  TestResponse list = worker->Get("/api/v1/clients?page_size=200");
  ASSERT_EQ(list.status, 200);
  EXPECT_EQ(list.body.find(contact), std::string::npos);
  EXPECT_NE(list.body.find("138****1111"), std::string::npos);
  TestResponse exported = worker->Get("/api/v1/clients/export");
  ASSERT_EQ(exported.status, 200);
  auto table = clients::ReadXlsx(exported.body);
  ASSERT_TRUE(table);
  for (const auto& cells : *table) {
    for (const auto& cell : cells) EXPECT_EQ(cell.text.find(contact), std::string::npos);
  }
  auto audited = app_->db().Query("SELECT changes FROM audit_log");
  ASSERT_TRUE(audited);
  for (const auto& entry : *audited) EXPECT_EQ(entry.Text(0).find(contact), std::string::npos);

  // In clear only through the reveal, which is audited.
  EXPECT_EQ(AuditCount("clients.reveal"), 0);
  TestResponse revealed = worker->Post(path + "/reveal", "");
  ASSERT_EQ(revealed.status, 200) << revealed.body;
  EXPECT_EQ(revealed.Json()["household"][0]["contact"], contact);
  EXPECT_EQ(revealed.Json()["household"][0]["name"], "周大山");
  EXPECT_EQ(AuditCount("clients.reveal"), 1);
  auto op = SignInNewUser("operator2", "operator", Casework());
  EXPECT_EQ(op->Post(path + "/reveal", "").status, 403);
  EXPECT_EQ(op->Get(path).body.find(contact), std::string::npos);
  EXPECT_EQ(AuditCount("clients.reveal"), 1);
}

TEST_P(ClientsApiTest, AHouseholdSentBackMaskedKeepsTheRealContacts) {
  auto worker = SignIn("worker");
  json body = NewClient();
  body["household"].push_back(
      {{"name", "周小河"}, {"relation", "兄弟"}, {"contact", "13800002222"}});
  std::int64_t id = CreateClient(*worker, body);
  std::string path = "/api/v1/clients/" + std::to_string(id);
  // As the web app's edit dialog does: the household as shown, one member removed, one added.
  json household = worker->Get(path).Json()["household"];
  ASSERT_EQ(household.size(), 2u);
  household.erase(0);
  household.push_back({{"name", "周新"}, {"relation", "女儿"}, {"contact", "13600003333"}});
  TestResponse patched = worker->Patch(path, json{{"household", household}}.dump());
  ASSERT_EQ(patched.status, 200) << patched.body;
  EXPECT_EQ(patched.Json()["household"][0]["contact"], "138****2222");
  TestResponse revealed = worker->Post(path + "/reveal", "");
  ASSERT_EQ(revealed.status, 200);
  EXPECT_EQ(revealed.Json()["household"],
            json::parse(R"([{"name":"周小河","relation":"兄弟","contact":"13800002222"},
                            {"name":"周新","relation":"女儿","contact":"13600003333"}])"));
  // Sending the masked household back unchanged changes nothing, and is not audited.
  std::int64_t updates = AuditCount("clients.update");
  json shown = worker->Get(path).Json()["household"];
  ASSERT_EQ(worker->Patch(path, json{{"household", shown}}.dump()).status, 200);
  EXPECT_EQ(AuditCount("clients.update"), updates);
  EXPECT_EQ(worker->Post(path + "/reveal", "").Json()["household"][0]["contact"], "13800002222");
}

TEST_P(ClientsApiTest, HouseholdsStoredInClearAreEncryptedAtStartUp) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  // A row as written before migration 15.
  ASSERT_TRUE(app_->db().Execute(
      "UPDATE clients SET household = ?, household_enc = NULL WHERE id = ?",
      {std::string(R"([{"name":"周大山","relation":"父亲","contact":"13800004444"}])"), id}));
  std::string path = "/api/v1/clients/" + std::to_string(id);
  EXPECT_EQ(worker->Get(path).Json()["household"][0]["contact"], "138****4444");  // read either way
  auto encrypted = app_->services().clients.EncryptStoredHouseholds();
  ASSERT_TRUE(encrypted) << encrypted.error().code();
  EXPECT_EQ(*encrypted, 1);
  auto row = app_->db().QueryOne("SELECT household, household_enc FROM clients WHERE id = ?", {id});
  ASSERT_TRUE(row && *row);
  EXPECT_EQ((*row)->Text(0), "[]");
  EXPECT_EQ((*row)->Bytes(1).find("13800004444"), std::string::npos);
  EXPECT_EQ(worker->Post(path + "/reveal", "").Json()["household"][0]["contact"], "13800004444");
  // Once done, again is nothing; no clear household is left anywhere.
  auto again = app_->services().clients.EncryptStoredHouseholds();
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, 0);
  EXPECT_EQ(Count("clients WHERE household <> '[]'"), 0);
}

TEST_P(ClientsApiTest, UnknownFieldsAreRefusedAndNothingIsWritten) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  std::string path = "/api/v1/clients/" + std::to_string(id);
  std::int64_t clients = Count("clients");
  std::int64_t audited = Count("audit_log");
  const std::int64_t other_org = OrgId("西山区启航社会工作服务社");
  for (const json& extra :
       {json{{"id", 999}}, json{{"created_by", UserId("admin")}}, json{{"nickname", "x"}}}) {
    json body = NewClient("吴" + std::to_string(clients));
    body.update(extra);
    TestResponse created = worker->Post("/api/v1/clients", body.dump());
    ASSERT_EQ(created.status, 400) << created.body;
    EXPECT_EQ(IssueFields(created.Json()), std::set<std::string>{extra.begin().key()});
    EXPECT_EQ(created.Json()["error"]["details"][0]["code"], "unknown");
  }
  for (const json& extra : {json{{"id", 999}}, json{{"created_by", UserId("admin")}},
                            json{{"org_id", other_org}}, json{{"nickname", "x"}}}) {
    json body = {{"notes", "改过"}};
    body.update(extra);
    TestResponse patched = worker->Patch(path, body.dump());
    ASSERT_EQ(patched.status, 400) << patched.body;
    EXPECT_EQ(IssueFields(patched.Json()), std::set<std::string>{extra.begin().key()});
  }
  // In a household member or a consent too.
  TestResponse nested =
      worker->Patch(path, json{{"household", {{{"name", "甲"}, {"phone", "13800000000"}}}}}.dump());
  ASSERT_EQ(nested.status, 400);
  EXPECT_EQ(IssueFields(nested.Json()), std::set<std::string>{"household[0].phone"});
  EXPECT_EQ(Count("clients"), clients);
  EXPECT_EQ(Count("audit_log"), audited);
  EXPECT_EQ(worker->Get(path).Json()["notes"], "测试");
}

TEST_P(ClientsApiTest, AnotherAgencySeesNothingOfTheFirst) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  std::string path = "/api/v1/clients/" + std::to_string(id);
  auto worker_b = SignIn("worker_b");
  TestResponse get = worker_b->Get(path);
  EXPECT_EQ(get.status, 404);
  EXPECT_EQ(get.Json()["error"]["code"], "clients.not_found");
  EXPECT_EQ(worker_b->Patch(path, json{{"notes", "改"}}.dump()).status, 404);
  EXPECT_EQ(worker_b->Post(path + "/reveal", "").status, 404);
  EXPECT_EQ(AuditCount("clients.reveal"), 0);
  EXPECT_EQ(worker->Get(path).Json()["notes"], "测试");

  std::int64_t qihang = OrgId("西山区启航社会工作服务社");
  TestResponse list = worker_b->Get("/api/v1/clients?page_size=200");
  ASSERT_EQ(list.status, 200);
  for (const auto& c : list.Json()["items"]) EXPECT_EQ(c["org_id"], qihang);
  EXPECT_EQ(worker_b->Get("/api/v1/clients?org_id=" + std::to_string(Casework())).Json()["total"],
            0);
  // Creating in, or importing into, an organisation outside the scope is "not found".
  EXPECT_EQ(worker_b->Post("/api/v1/clients", NewClient("新人").dump()).status, 404);
  TestResponse exported = worker_b->Get("/api/v1/clients/export");
  ASSERT_EQ(exported.status, 200);
  auto table = clients::ReadXlsx(exported.body);
  ASSERT_TRUE(table);
  EXPECT_EQ(table->size(), 51u);  // the header and the 50 demo clients of 启航
  for (std::size_t r = 1; r < table->size(); ++r) {
    EXPECT_EQ((*table)[r][10].text, std::to_string(qihang));
  }

  // The summary other modules use follows the same scope.
  auth::Actor actor_b(app_->db(), UserId("worker_b"), "worker_b", "赵丽",
                      {{qihang, orgs::Role::kWorker}});
  auto summary = app_->services().clients.GetSummary(actor_b, id);
  ASSERT_FALSE(summary);
  EXPECT_EQ(summary.error().code(), "clients.not_found");
  auth::Actor actor_a(app_->db(), UserId("worker"), "worker", "王芳",
                      {{Casework(), orgs::Role::kWorker}});
  auto mine = app_->services().clients.GetSummary(actor_a, id);
  ASSERT_TRUE(mine);
  EXPECT_EQ(mine->name, "周秀兰");
  EXPECT_EQ(mine->phone, "139****5678");
  EXPECT_EQ(mine->birth_date, "1990-03-07");
}

TEST_P(ClientsApiTest, TheSearchFindsAClientByIdNumberOrPhoneExactlyAndInScope) {
  auto worker = SignIn("worker");
  std::int64_t id = CreateClient(*worker, NewClient());
  auto ids_of = [](const TestResponse& r) {
    std::vector<std::int64_t> ids;
    EXPECT_EQ(r.status, 200) << r.body;
    json body = r.Json();
    for (const auto& c : body["items"]) ids.push_back(c["id"].get<std::int64_t>());
    return ids;
  };
  std::vector<std::int64_t> only = {id};
  EXPECT_EQ(ids_of(worker->Get(std::string("/api/v1/clients?q=") + kIdNumber)), only);
  // A lower-case check letter, spaces around and in a phone are what people type.
  EXPECT_EQ(ids_of(worker->Get("/api/v1/clients?q=" + UrlEncode(" 13912345678 "))), only);
  EXPECT_EQ(ids_of(worker->Get("/api/v1/clients?q=" + UrlEncode("139 1234 5678"))), only);
  // Exact only: a part of either finds nobody, and the name still finds by a part.
  EXPECT_TRUE(ids_of(worker->Get("/api/v1/clients?q=1391234567")).empty());
  EXPECT_TRUE(ids_of(worker->Get("/api/v1/clients?q=110105199003071")).empty());
  auto by_name = ids_of(worker->Get("/api/v1/clients?q=" + UrlEncode("周秀兰")));
  EXPECT_TRUE(std::find(by_name.begin(), by_name.end(), id) != by_name.end());
  // A demo client with an X check letter, found typed in lower case.
  auto rows =
      app_->db().Query("SELECT id, id_number_enc FROM clients WHERE org_id = ?", {Casework()});
  ASSERT_TRUE(rows);
  for (const auto& row : *rows) {
    auto clear = app_->services().cipher.Decrypt(row.Bytes(1));
    ASSERT_TRUE(clear);
    if (clear->back() != 'X') continue;
    std::string lower = clear->substr(0, 17) + "x";
    EXPECT_EQ(ids_of(worker->Get("/api/v1/clients?q=" + lower)),
              std::vector<std::int64_t>{row.Int(0)});
    break;
  }
  // Another agency's worker finds nothing by the same numbers.
  auto worker_b = SignIn("worker_b");
  EXPECT_TRUE(ids_of(worker_b->Get(std::string("/api/v1/clients?q=") + kIdNumber)).empty());
  EXPECT_TRUE(ids_of(worker_b->Get(std::string("/api/v1/clients?q=") + kPhone)).empty());
}

constexpr const char* kBadCsv =
    "姓名,性别,出生日期,身份证号,手机号,地址,类别,备注\r\n"
    "吴桂英,女,1985-06-15,110105198506152247,13600001111,东亭路 3 号,妇女、低保,\r\n"
    ",男,1970-08-08,110105197008084567,12345,,外星人,\r\n"
    "郑小明,男,2010-01-01,110105201001013457,,,儿童,\"说 \"\"你好\"\"\"\r\n";

constexpr const char* kGoodCsv =
    "\xEF\xBB\xBF"
    "姓名,性别,出生日期,身份证号,手机号,地址,类别,备注\r\n"
    "吴桂英,女,1985-06-15,110105198506152247,13600001111,东亭路 3 号,妇女、低保,\r\n"
    "司马建国,男,1970-08-08,110105197008084566,027-87650000,,残疾人2级,\r\n"
    "郑小明,男,2010-01-01,110105201001013457,,,儿童,\"说 \"\"你好\"\"\"\r\n";

TEST_P(ClientsApiTest, ImportPreviewReportsEveryRowInTheCallersLanguage) {
  auto worker = SignIn("worker");
  std::string org = std::to_string(Casework());
  TestResponse zh = worker->Post("/api/v1/clients/import/preview?org_id=" + org, kBadCsv,
                                 {{"Content-Type", kCsvType}});
  ASSERT_EQ(zh.status, 200) << zh.body;
  json preview = zh.Json();
  EXPECT_EQ(preview["total"], 3);
  EXPECT_EQ(preview["valid"], 2);
  EXPECT_EQ(preview["invalid"], 1);
  json bad = preview["rows"][1];
  EXPECT_EQ(bad["row"], 3);
  std::map<std::string, std::string> messages;
  for (const auto& e : bad["errors"]) messages[e["column"]] = e["message"];
  EXPECT_TRUE(messages.contains("name"));
  EXPECT_TRUE(messages.contains("id_number"));
  EXPECT_TRUE(messages.contains("phone"));
  EXPECT_NE(messages["categories"].find("外星人"), std::string::npos);
  EXPECT_NE(messages["id_number"].find("身份证号无效"), std::string::npos);
  EXPECT_EQ(preview["rows"][2]["values"]["notes"], "说 \"你好\"");

  TestResponse en = worker->Post("/api/v1/clients/import/preview?org_id=" + org, kBadCsv,
                                 {{"Content-Type", kCsvType}, {"Accept-Language", "en"}});
  ASSERT_EQ(en.status, 200);
  for (const auto& e : en.Json()["rows"][1]["errors"]) {
    if (e["column"] == "id_number") {
      EXPECT_NE(e["message"].get<std::string>().find("Invalid ID number"), std::string::npos);
    }
  }
  EXPECT_EQ(Count("clients"), 300);  // a preview imports nothing

  // Without the org, outside the scope, in an unreadable encoding: refused.
  EXPECT_EQ(
      worker->Post("/api/v1/clients/import/preview", kBadCsv, {{"Content-Type", kCsvType}}).status,
      400);
  EXPECT_EQ(SignIn("worker_b")
                ->Post("/api/v1/clients/import/preview?org_id=" + org, kBadCsv,
                       {{"Content-Type", kCsvType}})
                .status,
            404);
  TestResponse encoding = worker->Post("/api/v1/clients/import/preview?org_id=" + org,
                                       "\xFF\xFE\xFF\xFF", {{"Content-Type", "text/csv"}});
  EXPECT_EQ(encoding.status, 400);
  EXPECT_EQ(encoding.Json()["error"]["code"], "clients.import_encoding");
  // A GBK file (what Chinese Excel saves) is converted: 姓名 / 王芳.
  TestResponse gbk =
      worker->Post("/api/v1/clients/import/preview?org_id=" + org,
                   "\xD0\xD5\xC3\xFB\r\n\xCD\xF5\xB7\xBC\r\n", {{"Content-Type", "text/csv"}});
  ASSERT_EQ(gbk.status, 200) << gbk.body;
  EXPECT_EQ(gbk.Json()["rows"][0]["values"]["name"], "王芳");
}

TEST_P(ClientsApiTest, CommitImportsEverythingOrNothing) {
  auto worker = SignIn("worker");
  std::string org = std::to_string(Casework());
  std::string commit = "/api/v1/clients/import/commit?org_id=" + org;
  TestResponse refused = worker->Post(commit, kBadCsv, {{"Content-Type", kCsvType}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["code"], "clients.import_has_errors");
  EXPECT_TRUE(IssueFields(refused.Json()).contains("rows[3].id_number"));
  EXPECT_EQ(Count("clients"), 300);
  EXPECT_EQ(AuditCount("clients.import"), 5);  // the demo's, one per organisation

  TestResponse imported = worker->Post(commit, kGoodCsv, {{"Content-Type", kCsvType}});
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.Json()["imported"], 3);
  EXPECT_EQ(Count("clients"), 303);
  EXPECT_EQ(AuditCount("clients.import"), 6);
  json list = worker->Get("/api/v1/clients?q=" + UrlEncode("司马建国")).Json();
  ASSERT_EQ(list["total"], 1);
  EXPECT_EQ(list["items"][0]["disability_level"], 2);
  EXPECT_EQ(list["items"][0]["phone"], "027-****0000");

  // The same file again: every row is now a duplicate of a registered client.
  TestResponse again = worker->Post(commit, kGoodCsv, {{"Content-Type", kCsvType}});
  ASSERT_EQ(again.status, 400);
  EXPECT_EQ(again.Json()["error"]["details"][0]["code"], "duplicate_id_number");
  EXPECT_EQ(Count("clients"), 303);
}

TEST_P(ClientsApiTest, AnXlsxFileImportsLikeACsv) {
  using clients::XlsxCell;
  std::vector<std::vector<XlsxCell>> rows = {
      {"姓名", "性别", "出生日期", "身份证号", "手机号", "类别"},
      {"褚卫国", "男", 20404.0, "110105195511115674", 13600002222.0, "老年人"},  // 1955-11-11
      {"卫红", "女", "1992-12-12", 110105199212126785.0, "", "妇女"},
  };
  auto bytes = clients::WriteXlsx("Sheet1", rows);
  ASSERT_TRUE(bytes);
  auto worker = SignIn("worker");
  std::string org = std::to_string(Casework());
  TestResponse preview = worker->Post("/api/v1/clients/import/preview?org_id=" + org, *bytes,
                                      {{"Content-Type", kXlsxType}});
  ASSERT_EQ(preview.status, 200) << preview.body;
  json body = preview.Json();
  EXPECT_EQ(body["rows"][0]["values"]["birth_date"], "1955-11-11");
  EXPECT_TRUE(body["rows"][0]["errors"].empty()) << body["rows"][0]["errors"].dump();
  ASSERT_EQ(body["rows"][1]["errors"].size(), 1u);
  EXPECT_EQ(body["rows"][1]["errors"][0]["code"], "id_number_as_number");

  rows[2][3] = XlsxCell("110105199212126785");
  bytes = clients::WriteXlsx("Sheet1", rows);
  ASSERT_TRUE(bytes);
  // Sniffed by content even when sent as a generic type.
  TestResponse imported = worker->Post("/api/v1/clients/import/commit?org_id=" + org, *bytes,
                                       {{"Content-Type", "application/octet-stream"}});
  ASSERT_EQ(imported.status, 201) << imported.body;
  EXPECT_EQ(imported.Json()["imported"], 2);
  EXPECT_EQ(Count("clients"), 302);
}

TEST_P(ClientsApiTest, ExportNeutralisesFormulas) {
  auto worker = SignIn("worker");
  json evil = NewClient("=cmd()");
  evil["notes"] = "@SUM(A1:A9)";
  evil["address"] = "-1+1";
  CreateClient(*worker, evil);
  TestResponse exported = worker->Get("/api/v1/clients/export?q=" + UrlEncode("cmd"));
  ASSERT_EQ(exported.status, 200) << exported.body;
  auto table = clients::ReadXlsx(exported.body);
  ASSERT_TRUE(table);
  ASSERT_EQ(table->size(), 2u);
  EXPECT_EQ((*table)[1][1].text, "'=cmd()");
  EXPECT_EQ((*table)[1][6].text, "'-1+1");
  EXPECT_EQ((*table)[1][8].text, "'@SUM(A1:A9)");
  // The JSON API shows the data as entered.
  EXPECT_EQ(worker->Get("/api/v1/clients?q=" + UrlEncode("cmd")).Json()["items"][0]["name"],
            "=cmd()");
}

TEST_P(ClientsApiTest, DemoSeedingIsNotRepeatedAndRebuildsTheSameSet) {
  // Seeding again finds every demo ID number registered and imports nothing.
  auto again = clients::SeedDemoClients(app_->services());
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code(), "clients.import_has_errors");
  EXPECT_EQ(Count("clients"), 300);

  // On an empty table the same 300 come back. (Speed is measured, not asserted:
  // tests never depend on wall-clock time.)
  ASSERT_TRUE(app_->db().Execute("DELETE FROM client_categories"));
  ASSERT_TRUE(app_->db().Execute("DELETE FROM clients"));
  auto seeded = clients::SeedDemoClients(app_->services());
  ASSERT_TRUE(seeded) << seeded.error().code();
  EXPECT_EQ(Count("clients"), 300);
}

JIELI_INSTANTIATE_API_TEST(ClientsApiTest);

}  // namespace
}  // namespace jieli::test
