// SortOrders: the sorts a list offers (the value of ?sort=, "-name" for
// descending) and the ORDER BY clause of each, with the one refusal every
// list gives for another value: field "sort", code "invalid_choice" and the
// allowed values named (the catalogue's message says "allowed: {allowed}").
// An immutable value; thread-safe.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "core/result.hpp"

namespace jieli::modules {

class SortOrders {
 public:
  // options: the sort names and their ORDER BY clauses, in the order the
  // allowed values are listed.
  explicit SortOrders(std::vector<std::pair<std::string, std::string>> options)
      : options_(std::move(options)) {}

  // The ORDER BY clause of sort. Error: "validation.failed" with the issue
  // {"sort", "invalid_choice", {"allowed": "name, -name, …"}}.
  Result<std::string> OrderBy(const std::string& sort) const;
  // The sort names, "name, -name, …".
  std::string Allowed() const;

 private:
  std::vector<std::pair<std::string, std::string>> options_;
};

}  // namespace jieli::modules
