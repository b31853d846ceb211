// Index lookup (src/index through provcheck::Index): the hashes a scan looks
// up for a 1,000-word draft (every word shingle and every stem shingle),
// against a temporary index of generated articles (corpus_fixture.h).
#include <benchmark/benchmark.h>

#include <algorithm>

#include "fingerprint/analysis.h"
#include "micro/corpus_fixture.h"

namespace provcheck::bench {
namespace {

// The hashes and boilerplate cap the scanner uses (src/report/scanner.cc).
std::vector<uint64_t> DraftHashes(Index& index, const std::string& draft) {
  const IndexSettings& s = index.settings();
  const fingerprint::FingerprintSettings settings{s.shingle_words, s.window, s.max_postings,
                                                  s.stem_shingle_words};
  auto normaliser = text::Normaliser::Create();
  auto stemmer = text::WordStemmer::Create();
  fingerprint::AnalysedText analysed = fingerprint::Analyse(**normaliser, draft, settings);
  fingerprint::AddSentenceFeatures(**stemmer, draft, analysed);
  std::vector<uint64_t> hashes = analysed.shingles;
  for (const auto& f : fingerprint::StemShingles(analysed, settings)) {
    hashes.push_back(f.hash);
  }
  return hashes;
}

uint32_t PostingsCap(const Index& index) {
  uint64_t relative = std::max<uint64_t>(4, index.document_count() / 20);
  return static_cast<uint32_t>(std::min<uint64_t>(index.settings().max_postings, relative));
}

void BM_IndexLookup(benchmark::State& state) {
  CorpusFixture& corpus = SharedCorpus();
  Index& index = *corpus.index;
  const std::vector<uint64_t> hashes = DraftHashes(index, corpus.draft);
  if (Status s = index.BeginSnapshot(); !s.ok()) {
    state.SkipWithError(s.ToString().c_str());
    return;
  }
  size_t postings_found = 0;
  for (auto _ : state) {
    std::vector<Posting> postings;
    if (Status s = index.Lookup(hashes, PostingsCap(index), &postings); !s.ok()) {
      state.SkipWithError(s.ToString().c_str());
      break;
    }
    postings_found = postings.size();
    benchmark::DoNotOptimize(postings);
  }
  index.EndSnapshot();
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * hashes.size()));
  state.counters["hashes"] = static_cast<double>(hashes.size());
  state.counters["postings"] = static_cast<double>(postings_found);
  state.counters["documents"] = static_cast<double>(index.document_count());
}
BENCHMARK(BM_IndexLookup)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace provcheck::bench
