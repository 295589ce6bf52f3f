#include "http/router.hpp"

#include <cassert>
#include <cstdint>
#include <utility>

namespace jieli::http {
namespace {

// Walks the segments of a path or pattern: "/a/b/" yields "a", "b". The
// trailing slash is dropped so "/x/" and "/x" are the same address.
class SegmentCursor {
 public:
  explicit SegmentCursor(std::string_view path) : rest_(path) {
    if (!rest_.empty() && rest_.front() == '/') rest_.remove_prefix(1);
    if (!rest_.empty() && rest_.back() == '/') rest_.remove_suffix(1);
    done_ = rest_.empty();
  }

  // The next segment, or false when there are no more.
  bool Next(std::string_view& segment) {
    if (done_) return false;
    auto slash = rest_.find('/');
    if (slash == std::string_view::npos) {
      segment = rest_;
      done_ = true;
    } else {
      segment = rest_.substr(0, slash);
      rest_.remove_prefix(slash + 1);
    }
    return true;
  }

 private:
  std::string_view rest_;
  bool done_ = false;
};

bool IsParam(std::string_view segment) {
  return segment.size() >= 2 && segment.front() == '{' && segment.back() == '}';
}

// The pattern with parameter names blanked: "/a/{id}/" -> "a/{}", so that two
// patterns that always match the same paths compare equal.
[[maybe_unused]] std::string Shape(std::string_view pattern) {
  std::string shape;
  SegmentCursor cursor(pattern);
  std::string_view segment;
  while (cursor.Next(segment)) {
    if (!shape.empty()) shape += '/';
    shape += IsParam(segment) ? std::string_view("{}") : segment;
  }
  return shape;
}

// Whether pattern matches the decoded path segments. On success, specificity
// has a bit set for each literal segment, most significant first, so that a
// larger value means "literal earlier", which is the precedence we want.
bool MatchPattern(std::string_view pattern, const std::vector<std::string>& segments,
                  std::uint64_t& specificity) {
  SegmentCursor cursor(pattern);
  std::string_view part;
  std::size_t index = 0;
  specificity = 0;
  while (cursor.Next(part)) {
    if (index >= segments.size()) return false;
    if (IsParam(part)) {
      // "/orgs//users" must not match with an empty id.
      if (segments[index].empty()) return false;
    } else {
      if (part != segments[index]) return false;
      if (index < 64) specificity |= std::uint64_t{1} << (63 - index);
    }
    ++index;
  }
  return index == segments.size();
}

}  // namespace

QueryParam SortQuery(const std::string& sorts) {
  return {"sort", "string", "One of " + sorts + "; a leading '-' sorts descending"};
}

std::vector<QueryParam> PageQuery(const std::string& sorts,
                                  const std::vector<QueryParam>& filters) {
  std::vector<QueryParam> params = {{"page", "integer", "Page number, from 1 (default 1)"},
                                    {"page_size", "integer", "Items per page, 1-200 (default 20)"}};
  if (!sorts.empty()) params.push_back(SortQuery(sorts));
  params.insert(params.end(), filters.begin(), filters.end());
  return params;
}

void Router::Add(std::string method, std::string pattern, Handler handler, RouteDoc doc) {
#ifndef NDEBUG
  std::string shape = Shape(pattern);
  for (const Route& route : routes_) {
    assert(!(route.method == method && Shape(route.pattern) == shape) && "duplicate route");
  }
#endif
  routes_.push_back(
      Route{std::move(method), std::move(pattern), std::move(handler), std::move(doc)});
}

void Router::AddSchema(const std::string& name, std::string schema) {
  auto found = schemas_.find(name);
  if (found != schemas_.end()) {
    assert(found->second == schema && "component schema registered twice, differently");
    return;
  }
  schemas_.emplace(name, std::move(schema));
}

Result<Router::Match> Router::Find(std::string_view method, std::string_view path) const {
  path = path.substr(0, path.find('?'));
  // Segments are split before decoding so that an encoded "/" (%2F) stays
  // inside its parameter instead of creating a new segment.
  std::vector<std::string> segments;
  SegmentCursor cursor(path);
  std::string_view raw;
  while (cursor.Next(raw)) {
    std::optional<std::string> decoded = PercentDecode(raw);
    if (!decoded) return Error(ErrorKind::kNotFound, "http.not_found");
    segments.push_back(std::move(*decoded));
  }

  const Route* best = nullptr;
  std::uint64_t best_specificity = 0;
  bool path_matched = false;
  for (const Route& route : routes_) {
    std::uint64_t specificity = 0;
    if (!MatchPattern(route.pattern, segments, specificity)) continue;
    path_matched = true;
    if (route.method != method) continue;
    if (best == nullptr || specificity > best_specificity) {
      best = &route;
      best_specificity = specificity;
    }
  }
  if (best == nullptr) {
    if (path_matched) return Error(ErrorKind::kMethodNotAllowed, "http.method_not_allowed");
    return Error(ErrorKind::kNotFound, "http.not_found");
  }

  Match match{best, {}};
  SegmentCursor pattern_cursor(best->pattern);
  std::string_view part;
  for (std::size_t index = 0; pattern_cursor.Next(part); ++index) {
    if (IsParam(part)) {
      match.params.emplace(std::string(part.substr(1, part.size() - 2)), segments[index]);
    }
  }
  return match;
}

}  // namespace jieli::http
