// Running another program (git) without a shell: an argument vector in,
// its exit status and its output out.
//
// Thread-safety: RunProcess may be called from any thread.
#ifndef PROVCHECK_SRC_CLI_PROCESS_H_
#define PROVCHECK_SRC_CLI_PROCESS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::cli {

struct ProcessOutput {
  int exit_code = -1;  // the exit status, or 128 + the signal that ended it
  std::string out;     // standard output, as bytes
  std::string err;     // standard error, as bytes
};

// Runs argv[0], searched in PATH, with the arguments `argv` (each passed as
// is: no shell, no quoting, no splitting), the caller's environment, and
// /dev/null for standard input; waits for it and returns what it wrote.
// Fails with kIOError when it cannot be started (naming argv[0] and why) or
// kResourceLimit when it writes more than `max_output` bytes to either
// stream (it is killed).
// REQUIRES: !argv.empty().
Result<ProcessOutput> RunProcess(const std::vector<std::string>& argv,
                                 uint64_t max_output = 256ULL << 20);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_PROCESS_H_
