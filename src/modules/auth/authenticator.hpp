// Authenticator: turns a request into an Actor before a handler runs.
//
// A bearer token (Authorization: Bearer …) or the session cookie identifies the
// user; for cookie sessions every state-changing method must echo the session's
// CSRF token in X-CSRF-Token (bearer tokens are not sent automatically by a
// browser, so they need none). Handlers wrapped here never see an anonymous
// request. Authorisation of the action itself stays in the services.
// Thread-safe: holds a reference to the AuthService only.
#pragma once

#include <functional>

#include "http/request.hpp"
#include "modules/auth/actor.hpp"
#include "modules/auth/auth_service.hpp"

namespace jieli::auth {

inline constexpr std::string_view kSessionCookie = "jieli_session";
inline constexpr std::string_view kCsrfHeader = "X-CSRF-Token";

using ActorHandler = std::function<http::Response(http::Request&, Actor&)>;

struct GuardOptions {
  // Reachable by a session that still has to set up its second factor.
  bool allow_during_totp_setup = false;
};

class Authenticator {
 public:
  explicit Authenticator(const AuthService& auth) : auth_(auth) {}

  http::Handler Guard(ActorHandler handler, GuardOptions options = {}) const;

  // The actor of a request, or the error to answer with.
  Result<Actor> Authenticate(const http::Request& request, GuardOptions options) const;

 private:
  const AuthService& auth_;
};

// The error response in the request's language, with its request id.
http::Response ErrorReply(const Error& error, const http::Request& request);

}  // namespace jieli::auth
