// The human text form of a report: verdict first, then each finding with the
// draft's words beside the source's, matching words highlighted when colour
// is on (a terminal).
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_TEXT_WRITER_H_
#define PROVCHECK_SRC_REPORT_TEXT_WRITER_H_

#include <string>

#include "provcheck/report.h"

namespace provcheck::report {

struct TextOptions {
  bool colour = false;  // ANSI colours and highlighting
};

std::string ReportToText(const Report& report, const TextOptions& options);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_TEXT_WRITER_H_
