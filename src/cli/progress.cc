#include "cli/progress.h"

#include <unistd.h>

#include <cstdio>

namespace provcheck::cli {

Progress::Progress(uint64_t total)
    : enabled_(::isatty(STDERR_FILENO) == 1),
      total_(total),
      start_(std::chrono::steady_clock::now()),
      last_(start_) {}

Progress::~Progress() { Finish(); }

void Progress::Update(uint64_t done, uint64_t bytes) {
  if (!enabled_) return;
  auto now = std::chrono::steady_clock::now();
  // Redraw at most ten times a second: drawing is not free.
  if (done != total_ && now - last_ < std::chrono::milliseconds(100)) return;
  last_ = now;
  constexpr int kWidth = 30;
  int filled = total_ ? static_cast<int>(kWidth * done / total_) : kWidth;
  double seconds = std::chrono::duration<double>(now - start_).count();
  double mb = bytes / 1e6;
  std::fprintf(stderr, "\r[%.*s%*s] %llu/%llu files, %.1f MB, %.1f MB/s ", filled,
               "##############################", kWidth - filled, "",
               static_cast<unsigned long long>(done), static_cast<unsigned long long>(total_), mb,
               seconds > 0 ? mb / seconds : 0.0);
  std::fflush(stderr);
  drawn_ = true;
}

void Progress::Finish() {
  if (drawn_) {
    std::fputs("\r\x1b[K", stderr);  // clear the line
    drawn_ = false;
  }
}

}  // namespace provcheck::cli
