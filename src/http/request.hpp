// Request and Response: the transport-neutral shapes that handlers see.
// Boost.Beast stays inside server.cpp; handlers and modules never include it.
// Plain values; a Request is owned by the connection that read it.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/messages.hpp"
#include "http/status.hpp"

namespace jieli::http {

struct CaseInsensitiveLess {
  bool operator()(std::string_view a, std::string_view b) const;
  using is_transparent = void;
};

// Header names and tokens are ASCII: compared with a byte-wise case fold.
bool EqualsIgnoringCase(std::string_view a, std::string_view b);
// A header value or list item without the spaces and tabs around it (RFC 9110 OWS).
std::string_view TrimSpaces(std::string_view text);

struct Route;

struct Request {
  std::string method;                        // "GET", "POST", …
  std::string target;                        // as received: path and query
  std::string path;                          // percent-decoded path, no query
  std::map<std::string, std::string> query;  // decoded; last value wins
  std::map<std::string, std::string, CaseInsensitiveLess> headers;
  std::string body;
  std::map<std::string, std::string> path_params;  // filled by the router
  // The route it was matched to (set by the server before the handler runs),
  // so that a guard can act on the route's documentation; nullptr otherwise.
  const Route* route = nullptr;
  std::string request_id;
  std::string client_address;
  Lang lang = Lang::kZh;  // from Accept-Language

  // The header's value, or "" when absent.
  std::string Header(std::string_view name) const;
  // A cookie from the Cookie header.
  std::optional<std::string> Cookie(std::string_view name) const;
  // A query parameter.
  std::optional<std::string> Query(std::string_view name) const;
};

// The open connection of a streamed response (Server-Sent Events): a handler
// keeps it to write to the client later. Thread-safe; owned jointly by the
// server's connection and whoever writes to it.
class StreamWriter {
 public:
  virtual ~StreamWriter() = default;
  // Queues text for the client. False once the connection has ended (then the
  // text is dropped).
  virtual bool Write(std::string text) = 0;
  virtual bool Closed() const = 0;
  // Ends the stream: the connection is closed after what is queued.
  virtual void Close() = 0;
};

struct Response {
  int status = kOk;
  std::string content_type = "application/json; charset=utf-8";
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers
  std::string body;
  // When set, the response is a stream: the server sends the status and
  // headers (and body, if any, as the first text), keeps the connection open
  // and calls open_stream with the writer, on a server thread. The stream
  // ends when the client goes away or the server stops.
  std::function<void(std::shared_ptr<StreamWriter>)> open_stream{};
};

using Handler = std::function<Response(Request&)>;

// Decodes %XX escapes (and '+' as a space when plus_as_space, for query
// strings). nullopt when an escape is malformed ("%4", "%zz").
std::optional<std::string> PercentDecode(std::string_view text, bool plus_as_space = false);

// An origin-form request target ("/api/v1/clients?q=%E5%BC%A0&page=2") taken
// apart. raw_path points into the target given to ParseTarget.
struct RequestTarget {
  std::string_view raw_path;                 // as received: still percent-encoded, no query
  std::string path;                          // percent-decoded
  std::map<std::string, std::string> query;  // decoded, '+' as a space; last value wins
};

// The target split into path and query, or nullopt when it is not one we
// accept: it must start with '/', every escape must be well formed, and the
// decoded path may hold neither a NUL nor a ".." segment. A query pair without
// '=' has the value "" ("?flag"); empty pairs ("a=1&&b=2") are skipped.
std::optional<RequestTarget> ParseTarget(std::string_view target);

}  // namespace jieli::http
