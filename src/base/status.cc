#include "provcheck/status.h"

namespace provcheck {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return "ok";
    case StatusCode::kInvalidArgument:
      return "invalid argument";
    case StatusCode::kInvalidInput:
      return "invalid input";
    case StatusCode::kNotFound:
      return "not found";
    case StatusCode::kIOError:
      return "I/O error";
    case StatusCode::kCorruption:
      return "corruption";
    case StatusCode::kVerificationFailed:
      return "verification failed";
    case StatusCode::kResourceLimit:
      return "resource limit";
    case StatusCode::kInternal:
      return "internal error";
  }
  return "unknown";
}

Status Status::WithPrefix(std::string_view prefix) const {
  if (ok()) return *this;
  std::string m(prefix);
  m += ": ";
  m += message_;
  return Status(code_, std::move(m));
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  if (!message_.empty()) return message_;
  return std::string(StatusCodeName(code_));
}

}  // namespace provcheck
