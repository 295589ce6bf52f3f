// The handlers of the public pages' API (/api/v1/public/…): no caller, so no
// Bind; their errors answered in the one shape, and every POST counted
// against the client address's rate limit first (429 with Retry-After,
// nothing read or written).
#pragma once

#include <cstddef>

#include "core/result.hpp"
#include "http/router.hpp"

namespace jieli::modules {
struct Services;
}

namespace jieli::feedback {

using PublicHandler = Result<http::Response> (*)(http::Request&, modules::Services&);

http::Handler Public(modules::Services& services, PublicHandler handler);

// The largest body a public POST takes.
inline constexpr std::size_t kPublicBodyLimit = 64 * 1024;

}  // namespace jieli::feedback
