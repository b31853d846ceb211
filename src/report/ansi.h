// ANSI terminal colours of the text and brief reports, one palette for both.
//
// Thread-safety: constants and pure functions.
#ifndef PROVCHECK_SRC_REPORT_ANSI_H_
#define PROVCHECK_SRC_REPORT_ANSI_H_

#include <string>

#include "provcheck/report.h"

namespace provcheck::report::ansi {

inline constexpr char kReset[] = "\x1b[0m";
inline constexpr char kBold[] = "\x1b[1m";
inline constexpr char kRed[] = "\x1b[1;31m";
inline constexpr char kGreen[] = "\x1b[1;32m";
inline constexpr char kYellow[] = "\x1b[1;33m";
inline constexpr char kCyan[] = "\x1b[1;36m";
inline constexpr char kHighlight[] = "\x1b[1;4;31m";  // bold, underlined, red: copied words

// Errors red, warnings yellow, notes cyan.
inline const char* SeverityColour(Severity s) {
  return s == Severity::kWarning ? kYellow : s == Severity::kNote ? kCyan : kRed;
}

// Paints text when colour is on, and passes it through otherwise.
struct Painter {
  bool on = false;
  std::string operator()(const char* code, const std::string& s) const {
    return on ? code + s + kReset : s;
  }
};

}  // namespace provcheck::report::ansi

#endif  // PROVCHECK_SRC_REPORT_ANSI_H_
