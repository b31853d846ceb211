// Analysis: extracted text in, tokens and their hashes out. The one place
// where the text and fingerprint stages meet, so the index and the scanner
// analyse text exactly alike.
//
// Thread-safety: uses the caller's Normaliser (one per thread).
#ifndef PROVCHECK_SRC_FINGERPRINT_ANALYSIS_H_
#define PROVCHECK_SRC_FINGERPRINT_ANALYSIS_H_

#include <cstdint>
#include <string_view>
#include <vector>

#include "fingerprint/shingle.h"
#include "fingerprint/winnow.h"
#include "text/normalise.h"
#include "text/stemmer.h"

namespace provcheck::fingerprint {

struct AnalysedText {
  text::TokenList tokens;
  std::vector<uint64_t> word_hashes;  // one per token
  std::vector<uint64_t> shingles;     // one per position with k words ahead
  // Filled by AddSentenceFeatures, for the similarity stage of alignment:
  std::vector<uint32_t> stems;            // one per token; 0 for a function word
  std::vector<uint32_t> sentence_starts;  // token index of each sentence's first word
  // Optional: (shingle hash, position) sorted, for a text aligned many times
  // (a cached source). Filled by SortShingles; empty means "sort when needed".
  std::vector<std::pair<uint64_t, uint32_t>> sorted_shingles;
};

// (shingle hash, position) of each shingle, sorted; SortShingles keeps them
// in `analysed.sorted_shingles`.
std::vector<std::pair<uint64_t, uint32_t>> SortedShingles(const AnalysedText& analysed);
void SortShingles(AnalysedText& analysed);

// REQUIRES: `extracted` is valid UTF-8.
AnalysedText Analyse(text::Normaliser& normaliser, std::string_view extracted,
                     const FingerprintSettings& settings);

// Stems every token and splits the tokens into sentences (a boundary is a
// ".", "!" or "?" or a paragraph break between two words; very long
// sentences are cut). `extracted` is the text `analysed` was made from.
void AddSentenceFeatures(text::WordStemmer& stemmer, std::string_view extracted,
                         AnalysedText& analysed);

// The hash of each run of settings.stem_shingle_words consecutive content
// stems, taken as a set (sorted), as a fingerprint at the token position of its first stem; hashed
// with their own seed, so they never equal a word shingle's hash. Empty when
// AddSentenceFeatures has not run or the setting is 0.
std::vector<Fingerprint> StemShingles(const AnalysedText& analysed,
                                      const FingerprintSettings& settings);

// The corpus side: the winnowed fingerprints of an analysed text, word
// shingles and (when `stemmer` is given and stems were added) stem shingles.
std::vector<Fingerprint> CorpusFingerprints(const AnalysedText& analysed,
                                            const FingerprintSettings& settings,
                                            const text::WordStemmer* stemmer = nullptr);

}  // namespace provcheck::fingerprint

#endif  // PROVCHECK_SRC_FINGERPRINT_ANALYSIS_H_
