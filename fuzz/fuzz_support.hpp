// What the fuzz targets share: a property check that stops the run when the
// code breaks a promise its header makes (libFuzzer then saves the input as a
// crash), and the split of one input into the parts a target feeds to
// different functions. Header-only; every target is a single-threaded process.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

// Aborts with the failed condition when it is false. Unlike assert() it stays
// on whatever the build type: a fuzz run exists to check these.
#define JIELI_FUZZ_CHECK(condition)                                                         \
  do {                                                                                      \
    if (!(condition)) {                                                                     \
      std::fprintf(stderr, "%s:%d: property failed: %s\n", __FILE__, __LINE__, #condition); \
      std::abort();                                                                         \
    }                                                                                       \
  } while (false)

namespace jieli::fuzz {

// input cut at each separator into at most max_parts parts (the last part
// keeps any further separators). "a\0b" with '\0' gives {"a", "b"}.
inline std::vector<std::string_view> Split(std::string_view input, char separator,
                                           std::size_t max_parts) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < max_parts) {
    std::size_t at = input.find(separator);
    if (at == std::string_view::npos) break;
    parts.push_back(input.substr(0, at));
    input.remove_prefix(at + 1);
  }
  parts.push_back(input);
  return parts;
}

inline std::string_view AsText(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace jieli::fuzz
