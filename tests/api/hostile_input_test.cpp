// The hostile input pass: every route of the route table, asked by a caller
// the rules allow (so that requests reach validation, not just 401/403/404)
// with malformed and hostile input — broken, truncated, oversized, deeply
// nested and non-UTF-8 bodies, each field of the route's request_schema with
// the wrong type or an injection-shaped value, odd path parameters and query
// strings, the wrong Content-Type. Deterministic (one seeded generator) and
// bounded (kPerRoute requests a route at most). It asserts that no answer is
// a 5xx or a dropped connection, that every refusal has the one error shape
// and wrote nothing (the write log of route_world.hpp), and that the server
// still answers /healthz after each route's batch.
#include <chrono>
#include <functional>
#include <iostream>
#include <map>
#include <random>

#include "modules/clients/xlsx_writer.hpp"
#include "route_world.hpp"

namespace jieli::test {
namespace {

// At most this many requests a route, drawn at random from its variants:
// first up to each kind's share, so that every kind is tried on every route,
// then the rest from what is left.
constexpr std::size_t kPerRoute = 56;
constexpr std::uint64_t kSeed = 20261125;

enum class Kind { kBody, kFile, kContentType, kField, kPath, kQuery, kDeclaredQuery };
const std::map<Kind, std::size_t> kShares = {
    {Kind::kBody, 10}, {Kind::kFile, 5},  {Kind::kContentType, 3},  {Kind::kField, 14},
    {Kind::kPath, 6},  {Kind::kQuery, 6}, {Kind::kDeclaredQuery, 8}};

// A request with hostile parts and what it tries.
struct Variant {
  Kind kind;
  std::string what;
  Call call;
};

// Strings a form, a search box or an import might be fed on purpose.
const std::vector<std::string>& HostileStrings() {
  static const std::vector<std::string> kStrings = {
      "' OR 1=1 --",
      "'; DROP TABLE clients; --",
      "\" OR \"\"=\"",
      "%00",
      std::string("nul\0byte", 8),
      "../../etc/passwd",
      "..\\..\\windows\\win.ini",
      "<script>alert(1)</script>",
      "=cmd|' /C calc'!A0",
      "+SUM(1+1)*cmd|' /C calc'!A0",
      "@SUM(1+1)",
      "${jndi:ldap://x/a}",
      "{{7*7}}",
      "\r\nSet-Cookie: jieli_session=x",
      "\u202e\u0645\u0631\u062d\u0628\u0627",  // right-to-left override
      "𠜎𠜱𠝹𠱓",                              // outside the BMP
      std::string(100000, 'A'),
      "　",  // an ideographic space only
  };
  return kStrings;
}

// JSON values of every type, to send where the schema wants another.
const std::vector<std::pair<std::string, std::string>>& TypedValues() {
  static const std::vector<std::pair<std::string, std::string>> kValues = {
      {"string", "\"abc\""},
      {"string", "\"\""},
      {"integer", "0"},
      {"integer", "-1"},
      {"integer", "9223372036854775807"},
      {"integer", "9223372036854775808"},
      {"integer", "-9223372036854775809"},
      {"integer", "18446744073709551616"},
      {"number", "1.5"},
      {"number", "1e308"},
      {"number", "-1e999"},
      {"boolean", "true"},
      {"null", "null"},
      {"array", "[]"},
      {"array", "[1,\"a\",null,{}]"},
      {"object", "{}"},
      {"object", "{\"$ne\":null}"},
  };
  return kValues;
}

std::string DeclaredType(const json& schema) {
  if (!schema.contains("type")) return "";
  if (schema["type"].is_string()) return schema["type"].get<std::string>();
  return schema["type"].is_array() && !schema["type"].empty() ? schema["type"][0].get<std::string>()
                                                              : "";
}

// A JSON string literal of raw bytes, which may not be UTF-8 (nlohmann
// refuses to write those, which is why the body is spliced by hand).
std::string RawStringLiteral(const std::string& bytes) {
  std::string out = "\"";
  for (char c : bytes) {
    if (c == '"' || c == '\\') out += '\\';
    if (c == '\n') {
      out += "\\n";
      continue;
    }
    if (c == '\r') {
      out += "\\r";
      continue;
    }
    if (c == '\0') {
      out += "\\u0000";
      continue;
    }
    out += c;
  }
  return out + "\"";
}

// body (a JSON object) with field set to the JSON text value.
std::string WithField(const json& body, const std::string& field, const std::string& value) {
  json copy = body.is_object() ? body : json::object();
  copy[field] = "\x01splice\x01";
  std::string text = copy.dump();
  const std::string placeholder = "\"\\u0001splice\\u0001\"";
  auto at = text.find(placeholder);
  return text.substr(0, at) + value + text.substr(at + placeholder.size());
}

class HostileInputTest : public RouteWorldTest {
 protected:
  // The caller and target the rules allow on the route, preferring the
  // people who do most with it.
  std::pair<Caller*, std::optional<Target>> Allowed(const RoutePlan& plan) {
    if (!plan.route->doc.requires_auth) {
      // A public route naming an object (a survey's token): the first there is.
      std::optional<Target> target;
      if (!plan.target_kind.empty()) {
        auto targets = TargetsOf(plan.target_kind, *CallerNamed("no session"));
        if (!targets.empty()) target = targets.front();
      }
      return {CallerNamed("no session"), target};
    }
    for (const char* label : {"leader", "worker", "admin", "supervisor"}) {
      Caller* caller = CallerNamed(label);
      if (caller == nullptr) continue;
      if (plan.target_kind.empty()) {
        if (Expected(plan, *caller, nullptr) == Outcome::kAllowed) return {caller, std::nullopt};
        continue;
      }
      for (const Target& target : TargetsOf(plan.target_kind, *caller)) {
        if (Expected(plan, *caller, &target) == Outcome::kAllowed) return {caller, target};
      }
    }
    return {nullptr, std::nullopt};
  }

  std::vector<Variant> Variants(const RoutePlan& plan, const Call& base, std::mt19937_64& random) {
    std::vector<Variant> variants;
    Kind kind = Kind::kBody;
    auto add = [&](std::string what, auto change) {
      Variant v{kind, std::move(what), base};
      change(v.call);
      variants.push_back(std::move(v));
    };
    const http::Route& route = *plan.route;
    const bool has_body = route.method != "GET";
    const json body = json::parse(base.body, nullptr, false);
    const bool json_body = has_body && (base.body.empty() || !body.is_discarded()) &&
                           !base.headers.contains("Content-Type");

    // Whole bodies.
    kind = Kind::kBody;
    if (has_body) {
      for (const std::string& text : {std::string(),
                                      std::string("{"),
                                      std::string("{\"a\":"),
                                      std::string("[1,2"),
                                      std::string("nul"),
                                      std::string("{\"a\":1,}"),
                                      std::string("{'a':1}"),
                                      std::string("\"text\""),
                                      std::string("42"),
                                      std::string("null"),
                                      std::string("[]"),
                                      std::string("{\"a\":1,\"a\":2}"),
                                      std::string("\xEF\xBB\xBF") + base.body,
                                      std::string("{\"\xFF\xFE\":\"\xC3\x28\"}"),
                                      std::string("{\"a\":\"\xED\xA0\x80\"}"),
                                      std::string("{\"a\":\"\xC0\xAF\"}"),
                                      std::string("{\"a\":1e99999}"),
                                      std::string(20000, '[') + std::string(20000, ']'),
                                      NestedObjects(5000),
                                      std::string(1024 * 1024 + 1, ' ')}) {
        add("body " + Printable(text), [&](Call& c) { c.body = text; });
      }
      if (base.body.size() > 2) {
        for (int i = 0; i < 3; ++i) {
          std::size_t cut = 1 + random() % (base.body.size() - 1);
          add("body cut at " + std::to_string(cut),
              [&](Call& c) { c.body = base.body.substr(0, cut); });
        }
      }
      // Raw bodies (files): bytes of no format, a zip that is not one, a
      // spreadsheet of one endless row, text that is not UTF-8.
      kind = Kind::kFile;
      std::string noise(4096, '\0');
      for (char& c : noise) c = static_cast<char>(random() & 0xFF);
      std::string wide;
      for (int i = 0; i < 20000; ++i) wide += "x,";
      for (const auto& [what, text] : std::vector<std::pair<std::string, std::string>>{
               {"random bytes", noise},
               {"a zip header and noise", "PK\x03\x04" + noise},
               {"a PDF header and noise", "%PDF-" + noise},
               {"a CSV row of 20000 columns",
                std::string(clients::ColumnHeader("name")) + "\n" + wide},
               {"a CSV with an open quote",
                std::string(clients::ColumnHeader("name")) + "\n\"abc\n"},
               {"a CSV in GBK",
                std::string(clients::ColumnHeader("name")) + "\n\xD5\xC5\xC8\xFD\n"}}) {
        add("body: " + what, [&, text = text](Call& c) { c.body = text; });
      }
      // A real workbook whose cells are not UTF-8 or hold a formula.
      for (const auto& [what, cell] : std::vector<std::pair<std::string, std::string>>{
               {"a workbook with a cell that is not UTF-8", "\xFF\xFE\xC3\x28"},
               {"a workbook with a formula", "=HYPERLINK(\"http://x\",\"y\")"}}) {
        auto workbook = clients::WriteXlsx(
            "s", {{std::string(clients::ColumnHeader("name"))}, {clients::XlsxCell(cell)}});
        EXPECT_TRUE(workbook) << workbook.error().log_detail();
        if (workbook) add("body: " + what, [&, bytes = *workbook](Call& c) { c.body = bytes; });
      }
    }
    // Content types.
    kind = Kind::kContentType;
    if (has_body && json_body) {
      for (const char* type :
           {"text/plain", "application/xml", "multipart/form-data; boundary=x",
            "application/x-www-form-urlencoded", "application/json; charset=gbk"}) {
        add(std::string("Content-Type ") + type,
            [&](Call& c) { c.headers["Content-Type"] = type; });
      }
    }
    // Each field of the schema: every other type, and hostile strings in strings.
    kind = Kind::kField;
    json schema = json::parse(route.doc.request_schema, nullptr, false);
    if (json_body && schema.is_object() && schema.contains("properties")) {
      for (const auto& item : schema["properties"].items()) {
        // Named references, not structured bindings: clang before 16 cannot capture those.
        const std::string& field = item.key();
        const std::string type = DeclaredType(item.value());
        for (const auto& typed : TypedValues()) {
          const auto& value_type = typed.first;
          const auto& value = typed.second;
          if (value_type == type || (type == "number" && value_type == "integer")) continue;
          add(field + " = " + value, [&](Call& c) { c.body = WithField(body, field, value); });
        }
        if (type == "string") {
          for (const std::string& text : HostileStrings()) {
            add(field + " = " + Printable(text),
                [&](Call& c) { c.body = WithField(body, field, RawStringLiteral(text)); });
          }
          add(field + " not UTF-8", [&](Call& c) {
            c.body = WithField(body, field, RawStringLiteral("\xFF\xFE\xC3\x28"));
          });
        }
        if (type == "array") {
          std::string many = "[";
          for (int i = 0; i < 5000; ++i) many += (i ? ",\"x\"" : "\"x\"");
          add(field + " of 5000 items",
              [&](Call& c) { c.body = WithField(body, field, many + "]"); });
          add(field + " of arrays",
              [&](Call& c) { c.body = WithField(body, field, "[[[[[]]]]]"); });
        }
      }
    }
    // Path parameters.
    kind = Kind::kPath;
    const std::vector<std::string> kIds = {"abc",
                                           "-1",
                                           "0",
                                           "99999999999999999999",
                                           "1e3",
                                           "1.5",
                                           "+1",
                                           "0x10",
                                           "%20",
                                           "%00",
                                           "..%2F..%2Fetc%2Fpasswd",
                                           "%FF%FE",
                                           "1%27%20OR%201=1--",
                                           "%3Cscript%3E",
                                           "%EF%BC%91",
                                           std::string(5000, '9'),
                                           "%",
                                           "%zz"};
    std::size_t segment_start = 0;
    for (std::size_t slash = 0;
         (slash = route.pattern.find('{', segment_start)) != std::string::npos;) {
      std::size_t end = route.pattern.find('}', slash);
      // The same position in the concrete path.
      std::size_t index = std::count(
          route.pattern.begin(), route.pattern.begin() + static_cast<std::ptrdiff_t>(slash), '/');
      for (const std::string& id : kIds) {
        add("path segment " + std::to_string(index) + " = " + Printable(id),
            [&](Call& c) { c.path = ReplaceSegment(c.path, index, id); });
      }
      segment_start = end;
    }
    // Query strings.
    kind = Kind::kQuery;
    const std::vector<std::string> kQueries = {"page=-1",
                                               "page=0",
                                               "page=abc",
                                               "page=99999999999999999999",
                                               "page_size=1000000000",
                                               "page_size=-5",
                                               "page_size=0",
                                               "sort=garbage",
                                               "sort=name%3BDROP%20TABLE%20users",
                                               "sort=-",
                                               "q=%FF%FE",
                                               "q=" + std::string(300, 'q'),
                                               "q=%27%20OR%201%3D1--",
                                               "q=%00",
                                               "q=%25",
                                               "org_id=abc",
                                               "org_id=-1",
                                               "org_id=99999999999999999999",
                                               "stage=nope",
                                               "status=nope",
                                               "overdue=maybe",
                                               "mine=2",
                                               "opened_from=2026-13-45",
                                               "from=yesterday",
                                               "to=2026-02-30",
                                               "actor_id=x",
                                               "%zz=1",
                                               "a=%",
                                               "page=1&page=2",
                                               "name=..%2F..%2Fx.txt",
                                               "name=%00.txt",
                                               "name=a%0D%0AX-Injected%3A%201.txt",
                                               "name=" + std::string(300, 'n') + ".txt",
                                               "name=%FF.txt"};
    for (const std::string& query : kQueries) {
      add("query " + Printable(query),
          [&](Call& c) { c.path += (c.path.find('?') == std::string::npos ? "?" : "&") + query; });
    }
    // The route's own query parameters (RouteDoc::query, as OpenAPI lists
    // them), each with values of the wrong type or shape for it.
    kind = Kind::kDeclaredQuery;
    for (const http::QueryParam& param : route.doc.query) {
      std::vector<std::string> values = {"%00", "%FF%FE", std::string(300, 'x'),
                                         "%27%20OR%201%3D1--", "%E4%B8%AD%E6%96%87"};
      if (param.type == "integer") {
        values.insert(values.end(), {"abc", "-1", "0", "1.5", "99999999999999999999"});
      } else if (param.type == "boolean") {
        values.insert(values.end(), {"perhaps", "2", "yes"});
      } else {
        values.insert(values.end(), {"nope", "2026-13-45", "-", "..%2F..%2Fx"});
      }
      for (const std::string& value : values) {
        add("query " + param.name + "=" + Printable(value), [&](Call& c) {
          c.path += (c.path.find('?') == std::string::npos ? "?" : "&") + param.name + "=" + value;
        });
      }
    }
    std::shuffle(variants.begin(), variants.end(), random);
    std::vector<Variant> chosen, rest;
    std::map<Kind, std::size_t> taken;
    for (Variant& v : variants) {
      (taken[v.kind]++ < kShares.at(v.kind) ? chosen : rest).push_back(std::move(v));
    }
    for (Variant& v : rest) {
      if (chosen.size() >= kPerRoute) break;
      chosen.push_back(std::move(v));
    }
    return chosen;
  }

  static std::string NestedObjects(int depth) {
    std::string text;
    for (int i = 0; i < depth; ++i) text += "{\"a\":";
    text += "1";
    text += std::string(static_cast<std::size_t>(depth), '}');
    return text;
  }

  // The path with its index-th segment (counted from 1) replaced.
  static std::string ReplaceSegment(const std::string& path, std::size_t index,
                                    const std::string& value) {
    std::string query;
    std::string rest = path;
    if (auto q = rest.find('?'); q != std::string::npos) {
      query = rest.substr(q);
      rest = rest.substr(0, q);
    }
    std::size_t start = 0;
    for (std::size_t i = 0; i < index; ++i) start = rest.find('/', start) + 1;
    std::size_t end = rest.find('/', start);
    return rest.substr(0, start) + value + (end == std::string::npos ? "" : rest.substr(end)) +
           query;
  }

  // At most 40 characters of text, non-printable bytes as \xHH.
  static std::string Printable(const std::string& text) {
    std::string out;
    for (unsigned char c : text.substr(0, 40)) {
      if (c >= 0x20 && c < 0x7F) {
        out += static_cast<char>(c);
      } else {
        constexpr std::string_view kHex = "0123456789ABCDEF";
        out += "\\x";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
    }
    if (text.size() > 40) out += "…(" + std::to_string(text.size()) + " bytes)";
    return out;
  }
};

TEST_P(HostileInputTest, NoRouteFailsLeaksOrWritesOnHostileInput) {
  const auto started = std::chrono::steady_clock::now();
  std::mt19937_64 random(kSeed);
  int requests = 0, routes = 0;
  std::map<int, int> statuses;
  auto health = Client();
  for (const http::Route& route : app_->router().routes()) {
    auto plan = PlanRoute(route);
    if (!plan) {
      ADD_FAILURE() << "The hostile pass cannot exercise " << plan.error().log_detail();
      continue;
    }
    auto [caller, target] = Allowed(*plan);
    if (caller == nullptr) {
      ADD_FAILURE() << plan->key << ": no caller the rules allow; add one to Allowed()";
      continue;
    }
    ++routes;
    const Call base = plan->build(*caller, target ? &*target : nullptr);
    for (const Variant& variant : Variants(*plan, base, random)) {
      ++requests;
      std::vector<std::string> writes;
      TestResponse response = Send(*caller, variant.call, writes);
      ++statuses[response.status];
      const std::string what = plan->key + " as " + caller->label + " with " + variant.what;
      ASSERT_NE(response.status, 0) << what << ": no answer (" << response.body << ")";
      EXPECT_LT(response.status, 500) << what << ": " << response.body.substr(0, 300);
      if (response.status >= 400) {
        EXPECT_TRUE(HasErrorShape(response)) << what << ": " << response.body.substr(0, 300);
        EXPECT_TRUE(writes.empty() || FailedCheckAccounting(plan->key, response, writes))
            << what << " was refused (" << response.status << ") but wrote: " << Join(writes);
      }
    }
    TestResponse alive = health->Get("/healthz");
    ASSERT_EQ(alive.status, 200) << "after " << plan->key << ": " << alive.body;
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  std::string by_status;
  for (const auto& [status, n] : statuses) {
    by_status += (by_status.empty() ? "" : ", ") + std::to_string(n) + "×" + std::to_string(status);
  }
  std::cout << "[ hostile  ] " << routes << " routes, " << requests << " requests (" << by_status
            << ") in " << seconds.count() << " s\n";
  EXPECT_GE(routes, 60);
}

// The stage forms are data the route's request_schema only calls "object":
// their own schemas (GET …/stages/{stage}) say what each field is. Along a
// case that goes through all six stages, every field of every form is saved
// in a draft with null (not filled in, which a draft allows) and with every
// other type, the rest of the form complete.
TEST_P(HostileInputTest, EveryStageFormFieldTakesNullAndWrongTypesWithoutAFailure) {
  const auto started = std::chrono::steady_clock::now();
  Caller& worker = *CallerNamed("worker");
  Caller& supervisor = *CallerNamed("supervisor");
  std::vector<std::string> writes;
  auto expect = [&](Caller& as, const std::string& method, const std::string& path,
                    const json& body, int status) {
    TestResponse response = Send(as, {method, path, body.dump(), {}}, writes);
    EXPECT_EQ(response.status, status) << method << " " << path << ": " << response.body;
    json reply = response.Json();
    return reply.is_discarded() ? json::object() : reply;
  };
  json client = expect(worker, "POST", "/api/v1/clients",
                       {{"org_id", places_[0].org_id}, {"name", "矩阵表单案主"}}, 201);
  json opened = expect(worker, "POST", "/api/v1/cases",
                       {{"client_id", client.value("id", std::int64_t{0})},
                        {"supervisor_id", CallerNamed("supervisor")->user_id}},
                       201);
  const std::string base = "/api/v1/cases/" + std::to_string(opened.value("id", std::int64_t{0}));
  // null (not filled in) and one of each other kind: a draft lets the first
  // through validation, the rest must be refused field by field.
  const std::vector<json> kValues = {nullptr, "x", -1, 1e308, json::array(), json::object()};
  int requests = 0;
  std::map<int, int> statuses;

  auto fuzz = [&](const std::string& stage) {
    json form = worker.client->Get(base + "/stages/" + stage).Json();
    ASSERT_TRUE(form.is_object() && form.contains("schema")) << stage << ": " << form.dump();
    std::vector<std::string> paths;
    std::function<void(const json&, const std::string&)> walk = [&](const json& schema,
                                                                    const std::string& at) {
      if (!at.empty()) paths.push_back(at);
      if (schema.contains("properties")) {
        for (const auto& [name, sub] : schema["properties"].items()) walk(sub, at + "/" + name);
      }
      if (schema.contains("items") && schema["items"].is_object()) walk(schema["items"], at + "/0");
    };
    walk(form["schema"], "");
    for (const std::string& path : paths) {
      for (const json& value : kValues) {
        json data = CompleteForm(stage);
        try {
          data[json::json_pointer(path)] = value;
        } catch (const json::exception&) {
          continue;  // inside an array the complete form leaves empty
        }
        ++requests;
        TestResponse response = Send(
            worker,
            {"PUT", base + "/stages/" + stage, json{{"data", data}, {"draft", true}}.dump(), {}},
            writes);
        ++statuses[response.status];
        const std::string what = stage + path + " = " + value.dump();
        ASSERT_NE(response.status, 0) << what << ": no answer";
        EXPECT_LT(response.status, 500) << what << ": " << response.body.substr(0, 300);
        if (response.status >= 400) {
          EXPECT_TRUE(HasErrorShape(response)) << what << ": " << response.body.substr(0, 300);
          EXPECT_TRUE(writes.empty()) << what << " was refused but wrote: " << Join(writes);
        }
      }
    }
    expect(worker, "PUT", base + "/stages/" + stage, {{"data", CompleteForm(stage)}}, 200);
  };
  auto approve = [&](const json& asked) {
    const std::int64_t id = asked.contains("approval") && asked["approval"].is_object()
                                ? asked["approval"].value("id", std::int64_t{0})
                                : 0;
    expect(supervisor, "POST", "/api/v1/approvals/" + std::to_string(id) + "/decision",
           {{"decision", "approve"}}, 200);
  };

  fuzz("intake");
  expect(worker, "POST", base + "/transitions", {{"to", "assessment"}}, 200);
  fuzz("assessment");
  expect(worker, "POST", base + "/transitions", {{"to", "planning"}}, 200);
  fuzz("planning");
  approve(expect(worker, "POST", base + "/transitions", {{"to", "intervention"}}, 202));
  fuzz("intervention");
  expect(worker, "POST", base + "/services",
         {{"date", "2026-11-25"}, {"minutes", 60}, {"mode", "phone"}, {"content", "电话跟进"}},
         201);
  expect(worker, "POST", base + "/transitions", {{"to", "evaluation"}}, 200);
  fuzz("evaluation");
  fuzz("closed");
  approve(expect(worker, "POST", base + "/transitions", {{"to", "closed"}}, 202));
  EXPECT_EQ(worker.client->Get(base).Json().value("stage", ""), "closed");

  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  std::string by_status;
  for (const auto& [status, n] : statuses) {
    by_status += (by_status.empty() ? "" : ", ") + std::to_string(n) + "×" + std::to_string(status);
  }
  std::cout << "[ hostile  ] stage forms: " << requests << " drafts (" << by_status << ") in "
            << seconds.count() << " s\n";
}

JIELI_INSTANTIATE_API_TEST(HostileInputTest);

}  // namespace
}  // namespace jieli::test
