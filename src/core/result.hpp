// Result<T>: a value or an Error. Result<void> (alias Status) is success or an Error.
//
// Usage: check and return early.
//   JIELI_ASSIGN_OR_RETURN(User user, repo.Find(id));   // the value, or return the error
//   JIELI_RETURN_IF_ERROR(repo.Save(user));             // a Status: return the error
// Accessing value() of an error result is a programmer error (asserted).
#pragma once

#include <cassert>
#include <optional>
#include <utility>
#include <variant>

#include "core/error.hpp"

namespace jieli {

template <class T>
class [[nodiscard]] Result {
 public:
  Result(T value) : data_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return data_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(data_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(data_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(data_));
  }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& {
    assert(!ok());
    return std::get<1>(data_);
  }
  Error&& error() && {
    assert(!ok());
    return std::get<1>(std::move(data_));
  }

 private:
  std::variant<T, Error> data_;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : error_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return !error_.has_value(); }
  explicit operator bool() const { return ok(); }
  const Error& error() const& {
    assert(!ok());
    return *error_;
  }
  Error&& error() && {
    assert(!ok());
    return std::move(*error_);
  }

 private:
  std::optional<Error> error_;
};

using Status = Result<void>;

inline Status Ok() { return {}; }

}  // namespace jieli

// Evaluates expr (a Result or Status); on error returns the error from the caller.
#define JIELI_RETURN_IF_ERROR(expr)                   \
  do {                                                \
    auto jieli_status_ = (expr);                      \
    if (!jieli_status_) return jieli_status_.error(); \
  } while (false)

// Evaluates expr (a Result<T>); on error returns the error from the caller,
// else moves the value into lhs, which may declare it:
//   JIELI_ASSIGN_OR_RETURN(auto row, db.QueryOne(sql, params));
#define JIELI_ASSIGN_OR_RETURN(lhs, expr) \
  JIELI_ASSIGN_OR_RETURN_IMPL_(JIELI_RESULT_NAME_(jieli_result_, __LINE__), lhs, expr)
#define JIELI_RESULT_NAME_(prefix, line) JIELI_RESULT_CONCAT_(prefix, line)
#define JIELI_RESULT_CONCAT_(a, b) a##b
// `result` is a name and `lhs` may be a declaration: neither can be parenthesised.
// NOLINTBEGIN(bugprone-macro-parentheses)
#define JIELI_ASSIGN_OR_RETURN_IMPL_(result, lhs, expr) \
  auto result = (expr);                                 \
  if (!result) return std::move(result).error();        \
  lhs = std::move(result).value()
// NOLINTEND(bugprone-macro-parentheses)
