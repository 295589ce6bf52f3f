// Page: one page of a list a service returns — the items on it and how many
// there are in all — so that handlers answer {"items", "total", "page",
// "page_size"} the same way for every module. A plain value type.
#pragma once

#include <cstdint>
#include <vector>

namespace jieli {

template <class T>
struct Page {
  std::vector<T> items;
  std::int64_t total = 0;  // items in the whole list, not on this page
};

}  // namespace jieli
