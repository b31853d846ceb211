// The report model: one value that the scan fills in, the rules assess,
// every output format renders (provcheck/report_writer.h: JSON, text,
// SARIF, HTML, annotations) and a signature covers.
// docs/report-format.md describes its JSON form, provcheck.report/1.
//
// Thread-safety: plain values.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_REPORT_H_
#define PROVCHECK_INCLUDE_PROVCHECK_REPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace provcheck {

inline constexpr char kReportSchema[] = "provcheck.report/1";

enum class Severity { kError, kWarning, kNote };
// "error", "warning", "note".
const char* SeverityName(Severity severity);

// A place in the draft. Offsets are bytes of the original file, half-open;
// lines and columns count from 1 (columns in Unicode code points).
struct DraftSpan {
  uint64_t start = 0, end = 0;
  uint32_t line = 0, column = 0;
  uint32_t end_line = 0, end_column = 0;  // of the last byte's character
  std::string text;                       // the original bytes [start, end)
};

// A place in a corpus document, with the document's metadata. Offsets are
// bytes of the document as stored (the file; for JSON Lines, the body).
struct SourceSpan {
  std::string id, title, publisher, date, url, licence;
  std::vector<std::string> authors;
  uint64_t start = 0, end = 0;
  std::string text;
};

// Words identical in draft and source, as byte ranges of each.
struct MatchSpan {
  uint64_t draft_start = 0, draft_end = 0;
  uint64_t source_start = 0, source_end = 0;
};

// Words of a reused passage inside the draft's quotation marks: byte range
// of the original draft, half-open, from the first quoted word to the last.
struct QuotedSpan {
  uint64_t start = 0, end = 0;
};

// A reused passage, or a credit line (copyright, byline, caption) the rules
// found wrong.
enum class FindingKind { kReuse, kCredit };
// "reuse", "credit".
const char* FindingKindName(FindingKind kind);

// What the source policy made of a reused passage (kNone: not assessed, and
// every credit finding).
enum class Outcome { kNone, kQuoted, kAllowed, kCredited, kViolating };
// "", "quoted", "allowed", "credited", "violating".
const char* OutcomeName(Outcome outcome);

struct Finding {
  FindingKind kind = FindingKind::kReuse;
  std::string rule;
  Severity severity = Severity::kError;
  std::string message;
  DraftSpan draft;
  // Reuse findings only:
  uint32_t words = 0;
  double similarity = 0;
  // Whether the passage counts as a quotation: most of it (80% of its bytes)
  // lies inside quotation marks, or all of it but fewer words than the
  // shortest passage reported ("she said" after a quotation).
  bool quoted = false;
  uint32_t quoted_words = 0;       // its words inside quotation marks
  std::vector<QuotedSpan> quotes;  // where they are, in order
  bool credited = false;
  std::optional<SourceSpan> source;
  std::vector<MatchSpan> matches;
  // What the source policy made of the passage, and what decided it: the
  // rules file's entry ("$.sources.publishers[0]", "$.sources.default",
  // "$.reuse.max_share"), "quotation marks", or "built-in". kNone and empty
  // for credit findings.
  Outcome outcome = Outcome::kNone;
  std::string decided_by;
};

// How much of the draft one source covers.
struct SourceCoverage {
  std::string id, title, publisher;
  uint32_t passages = 0;
  uint32_t words = 0;  // draft words inside this source's passages
  double share = 0;    // words / draft words
};

struct Report {
  std::string tool_name = "provcheck";
  std::string tool_version;
  std::string created;  // RFC 3339, UTC, seconds

  std::string draft_path;
  std::string draft_sha256;
  uint64_t draft_bytes = 0;
  uint32_t draft_words = 0;

  std::string index_id;
  std::string index_digest;
  uint64_t index_documents = 0;

  std::optional<std::string> rules_path, rules_sha256;  // none: built-in rules

  bool pass = true;
  std::vector<std::string> reasons;  // why it failed (empty on pass)
  double reused_share = 0;           // draft words in any reported passage / draft words
  uint32_t passages = 0;             // reuse findings

  std::vector<Finding> findings;  // by draft position, then source id
  std::vector<SourceCoverage> sources;
};

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_REPORT_H_
