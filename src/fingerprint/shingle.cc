#include "fingerprint/shingle.h"

#include <xxhash.h>

#include <cassert>

namespace provcheck::fingerprint {

std::vector<uint64_t> HashWords(const text::TokenList& tokens) {
  std::vector<uint64_t> out;
  out.reserve(tokens.size());
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string_view w = tokens.Word(i);
    out.push_back(XXH3_64bits(w.data(), w.size()));
  }
  return out;
}

std::vector<uint64_t> HashShingles(std::span<const uint64_t> word_hashes, uint32_t k) {
  assert(k >= 1);
  std::vector<uint64_t> out;
  if (word_hashes.size() < k) return out;
  out.reserve(word_hashes.size() - k + 1);
  // Hashing the k word hashes as bytes keeps order significant and costs one
  // XXH3 call per shingle, independent of word lengths.
  for (size_t i = 0; i + k <= word_hashes.size(); ++i) {
    out.push_back(XXH3_64bits(&word_hashes[i], k * sizeof(uint64_t)));
  }
  return out;
}

}  // namespace provcheck::fingerprint
