#include "modules/feedback/public_route.hpp"

#include <string>
#include <utility>

#include "modules/auth/authenticator.hpp"
#include "modules/services.hpp"

namespace jieli::feedback {

http::Handler Public(modules::Services& s, PublicHandler handler) {
  return [&s, handler](http::Request& r) {
    if (r.method == "POST") {
      if (int wait = s.public_submissions.Take(r.client_address, s.clock.Now()); wait > 0) {
        http::Response refused =
            auth::ErrorReply(Error(ErrorKind::kRateLimited, "public.rate_limited")
                                 .WithParam("seconds", std::to_string(wait)),
                             r);
        refused.headers.emplace_back("Retry-After", std::to_string(wait));
        return refused;
      }
    }
    Result<http::Response> response = handler(r, s);
    if (!response) return auth::ErrorReply(response.error(), r);
    return std::move(response).value();
  };
}

}  // namespace jieli::feedback
