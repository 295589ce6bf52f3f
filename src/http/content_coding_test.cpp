#include "http/content_coding.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace jieli::http {
namespace {

std::string Names(std::string_view accept_encoding) {
  std::string names;
  for (const ContentCoding& coding : AcceptedCodings(accept_encoding)) {
    if (!names.empty()) names += ",";
    names += coding.name;
  }
  return names;
}

TEST(ContentCodingTest, ChoosesWhatTheClientAccepts) {
  struct Case {
    std::string accept_encoding;
    std::string expected;
  };
  const std::vector<Case> cases = {
      {"", ""},
      {"identity", ""},
      {"gzip", "gzip"},
      {"br", "br"},
      {"gzip, deflate, br, zstd", "br,gzip"},  // Chromium's header: brotli first
      {"GZIP, Br", "br,gzip"},
      {"gzip;q=1.0, br;q=0.5", "br,gzip"},  // both acceptable; brotli is the smaller
      {"br;q=0, gzip", "gzip"},
      {"br; q=0.000 ,gzip", "gzip"},
      {"br;q=0.001", "br"},
      {"*", "br,gzip"},
      {"*;q=0", ""},
      {"*;q=0, gzip", "gzip"},
      {"*, br;q=0", "gzip"},
      {"gzip;q=0, *", "br"},
      {"deflate", ""},
      {"  gzip  ;  q=0.8  ", "gzip"},
      {",,;,", ""},
      {"gzip;level=9", "gzip"},  // an unknown parameter is not a weight
  };
  for (const Case& c : cases) EXPECT_EQ(Names(c.accept_encoding), c.expected) << c.accept_encoding;
}

TEST(ContentCodingTest, SuffixesMatchTheBuild) {
  std::vector<ContentCoding> codings = AcceptedCodings("br, gzip");
  ASSERT_EQ(codings.size(), 2u);
  EXPECT_EQ(codings[0].suffix, ".br");
  EXPECT_EQ(codings[1].suffix, ".gz");
}

}  // namespace
}  // namespace jieli::http
