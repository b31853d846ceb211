#include "text/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <cstring>
#include <unordered_set>

namespace provcheck::text {
namespace {

// English function words: articles, pronouns, auxiliaries, prepositions and
// conjunctions. Rewording keeps content words and changes these freely.
const std::unordered_set<std::string_view>& Stopwords() {
  static const std::unordered_set<std::string_view> kWords = {
      "a", "about", "above", "after", "again", "against", "all", "am", "an", "and", "any", "are",
      "as", "at", "be", "because", "been", "before", "being", "below", "between", "both", "but",
      "by", "can", "could", "did", "do", "does", "doing", "down", "during", "each", "few", "for",
      "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
      "him", "himself", "his", "how", "i", "if", "in", "into", "is", "it", "its", "itself",
      "just", "me", "more", "most", "my", "myself", "no", "nor", "not", "now", "of", "off", "on",
      "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "same",
      "she", "should", "so", "some", "such", "than", "that", "the", "their", "theirs", "them",
      "themselves", "then", "there", "these", "they", "this", "those", "through", "to", "too",
      "under", "until", "up", "very", "was", "we", "were", "what", "when", "where", "which",
      "while", "who", "whom", "why", "will", "with", "would", "you", "your", "yours", "yourself",
      "yourselves", "also", "may", "might", "must", "shall", "upon", "us", "yet"};
  return kWords;
}

uint64_t WordHash(std::string_view word) {
  uint64_t h = 1469598103934665603ULL;  // FNV-1a: words are short
  for (unsigned char c : word) h = (h ^ c) * 1099511628211ULL;
  return h | 1;  // never 0
}

}  // namespace

Result<std::unique_ptr<WordStemmer>> WordStemmer::Create() {
  sb_stemmer* s = sb_stemmer_new("english", "UTF_8");
  if (s == nullptr) return Status::Internal("libstemmer has no English stemmer");
  return std::unique_ptr<WordStemmer>(new WordStemmer(s));
}

WordStemmer::~WordStemmer() { sb_stemmer_delete(stemmer_); }

uint32_t* WordStemmer::FindOrInsert(std::string_view word, bool* inserted) {
  if ((used_ + 1) * 4 > slot_hashes_.size() * 3) Grow();
  const uint64_t h = WordHash(word);
  const size_t mask = slot_hashes_.size() - 1;
  for (size_t i = h & mask;; i = (i + 1) & mask) {
    if (slot_hashes_[i] == h) {
      *inserted = false;
      return &slot_ids_[i];
    }
    if (slot_hashes_[i] == 0) {
      *inserted = true;
      slot_hashes_[i] = h;
      ++used_;
      return &slot_ids_[i];
    }
  }
}

void WordStemmer::Grow() {
  std::vector<uint64_t> hashes(slot_hashes_.size() * 2);
  std::vector<uint32_t> ids(hashes.size());
  const size_t mask = hashes.size() - 1;
  for (size_t j = 0; j < slot_hashes_.size(); ++j) {
    if (slot_hashes_[j] == 0) continue;
    size_t i = slot_hashes_[j] & mask;
    while (hashes[i] != 0) i = (i + 1) & mask;
    hashes[i] = slot_hashes_[j];
    ids[i] = slot_ids_[j];
  }
  slot_hashes_.swap(hashes);
  slot_ids_.swap(ids);
}

uint32_t WordStemmer::StemId(std::string_view word) {
  bool inserted = false;
  uint32_t* cached = word.empty() ? nullptr : FindOrInsert(word, &inserted);
  if (cached != nullptr && !inserted) return *cached;
  uint32_t id = 0;
  if (!word.empty() && Stopwords().count(word) == 0) {
    const sb_symbol* stem = sb_stemmer_stem(
        stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
    const std::string_view key =
        stem == nullptr ? word
                        : std::string_view(reinterpret_cast<const char*>(stem),
                                           static_cast<size_t>(sb_stemmer_length(stemmer_)));
    const uint64_t h = WordHash(key);
    id = static_cast<uint32_t>(h ^ (h >> 32));
    if (id == 0) id = 1;
  }
  if (cached != nullptr) *cached = id;
  return id;
}

}  // namespace provcheck::text
