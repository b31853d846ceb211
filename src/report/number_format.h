// How the human renderings (text, HTML) print shares and similarities.
#ifndef PROVCHECK_SRC_REPORT_NUMBER_FORMAT_H_
#define PROVCHECK_SRC_REPORT_NUMBER_FORMAT_H_

#include <cstdio>
#include <string>

namespace provcheck::report {

// 0.123 -> "12%".
inline std::string FormatPercent(double share) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.0f%%", share * 100.0);
  return buf;
}

// 0.9612 -> "0.96".
inline std::string FormatFixed2(double v) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%.2f", v);
  return buf;
}

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_NUMBER_FORMAT_H_
