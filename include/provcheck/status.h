// Status: the outcome of a fallible call, a code and a message.
//
// The library never throws across its API; every fallible call returns a
// Status or a Result<T>. Messages name the place and the expectation, for
// example `draft.md: invalid UTF-8 at byte 4096`.
//
// Thread-safety: a Status is a value; distinct objects may be used freely
// from different threads.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_STATUS_H_
#define PROVCHECK_INCLUDE_PROVCHECK_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

namespace provcheck {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,     // bad usage: a flag, an option, a precondition of the caller
  kInvalidInput,        // a draft, corpus or rules file we cannot accept
  kNotFound,            // a file, document or index that does not exist
  kIOError,             // the operating system refused a read or write
  kCorruption,          // an index or envelope is damaged
  kVerificationFailed,  // a signature or digest did not verify
  kResourceLimit,       // an input exceeds a configured limit
  kInternal,            // a bug or an unexpected library failure
};

// Returns a short lower-case name for `code`, such as "invalid input".
std::string_view StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }
  static Status InvalidArgument(std::string m) {
    return {StatusCode::kInvalidArgument, std::move(m)};
  }
  static Status InvalidInput(std::string m) { return {StatusCode::kInvalidInput, std::move(m)}; }
  static Status NotFound(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIOError, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status VerificationFailed(std::string m) {
    return {StatusCode::kVerificationFailed, std::move(m)};
  }
  static Status ResourceLimit(std::string m) { return {StatusCode::kResourceLimit, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

  // Returns a copy whose message is `prefix` + ": " + message (for adding
  // the file name or place to an error raised deeper down). Ok stays ok.
  Status WithPrefix(std::string_view prefix) const;

  // "ok", or the message alone when set, else the code's name.
  std::string ToString() const;

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

}  // namespace provcheck

// Evaluates `expr` (a Status) and returns it from the calling function when
// it is not ok.
#define PROVCHECK_RETURN_IF_ERROR(expr)                    \
  do {                                                     \
    ::provcheck::Status provcheck_status_ = (expr);        \
    if (!provcheck_status_.ok()) return provcheck_status_; \
  } while (0)

#endif  // PROVCHECK_INCLUDE_PROVCHECK_STATUS_H_
