// Scanner: a draft in, a report out. Reads the draft, fingerprints every
// shingle, looks them up in an index, aligns the draft with each candidate
// source, applies the rules (a rules file's, or the built-in ones) and fills
// in the report model.
//
// Thread-safety: a Scanner uses its Index, which is not thread-safe; one
// Scanner per thread.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_SCAN_H_
#define PROVCHECK_INCLUDE_PROVCHECK_SCAN_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "provcheck/document.h"
#include "provcheck/index.h"
#include "provcheck/report.h"
#include "provcheck/result.h"
#include "provcheck/rules.h"

namespace provcheck {

struct ScanOptions {
  // Sources aligned per draft, the ones sharing most fingerprints first...
  uint32_t max_candidates = 50;
  // ... and, besides them, sources sharing only stem shingles (reworded or
  // translated reuse), the ones sharing the rarest first.
  uint32_t max_stem_candidates = 24;
  // Passages shorter than this many words are not reported.
  uint32_t min_passage_words = 10;
  // Blocks of matching words closer than this join one passage.
  uint32_t max_gap_words = 12;
  // The report's tool.version; empty: this library's kVersion.
  std::string tool_version;
  // RFC 3339 time to stamp; empty: now (or SOURCE_DATE_EPOCH when set).
  std::string created;
  // A rules file (Rules::Load); null: the built-in rules (every source
  // forbidden, 25 unquoted words fail, no credit checks). With rules, its
  // reuse.min_words replaces min_passage_words.
  std::shared_ptr<const Rules> rules;
  // The publication date, YYYY-MM-DD, for the copyright year policy; empty:
  // the draft's own date field, else the date of `created`.
  std::string publication_date;
  // The least severe finding that fails the draft: kError (the default) or
  // kWarning.
  Severity fail_on = Severity::kError;
  // Read each NUL byte of a draft as a space (--text, ripgrep's name), so a
  // draft with a stray NUL is scanned; offsets are unchanged and the report's
  // draft sha256 is still that of the bytes given. Off: refused as binary.
  bool nul_as_space = false;
  // Threads that read and align candidate sources; 0: one per core.
  unsigned threads = 0;
  // Sources read and analysed for one draft are kept, up to about this many
  // bytes, for the next drafts of a batch (oldest dropped first): about 80
  // KB each for a 5 KB article.
  size_t source_cache_bytes = size_t{256} << 20;
};

class Scanner {
 public:
  // REQUIRES: `index` outlives the Scanner.
  // Fails with kInvalidArgument when publication_date is not a YYYY-MM-DD
  // calendar date.
  static Result<std::unique_ptr<Scanner>> Create(Index* index, ScanOptions options);
  virtual ~Scanner() = default;

  // Scans `bytes`, the content of the draft at `path`, in `format`.
  // Fails with kInvalidInput naming `path` when the draft does not read
  // (invalid UTF-8, binary, bad markup, several articles); index failures
  // pass through.
  virtual Result<Report> Scan(const std::string& path, std::string_view bytes, Format format) = 0;
};

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_SCAN_H_
