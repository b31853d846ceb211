// WordTable<V>: a value per word, the word known by its 64-bit hash alone
// (WordHash). Open addressing over two flat arrays, the hashes and the
// values (8 + sizeof(V) bytes a word): a lookup is one hash and, nearly
// always, one cache line. Two words of a vocabulary of a million share a
// hash about once in 10^7 vocabularies, and would then share a value.
//
// Thread-safety: none; one table per thread.
#ifndef PROVCHECK_SRC_TEXT_WORD_TABLE_H_
#define PROVCHECK_SRC_TEXT_WORD_TABLE_H_

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace provcheck::text {

// FNV-1a (words are short), never 0. Stem ids are made from it
// (WordStemmer): it must not change, or indexes stop matching scans.
inline uint64_t WordHash(std::string_view word) {
  uint64_t h = 1469598103934665603ULL;
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ULL;
  return h | 1;
}

template <typename V>
class WordTable {
 public:
  // The value of `word`; a new, value-initialised one (*inserted) when the
  // table has not seen it. Valid until the next call.
  V* FindOrInsert(std::string_view word, bool* inserted) {
    return FindOrInsertHash(WordHash(word), inserted);
  }
  // The same, the word known by another 64-bit hash of it the caller has
  // already (the table must be given one kind of hash only).
  V* FindOrInsertHash(uint64_t word_hash, bool* inserted) {
    if ((used_ + 1) * 4 > hashes_.size() * 3) Grow();
    const uint64_t h = word_hash | 1;  // 0 marks an empty slot
    const size_t mask = hashes_.size() - 1;
    for (size_t i = h & mask;; i = (i + 1) & mask) {
      if (hashes_[i] == h) {
        *inserted = false;
        return &values_[i];
      }
      if (hashes_[i] == 0) {
        *inserted = true;
        hashes_[i] = h;
        ++used_;
        return &values_[i];
      }
    }
  }

  size_t size() const { return used_; }

  void Clear() {
    hashes_.assign(kFirstSlots, 0);
    values_.assign(kFirstSlots, V{});
    used_ = 0;
  }

 private:
  static constexpr size_t kFirstSlots = 1024;

  void Grow() {
    std::vector<uint64_t> hashes(hashes_.size() * 2, 0);
    std::vector<V> values(hashes.size());
    const size_t mask = hashes.size() - 1;
    for (size_t j = 0; j < hashes_.size(); ++j) {
      if (hashes_[j] == 0) continue;
      size_t i = hashes_[j] & mask;
      while (hashes[i] != 0) i = (i + 1) & mask;
      hashes[i] = hashes_[j];
      values[i] = values_[j];
    }
    hashes_.swap(hashes);
    values_.swap(values);
  }

  std::vector<uint64_t> hashes_ = std::vector<uint64_t>(kFirstSlots, 0);  // 0: empty
  std::vector<V> values_ = std::vector<V>(kFirstSlots);
  size_t used_ = 0;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_WORD_TABLE_H_
