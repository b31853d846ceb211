// Passage refinement: the last step of alignment, after MergePassages. It
// makes each reported passage hold exactly the words that were copied, so
// an editor can trust its span, word count and similarity:
//
// - a passage is split where the draft has a run of original words next to
//   an identical block: at least min_original_words words that the source
//   does not have, either inserted where a sentence starts or ends (the
//   source part between the two pieces of evidence around them is less than
//   half as long: a rival's own sentence between reused paragraphs, a clause
//   added to a sentence) or whole draft sentences in place
//   of source text they share under a third of their content stems with.
//   Pieces separated only by small edits (fewer words, or words replaced
//   by others) stay one passage;
// - edges snap to the evidence: to the first and last identical word where
//   identical blocks cover most of a seeded sentence pair, never into the
//   neighbouring sentence;
// - similarity is 2 x identical words / (draft words + source words), the
//   identical words being the longest common subsequence of the two parts'
//   normalised words; it is 1.0 exactly when the two parts are the same
//   words, and at most 0.99 otherwise (so no rounding shows 1.00 for a
//   passage with an edit). matched_words is that common subsequence's
//   length.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_ALIGN_PASSAGE_REFINER_H_
#define PROVCHECK_SRC_ALIGN_PASSAGE_REFINER_H_

#include <cstdint>
#include <span>
#include <vector>

#include "align/aligner.h"
#include "fingerprint/analysis.h"

namespace provcheck::align {

struct RefineOptions {
  uint32_t min_passage_words = 10;   // shorter pieces are not reported
  uint32_t min_original_words = 5;   // a run of original words this long splits
  uint32_t min_quote_run_words = 4;  // shorter runs in or out of quotes join a neighbour
  // Whether a summary-shaped passage (source part this many times its draft
  // part) is split at original runs: a summary's sentences between its
  // seeds condense the source too. 0: always split.
  double keep_summaries_ratio = 3.0;
};

// The refined passages, in draft order, not overlapping in the draft.
// REQUIRES: `passages` from MergePassages over `draft` and `source` (token
// ranges inside both; word_hashes, stems and sentences present).
std::vector<Passage> RefinePassages(const fingerprint::AnalysedText& draft,
                                    const fingerprint::AnalysedText& source,
                                    std::vector<Passage> passages, const RefineOptions& options);

// The length of the longest common subsequence of `a` and `b` (bit-parallel,
// Hyyro 2004: O(|a| |b| / 64)).
uint32_t CommonSubsequence(std::span<const uint64_t> a, std::span<const uint64_t> b);

// The similarity of draft words `a` and source words `b` as described above.
double PassageSimilarity(std::span<const uint64_t> a, std::span<const uint64_t> b,
                         uint32_t* common_words);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_PASSAGE_REFINER_H_
