// WordStemmer: normalised words in, stem ids out, for the similarity stage
// of alignment (reworded passages keep their stems, not their words).
//
// Owns: the Snowball English stemmer (libstemmer), a list of English
// function words that carry no meaning for similarity, and a cache of the
// stem id of each word seen. A stem's id is a 32-bit hash of its text, the
// same in every WordStemmer and process: texts stemmed on different threads
// compare, and stem shingles hash the same in an index and in a scan. (Two
// stems share an id about once in a vocabulary of 100,000: harmless to a
// similarity measure.)
//
// Thread-safety: not thread-safe (the Snowball stemmer and the dictionary
// are mutable). Use one per thread.
#ifndef PROVCHECK_SRC_TEXT_STEMMER_H_
#define PROVCHECK_SRC_TEXT_STEMMER_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "provcheck/result.h"
#include "text/word_table.h"

struct sb_stemmer;

namespace provcheck::text {

class WordStemmer {
 public:
  // Fails with kInternal when libstemmer has no English stemmer.
  static Result<std::unique_ptr<WordStemmer>> Create();
  ~WordStemmer();
  WordStemmer(const WordStemmer&) = delete;
  WordStemmer& operator=(const WordStemmer&) = delete;

  // 0 for a function word ("the", "and", "was") or a word without letters or
  // digits; otherwise the id of the word's stem (never 0).
  // REQUIRES: `word` is a normalised word (Normaliser output).
  uint32_t StemId(std::string_view word);
  // The same for a word whose XXH3-64 (fingerprint::HashWords) is known:
  // the cache is looked up by it, no second hash of the word. (A word met
  // both ways is cached twice; two words sharing a 64-bit hash share an
  // id, the slip the cache already allows.)
  uint32_t StemIdOfHashed(std::string_view word, uint64_t word_hash);

 private:
  explicit WordStemmer(sb_stemmer* stemmer) : stemmer_(stemmer) {}
  uint32_t Compute(std::string_view word);
  sb_stemmer* stemmer_;
  // The word -> stem id cache: the hottest table of indexing. A word
  // sharing another's hash would share its stem id, a harmless slip for a
  // similarity measure.
  WordTable<uint32_t> cache_;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_STEMMER_H_
