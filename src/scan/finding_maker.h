// Finding construction: an aligned passage (token ranges in draft and
// source) becomes a reuse Finding with byte offsets in both original files,
// lines and columns, the source's metadata, the identical-word blocks, and
// the quoted and credited marks.
//
// Thread-safety: a FindingMaker is not thread-safe (it keeps a memo of the
// publishers it has looked for); one per scan.
#ifndef PROVCHECK_SRC_SCAN_FINDING_MAKER_H_
#define PROVCHECK_SRC_SCAN_FINDING_MAKER_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "align/aligner.h"
#include "align/quotes.h"
#include "align/sentence_aligner.h"
#include "fingerprint/analysis.h"
#include "provcheck/report.h"
#include "scan/source_cache.h"
#include "text/line_index.h"
#include "text/normalise.h"
#include "text/reader.h"

namespace provcheck::scan {

// A draft read and analysed for one scan.
struct ScanDraft {
  std::string path;
  text::Article article;
  fingerprint::AnalysedText analysed;
  align::SentenceProfile sentences;
  std::vector<align::ByteSpan> quotes;  // quoted spans of the extracted text
};

class FindingMaker {
 public:
  // `min_words`: the shortest passage reported; words outside quotation
  // marks fewer than that make a passage quoted (Finding::quoted).
  // REQUIRES: `draft`, `lines` (over the draft's original bytes) and
  // `normaliser` outlive the maker.
  FindingMaker(const ScanDraft& draft, const text::LineIndex& lines, text::Normaliser* normaliser,
               uint32_t min_words)
      : draft_(draft), lines_(lines), normaliser_(normaliser), min_words_(min_words) {}

  // The reuse finding of passage `p` of `source`. Severity, rule and outcome
  // are left for the rules stage.
  // REQUIRES: p's token ranges lie inside the draft's and source's tokens.
  Finding Make(const ScanSource& source, const align::Passage& p);

 private:
  // Whether the publisher's name, as words, stands anywhere in the draft
  // outside tokens [begin, end) ("The" dropped: "Meridian Wire" credits "The
  // Meridian Wire"). Linear in the draft once per publisher, then constant
  // per passage.
  bool Credited(const std::string& publisher, uint32_t begin, uint32_t end);

  struct NameMentions {
    uint32_t words = 0;        // the name's length in words (0: no name)
    std::vector<uint32_t> at;  // draft token indexes where it starts, ascending
  };
  const NameMentions& MentionsOf(const std::string& publisher);
  // Sets f->quoted_words and f->quotes for the draft tokens of `p`.
  void MarkQuotes(const align::Passage& p, Finding* f) const;

  const ScanDraft& draft_;
  const text::LineIndex& lines_;
  text::Normaliser* normaliser_;
  uint32_t min_words_;
  std::unordered_map<std::string, NameMentions> mentions_;
};

}  // namespace provcheck::scan

#endif  // PROVCHECK_SRC_SCAN_FINDING_MAKER_H_
