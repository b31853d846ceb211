// The report formats of `scan` and `ci`: text (or --brief, one line per
// finding), json (JSON Lines), sarif, html and github (workflow commands).
// Text, json and github stream, one draft at a time; sarif and html are one
// document for all drafts, written when the last draft is done.
//
// Thread-safety: one ReportOutput per command; not thread-safe.
#ifndef PROVCHECK_SRC_CLI_OUTPUT_FORMATS_H_
#define PROVCHECK_SRC_CLI_OUTPUT_FORMATS_H_

#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/status.h"

namespace provcheck::cli {

// "text, json, sarif, html or github", for --help.
inline constexpr char kOutputFormatHelp[] =
    "Output: text, json (one report per line), sarif (SARIF 2.1.0), html (one page) or "
    "github (Actions annotations)";

// Ok for a known format; --brief only goes with text. Else kInvalidArgument.
Status ValidateOutputFormat(const std::string& format, bool brief);

class ReportOutput {
 public:
  struct Options {
    std::string format = "text";
    bool brief = false;
    bool colour = false;
    // SARIF's %SRCROOT%: the folder relative draft paths start from.
    std::string source_root;
  };
  // REQUIRES: ValidateOutputFormat(options.format, options.brief) is ok.
  explicit ReportOutput(Options options);

  // Adds a scanned draft and its bytes; returns what to write now (empty for
  // sarif and html, which keep the report until Finish).
  std::string Add(const Report& report, std::string_view draft_bytes);
  // Notes an error met on a draft: a notification in SARIF, a line in HTML.
  void AddError(const Status& status);
  // What is left to write: the SARIF log or the HTML page (valid also with
  // no drafts at all).
  std::string Finish();

  // Whether the output is a document that the summary lines of `ci` must not
  // interleave with (json, sarif, html).
  bool IsDocument() const;

 private:
  Options options_;
  int drafts_ = 0;
  std::vector<Report> reports_;      // sarif, html
  std::vector<std::string> texts_;   // html: each draft's bytes
  std::vector<std::string> errors_;  // sarif, html
};

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_OUTPUT_FORMATS_H_
