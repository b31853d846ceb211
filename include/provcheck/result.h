// Result<T>: a value or a non-ok Status, shaped like std::expected<T, Status>
// (has_value, value, error, operator*, operator->) so it can become one
// under C++23.
//
// Thread-safety: a value type; share only const access.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_RESULT_H_
#define PROVCHECK_INCLUDE_PROVCHECK_RESULT_H_

#include <cassert>
#include <optional>
#include <utility>

#include "provcheck/status.h"

namespace provcheck {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit like std::expected
  // REQUIRES: !status.ok()
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool has_value() const { return value_.has_value(); }
  explicit operator bool() const { return has_value(); }

  // REQUIRES: has_value()
  T& value() & {
    assert(has_value());
    return *value_;
  }
  const T& value() const& {
    assert(has_value());
    return *value_;
  }
  T&& value() && {
    assert(has_value());
    return std::move(*value_);
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  // The failure; an ok Status when has_value().
  const Status& error() const { return status_; }
  Status status() const { return status_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace provcheck

#define PROVCHECK_CONCAT_INNER_(a, b) a##b
#define PROVCHECK_CONCAT_(a, b) PROVCHECK_CONCAT_INNER_(a, b)

// Declares or assigns `lhs` from the value of `rexpr` (a Result), or returns
// its Status from the calling function. Usage:
//   PROVCHECK_ASSIGN_OR_RETURN(auto text, ReadFile(path));
#define PROVCHECK_ASSIGN_OR_RETURN(lhs, rexpr) \
  PROVCHECK_ASSIGN_OR_RETURN_IMPL_(PROVCHECK_CONCAT_(provcheck_result_, __LINE__), lhs, rexpr)
#define PROVCHECK_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                     \
  if (!tmp.has_value()) return tmp.status();              \
  lhs = std::move(tmp).value()

#endif  // PROVCHECK_INCLUDE_PROVCHECK_RESULT_H_
