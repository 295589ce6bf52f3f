// Starts the real server on 127.0.0.1 with an ephemeral port and a toy router,
// and talks to it with the shared test client and with raw bytes.
#include "http/server.hpp"

#include <array>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <future>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <thread>
#include <vector>

#include <gtest/gtest.h>

#include "http/json.hpp"
#include "support/http_client.hpp"

namespace jieli::http {
namespace {

using namespace std::chrono_literals;

using test::SendRaw;
using test::TestClient;
using test::TestResponse;

// Signals between the slow handler and the test thread, and the writer of the
// streamed response.
struct SlowGate {
  std::atomic<bool> entered{false};
  std::atomic<bool> finished{false};
  std::mutex stream_mutex;
  std::shared_ptr<StreamWriter> stream;  // guarded by stream_mutex
};

Router MakeRouter(SlowGate& gate) {
  Router router;
  router.Add("GET", "/healthz", [](Request&) { return JsonResponse(200, {{"status", "ok"}}); }, {});
  router.Add("GET", "/api/echo",
             [](Request& request) {
               Json query = Json::object();
               for (const auto& [name, value] : request.query) query[name] = value;
               return JsonResponse(200, {{"method", request.method},
                                         {"path", request.path},
                                         {"target", request.target},
                                         {"query", query},
                                         {"request_id", request.request_id},
                                         {"client", request.client_address},
                                         {"lang", LangTag(request.lang)},
                                         {"cookie", request.Cookie("c").value_or("")},
                                         {"x_test", request.Header("x-test")}});
             },
             {});
  router.Add("POST", "/api/echo",
             [](Request& request) {
               return JsonResponse(200, {{"size", request.body.size()}, {"body", request.body}});
             },
             {});
  // An upload route with a limit of its own, above the server's.
  router.Add("POST", "/api/uploads/{id}",
             [](Request& request) {
               return JsonResponse(200, {{"size", request.body.size()}});
             },
             {.body_limit = 8000});
  router.Add("GET", "/api/items/{id}",
             [](Request& request) {
               return JsonResponse(200, {{"id", request.path_params.at("id")}});
             },
             {});
  router.Add("POST", "/api/login",
             [](Request&) {
               Response response = JsonResponse(200, {{"ok", true}});
               response.headers.emplace_back("Set-Cookie",
                                             "c=jar-value; Path=/; HttpOnly; SameSite=Strict");
               response.headers.emplace_back("Set-Cookie", "other=1; Path=/");
               return response;
             },
             {});
  router.Add("GET", "/api/slow",
             [&gate](Request&) {
               gate.entered = true;
               std::this_thread::sleep_for(1500ms);
               gate.finished = true;
               return JsonResponse(200, {{"slow", true}});
             },
             {});
  router.Add("GET", "/api/stream",
             [&gate](Request&) {
               Response response;
               response.content_type = "text/event-stream";
               response.body = "hello\n";
               response.open_stream = [&gate](std::shared_ptr<StreamWriter> writer) {
                 writer->Write("world");
                 std::lock_guard lock(gate.stream_mutex);
                 gate.stream = std::move(writer);
               };
               return response;
             },
             {});
  router.Add("GET", "/api/throw",
             [](Request&) -> Response { throw std::runtime_error("handler bug"); }, {});
  router.Add("GET", "/api/bad-header",
             [](Request&) {
               Response response = JsonResponse(200, {{"ok", true}});
               response.headers.emplace_back("X-Evil", "a\r\nInjected: yes");
               return response;
             },
             {});
  router.Add("GET", "/api/no-content",
             [](Request&) {
               Response response;
               response.status = 204;
               response.body = "ignored";
               return response;
             },
             {});
  return router;
}

class ServerTest : public ::testing::Test {
 protected:
  void StartServer(ServerOptions options = {}) {
    options.host = "127.0.0.1";
    options.port = 0;
    options.threads = 4;
    options.access_log = false;
    if (options.web_root.empty()) options.web_root = web_root_;
    options_ = options;
    server_ = std::make_unique<Server>(options, router_);
    Status started = server_->Start();
    ASSERT_TRUE(started.ok()) << started.error().code();
    port_ = server_->port();
    ASSERT_NE(port_, 0);
  }

  void SetUp() override {
    base_ = std::filesystem::temp_directory_path() /
            ("jieli_http_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(base_);
    std::filesystem::create_directories(base_ / "web" / "assets");
    web_root_ = (base_ / "web").string();
    Write(base_ / "web" / "index.html", "<!doctype html><title>jieli</title>");
    Write(base_ / "web" / "assets" / "app.1234.js", "console.log(1)");
    Write(base_ / "web" / "favicon.ico", "ico");
    Write(base_ / "secret.txt", "top secret");
    std::filesystem::create_symlink(base_ / "secret.txt", base_ / "web" / "link.txt");
  }

  void TearDown() override {
    if (server_) server_->Stop();
    std::filesystem::remove_all(base_);
  }

  static void Write(const std::filesystem::path& path, const std::string& text) {
    std::ofstream(path, std::ios::binary) << text;
  }

  static void ExpectErrorShape(const TestResponse& response, int status, const std::string& code) {
    EXPECT_EQ(response.status, status) << response.body;
    Json body = response.Json();
    ASSERT_TRUE(body.is_object()) << response.body;
    ASSERT_TRUE(body.contains("error")) << response.body;
    EXPECT_EQ(body["error"]["code"], code);
    EXPECT_TRUE(body["error"]["message"].is_string());
    EXPECT_FALSE(body["error"]["message"].get<std::string>().empty());
    EXPECT_TRUE(body["error"]["details"].is_array());
    EXPECT_EQ(body["error"]["request_id"], response.Header("X-Request-Id"));
  }

  SlowGate gate_;
  Router router_ = MakeRouter(gate_);
  std::filesystem::path base_;
  std::string web_root_;
  ServerOptions options_;
  std::unique_ptr<Server> server_;
  std::uint16_t port_ = 0;
};

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  for (int i = 0; i < 5; ++i) {
    TestResponse response = client.Get("/healthz");
    EXPECT_EQ(response.status, 200);
    EXPECT_EQ(response.Json()["status"], "ok");
  }
  TestResponse posted = client.Post("/api/echo", R"({"a":1})");
  EXPECT_EQ(posted.Json()["size"], 7);
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, ReconnectsAfterServerClose) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/healthz", {{"Connection", "close"}}).status, 200);
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST_F(ServerTest, BodyOverLimitIs413AndClosesTheConnection) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  client.SetHeader("Accept-Language", "en");
  TestResponse response = client.Post("/api/echo", std::string(2 * 1024 * 1024, 'x'));
  ExpectErrorShape(response, 413, "http.body_too_large");
  EXPECT_EQ(response.Json()["error"]["message"], "The request body is too large (limit 1 MiB).");
  EXPECT_EQ(response.Header("Connection"), "close");
  // The client reconnects and the server is fine.
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.connections_opened(), 2);
}

TEST_F(ServerTest, BodyAtLimitIsAccepted) {
  ServerOptions options;
  options.body_limit = 4096;
  StartServer(options);
  TestClient client("127.0.0.1", port_);
  EXPECT_EQ(client.Post("/api/echo", std::string(4096, 'y')).status, 200);
  TestResponse over = client.Post("/api/echo", std::string(4097, 'y'));
  ExpectErrorShape(over, 413, "http.body_too_large");
  EXPECT_NE(over.Json()["error"]["message"].get<std::string>().find("4 KiB"), std::string::npos);
}

TEST_F(ServerTest, ChunkedBodyOverLimitIs413) {
  ServerOptions options;
  options.body_limit = 1000;
  StartServer(options);
  std::string chunk(800, 'z');
  std::string raw =
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
      "320\r\n" +
      chunk + "\r\n320\r\n" + chunk + "\r\n0\r\n\r\n";
  std::string answer = SendRaw("127.0.0.1", port_, raw, 3s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 413", 0), 0u) << answer;
  EXPECT_NE(answer.find("http.body_too_large"), std::string::npos);
}

TEST_F(ServerTest, ARouteMayTakeALargerBodyThanTheServer) {
  ServerOptions options;
  options.body_limit = 4096;
  StartServer(options);
  TestClient client("127.0.0.1", port_);
  client.SetHeader("Accept-Language", "en");
  TestResponse at_limit = client.Post("/api/uploads/1", std::string(8000, 'u'));
  ASSERT_EQ(at_limit.status, 200) << at_limit.body;
  EXPECT_EQ(at_limit.Json()["size"], 8000);
  // Over the route's own limit: 413 naming it, before the handler runs.
  TestResponse over = client.Post("/api/uploads/1", std::string(8001, 'u'));
  ExpectErrorShape(over, 413, "http.body_too_large");
  EXPECT_NE(over.Json()["error"]["message"].get<std::string>().find("8000 bytes"),
            std::string::npos)
      << over.body;
  // Far over every limit (refused while the header is read): still the route's.
  TestResponse far = client.Post("/api/uploads/1", std::string(100000, 'u'));
  ExpectErrorShape(far, 413, "http.body_too_large");
  EXPECT_NE(far.Json()["error"]["message"].get<std::string>().find("8000 bytes"), std::string::npos)
      << far.body;
  // Every other route keeps the server's, also when a route with a larger one exists.
  TestResponse echo = client.Post("/api/echo", std::string(5000, 'e'));
  ExpectErrorShape(echo, 413, "http.body_too_large");
  EXPECT_NE(echo.Json()["error"]["message"].get<std::string>().find("4 KiB"), std::string::npos);
  EXPECT_EQ(client.Post("/api/nope", std::string(5000, 'e')).status, 413);
  // Chunked, without a length: the route's limit holds while the body is read.
  std::string chunk(3000, 'z');
  auto chunked = [&](const std::string& path, int chunks) {
    std::string raw = "POST " + path + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < chunks; ++i) raw += "bb8\r\n" + chunk + "\r\n";
    raw += "0\r\n\r\n";
    return SendRaw("127.0.0.1", port_, raw, 3s);
  };
  EXPECT_EQ(chunked("/api/uploads/1", 2).rfind("HTTP/1.1 200", 0), 0u);
  EXPECT_EQ(chunked("/api/uploads/1", 3).rfind("HTTP/1.1 413", 0), 0u);
  EXPECT_EQ(chunked("/api/echo", 2).rfind("HTTP/1.1 413", 0), 0u);
}

TEST_F(ServerTest, UnknownRouteIs404InErrorShape) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse response = client.Get("/api/nope");
  ExpectErrorShape(response, 404, "http.not_found");
  EXPECT_EQ(response.Json()["error"]["message"], Message("http.not_found", Lang::kZh));
  EXPECT_TRUE(response.Json()["error"]["details"].empty());
}

TEST_F(ServerTest, WrongMethodIs405InErrorShape) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  client.SetHeader("Accept-Language", "en-US,en;q=0.9");
  TestResponse response = client.Delete("/api/echo");
  ExpectErrorShape(response, 405, "http.method_not_allowed");
  EXPECT_EQ(response.Json()["error"]["message"], "This method is not allowed here.");
  EXPECT_EQ(response.Header("Allow"), "GET, HEAD, POST");
}

TEST_F(ServerTest, MalformedRequestLineIs400ThenClose) {
  StartServer();
  std::string answer = SendRaw("127.0.0.1", port_, "GARBAGE\r\n\r\n", 3s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << answer;
  EXPECT_NE(answer.find("http.bad_request"), std::string::npos);
  EXPECT_NE(answer.find("Connection: close"), std::string::npos);
  std::string bad_version = SendRaw("127.0.0.1", port_, "GET / HTTP/9.9x\r\n\r\n", 3s);
  EXPECT_EQ(bad_version.rfind("HTTP/1.1 400", 0), 0u) << bad_version;
}

// Handlers store and show what they are given: text that is not UTF-8 would
// fail in PostgreSQL (a 500) or come back mangled, so the server refuses it.
TEST_F(ServerTest, PathsAndQueriesThatAreNotUtf8Are400) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  for (const char* target : {"/api/echo?q=%FF%FE", "/api/echo?%C3%28=1", "/api/echo?q=%ED%A0%80",
                             "/api/items/%C0%AF", "/api/items/%FF"}) {
    ExpectErrorShape(client.Get(target), 400, "http.bad_request");
  }
  TestResponse chinese = client.Get("/api/echo?q=%E7%94%B2");
  EXPECT_EQ(chinese.status, 200) << chinese.body;
  EXPECT_EQ(chinese.Json()["query"]["q"], "甲");
}

TEST_F(ServerTest, HeadersOverLimitAre431) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse response = client.Get("/healthz", {{"X-Big", std::string(10000, 'h')}});
  ExpectErrorShape(response, 431, "http.header_too_large");
}

TEST_F(ServerTest, RequestIdIsEchoedOrGenerated) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse given = client.Get("/api/echo", {{"X-Request-Id", "abc-123.x_Y"}});
  EXPECT_EQ(given.Header("X-Request-Id"), "abc-123.x_Y");
  EXPECT_EQ(given.Json()["request_id"], "abc-123.x_Y");

  TestResponse generated = client.Get("/api/echo");
  std::string id = generated.Header("X-Request-Id");
  EXPECT_EQ(id.size(), 16u);
  EXPECT_EQ(generated.Json()["request_id"], id);
  EXPECT_NE(client.Get("/api/echo").Header("X-Request-Id"), id);

  for (const std::string& unsafe :
       {std::string(65, 'a'), std::string("a b"), std::string("<script>"), std::string("x;y")}) {
    TestResponse replaced = client.Get("/api/echo", {{"X-Request-Id", unsafe}});
    EXPECT_NE(replaced.Header("X-Request-Id"), unsafe);
    EXPECT_EQ(replaced.Header("X-Request-Id").size(), 16u);
  }
}

TEST_F(ServerTest, BuildsTheRequest) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  client.SetHeader("X-Test", "yes");
  TestResponse response =
      client.Get("/api/echo?q=%E6%9D%AD+%E5%B7%9E&a=1&a=2&flag",
                 {{"Accept-Language", "en"}, {"Cookie", "b=1; c=cookie-value"}});
  ASSERT_EQ(response.status, 200);
  Json body = response.Json();
  EXPECT_EQ(body["method"], "GET");
  EXPECT_EQ(body["path"], "/api/echo");
  EXPECT_EQ(body["target"], "/api/echo?q=%E6%9D%AD+%E5%B7%9E&a=1&a=2&flag");
  EXPECT_EQ(body["query"]["q"], "杭 州");
  EXPECT_EQ(body["query"]["a"], "2");
  EXPECT_EQ(body["query"]["flag"], "");
  EXPECT_EQ(body["client"], "127.0.0.1");
  EXPECT_EQ(body["lang"], "en");
  EXPECT_EQ(body["cookie"], "cookie-value");
  EXPECT_EQ(body["x_test"], "yes");

  TestResponse item = client.Get("/api/items/%E4%B8%AD%2F1");
  EXPECT_EQ(item.Json()["id"], "中/1");
  EXPECT_EQ(client.Get("/api/items/7/").Json()["id"], "7");
}

TEST_F(ServerTest, RepeatedResponseHeadersPassThrough) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse login = client.Post("/api/login", "{}");
  ASSERT_EQ(login.status, 200);
  ASSERT_EQ(login.set_cookies.size(), 2u);
  EXPECT_EQ(login.set_cookies[0], "c=jar-value; Path=/; HttpOnly; SameSite=Strict");
  EXPECT_EQ(login.set_cookies[1], "other=1; Path=/");
}

TEST_F(ServerTest, SecurityHeaders) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse api = client.Get("/api/echo");
  EXPECT_EQ(api.Header("X-Content-Type-Options"), "nosniff");
  EXPECT_EQ(api.Header("X-Frame-Options"), "DENY");
  EXPECT_EQ(api.Header("Referrer-Policy"), "no-referrer");
  EXPECT_EQ(api.Header("Cache-Control"), "no-store");
  EXPECT_EQ(api.Header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_FALSE(api.Header("Date").empty());
  EXPECT_EQ(client.Get("/api/nope").Header("Cache-Control"), "no-store");
  TestResponse html = client.Get("/");
  EXPECT_NE(html.Header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(html.Header("X-Frame-Options"), "DENY");
  EXPECT_FALSE(html.Header("X-Request-Id").empty());
  // Style sheets from the app only, no <style> elements; style attributes pass.
  const std::string csp = html.Header("Content-Security-Policy");
  EXPECT_NE(csp.find("style-src 'self';"), std::string::npos) << csp;
  EXPECT_NE(csp.find("style-src-attr 'unsafe-inline'"), std::string::npos) << csp;
  EXPECT_EQ(csp.find("style-src 'self' 'unsafe-inline'"), std::string::npos) << csp;
  // Plain HTTP unless told otherwise: no HSTS.
  EXPECT_EQ(api.Header("Strict-Transport-Security"), "");
}

TEST_F(ServerTest, StrictTransportSecurityWhenAsked) {
  ServerOptions options;
  options.strict_transport_security = true;
  StartServer(options);
  TestClient client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/api/echo").Header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(client.Get("/api/nope").Header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(client.Get("/").Header("Strict-Transport-Security"), "max-age=31536000");
}

TEST_F(ServerTest, HeaderInjectionFromHandlerIsDropped) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse response = client.Get("/api/bad-header");
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Header("X-Evil"), "");
  EXPECT_EQ(response.Header("Injected"), "");
}

TEST_F(ServerTest, NoContentHasNoBody) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse response = client.Get("/api/no-content");
  EXPECT_EQ(response.status, 204);
  EXPECT_EQ(response.body, "");
  EXPECT_EQ(client.Get("/healthz").status, 200);  // the connection is still in sync
}

TEST_F(ServerTest, HeadAnswersWithoutBody) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse head = client.Request("HEAD", "/healthz", "");
  EXPECT_EQ(head.status, 200);
  EXPECT_EQ(head.body, "");
  EXPECT_EQ(head.Header("Content-Length"), "15");  // {"status":"ok"}
  TestResponse static_head = client.Request("HEAD", "/", "");
  EXPECT_EQ(static_head.status, 200);
  EXPECT_EQ(static_head.body, "");
  EXPECT_EQ(client.Get("/healthz").body, R"({"status":"ok"})");
  EXPECT_EQ(client.connections_opened(), 1);
}

TEST_F(ServerTest, ThrowingHandlerIs500AndServerSurvives) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse response = client.Get("/api/throw");
  ExpectErrorShape(response, 500, "internal");
  EXPECT_EQ(response.body.find("handler bug"), std::string::npos);
  EXPECT_EQ(client.Get("/healthz").status, 200);
}

TEST_F(ServerTest, ServesStaticFilesAndIndexFallback) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  TestResponse index = client.Get("/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.body, "<!doctype html><title>jieli</title>");
  EXPECT_EQ(index.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.Header("Cache-Control"), "no-cache");

  TestResponse asset = client.Get("/assets/app.1234.js");
  EXPECT_EQ(asset.status, 200);
  EXPECT_EQ(asset.body, "console.log(1)");
  EXPECT_EQ(asset.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_NE(asset.Header("Cache-Control").find("immutable"), std::string::npos);
  // Run as the service worker, a script may fetch from the app's origin, and nothing else.
  EXPECT_EQ(asset.Header("Content-Security-Policy"),
            "default-src 'none'; connect-src 'self'; frame-ancestors 'none'");

  EXPECT_EQ(client.Get("/favicon.ico").Header("Content-Type"), "image/x-icon");

  // Client-side routes get index.html; missing files with an extension get 404.
  TestResponse route = client.Get("/cases/42/edit?tab=plan");
  EXPECT_EQ(route.status, 200);
  EXPECT_EQ(route.body, index.body);
  EXPECT_EQ(client.Get("/assets").body, index.body);
  ExpectErrorShape(client.Get("/assets/missing.js"), 404, "http.not_found");

  // Only GET and HEAD for files.
  ExpectErrorShape(client.Post("/index.html", "{}"), 405, "http.method_not_allowed");
}

TEST_F(ServerTest, ServesPrecompressedCopiesToClientsThatTakeThem) {
  // The web build writes name.br and name.gz beside a compressible file; here
  // their contents only need to be told apart.
  Write(base_ / "web" / "assets" / "app.1234.js.br", "brotli bytes");
  Write(base_ / "web" / "assets" / "app.1234.js.gz", "gzip bytes");
  Write(base_ / "web" / "index.html.gz", "gzipped index");
  StartServer();
  TestClient client("127.0.0.1", port_);

  TestResponse br = client.Get("/assets/app.1234.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  EXPECT_EQ(br.status, 200);
  EXPECT_EQ(br.body, "brotli bytes");
  EXPECT_EQ(br.Header("Content-Encoding"), "br");
  EXPECT_EQ(br.Header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(br.Header("Vary"), "Accept-Encoding");
  EXPECT_NE(br.Header("Cache-Control").find("immutable"), std::string::npos);

  TestResponse gz = client.Get("/assets/app.1234.js", {{"Accept-Encoding", "br;q=0, gzip"}});
  EXPECT_EQ(gz.body, "gzip bytes");
  EXPECT_EQ(gz.Header("Content-Encoding"), "gzip");

  TestResponse plain = client.Get("/assets/app.1234.js", {{"Accept-Encoding", "identity"}});
  EXPECT_EQ(plain.body, "console.log(1)");
  EXPECT_EQ(plain.Header("Content-Encoding"), "");

  // Only a gzip copy of index.html: a brotli client gets it, also for a client-side route.
  TestResponse route = client.Get("/cases/7", {{"Accept-Encoding", "br, gzip"}});
  EXPECT_EQ(route.body, "gzipped index");
  EXPECT_EQ(route.Header("Content-Encoding"), "gzip");
  EXPECT_EQ(route.Header("Cache-Control"), "no-cache");
  EXPECT_EQ(client.Get("/favicon.ico", {{"Accept-Encoding", "br"}}).body, "ico");

  // A copy asked for by its own name goes out as the bytes it is, not marked as encoded.
  TestResponse raw = client.Get("/assets/app.1234.js.gz", {{"Accept-Encoding", "gzip"}});
  EXPECT_EQ(raw.body, "gzip bytes");
  EXPECT_EQ(raw.Header("Content-Encoding"), "");
}

TEST_F(ServerTest, StaticFilesCannotEscapeTheWebRoot) {
  StartServer();
  for (const std::string& target :
       {std::string("/../secret.txt"), std::string("/assets/../../secret.txt"),
        std::string("/%2e%2e/secret.txt"), std::string("/assets%2F..%2F..%2Fsecret.txt"),
        std::string("/a%00b")}) {
    std::string answer =
        SendRaw("127.0.0.1", port_, "GET " + target + " HTTP/1.1\r\nHost: x\r\n\r\n", 3s);
    EXPECT_EQ(answer.rfind("HTTP/1.1 400", 0), 0u) << target << "\n" << answer;
    EXPECT_EQ(answer.find("top secret"), std::string::npos) << target;
  }
  // A symlink that points out of the web root is not followed.
  TestClient client("127.0.0.1", port_);
  TestResponse link = client.Get("/link.txt");
  EXPECT_EQ(link.status, 404);
  EXPECT_EQ(link.body.find("top secret"), std::string::npos);
}

TEST_F(ServerTest, NoWebRootMeans404) {
  std::filesystem::remove(base_ / "web" / "index.html");
  StartServer();
  TestClient client("127.0.0.1", port_);
  ExpectErrorShape(client.Get("/"), 404, "http.not_found");
  ExpectErrorShape(client.Get("/some/route"), 404, "http.not_found");
  EXPECT_EQ(client.Get("/favicon.ico").status, 200);
}

TEST_F(ServerTest, PipelinedRequestsAreAnsweredInOrder) {
  StartServer();
  std::string raw =
      "GET /api/items/1 HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /api/items/2 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n";
  std::string answer = SendRaw("127.0.0.1", port_, raw, 3s);
  auto first = answer.find(R"({"id":"1"})");
  auto second = answer.find(R"({"id":"2"})");
  ASSERT_NE(first, std::string::npos) << answer;
  ASSERT_NE(second, std::string::npos) << answer;
  EXPECT_LT(first, second);
}

TEST_F(ServerTest, ExpectContinueGetsInterimResponse) {
  StartServer();
  std::string raw =
      "POST /api/echo HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n"
      "Content-Type: application/json\r\nConnection: close\r\n\r\n{}";
  std::string answer = SendRaw("127.0.0.1", port_, raw, 3s);
  EXPECT_EQ(answer.rfind("HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 200", 0), 0u) << answer;
}

TEST_F(ServerTest, ReadTimeoutClosesHalfRequest) {
  ServerOptions options;
  options.read_timeout = 1s;
  StartServer(options);
  auto start = std::chrono::steady_clock::now();
  std::string answer = SendRaw("127.0.0.1", port_, "GET /healthz HTTP/1.1\r\nHost: x\r\n", 5s);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(answer, "");
  EXPECT_GE(elapsed, 900ms);
  EXPECT_LT(elapsed, 3s);
}

TEST_F(ServerTest, IdleTimeoutClosesKeepAliveConnection) {
  ServerOptions options;
  options.idle_timeout = 1s;
  StartServer(options);
  auto start = std::chrono::steady_clock::now();
  std::string answer = SendRaw("127.0.0.1", port_, "", 5s);
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_EQ(answer, "");
  EXPECT_LT(elapsed, 3s);
}

TEST_F(ServerTest, SlowHandlerInFlightDuringStopStillAnswers) {
  StartServer();
  TestClient idle("127.0.0.1", port_);
  ASSERT_EQ(idle.Get("/healthz").status, 200);  // an idle keep-alive connection
  auto slow = std::async(std::launch::async, [port = port_] {
    TestClient client("127.0.0.1", port);
    return client.Get("/api/slow");
  });
  for (int i = 0; i < 200 && !gate_.entered; ++i) std::this_thread::sleep_for(10ms);
  ASSERT_TRUE(gate_.entered);
  auto start = std::chrono::steady_clock::now();
  server_->Stop();
  auto elapsed = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(gate_.finished);
  EXPECT_LT(elapsed, 5s);  // the idle connection did not hold the stop up
  TestResponse response = slow.get();
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.Json()["slow"], true);
  EXPECT_EQ(response.Header("Connection"), "close");
  // Stopped: new connections are refused.
  EXPECT_EQ(TestClient("127.0.0.1", port_).Get("/healthz").status, 0);
}

TEST_F(ServerTest, ForwardedForCountsOnlyBehindATrustedProxy) {
  ServerOptions options;
  options.trusted_proxies = {"127.0.0.1", "10.0.0.9"};
  StartServer(options);
  TestClient client("127.0.0.1", port_);
  auto client_of = [&](const std::string& forwarded) {
    return client.Get("/api/echo", {{"X-Forwarded-For", forwarded}}).Json()["client"];
  };
  EXPECT_EQ(client_of("203.0.113.7"), "203.0.113.7");
  // The last hop not our own: whatever the client put before it is its word.
  EXPECT_EQ(client_of("198.51.100.1, 203.0.113.7, 10.0.0.9"), "203.0.113.7");
  EXPECT_EQ(client_of("2001:db8::1"), "2001:db8::1");
  EXPECT_EQ(client_of("not-an-address"), "127.0.0.1");
  EXPECT_EQ(client_of(""), "127.0.0.1");
}

TEST_F(ServerTest, ForwardedForFromAnyoneElseIsIgnored) {
  StartServer();
  TestClient client("127.0.0.1", port_);
  EXPECT_EQ(client.Get("/api/echo", {{"X-Forwarded-For", "203.0.113.7"}}).Json()["client"],
            "127.0.0.1");
}

TEST_F(ServerTest, AStreamSendsChunksUntilTheClientLeaves) {
  StartServer();
  std::string answer =
      SendRaw("127.0.0.1", port_, "GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n", 1s);
  EXPECT_NE(answer.find("HTTP/1.1 200"), std::string::npos) << answer;
  EXPECT_NE(answer.find("Transfer-Encoding: chunked\r\n"), std::string::npos) << answer;
  EXPECT_NE(answer.find("X-Accel-Buffering: no\r\n"), std::string::npos) << answer;
  EXPECT_EQ(answer.find("Content-Length"), std::string::npos) << answer;
  EXPECT_NE(answer.find("\r\n\r\n6\r\nhello\n\r\n5\r\nworld\r\n"), std::string::npos) << answer;
  // SendRaw has closed its end: the writer learns that the stream is over.
  std::shared_ptr<StreamWriter> writer;
  bool closed = false;
  for (int i = 0; i < 500 && !closed; ++i) {
    {
      std::lock_guard lock(gate_.stream_mutex);
      writer = gate_.stream;
    }
    if (writer) writer->Write(": ping\n\n");
    closed = writer && writer->Closed();
    if (!closed) std::this_thread::sleep_for(10ms);
  }
  EXPECT_TRUE(closed);
  EXPECT_FALSE(writer && writer->Write("late"));
}

TEST_F(ServerTest, AStreamClosedByItsWriterEndsAfterWhatWasQueued) {
  StartServer();
  auto reader = std::async(std::launch::async, [port = port_] {
    return SendRaw("127.0.0.1", port, "GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n", 20s);
  });
  std::shared_ptr<StreamWriter> writer;
  for (int i = 0; i < 500 && !writer; ++i) {
    {
      std::lock_guard lock(gate_.stream_mutex);
      writer = gate_.stream;
    }
    if (!writer) std::this_thread::sleep_for(10ms);
  }
  ASSERT_TRUE(writer);
  writer->Write("bye");
  writer->Close();
  std::string answer = reader.get();  // returns when the server closes
  EXPECT_NE(answer.find("3\r\nbye\r\n"), std::string::npos) << answer;
  for (int i = 0; i < 500 && !writer->Closed(); ++i) std::this_thread::sleep_for(10ms);
  EXPECT_TRUE(writer->Closed());
}

TEST_F(ServerTest, StopEndsOpenStreams) {
  StartServer();
  auto reader = std::async(std::launch::async, [port = port_] {
    return SendRaw("127.0.0.1", port, "GET /api/stream HTTP/1.1\r\nHost: x\r\n\r\n", 20s);
  });
  for (int i = 0; i < 500; ++i) {
    std::lock_guard lock(gate_.stream_mutex);
    if (gate_.stream) break;
    std::this_thread::sleep_for(10ms);
  }
  server_->Stop();
  std::string answer = reader.get();  // returns as soon as the server closes
  EXPECT_NE(answer.find("6\r\nhello\n\r\n"), std::string::npos) << answer;
  std::lock_guard lock(gate_.stream_mutex);
  ASSERT_TRUE(gate_.stream);
  EXPECT_TRUE(gate_.stream->Closed());
}

TEST_F(ServerTest, StopTwiceAndWait) {
  StartServer();
  auto waiter = std::async(std::launch::async, [this] { server_->Wait(); });
  EXPECT_EQ(waiter.wait_for(100ms), std::future_status::timeout);
  server_->Stop();
  EXPECT_EQ(waiter.wait_for(5s), std::future_status::ready);
  server_->Stop();
  server_->Wait();
}

TEST_F(ServerTest, BindFailureIsAnError) {
  StartServer();
  ServerOptions options;
  options.host = "127.0.0.1";
  options.port = port_;
  options.threads = 1;
  options.access_log = false;
  Server second(options, router_);
  Status started = second.Start();
  ASSERT_FALSE(started.ok());
  EXPECT_EQ(started.error().code(), "http.bind_failed");
  EXPECT_EQ(started.error().kind(), ErrorKind::kUnavailable);
  EXPECT_EQ(started.error().params().at("address"), "127.0.0.1:" + std::to_string(port_));
}

TEST_F(ServerTest, AccessLogDoesNotDisturbRequests) {
  router_.Add("GET", "/readyz", [](Request&) { return JsonResponse(200, {{"ready", true}}); }, {});
  ServerOptions options;
  StartServer(options);
  server_->Stop();
  options.access_log = true;
  options.host = "127.0.0.1";
  options.port = 0;
  options.threads = 2;
  options.web_root = web_root_;
  server_ = std::make_unique<Server>(options, router_);
  ASSERT_TRUE(server_->Start().ok());
  TestClient client("127.0.0.1", server_->port());
  EXPECT_EQ(client.Get("/readyz?secret=1").status, 200);
  EXPECT_EQ(client.Get("/api/nope").status, 404);
}

}  // namespace
}  // namespace jieli::http
