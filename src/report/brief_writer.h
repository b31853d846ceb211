// The brief text form of a report: one line per finding in the style of
// compilers, which editors and terminals turn into links:
//
//   examples/copied.md:13:145: error: 44 words reused from ... [reuse.forbidden]
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_BRIEF_WRITER_H_
#define PROVCHECK_SRC_REPORT_BRIEF_WRITER_H_

#include <string>

#include "provcheck/report.h"

namespace provcheck::report {

struct BriefOptions {
  bool colour = false;  // bold location, coloured severity (a terminal)
};

// One line per finding, `path:line:column: severity: message [rule]`, each
// ending in '\n'; newlines inside a message become spaces. A failing draft
// with no error finding gets `path: error: <reason> [verdict]` per reason,
// so a failure is never silent. A passing draft without findings: nothing.
std::string ReportToBriefText(const Report& report, const BriefOptions& options);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_BRIEF_WRITER_H_
