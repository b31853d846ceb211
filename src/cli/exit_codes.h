// Exit codes and error lines: the one place that maps a Status to what the
// shell sees. 0 pass; 1 the rules fail the draft; 2 usage, input or I/O
// error; 3 a signature or digest did not verify.
#ifndef PROVCHECK_SRC_CLI_EXIT_CODES_H_
#define PROVCHECK_SRC_CLI_EXIT_CODES_H_

#include <string_view>

#include "provcheck/status.h"

namespace provcheck::cli {

inline constexpr int kExitPass = 0;
inline constexpr int kExitFail = 1;
inline constexpr int kExitError = 2;
inline constexpr int kExitNotVerified = 3;

int ExitCodeFor(const Status& status);

// Prints "provcheck: <message>" on one line of stderr; returns the exit code.
int ReportError(const Status& status);

// Writes to stdout; a closed pipe ends the process quietly (exit 0), as a
// pager or `head` closing early is not an error.
void WriteStdout(std::string_view bytes);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_EXIT_CODES_H_
