#include "http/json.hpp"

#include <functional>

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

Request JsonRequest(std::string body, std::string content_type = "application/json") {
  Request request;
  if (!content_type.empty()) request.headers["Content-Type"] = std::move(content_type);
  request.body = std::move(body);
  return request;
}

std::string ParseCode(const Request& request) {
  Result<Json> parsed = ParseJsonBody(request);
  return parsed ? "ok" : parsed.error().code();
}

// ---- ParseJsonBody --------------------------------------------------------------

TEST(ParseJsonBody, AcceptsAnObject) {
  Result<Json> parsed = ParseJsonBody(JsonRequest(R"({"name":"杭州","n":3})"));
  ASSERT_TRUE(parsed.ok());
  EXPECT_EQ((*parsed)["name"], "杭州");
  EXPECT_EQ((*parsed)["n"], 3);
}

TEST(ParseJsonBody, RejectsBadBodies) {
  struct Case {
    std::string name;
    std::string body;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"empty", "", "http.invalid_json"},
      {"blank", "   ", "http.invalid_json"},
      {"truncated", R"({"a":)", "http.invalid_json"},
      {"trailing garbage", R"({"a":1} x)", "http.invalid_json"},
      {"single quotes", "{'a':1}", "http.invalid_json"},
      {"invalid utf-8 in string", "{\"a\":\"\xC3\x28\"}", "http.invalid_json"},
      {"overlong utf-8", "{\"a\":\"\xC0\xAF\"}", "http.invalid_json"},
      {"utf-8 surrogate", "{\"a\":\"\xED\xA0\x80\"}", "http.invalid_json"},
      {"truncated utf-8", "{\"a\":\"\xE6\x9D\"}", "http.invalid_json"},
      {"lone surrogate escape", R"({"a":"\ud800"})", "http.invalid_json"},
      {"nul in a value", R"({"a":"x\u0000y"})", "http.nul_character"},
      {"nul in a nested key", R"({"a":[{"k\u0000":1}]})", "http.nul_character"},
      {"array", "[1,2]", "http.expected_object"},
      {"string", R"("text")", "http.expected_object"},
      {"number", "42", "http.expected_object"},
      {"null", "null", "http.expected_object"},
  };
  for (const Case& c : cases) {
    EXPECT_EQ(ParseCode(JsonRequest(c.body)), c.code) << c.name;
  }
}

TEST(ParseJsonBody, RejectsDeepNestingWithoutParsing) {
  EXPECT_EQ(ParseCode(JsonRequest(std::string(100000, '['))), "http.too_deep");
  EXPECT_EQ(ParseCode(JsonRequest("{\"a\":" + std::string(100000, '{'))), "http.too_deep");
  // 64 levels are fine, 65 are not.
  std::string ok = std::string(63, '[');
  ok = "{\"a\":" + ok + std::string(63, ']') + "}";
  EXPECT_EQ(ParseCode(JsonRequest(ok)), "ok");
  std::string deep = "{\"a\":" + std::string(64, '[') + std::string(64, ']') + "}";
  EXPECT_EQ(ParseCode(JsonRequest(deep)), "http.too_deep");
  // Brackets inside strings do not count.
  EXPECT_EQ(ParseCode(JsonRequest("{\"a\":\"" + std::string(1000, '[') + "\\\"\"}")), "ok");
}

TEST(ParseJsonBody, ChecksContentType) {
  EXPECT_EQ(ParseCode(JsonRequest("{}", "application/json; charset=utf-8")), "ok");
  EXPECT_EQ(ParseCode(JsonRequest("{}", "Application/JSON")), "ok");
  EXPECT_EQ(ParseCode(JsonRequest("{}", "")), "ok");  // absent: assume JSON
  EXPECT_EQ(ParseCode(JsonRequest("{}", "text/plain")), "http.unsupported_media_type");
  EXPECT_EQ(ParseCode(JsonRequest("{}", "application/x-www-form-urlencoded")),
            "http.unsupported_media_type");
  EXPECT_EQ(ParseCode(JsonRequest("{}", "application/jsonx")), "http.unsupported_media_type");
  Result<Json> parsed = ParseJsonBody(JsonRequest("{}", "text/plain"));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(StatusFor(parsed.error().kind()), 415);
}

// ---- JsonReader -------------------------------------------------------------------

struct ReaderCase {
  std::string name;
  std::string body;                       // the object read
  std::function<void(JsonReader&)> read;  // the calls under test
  std::vector<FieldIssue> expected;       // the issues, in order
};

void RunReaderCases(const std::vector<ReaderCase>& cases) {
  for (const ReaderCase& c : cases) {
    Json object = Json::parse(c.body);
    JsonReader reader(object);
    c.read(reader);
    Status status = reader.Finish();
    if (c.expected.empty()) {
      EXPECT_TRUE(status.ok()) << c.name;
      continue;
    }
    ASSERT_FALSE(status.ok()) << c.name;
    EXPECT_EQ(status.error().code(), "validation.failed") << c.name;
    EXPECT_EQ(status.error().kind(), ErrorKind::kInvalid) << c.name;
    const auto& issues = status.error().details();
    ASSERT_EQ(issues.size(), c.expected.size()) << c.name;
    for (std::size_t i = 0; i < issues.size(); ++i) {
      EXPECT_EQ(issues[i].field, c.expected[i].field) << c.name;
      EXPECT_EQ(issues[i].code, c.expected[i].code) << c.name;
      EXPECT_EQ(issues[i].params, c.expected[i].params) << c.name;
    }
  }
}

TEST(JsonReader, IssueCodes) {
  using Params = std::map<std::string, std::string>;
  RunReaderCases({
      {"required string absent",
       "{}",
       [](JsonReader& r) { (void)r.RequiredString("name"); },
       {{"name", "required"}}},
      {"required string null",
       R"({"name":null})",
       [](JsonReader& r) { (void)r.RequiredString("name"); },
       {{"name", "required"}}},
      {"required string blank",
       R"({"name":" \t　"})",
       [](JsonReader& r) { (void)r.RequiredString("name"); },
       {{"name", "required"}}},
      {"string wrong type",
       R"({"name":5})",
       [](JsonReader& r) { (void)r.RequiredString("name"); },
       {{"name", "wrong_type", Params{{"expected", "string"}}}}},
      {"string too long",
       R"({"name":"abcdef"})",
       [](JsonReader& r) { (void)r.RequiredString("name", 5); },
       {{"name", "too_long", Params{{"max", "5"}}}}},
      {"chinese counts code points",
       R"({"name":"杭州市西湖区"})",
       [](JsonReader& r) { (void)r.RequiredString("name", 6); },
       {}},
      {"chinese too long",
       R"({"name":"杭州市西湖区"})",
       [](JsonReader& r) { (void)r.RequiredString("name", 5); },
       {{"name", "too_long", Params{{"max", "5"}}}}},
      {"optional string null",
       R"({"note":null})",
       [](JsonReader& r) { EXPECT_FALSE(r.OptionalString("note").has_value()); },
       {}},
      {"optional string wrong type",
       R"({"note":[]})",
       [](JsonReader& r) { (void)r.OptionalString("note"); },
       {{"note", "wrong_type", Params{{"expected", "string"}}}}},
      {"required int absent",
       "{}",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "required"}}},
      {"required int null",
       R"({"n":null})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "required"}}},
      {"int from float",
       R"({"n":2.5})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "wrong_type", Params{{"expected", "integer"}}}}},
      {"int from whole float",
       R"({"n":2.0})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "wrong_type", Params{{"expected", "integer"}}}}},
      {"int from string",
       R"({"n":"2"})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "wrong_type", Params{{"expected", "integer"}}}}},
      {"int from bool",
       R"({"n":true})",
       [](JsonReader& r) { (void)r.OptionalInt("n", 0, 10); },
       {{"n", "wrong_type", Params{{"expected", "integer"}}}}},
      {"int above",
       R"({"n":11})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "out_of_range", Params{{"min", "0"}, {"max", "10"}}}}},
      {"int below",
       R"({"n":-1})",
       [](JsonReader& r) { (void)r.OptionalInt("n", 0, 10); },
       {{"n", "out_of_range", Params{{"min", "0"}, {"max", "10"}}}}},
      {"int beyond int64",
       R"({"n":18446744073709551615})",
       [](JsonReader& r) { (void)r.RequiredInt("n", 0, 10); },
       {{"n", "out_of_range", Params{{"min", "0"}, {"max", "10"}}}}},
      {"bool wrong type",
       R"({"b":"yes"})",
       [](JsonReader& r) { (void)r.OptionalBool("b"); },
       {{"b", "wrong_type", Params{{"expected", "boolean"}}}}},
      {"enum not allowed",
       R"({"s":"closed"})",
       [](JsonReader& r) {
         (void)r.RequiredEnum("s", {"open", "done"});
       },
       {{"s", "invalid_choice", Params{{"allowed", "open, done"}}}}},
      {"enum absent",
       "{}",
       [](JsonReader& r) { (void)r.RequiredEnum("s", {"open"}); },
       {{"s", "required"}}},
      {"optional enum wrong type",
       R"({"s":1})",
       [](JsonReader& r) { (void)r.OptionalEnum("s", {"open"}); },
       {{"s", "wrong_type", Params{{"expected", "string"}}}}},
      {"object wrong type",
       R"({"o":[]})",
       [](JsonReader& r) { (void)r.RequiredObject("o"); },
       {{"o", "wrong_type", Params{{"expected", "object"}}}}},
      {"array wrong type",
       R"({"a":{}})",
       [](JsonReader& r) { (void)r.OptionalArray("a"); },
       {{"a", "wrong_type", Params{{"expected", "array"}}}}},
      {"array absent",
       "{}",
       [](JsonReader& r) { (void)r.RequiredArray("a"); },
       {{"a", "required"}}},
      {"unknown field",
       R"({"name":"x","nmae":"y"})",
       [](JsonReader& r) { r.RejectUnknownFields({"name"}); },
       {{"nmae", "unknown"}}},
      {"caller issues",
       R"({"code":"x"})",
       [](JsonReader& r) {
         r.AddIssue("code", "invalid_format");
         r.AddIssue("code", "too_short", {{"min", "3"}});
       },
       {{"code", "invalid_format"}, {"code", "too_short", Params{{"min", "3"}}}}},
      {"all issues collected",
       R"({"n":"x"})",
       [](JsonReader& r) {
         (void)r.RequiredString("name");
         (void)r.RequiredInt("n", 1, 2);
         (void)r.OptionalBool("flag");
       },
       {{"name", "required"}, {"n", "wrong_type", Params{{"expected", "integer"}}}}},
  });
}

TEST(JsonReader, ReadsValidValues) {
  Json object = Json::parse(
      R"({"name":"  王小明\n","n":7,"big":9007199254740993,"b":false,"s":" open ","o":{"x":1},"a":[1]})");
  JsonReader reader(object);
  EXPECT_EQ(reader.RequiredString("name"), "王小明");
  EXPECT_EQ(reader.RequiredInt("n", 1, 10), 7);
  EXPECT_EQ(reader.RequiredInt("big", 0, INT64_MAX), 9007199254740993);
  EXPECT_EQ(reader.OptionalBool("b"), std::optional<bool>(false));
  EXPECT_EQ(reader.RequiredEnum("s", {"open", "done"}), "open");
  EXPECT_EQ(reader.OptionalString("missing"), std::nullopt);
  EXPECT_EQ(reader.OptionalInt("missing", 0, 1), std::nullopt);
  EXPECT_EQ(reader.OptionalBool("missing"), std::nullopt);
  EXPECT_EQ(reader.OptionalEnum("missing", {"a"}), std::nullopt);
  ASSERT_NE(reader.RequiredObject("o"), nullptr);
  EXPECT_EQ((*reader.RequiredObject("o"))["x"], 1);
  ASSERT_NE(reader.OptionalArray("a"), nullptr);
  EXPECT_EQ(reader.OptionalObject("missing"), nullptr);
  EXPECT_TRUE(reader.Has("name"));
  EXPECT_FALSE(reader.Has("missing"));
  EXPECT_TRUE(reader.Finish().ok());
}

TEST(JsonReader, NestedReadersNameFullPaths) {
  Json object = Json::parse(R"({"goals":[{"weight":5},{"weight":"x"}]})");
  JsonReader reader(object);
  const Json* goals = reader.RequiredArray("goals");
  ASSERT_NE(goals, nullptr);
  for (std::size_t i = 0; i < goals->size(); ++i) {
    JsonReader item((*goals)[i], reader.FieldPath("goals[" + std::to_string(i) + "]"));
    (void)item.RequiredInt("weight", 0, 100);
    (void)item.RequiredString("title");
    reader.Merge(item);
  }
  Status status = reader.Finish();
  ASSERT_FALSE(status.ok());
  const auto& issues = status.error().details();
  ASSERT_EQ(issues.size(), 3u);
  EXPECT_EQ(issues[0].field, "goals[0].title");
  EXPECT_EQ(issues[1].field, "goals[1].weight");
  EXPECT_EQ(issues[2].field, "goals[1].title");
}

TEST(JsonReader, PrefixedFieldPath) {
  Json object = Json::object();
  JsonReader reader(object, "contact");
  (void)reader.RequiredString("phone");
  Status status = reader.Finish();
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.error().details().at(0).field, "contact.phone");
}

TEST(JsonReader, NonObjectReadsAsEmpty) {
  Json value = 5;
  JsonReader reader(value);
  EXPECT_FALSE(reader.Has("x"));
  (void)reader.RequiredString("x");
  EXPECT_FALSE(reader.Finish().ok());
}

// ---- Responses ----------------------------------------------------------------------

TEST(StatusFor, MapsEveryKind) {
  const std::vector<std::pair<ErrorKind, int>> table = {
      {ErrorKind::kInvalid, 400},          {ErrorKind::kUnauthenticated, 401},
      {ErrorKind::kForbidden, 403},        {ErrorKind::kNotFound, 404},
      {ErrorKind::kMethodNotAllowed, 405}, {ErrorKind::kConflict, 409},
      {ErrorKind::kTooLarge, 413},         {ErrorKind::kUnsupported, 415},
      {ErrorKind::kLocked, 423},           {ErrorKind::kRateLimited, 429},
      {ErrorKind::kInternal, 500},         {ErrorKind::kUnavailable, 503},
  };
  for (const auto& [kind, status] : table) EXPECT_EQ(StatusFor(kind), status);
}

TEST(JsonResponse, SerialisesBody) {
  Response response = JsonResponse(201, {{"id", 5}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json; charset=utf-8");
  EXPECT_EQ(response.body, R"({"id":5})");
}

TEST(JsonResponse, InvalidUtf8DoesNotThrow) {
  Response response = JsonResponse(200, {{"s", "bad \xC3\x28"}});
  EXPECT_EQ(response.status, 200);
  EXPECT_FALSE(response.body.empty());
}

TEST(ErrorResponse, ShapeInChinese) {
  Error error = InvalidError("validation.failed");
  error.WithDetail({"name", "required"});
  error.WithDetail({"title", "too_long", {{"max", "20"}}});
  Response response = ErrorResponse(error, Lang::kZh, "req-1");
  EXPECT_EQ(response.status, 400);
  Json body = Json::parse(response.body);
  ASSERT_EQ(body.size(), 1u);
  const Json& inner = body.at("error");
  EXPECT_EQ(inner.at("code"), "validation.failed");
  EXPECT_EQ(inner.at("message"), Message("validation.failed", Lang::kZh));
  EXPECT_EQ(inner.at("request_id"), "req-1");
  ASSERT_EQ(inner.at("details").size(), 2u);
  EXPECT_EQ(inner.at("details")[0],
            Json({{"field", "name"}, {"code", "required"}, {"message", "必填。"}}));
  EXPECT_EQ(inner.at("details")[1].at("message"), "过长（最多 20 个字符）。");
  EXPECT_EQ(inner.size(), 4u);
}

TEST(ErrorResponse, ShapeInEnglishWithParamsAndNoRequestId) {
  Error error(ErrorKind::kTooLarge, "http.body_too_large");
  error.WithParam("limit", "1 MiB");
  Response response = ErrorResponse(error, Lang::kEn);
  EXPECT_EQ(response.status, 413);
  Json body = Json::parse(response.body);
  const Json& inner = body.at("error");
  EXPECT_EQ(inner.at("code"), "http.body_too_large");
  EXPECT_EQ(inner.at("message"), "The request body is too large (limit 1 MiB).");
  EXPECT_TRUE(inner.at("details").is_array());
  EXPECT_TRUE(inner.at("details").empty());
  EXPECT_FALSE(inner.contains("request_id"));
}

TEST(ErrorResponse, ListsTheFirstHundredIssuesAndCountsTheRest) {
  std::vector<FieldIssue> issues;
  for (int i = 0; i < 5000; ++i) issues.push_back({"goals." + std::to_string(i), "required", {}});
  Json body = Json::parse(ErrorResponse(ValidationFailed(issues), Lang::kZh).body);
  const Json& details = body.at("error").at("details");
  ASSERT_EQ(details.size(), kMaxListedIssues + 1);
  EXPECT_EQ(details[0].at("field"), "goals.0");
  EXPECT_EQ(details[kMaxListedIssues - 1].at("field"), "goals.99");
  const Json& more = details.back();
  EXPECT_EQ(more.at("field"), "");
  EXPECT_EQ(more.at("code"), "more_issues");
  EXPECT_EQ(more.at("params").at("count"), "4900");
  EXPECT_EQ(more.at("message"), "另有 4900 处问题未列出。");
  // Exactly the limit: no extra entry.
  issues.resize(kMaxListedIssues);
  body = Json::parse(ErrorResponse(ValidationFailed(issues), Lang::kZh).body);
  EXPECT_EQ(body.at("error").at("details").size(), kMaxListedIssues);
}

TEST(ErrorResponse, InternalDetailIsNeverSent) {
  Response response =
      ErrorResponse(InternalError("SELECT secret FROM users failed"), Lang::kEn, "r");
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.body.find("secret"), std::string::npos);
  Json body = Json::parse(response.body);
  EXPECT_EQ(body["error"]["code"], "internal");
  EXPECT_EQ(body["error"]["message"], Message("internal", Lang::kEn));
}

TEST(ErrorResponse, EveryHttpCodeIsTranslated) {
  for (const char* code :
       {"http.not_found", "http.method_not_allowed", "http.invalid_json", "http.expected_object",
        "http.too_deep", "http.nul_character", "http.body_too_large", "http.unsupported_media_type",
        "http.bad_request", "http.invalid_query", "http.bind_failed", "http.header_too_large"}) {
    EXPECT_TRUE(HasMessage(code)) << code;
  }
  for (const char* code : {"required", "wrong_type", "too_long", "too_short", "out_of_range",
                           "invalid_choice", "invalid_format", "unknown", "more_issues"}) {
    EXPECT_TRUE(HasMessage(std::string("field.") + code)) << code;
  }
}

// ---- Page parameters ----------------------------------------------------------------

TEST(ReadPageParams, DefaultsAndValues) {
  Request request;
  Result<PageParams> defaults = ReadPageParams(request);
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->page, 1);
  EXPECT_EQ(defaults->page_size, 20);
  EXPECT_EQ(defaults->offset(), 0);
  request.query = {{"page", "3"}, {"page_size", "200"}};
  Result<PageParams> given = ReadPageParams(request);
  ASSERT_TRUE(given.ok());
  EXPECT_EQ(given->page, 3);
  EXPECT_EQ(given->page_size, 200);
  EXPECT_EQ(given->offset(), 400);
}

TEST(ReadPageParams, RejectsBadValues) {
  struct Case {
    std::string page;
    std::string page_size;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"x", "10", "page", "wrong_type"},
      {"1.5", "10", "page", "wrong_type"},
      {"+2", "10", "page", "wrong_type"},
      {"0", "10", "page", "out_of_range"},
      {"-1", "10", "page", "out_of_range"},
      {"1", "201", "page_size", "out_of_range"},
      {"1", "0", "page_size", "out_of_range"},
      {"1", "ten", "page_size", "wrong_type"},
      {"99999999999999999999", "10", "page", "out_of_range"},
  };
  for (const Case& c : cases) {
    Request request;
    request.query = {{"page", c.page}, {"page_size", c.page_size}};
    Result<PageParams> params = ReadPageParams(request);
    ASSERT_FALSE(params.ok()) << c.page << " " << c.page_size;
    EXPECT_EQ(params.error().code(), "http.invalid_query");
    ASSERT_EQ(params.error().details().size(), 1u);
    EXPECT_EQ(params.error().details()[0].field, c.field);
    EXPECT_EQ(params.error().details()[0].code, c.code);
  }
}

}  // namespace
}  // namespace jieli::http
