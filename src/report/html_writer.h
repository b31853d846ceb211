// The HTML form of one or more reports: one self-contained page (styles and
// script inline, a Content-Security-Policy that forbids every network
// request) for an editor to read.
//
// At the top, the verdict and the summary (and, for several drafts, a table
// of them). Per draft: the reasons, the sources with their share, a list of
// findings, then the draft's text with each passage highlighted and numbered
// (identical words emphasised, credit findings marked with a wavy underline)
// beside the matching source text of each passage, with its title,
// publisher, date and link. Each number links the passage to its source and
// back; Tab moves between them and j / k jump to the next / previous
// passage. Invisible characters (zero-width, soft hyphen, BOM, bidi
// controls) are shown, not hidden. It prints on paper in one column.
//
// Rendering is linear in the draft's size (plus sorting the findings'
// boundaries): the text is cut once at every passage and match boundary.
// Everything from outside (text, metadata, paths) is escaped; only http and
// https source URLs become links.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_REPORT_HTML_WRITER_H_
#define PROVCHECK_SRC_REPORT_HTML_WRITER_H_

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"

namespace provcheck::report {

struct HtmlDraft {
  const Report* report = nullptr;  // REQUIRES: not null
  // The draft's bytes as scanned (the offsets of the findings index them).
  // Empty: only the passages themselves are shown.
  std::string_view text;
};

struct HtmlOptions {
  // Errors met while scanning (drafts that did not read), shown at the top.
  std::vector<std::string> errors;
};

// The page, as UTF-8 bytes. `drafts` (and the views in them) must outlive the
// call only.
std::string ReportsToHtml(std::span<const HtmlDraft> drafts, const HtmlOptions& options);

// `s` escaped for HTML text and attribute values (& < > " ').
std::string EscapeHtml(std::string_view s);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_HTML_WRITER_H_
