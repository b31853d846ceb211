// TextModel: deterministic generated prose for the micro-benchmarks, so they
// need no files from outside the repository.
//
// A vocabulary of pseudo-words made of syllables, drawn with Zipf-like
// frequencies (rank r has weight 1 / (r + 1)) and mixed with English
// function words, in sentences of 8 to 24 words and paragraphs of 3 to 6
// sentences. Shingles are then mostly unique, as in a real archive, while
// common words repeat as in real text. The random numbers come from
// std::mt19937_64 and are mapped to choices without std::*_distribution,
// so every platform generates the same bytes.
//
// Thread-safety: a TextModel is mutable (its generator); one per thread.
#ifndef PROVCHECK_BENCH_MICRO_TEXT_MODEL_H_
#define PROVCHECK_BENCH_MICRO_TEXT_MODEL_H_

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "text/normalise.h"

namespace provcheck::bench {

class TextModel {
 public:
  // `non_ascii`: syllables with diacritics, Cyrillic and Greek letters,
  // curly quotes and dashes, as in a European news text.
  explicit TextModel(uint64_t seed, bool non_ascii = false);

  // About `words` words of prose, paragraphs separated by a blank line.
  std::string Text(size_t words);

  // A passage of exactly `words` words cut out of `text`, starting at a
  // word chosen by the generator (all of `text` when it is shorter).
  std::string Passage(const std::string& text, size_t words);

  // 0 <= result < n.
  uint64_t Below(uint64_t n) { return rng_() % n; }

 private:
  std::string Word();
  std::string Sentence();

  std::mt19937_64 rng_;
  std::vector<std::string> vocabulary_;
  std::vector<double> cumulative_;  // Zipf weights, summed
  bool non_ascii_;
};

// The tokens of about `words` words of TextModel(seed) prose, normalised
// (made once per benchmark, not timed).
text::TokenList ModelTokens(uint64_t seed, size_t words);

}  // namespace provcheck::bench

#endif  // PROVCHECK_BENCH_MICRO_TEXT_MODEL_H_
