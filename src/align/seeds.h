// Seeds and their clustering into fragments: the core of the similarity
// stage (Sanchez-Perez, Sidorov and Gelbukh, PAN 2014). A seed is a draft
// sentence and its most similar source sentence (tf-idf cosine and Dice
// both above a threshold); seeds close in both texts cluster into a
// fragment, kept when its texts are similar as wholes.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_ALIGN_SEEDS_H_
#define PROVCHECK_SRC_ALIGN_SEEDS_H_

#include <cstdint>
#include <vector>

#include "align/aligner.h"
#include "align/sentence_aligner_options.h"
#include "align/sentence_profile.h"
#include "fingerprint/analysis.h"

namespace provcheck::align {

struct Seed {
  uint32_t draft, source;  // sentence indices
};

// Each draft sentence's most similar source sentence (the lower index on a
// tie), where cosine >= options.min_seed_cosine and Dice >=
// options.min_seed_dice; one seed per draft sentence at most, in draft order.
// (`draft_in_source`: each draft stem's place among the source's, from
// PlaceStems; `source_weights` weighs `source`.)
std::vector<Seed> FindSeeds(const WeightedSentences& draft_weights, const SentenceProfile& source,
                            const WeightedSentences& source_weights,
                            const std::vector<uint32_t>& draft_in_source,
                            const SentenceAlignerOptions& options);

// The extension of Sanchez-Perez et al.: a draft sentence within
// options.neighbour_sentences of a seed seeds with the source sentence most
// similar to it near where that seed predicts, under the looser neighbour
// thresholds, repeated while seeds grow. `seeds` ends in draft order.
void AddNeighbourSeeds(const WeightedSentences& draft_weights,
                       const WeightedSentences& source_weights,
                       const SentenceAlignerOptions& options, std::vector<Seed>& seeds);

// The fragments that `seeds` cluster into (seeds at most `draft_gap`
// sentences apart in the draft and `source_gap` in the source), each kept
// when its whole-fragment cosine is at least `min_cosine` and it passes
// options' size, seed and shared-stem thresholds. Fragments are passages on
// sentence boundaries without blocks, with matched_words (draft words whose
// stem is in the source part) and similarity (the cosine) set; in the
// clustering's order (deterministic), and they may overlap.
std::vector<Passage> ClusterFragments(const WeightedSentences& draft_weights,
                                      const WeightedSentences& source_weights,
                                      const fingerprint::AnalysedText& draft,
                                      const fingerprint::AnalysedText& source,
                                      const std::vector<Seed>& seeds, uint32_t draft_gap,
                                      uint32_t source_gap, double min_cosine,
                                      const SentenceAlignerOptions& options);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SEEDS_H_
