// A whole in-process scan (provcheck::Scanner, include/provcheck/scan.h) of a
// 1,000-word draft copying three passages, against a temporary index of
// generated articles (corpus_fixture.h). "Warm" reuses one Scanner, so
// sources are analysed once and then come from its cache, as in a batch;
// "FreshScanner" makes a new Scanner per draft, as one CLI run does.
#include <benchmark/benchmark.h>

#include "micro/corpus_fixture.h"
#include "provcheck/scan.h"

namespace provcheck::bench {
namespace {

ScanOptions Options() {
  ScanOptions options;
  options.created = "2026-11-26T00:00:00Z";  // no clock reads in the loop
  return options;
}

bool ScanOnce(benchmark::State& state, Scanner& scanner, const std::string& draft) {
  Result<Report> report = scanner.Scan("draft.txt", draft, Format::kText);
  if (!report) {
    state.SkipWithError(report.error().ToString().c_str());
    return false;
  }
  state.counters["findings"] = static_cast<double>(report->findings.size());
  return true;
}

void BM_ScanDraftWarm(benchmark::State& state) {
  CorpusFixture& corpus = SharedCorpus();
  auto scanner = Scanner::Create(corpus.index.get(), Options());
  if (!scanner) {
    state.SkipWithError(scanner.error().ToString().c_str());
    return;
  }
  if (!ScanOnce(state, **scanner, corpus.draft)) return;  // untimed: fills the source cache
  for (auto _ : state) {
    if (!ScanOnce(state, **scanner, corpus.draft)) break;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.draft.size()));
  state.counters["documents"] = static_cast<double>(corpus.index->document_count());
}
BENCHMARK(BM_ScanDraftWarm)->Unit(benchmark::kMillisecond);

void BM_ScanDraftFreshScanner(benchmark::State& state) {
  CorpusFixture& corpus = SharedCorpus();
  for (auto _ : state) {
    auto scanner = Scanner::Create(corpus.index.get(), Options());
    if (!scanner) {
      state.SkipWithError(scanner.error().ToString().c_str());
      break;
    }
    if (!ScanOnce(state, **scanner, corpus.draft)) break;
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * corpus.draft.size()));
}
BENCHMARK(BM_ScanDraftFreshScanner)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace provcheck::bench
