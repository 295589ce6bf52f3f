#include "modules/auth/authenticator.hpp"

#include "core/crypto.hpp"
#include "http/json.hpp"

namespace jieli::auth {
namespace {

bool IsSafeMethod(const std::string& method) {
  return method == "GET" || method == "HEAD" || method == "OPTIONS";
}

}  // namespace

http::Response ErrorReply(const Error& error, const http::Request& request) {
  return http::ErrorResponse(error, request.lang, request.request_id);
}

Result<Actor> Authenticator::Authenticate(const http::Request& request,
                                          GuardOptions options) const {
  std::string authorization = request.Header("Authorization");
  constexpr std::string_view kBearer = "Bearer ";
  Result<Actor> actor = Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
  if (authorization.starts_with(kBearer)) {
    actor = auth_.AuthenticateToken(authorization.substr(kBearer.size()));
  } else {
    auto cookie = request.Cookie(kSessionCookie);
    if (!cookie) return Error(ErrorKind::kUnauthenticated, "auth.unauthenticated");
    bool needs_totp_setup = false;
    actor = auth_.AuthenticateSession(*cookie, &needs_totp_setup);
    if (!actor) return actor;
    if (!IsSafeMethod(request.method) &&
        !crypto::ConstantTimeEquals(request.Header(kCsrfHeader), actor->csrf_token)) {
      return Error(ErrorKind::kForbidden, "auth.csrf");
    }
    if (needs_totp_setup && !options.allow_during_totp_setup) {
      return Error(ErrorKind::kForbidden, "auth.totp_setup_required");
    }
  }
  if (!actor) return actor;
  actor->request_id = request.request_id;
  actor->client_address = request.client_address;
  actor->lang = request.lang;
  return actor;
}

http::Handler Authenticator::Guard(ActorHandler handler, GuardOptions options) const {
  return [this, handler = std::move(handler), options](http::Request& request) {
    auto actor = Authenticate(request, options);
    if (!actor) return ErrorReply(actor.error(), request);
    return handler(request, *actor);
  };
}

}  // namespace jieli::auth
