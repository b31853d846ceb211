// Passage merging: how the pieces found by the two aligners become the
// passages reported. The similarity stage's fragments are chosen (one per
// stretch of draft) and a summary's pieces joined (SelectFragments,
// JoinSummaryPieces); then the exact passages (Aligner) and the fragments
// (SentenceAligner) of one draft and source are merged (MergePassages).
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_ALIGN_PASSAGE_MERGE_H_
#define PROVCHECK_SRC_ALIGN_PASSAGE_MERGE_H_

#include <cstdint>
#include <vector>

#include "align/aligner.h"
#include "align/sentence_aligner_options.h"

namespace provcheck::align {

// A passage whose source part is at least `ratio` times its draft part: a
// summary (SentenceAlignerOptions::min_summary_ratio).
inline bool SummaryShaped(const Passage& p, double ratio) {
  return p.source_words() >= ratio * p.draft_words();
}

// The fragments kept where several cover the same draft words: summary-shaped
// ones first (they contain the reworded fragments found in the same place),
// then the most similar; the result in draft order, not overlapping in the
// draft. (Ties keep the order of `fragments`.)
std::vector<Passage> SelectFragments(std::vector<Passage> fragments,
                                     const SentenceAlignerOptions& options);

// Joins the pieces of one summary: a fragment within
// options.summary_join_words draft words of a summary-shaped one joins it,
// wherever its source part lies; a summary whose source part spans at least
// options.whole_source_share of the source (`source_words` long) takes the
// whole source. REQUIRES: `kept` in draft order, not overlapping in the draft.
std::vector<Passage> JoinSummaryPieces(std::vector<Passage> kept, uint32_t source_words,
                                       const SentenceAlignerOptions& options);

// Merges the exact passages and the similarity fragments of one draft and
// source: pieces overlapping in both texts become one passage. In draft order,
// not overlapping in the draft.
std::vector<Passage> MergePassages(std::vector<Passage> exact, std::vector<Passage> similar);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_PASSAGE_MERGE_H_
