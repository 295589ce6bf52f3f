// The rest of a request's head as the server and handlers read it: the
// target split into path and query (ParseTarget), the page, id and flag query
// parameters (ReadPageParams, ReadIdQuery, ReadBoolQuery), ids in paths
// (ParseId), the Cookie header and Accept-Language.
//
// Input: three lines — the target, the Cookie header, the Accept-Language header.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "core/messages.hpp"
#include "fuzz_support.hpp"
#include "http/json.hpp"
#include "http/request.hpp"
#include "modules/handler_support.hpp"

namespace {

using jieli::http::Json;

// What ParseTarget promises about a path it accepted.
void CheckPath(const std::string& path) {
  JIELI_FUZZ_CHECK(!path.empty() && path.front() == '/');
  JIELI_FUZZ_CHECK(path.find('\0') == std::string::npos);
  std::string_view rest = path;
  while (true) {
    std::size_t slash = rest.find('/');
    JIELI_FUZZ_CHECK(rest.substr(0, slash) != "..");
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto lines = jieli::fuzz::Split(jieli::fuzz::AsText(data, size), '\n', 3);
  lines.resize(3);
  std::string_view target = lines[0];

  std::optional<jieli::http::RequestTarget> parsed = jieli::http::ParseTarget(target);
  jieli::http::Request request;
  request.headers["Cookie"] = std::string(lines[1]);
  if (parsed) {
    JIELI_FUZZ_CHECK(target.starts_with(parsed->raw_path));
    JIELI_FUZZ_CHECK(parsed->raw_path.find('?') == std::string_view::npos);
    JIELI_FUZZ_CHECK(jieli::http::PercentDecode(parsed->raw_path) == parsed->path);
    CheckPath(parsed->path);
    request.target = std::string(target);
    request.path = parsed->path;
    request.query = parsed->query;
  }

  jieli::Result<jieli::http::PageParams> page = jieli::http::ReadPageParams(request);
  if (page) {
    JIELI_FUZZ_CHECK(page->page >= 1 && page->page <= 1'000'000);
    JIELI_FUZZ_CHECK(page->page_size >= 1 && page->page_size <= 200);
    JIELI_FUZZ_CHECK(page->offset() >= 0);
  } else {
    JIELI_FUZZ_CHECK(!page.error().details().empty());
  }

  Json none = Json::object();
  jieli::http::JsonReader issues(none);
  for (const char* name : {"org_id", "region_id", "client_id"}) {
    if (auto id = jieli::modules::ReadIdQuery(request, name, issues)) JIELI_FUZZ_CHECK(*id > 0);
  }
  jieli::modules::ReadBoolQuery(request, "has_risk", issues);
  jieli::modules::ReadBoolQuery(request, "overdue", issues);

  // Every segment of the path as an id, as a route's {id} is read.
  std::string_view rest = parsed ? std::string_view(parsed->path) : target;
  while (!rest.empty()) {
    std::size_t slash = rest.find('/');
    std::string_view segment = rest.substr(0, slash);
    if (auto id = jieli::modules::ParseId(segment)) {
      JIELI_FUZZ_CHECK(*id > 0);
      JIELI_FUZZ_CHECK(std::to_string(*id).size() <= segment.size());
    }
    if (slash == std::string_view::npos) break;
    rest.remove_prefix(slash + 1);
  }

  for (std::string_view name : {"jieli_session", "jieli_csrf", ""}) {
    if (auto value = request.Cookie(name)) {
      JIELI_FUZZ_CHECK(value->size() <= lines[1].size());
    }
  }
  jieli::LangFromAcceptLanguage(lines[2]);
  return 0;
}
