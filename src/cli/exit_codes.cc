#include "cli/exit_codes.h"

#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "base/utf8.h"

namespace provcheck::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitPass;
    case StatusCode::kVerificationFailed:
      return kExitNotVerified;
    default:
      return kExitError;
  }
}

int ReportError(const Status& status) {
  // One line per error, control characters escaped: a newline inside a
  // message (a file name holding one) would start a line of its own, which
  // a CI log takes for a command ("::error ...") or a forged entry.
  std::string line = "provcheck: " + base::EscapeControlCharacters(status.ToString());
  line.push_back('\n');
  std::fwrite(line.data(), 1, line.size(), stderr);
  return ExitCodeFor(status);
}

void WriteStdout(std::string_view bytes) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t n = ::write(STDOUT_FILENO, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EPIPE) std::_Exit(0);
    if (n < 0) {
      (void)ReportError(
          Status::IOError(std::string("cannot write to standard output: ") + std::strerror(errno)));
      std::_Exit(kExitError);
    }
    done += static_cast<size_t>(n);
  }
}

}  // namespace provcheck::cli
