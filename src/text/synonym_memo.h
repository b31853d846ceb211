// SynonymMemo: Synonyms::Lookup's answers for the words already looked up,
// kept by one thread. A corpus repeats its words: a word seen before costs
// one hash and a probe here (a WordTable, like WordStemmer's cache) instead
// of one to five probes (its own and its base forms') scattered over the
// 2 MB WordNet table.
//
// Thread-safety: none; one memo per thread.
#ifndef PROVCHECK_SRC_TEXT_SYNONYM_MEMO_H_
#define PROVCHECK_SRC_TEXT_SYNONYM_MEMO_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

#include "text/synonyms.h"
#include "text/word_table.h"

namespace provcheck::text {

class SynonymMemo {
 public:
  // Forgets everything past `max_words` distinct words, so memory stays
  // bounded whatever the corpus's vocabulary (2^18 words: about 16 MB).
  explicit SynonymMemo(const Synonyms& synonyms = Synonyms::Builtin(),
                       size_t max_words = size_t{1} << 18);

  // Sets `*out` to synonyms.Lookup(word)'s ids, in its order.
  void Lookup(std::string_view word, std::vector<uint32_t>* out);

  size_t words() const { return words_.size(); }

 private:
  struct Ids {
    uint32_t first = 0, count = 0;  // the word's ids in ids_
  };
  const Synonyms* synonyms_;
  size_t max_words_;
  WordTable<Ids> words_;
  std::vector<uint32_t> ids_;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_SYNONYM_MEMO_H_
