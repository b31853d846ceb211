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
      "a",      "about",  "above", "after",  "again",    "against",    "all",  "am",
      "an",     "and",    "any",   "are",    "as",       "at",         "be",   "because",
      "been",   "before", "being", "below",  "between",  "both",       "but",  "by",
      "can",    "could",  "did",   "do",     "does",     "doing",      "down", "during",
      "each",   "few",    "for",   "from",   "further",  "had",        "has",  "have",
      "having", "he",     "her",   "here",   "hers",     "herself",    "him",  "himself",
      "his",    "how",    "i",     "if",     "in",       "into",       "is",   "it",
      "its",    "itself", "just",  "me",     "more",     "most",       "my",   "myself",
      "no",     "nor",    "not",   "now",    "of",       "off",        "on",   "once",
      "only",   "or",     "other", "our",    "ours",     "ourselves",  "out",  "over",
      "own",    "same",   "she",   "should", "so",       "some",       "such", "than",
      "that",   "the",    "their", "theirs", "them",     "themselves", "then", "there",
      "these",  "they",   "this",  "those",  "through",  "to",         "too",  "under",
      "until",  "up",     "very",  "was",    "we",       "were",       "what", "when",
      "where",  "which",  "while", "who",    "whom",     "why",        "will", "with",
      "would",  "you",    "your",  "yours",  "yourself", "yourselves", "also", "may",
      "might",  "must",   "shall", "upon",   "us",       "yet"};
  return kWords;
}

}  // namespace

Result<std::unique_ptr<WordStemmer>> WordStemmer::Create() {
  sb_stemmer* s = sb_stemmer_new("english", "UTF_8");
  if (s == nullptr) return Status::Internal("libstemmer has no English stemmer");
  return std::unique_ptr<WordStemmer>(new WordStemmer(s));
}

WordStemmer::~WordStemmer() { sb_stemmer_delete(stemmer_); }

uint32_t WordStemmer::StemId(std::string_view word) {
  return StemIdOfHashed(word, WordHash(word));  // the table's own hash of words
}

uint32_t WordStemmer::StemIdOfHashed(std::string_view word, uint64_t word_hash) {
  bool inserted = false;
  uint32_t* cached = word.empty() ? nullptr : cache_.FindOrInsertHash(word_hash, &inserted);
  if (cached != nullptr && !inserted) return *cached;
  const uint32_t id = Compute(word);
  if (cached != nullptr) *cached = id;
  return id;
}

uint32_t WordStemmer::Compute(std::string_view word) {
  if (word.empty() || Stopwords().count(word) != 0) return 0;
  const sb_symbol* stem = sb_stemmer_stem(
      stemmer_, reinterpret_cast<const sb_symbol*>(word.data()), static_cast<int>(word.size()));
  const std::string_view key =
      stem == nullptr ? word
                      : std::string_view(reinterpret_cast<const char*>(stem),
                                         static_cast<size_t>(sb_stemmer_length(stemmer_)));
  const uint64_t h = WordHash(key);
  const auto id = static_cast<uint32_t>(h ^ (h >> 32));
  return id == 0 ? 1 : id;
}

}  // namespace provcheck::text
