// RouteWorldTest: the fixture of the two suites driven by the route table —
// the authorisation matrix (authz_matrix_test.cpp) and the hostile input pass
// (hostile_input_test.cpp). Both walk app_->router().routes(), so a route
// added later is exercised without anyone remembering to.
//
// On top of ApiTest's demo city it builds a small world:
//   places     the organisations of the three demo workers (个案服务部 and
//              水果湖街道社工站 of the first agency, 启航 of the second), each
//              with two clients, an open case waiting for the supervisor's
//              approval (a service record with a progress note and the
//              client's response, and a file on it), a case closed at intake with follow-ups (one
//              done, with a note), and a user of its own
//   callers    no session and every demo account, plus one user for each
//              role no demo account holds, so that every role is asked
//   markers    unique texts of every object (names, problems, notes, file
//              names, the clear phone number) with the permissions under which
//              a caller may see them
//   write log  triggers on every table record each row written, so that a
//              test can ask what a single request changed
// It also knows how to exercise a route: which fixture object a path
// parameter names (PathKinds), which routes name their object in the body or
// the query, and a minimal body for each (Recipes, else one derived from the
// route's request_schema). A route it cannot exercise is reported by
// PlanRoute with a message naming the table to extend.
//
// A scope model (RolesAt, CanSee, Grants) computes what a caller may do from
// the memberships and the organisation tree alone, independently of
// auth::Actor, with the role table of auth::RoleGrants.
// Test code only; one test thread.
#pragma once

#include <algorithm>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "api_fixture.hpp"
#include "core/local_time.hpp"
#include "modules/auth/permission.hpp"
#include "modules/clients/client_rules.hpp"
#include "modules/feedback/questionnaire.hpp"
#include "modules/jobs/job_handlers.hpp"
#include "modules/orgs/org.hpp"

namespace jieli::test {

using nlohmann::json;

// Who calls. The label names the demo account or the role.
struct Caller {
  std::string label{};
  std::string username{};  // "" for the caller without a session
  std::int64_t user_id = 0;
  std::vector<orgs::Membership> memberships{};
  std::int64_t token_id = 0;         // an API token of theirs (DELETE /me/tokens/{id})
  std::int64_t notification_id = 0;  // a notification of theirs
  std::unique_ptr<TestClient> client{};

  bool signed_in() const { return !username.empty(); }
};

// An organisation of a demo worker and its objects.
struct Place {
  std::string name;  // "casework", "station", "qihang"
  std::string worker;
  std::int64_t org_id = 0;
  std::int64_t client_id = 0;       // client of the closed case
  std::int64_t open_client_id = 0;  // client of the open case
  std::int64_t case_id = 0;         // open, planning, approval pending
  std::int64_t closed_case_id = 0;  // closed at intake (refer out), with follow-ups
  std::int64_t approval_id = 0;
  std::int64_t attachment_id = 0;
  std::int64_t service_id = 0;   // the open case's service record
  std::int64_t followup_id = 0;  // due
  std::int64_t contact_id = 0;   // a contact with the client, its follow-up open
  // A complaint received by the worker, handled by the agency's supervisor (lead_id).
  std::int64_t complaint_id = 0;
  // A survey of the organisation made by its supervisor, with an anonymous
  // link (its token: the public routes' path segment).
  std::int64_t survey_id = 0;
  std::string survey_token{};
  std::int64_t user_id = 0;  // a worker there who never signs in
  // Quality work there, led by the agency's supervisor (supervisor_b at 启航):
  // a supervision session of the worker with an action of theirs, a training
  // the worker attended, an improvement cycle with an action of theirs.
  std::int64_t lead_id = 0;
  std::int64_t worker_id = 0;
  std::int64_t session_id = 0;
  std::int64_t session_action_id = 0;
  std::int64_t training_id = 0;
  std::int64_t improvement_id = 0;
  std::int64_t improvement_action_id = 0;
  // quality signals
  std::int64_t signal_id = 0;  // an open signal of the place's organisation
  // case-file audits: a round the supervisor draws from the worker's cases
  // and audits, the case it sampled, and a finding on it owned by the worker.
  std::int64_t audit_id = 0;
  std::int64_t audit_case_id = 0;
  std::int64_t finding_id = 0;
};

// A unique text of an object, and who may read it: a caller holding one of
// `permissions` on `org`.
struct Marker {
  std::string text;
  std::vector<std::int64_t> orgs;
  std::vector<auth::Permission> permissions;
  std::string what;
  // Whether the audit log may show it to whoever holds audit.read there; client
  // data never: the log records only digests and masks of it.
  bool in_audit = true;
};

// The object a request aims at.
struct Target {
  std::string kind;                // "case", "org", …
  std::string label;               // "open case (casework)"
  std::string value;               // the path segment, body or query value
  std::vector<std::int64_t> orgs;  // where it lives; empty: not scoped (regions)
  std::int64_t owner = 0;          // tokens: the user whose it is
  // Supervision sessions: seen only by the people named in them (wherever
  // they work) and by leaders of the organisation or above it.
  bool named_or_leaders = false;
  std::vector<std::int64_t> named{};
  // When not empty, the only users a write on it is allowed to once they are
  // in scope with the permission (a session's author; an action's owner and
  // its lead); anyone else gets 403.
  std::vector<std::int64_t> writers{};
  // Audit rounds and their findings: seen whole by those who manage quality
  // at the organisation and by the people named in them (the auditor, the
  // case's worker); anyone else gets 404.
  bool named_or_managers = false;
  // When set, whether a caller in scope holding the route's permission may
  // make the write route_key names (a finding: its owner corrects it, its
  // auditor or a manager verifies it); else 403.
  std::function<bool(const std::string& route_key, const Caller&)> may_write{};
  // The object the path names after this one that belongs to it (a round's
  // sampled case): its path segment.
  std::string child{};
};

struct Call {
  std::string method;
  std::string path;
  std::string body;
  HeaderMap headers;
};

// What the rules say a caller gets.
enum class Outcome {
  kAllowed,
  kUnauthenticated,
  kForbidden,
  kNotFound,
};

// How to exercise one route.
struct RoutePlan {
  const http::Route* route = nullptr;
  std::string key;          // "POST /api/v1/cases/{id}/transfer"
  std::string target_kind;  // "" when the route aims at no object
  // The object is named in the body or the query rather than the path: a
  // reference outside the caller's scope may then also be answered as a field
  // issue (400, detail code "not_found"), which reveals no more than a 404.
  bool target_in_body = false;
  std::function<Call(const Caller&, const Target*)> build;
};

// Whether the answer has the one error shape:
// {"error": {"code", "message", "details": [...], "request_id"}}.
inline bool HasErrorShape(const TestResponse& response) {
  json body = response.Json();
  if (!body.is_object() || !body.contains("error") || !body["error"].is_object()) return false;
  const json& error = body["error"];
  return error.contains("code") && error["code"].is_string() && error.contains("message") &&
         error["message"].is_string() && !error["message"].get<std::string>().empty() &&
         error.contains("details") && error["details"].is_array() && error.contains("request_id") &&
         error["request_id"].is_string();
}

class RouteWorldTest : public ApiTest {
 protected:
  static constexpr const char* kNewPassword = "Welcome#2026";

  // The public routes are exercised many times from one address: unlimited
  // here (the limit has its own test, feedback_surveys_api_test.cpp).
  void ConfigureApp(app::AppConfig& config) override { config.public_rate_per_minute = 0; }

  void SetUp() override {
    ApiTest::SetUp();
    if (IsSkipped() || HasFatalFailure()) return;
    BuildWorld();
    if (HasFatalFailure()) return;
    InstallWriteLog();
  }

  // --- the scope model --------------------------------------------------------------

  // The roles that apply on org: those held there or on an organisation above it.
  std::set<orgs::Role> RolesAt(const std::vector<orgs::Membership>& memberships,
                               std::int64_t org) const {
    std::set<orgs::Role> roles;
    for (std::optional<std::int64_t> at = org; at; at = ParentOf(*at)) {
      for (const auto& m : memberships) {
        if (m.org_id == *at) roles.insert(m.role);
      }
    }
    return roles;
  }
  bool CanSee(const Caller& caller, std::int64_t org) const {
    return !RolesAt(caller.memberships, org).empty();
  }
  bool Grants(const Caller& caller, auth::Permission permission, std::int64_t org) const {
    for (auto role : RolesAt(caller.memberships, org)) {
      if (auth::RoleGrants(role, permission)) return true;
    }
    return false;
  }
  bool LeadsAt(const Caller& caller, std::int64_t org) const {
    return RolesAt(caller.memberships, org).contains(orgs::Role::kLeader) &&
           Grants(caller, auth::Permission::kQualityRead, org);
  }
  bool HoldsAnywhere(const Caller& caller, auth::Permission permission) const {
    for (const auto& m : caller.memberships) {
      if (auth::RoleGrants(m.role, permission)) return true;
    }
    return false;
  }

  // Whether the caller holds the route's permission in no organisation and is
  // therefore refused (403) before the request is read or any object looked up
  // (modules::Bind), whatever the target and however malformed the request.
  bool RefusedUpfront(const RoutePlan& plan, const Caller& caller) const {
    const http::RouteDoc& doc = plan.route->doc;
    auto permission = auth::ParsePermission(doc.permission);
    return doc.requires_auth && caller.signed_in() && permission && doc.permission_anywhere &&
           !HoldsAnywhere(caller, *permission);
  }

  // What the rules say caller gets from the route aimed at target (nullptr:
  // the route aims at no object): 401 without a session; 403 when the caller
  // holds the route's permission nowhere (RefusedUpfront), lists included;
  // 404 outside the caller's scope; 403 inside it without a role granting the
  // route's permission there; else allowed. A route without an object needs
  // the permission somewhere; one without a permission only a session.
  Outcome Expected(const RoutePlan& plan, const Caller& caller, const Target* target) const {
    const http::RouteDoc& doc = plan.route->doc;
    if (!doc.requires_auth) return Outcome::kAllowed;
    if (!caller.signed_in()) return Outcome::kUnauthenticated;
    if (RefusedUpfront(plan, caller)) return Outcome::kForbidden;
    if (target != nullptr && target->owner != 0) {
      return target->owner == caller.user_id ? Outcome::kAllowed : Outcome::kNotFound;
    }
    auto permission = auth::ParsePermission(doc.permission);
    if (target != nullptr && !target->orgs.empty()) {
      bool seen = false, granted = false;
      for (std::int64_t org : target->orgs) {
        seen = seen ||
               (target->named_or_leaders    ? LeadsAt(caller, org)
                : target->named_or_managers ? Grants(caller, auth::Permission::kQualityManage, org)
                                            : CanSee(caller, org));
        granted = granted || (permission && Grants(caller, *permission, org));
      }
      if (target->named_or_leaders || target->named_or_managers) {
        seen = seen || std::find(target->named.begin(), target->named.end(), caller.user_id) !=
                           target->named.end();
      }
      if (!seen) return Outcome::kNotFound;
      if (permission && !granted) return Outcome::kForbidden;
      const bool writes = plan.route->method != "GET";
      if (writes && !target->writers.empty() &&
          std::find(target->writers.begin(), target->writers.end(), caller.user_id) ==
              target->writers.end()) {
        return Outcome::kForbidden;
      }
      if (writes && target->may_write && !target->may_write(plan.key, caller)) {
        return Outcome::kForbidden;
      }
      return Outcome::kAllowed;
    }
    if (!permission || HoldsAnywhere(caller, *permission)) return Outcome::kAllowed;
    return Outcome::kForbidden;
  }

  // --- exercising routes ------------------------------------------------------------

  // How to exercise route, or an error message saying which table to extend.
  Result<RoutePlan> PlanRoute(const http::Route& route) {
    RoutePlan plan;
    plan.route = &route;
    plan.key = route.method + " " + route.pattern;
    // Path parameters: the first one naming an object is the target.
    std::vector<std::pair<std::string, std::string>> params;  // name -> kind
    std::string previous;
    for (const std::string& segment : Segments(route.pattern)) {
      if (segment.size() > 2 && segment.front() == '{' && segment.back() == '}') {
        auto kind = PathKinds().find(previous);
        if (kind == PathKinds().end()) {
          return Error(ErrorKind::kInternal, "matrix",
                       plan.key + ": no fixture object for the path parameter " + segment +
                           " after '" + previous +
                           "'. Add the kind to PathKinds in tests/api/route_world.hpp and a "
                           "target of that kind to TargetsOf.");
        }
        // A round's sampled case belongs to the round the path named first.
        const bool child = plan.target_kind == "audit" && kind->second == "case";
        params.emplace_back(segment.substr(1, segment.size() - 2), child ? "child" : kind->second);
        if (!child && kind->second != "stage" && kind->second != "indicator") {
          if (!plan.target_kind.empty()) {
            return Error(ErrorKind::kInternal, "matrix",
                         plan.key + ": two objects in one path (" + plan.target_kind + ", " +
                             kind->second + "); teach route_world.hpp to pair them.");
          }
          plan.target_kind = kind->second;
        }
      }
      previous = segment;
    }
    const Recipe* recipe = nullptr;
    for (const Recipe& r : Recipes()) {
      if (r.key == plan.key) recipe = &r;
    }
    if (recipe != nullptr && !recipe->target_kind.empty()) {
      if (!plan.target_kind.empty()) {
        return Error(ErrorKind::kInternal, "matrix",
                     plan.key + ": both path and body name a target");
      }
      plan.target_kind = recipe->target_kind;
      plan.target_in_body = true;
    }
    std::string schema_body;
    if (recipe == nullptr || !recipe->body) {
      auto minimal = MinimalBody(route.doc.request_schema);
      if (!minimal) {
        return Error(ErrorKind::kInternal, "matrix",
                     plan.key + ": " + minimal.error().log_detail() +
                         " Add a recipe for it to Recipes() in tests/api/route_world.hpp.");
      }
      schema_body = *minimal;
    }
    plan.build = [this, &route, recipe, params, schema_body](const Caller& caller,
                                                             const Target* target) {
      Call call;
      call.method = route.method;
      std::string path;
      for (const std::string& segment : Segments(route.pattern)) {
        path += '/';
        bool param = segment.size() > 2 && segment.front() == '{';
        if (!param) {
          path += segment;
          continue;
        }
        std::string name = segment.substr(1, segment.size() - 2);
        auto kind = std::find_if(params.begin(), params.end(),
                                 [&](const auto& p) { return p.first == name; });
        // Stages: the assessment, whose health, family and risk details
        // ("x-sensitive") only some callers may read.
        // Indicators: one the records measure, in the caller's scope (no object).
        if (kind->second == "indicator") {
          path += "assessment_on_time";
          continue;
        }
        if (kind->second == "child" || name == "token") {
          path += target->child;
          continue;
        }
        path += kind->second == "stage" ? std::string("assessment") : target->value;
      }
      call.path = path;
      if (recipe != nullptr && recipe->query)
        call.path += "?" + recipe->query(*this, caller, target);
      call.body =
          recipe != nullptr && recipe->body ? recipe->body(*this, caller, target) : schema_body;
      if (recipe != nullptr && recipe->content_type != nullptr) {
        call.headers["Content-Type"] = recipe->content_type;
      }
      return call;
    };
    return plan;
  }

  // The objects of kind a caller may aim at: each place's, and more for some
  // kinds. Tokens depend on the caller: their own and someone else's.
  std::vector<Target> TargetsOf(const std::string& kind, const Caller& caller) const {
    std::vector<Target> targets;
    auto add = [&](std::string label, std::int64_t id, std::vector<std::int64_t> orgs) {
      targets.push_back({kind, std::move(label), std::to_string(id), std::move(orgs), 0});
    };
    if (kind == "org") {
      for (const char* name : {"bureau", "sunshine"}) add(name, orgs_.at(name), {orgs_.at(name)});
    }
    // intake requests: seen where clients are read at the agency booked;
    // taken on or declined with clients.write there, the phone shown with
    // clients.reveal; handing on is the city's (409 for an agency's).
    if (kind == "intake") {
      for (const auto& [name, id] : intake_ids_) {
        const std::int64_t org = orgs_.at(name);
        auto may_write = [this, org](const std::string& key, const Caller& c) {
          if (key.ends_with("/reveal")) return Grants(c, auth::Permission::kClientsReveal, org);
          if (key.ends_with("/assign")) return true;
          return Grants(c, auth::Permission::kClientsWrite, org);
        };
        targets.push_back({.kind = kind,
                           .label = "intake request (" + name + ")",
                           .value = std::to_string(id),
                           .orgs = {org},
                           .may_write = may_write});
      }
    }
    for (const Place& p : places_) {
      std::string at = " (" + p.name + ")";
      if (kind == "org") add("org" + at, p.org_id, {p.org_id});
      if (kind == "user") add("user" + at, p.user_id, {p.org_id});
      if (kind == "client") add("client" + at, p.client_id, {p.org_id});
      if (kind == "case") {
        add("open case" + at, p.case_id, {p.org_id});
        add("closed case" + at, p.closed_case_id, {p.org_id});
      }
      if (kind == "approval") add("approval" + at, p.approval_id, {p.org_id});
      if (kind == "attachment") add("attachment" + at, p.attachment_id, {p.org_id});
      if (kind == "service") add("service record" + at, p.service_id, {p.org_id});
      if (kind == "followup") add("follow-up" + at, p.followup_id, {p.org_id});
      if (kind == "contact") add("contact" + at, p.contact_id, {p.org_id});
      // surveys: seen where clients are read; the public routes take the token.
      if (kind == "survey") {
        targets.push_back({.kind = kind,
                           .label = "survey" + at,
                           .value = std::to_string(p.survey_id),
                           .orgs = {p.org_id},
                           .child = p.survey_token});
      }
      // complaints: seen by quality managers there and by the handler and the
      // receiver; acted on by the handler or a manager; assigned and turned
      // into a cycle by a manager.
      if (kind == "complaint") {
        const std::int64_t lead = p.lead_id, org = p.org_id;
        auto may_write = [this, lead, org](const std::string& key, const Caller& c) {
          const bool manager = Grants(c, auth::Permission::kQualityManage, org);
          if (key.ends_with("/actions") || key.ends_with("/reveal"))
            return manager || c.user_id == lead;
          return manager;
        };
        targets.push_back({.kind = kind,
                           .label = "complaint" + at,
                           .value = std::to_string(p.complaint_id),
                           .orgs = {p.org_id},
                           .named = {p.lead_id, p.worker_id},
                           .named_or_managers = true,
                           .may_write = may_write});
      }
      // quality: supervision, training, improvement cycles
      if (kind == "session") {
        targets.push_back({.kind = kind,
                           .label = "supervision session" + at,
                           .value = std::to_string(p.session_id),
                           .orgs = {p.org_id},
                           .named_or_leaders = true,
                           .named = {p.lead_id, p.worker_id},
                           .writers = {p.lead_id}});
      }
      if (kind == "action") {
        targets.push_back({.kind = kind,
                           .label = "supervision action" + at,
                           .value = std::to_string(p.session_action_id),
                           .orgs = {p.org_id},
                           .named_or_leaders = true,
                           .named = {p.lead_id, p.worker_id},
                           .writers = {p.lead_id, p.worker_id}});
        targets.push_back({.kind = kind,
                           .label = "improvement action" + at,
                           .value = std::to_string(p.improvement_action_id),
                           .orgs = {p.org_id},
                           .writers = {p.lead_id, p.worker_id}});
      }
      if (kind == "training") add("training" + at, p.training_id, {p.org_id});
      if (kind == "improvement") add("improvement cycle" + at, p.improvement_id, {p.org_id});
      // quality objectives: the oldest still there, so that each caller the
      // rules let delete one finds another (BuildPlace sets kObjectivesAPlace).
      if (kind == "objective") {
        auto row = app_->db().QueryOne("SELECT MIN(id) FROM quality_objectives WHERE org_id = ?",
                                       {p.org_id});
        EXPECT_TRUE(row && *row && (*row)->OptInt(0)) << "no objective left at " << p.name;
        if (row && *row && (*row)->OptInt(0)) add("objective" + at, *(*row)->OptInt(0), {p.org_id});
      }
      // quality signals
      if (kind == "signal") add("signal" + at, p.signal_id, {p.org_id});
      // case-file audits: the auditor scores and raises findings; the owner
      // corrects a finding, the auditor or a manager verifies or reopens it.
      if (kind == "audit" || kind == "finding") {
        const bool round = kind == "audit";
        const std::int64_t lead = p.lead_id, worker = p.worker_id, org = p.org_id;
        auto may_write = [this, round, lead, worker, org](const std::string& key, const Caller& c) {
          if (round) return key.ends_with("/finish") || c.user_id == lead;
          if (key.ends_with("/correct")) return c.user_id == worker;
          if (key.ends_with("/verify") || key.ends_with("/reopen")) {
            return c.user_id == lead || Grants(c, auth::Permission::kQualityManage, org);
          }
          return true;
        };
        targets.push_back({.kind = kind,
                           .label = (round ? "audit round" : "audit finding") + at,
                           .value = std::to_string(round ? p.audit_id : p.finding_id),
                           .orgs = {p.org_id},
                           .named = {p.lead_id, p.worker_id},
                           .named_or_managers = true,
                           .may_write = may_write,
                           .child = std::to_string(p.audit_case_id)});
      }
    }
    if (kind == "user") {
      add("user of both agencies", dual_user_id_, {places_[0].org_id, places_[2].org_id});
    }
    if (kind == "region") add("region", region_id_, {});
    if (kind == "notification") {
      if (caller.notification_id != 0) {
        targets.push_back(
            {kind, "own notification", std::to_string(caller.notification_id), {}, caller.user_id});
      }
      targets.push_back({kind,
                         "another user's notification",
                         std::to_string(other_notification_id_),
                         {},
                         places_[0].user_id});
    }
    if (kind == "job") add("job", job_id_, {});
    if (kind == "token") {
      if (caller.token_id != 0) {
        targets.push_back({kind, "own token", std::to_string(caller.token_id), {}, caller.user_id});
      }
      targets.push_back(
          {kind, "another user's token", std::to_string(other_token_id_), {}, other_token_owner_});
    }
    return targets;
  }

  // The one test thread's view of the write log: the rows written since the
  // last call, as "table operation".
  std::vector<std::string> TakeWrites() {
    std::vector<std::string> writes;
    auto rows = app_->db().Query("SELECT id, tbl, op FROM test_write_log WHERE id > ? ORDER BY id",
                                 {write_mark_});
    EXPECT_TRUE(rows) << rows.error().log_detail();
    if (!rows) return writes;
    for (const auto& row : *rows) {
      write_mark_ = row.Int(0);
      std::string write = row.Text(1) + " " + row.Text(2);
      if (std::find(writes.begin(), writes.end(), write) == writes.end()) writes.push_back(write);
    }
    return writes;
  }

  // The refusals that write: a failed check of a password or a TOTP code — a
  // sign-in of an existing account, and inside a session the current password
  // of a password change or the code that turns TOTP off — counts towards the
  // lock-out of the account from the caller's address and is audited; the one
  // that locks also ends the session (or token) it was made in.
  static bool FailedCheckAccounting(const std::string& route_key, const TestResponse& response,
                                    const std::vector<std::string>& writes) {
    static const std::set<std::string> kChecks = {
        "POST /api/v1/auth/login", "POST /api/v1/me/password", "POST /api/v1/me/totp/disable"};
    static const std::set<std::string> kAccounting = {
        "login_failures insert", "login_failures update", "users update",     "audit_log insert",
        "audit_head update",     "sessions delete",       "api_tokens update"};
    if (!kChecks.contains(route_key)) return false;
    if (response.status != 400 && response.status != 401 && response.status != 423) return false;
    return std::all_of(writes.begin(), writes.end(),
                       [](const std::string& write) { return kAccounting.contains(write); });
  }

  static std::string Join(const std::vector<std::string>& items) {
    std::string text;
    for (const auto& item : items) text += (text.empty() ? "" : ", ") + item;
    return text;
  }

  // Sends a call as caller; `writes` receives what the request wrote. After a
  // change that succeeded the caller is made whole again, so that the next
  // request is asked as the same person: signed in once more when the change
  // ended the session (sign-out, a deactivated or re-passworded account),
  // with the CSRF token of the session now in the cookie jar (a sign-in
  // replaces it), and without a session at all for the caller who has none.
  // So too after failed checks that locked the caller out (423, the session
  // ended): the lock is lifted, as an administrator would, before signing in.
  TestResponse Send(Caller& caller, const Call& call, std::vector<std::string>& writes) {
    TestResponse response = caller.client->Request(call.method, call.path, call.body, call.headers);
    writes = TakeWrites();
    if (!caller.signed_in()) {
      caller.client->ClearCookies();
    } else if (response.status == 423) {
      EXPECT_TRUE(
          app_->db().Execute("DELETE FROM login_failures WHERE user_id = ?", {caller.user_id}));
      Resign(caller);
      TakeWrites();
    } else if (call.method != "GET" && response.status >= 200 && response.status < 300) {
      TestResponse me = caller.client->Get("/api/v1/me");
      if (me.status == 401) {
        Resign(caller);
      } else if (json body = me.Json(); body.is_object() && body.contains("csrf_token")) {
        caller.client->SetHeader("X-CSRF-Token", body["csrf_token"].get<std::string>());
      }
      TakeWrites();
    }
    return response;
  }

  void Resign(Caller& caller) { caller.client = SignIn(caller.username, PasswordOf(caller)); }

  Caller* CallerNamed(const std::string& label) {
    for (auto& caller : callers_) {
      if (caller.label == label) return &caller;
    }
    return nullptr;
  }

  // A complete form of stage, for a case with one goal ("intake": accepted,
  // with problem as the presenting problem).
  static json CompleteForm(const std::string& stage, const std::string& problem = "跌倒风险") {
    if (stage == "intake") {
      return {{"source", "walk_in"},
              {"presenting_problem", problem},
              {"urgency", "normal"},
              {"decision", "accept"}};
    }
    if (stage == "assessment") {
      json side = {{"causes", "原因"}, {"consequences", "影响"}};
      return {{"needs", {{{"domain", "physical"}, {"severity", 4}, {"description", "行动不便"}}}},
              {"strengths", "与邻居关系好"},
              {"ecological", {{"micro", side}, {"meso", side}, {"macro", side}}},
              {"risk_level", "high"},
              {"risk_reasons", "独居"},
              {"problem_definition", problem}};
    }
    if (stage == "planning") {
      json levels = json::array();
      for (int level = -2; level <= 2; ++level) {
        levels.push_back({{"level", level}, {"description", "等级 " + std::to_string(level)}});
      }
      return {{"goals",
               {{{"name", "减少跌倒"}, {"domain", "physical"}, {"weight", 1}, {"levels", levels}}}},
              {"interventions", {{{"technique", "个案辅导"}, {"description", "每周家访"}}}},
              {"schedule", {{"start_date", "2026-11-25"}, {"end_date", "2027-02-28"}}},
              {"agreement", {{"date", "2026-11-25"}, {"method", "signed"}}}};
    }
    if (stage == "intervention") return {{"progress_summary", "按计划推进"}};
    if (stage == "evaluation") {
      return {{"goal_attainment", {{{"name", "减少跌倒"}, {"weight", 1}, {"attained", 1}}}},
              {"reflection", "家访频率合适"}};
    }
    return {{"reason", "goals_met"}, {"summary", "目标基本达成"}};  // closed
  }

  std::vector<Caller> callers_;
  std::vector<Place> places_;
  std::map<std::string, std::int64_t> orgs_;  // bureau, sunshine, casework, station, qihang
  std::vector<Marker> markers_;
  std::int64_t dual_user_id_ = 0;
  std::int64_t region_id_ = 0;
  // A booking from the public page to each agency ("sunshine", "qihang").
  std::map<std::string, std::int64_t> intake_ids_;
  std::int64_t other_token_id_ = 0;
  std::int64_t other_notification_id_ = 0;
  std::int64_t job_id_ = 0;
  std::int64_t other_token_owner_ = 0;
  // The account the caller without a session signs in as: a worker of the
  // first place that nothing else aims at.
  Caller login_account_;
  int serial_ = 0;  // makes names unique across requests

 private:
  // A request body or query for a route, when the one derived from its schema
  // would not do: the route names its object in the body or the query, or its
  // minimal body would change what later requests depend on.
  struct Recipe {
    std::string key{};
    std::string target_kind{};  // the object the body or query names, or ""
    std::function<std::string(RouteWorldTest&, const Caller&, const Target*)> body{};
    std::function<std::string(RouteWorldTest&, const Caller&, const Target*)> query{};
    const char* content_type = nullptr;
  };

  static const std::vector<Recipe>& Recipes() {
    static const std::vector<Recipe> kRecipes = {
        // The caller's own credentials (without a session, those of an
        // account nothing else uses, which the hostile pass may lock out): a
        // sign-in that fails would be a 401 by design, not a refusal.
        {.key = "POST /api/v1/auth/login",
         .body =
             [](RouteWorldTest& w, const Caller& c, const Target*) {
               const Caller& as = c.signed_in() ? c : w.login_account_;
               return json{{"username", as.username}, {"password", w.PasswordOf(as)}}.dump();
             }},
        // No role may need a second factor: that would end every session.
        {.key = "PUT /api/v1/settings/security",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"totp_required_roles", json::array()}}.dump();
             }},
        {.key = "POST /api/v1/orgs",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{{"parent_id", std::stoll(t->value)},
                           {"kind", "department"},
                           {"name", "矩阵部门" + std::to_string(++w.serial_)}}
                   .dump();
             }},
        {.key = "POST /api/v1/users",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{
                   {"username", "mx_new" + std::to_string(++w.serial_)},
                   {"display_name", "矩阵新同事"},
                   {"password", kNewPassword},
                   {"memberships", {{{"org_id", std::stoll(t->value)}, {"role", "worker"}}}}}
                   .dump();
             }},
        // A password the policy accepts, so that the answer is about who may
        // set it rather than about the password.
        {.key = "POST /api/v1/users/{id}/password",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"new_password", kNewPassword}}.dump();
             }},
        // A correction or withdrawal the rules refuse (blank content, blank
        // reason): the service record stays as later requests expect it, and
        // who may correct or withdraw (the author, the supervisor) is the
        // service records API test's to pin.
        {.key = "PATCH /api/v1/services/{id}",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"content", " "}}.dump();
             }},
        {.key = "POST /api/v1/services/{id}/withdraw",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"reason", " "}}.dump();
             }},
        {.key = "POST /api/v1/clients",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"name", "矩阵新案主" + std::to_string(++w.serial_)}}
                   .dump();
             }},
        {.key = "POST /api/v1/clients/import/preview",
         .target_kind = "org",
         .body = ImportCsv,
         .query = OrgQuery,
         .content_type = "text/csv"},
        {.key = "POST /api/v1/clients/import/commit",
         .target_kind = "org",
         .body = ImportCsv,
         .query = OrgQuery,
         .content_type = "text/csv"},
        {.key = "POST /api/v1/cases",
         .target_kind = "client",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"client_id", std::stoll(t->value)}}.dump();
             }},
        // Rejecting without a comment is refused (400): the approval stays
        // pending for every caller after the first.
        {.key = "POST /api/v1/approvals/{id}/decision",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"decision", "reject"}}.dump();
             }},
        // A real file, so that the callers allowed to upload succeed.
        // quality objectives: set at the organisation in the body; a second
        // on the same indicator is a 409, which is an answer about the rules.
        {.key = "POST /api/v1/quality/objectives",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller& c, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"indicator", "plan_on_time"},
                           {"target", 80},
                           {"granularity", "quarter"},
                           {"owner_id", c.user_id}}
                   .dump();
             }},
        // quality objectives
        {.key = "PUT /api/v1/quality/policy",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)}, {"text", "矩阵质量方针"}}.dump();
             }},
        {.key = "POST /api/v1/cases/{id}/attachments",
         .body = [](RouteWorldTest&, const Caller&,
                    const Target*) { return std::string("矩阵测试文件"); },
         .query = [](RouteWorldTest&, const Caller&,
                     const Target*) { return std::string("name=matrix.txt"); },
         .content_type = "text/plain"},
        // quality: the organisation in the body or the query; a correction
        // that keeps the session's people, so that who sees it stays as the
        // later requests expect.
        {.key = "POST /api/v1/quality/supervision",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"kind", "group"},
                           {"date", "2026-11-20"},
                           {"minutes", 60},
                           {"topics", "矩阵督导"}}
                   .dump();
             }},
        {.key = "PUT /api/v1/quality/supervision/{id}",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               const Place& p = w.PlaceOfSession(std::stoll(t->value));
               return json{{"kind", "individual"},
                           {"date", "2026-11-20"},
                           {"minutes", 60},
                           {"supervisee_ids", {p.worker_id}},
                           {"topics", "矩阵督导议题"}}
                   .dump();
             }},
        {.key = "PATCH /api/v1/quality/improvements/{id}",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               return json{{"root_cause", "矩阵根因"}}.dump();
             }},
        {.key = "POST /api/v1/quality/training",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"title", "矩阵培训" + std::to_string(++w.serial_)},
                           {"kind", "internal"},
                           {"date", "2026-11-20"},
                           {"hours", 2}}
                   .dump();
             }},
        {.key = "POST /api/v1/quality/improvements",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"title", "矩阵改进" + std::to_string(++w.serial_)},
                           {"problem", "矩阵问题"}}
                   .dump();
             }},
        // the contact log: a contact with the client in the body, just now.
        {.key = "POST /api/v1/contacts",
         .target_kind = "client",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               return json{{"client_id", std::stoll(t->value)},
                           {"channel", "phone"},
                           {"direction", "in"},
                           {"at", FormatIsoLocal(w.clock_.Now())},
                           {"summary", "矩阵来电"}}
                   .dump();
             }},
        // complaints: the organisation in the body or the query.
        {.key = "POST /api/v1/complaints",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"kind", "suggestion"},
                           {"category", "other"},
                           {"channel", "phone"},
                           {"severity", "low"},
                           {"subject", "矩阵建议"}}
                   .dump();
             }},
        {.key = "GET /api/v1/complaints/policy", .target_kind = "org", .query = OrgQuery},
        {.key = "PUT /api/v1/complaints/policy",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"acknowledge_days", 1},
                           {"resolve_days", 7},
                           {"leader_after_days", 2}}
                   .dump();
             }},
        {.key = "PUT /api/v1/complaints/{id}/handler",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               for (const Place& p : w.places_) {
                 if (std::to_string(p.complaint_id) == t->value) {
                   return json{{"handler_id", p.lead_id}}.dump();
                 }
               }
               return json{{"handler_id", 1}}.dump();
             }},
        // surveys: made for the organisation in the body; sent to the
        // survey's place's client; closed at its current version; answered
        // on the public route with every built-in item.
        {.key = "POST /api/v1/surveys",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)}}.dump();
             }},
        {.key = "POST /api/v1/surveys/{id}/send",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               for (const Place& p : w.places_) {
                 if (std::to_string(p.survey_id) == t->value) {
                   return json{{"client_ids", {p.client_id}}}.dump();
                 }
               }
               return json{{"client_ids", {1}}}.dump();
             }},
        {.key = "POST /api/v1/surveys/{id}/close",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target* t) {
               auto row = w.app_->db().QueryOne("SELECT version FROM surveys WHERE id = ?",
                                                {std::stoll(t->value)});
               return json{{"version", row && *row ? (*row)->Int(0) : 1}}.dump();
             }},
        {.key = "POST /api/v1/public/surveys/{token}/answers",
         .body =
             [](RouteWorldTest&, const Caller&, const Target*) {
               json answers = json::object();
               for (const auto& item : feedback::BuiltInSatisfaction().items) {
                 answers[item.id] = {{"choices", {"4"}}};
               }
               return json{{"answers", answers}}.dump();
             }},
        // intake requests: a valid booking and complaint from the public page;
        // the queue's writes at the request's current version.
        {.key = "POST /api/v1/public/bookings",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target*) {
               return json{{"name", "矩阵预约"},
                           {"phone", "13512340001"},
                           {"org_id", w.orgs_.at("sunshine")},
                           {"need_category", "other"},
                           {"need", "矩阵"},
                           {"agree", true}}
                   .dump();
             }},
        {.key = "POST /api/v1/public/complaints",
         .body =
             [](RouteWorldTest& w, const Caller&, const Target*) {
               return json{{"org_id", w.orgs_.at("sunshine")},
                           {"kind", "suggestion"},
                           {"subject", "矩阵建议"}}
                   .dump();
             }},
        {.key = "POST /api/v1/intake-requests/{id}/accept", .body = IntakeVersion},
        {.key = "POST /api/v1/intake-requests/{id}/decline",
         .body =
             [](RouteWorldTest& w, const Caller& c, const Target* t) {
               json body = json::parse(IntakeVersion(w, c, t));
               body["reason"] = "duplicate";
               return body.dump();
             }},
        {.key = "POST /api/v1/intake-requests/{id}/assign",
         .body =
             [](RouteWorldTest& w, const Caller& c, const Target* t) {
               json body = json::parse(IntakeVersion(w, c, t));
               body["org_id"] = w.orgs_.at("qihang");
               return body.dump();
             }},
        {.key = "GET /api/v1/quality/duties", .target_kind = "org", .query = OrgQuery},
        {.key = "GET /api/v1/quality/supervision/due", .target_kind = "org", .query = OrgQuery},
        // case-file audits: a round of the organisation in the body audited by
        // the caller (a manager there may be an auditor); a finding on the
        // round's sampled case.
        {.key = "POST /api/v1/quality/audits",
         .target_kind = "org",
         .body =
             [](RouteWorldTest& w, const Caller& c, const Target* t) {
               return json{{"org_id", std::stoll(t->value)},
                           {"title", "矩阵评审" + std::to_string(++w.serial_)},
                           {"from", "2026-11-25"},
                           {"to", "2026-11-25"},
                           {"sample_size", 1},
                           {"auditor_ids", {c.user_id}}}
                   .dump();
             }},
        {.key = "POST /api/v1/quality/audits/{id}/findings",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"case_id", std::stoll(t->child)},
                           {"severity", "minor"},
                           {"text", "矩阵发现"},
                           {"due_on", "2026-12-20"}}
                   .dump();
             }},
        {.key = "GET /api/v1/quality/audit-checklist", .target_kind = "org", .query = OrgQuery},
        {.key = "PUT /api/v1/quality/audit-checklist",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{{"org_id", std::stoll(t->value)}, {"items", json::array()}}.dump();
             }},
        {.key = "PUT /api/v1/quality/duties",
         .target_kind = "org",
         .body =
             [](RouteWorldTest&, const Caller&, const Target* t) {
               return json{
                   {"org_id", std::stoll(t->value)}, {"role", "worker"}, {"duties", {"矩阵职责"}}}
                   .dump();
             }},
    };
    return kRecipes;
  }

  static std::string ImportCsv(RouteWorldTest& w, const Caller&, const Target*) {
    return std::string(clients::ColumnHeader("name")) + "\n矩阵导入案主" +
           std::to_string(++w.serial_) + "\n";
  }
  static std::string IntakeVersion(RouteWorldTest& w, const Caller&, const Target* t) {
    auto row = w.app_->db().QueryOne("SELECT version FROM intake_requests WHERE id = ?",
                                     {std::stoll(t->value)});
    return json{{"version", row && *row ? (*row)->Int(0) : 1}}.dump();
  }

  static std::string OrgQuery(RouteWorldTest&, const Caller&, const Target* t) {
    return "org_id=" + t->value;
  }

  const Place& PlaceOfSession(std::int64_t session_id) const {
    for (const Place& p : places_) {
      if (p.session_id == session_id) return p;
    }
    return places_.front();
  }

  // Which fixture object a path parameter names, by the segment before it.
  static const std::map<std::string, std::string>& PathKinds() {
    static const std::map<std::string, std::string> kKinds = {
        {"orgs", "org"},
        {"users", "user"},
        {"clients", "client"},
        {"cases", "case"},
        {"approvals", "approval"},
        {"attachments", "attachment"},
        {"followups", "followup"},
        {"contacts", "contact"},
        {"complaints", "complaint"},
        {"surveys", "survey"},
        {"intake-requests", "intake"},
        {"regions", "region"},
        {"tokens", "token"},
        {"stages", "stage"},
        {"case-forms", "stage"},
        {"notifications", "notification"},
        {"jobs", "job"},
        {"services", "service"},
        {"indicators", "indicator"},
        {"supervision", "session"},
        {"actions", "action"},
        {"training", "training"},
        {"improvements", "improvement"},
        // quality objectives
        {"objectives", "objective"},
        {"signals", "signal"},  // quality signals
        {"audits", "audit"},    // case-file audits
        {"findings", "finding"},
    };
    return kKinds;
  }

  static std::vector<std::string> Segments(const std::string& pattern) {
    std::vector<std::string> segments;
    std::size_t start = 1;
    while (start <= pattern.size()) {
      std::size_t slash = pattern.find('/', start);
      if (slash == std::string::npos) slash = pattern.size();
      if (slash > start) segments.push_back(pattern.substr(start, slash - start));
      start = slash + 1;
    }
    return segments;
  }

  // A body with every required field of a JSON Schema filled in with a value
  // of its type (the first choice of an enum, the minimum of a number). Only
  // the keywords Jieli's route schemas use; anything else is an error, so that
  // a new kind of schema is looked at rather than guessed.
  static Result<std::string> MinimalBody(const std::string& schema_text) {
    if (schema_text.empty()) return std::string();
    json schema = json::parse(schema_text, nullptr, false);
    if (schema.is_discarded()) {
      return Error(ErrorKind::kInternal, "matrix", "its request_schema is not JSON.");
    }
    auto value = MinimalValue(schema);
    if (!value) return value.error();
    return value->dump();
  }

  static Result<json> MinimalValue(const json& schema) {
    if (schema.contains("enum") && schema["enum"].is_array() && !schema["enum"].empty()) {
      return schema["enum"][0];
    }
    std::string type = schema.contains("type") && schema["type"].is_string()
                           ? schema["type"].get<std::string>()
                       : schema.contains("type") && schema["type"].is_array()
                           ? schema["type"][0].get<std::string>()
                           : "";
    if (type == "object") {
      json object = json::object();
      if (schema.contains("required")) {
        for (const auto& name : schema["required"]) {
          const std::string field = name.get<std::string>();
          if (!schema.contains("properties") || !schema["properties"].contains(field)) {
            return Error(ErrorKind::kInternal, "matrix",
                         "required field " + field + " has no schema.");
          }
          auto value = MinimalValue(schema["properties"][field]);
          if (!value) return value.error();
          object[field] = *value;
        }
      }
      return object;
    }
    if (type == "array") return json::array();
    if (type == "string")
      return schema.value("format", "") == "date" ? json("2026-11-25") : json("矩阵");
    if (type == "integer" || type == "number") return json(schema.value("minimum", 1));
    if (type == "boolean") return json(false);
    return Error(ErrorKind::kInternal, "matrix",
                 "a schema of type '" + type + "' is not understood.");
  }

  // --- building the world -----------------------------------------------------------

  // An organisation's parent; organisations created since the last look
  // (the matrix creates some) are read from the store.
  std::optional<std::int64_t> ParentOf(std::int64_t org) const {
    auto it = parents_.find(org);
    if (it != parents_.end()) return it->second;
    auto row = app_->db().QueryOne("SELECT parent_id FROM organizations WHERE id = ?", {org});
    EXPECT_TRUE(row) << row.error().log_detail();
    std::optional<std::int64_t> parent = row && *row ? (*row)->OptInt(0) : std::nullopt;
    parents_[org] = parent;
    return parent;
  }

  std::string PasswordOf(const Caller& caller) const {
    return caller.username.starts_with("mx_") ? kNewPassword : kDemoPassword;
  }

  // POSTs or PUTs body as `as` and expects `status`; the reply as JSON.
  json Expect(TestClient& as, const std::string& method, const std::string& path, const json& body,
              int status) {
    TestResponse response = as.Request(method, path, body.dump());
    EXPECT_EQ(response.status, status) << method << " " << path << ": " << response.body;
    json reply = response.Json();
    return reply.is_discarded() ? json::object() : reply;
  }

  std::int64_t NewUser(TestClient& admin, const std::string& username,
                       const std::string& display_name, const json& memberships) {
    json user = {{"username", username},
                 {"display_name", display_name},
                 {"password", kNewPassword},
                 {"memberships", memberships}};
    return Expect(admin, "POST", "/api/v1/users", user, 201).value("id", std::int64_t{0});
  }

  void BuildWorld() {
    for (const auto& [key, name] : std::vector<std::pair<std::string, std::string>>{
             {"bureau", "江城市民政局"},
             {"sunshine", "江城市阳光社会工作服务中心"},
             {"casework", "个案服务部"},
             {"station", "水果湖街道社工站"},
             {"qihang", "西山区启航社会工作服务社"}}) {
      orgs_[key] = OrgId(name);
      markers_.push_back({name, {orgs_[key]}, {auth::Permission::kOrgsRead}, "organisation name"});
    }
    auto rows = app_->db().Query("SELECT id, parent_id FROM organizations");
    ASSERT_TRUE(rows);
    for (const auto& row : *rows) parents_[row.Int(0)] = row.OptInt(1);

    auto admin = SignIn("admin");
    // One user for every role no demo account holds, at the first agency.
    std::set<std::string> held;
    for (const char* username :
         {"admin", "bureau", "leader", "supervisor", "worker", "worker2", "worker_b"}) {
      auto memberships = app_->db().Query(
          "SELECT m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.username = ?",
          {std::string(username)});
      ASSERT_TRUE(memberships);
      for (const auto& row : *memberships) held.insert(row.Text(0));
      callers_.push_back({.label = username, .username = username});
    }
    for (const std::string& role : orgs::RoleNames()) {
      if (held.contains(role)) continue;
      NewUser(*admin, "mx_" + role, "矩阵" + role,
              json::array({{{"org_id", orgs_["sunshine"]}, {"role", role}}}));
      callers_.push_back({.label = "role " + role, .username = "mx_" + role});
    }

    places_ = {{"casework", "worker"}, {"station", "worker2"}, {"qihang", "worker_b"}};
    const std::vector<std::string> kTags = {"甲", "乙", "丙"};
    for (std::size_t i = 0; i < places_.size(); ++i) {
      BuildPlace(*admin, places_[i], kTags[i], i);
      if (HasFatalFailure()) return;
      BuildQualityWork(places_[i], kTags[i]);
      if (HasFatalFailure()) return;
    }
    dual_user_id_ = NewUser(*admin, "mx_dual", "矩阵两边兼职",
                            json::array({{{"org_id", places_[0].org_id}, {"role", "worker"}},
                                         {{"org_id", places_[2].org_id}, {"role", "worker"}}}));
    markers_.push_back({"矩阵两边兼职",
                        {places_[0].org_id, places_[2].org_id},
                        {auth::Permission::kOrgsRead},
                        "user's name"});
    auto street = app_->db().QueryOne("SELECT id FROM regions WHERE name = '水果湖街道'");
    ASSERT_TRUE(street && *street);
    region_id_ =
        Expect(*admin, "POST", "/api/v1/regions",
               {{"parent_id", (*street)->Int(0)}, {"level", "community"}, {"name", "矩阵社区"}},
               201)
            .value("id", std::int64_t{0});

    for (const char* agency : {"sunshine", "qihang"}) {
      json booked = Expect(*Client(), "POST", "/api/v1/public/bookings",
                           {{"name", std::string("矩阵预约人") + agency},
                            {"phone", "13512340002"},
                            {"org_id", orgs_.at(agency)},
                            {"need_category", "elderly"},
                            {"need", "矩阵需求"},
                            {"agree", true}},
                           201);
      auto row = app_->db().QueryOne("SELECT id FROM intake_requests WHERE reference = ?",
                                     {booked.value("reference", std::string())});
      ASSERT_TRUE(row && *row);
      intake_ids_[agency] = (*row)->Int(0);
      markers_.push_back({std::string("矩阵预约人") + agency,
                          {orgs_.at(agency)},
                          {auth::Permission::kClientsRead},
                          "booking's name"});
    }

    NewUser(*admin, "mx_login", "矩阵登录",
            json::array({{{"org_id", places_[0].org_id}, {"role", "worker"}}}));
    login_account_ = {.label = "mx_login", .username = "mx_login"};
    LoadMemberships(login_account_);

    // Tokens: one of each caller's own, and one of a user who never signs in.
    for (auto& caller : callers_) {
      LoadMemberships(caller);
      auto token = app_->services().auth.CreateToken(caller.username, "矩阵");
      ASSERT_TRUE(token) << token.error().code();
      caller.token_id = token->id;
      caller.client = SignIn(caller.username, PasswordOf(caller));
    }
    auto other = app_->services().auth.CreateToken("mx_user_casework", "矩阵");
    ASSERT_TRUE(other);
    other_token_id_ = other->id;
    other_token_owner_ = places_[0].user_id;

    // Notifications: one of each caller's own, and one of a user who never
    // signs in; and a job in the queue.
    auto notify = [&](std::int64_t user) {
      auto row = app_->db().QueryOne(
          "INSERT INTO notifications (user_id, kind, params, created_at) VALUES "
          "(?, 'case_transferred', '{}', ?) RETURNING id",
          {user, clock_.Now()});
      EXPECT_TRUE(row && *row);
      return row && *row ? (*row)->Int(0) : 0;
    };
    for (auto& caller : callers_) caller.notification_id = notify(caller.user_id);
    other_notification_id_ = notify(places_[0].user_id);
    jobs::NewJob probe;
    probe.kind = std::string(jobs::kProbeKind);
    auto job = app_->jobs().queue().Enqueue(probe);
    ASSERT_TRUE(job && job->has_value());
    job_id_ = **job;
    callers_.insert(callers_.begin(), Caller{.label = "no session"});
    callers_.front().client = Client();
  }

  void LoadMemberships(Caller& caller) {
    caller.user_id = UserId(caller.username);
    auto memberships = app_->db().Query("SELECT org_id, role FROM memberships WHERE user_id = ?",
                                        {caller.user_id});
    ASSERT_TRUE(memberships);
    for (const auto& row : *memberships) {
      caller.memberships.push_back({row.Int(0), *orgs::ParseRole(row.Text(1))});
    }
  }

  // The objects of one place, made by its worker as in daily work.
  void BuildPlace(TestClient& admin, Place& p, const std::string& tag, std::size_t index) {
    p.org_id = orgs_[p.name];
    auto worker = SignIn(p.worker);
    const std::string n = std::to_string(index + 1);
    const std::string phone = "1390000000" + n;
    const std::string family_contact = "1370000000" + n;
    p.client_id = Expect(*worker, "POST", "/api/v1/clients",
                         {{"org_id", p.org_id},
                          {"name", "矩阵案主" + tag},
                          {"phone", phone},
                          {"household", {{{"name", "家属"}, {"contact", family_contact}}}}},
                         201)
                      .value("id", std::int64_t{0});
    p.open_client_id =
        Expect(*worker, "POST", "/api/v1/clients",
               {{"org_id", p.org_id}, {"name", "矩阵在案" + tag}, {"gender", "female"}}, 201)
            .value("id", std::int64_t{0});
    std::vector<std::int64_t> here = {p.org_id};
    using P = auth::Permission;
    markers_.push_back(
        {"矩阵案主" + tag, here, {P::kClientsRead, P::kCasesRead}, "client name", false});
    markers_.push_back(
        {"矩阵在案" + tag, here, {P::kClientsRead, P::kCasesRead}, "client name", false});
    markers_.push_back({phone, here, {P::kClientsReveal}, "phone in clear", false});
    markers_.push_back(
        {family_contact, here, {P::kClientsReveal}, "household contact in clear", false});

    // The closed case: refused at intake (refer out), with follow-ups.
    std::string base = "/api/v1/cases/";
    json opened = Expect(*worker, "POST", "/api/v1/cases", {{"client_id", p.client_id}}, 201);
    p.closed_case_id = opened.value("id", std::int64_t{0});
    std::string closed = base + std::to_string(p.closed_case_id);
    json intake = {{"source", "walk_in"},
                   {"presenting_problem", "矩阵转介问题" + tag},
                   {"urgency", "normal"},
                   {"decision", "refer_out"},
                   {"refer_out_to", "江城市精神卫生中心"}};
    Expect(*worker, "PUT", closed + "/stages/intake", {{"data", intake}}, 200);
    Expect(*worker, "POST", closed + "/transitions", {{"to", "closed"}}, 200);
    markers_.push_back({"矩阵转介问题" + tag, here, {P::kCasesRead}, "case problem", false});
    // Closure makes follow-ups only after service; these two are written
    // directly, since who may complete one does not depend on how it came.
    for (const char* due_on : {"2026-12-01", "2026-12-02"}) {
      ASSERT_TRUE(app_->db().Execute(
          "INSERT INTO case_followups (case_id, due_on, due_at, status) VALUES (?, ?, ?, 'due')",
          {p.closed_case_id, std::string(due_on), kStartTime + 7 * 24 * 60 * kMinute}));
    }
    auto followups = app_->db().Query("SELECT id FROM case_followups WHERE case_id = ? ORDER BY id",
                                      {p.closed_case_id});
    ASSERT_TRUE(followups && followups->size() == 2);
    Expect(*worker, "POST",
           "/api/v1/followups/" + std::to_string((*followups)[0].Int(0)) + "/complete",
           {{"note", "矩阵回访记录" + tag}, {"situation", "same"}, {"channel", "phone"}}, 200);
    markers_.push_back({"矩阵回访记录" + tag, here, {P::kCaseNotesRead}, "follow-up note", false});
    p.followup_id = (*followups)[1].Int(0);
    // The contact log: a call with the client, to be followed up.
    p.contact_id = Expect(*worker, "POST", "/api/v1/contacts",
                          {{"client_id", p.client_id},
                           {"case_id", p.closed_case_id},
                           {"channel", "phone"},
                           {"direction", "out"},
                           {"at", "2026-11-25T08:00:00+08:00"},
                           {"summary", "矩阵联系记录" + tag},
                           {"follow_up", {{"due", "2026-11-30"}}}},
                          201)
                       .value("id", std::int64_t{0});
    markers_.push_back({"矩阵联系记录" + tag, here, {P::kClientsRead}, "contact summary", false});

    // The open case: worked up to planning, a service record and a file on
    // it, the move to intervention waiting for approval.
    json supervised = {{"client_id", p.open_client_id}};
    if (p.name != "qihang") supervised["supervisor_id"] = UserId("supervisor");
    p.case_id =
        Expect(*worker, "POST", "/api/v1/cases", supervised, 201).value("id", std::int64_t{0});
    std::string open = base + std::to_string(p.case_id);
    Expect(*worker, "PUT", open + "/stages/intake",
           {{"data", CompleteForm("intake", "矩阵在案问题" + tag)}}, 200);
    markers_.push_back({"矩阵在案问题" + tag, here, {P::kCasesRead}, "case problem", false});
    Expect(*worker, "POST", open + "/transitions", {{"to", "assessment"}}, 200);
    json assessment = CompleteForm("assessment");
    assessment["risk_reasons"] = "矩阵风险依据" + tag;
    assessment["needs"][0]["description"] = "矩阵需求描述" + tag;
    Expect(*worker, "PUT", open + "/stages/assessment", {{"data", assessment}}, 200);
    // Stage-form fields marked "x-sensitive" are case notes.
    markers_.push_back({"矩阵风险依据" + tag, here, {P::kCaseNotesRead}, "risk details"});
    markers_.push_back({"矩阵需求描述" + tag, here, {P::kCaseNotesRead}, "need details"});
    Expect(*worker, "POST", open + "/transitions", {{"to", "planning"}}, 200);
    Expect(*worker, "PUT", open + "/stages/planning", {{"data", CompleteForm("planning")}}, 200);
    p.service_id = Expect(*worker, "POST", open + "/services",
                          {{"date", "2026-11-25"},
                           {"minutes", 60},
                           {"mode", "home_visit"},
                           {"content", "入户探访"},
                           {"progress_note", "矩阵进展记录" + tag},
                           {"client_response", "矩阵服务反应" + tag}},
                          201)
                       .value("id", std::int64_t{0});
    markers_.push_back({"矩阵进展记录" + tag, here, {P::kCaseNotesRead}, "progress note", false});
    markers_.push_back({"矩阵服务反应" + tag, here, {P::kCaseNotesRead}, "client response", false});
    TestResponse file = worker->Request("POST", open + "/attachments?name=" + AttachmentName(index),
                                        "矩阵附件内容" + tag, {{"Content-Type", "text/plain"}});
    ASSERT_EQ(file.status, 201) << file.body;
    p.attachment_id = file.Json().value("id", std::int64_t{0});
    markers_.push_back({"矩阵附件" + tag, here, {P::kCasesRead}, "file name", false});
    markers_.push_back({"矩阵附件内容" + tag, here, {P::kCaseNotesRead}, "file content", false});
    json asked = Expect(*worker, "POST", open + "/transitions", {{"to", "intervention"}}, 202);
    ASSERT_TRUE(asked.contains("approval") && asked["approval"].is_object()) << asked.dump();
    p.approval_id = asked["approval"].value("id", std::int64_t{0});

    // A user there who never signs in: the target of user management.
    const std::string display = "矩阵同事" + tag;
    p.user_id = NewUser(admin, "mx_user_" + p.name, display,
                        json::array({{{"org_id", p.org_id}, {"role", "worker"}}}));
    markers_.push_back({display, here, {P::kOrgsRead}, "user's name"});
    markers_.push_back({"mx_user_" + p.name, here, {P::kOrgsRead}, "user name"});

    // quality objectives: set at the place by the agency's manager, one an
    // indicator, more than the callers who may delete one.
    auto manager = SignIn(p.name == "qihang" ? "supervisor_b" : "leader");
    const std::int64_t manager_id = UserId(p.name == "qihang" ? "supervisor_b" : "leader");
    const char* indicators[kObjectivesAPlace] = {
        "assessment_on_time", "plan_on_time", "closure_on_time", "crisis_contact_24h",
        "followup_on_time",   "reopen_90d",   "caseload",        "file_completeness"};
    for (const char* indicator : indicators) {
      Expect(*manager, "POST", "/api/v1/quality/objectives",
             {{"org_id", p.org_id},
              {"indicator", indicator},
              {"target", 50},
              {"granularity", "month"},
              {"owner_id", manager_id}},
             201);
    }
    // quality signals: an open one of the place's organisation (a fixture row:
    // the nightly evaluation needs months of history to find one).
    auto signal = app_->db().QueryOne(
        "INSERT INTO quality_signals (org_id, indicator, period, rules, value, centre, "
        "lower_limit, upper_limit, detected_at) VALUES (?, 'assessment_on_time', '2026-10', '1', "
        "40, 80, 60, 100, 0) RETURNING id",
        {p.org_id});
    ASSERT_TRUE(signal && *signal) << (signal ? "no row" : signal.error().log_detail());
    p.signal_id = (*signal)->Int(0);
  }
  static constexpr std::size_t kObjectivesAPlace = 8;  // quality objectives

  // The place's quality work, recorded by the agency's supervisor.
  void BuildQualityWork(Place& p, const std::string& tag) {
    const std::string lead = p.name == "qihang" ? "supervisor_b" : "supervisor";
    p.lead_id = UserId(lead);
    p.worker_id = UserId(p.worker);
    auto supervisor = SignIn(lead);
    json action = {{"text", "矩阵行动" + tag}, {"owner_id", p.worker_id}, {"due_on", "2026-12-20"}};
    json session = Expect(*supervisor, "POST", "/api/v1/quality/supervision",
                          {{"org_id", p.org_id},
                           {"kind", "individual"},
                           {"date", "2026-11-20"},
                           {"minutes", 60},
                           {"supervisee_ids", {p.worker_id}},
                           {"topics", "矩阵督导议题" + tag},
                           {"actions", {action}}},
                          201);
    p.session_id = session.value("id", std::int64_t{0});
    ASSERT_TRUE(session.contains("actions") && session["actions"].size() == 1) << session.dump();
    p.session_action_id = session["actions"][0].value("id", std::int64_t{0});
    p.training_id = Expect(*supervisor, "POST", "/api/v1/quality/training",
                           {{"org_id", p.org_id},
                            {"title", "矩阵培训" + tag},
                            {"kind", "internal"},
                            {"date", "2026-11-20"},
                            {"hours", 2},
                            {"attendance", {{{"user_id", p.worker_id}}}}},
                           201)
                        .value("id", std::int64_t{0});
    json cycle = Expect(*supervisor, "POST", "/api/v1/quality/improvements",
                        {{"org_id", p.org_id},
                         {"title", "矩阵改进" + tag},
                         {"problem", "矩阵问题" + tag},
                         {"actions", {action}}},
                        201);
    p.improvement_id = cycle.value("id", std::int64_t{0});
    ASSERT_TRUE(cycle.contains("actions") && cycle["actions"].size() == 1) << cycle.dump();
    p.improvement_action_id = cycle["actions"][0].value("id", std::int64_t{0});
    using P = auth::Permission;
    markers_.push_back({"矩阵培训" + tag, {p.org_id}, {P::kQualityRead}, "training title"});
    markers_.push_back({"矩阵改进" + tag, {p.org_id}, {P::kQualityRead}, "improvement title"});

    // A round of the worker's cases opened today, audited by the supervisor,
    // with a finding on the case it sampled.
    json round = Expect(*supervisor, "POST", "/api/v1/quality/audits",
                        {{"org_id", p.org_id},
                         {"title", "矩阵评审" + tag},
                         {"from", "2026-11-25"},
                         {"to", "2026-11-25"},
                         {"worker_id", p.worker_id},
                         {"sample_size", 1},
                         {"seed", 1},
                         {"auditor_ids", {p.lead_id}}},
                        201);
    p.audit_id = round.value("id", std::int64_t{0});
    ASSERT_TRUE(round.contains("cases") && round["cases"].size() == 1) << round.dump();
    ASSERT_EQ(round["cases"][0]["excluded"], "") << round.dump();
    p.audit_case_id = round["cases"][0].value("case_id", std::int64_t{0});
    p.finding_id = Expect(*supervisor, "POST",
                          "/api/v1/quality/audits/" + std::to_string(p.audit_id) + "/findings",
                          {{"case_id", p.audit_case_id},
                           {"severity", "major"},
                           {"text", "矩阵发现" + tag},
                           {"due_on", "2026-12-20"}},
                          201)
                       .value("id", std::int64_t{0});
    markers_.push_back({"矩阵评审" + tag, {p.org_id}, {P::kQualityRead}, "audit round title"});
    markers_.push_back({"矩阵发现" + tag, {p.org_id}, {P::kQualityRead}, "audit finding"});

    // A complaint the worker took, for the supervisor to handle.
    p.complaint_id = Expect(*SignIn(p.worker), "POST", "/api/v1/complaints",
                            {{"org_id", p.org_id},
                             {"kind", "complaint"},
                             {"category", "timeliness"},
                             {"channel", "phone"},
                             {"severity", "normal"},
                             {"subject", "矩阵投诉" + tag},
                             {"complainant_contact", "13700001111"},
                             {"handler_id", p.lead_id}},
                            201)
                         .value("id", std::int64_t{0});
    markers_.push_back(
        {"矩阵投诉" + tag, {p.org_id}, {P::kClientsRead}, "complaint subject", false});

    json survey =
        Expect(*supervisor, "POST", "/api/v1/surveys",
               {{"org_id", p.org_id}, {"title_zh", "矩阵问卷" + tag}, {"anonymous", true}}, 201);
    p.survey_id = survey.value("id", std::int64_t{0});
    p.survey_token = survey.value("anonymous_url", std::string("/p/s/")).substr(5);
    markers_.push_back({"矩阵问卷" + tag, {p.org_id}, {P::kClientsRead}, "survey title"});
  }

  // "矩阵附件甲.txt", percent-encoded for the query.
  static std::string AttachmentName(std::size_t index) {
    static const char* kEncoded[] = {"%E7%94%B2", "%E4%B9%99", "%E4%B8%99"};  // 甲 乙 丙
    return "%E7%9F%A9%E9%98%B5%E9%99%84%E4%BB%B6" + std::string(kEncoded[index]) + ".txt";
  }

  // Triggers on every table of the application that record each row
  // inserted, updated or deleted in test_write_log. Updates of the columns
  // authentication touches on every request (a session's or a token's "last
  // seen") are not recorded.
  void InstallWriteLog() {
    store::Db& db = app_->db();
    const bool pg = db.backend() == store::Backend::kPostgres;
    const std::map<std::string, std::set<std::string>> kTouched = {
        {"sessions", {"last_seen_at"}}, {"api_tokens", {"last_used_at"}}};
    std::vector<std::string> tables;
    if (pg) {
      ASSERT_TRUE(db.ExecuteScript(R"sql(
CREATE TABLE test_write_log (id BIGSERIAL PRIMARY KEY, tbl TEXT NOT NULL, op TEXT NOT NULL);
CREATE FUNCTION test_write_log_row() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO test_write_log (tbl, op) VALUES (TG_TABLE_NAME, lower(TG_OP));
  RETURN NULL;
END $$;)sql"));
      auto rows = db.Query(
          "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
          "AND tablename <> 'test_write_log'");
      ASSERT_TRUE(rows);
      for (const auto& row : *rows) tables.push_back(row.Text(0));
    } else {
      ASSERT_TRUE(
          db.ExecuteScript("CREATE TABLE test_write_log (id INTEGER PRIMARY KEY, tbl TEXT NOT "
                           "NULL, op TEXT NOT NULL)"));
      auto rows = db.Query("SELECT name, sql FROM sqlite_master WHERE type = 'table'");
      ASSERT_TRUE(rows);
      std::vector<std::string> virtual_tables;
      for (const auto& row : *rows) {
        if (row.Text(1).starts_with("CREATE VIRTUAL")) virtual_tables.push_back(row.Text(0));
      }
      for (const auto& row : *rows) {
        const std::string name = row.Text(0);
        // FTS tables and their shadow tables follow the tables they index.
        bool shadow = std::any_of(virtual_tables.begin(), virtual_tables.end(),
                                  [&](const std::string& v) { return name.starts_with(v); });
        if (!shadow && !name.starts_with("sqlite_") && name != "test_write_log") {
          tables.push_back(name);
        }
      }
    }
    ASSERT_GE(tables.size(), 10u);
    for (const std::string& table : tables) {
      std::vector<std::string> columns;
      auto rows = pg ? db.Query(
                           "SELECT column_name FROM information_schema.columns "
                           "WHERE table_schema = current_schema() AND table_name = ?",
                           {table})
                     : db.Query("SELECT name FROM pragma_table_info(?)", {table});
      ASSERT_TRUE(rows) << rows.error().log_detail();
      std::string watched;
      for (const auto& row : *rows) {
        auto touched = kTouched.find(table);
        if (touched != kTouched.end() && touched->second.contains(row.Text(0))) continue;
        watched += (watched.empty() ? "" : ", ") + row.Text(0);
      }
      std::string script;
      if (pg) {
        script = "CREATE TRIGGER test_wl_rows AFTER INSERT OR DELETE OR UPDATE OF " + watched +
                 " ON " + table + " FOR EACH ROW EXECUTE FUNCTION test_write_log_row();";
      } else {
        for (const auto& [op, when] : std::vector<std::pair<std::string, std::string>>{
                 {"insert", "INSERT"}, {"delete", "DELETE"}, {"update", "UPDATE OF " + watched}}) {
          script += "CREATE TRIGGER test_wl_" + table + "_" + op + " AFTER " + when + " ON " +
                    table + " BEGIN INSERT INTO test_write_log (tbl, op) VALUES ('" + table +
                    "', '" + op + "'); END;\n";
        }
      }
      auto installed = db.ExecuteScript(script);
      ASSERT_TRUE(installed) << table << ": " << installed.error().log_detail();
    }
    TakeWrites();
  }

  mutable std::map<std::int64_t, std::optional<std::int64_t>> parents_;
  std::int64_t write_mark_ = 0;
};

}  // namespace jieli::test
