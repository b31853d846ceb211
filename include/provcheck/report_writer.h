// Report writers: one report model (provcheck/report.h) rendered in every
// format the command line writes. docs/report-format.md describes the JSON
// form; SARIF is 2.1.0 as GitHub code scanning reads it; "github" is GitHub
// Actions workflow commands (annotations); HTML is one self-contained page.
//
// Thread-safety: the free functions are pure; a ReportWriter is not
// thread-safe (one per output).
#ifndef PROVCHECK_INCLUDE_PROVCHECK_REPORT_WRITER_H_
#define PROVCHECK_INCLUDE_PROVCHECK_REPORT_WRITER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/result.h"
#include "provcheck/status.h"

namespace provcheck {

enum class OutputFormat { kText, kJson, kSarif, kHtml, kGithub };

// Every format, in the order --help lists them.
std::span<const OutputFormat> AllOutputFormats();
// "text", "json", "sarif", "html", "github".
const char* OutputFormatName(OutputFormat format);
// A name as OutputFormatName gives it. Fails with kInvalidArgument listing
// the names.
Result<OutputFormat> ParseOutputFormat(std::string_view name);

struct WriterOptions {
  OutputFormat format = OutputFormat::kText;
  bool brief = false;   // text only: one line per finding, path:line:column: severity: ...
  bool colour = false;  // text only: ANSI colours (a terminal)
  // SARIF's %SRCROOT%: the folder relative draft paths start from.
  std::string source_root;
};

// Ok, or kInvalidArgument when `brief` is set with a format other than text.
Status ValidateWriterOptions(const WriterOptions& options);

// The canonical JSON bytes of one report (RFC 8785, no trailing newline):
// what `scan --format json` writes per line and what a signature covers.
std::string ReportToJson(const Report& report);

// The in-toto Statement v1 of one report (canonical bytes, no trailing
// newline): subject the draft (path, sha256), predicate the JSON report.
// What `scan --sign` signs, as payload type kInTotoPayloadType (sign.h).
std::string ReportToInTotoStatement(const Report& report);

// Renders the reports of several drafts as one output. Text, brief, JSON
// (JSON Lines) and github stream, one draft at a time; SARIF and HTML are
// one document for all drafts, written by Finish.
class ReportWriter {
 public:
  // REQUIRES: ValidateWriterOptions(options).ok().
  explicit ReportWriter(WriterOptions options);

  // Adds a scanned draft and its bytes (HTML shows them); returns what to
  // write now (empty for SARIF and HTML). `draft_bytes` is copied when kept.
  std::string Add(const Report& report, std::string_view draft_bytes);
  // Notes an error met on a draft: a notification in SARIF, a line in HTML.
  void AddError(const Status& status);
  // What is left to write: the SARIF log or the HTML page (valid with no
  // drafts at all); empty for the streaming formats.
  std::string Finish();

  // Whether the output is one document (json, sarif, html) that other lines
  // must not interleave with.
  bool IsDocument() const;

 private:
  WriterOptions options_;
  int drafts_ = 0;
  std::vector<Report> reports_;      // sarif, html
  std::vector<std::string> texts_;   // html: each draft's bytes
  std::vector<std::string> errors_;  // sarif, html
};

// One report rendered alone: ReportWriter's Add then Finish.
// REQUIRES: ValidateWriterOptions(options).ok().
std::string RenderReport(const Report& report, std::string_view draft_bytes,
                         const WriterOptions& options);

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_REPORT_WRITER_H_
