// The authorisation matrix: every route of the route table × every caller
// (no session, each demo account, one user for every other role) × objects
// inside and outside the caller's scope, against the rules the services
// implement (docs/testing.md):
//   no session on a route that needs one          401
//   the route's permission held nowhere           403 auth.forbidden naming
//   (lists too, and before any validation: a      the permission, whatever
//   malformed body or query is still a 403)       the object
//   the object outside the caller's scope         404 (never the object)
//   inside, without a role granting the route's   403
//   permission (RouteDoc::permission)
//   inside, with it                               anything but 401/403/404
//                                                 and 5xx (a minimal body may
//                                                 well be a 400 or a 409)
// Besides: every refusal has the one error shape and writes nothing (the
// write log of route_world.hpp) but the accounting of a failed password or
// TOTP check (FailedCheckAccounting), and no answer to anyone carries a marker of
// an object the caller may not read (another agency's names, notes, files,
// phone numbers) or the id of an organisation, client or case outside their
// scope.
#include <chrono>
#include <iostream>

#include "modules/clients/xlsx_reader.hpp"
#include "route_world.hpp"

namespace jieli::test {
namespace {

using auth::Permission;

std::string ToString(Outcome outcome) {
  switch (outcome) {
    case Outcome::kAllowed:
      return "allowed (not 401/403/404, not 5xx)";
    case Outcome::kUnauthenticated:
      return "401";
    case Outcome::kForbidden:
      return "403";
    case Outcome::kNotFound:
      return "404";
  }
  return "";
}

// A field issue saying that what the body refers to does not exist.
bool IsNotFoundFieldIssue(const TestResponse& response) {
  json body = response.Json();
  if (response.status != 400 || !HasErrorShape(response)) return false;
  for (const auto& detail : body["error"]["details"]) {
    if (detail.value("code", "") == "not_found") return true;
  }
  return false;
}

class AuthzMatrixTest : public RouteWorldTest {
 protected:
  static bool Meets(Outcome outcome, const RoutePlan& plan, const TestResponse& response) {
    const int status = response.status;
    switch (outcome) {
      case Outcome::kAllowed:
        return status >= 200 && status < 500 && status != 401 && status != 403 && status != 404;
      case Outcome::kUnauthenticated:
        return status == 401;
      case Outcome::kForbidden:
        return status == 403;
      case Outcome::kNotFound:
        return status == 404 || (plan.target_in_body && IsNotFoundFieldIssue(response));
    }
    return false;
  }

  // A refusal of a caller who holds the route's permission nowhere: 403
  // auth.forbidden whose message names the permission.
  static bool NamesThePermission(const RoutePlan& plan, const TestResponse& response) {
    if (response.status != 403 || !HasErrorShape(response)) return false;
    const json error = response.Json()["error"];
    const std::string label = Message("auth.permission." + plan.route->doc.permission, Lang::kZh);
    return error["code"] == "auth.forbidden" &&
           error["message"] == Message("auth.forbidden", Lang::kZh, {{"permission", label}});
  }

  // The call made malformed every way a handler would refuse with a 400: a
  // broken body, nonsense paging, sort and filters.
  static Call Malformed(Call call) {
    call.path += call.path.find('?') == std::string::npos ? "?" : "&";
    call.path += "page=0&page_size=-1&sort=%3F%3F&org_id=x&status=nope&mine=maybe&from=yesterday";
    if (call.method != "GET") call.body = R"({"name": )";
    return call;
  }

  // The organisation of a client or a case, from the store (cached).
  std::optional<std::int64_t> OrgOf(const std::string& table, std::int64_t id) {
    auto key = std::make_pair(table, id);
    if (auto it = org_of_.find(key); it != org_of_.end()) return it->second;
    auto row = app_->db().QueryOne("SELECT org_id FROM " + table + " WHERE id = ?", {id});
    std::optional<std::int64_t> org;
    if (row && *row) org = (*row)->Int(0);
    org_of_[key] = org;
    return org;
  }

  // What the answer shows that the caller may not see.
  std::vector<std::string> Leaks(const RoutePlan& plan, const Caller& asker,
                                 const TestResponse& response) {
    std::vector<std::string> leaks;
    // A sign-in answers about the account that signed in, which for the
    // caller without a session is the recipe's.
    const bool sign_in = plan.key == "POST /api/v1/auth/login";
    const Caller& caller = sign_in && !asker.signed_in() ? login_account_ : asker;
    std::string text = response.body;
    if (clients::LooksLikeXlsx(text)) {
      text.clear();
      auto table = clients::ReadXlsx(response.body);
      EXPECT_TRUE(table) << plan.key << ": the workbook does not read";
      if (table) {
        for (const auto& row : *table) {
          for (const auto& cell : row) text += cell.text + "\t";
        }
      }
    }
    // The audit log is the one place that shows every change in the
    // caller's scope, whoever may read the object: to the admins who hold
    // audit.read; but never client data in clear (Marker::in_audit).
    const bool audit = plan.route->doc.permission == "audit.read";
    for (const Marker& marker : markers_) {
      if (text.find(marker.text) == std::string::npos) continue;
      bool may = false;
      for (std::int64_t org : marker.orgs) {
        if (audit && marker.in_audit) may = may || CanSee(caller, org);
        for (Permission permission : marker.permissions) {
          may = may || Grants(caller, permission, org);
        }
      }
      // A public route's token is what lets its holder see the survey's
      // title and the organisation asking (the page shows them to the client).
      if (!plan.route->doc.requires_auth && plan.target_kind == "survey" &&
          (marker.what == "survey title" || marker.what == "organisation name")) {
        may = true;
      }
      // The public pages list the agencies a citizen may choose.
      if (plan.key == "GET /api/v1/public/agencies" && marker.what == "organisation name") {
        may = true;
      }
      if (may) shown_.insert(marker.text);
      if (!may) leaks.push_back(marker.what + " \"" + marker.text + "\"");
    }
    std::function<void(const json&)> walk = [&](const json& node) {
      if (node.is_array()) {
        for (const auto& item : node) walk(item);
        return;
      }
      if (!node.is_object()) return;
      for (const auto& [key, value] : node.items()) {
        if (value.is_number_integer()) {
          std::optional<std::int64_t> org;
          if (key == "org_id") org = value.get<std::int64_t>();
          if (key == "client_id") org = OrgOf("clients", value.get<std::int64_t>());
          if (key == "case_id") org = OrgOf("cases", value.get<std::int64_t>());
          if (org && !CanSee(caller, *org)) {
            leaks.push_back(key + " " + std::to_string(value.get<std::int64_t>()) +
                            " outside the caller's scope");
          }
        } else {
          walk(value);
        }
      }
    };
    json body = response.Json();
    if (!body.is_discarded()) walk(body);
    return leaks;
  }

  std::map<std::pair<std::string, std::int64_t>, std::optional<std::int64_t>> org_of_;
  std::set<std::string> shown_;  // markers some answer showed to a caller who may see them
};

TEST_P(AuthzMatrixTest, EveryRouteAnswersEveryCallerAsTheRulesSay) {
  // A route the matrix cannot aim at fails it, saying what to extend.
  http::Route widget{"GET",
                     "/api/v1/widgets/{id}",
                     nullptr,
                     {.summary = "A widget", .tag = "widgets", .permission = "cases.read"}};
  auto unknown = PlanRoute(widget);
  ASSERT_FALSE(unknown);
  EXPECT_NE(unknown.error().log_detail().find("PathKinds"), std::string::npos)
      << unknown.error().log_detail();

  const auto started = std::chrono::steady_clock::now();
  std::map<Outcome, int> asked;
  int requests = 0, routes = 0;
  for (const http::Route& route : app_->router().routes()) {
    auto plan = PlanRoute(route);
    if (!plan) {
      ADD_FAILURE() << "The matrix cannot exercise " << plan.error().log_detail();
      continue;
    }
    ++routes;
    for (Caller& caller : callers_) {
      std::vector<Target> targets;
      if (!plan->target_kind.empty()) targets = TargetsOf(plan->target_kind, caller);
      std::vector<const Target*> aims;
      for (const Target& target : targets) aims.push_back(&target);
      if (plan->target_kind.empty()) aims.push_back(nullptr);
      ASSERT_FALSE(aims.empty()) << plan->key << ": no " << plan->target_kind << " to aim at";
      for (const Target* target : aims) {
        const Call call = plan->build(caller, target);
        const Outcome outcome = Expected(*plan, caller, target);
        ++asked[outcome];
        ++requests;
        std::vector<std::string> writes;
        TestResponse response = Send(caller, call, writes);
        const std::string what = plan->key + " as " + caller.label +
                                 (target ? " on the " + target->label : std::string()) + " (" +
                                 call.method + " " + call.path + ")";
        EXPECT_TRUE(Meets(outcome, *plan, response))
            << what << ": expected " << ToString(outcome) << ", got " << response.status << " "
            << response.body.substr(0, 300);
        if (response.status >= 400) {
          EXPECT_TRUE(HasErrorShape(response)) << what << ": " << response.body.substr(0, 300);
          EXPECT_TRUE(writes.empty() || FailedCheckAccounting(plan->key, response, writes))
              << what << " was refused (" << response.status << ") but wrote: " << Join(writes);
        }
        auto leaks = Leaks(*plan, caller, response);
        EXPECT_TRUE(leaks.empty())
            << what << " answered " << response.status << " showing " << Join(leaks);
        if (RefusedUpfront(*plan, caller)) {
          EXPECT_TRUE(NamesThePermission(*plan, response))
              << what << " does not name the permission lacked: " << response.body.substr(0, 300);
        }
      }
      // Refused before validation: the same 403 for a request that is
      // malformed throughout (once a caller, not once a target).
      if (RefusedUpfront(*plan, caller)) {
        const Call malformed = Malformed(plan->build(caller, aims.front()));
        ++requests;
        std::vector<std::string> writes;
        TestResponse response = Send(caller, malformed, writes);
        EXPECT_TRUE(NamesThePermission(*plan, response))
            << plan->key << " as " << caller.label << ", malformed (" << malformed.method << " "
            << malformed.path << "): expected 403 auth.forbidden naming "
            << plan->route->doc.permission << ", got " << response.status << " "
            << response.body.substr(0, 300);
        EXPECT_TRUE(writes.empty())
            << plan->key << " as " << caller.label << " was refused but wrote: " << Join(writes);
      }
    }
  }
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started);
  std::cout << "[ matrix   ] " << routes << " routes, " << callers_.size() << " callers, "
            << requests << " requests (" << asked[Outcome::kAllowed] << " allowed, "
            << asked[Outcome::kUnauthenticated] << " 401, " << asked[Outcome::kForbidden]
            << " 403, " << asked[Outcome::kNotFound] << " 404) in " << seconds.count() << " s\n";
  EXPECT_GE(routes, 60);
  // A marker nobody was ever shown would make its leak check vacuous.
  for (const Marker& marker : markers_) {
    EXPECT_TRUE(shown_.contains(marker.text))
        << "no answer showed the " << marker.what << " \"" << marker.text
        << "\" to anyone, so the matrix does not reach it";
  }
}

JIELI_INSTANTIATE_API_TEST(AuthzMatrixTest);

// What the matrix relies on: every route says which permission it needs.
class RouteMetadataTest : public ApiTest {};

TEST_P(RouteMetadataTest, EveryRouteNamesAKnownPermissionAndTheDocumentShowsIt) {
  json doc = Client()->Get("/api/openapi.json").Json();
  ASSERT_TRUE(doc.is_object());
  for (const http::Route& route : app_->router().routes()) {
    const std::string key = route.method + " " + route.pattern;
    const std::string& permission = route.doc.permission;
    if (!permission.empty()) {
      EXPECT_TRUE(auth::ParsePermission(permission))
          << key << ": unknown permission " << permission;
      EXPECT_TRUE(route.doc.requires_auth) << key << ": a public route needs no permission";
    }
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const json& operation = doc["paths"][route.pattern][method];
    if (permission.empty()) {
      EXPECT_FALSE(operation.contains("x-permission")) << key;
    } else {
      EXPECT_EQ(operation.value("x-permission", ""), permission) << key;
    }
  }
}

JIELI_INSTANTIATE_API_TEST(RouteMetadataTest);

}  // namespace
}  // namespace jieli::test
