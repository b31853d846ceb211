// Points in time as the signing code reads and writes them: seconds since
// the Unix epoch, UTC, written as RFC 3339 "YYYY-MM-DDTHH:MM:SSZ".
//
// Owns: the one accepted text form (keyrings, verify's account) and the
// calendar arithmetic (Howard Hinnant's days_from_civil), so no caller
// depends on the process's time zone or on timegm.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_SIGN_UTC_TIME_H_
#define PROVCHECK_SRC_SIGN_UTC_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck::sign {

using UnixSeconds = int64_t;

// "2026-12-02T15:36:21Z". REQUIRES: a year from 0 to 9999.
std::string FormatUtc(UnixSeconds t);

// Reads exactly "YYYY-MM-DDTHH:MM:SSZ" (upper-case T and Z; no fraction, no
// offset, a real calendar date, seconds up to 59). kInvalidInput naming
// `where` otherwise, for example
//   keyring.json: $.keys[0].notBefore: expected a UTC time such as
//   "2026-01-31T00:00:00Z", got "2026-02-30T00:00:00Z"
Result<UnixSeconds> ParseUtc(std::string_view where, std::string_view text);

// Seconds since the epoch of the given UTC calendar time. REQUIRES: month
// 1..12, day 1..31, hour 0..23, minute 0..59, second 0..60.
UnixSeconds UtcSeconds(int year, int month, int day, int hour, int minute, int second);

// The current time.
UnixSeconds NowUtc();

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_UTC_TIME_H_
