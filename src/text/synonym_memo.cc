#include "text/synonym_memo.h"

namespace provcheck::text {

SynonymMemo::SynonymMemo(const Synonyms& synonyms, size_t max_words)
    : synonyms_(&synonyms), max_words_(max_words) {}

void SynonymMemo::Lookup(std::string_view word, std::vector<uint32_t>* out) {
  out->clear();
  if (words_.size() >= max_words_) {
    words_.Clear();
    ids_.clear();
  }
  bool inserted = false;
  Ids* known = words_.FindOrInsert(word, &inserted);
  if (!inserted) {
    out->assign(ids_.begin() + known->first, ids_.begin() + known->first + known->count);
    return;
  }
  synonyms_->Lookup(word, out);
  *known = {static_cast<uint32_t>(ids_.size()), static_cast<uint32_t>(out->size())};
  ids_.insert(ids_.end(), out->begin(), out->end());
}

}  // namespace provcheck::text
