// Fingerprinting (src/fingerprint): word hashes and k-shingles with XXH3-64
// (the draft side hashes every shingle), and winnowing (the corpus side).
#include <benchmark/benchmark.h>

#include "fingerprint/shingle.h"
#include "fingerprint/winnow.h"
#include "micro/text_model.h"
#include "text/normalise.h"

namespace provcheck::bench {
namespace {

constexpr size_t kWords = 10000;

const text::TokenList& Tokens() {
  static const text::TokenList tokens = ModelTokens(/*seed=*/2, kWords);
  return tokens;
}

void BM_ShingleHash(benchmark::State& state) {
  const text::TokenList& tokens = Tokens();
  const fingerprint::FingerprintSettings settings;
  for (auto _ : state) {
    std::vector<uint64_t> words = fingerprint::HashWords(tokens);
    std::vector<uint64_t> shingles = fingerprint::HashShingles(words, settings.shingle_words);
    benchmark::DoNotOptimize(shingles);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * tokens.norm.size()));
}
BENCHMARK(BM_ShingleHash);

void BM_Winnow(benchmark::State& state) {
  const fingerprint::FingerprintSettings settings;
  const std::vector<uint64_t> shingles =
      fingerprint::HashShingles(fingerprint::HashWords(Tokens()), settings.shingle_words);
  for (auto _ : state) {
    std::vector<fingerprint::Fingerprint> selected = fingerprint::Winnow(shingles, settings.window);
    benchmark::DoNotOptimize(selected);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * shingles.size()));
}
BENCHMARK(BM_Winnow);

}  // namespace
}  // namespace provcheck::bench
