#include "http/openapi.hpp"

#include <set>

#include <gtest/gtest.h>

#include "http/api_schema.hpp"

namespace jieli::http {
namespace {

Response Ok(Request&) { return {}; }

Router MakeRouter() {
  Router router;
  router.Add("GET", "/healthz", Ok, {"Liveness probe", "system", false, "", ""});
  router.Add(
      "POST", "/api/v1/auth/login", Ok,
      {"Sign in", "auth", false,
       R"({"type":"object","required":["username","password"],"properties":{"username":{"type":"string"},"password":{"type":"string"}}})",
       R"({"type":"object"})"});
  router.Add("GET", "/api/v1/orgs/{id}", Ok,
             {.summary = "Get an organisation", .tag = "orgs", .permission = "orgs.read"});
  router.Add("PATCH", "/api/v1/orgs/{id}", Ok,
             {"Update an organisation", "orgs", true, "{not json", ""});
  router.Add("DELETE", "/api/v1/orgs/{org_id}/users/{user_id}/", Ok,
             {"Remove a user", "orgs", true, "", ""});
  std::vector<QueryParam> query = PageQuery("name, created_at");
  query.push_back({"active", "boolean"});
  router.Add("GET", "/api/v1/orgs", Ok,
             {.summary = "Organisations",
              .tag = "orgs",
              .response_schema = PageOf("Org"),
              .permission = "orgs.read",
              .query = query});
  router.Add("POST", "/api/v1/orgs/{id}/moves", Ok,
             {.summary = "Move, or ask to",
              .tag = "orgs",
              .response_schema = SchemaRef("Org"),
              .statuses = {200, 202}});
  router.Add("GET", "/api/v1/orgs/{id}/file", Ok,
             {.summary = "A file",
              .tag = "orgs",
              .response_schema = kBinarySchema,
              .response_types = {"application/pdf", "image/png"}});
  router.Add(
      "DELETE", "/api/v1/orgs/{id}/file", Ok,
      {.summary = "Remove the file", .tag = "orgs", .response_schema = "{}", .statuses = {204}});
  AddSharedSchemas(router);
  router.AddSchema("Org", R"({"type":"object","properties":{"id":{"type":"integer"}}})");
  router.AddSchema("Org",
                   R"({"type":"object","properties":{"id":{"type":"integer"}}})");  // again: no-op
  return router;
}

TEST(OpenApi, DocumentHeader) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1.2.3");
  EXPECT_EQ(doc["openapi"], "3.1.0");
  EXPECT_EQ(doc["info"]["version"], "1.2.3");
  EXPECT_TRUE(doc["info"]["title"].is_string());
}

TEST(OpenApi, EveryRouteIsPresentWithItsMethod) {
  Router router = MakeRouter();
  nlohmann::json doc = BuildOpenApi(router, "1");
  const nlohmann::json& paths = doc.at("paths");
  EXPECT_TRUE(paths.contains("/healthz"));
  EXPECT_TRUE(paths["/healthz"].contains("get"));
  EXPECT_TRUE(paths["/api/v1/auth/login"].contains("post"));
  EXPECT_TRUE(paths["/api/v1/orgs/{id}"].contains("get"));
  EXPECT_TRUE(paths["/api/v1/orgs/{id}"].contains("patch"));
  // Trailing slash dropped, as the router ignores it.
  EXPECT_TRUE(paths["/api/v1/orgs/{org_id}/users/{user_id}"].contains("delete"));
  std::size_t operations = 0;
  for (const auto& item : paths.items()) operations += item.value().size();
  EXPECT_EQ(operations, router.routes().size());

  std::set<std::string> ids;
  for (const auto& item : paths.items()) {
    for (const auto& op : item.value().items()) {
      EXPECT_TRUE(ids.insert(op.value().at("operationId").get<std::string>()).second);
    }
  }
}

TEST(OpenApi, PathParametersAreDeclared) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& op = doc["paths"]["/api/v1/orgs/{org_id}/users/{user_id}"]["delete"];
  ASSERT_TRUE(op.contains("parameters"));
  ASSERT_EQ(op["parameters"].size(), 2u);
  EXPECT_EQ(op["parameters"][0]["name"], "org_id");
  EXPECT_EQ(op["parameters"][0]["in"], "path");
  EXPECT_EQ(op["parameters"][0]["required"], true);
  EXPECT_EQ(op["parameters"][1]["name"], "user_id");
  EXPECT_FALSE(doc["paths"]["/healthz"]["get"].contains("parameters"));
}

TEST(OpenApi, QueryParametersAreDeclared) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& params = doc["paths"]["/api/v1/orgs"]["get"]["parameters"];
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(params[0]["name"], "page");
  EXPECT_EQ(params[0]["in"], "query");
  EXPECT_EQ(params[0]["required"], false);
  EXPECT_EQ(params[0]["schema"]["type"], "integer");
  EXPECT_EQ(params[2]["name"], "sort");
  EXPECT_NE(params[2]["description"].get<std::string>().find("name, created_at"),
            std::string::npos);
  EXPECT_EQ(params[3]["name"], "active");
  EXPECT_EQ(params[3]["schema"]["type"], "boolean");
  EXPECT_FALSE(params[3].contains("description"));
}

TEST(OpenApi, DocumentationFields) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& login = doc["paths"]["/api/v1/auth/login"]["post"];
  EXPECT_EQ(login["summary"], "Sign in");
  EXPECT_EQ(login["tags"], nlohmann::json::array({"auth"}));
  EXPECT_TRUE(login["security"].empty());  // public
  EXPECT_EQ(login["requestBody"]["content"]["application/json"]["schema"]["required"],
            nlohmann::json::array({"username", "password"}));
  EXPECT_EQ(login["responses"]["200"]["content"]["application/json"]["schema"]["type"], "object");
  EXPECT_EQ(login["responses"]["4XX"]["$ref"], "#/components/responses/Error");
  EXPECT_EQ(login["responses"]["5XX"]["$ref"], "#/components/responses/Error");
  EXPECT_EQ(login["responses"].size(), 3u);

  const nlohmann::json& get = doc["paths"]["/api/v1/orgs/{id}"]["get"];
  ASSERT_EQ(get["security"].size(), 2u);
  EXPECT_TRUE(get["security"][0].contains("cookieAuth"));
  EXPECT_TRUE(get["security"][1].contains("bearerAuth"));
  EXPECT_FALSE(get.contains("requestBody"));
  EXPECT_EQ(get["x-permission"], "orgs.read");
  EXPECT_FALSE(login.contains("x-permission"));  // public

  // A schema that does not parse degrades to a generic object.
  const nlohmann::json& patch = doc["paths"]["/api/v1/orgs/{id}"]["patch"];
  EXPECT_EQ(patch["requestBody"]["content"]["application/json"]["schema"],
            nlohmann::json({{"type", "object"}}));
}

TEST(OpenApi, SuccessStatusesAndMediaTypes) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& move = doc["paths"]["/api/v1/orgs/{id}/moves"]["post"]["responses"];
  EXPECT_EQ(move["200"]["content"]["application/json"]["schema"]["$ref"],
            "#/components/schemas/Org");
  EXPECT_EQ(move["202"]["content"], move["200"]["content"]);
  EXPECT_FALSE(move.contains("201"));

  const nlohmann::json& file = doc["paths"]["/api/v1/orgs/{id}/file"]["get"]["responses"]["200"];
  ASSERT_EQ(file["content"].size(), 2u);
  EXPECT_EQ(file["content"]["image/png"]["schema"]["format"], "binary");
  EXPECT_FALSE(file["content"].contains("application/json"));

  const nlohmann::json& removed = doc["paths"]["/api/v1/orgs/{id}/file"]["delete"]["responses"];
  EXPECT_TRUE(removed.contains("204"));
  EXPECT_FALSE(removed["204"].contains("content"));

  // Without a response schema, the success status is still declared (without content).
  const nlohmann::json& health = doc["paths"]["/healthz"]["get"]["responses"];
  EXPECT_TRUE(health.contains("200"));
  EXPECT_FALSE(health["200"].contains("content"));
}

TEST(OpenApi, PagesAndComponentSchemas) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& schemas = doc["components"]["schemas"];
  EXPECT_TRUE(schemas.contains("Org"));
  EXPECT_EQ(schemas["Page"]["required"], nlohmann::json::array({"total", "page", "page_size"}));
  EXPECT_EQ(schemas["Ok"]["required"], nlohmann::json::array({"ok"}));
  const nlohmann::json& list = doc["paths"]["/api/v1/orgs"]["get"]["responses"]["200"]["content"]
                                  ["application/json"]["schema"];
  ASSERT_EQ(list["allOf"].size(), 2u);
  EXPECT_EQ(list["allOf"][0]["$ref"], "#/components/schemas/Page");
  EXPECT_EQ(list["allOf"][1]["required"], nlohmann::json::array({"items"}));
  EXPECT_EQ(list["allOf"][1]["properties"]["items"]["items"]["$ref"], "#/components/schemas/Org");

  nlohmann::json worklist =
      nlohmann::json::parse(PageOf("Item", R"("overdue":{"type":"integer"})"));
  EXPECT_EQ(worklist["allOf"][1]["required"], nlohmann::json::array({"items", "overdue"}));
  EXPECT_EQ(nlohmann::json::parse(EnumSchema({"a", "b"}))["enum"],
            nlohmann::json::array({"a", "b"}));
  EXPECT_EQ(nlohmann::json::parse(CountsSchema({"x"}))["properties"]["x"]["type"], "integer");
  EXPECT_EQ(nlohmann::json::parse(ItemsOf("Org"))["properties"]["items"]["items"]["$ref"],
            "#/components/schemas/Org");
}

TEST(OpenApi, ComponentsDescribeErrorAndSecurity) {
  nlohmann::json doc = BuildOpenApi(MakeRouter(), "1");
  const nlohmann::json& error = doc["components"]["schemas"]["Error"];
  EXPECT_EQ(error["required"], nlohmann::json::array({"error"}));
  const nlohmann::json& inner = error["properties"]["error"];
  EXPECT_EQ(inner["required"], nlohmann::json::array({"code", "message", "details"}));
  EXPECT_EQ(inner["properties"]["details"]["type"], "array");
  EXPECT_EQ(inner["properties"]["details"]["items"]["properties"]["params"]["additionalProperties"]
                 ["type"],
            "string");
  EXPECT_EQ(
      doc["components"]["responses"]["Error"]["content"]["application/json"]["schema"]["$ref"],
      "#/components/schemas/Error");
  EXPECT_TRUE(doc["components"]["securitySchemes"].contains("cookieAuth"));
  EXPECT_EQ(doc["components"]["securitySchemes"]["bearerAuth"]["scheme"], "bearer");
}

TEST(OpenApi, EmptyRouter) {
  Router router;
  nlohmann::json doc = BuildOpenApi(router, "0");
  EXPECT_TRUE(doc["paths"].is_object());
  EXPECT_TRUE(doc["paths"].empty());
}

}  // namespace
}  // namespace jieli::http
