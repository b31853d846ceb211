#include "text/synonyms.h"

#include <xxhash.h>

#include <algorithm>
#include <cstring>
#include <string>

extern "C" const unsigned char provcheck_synonyms_table[];
extern "C" const unsigned char provcheck_synonyms_table_end[];

namespace provcheck::text {
namespace {

constexpr size_t kHeaderBytes = 24;
constexpr size_t kEntryBytes = 16;

template <typename T>
T Read(const unsigned char* p) {
  T v;
  std::memcpy(&v, p, sizeof v);  // the table is little-endian, as is every target
  return v;
}

// WordNet's detachment rules (morphy): suffix -> replacement, for nouns,
// verbs and adjectives together.
constexpr std::pair<std::string_view, std::string_view> kSuffixRules[] = {
    {"s", ""},      {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"},
    {"men", "man"}, {"ies", "y"}, {"es", "e"},  {"es", ""},   {"ed", "e"},    {"ed", ""},
    {"ing", "e"},   {"ing", ""},  {"er", ""},   {"est", ""},  {"er", "e"},    {"est", "e"},
};

}  // namespace

const Synonyms& Synonyms::Builtin() {
  static const Synonyms table(
      provcheck_synonyms_table,
      static_cast<size_t>(provcheck_synonyms_table_end - provcheck_synonyms_table));
  return table;
}

Synonyms::Synonyms(const unsigned char* table, size_t bytes) {
  // The build made this table; a wrong one is a build error, not input.
  if (bytes < kHeaderBytes || std::memcmp(table, "PCSYNON2", 8) != 0) return;
  const size_t words = Read<uint32_t>(table + 8), ids = Read<uint32_t>(table + 12);
  const size_t buckets = Read<uint32_t>(table + 16);
  if (kHeaderBytes + words * kEntryBytes + ids * 4 + buckets * 4 != bytes || buckets == 0 ||
      (buckets & (buckets - 1)) != 0 || buckets < words) {
    return;
  }
  entries_ = table + kHeaderBytes;
  ids_ = entries_ + words * kEntryBytes;
  buckets_ = ids_ + ids * 4;
  bucket_mask_ = static_cast<uint32_t>(buckets - 1);
  words_ = words;
  id_count_ = ids;
}

bool Synonyms::Find(std::string_view word, std::vector<uint32_t>* out) const {
  const uint64_t hash = XXH3_64bits(word.data(), word.size());
  for (uint32_t b = static_cast<uint32_t>(hash) & bucket_mask_;; b = (b + 1) & bucket_mask_) {
    const uint32_t slot = Read<uint32_t>(buckets_ + size_t{b} * 4);
    if (slot == 0 || slot > words_) return false;
    const unsigned char* entry = entries_ + size_t{slot - 1} * kEntryBytes;
    if (Read<uint64_t>(entry) != hash) continue;
    const uint32_t first = Read<uint32_t>(entry + 8), count = Read<uint32_t>(entry + 12);
    for (uint32_t i = 0; i < count && first + i < id_count_; ++i) {
      const uint32_t id = Read<uint32_t>(ids_ + size_t{first + i} * 4);
      if (std::find(out->begin(), out->end(), id) == out->end()) out->push_back(id);
    }
    return true;
  }
}

void Synonyms::Lookup(std::string_view word, std::vector<uint32_t>* out) const {
  if (words_ == 0 || word.empty() || Find(word, out)) return;
  // Suffix rules only for words of letters (names and numbers are most of
  // the words WordNet lacks, and have no base form to find).
  if (word.size() < 4 ||
      !std::all_of(word.begin(), word.end(), [](char c) { return c >= 'a' && c <= 'z'; })) {
    return;
  }
  std::string base;
  for (const auto& [suffix, replacement] : kSuffixRules) {
    if (word.size() <= suffix.size() || !word.ends_with(suffix)) continue;
    base.assign(word.substr(0, word.size() - suffix.size()));
    base += replacement;
    Find(base, out);
  }
}

}  // namespace provcheck::text
