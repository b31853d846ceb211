// AccessLog: one JSON line per HTTP exchange (docs/server.md, "Access
// log"): time, remote address, method, path (never the query), status,
// bytes in and out, milliseconds, and what the handler noted (scan id, role,
// error code). Never a header value, a token or any of the body.
//
// Thread-safety: Record may be called from any thread.
#ifndef PROVCHECK_SRC_SERVER_ACCESS_LOG_H_
#define PROVCHECK_SRC_SERVER_ACCESS_LOG_H_

#include <cstdint>
#include <cstdio>
#include <string>

#include "base/mutex.h"

namespace provcheck::server {

struct AccessRecord {
  std::string remote, method, path;
  int status = 0;
  uint64_t bytes_in = 0, bytes_out = 0;
  double milliseconds = 0;
  std::string scan_id, role, error;
};

class AccessLog {
 public:
  // Writes to `out` (not closed), or nowhere when null.
  explicit AccessLog(std::FILE* out) : out_(out) {}
  void Record(const AccessRecord& record);

 private:
  base::Mutex mu_;
  std::FILE* const out_;
};

// `s` with every byte outside printable ASCII as '?': what a log may show of
// a method or path sent by anyone.
std::string PrintableAscii(std::string_view s, size_t max_bytes = 512);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_ACCESS_LOG_H_
