// A small report for the writers' tests: a draft with a copied passage
// (edited in the middle), a quoted passage and a credit finding.
#ifndef PROVCHECK_TESTS_UNIT_REPORT_SAMPLE_REPORT_H_
#define PROVCHECK_TESTS_UNIT_REPORT_SAMPLE_REPORT_H_

#include <string>

#include "provcheck/report.h"

namespace provcheck::report::testing {

// Line 1: "# Title", line 3: the copied passage, line 5: the quote, line 7:
// the copyright line.
inline constexpr char kSampleDraft[] =
    "# Title\n"
    "\n"
    "Port Ellery has overtaken Windmere as the fastest rising market, said <agents> & co.\n"
    "\n"
    "\u201CWe will finish the line,\u201D the mayor said.\n"
    "\n"
    "Copyright Example 2021\n";

inline uint64_t Find(const std::string& text, const std::string& what) {
  return static_cast<uint64_t>(text.find(what));
}

inline Report SampleReport() {
  const std::string draft = kSampleDraft;
  Report r;
  r.tool_version = "0.1.0";
  r.created = "2026-11-24T09:30:00Z";
  r.draft_path = "news/port ellery.md";
  r.draft_sha256 = std::string(64, 'a');
  r.draft_bytes = draft.size();
  r.draft_words = 30;
  r.index_id = "0123456789abcdef0123456789abcdef";
  r.index_digest = "sha256:" + std::string(64, 'b');
  r.index_documents = 40;
  r.pass = false;
  r.reasons = {"1 passage of 25+ words reused without quotation marks (rule reuse.forbidden)"};
  r.reused_share = 0.5;
  r.passages = 2;

  Finding copied;
  copied.kind = FindingKind::kReuse;
  copied.rule = "reuse.forbidden";
  copied.severity = Severity::kError;
  copied.message = "12 words reused from \u201CHouse prices\u201D (Northfield Chronicle)";
  const std::string passage = "Port Ellery has overtaken Windmere as the fastest rising market";
  copied.draft.start = Find(draft, passage);
  copied.draft.end = copied.draft.start + passage.size();
  copied.draft.line = 3;
  copied.draft.column = 1;
  copied.draft.end_line = 3;
  copied.draft.end_column = static_cast<uint32_t>(passage.size());
  copied.draft.text = passage;
  copied.words = 11;
  copied.similarity = 0.9;
  SourceSpan s;
  s.id = "nc-004";
  s.title = "House prices <in> Port Ellery";
  s.publisher = "Northfield Chronicle";
  s.authors = {"Priya Santos"};
  s.date = "2026-03-27";
  s.url = "https://northfieldchronicle.example/port-ellery?a=1&b=2";
  s.licence = "All rights reserved";
  s.text = "Port Ellery has overtaken Windmere as the fastest-rising housing market";
  s.start = 100;
  s.end = s.start + s.text.size();
  copied.source = s;
  // "Port Ellery has overtaken Windmere as the fastest" identical; "rising
  // market" differs from "-rising housing market" only partly.
  const uint64_t same = std::string("Port Ellery has overtaken Windmere as the fastest").size();
  copied.matches.push_back(
      {copied.draft.start, copied.draft.start + same, s.start, s.start + same});
  copied.matches.push_back({copied.draft.end - 6, copied.draft.end, s.end - 6, s.end});
  r.findings.push_back(copied);

  Finding quoted;
  quoted.kind = FindingKind::kReuse;
  quoted.rule = "reuse.quoted";
  quoted.severity = Severity::kNote;
  quoted.message = "6 words quoted from \u201CTram\u201D (The Harbour Herald)";
  const std::string q = "We will finish the line,";
  quoted.draft.start = Find(draft, q);
  quoted.draft.end = quoted.draft.start + q.size();
  quoted.draft.line = 5;
  quoted.draft.column = 2;
  quoted.draft.end_line = 5;
  quoted.draft.end_column = 25;
  quoted.draft.text = q;
  quoted.words = 5;
  quoted.similarity = 1;
  quoted.quoted = true;
  SourceSpan t;
  t.id = "hh-003";
  t.title = "Tram";
  t.publisher = "The Harbour Herald";
  t.url = "javascript:alert(1)";
  t.text = "We will finish the line,";
  t.start = 10;
  t.end = t.start + t.text.size();
  quoted.source = t;
  quoted.matches.push_back({quoted.draft.start, quoted.draft.end, t.start, t.end});
  r.findings.push_back(quoted);

  Finding credit;
  credit.kind = FindingKind::kCredit;
  credit.rule = "copyright.year";
  credit.severity = Severity::kWarning;
  credit.message = "copyright year 2021, expected 2026:\nfix the line";
  const std::string c = "Copyright Example 2021";
  credit.draft.start = Find(draft, c);
  credit.draft.end = credit.draft.start + c.size();
  credit.draft.line = 7;
  credit.draft.column = 1;
  credit.draft.end_line = 7;
  credit.draft.end_column = static_cast<uint32_t>(c.size());
  credit.draft.text = c;
  r.findings.push_back(credit);

  SourceCoverage cov;
  cov.id = "nc-004";
  cov.title = s.title;
  cov.publisher = s.publisher;
  cov.passages = 1;
  cov.words = 11;
  cov.share = 0.37;
  r.sources.push_back(cov);
  return r;
}

}  // namespace provcheck::report::testing

#endif  // PROVCHECK_TESTS_UNIT_REPORT_SAMPLE_REPORT_H_
