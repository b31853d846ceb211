// Shared by the fuzz targets: the input cap and an invariant check that
// holds in release builds (assert is compiled out under NDEBUG, and the fuzz
// preset builds RelWithDebInfo).
#ifndef PROVCHECK_TESTS_FUZZ_FUZZ_CHECK_H_
#define PROVCHECK_TESTS_FUZZ_FUZZ_CHECK_H_

#include <cstddef>
#include <cstdio>
#include <cstdlib>

namespace provcheck::fuzz {

// Inputs larger than this are skipped, as RE2's fuzzer caps its inputs: the
// targets look for wrong answers, not for slowness on megabytes (the
// end-to-end tests measure large inputs).
inline constexpr size_t kMaxInputBytes = 64 * 1024;

[[noreturn]] inline void Fail(const char* file, int line, const char* what) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n", file, line, what);
  std::abort();
}

}  // namespace provcheck::fuzz

// Checks an invariant; on failure prints it and aborts, which libFuzzer
// records as a crash and the replay program as a failed test.
#define FUZZ_CHECK(cond)                                             \
  do {                                                               \
    if (!(cond)) ::provcheck::fuzz::Fail(__FILE__, __LINE__, #cond); \
  } while (false)

#endif  // PROVCHECK_TESTS_FUZZ_FUZZ_CHECK_H_
