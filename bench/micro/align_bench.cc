// Alignment (src/align): a 1,000-word draft against one source article it
// copies three 60-word passages from, both analysed as a scan analyses them.
// The exact stage (Aligner) and the similarity stage (SentenceAligner).
#include <benchmark/benchmark.h>

#include "align/aligner.h"
#include "align/sentence_aligner.h"
#include "fingerprint/analysis.h"
#include "micro/corpus_fixture.h"

namespace provcheck::bench {
namespace {

struct Pair {
  fingerprint::AnalysedText draft, source;
  size_t bytes = 0;  // of both texts
};

const Pair& DraftAndSource() {
  static const Pair pair = [] {
    TextModel model(/*seed=*/5);
    const std::string source = model.Text(900);
    const std::string draft = DraftWithPassages(model, {&source}, kDraftWords);
    auto normaliser = text::Normaliser::Create();
    auto stemmer = text::WordStemmer::Create();
    const fingerprint::FingerprintSettings settings;
    Pair p;
    p.draft = fingerprint::Analyse(**normaliser, draft, settings);
    fingerprint::AddSentenceFeatures(**stemmer, draft, p.draft);
    p.source = fingerprint::Analyse(**normaliser, source, settings);
    fingerprint::AddSentenceFeatures(**stemmer, source, p.source);
    fingerprint::SortShingles(p.source);  // as the scanner's source cache does
    p.bytes = draft.size() + source.size();
    return p;
  }();
  return pair;
}

void BM_AlignExact(benchmark::State& state) {
  const Pair& p = DraftAndSource();
  const align::Aligner aligner{align::AlignerOptions{}};
  size_t passages = 0;
  for (auto _ : state) {
    std::vector<align::Passage> found = aligner.Align(p.draft, p.source);
    passages = found.size();
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * p.bytes));
  state.counters["passages"] = static_cast<double>(passages);
}
BENCHMARK(BM_AlignExact)->Unit(benchmark::kMicrosecond);

void BM_AlignSimilarity(benchmark::State& state) {
  const Pair& p = DraftAndSource();
  const align::SentenceAligner aligner{align::SentenceAlignerOptions{}};
  for (auto _ : state) {
    align::SentenceProfile source_profile = aligner.Profile(p.source);
    std::vector<align::Passage> found =
        aligner.Align(p.draft, aligner.Profile(p.draft), p.source, &source_profile);
    benchmark::DoNotOptimize(found);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * p.bytes));
}
BENCHMARK(BM_AlignSimilarity)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace provcheck::bench
