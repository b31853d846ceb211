// Normalisation and tokenisation (src/text/normalise): bytes of extracted
// text in, normalised words out. ASCII text takes the fast path; the
// non-ASCII text (diacritics, Cyrillic, Greek, curly quotes, dashes) goes
// through ICU.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>

#include "micro/text_model.h"
#include "text/normalise.h"

namespace provcheck::bench {
namespace {

constexpr size_t kWords = 10000;

void Tokenise(benchmark::State& state, bool non_ascii) {
  auto normaliser = text::Normaliser::Create();
  if (!normaliser) {
    state.SkipWithError(normaliser.error().ToString().c_str());
    return;
  }
  TextModel model(/*seed=*/1, non_ascii);
  const std::string text = model.Text(kWords);
  size_t tokens = 0;
  for (auto _ : state) {
    text::TokenList list = (*normaliser)->Tokenise(text);
    tokens = list.size();
    benchmark::DoNotOptimize(list);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
  state.counters["words/s"] = benchmark::Counter(static_cast<double>(state.iterations() * tokens),
                                                 benchmark::Counter::kIsRate);
}

void BM_TokeniseAscii(benchmark::State& state) { Tokenise(state, false); }
void BM_TokeniseNonAscii(benchmark::State& state) { Tokenise(state, true); }
BENCHMARK(BM_TokeniseAscii);
BENCHMARK(BM_TokeniseNonAscii);

}  // namespace
}  // namespace provcheck::bench
