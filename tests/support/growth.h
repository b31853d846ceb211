// How a cost grows with the input: time an operation at two sizes and
// compare, so a test can tell linear from quadratic whatever the build
// (Release, Debug with sanitizers) or the machine's load.
#ifndef PROVCHECK_TESTS_SUPPORT_GROWTH_H_
#define PROVCHECK_TESTS_SUPPORT_GROWTH_H_

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <functional>

namespace provcheck::testing {

// The least of `runs` timings, in seconds, of `timed(n)`, which returns the
// seconds its timed part took (setup outside the timing).
inline double LeastSeconds(const std::function<double(size_t)>& timed, size_t n, int runs = 3) {
  double least = timed(n);
  for (int i = 1; i < runs; ++i) least = std::min(least, timed(n));
  return least;
}

// Seconds since `start`.
inline double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// timed(large) / timed(small), each the least of `runs`; a floor of 1 ms on
// the small one keeps a too-quick measurement from inflating the ratio.
inline double GrowthRatio(const std::function<double(size_t)>& timed, size_t small, size_t large,
                          int runs = 3) {
  const double a = LeastSeconds(timed, small, runs), b = LeastSeconds(timed, large, runs);
  return b / std::max(a, 1e-3);
}

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_SUPPORT_GROWTH_H_
