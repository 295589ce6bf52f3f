// Routing: Router::Find on an arbitrary method and raw path (split at '/',
// then percent-decoded segment by segment), over the application's route
// table, and PercentDecode on its own.
//
// Input: "METHOD /raw/path" — everything before the first space is the
// method ("GET" when there is no space).

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_support.hpp"
#include "http/router.hpp"

namespace {

using jieli::ErrorKind;
using jieli::http::Router;

constexpr std::string_view kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};

// The routes of src/modules when this target was written: what matters is a
// realistic mix of literal and {param} segments at the same positions.
const Router& AppRouter() {
  static const Router kRouter = [] {
    struct Entry {
      const char* method;
      const char* pattern;
    };
    constexpr Entry kRoutes[] = {
        {"GET", "/api/openapi.json"},
        {"GET", "/api/v1/approvals"},
        {"POST", "/api/v1/approvals/{id}/decision"},
        {"GET", "/api/v1/attachments/{id}"},
        {"GET", "/api/v1/audit"},
        {"GET", "/api/v1/audit/verify"},
        {"POST", "/api/v1/auth/login"},
        {"POST", "/api/v1/auth/logout"},
        {"GET", "/api/v1/cases"},
        {"POST", "/api/v1/cases"},
        {"GET", "/api/v1/cases/stats"},
        {"GET", "/api/v1/cases/{id}"},
        {"GET", "/api/v1/cases/{id}/attachments"},
        {"POST", "/api/v1/cases/{id}/attachments"},
        {"GET", "/api/v1/cases/{id}/followups"},
        {"POST", "/api/v1/cases/{id}/reopen"},
        {"GET", "/api/v1/cases/{id}/services"},
        {"POST", "/api/v1/cases/{id}/services"},
        {"GET", "/api/v1/cases/{id}/stages/{stage}"},
        {"PUT", "/api/v1/cases/{id}/stages/{stage}"},
        {"GET", "/api/v1/cases/{id}/timeline"},
        {"POST", "/api/v1/cases/{id}/transfer"},
        {"POST", "/api/v1/cases/{id}/transitions"},
        {"GET", "/api/v1/clients"},
        {"POST", "/api/v1/clients"},
        {"GET", "/api/v1/clients/export"},
        {"POST", "/api/v1/clients/import/commit"},
        {"POST", "/api/v1/clients/import/preview"},
        {"GET", "/api/v1/clients/{id}"},
        {"PATCH", "/api/v1/clients/{id}"},
        {"POST", "/api/v1/clients/{id}/reveal"},
        {"POST", "/api/v1/followups/{id}/complete"},
        {"GET", "/api/v1/me"},
        {"POST", "/api/v1/me/password"},
        {"GET", "/api/v1/me/tokens"},
        {"DELETE", "/api/v1/me/tokens/{id}"},
        {"POST", "/api/v1/me/totp/disable"},
        {"POST", "/api/v1/me/totp/enable"},
        {"POST", "/api/v1/me/totp/setup"},
        {"GET", "/api/v1/orgs"},
        {"POST", "/api/v1/orgs"},
        {"GET", "/api/v1/orgs/{id}"},
        {"PATCH", "/api/v1/orgs/{id}"},
        {"GET", "/api/v1/orgs/{id}/case-forms/{stage}"},
        {"PUT", "/api/v1/orgs/{id}/case-forms/{stage}"},
        {"GET", "/api/v1/orgs/{id}/case-policy"},
        {"PUT", "/api/v1/orgs/{id}/case-policy"},
        {"POST", "/api/v1/orgs/{id}/deactivate"},
        {"GET", "/api/v1/regions"},
        {"POST", "/api/v1/regions"},
        {"PATCH", "/api/v1/regions/{id}"},
        {"GET", "/api/v1/settings/security"},
        {"PUT", "/api/v1/settings/security"},
        {"GET", "/api/v1/users"},
        {"POST", "/api/v1/users"},
        {"GET", "/api/v1/users/{id}"},
        {"PATCH", "/api/v1/users/{id}"},
        {"POST", "/api/v1/users/{id}/deactivate"},
        {"POST", "/api/v1/users/{id}/password"},
        {"GET", "/api/v1/worklist"},
        {"GET", "/healthz"},
        {"GET", "/readyz"},
    };
    Router router;
    for (const Entry& entry : kRoutes) {
      router.Add(entry.method, entry.pattern,
                 [](jieli::http::Request&) { return jieli::http::Response{}; }, {});
    }
    return router;
  }();
  return kRouter;
}

std::size_t ParamCount(std::string_view pattern) {
  std::size_t count = 0;
  for (char c : pattern) count += c == '{';
  return count;
}

// Whether two results of Find are the same answer.
bool SameAnswer(const jieli::Result<Router::Match>& a, const jieli::Result<Router::Match>& b) {
  if (a.ok() != b.ok()) return false;
  if (!a.ok()) return a.error().kind() == b.error().kind();
  return a->route == b->route && a->params == b->params;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input = jieli::fuzz::AsText(data, size);
  std::string_view method = "GET";
  std::string_view path = input;
  if (auto space = input.find(' '); space != std::string_view::npos) {
    method = input.substr(0, space);
    path = input.substr(space + 1);
  }

  if (auto decoded = jieli::http::PercentDecode(path, true)) {
    JIELI_FUZZ_CHECK(decoded->size() <= path.size());
  }

  const Router& router = AppRouter();
  jieli::Result<Router::Match> found = router.Find(method, path);
  if (found) {
    JIELI_FUZZ_CHECK(found->route->method == method);
    JIELI_FUZZ_CHECK(found->params.size() == ParamCount(found->route->pattern));
    for (const auto& [name, value] : found->params) JIELI_FUZZ_CHECK(!value.empty());
  } else {
    ErrorKind kind = found.error().kind();
    JIELI_FUZZ_CHECK(kind == ErrorKind::kNotFound || kind == ErrorKind::kMethodNotAllowed);
    // 405 promises that another method matches; 404 that none does.
    bool any_method = false;
    for (std::string_view other : kMethods)
      any_method = any_method || router.Find(other, path).ok();
    JIELI_FUZZ_CHECK(any_method == (kind == ErrorKind::kMethodNotAllowed));
  }

  // The query string and one trailing slash change nothing.
  if (path.find('?') == std::string_view::npos) {
    std::string with_query = std::string(path) + "?page=2";
    JIELI_FUZZ_CHECK(SameAnswer(found, router.Find(method, with_query)));
    if (!path.empty() && path.back() != '/') {
      std::string with_slash = std::string(path) + "/";
      JIELI_FUZZ_CHECK(SameAnswer(found, router.Find(method, with_slash)));
    }
  }
  return 0;
}
