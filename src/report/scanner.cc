// The scan pipeline: read -> normalise -> fingerprint -> lookup -> align ->
// assess -> report model.
#include "provcheck/scan.h"

#include <algorithm>
#include <atomic>
#include <ctime>
#include <deque>
#include <cstdlib>
#include <memory>
#include <thread>
#include <unordered_map>

#include "align/aligner.h"
#include "align/quotes.h"
#include "align/sentence_aligner.h"
#include "base/sha256.h"
#include "fingerprint/analysis.h"
#include "rules/assessor.h"
#include "rules/rule_set.h"
#include "text/line_index.h"
#include "text/reader.h"

namespace provcheck {
namespace {

// A passage at least this share inside quotation marks counts as quoted.
constexpr double kQuotedShare = 0.8;

struct Draft {
  std::string path;
  text::Article article;
  fingerprint::AnalysedText analysed;
  align::SentenceProfile sentences;
  std::vector<align::ByteSpan> quotes;
};

struct Source {
  StoredDocument stored;
  text::Article article;
  fingerprint::AnalysedText analysed;
  align::SentenceProfile sentences;  // cached with the source: made once

  // Roughly what the source holds in memory, for the cache's budget.
  size_t Bytes() const {
    const size_t tokens = analysed.tokens.size();
    size_t entries = sentences.by_stem.size();
    return 3 * stored.original.size() + analysed.tokens.norm.size() +
           tokens * (sizeof(text::Token) + 2 * sizeof(uint64_t) + sizeof(uint32_t) +
                     sizeof(analysed.sorted_shingles[0])) +
           entries * (sizeof(align::SentenceProfile::Posting) + sizeof(uint32_t) +
                      sizeof(std::pair<uint32_t, double>) + sizeof(uint32_t)) +
           sentences.synsets.size() * sizeof(uint64_t) +
           sentences.postings_begin.size() * sizeof(uint32_t);
  }
};

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
      : index_(index), options_(std::move(options)), analysers_(std::move(analysers)),
        normaliser_(analysers_[0].normaliser.get()), stemmer_(analysers_[0].stemmer.get()) {}

  Result<Report> Scan(const std::string& path, std::string_view bytes, Format format) override;

 private:
  fingerprint::FingerprintSettings Settings() const {
    const IndexSettings& s = index_->settings();
    return {s.shingle_words, s.window, s.max_postings, s.stem_shingle_words, s.stem_window};
  }
  // Boilerplate cap: hashes in more than 5% of documents (at least 4) or
  // more than the index's max_postings are skipped.
  uint32_t PostingsCap() const {
    uint64_t relative = std::max<uint64_t>(4, index_->document_count() / 20);
    return static_cast<uint32_t>(std::min<uint64_t>(index_->settings().max_postings, relative));
  }
  Result<std::vector<uint32_t>> Candidates(const Draft& draft);
  // The sources of `numbers`: from the cache (analysed) when this index
  // state has seen them, else read from the index (the index is read on
  // this thread only) to be analysed.
  Result<std::vector<std::shared_ptr<Source>>> ReadSources(const std::vector<uint32_t>& numbers);
  Status Analyse(Source& s, Analyser& a) const;
  void Remember(uint32_t number, std::shared_ptr<Source> source);
  bool Credited(const Draft& draft, const align::Passage& p, const std::string& publisher);
  Finding MakeFinding(const Draft& draft, const text::LineIndex& lines, const Source& source,
                      const align::Passage& p);

  // Runs f(thread, i) for i in [0, n) on the analysers' threads (the
  // calling one included), each i once.
  template <typename F>
  void ParallelFor(size_t n, F&& f) const {
    const size_t threads = std::min(analysers_.size(), n);
    std::atomic<size_t> next{0};
    auto work = [&](size_t t) {
      for (size_t i = next++; i < n; i = next++) f(t, i);
    };
    std::vector<std::thread> helpers;
    for (size_t t = 1; t < threads; ++t) helpers.emplace_back(work, t);
    work(0);
    for (std::thread& h : helpers) h.join();
  }

  Index* index_;
  ScanOptions options_;
  const align::SentenceAligner similar_{align::SentenceAlignerOptions{}};
  std::vector<Analyser> analysers_;
  text::Normaliser* normaliser_;
  text::WordStemmer* stemmer_;
  // Analysed sources, valid for one index digest: scans of many drafts (a
  // batch, CI) align the same sources again and again.
  std::string cache_digest_;
  std::unordered_map<uint32_t, std::shared_ptr<Source>> cache_;  // never changed once in
  std::deque<uint32_t> cache_order_;  // oldest first
  size_t cache_bytes_ = 0;
};

Result<std::vector<uint32_t>> ScannerImpl::Candidates(const Draft& draft) {
  // Every word shingle of the draft, and every stem shingle: a reworded
  // passage may share no run of identical words with its source.
  std::vector<uint64_t> hashes = draft.analysed.shingles;
  for (const auto& f : fingerprint::StemShingles(draft.analysed, Settings())) {
    hashes.push_back(f.hash);
  }
  std::vector<Posting> postings;
  PROVCHECK_RETURN_IF_ERROR(index_->Lookup(hashes, PostingsCap(), &postings));
  // A document sharing a word shingle is ranked by its hits, word shingles
  // weighing more. One sharing only stem shingles (reworded, translated) is
  // ranked by how rare its shared stem shingles are: most such documents
  // share a common phrase or two, and a hash held by one document says more
  // than one held by fifty.
  constexpr uint32_t kWordHitWeight = 4;
  const size_t word_queries = draft.analysed.shingles.size();
  std::vector<uint32_t> holders(hashes.size(), 0);  // documents holding each hash
  for (const Posting& p : postings) ++holders[p.query];
  // Each document's postings side by side (a sort, not a map of vectors: at
  // a million documents the draft's hashes have thousands of holders).
  std::sort(postings.begin(), postings.end(), [](const Posting& x, const Posting& y) {
    return x.document != y.document ? x.document < y.document : x.query < y.query;
  });
  struct Holder {
    uint32_t document, begin, end;  // postings[begin, end)
  };
  std::vector<Holder> docs;
  std::vector<std::pair<uint32_t, uint32_t>> ranked;   // (docs index, word-ranked score)
  std::vector<std::pair<uint32_t, double>> stem_only;  // (docs index, sum of 1 / holders)
  for (uint32_t begin = 0, end; begin < postings.size(); begin = end) {
    uint32_t words = 0, stems = 0;
    for (end = begin; end < postings.size() && postings[end].document == postings[begin].document;
         ++end) {
      (postings[end].query < word_queries ? words : stems) += 1;
    }
    const uint32_t d = static_cast<uint32_t>(docs.size());
    docs.push_back({postings[begin].document, begin, end});
    if (words > 0) {
      ranked.push_back({d, words * kWordHitWeight + stems});
    } else {
      double rarity = 0;
      for (uint32_t k = begin; k < end; ++k) rarity += 1.0 / holders[postings[k].query];
      stem_only.push_back({d, rarity});
    }
  }
  // Highest score first; ties by document number (docs are in that order),
  // so scans are repeatable.
  auto by_score = [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  };
  std::sort(ranked.begin(), ranked.end(), by_score);
  // A draft can share common runs with hundreds of sources, which would fill
  // every place and push out the one source of a shorter copied passage. So
  // first, in rank order, take each document holding a hash no document
  // taken so far holds (it alone can explain that part of the draft); then
  // fill the places left in rank order.
  std::vector<bool> explained(hashes.size(), false), taken(ranked.size(), false);
  std::vector<uint32_t> out;
  for (size_t i = 0; i < ranked.size() && out.size() < options_.max_candidates; ++i) {
    const Holder& h = docs[ranked[i].first];
    bool adds = false;
    for (uint32_t k = h.begin; k < h.end && !adds; ++k) adds = !explained[postings[k].query];
    if (!adds) continue;
    for (uint32_t k = h.begin; k < h.end; ++k) explained[postings[k].query] = true;
    taken[i] = true;
    out.push_back(h.document);
  }
  for (size_t i = 0; i < ranked.size() && out.size() < options_.max_candidates; ++i) {
    if (!taken[i]) out.push_back(docs[ranked[i].first].document);
  }
  // Stem-only documents have places of their own: word-shingle candidates
  // (a draft on a busy story has dozens) would otherwise take them all.
  const size_t stem_places = std::min<size_t>(options_.max_stem_candidates, stem_only.size());
  std::partial_sort(stem_only.begin(), stem_only.begin() + stem_places, stem_only.end(), by_score);
  for (size_t i = 0; i < stem_places; ++i) out.push_back(docs[stem_only[i].first].document);
  return out;
}

Status ScannerImpl::Analyse(Source& s, Analyser& a) const {
  PROVCHECK_ASSIGN_OR_RETURN(
      std::vector<text::Article> articles,
      text::ReadArticles(s.stored.info.meta.id, s.stored.original, s.stored.format));
  if (articles.size() != 1) {
    return Status::Corruption("index document " + s.stored.info.meta.id + " reads as " +
                              std::to_string(articles.size()) + " articles");
  }
  s.article = std::move(articles[0]);
  s.analysed = fingerprint::Analyse(*a.normaliser, s.article.body.text(), Settings());
  fingerprint::AddSentenceFeatures(*a.stemmer, s.article.body.text(), s.analysed);
  fingerprint::SortShingles(s.analysed);
  s.sentences = similar_.Profile(s.analysed, /*synsets=*/false);  // added when first Related
  return Status::Ok();
}

void ScannerImpl::Remember(uint32_t number, std::shared_ptr<Source> source) {
  cache_bytes_ += source->Bytes();
  cache_[number] = std::move(source);
  cache_order_.push_back(number);
  while (cache_bytes_ > options_.source_cache_bytes && !cache_order_.empty()) {
    auto oldest = cache_.find(cache_order_.front());
    cache_bytes_ -= oldest->second->Bytes();
    cache_.erase(oldest);
    cache_order_.pop_front();
  }
}

Result<std::vector<std::shared_ptr<Source>>> ScannerImpl::ReadSources(
    const std::vector<uint32_t>& numbers) {
  std::vector<std::shared_ptr<Source>> out(numbers.size());
  for (size_t i = 0; i < numbers.size(); ++i) {
    if (auto it = cache_.find(numbers[i]); it != cache_.end()) {
      out[i] = it->second;  // analysed already
      continue;
    }
    out[i] = std::make_shared<Source>();
    PROVCHECK_ASSIGN_OR_RETURN(out[i]->stored, index_->Load(numbers[i]));
  }
  return out;
}

bool ScannerImpl::Credited(const Draft& draft, const align::Passage& p,
                           const std::string& publisher) {
  // The publisher's name, as words, anywhere in the draft outside the passage
  // ("The" dropped: "Meridian Wire" credits "The Meridian Wire").
  text::TokenList name = normaliser_->Tokenise(publisher);
  size_t first = 0;
  if (name.size() > 1 && name.Word(0) == "the") first = 1;
  const size_t n = name.size() - first;
  if (n == 0) return false;
  const text::TokenList& t = draft.analysed.tokens;
  for (size_t i = 0; i + n <= t.size(); ++i) {
    if (i < p.draft_end && p.draft_begin < i + n) continue;
    bool same = true;
    for (size_t j = 0; j < n && same; ++j) same = t.Word(i + j) == name.Word(first + j);
    if (same) return true;
  }
  return false;
}

Finding ScannerImpl::MakeFinding(const Draft& draft, const text::LineIndex& lines,
                                 const Source& source, const align::Passage& p) {
  const auto& dt = draft.analysed.tokens.tokens;
  const auto& st = source.analysed.tokens.tokens;
  const text::ExtractedText& dbody = draft.article.body;
  const text::ExtractedText& sbody = source.article.body;
  Finding f;
  f.kind = "reuse";
  uint32_t dstart = dbody.OriginalStart(dt[p.draft_begin].start);
  uint32_t dend = dbody.OriginalEnd(dt[p.draft_end - 1].end);
  f.draft.start = dstart;
  f.draft.end = dend;
  text::LineIndex::Position a = lines.At(dstart);
  text::LineIndex::Position b = lines.At(dend > dstart ? dend - 1 : dstart);
  f.draft.line = a.line;
  f.draft.column = a.column;
  f.draft.end_line = b.line;
  f.draft.end_column = b.column;
  f.draft.text = draft.article.original.substr(dstart, dend - dstart);

  SourceSpan s;
  const DocumentMeta& meta = source.stored.info.meta;
  s.id = meta.id;
  s.title = meta.title;
  s.publisher = meta.publisher;
  s.authors = meta.authors;
  s.date = meta.date;
  s.url = meta.url;
  s.licence = meta.licence;
  s.start = sbody.OriginalStart(st[p.source_begin].start);
  s.end = sbody.OriginalEnd(st[p.source_end - 1].end);
  s.text = source.article.original.substr(s.start, s.end - s.start);
  f.source = std::move(s);

  for (const align::MatchBlock& m : p.blocks) {
    f.matches.push_back({dbody.OriginalStart(dt[m.draft_begin].start),
                         dbody.OriginalEnd(dt[m.draft_end - 1].end),
                         sbody.OriginalStart(st[m.source_begin].start),
                         sbody.OriginalEnd(st[m.source_end - 1].end)});
  }
  f.words = p.draft_words();
  f.similarity = p.similarity;
  f.quoted = align::QuotedShare(draft.quotes, dt[p.draft_begin].start,
                                dt[p.draft_end - 1].end) >= kQuotedShare;
  f.credited = Credited(draft, p, meta.publisher);
  return f;
}

Result<Report> ScannerImpl::Scan(const std::string& path, std::string_view bytes, Format format) {
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles(path, bytes, format));
  if (articles.size() != 1) {
    return Status::InvalidInput(path + ": holds " + std::to_string(articles.size()) +
                                " articles, expected one draft per file");
  }
  Draft draft;
  draft.path = path;
  draft.article = std::move(articles[0]);

  PROVCHECK_RETURN_IF_ERROR(index_->BeginSnapshot());
  struct SnapshotGuard {
    Index* index;
    ~SnapshotGuard() { index->EndSnapshot(); }
  } guard{index_};

  draft.analysed = fingerprint::Analyse(*normaliser_, draft.article.body.text(), Settings());
  fingerprint::AddSentenceFeatures(*stemmer_, draft.article.body.text(), draft.analysed);
  fingerprint::SortShingles(draft.analysed);  // once, for every source's alignment
  draft.sentences = similar_.Profile(draft.analysed, /*synsets=*/true,
                                     analysers_[0].synonyms.get());
  draft.quotes = align::FindQuotedSpans(draft.article.body.text());
  text::LineIndex lines(draft.article.original);

  Report report;
  report.tool_version = options_.tool_version;
  report.created = options_.created.empty() ? NowRfc3339() : options_.created;
  report.draft_path = path;
  report.draft_sha256 = base::Sha256Hex(bytes);
  report.draft_bytes = bytes.size();
  report.draft_words = static_cast<uint32_t>(draft.analysed.tokens.size());
  PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, index_->Stats());
  report.index_id = stats.id;
  report.index_digest = stats.digest;
  if (stats.digest != cache_digest_) {  // the index changed: cached sources may be stale
    cache_.clear();
    cache_order_.clear();
    cache_bytes_ = 0;
    cache_digest_ = stats.digest;
  }
  report.index_documents = stats.documents;

  const uint32_t min_words =
      options_.rules ? options_.rules->set().reuse.min_words : options_.min_passage_words;
  align::Aligner aligner({Settings().shingle_words, options_.max_gap_words, min_words, 8});
  std::vector<bool> covered(draft.analysed.tokens.size(), false);
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<uint32_t> candidates, Candidates(draft));
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<Source>> sources,
                             ReadSources(candidates));
  // Each source is analysed (unless cached) and aligned on one of the
  // threads; findings are then made in candidate order, as before.
  std::vector<bool> fresh(sources.size());
  for (size_t i = 0; i < sources.size(); ++i) fresh[i] = !cache_.count(candidates[i]);
  std::vector<Status> status(sources.size());
  std::vector<std::vector<align::Passage>> aligned(sources.size());
  std::vector<size_t> grew(sources.size(), 0);
  ParallelFor(sources.size(), [&](size_t t, size_t i) {
    if (fresh[i]) status[i] = Analyse(*sources[i], analysers_[t]);
    if (!status[i].ok()) return;
    Source& source = *sources[i];
    // (Each source is in one task: this thread alone adds its synsets.)
    const size_t before = source.Bytes();
    std::vector<align::Passage> similar = similar_.AlignAddingSynsets(
        draft.analysed, draft.sentences, source.analysed, &source.sentences,
        analysers_[t].synonyms.get());
    grew[i] = source.Bytes() - before;
    aligned[i] = align::MergePassages(aligner.Align(draft.analysed, source.analysed),
                                      std::move(similar));
  });
  for (size_t i = 0; i < sources.size(); ++i) {
    PROVCHECK_RETURN_IF_ERROR(status[i]);
    if (fresh[i]) Remember(candidates[i], sources[i]);
    else cache_bytes_ += grew[i];  // a cached source that gained its synsets
  }
  for (size_t c = 0; c < sources.size(); ++c) {
    const Source& source = *sources[c];
    const std::vector<align::Passage>& passages = aligned[c];
    if (passages.empty()) continue;
    SourceCoverage coverage;
    coverage.id = source.stored.info.meta.id;
    coverage.title = source.stored.info.meta.title;
    coverage.publisher = source.stored.info.meta.publisher;
    for (const align::Passage& p : passages) {
      report.findings.push_back(MakeFinding(draft, lines, source, p));
      ++coverage.passages;
      coverage.words += p.draft_words();
      for (uint32_t i = p.draft_begin; i < p.draft_end; ++i) covered[i] = true;
    }
    coverage.share = report.draft_words ? static_cast<double>(coverage.words) / report.draft_words : 0;
    report.sources.push_back(std::move(coverage));
  }
  std::sort(report.findings.begin(), report.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.draft.start != b.draft.start) return a.draft.start < b.draft.start;
    return a.source->id < b.source->id;
  });
  std::sort(report.sources.begin(), report.sources.end(),
            [](const SourceCoverage& a, const SourceCoverage& b) {
              return a.words != b.words ? a.words > b.words : a.id < b.id;
            });
  report.passages = static_cast<uint32_t>(report.findings.size());
  uint32_t covered_words = static_cast<uint32_t>(std::count(covered.begin(), covered.end(), true));
  report.reused_share = report.draft_words ? static_cast<double>(covered_words) / report.draft_words : 0;
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
  rules::Assess(options_.rules->set(), input, &report);
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

std::string NowRfc3339() {
  std::time_t now = std::time(nullptr);
  // SOURCE_DATE_EPOCH (reproducible-builds.org) pins the time for tests.
  if (const char* epoch = std::getenv("SOURCE_DATE_EPOCH")) {
    char* end = nullptr;
    long long v = std::strtoll(epoch, &end, 10);
    if (end != epoch && *end == '\0' && v >= 0) now = static_cast<std::time_t>(v);
  }
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace provcheck
