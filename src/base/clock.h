// Wall-clock time for reports, pinned by SOURCE_DATE_EPOCH
// (reproducible-builds.org) when it is set, so tests and reproducible runs
// get the same bytes.
//
// Thread-safety: pure function of the clock and the environment.
#ifndef PROVCHECK_SRC_BASE_CLOCK_H_
#define PROVCHECK_SRC_BASE_CLOCK_H_

#include <string>

namespace provcheck::base {

// The current time (or SOURCE_DATE_EPOCH) as RFC 3339 UTC, to the second:
// "2026-11-24T09:30:00Z".
std::string NowRfc3339();

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_CLOCK_H_
