// Synonyms: English words to WordNet 3.0 synsets (sets of words sharing a
// sense), for the similarity stage. Reworded copies swap words for synonyms
// ("scroll down" / "coil down", "buy" / "purchase"), which stems cannot see.
//
// The table is compiled at build time from Debian's wordnet-base
// (wordnet_compile.cc: every single-word lemma with the synsets of its three
// commonest senses per part of speech, and WordNet's irregular forms) and
// linked into the binary (synonyms_data.S.in), so it costs nothing to load.
// Layout: "PCSYNON2", u32 words, u32 ids, u32 buckets, 4 bytes of padding,
// then per word {u64 XXH3-64 of the word, u32 first id, u32 count}, then the
// u32 ids (synset offset * 4 + part of speech), then the u32 buckets of an
// open-addressing table on the hash's low bits (word index + 1; 0: empty),
// all little-endian.
//
// Thread-safety: immutable; share freely.
#ifndef PROVCHECK_SRC_TEXT_SYNONYMS_H_
#define PROVCHECK_SRC_TEXT_SYNONYMS_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace provcheck::text {

class Synonyms {
 public:
  // The table linked into provcheck.
  static const Synonyms& Builtin();

  // Appends the synset ids of `word` (lowercase), commonest sense first, to
  // `out`, skipping ids already there: the word's own, else those of its
  // base form by WordNet's suffix rules ("designs" -> "design"). Nothing
  // for a word WordNet does not know.
  void Lookup(std::string_view word, std::vector<uint32_t>* out) const;

  size_t words() const { return words_; }

 private:
  Synonyms(const unsigned char* table, size_t bytes);
  // The ids of exactly `word`, appended; false when it is not in the table.
  bool Find(std::string_view word, std::vector<uint32_t>* out) const;

  const unsigned char* entries_ = nullptr;
  const unsigned char* ids_ = nullptr;
  const unsigned char* buckets_ = nullptr;
  size_t words_ = 0, id_count_ = 0;
  uint32_t bucket_mask_ = 0;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_SYNONYMS_H_
