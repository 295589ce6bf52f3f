// ZipParts: parts (path in the archive, content) as the bytes of a zip file
// made in memory, each part stored uncompressed — for workbooks that no
// writer would make, in the xlsx tests and the xlsx fuzz target. "" when
// libzip refuses. Header-only, so the fuzz build needs no test library.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <zip.h>

namespace jieli::test {

inline std::string ZipParts(const std::vector<std::pair<std::string, std::string>>& parts) {
  struct SourceFree {
    void operator()(zip_source_t* source) const { zip_source_free(source); }
  };
  std::unique_ptr<zip_source_t, SourceFree> buffer(
      zip_source_buffer_create(nullptr, 0, 0, nullptr));
  if (!buffer) return "";
  zip_source_keep(buffer.get());  // closing the archive frees one reference
  zip_t* archive = zip_open_from_source(buffer.get(), ZIP_TRUNCATE, nullptr);
  if (archive == nullptr) return "";
  for (const auto& [name, content] : parts) {
    zip_source_t* file = zip_source_buffer(archive, content.data(), content.size(), 0);
    zip_int64_t index =
        file == nullptr ? -1 : zip_file_add(archive, name.c_str(), file, ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(file);
      zip_discard(archive);
      return "";
    }
    zip_set_file_compression(archive, static_cast<zip_uint64_t>(index), ZIP_CM_STORE, 0);
  }
  if (zip_close(archive) != 0) {
    zip_discard(archive);
    return "";
  }
  zip_stat_t stat;
  if (zip_source_stat(buffer.get(), &stat) != 0 || zip_source_open(buffer.get()) != 0) return "";
  std::string bytes(static_cast<std::size_t>(stat.size), '\0');
  zip_int64_t read = zip_source_read(buffer.get(), bytes.data(), bytes.size());
  zip_source_close(buffer.get());
  return read == static_cast<zip_int64_t>(bytes.size()) ? bytes : "";
}

}  // namespace jieli::test
