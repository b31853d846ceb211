// ParallelFor: runs a task per index on a fixed set of worker slots.
//
// Thread-safety: f is called concurrently from up to `slots` threads, each
// with its own slot number; f must only share state that is safe to share.
#ifndef PROVCHECK_SRC_SCAN_PARALLEL_FOR_H_
#define PROVCHECK_SRC_SCAN_PARALLEL_FOR_H_

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <thread>
#include <vector>

namespace provcheck::scan {

// Runs f(slot, i) for every i in [0, n), each once, on min(slots, n)
// threads: the calling thread is slot 0. Returns when all are done.
template <typename F>
void ParallelFor(size_t slots, size_t n, F&& f) {
  const size_t threads = std::min(slots, n);
  std::atomic<size_t> next{0};
  auto work = [&](size_t slot) {
    for (size_t i = next++; i < n; i = next++) f(slot, i);
  };
  std::vector<std::thread> helpers;
  for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work, t);
  work(0);
  for (std::thread& h : helpers) h.join();
}

}  // namespace provcheck::scan

#endif  // PROVCHECK_SRC_SCAN_PARALLEL_FOR_H_
