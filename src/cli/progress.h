// A one-line progress bar on a terminal's stderr; silent otherwise.
#ifndef PROVCHECK_SRC_CLI_PROGRESS_H_
#define PROVCHECK_SRC_CLI_PROGRESS_H_

#include <chrono>
#include <cstdint>
#include <string>

namespace provcheck::cli {

class Progress {
 public:
  // `total` items; shown only when stderr is a terminal.
  explicit Progress(uint64_t total);
  ~Progress();
  void Update(uint64_t done, uint64_t bytes);
  void Finish();

 private:
  bool enabled_;
  uint64_t total_;
  std::chrono::steady_clock::time_point start_, last_;
  bool drawn_ = false;
};

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_PROGRESS_H_
