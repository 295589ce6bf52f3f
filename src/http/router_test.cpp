#include "http/router.hpp"

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

// A handler that answers with its own name, so a test can see which route won.
Handler Named(const std::string& name) {
  return [name](Request&) {
    Response response;
    response.body = name;
    return response;
  };
}

std::string Winner(const Router& router, std::string_view method, std::string_view path) {
  Result<Router::Match> match = router.Find(method, path);
  if (!match) return "error:" + match.error().code();
  Request request;
  return match->route->handler(request).body;
}

Router MakeRouter() {
  Router router;
  router.Add("GET", "/api/v1/orgs", Named("list"), {});
  router.Add("POST", "/api/v1/orgs", Named("create"), {});
  router.Add("GET", "/api/v1/orgs/{id}", Named("get"), {});
  router.Add("GET", "/api/v1/orgs/tree", Named("tree"), {});
  router.Add("GET", "/api/v1/orgs/{id}/users/{user_id}", Named("user"), {});
  router.Add("GET", "/api/v1/{kind}/export", Named("export"), {});
  router.Add("GET", "/healthz", Named("health"), {});
  return router;
}

TEST(Router, MatchesLiteralRoutes) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs"), "list");
  EXPECT_EQ(Winner(router, "POST", "/api/v1/orgs"), "create");
  EXPECT_EQ(Winner(router, "GET", "/healthz"), "health");
}

TEST(Router, ExtractsParams) {
  Router router = MakeRouter();
  Result<Router::Match> match = router.Find("GET", "/api/v1/orgs/42/users/7");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->params.at("id"), "42");
  EXPECT_EQ(match->params.at("user_id"), "7");
  EXPECT_EQ(match->params.size(), 2u);
}

TEST(Router, LiteralSegmentBeatsParam) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/tree"), "tree");
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/tre"), "get");
  // Registration order must not matter: the literal route added first also wins.
  Router reversed;
  reversed.Add("GET", "/a/b", Named("literal"), {});
  reversed.Add("GET", "/a/{x}", Named("param"), {});
  EXPECT_EQ(Winner(reversed, "GET", "/a/b"), "literal");
  EXPECT_EQ(Winner(reversed, "GET", "/a/c"), "param");
}

TEST(Router, EarlierLiteralWinsOverLaterLiteral) {
  Router router;
  router.Add("GET", "/x/{a}/c", Named("late"), {});
  router.Add("GET", "/x/b/{c}", Named("early"), {});
  EXPECT_EQ(Winner(router, "GET", "/x/b/c"), "early");
}

TEST(Router, UnknownPathIsNotFound) {
  Router router = MakeRouter();
  Result<Router::Match> match = router.Find("GET", "/api/v1/nothing/here/at/all");
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.error().code(), "http.not_found");
  EXPECT_EQ(match.error().kind(), ErrorKind::kNotFound);
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/1/users"), "error:http.not_found");
  EXPECT_EQ(Winner(router, "GET", "/"), "error:http.not_found");
}

TEST(Router, KnownPathWithOtherMethodIsMethodNotAllowed) {
  Router router = MakeRouter();
  Result<Router::Match> match = router.Find("DELETE", "/api/v1/orgs");
  ASSERT_FALSE(match.ok());
  EXPECT_EQ(match.error().code(), "http.method_not_allowed");
  EXPECT_EQ(match.error().kind(), ErrorKind::kMethodNotAllowed);
  EXPECT_EQ(Winner(router, "POST", "/api/v1/orgs/5"), "error:http.method_not_allowed");
}

TEST(Router, ParamRouteAnswersWhenLiteralRouteLacksTheMethod) {
  Router router;
  router.Add("POST", "/items/new", Named("post-new"), {});
  router.Add("GET", "/items/{id}", Named("get-item"), {});
  EXPECT_EQ(Winner(router, "GET", "/items/new"), "get-item");
  EXPECT_EQ(Winner(router, "POST", "/items/new"), "post-new");
}

TEST(Router, TrailingSlashIsNotSignificant) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/"), "list");
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/9/"), "get");
  Router slashed;
  slashed.Add("GET", "/b/", Named("b"), {});
  EXPECT_EQ(Winner(slashed, "GET", "/b"), "b");
  EXPECT_EQ(Winner(slashed, "GET", "/b/"), "b");
}

TEST(Router, EmptySegmentsDoNotMatchParams) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs//users/7"), "error:http.not_found");
}

TEST(Router, PathParamsArePercentDecoded) {
  Router router = MakeRouter();
  Result<Router::Match> match = router.Find("GET", "/api/v1/orgs/%E6%9D%AD%E5%B7%9E%20a%2Fb");
  ASSERT_TRUE(match.ok());
  EXPECT_EQ(match->params.at("id"), "杭州 a/b");
  // Literal segments compare decoded too.
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/%74ree"), "tree");
  // An encoded slash stays inside its segment instead of splitting it.
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs%2Ftree"), "error:http.not_found");
}

TEST(Router, MalformedEscapeIsNotFound) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/%zz"), "error:http.not_found");
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs/%4"), "error:http.not_found");
}

TEST(Router, QueryStringIsIgnored) {
  Router router = MakeRouter();
  EXPECT_EQ(Winner(router, "GET", "/api/v1/orgs?page=2"), "list");
}

TEST(Router, KeepsRoutesInRegistrationOrder) {
  Router router = MakeRouter();
  ASSERT_EQ(router.routes().size(), 7u);
  EXPECT_EQ(router.routes()[0].pattern, "/api/v1/orgs");
  EXPECT_EQ(router.routes()[2].method, "GET");
}

TEST(PercentDecode, DecodesAndRejects) {
  EXPECT_EQ(PercentDecode("a%20b+c").value(), "a b+c");
  EXPECT_EQ(PercentDecode("a%20b+c", true).value(), "a b c");
  EXPECT_EQ(PercentDecode("%e4%B8%ad").value(), "中");
  EXPECT_FALSE(PercentDecode("%").has_value());
  EXPECT_FALSE(PercentDecode("ab%2").has_value());
  EXPECT_FALSE(PercentDecode("%g0").has_value());
  EXPECT_EQ(PercentDecode("").value(), "");
}

TEST(Request, HeaderLookupIgnoresCase) {
  Request request;
  request.headers["Content-Type"] = "application/json";
  EXPECT_EQ(request.Header("content-type"), "application/json");
  EXPECT_EQ(request.Header("CONTENT-TYPE"), "application/json");
  EXPECT_EQ(request.Header("Accept"), "");
}

TEST(Request, CookiesAreParsed) {
  Request request;
  request.headers["cookie"] = "a=1; jieli_session=abc; quoted=\"x y\";flag; b = 2 ";
  EXPECT_EQ(request.Cookie("jieli_session").value(), "abc");
  EXPECT_EQ(request.Cookie("a").value(), "1");
  EXPECT_EQ(request.Cookie("quoted").value(), "x y");
  EXPECT_EQ(request.Cookie("b").value(), "2");
  EXPECT_FALSE(request.Cookie("flag").has_value());
  EXPECT_FALSE(request.Cookie("A").has_value());  // names are case-sensitive
  Request without;
  EXPECT_FALSE(without.Cookie("a").has_value());
}

TEST(Request, QueryLookup) {
  Request request;
  request.query["page"] = "2";
  EXPECT_EQ(request.Query("page").value(), "2");
  EXPECT_FALSE(request.Query("page_size").has_value());
}

}  // namespace
}  // namespace jieli::http
