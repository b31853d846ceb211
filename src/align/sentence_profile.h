// Sentence profiles and their tf-idf weights: what the similarity stage
// (SentenceAligner) reads of a text.
//
// A profile holds one text's sentences as stem -> term frequency vectors,
// its distinct stems and its sentences by stem; it depends on the text
// alone, so it is made once per text and reused for every pairing (a
// source's is cached with the source). A pairing then weights both texts'
// sentences by tf-idf, the document frequencies counted over the sentences
// of both (Sanchez-Perez, Sidorov and Gelbukh, PAN 2014).
//
// Thread-safety: plain values and pure functions; a profile may be read by
// many threads while none changes it.
#ifndef PROVCHECK_SRC_ALIGN_SENTENCE_PROFILE_H_
#define PROVCHECK_SRC_ALIGN_SENTENCE_PROFILE_H_

#include <cstdint>
#include <span>
#include <utility>
#include <vector>

#include "fingerprint/analysis.h"

namespace provcheck::align {

// A sentence (or several short ones joined) as a sparse vector.
struct Sentence {
  uint32_t begin, end;                               // token range
  std::vector<std::pair<uint32_t, double>> weights;  // stem -> term frequency, sorted by stem
  std::vector<uint32_t> stem_index;                  // each stem's place in SentenceProfile::stems
};

// What the similarity stage needs of one text, whatever it is paired with:
// its sentences with term frequencies, its distinct stems with the number of
// sentences holding each, and its sentences by stem.
struct SentenceProfile {
  std::vector<Sentence> sentences;
  std::vector<uint32_t> stems;           // distinct, sorted
  std::vector<uint32_t> sentences_with;  // per stem of `stems`
  struct Posting {
    uint32_t stem, sentence, entry;  // entry: index into sentences[sentence].weights
    bool operator<(const Posting& o) const {
      return stem != o.stem ? stem < o.stem : sentence < o.sentence;
    }
  };
  std::vector<Posting> by_stem;  // sorted
  // by_stem[postings_begin[k], postings_begin[k + 1]) hold stems[k]: a
  // stem's postings without searching for them.
  std::vector<uint32_t> postings_begin;
  // The synsets of each stem's word (the first token with that stem), sorted:
  // synset << 32 | index into `stems` << 8 | rank (0: the word's commonest
  // sense). Empty until AddSynsets (synonym_seeds.h) fills it.
  std::vector<uint64_t> synsets;
};

// The profile of `text` without synsets: its sentences on
// text.sentence_starts, a sentence of fewer than `min_sentence_stems` content
// stems joined with the next one.
// REQUIRES: AddSentenceFeatures ran on `text`.
SentenceProfile ProfileSentences(const fingerprint::AnalysedText& text,
                                 uint32_t min_sentence_stems);

// A stem's place in the other text's SentenceProfile::stems where it lacks it.
inline constexpr uint32_t kAbsentStem = UINT32_MAX;

// Each draft stem's place among the source's stems (kAbsentStem where the
// source lacks it) and each source stem's among the draft's: one merge of
// the two sorted lists serves a pairing's weights, seeds and synonyms.
struct StemPlaces {
  std::vector<uint32_t> draft_in_source, source_in_draft;
};
StemPlaces PlaceStems(const SentenceProfile& draft, const SentenceProfile& source);

// The sentences of one text weighted by tf-idf for one pairing, in one flat
// array (a pairing's weights are made for every candidate source: copying
// each sentence's vectors cost more allocations than the alignment itself).
// Lifetime: `profile` must outlive it.
struct WeightedSentences {
  using Entry = std::pair<uint32_t, double>;  // stem, tf-idf
  const SentenceProfile* profile = nullptr;
  std::vector<Entry> entries;
  std::vector<uint32_t> first;  // sentence i: entries[first[i], first[i + 1])
  std::vector<double> norm;

  size_t size() const { return norm.size(); }
  const Sentence& sentence(size_t i) const { return profile->sentences[i]; }
  std::span<const Entry> weights(size_t i) const {
    return {entries.data() + first[i], entries.data() + first[i + 1]};
  }
};

// The sentences of `mine` weighted by tf-idf, the document frequencies
// counted over the sentences of both texts (`mine` and `theirs`;
// `mine_in_theirs`: each of mine's stems among theirs, from PlaceStems).
// Lifetime: the result points to `mine`.
WeightedSentences WeightSentences(const SentenceProfile& mine, const SentenceProfile& theirs,
                                  const std::vector<uint32_t>& mine_in_theirs);

// A sparse vector sorted by stem.
using TermWeights = std::span<const WeightedSentences::Entry>;

// The cosine of two vectors with the given norms (0 when either is 0).
double Cosine(TermWeights x, double x_norm, TermWeights y, double y_norm);
// Dice's coefficient of their stem sets (0 when both are empty).
double Dice(TermWeights x, TermWeights y);

}  // namespace provcheck::align

#endif  // PROVCHECK_SRC_ALIGN_SENTENCE_PROFILE_H_
