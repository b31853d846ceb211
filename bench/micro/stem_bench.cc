// Stemming (src/text/stemmer): normalised words in, stem ids out, as the
// similarity stage of alignment and the stem shingles use them. The stemmer
// caches words it has seen, so the timed loop measures the steady state of
// a long-running scanner; "first pass" measures a fresh stemmer.
#include <benchmark/benchmark.h>

#include "micro/text_model.h"
#include "text/normalise.h"
#include "text/stemmer.h"

namespace provcheck::bench {
namespace {

constexpr size_t kWords = 10000;

const text::TokenList& Tokens() {
  static const text::TokenList tokens = ModelTokens(/*seed=*/3, kWords);
  return tokens;
}

void StemAll(text::WordStemmer& stemmer, const text::TokenList& tokens) {
  for (size_t i = 0; i < tokens.size(); ++i)
    benchmark::DoNotOptimize(stemmer.StemId(tokens.Word(i)));
}

void BM_StemWarm(benchmark::State& state) {
  auto stemmer = text::WordStemmer::Create();
  if (!stemmer) {
    state.SkipWithError(stemmer.error().ToString().c_str());
    return;
  }
  const text::TokenList& tokens = Tokens();
  StemAll(**stemmer, tokens);
  for (auto _ : state) StemAll(**stemmer, tokens);
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
}
BENCHMARK(BM_StemWarm);

void BM_StemFirstPass(benchmark::State& state) {
  const text::TokenList& tokens = Tokens();
  for (auto _ : state) {
    state.PauseTiming();
    auto stemmer = text::WordStemmer::Create();
    state.ResumeTiming();
    StemAll(**stemmer, tokens);
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens.size()));
}
BENCHMARK(BM_StemFirstPass);

}  // namespace
}  // namespace provcheck::bench
