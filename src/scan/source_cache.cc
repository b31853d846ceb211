#include "scan/source_cache.h"

#include <utility>

namespace provcheck::scan {

size_t ScanSource::Bytes() const {
  const size_t tokens = analysed.tokens.size();
  const size_t entries = sentences.by_stem.size();
  return 3 * stored.original.size() + analysed.tokens.norm.size() +
         tokens * (sizeof(text::Token) + 2 * sizeof(uint64_t) + sizeof(uint32_t) +
                   sizeof(analysed.sorted_shingles[0])) +
         entries * (sizeof(align::SentenceProfile::Posting) + sizeof(uint32_t) +
                    sizeof(std::pair<uint32_t, double>) + sizeof(uint32_t)) +
         sentences.synsets.size() * sizeof(uint64_t) +
         sentences.postings_begin.size() * sizeof(uint32_t);
}

void SourceCache::UseDigest(const std::string& digest) {
  if (digest == digest_) return;
  entries_.clear();
  order_.clear();
  bytes_ = 0;
  digest_ = digest;
}

std::shared_ptr<ScanSource> SourceCache::Find(uint32_t number) const {
  auto it = entries_.find(number);
  return it == entries_.end() ? nullptr : it->second;
}

void SourceCache::Remember(uint32_t number, std::shared_ptr<ScanSource> source) {
  bytes_ += source->Bytes();
  entries_[number] = std::move(source);
  order_.push_back(number);
  while (bytes_ > max_bytes_ && !order_.empty()) {
    auto oldest = entries_.find(order_.front());
    bytes_ -= oldest->second->Bytes();
    entries_.erase(oldest);
    order_.pop_front();
  }
}

}  // namespace provcheck::scan
