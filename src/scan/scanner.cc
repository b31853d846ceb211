// The scan driver: read -> normalise -> fingerprint -> candidates -> align
// (in parallel) -> findings -> assess. Each step is a file of this folder
// or an earlier stage; this file only sequences them.
#include <algorithm>
#include <memory>
#include <thread>

#include "align/aligner.h"
#include "align/passage_merge.h"
#include "align/passage_refiner.h"
#include "align/quotes.h"
#include "align/sentence_aligner.h"
#include "base/clock.h"
#include "base/sha256.h"
#include "fingerprint/analysis.h"
#include "provcheck/scan.h"
#include "provcheck/version.h"
#include "rules/assessor.h"
#include "rules/rule_set.h"
#include "scan/candidate_selector.h"
#include "scan/finding_maker.h"
#include "scan/parallel_for.h"
#include "scan/source_cache.h"
#include "text/line_index.h"
#include "text/reader.h"

namespace provcheck {
namespace {

using scan::ScanDraft;
using scan::ScanSource;

class ScannerImpl final : public Scanner {
 public:
  // One analyser (normaliser, stemmer, synonym memo) per thread; the first
  // is the calling thread's.
  struct Analyser {
    std::unique_ptr<text::Normaliser> normaliser;
    std::unique_ptr<text::WordStemmer> stemmer;
    std::unique_ptr<text::SynonymMemo> synonyms = std::make_unique<text::SynonymMemo>();
  };
  ScannerImpl(Index* index, ScanOptions options, std::vector<Analyser> analysers)
      : index_(index),
        options_(std::move(options)),
        analysers_(std::move(analysers)),
        cache_(options_.source_cache_bytes) {}

  Result<Report> Scan(const std::string& path, std::string_view bytes, Format format) override;

 private:
  Result<ScanDraft> ReadDraft(const std::string& path, std::string_view bytes, Format format);
  // The sources of `numbers`: from the cache (analysed) when this index
  // state has seen them, else read from the index (the index is read on
  // this thread only) to be analysed.
  Result<std::vector<std::shared_ptr<ScanSource>>> ReadSources(
      const std::vector<uint32_t>& numbers);
  Status Analyse(ScanSource& s, Analyser& a) const;
  // Aligns the draft with every source on the analysers' threads; analyses
  // sources not cached yet and caches them.
  Result<std::vector<std::vector<align::Passage>>> AlignAll(
      const ScanDraft& draft, const std::vector<uint32_t>& candidates,
      const std::vector<std::shared_ptr<ScanSource>>& sources);
  uint32_t MinPassageWords() const {
    return options_.rules ? rules::RuleSetOf(*options_.rules).reuse.min_words
                          : options_.min_passage_words;
  }

  Index* index_;
  ScanOptions options_;
  const align::SentenceAligner similar_{align::SentenceAlignerOptions{}};
  std::vector<Analyser> analysers_;
  scan::SourceCache cache_;
};

Status ScannerImpl::Analyse(ScanSource& s, Analyser& a) const {
  PROVCHECK_ASSIGN_OR_RETURN(
      std::vector<text::Article> articles,
      text::ReadArticles(s.stored.info.meta.id, s.stored.original, s.stored.format));
  if (articles.size() != 1) {
    return Status::Corruption("index document " + s.stored.info.meta.id + " reads as " +
                              std::to_string(articles.size()) + " articles");
  }
  s.article = std::move(articles[0]);
  const fingerprint::FingerprintSettings settings = scan::SettingsOf(*index_);
  s.analysed = fingerprint::Analyse(*a.normaliser, s.article.body.text(), settings);
  fingerprint::AddSentenceFeatures(*a.stemmer, s.article.body.text(), s.analysed);
  fingerprint::SortShingles(s.analysed);
  s.sentences = similar_.Profile(s.analysed, /*with_synsets=*/false);  // added when first Related
  return Status::Ok();
}

Result<std::vector<std::shared_ptr<ScanSource>>> ScannerImpl::ReadSources(
    const std::vector<uint32_t>& numbers) {
  std::vector<std::shared_ptr<ScanSource>> out(numbers.size());
  for (size_t i = 0; i < numbers.size(); ++i) {
    out[i] = cache_.Find(numbers[i]);  // analysed already
    if (out[i]) continue;
    out[i] = std::make_shared<ScanSource>();
    PROVCHECK_ASSIGN_OR_RETURN(out[i]->stored, index_->Load(numbers[i]));
  }
  return out;
}

Result<ScanDraft> ScannerImpl::ReadDraft(const std::string& path, std::string_view bytes,
                                         Format format) {
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(path, bytes, format, nullptr, {},
                                                {.nul_as_space = options_.nul_as_space}));
  if (articles.size() != 1) {
    return Status::InvalidInput(path + ": holds " + std::to_string(articles.size()) +
                                " articles, expected one draft per file");
  }
  ScanDraft draft;
  draft.path = path;
  draft.article = std::move(articles[0]);
  return draft;
}

Result<std::vector<std::vector<align::Passage>>> ScannerImpl::AlignAll(
    const ScanDraft& draft, const std::vector<uint32_t>& candidates,
    const std::vector<std::shared_ptr<ScanSource>>& sources) {
  align::Aligner aligner(
      {scan::SettingsOf(*index_).shingle_words, options_.max_gap_words, MinPassageWords(), 8});
  std::vector<bool> fresh(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) fresh[i] = !cache_.Contains(candidates[i]);
  std::vector<Status> status(sources.size());
  std::vector<std::vector<align::Passage>> aligned(sources.size());
  std::vector<size_t> grew(sources.size(), 0);
  scan::ParallelFor(analysers_.size(), sources.size(), [&](size_t t, size_t i) {
    if (fresh[i]) status[i] = Analyse(*sources[i], analysers_[t]);
    if (!status[i].ok()) return;
    ScanSource& source = *sources[i];
    // (Each source is in one task: this thread alone adds its synsets.)
    const size_t before = source.Bytes();
    std::vector<align::Passage> similar =
        similar_.Align(draft.analysed, draft.sentences, source.analysed, &source.sentences,
                       analysers_[t].synonyms.get());
    grew[i] = source.Bytes() - before;
    aligned[i] = align::RefinePassages(
        draft.analysed, source.analysed,
        align::MergePassages(aligner.Align(draft.analysed, source.analysed), std::move(similar)),
        {.min_passage_words = MinPassageWords()});
  });
  for (size_t i = 0; i < sources.size(); ++i) {
    PROVCHECK_RETURN_IF_ERROR(status[i]);
    if (fresh[i]) {
      cache_.Remember(candidates[i], sources[i]);
    } else {
      cache_.Grew(grew[i]);  // a cached source that gained its synsets
    }
  }
  return aligned;
}

// Findings in draft order (then source id), sources by words covered.
void SortReport(Report* report) {
  std::sort(report->findings.begin(), report->findings.end(),
            [](const Finding& a, const Finding& b) {
              if (a.draft.start != b.draft.start) return a.draft.start < b.draft.start;
              return a.source->id < b.source->id;
            });
  std::sort(report->sources.begin(), report->sources.end(),
            [](const SourceCoverage& a, const SourceCoverage& b) {
              return a.words != b.words ? a.words > b.words : a.id < b.id;
            });
}

Result<Report> ScannerImpl::Scan(const std::string& path, std::string_view bytes, Format format) {
  PROVCHECK_ASSIGN_OR_RETURN(ScanDraft draft, ReadDraft(path, bytes, format));
  PROVCHECK_RETURN_IF_ERROR(index_->BeginSnapshot());
  struct SnapshotGuard {
    Index* index;
    ~SnapshotGuard() { index->EndSnapshot(); }
  } guard{index_};

  Analyser& analyser = analysers_[0];
  const fingerprint::FingerprintSettings settings = scan::SettingsOf(*index_);
  draft.analysed = fingerprint::Analyse(*analyser.normaliser, draft.article.body.text(), settings);
  fingerprint::AddSentenceFeatures(*analyser.stemmer, draft.article.body.text(), draft.analysed);
  fingerprint::SortShingles(draft.analysed);  // once, for every source's alignment
  draft.sentences =
      similar_.Profile(draft.analysed, /*with_synsets=*/true, analyser.synonyms.get());
  draft.quotes = align::FindQuotedSpans(draft.article.body.text());
  text::LineIndex lines(draft.article.original);

  Report report;
  report.tool_version = options_.tool_version.empty() ? kVersion : options_.tool_version;
  report.created = options_.created.empty() ? base::NowRfc3339() : options_.created;
  report.draft_path = path;
  report.draft_sha256 = base::Sha256Hex(bytes);
  report.draft_bytes = bytes.size();
  report.draft_words = static_cast<uint32_t>(draft.analysed.tokens.size());
  PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, index_->Stats());
  report.index_id = stats.id;
  report.index_digest = stats.digest;
  report.index_documents = stats.documents;
  cache_.UseDigest(stats.digest);

  PROVCHECK_ASSIGN_OR_RETURN(
      std::vector<uint32_t> candidates,
      scan::SelectCandidates(index_, draft.analysed,
                             {options_.max_candidates, options_.max_stem_candidates}));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<ScanSource>> sources,
                             ReadSources(candidates));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::vector<align::Passage>> aligned,
                             AlignAll(draft, candidates, sources));

  // Findings in candidate order, then sorted by draft position.
  scan::FindingMaker findings(draft, lines, analyser.normaliser.get(), MinPassageWords());
  std::vector<bool> covered(draft.analysed.tokens.size(), false);
  for (size_t c = 0; c < sources.size(); ++c) {
    if (aligned[c].empty()) continue;
    const DocumentMeta& meta = sources[c]->stored.info.meta;
    SourceCoverage coverage;
    coverage.id = meta.id;
    coverage.title = meta.title;
    coverage.publisher = meta.publisher;
    for (const align::Passage& p : aligned[c]) {
      report.findings.push_back(findings.Make(*sources[c], p));
      ++coverage.passages;
      coverage.words += p.draft_words();
      std::fill(covered.begin() + p.draft_begin, covered.begin() + p.draft_end, true);
    }
    coverage.share =
        report.draft_words ? static_cast<double>(coverage.words) / report.draft_words : 0;
    report.sources.push_back(std::move(coverage));
  }
  SortReport(&report);
  report.passages = static_cast<uint32_t>(report.findings.size());
  const auto covered_words =
      static_cast<uint32_t>(std::count(covered.begin(), covered.end(), true));
  report.reused_share =
      report.draft_words ? static_cast<double>(covered_words) / report.draft_words : 0;
  if (!options_.rules) {
    rules::AssessBuiltIn(options_.fail_on, &report);
    return report;
  }
  report.rules_path = options_.rules->path();
  report.rules_sha256 = options_.rules->sha256();
  rules::AssessInput input;
  input.article = &draft.article;
  input.lines = &lines;
  input.date = options_.publication_date;
  input.today = report.created.substr(0, 10);
  input.fail_on = options_.fail_on;
  for (const text::Token& t : draft.analysed.tokens.tokens) {
    input.word_starts.push_back(draft.article.body.OriginalStart(t.start));
  }
  rules::Assess(rules::RuleSetOf(*options_.rules), input, &report);
  return report;
}

}  // namespace

Result<std::unique_ptr<Scanner>> Scanner::Create(Index* index, ScanOptions options) {
  if (!options.publication_date.empty() && !rules::YearOfDate(options.publication_date)) {
    return Status::InvalidArgument("--date " + options.publication_date +
                                   ": expected a date YYYY-MM-DD");
  }
  const unsigned threads =
      options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
  std::vector<ScannerImpl::Analyser> analysers;
  for (unsigned i = 0; i < threads; ++i) {
    ScannerImpl::Analyser a;
    PROVCHECK_ASSIGN_OR_RETURN(a.normaliser, text::Normaliser::Create());
    PROVCHECK_ASSIGN_OR_RETURN(a.stemmer, text::WordStemmer::Create());
    analysers.push_back(std::move(a));
  }
  return std::unique_ptr<Scanner>(new ScannerImpl(index, std::move(options), std::move(analysers)));
}

}  // namespace provcheck
