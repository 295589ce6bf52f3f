// Which precompressed copy of a web-app file to send: the build writes
// `name.br` and `name.gz` beside each compressible file, and the client's
// Accept-Encoding (RFC 9110 §12.5.3) decides which one it can take.
#pragma once

#include <string_view>
#include <vector>

namespace jieli::http {

struct ContentCoding {
  std::string_view name;    // the Content-Encoding value: "br" or "gzip"
  std::string_view suffix;  // the file name suffix the build gives it: ".br" or ".gz"
};

// The codings the client accepts, best first (brotli before gzip, as it is
// smaller). A coding given q=0 is refused, also through "*;q=0"; "identity"
// is always possible and so never listed.
std::vector<ContentCoding> AcceptedCodings(std::string_view accept_encoding);

}  // namespace jieli::http
