// GitHub Actions annotations: one workflow command per finding,
//
//   ::error file=draft.md,line=13,endLine=13,col=145,endColumn=404,title=...::message
//
// (or ::warning / ::notice by severity), which the runner turns into
// annotations on the changed files. Property values escape %, CR, LF, ':'
// and ','; the message escapes %, CR and LF, as actions/toolkit does.
// Columns are given only for a passage on one line: GitHub's annotations
// take columns only when the start and end lines are equal.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_GITHUB_WRITER_H_
#define PROVCHECK_SRC_REPORT_GITHUB_WRITER_H_

#include <string>
#include <string_view>

#include "provcheck/report.h"

namespace provcheck::report {

// The workflow commands for `report`, one line each, each ending in '\n'.
// A failing draft with no error finding (failed, say, by the share of reused
// words) gets one ::error on the file naming each reason, so a failure is
// never silent.
std::string ReportToGithubAnnotations(const Report& report);

// Escaping of a command's message (%, CR, LF) and of a property value
// (also ':' and ',').
std::string EscapeGithubData(std::string_view s);
std::string EscapeGithubProperty(std::string_view s);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_GITHUB_WRITER_H_
