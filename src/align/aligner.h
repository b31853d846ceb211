// Aligner: the shared word runs of a draft and one source in, passages out.
//
// Owns: seeding with every shared k-shingle, merging seeds on one diagonal
// into exact blocks, chaining blocks across small gaps (words inserted,
// deleted or changed) into passages, merging the pieces of one copied
// passage so it is reported once, and the passage's similarity.
// Knows nothing of files, the index or policies; positions are token
// indices, which callers map to byte offsets.
//
// Thread-safety: Align is const and may be shared.
#ifndef PROVCHECK_SRC_ALIGN_ALIGNER_H_
#define PROVCHECK_SRC_ALIGN_ALIGNER_H_

#include <cstdint>
#include <vector>

#include "fingerprint/analysis.h"

namespace provcheck::align {

// Words that are the same in draft and source, one after another.
struct MatchBlock {
  uint32_t draft_begin, draft_end;    // token indices, half-open
  uint32_t source_begin, source_end;  // same length as the draft range
};

// A draft sentence and the source sentence it seeded with in the similarity
// stage (SentenceAligner): token ranges, half-open, of different lengths.
struct SentencePair {
  uint32_t draft_begin, draft_end;
  uint32_t source_begin, source_end;
};

struct Passage {
  uint32_t draft_begin = 0, draft_end = 0;    // token range in the draft, half-open
  uint32_t source_begin = 0, source_end = 0;  // token range in the source
  uint32_t matched_words = 0;                 // draft words inside blocks
  std::vector<MatchBlock> blocks;             // in draft order
  // The seeded sentence pairs of a similarity-stage fragment, in draft
  // order: with the blocks, the evidence that a draft word was copied
  // (RefinePassages splits a passage where neither covers a run of words).
  std::vector<SentencePair> sentences;
  // Before RefinePassages: the stage's own score (exact: 2 * matched /
  // (draft words + source words); similarity stage: tf-idf cosine).
  // After it: see passage_refiner.h; 1.0 only for identical words.
  double similarity = 0;

  uint32_t draft_words() const { return draft_end - draft_begin; }
  uint32_t source_words() const { return source_end - source_begin; }
};

struct AlignerOptions {
  uint32_t shingle_words = 5;  // k: seeds are shared runs of k words
  // Blocks closer than this (in words, on both sides) join one passage: a
  // changed word costs a gap of one, a reworded clause a few.
  uint32_t max_gap_words = 12;
  // A passage shorter than this many draft words is not reported.
  uint32_t min_passage_words = 10;
  // A shingle repeated more often than this in the source seeds nothing
  // (repeated phrases would multiply seeds quadratically).
  uint32_t max_seeds_per_shingle = 8;
  // Edge extension: past a passage's first or last block, runs of at least
  // kEdgeRunWords identical words, each at most this many words away on
  // either side, still belong to it ("has accelerated the move" against
  // "has sped up the move" ends at "move").
  uint32_t max_edge_skip_words = 3;
};

class Aligner {
 public:
  explicit Aligner(AlignerOptions options) : options_(options) {}

  // Passages shared by `draft` and `source`, in draft order, not overlapping
  // in the draft. REQUIRES: both analysed with options.shingle_words.
  std::vector<Passage> Align(const fingerprint::AnalysedText& draft,
                             const fingerprint::AnalysedText& source) const;

  const AlignerOptions& options() const { return options_; }

 private:
  std::vector<MatchBlock> FindBlocks(const fingerprint::AnalysedText& draft,
                                     const fingerprint::AnalysedText& source) const;
  std::vector<Passage> ChainBlocks(std::vector<MatchBlock> blocks) const;
  // Grows `p` word by word at both ends within [draft_floor, draft_ceiling).
  void ExtendEdges(const fingerprint::AnalysedText& draft, const fingerprint::AnalysedText& source,
                   uint32_t draft_floor, uint32_t draft_ceiling, Passage& p) const;

  AlignerOptions options_;
};

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_ALIGNER_H_
