#include "text/synonym_memo.h"

#include <xxhash.h>

namespace provcheck::text {
namespace {

constexpr size_t kFirstSlots = 4096;

uint64_t Hash(std::string_view word) {
  const uint64_t h = XXH3_64bits(word.data(), word.size());
  return h == 0 ? 1 : h;  // 0 marks an empty slot
}

}  // namespace

SynonymMemo::SynonymMemo(const Synonyms& synonyms, size_t max_words)
    : synonyms_(&synonyms), max_words_(max_words) {
  Clear();
}

void SynonymMemo::Clear() {
  hashes_.assign(kFirstSlots, 0);
  first_.assign(kFirstSlots, 0);
  count_.assign(kFirstSlots, 0);
  ids_.clear();
  used_ = 0;
}

void SynonymMemo::Grow() {
  std::vector<uint64_t> hashes(hashes_.size() * 2, 0);
  std::vector<uint32_t> first(hashes.size()), count(hashes.size());
  const size_t mask = hashes.size() - 1;
  for (size_t j = 0; j < hashes_.size(); ++j) {
    if (hashes_[j] == 0) continue;
    size_t i = hashes_[j] & mask;
    while (hashes[i] != 0) i = (i + 1) & mask;
    hashes[i] = hashes_[j];
    first[i] = first_[j];
    count[i] = count_[j];
  }
  hashes_.swap(hashes);
  first_.swap(first);
  count_.swap(count);
}

void SynonymMemo::Lookup(std::string_view word, std::vector<uint32_t>* out) {
  out->clear();
  if (used_ >= max_words_) Clear();
  if ((used_ + 1) * 4 > hashes_.size() * 3) Grow();
  const uint64_t h = Hash(word);
  const size_t mask = hashes_.size() - 1;
  size_t i = h & mask;
  for (; hashes_[i] != 0; i = (i + 1) & mask) {
    if (hashes_[i] == h) {
      out->assign(ids_.begin() + first_[i], ids_.begin() + first_[i] + count_[i]);
      return;
    }
  }
  synonyms_->Lookup(word, out);
  hashes_[i] = h;
  first_[i] = static_cast<uint32_t>(ids_.size());
  count_[i] = static_cast<uint32_t>(out->size());
  ids_.insert(ids_.end(), out->begin(), out->end());
  ++used_;
}

}  // namespace provcheck::text
