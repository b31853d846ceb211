// pan_eval: runs the provcheck pipeline over a PAN text-alignment folder and
// writes one detection XML per pair, offsets in Unicode code points.
//
//   pan_eval pair   PAN_DIR PAIRS OUT      # each suspicious document against its listed source
//   pan_eval corpus PAN_DIR PAIRS OUT      # every source indexed once; each suspicious
//                                          # document scanned against the whole index
//
// Pair mode uses the same reader, normaliser, fingerprints and aligner as a
// scan; corpus mode is a scan, through Index and Scanner. In corpus mode,
// detections against a source that is not the pair's are counted and
// printed (the PAN scorer ignores them), and written to OUT/foreign.tsv.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <mutex>
#include <set>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "align/aligner.h"
#include "align/passage_merge.h"
#include "align/passage_refiner.h"
#include "align/sentence_aligner.h"
#include "base/file_system.h"
#include "fingerprint/analysis.h"
#include "provcheck/index.h"
#include "provcheck/scan.h"
#include "text/normalise.h"
#include "text/reader.h"

namespace {

using provcheck::Result;
using provcheck::Status;

struct Pair {
  std::string susp, src;
};

struct Detection {
  uint64_t this_offset, this_length, source_offset, source_length;
  std::string source;  // source file name
};

// Reads a file; a few PAN documents hold stray NUL bytes, which provcheck
// refuses as binary, so they become spaces (same length: offsets hold).
std::string ReadOrDie(const std::string& path) {
  auto r = provcheck::base::FileSystem::Default().ReadFile(path, 1ULL << 30);
  if (!r) {
    std::fprintf(stderr, "pan_eval: %s\n", r.status().ToString().c_str());
    std::exit(2);
  }
  std::string bytes = std::move(r).value();
  std::replace(bytes.begin(), bytes.end(), '\0', ' ');
  return bytes;
}

std::vector<Pair> ReadPairs(const std::string& path) {
  std::istringstream in(ReadOrDie(path));
  std::vector<Pair> pairs;
  std::string a, b;
  while (in >> a >> b) pairs.push_back({a, b});
  return pairs;
}

// Code points before byte `offset` (PAN counts code points).
uint64_t CodePoints(const std::string& text, uint64_t offset) {
  uint64_t n = 0;
  for (uint64_t i = 0; i < offset && i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++n;
  }
  return n;
}

std::string Stem(const std::string& file) { return file.substr(0, file.rfind('.')); }

void WriteXml(const std::string& out_dir, const Pair& pair, const std::vector<Detection>& dets) {
  std::string xml = "<document reference=\"" + pair.susp + "\">\n";
  for (const Detection& d : dets) {
    xml += "<feature name=\"detected-plagiarism\" this_offset=\"" + std::to_string(d.this_offset) +
           "\" this_length=\"" + std::to_string(d.this_length) + "\" source_reference=\"" +
           d.source + "\" source_offset=\"" + std::to_string(d.source_offset) +
           "\" source_length=\"" + std::to_string(d.source_length) + "\" />\n";
  }
  xml += "</document>\n";
  std::ofstream(out_dir + "/" + Stem(pair.susp) + "-" + Stem(pair.src) + ".xml") << xml;
}

struct Analysed {
  provcheck::text::Article article;
  provcheck::fingerprint::AnalysedText text;
};

Analysed AnalyseFile(provcheck::text::Normaliser& n, provcheck::text::WordStemmer& stemmer,
                     const std::string& path,
                     const provcheck::fingerprint::FingerprintSettings& fs) {
  std::string bytes = ReadOrDie(path);
  auto articles = provcheck::text::ReadArticles(path, bytes, provcheck::Format::kText);
  if (!articles) {
    std::fprintf(stderr, "pan_eval: %s\n", articles.status().ToString().c_str());
    std::exit(2);
  }
  Analysed a{std::move((*articles)[0]), {}};
  a.text = provcheck::fingerprint::Analyse(n, a.article.body.text(), fs);
  provcheck::fingerprint::AddSentenceFeatures(stemmer, a.article.body.text(), a.text);
  return a;
}

// The number in environment variable `name`, else `fallback`.
double EnvNumber(const char* name, double fallback) {
  const char* v = std::getenv(name);
  return v ? std::atof(v) : fallback;
}

// Sweeps override the similarity stage's options through the environment,
// e.g. PAN_EVAL_SOURCE_GAP=10 (see bench/README.md).
provcheck::align::SentenceAlignerOptions SentenceOptionsFromEnv() {
  provcheck::align::SentenceAlignerOptions o;
  const auto num = EnvNumber;
  o.min_seed_cosine = num("PAN_EVAL_SEED_COSINE", o.min_seed_cosine);
  o.min_seed_dice = num("PAN_EVAL_SEED_DICE", o.min_seed_dice);
  o.max_gap_sentences = static_cast<uint32_t>(num("PAN_EVAL_DRAFT_GAP", o.max_gap_sentences));
  o.max_source_gap_sentences =
      static_cast<uint32_t>(num("PAN_EVAL_SOURCE_GAP", o.max_source_gap_sentences));
  o.min_fragment_cosine = num("PAN_EVAL_FRAGMENT_COSINE", o.min_fragment_cosine);
  o.min_fragment_words =
      static_cast<uint32_t>(num("PAN_EVAL_FRAGMENT_WORDS", o.min_fragment_words));
  o.min_fragment_seeds =
      static_cast<uint32_t>(num("PAN_EVAL_FRAGMENT_SEEDS", o.min_fragment_seeds));
  o.summary_source_gap_sentences =
      static_cast<uint32_t>(num("PAN_EVAL_SUMMARY_GAP", o.summary_source_gap_sentences));
  o.min_summary_cosine = num("PAN_EVAL_SUMMARY_COSINE", o.min_summary_cosine);
  o.min_summary_ratio = num("PAN_EVAL_SUMMARY_RATIO", o.min_summary_ratio);
  o.min_single_seed_words =
      static_cast<uint32_t>(num("PAN_EVAL_SINGLE_SEED_WORDS", o.min_single_seed_words));
  o.min_single_seed_cosine = num("PAN_EVAL_SINGLE_SEED_COSINE", o.min_single_seed_cosine);
  o.neighbour_sentences =
      static_cast<uint32_t>(num("PAN_EVAL_NEIGHBOUR_SENTENCES", o.neighbour_sentences));
  o.min_neighbour_cosine = num("PAN_EVAL_NEIGHBOUR_COSINE", o.min_neighbour_cosine);
  o.min_neighbour_dice = num("PAN_EVAL_NEIGHBOUR_DICE", o.min_neighbour_dice);
  o.min_shared_stems = static_cast<uint32_t>(num("PAN_EVAL_SHARED_STEMS", o.min_shared_stems));
  o.summary_join_words = static_cast<uint32_t>(num("PAN_EVAL_SUMMARY_JOIN", o.summary_join_words));
  o.whole_source_share = num("PAN_EVAL_WHOLE_SOURCE_SHARE", o.whole_source_share);
  return o;
}

// The shortest passage reported, as a rules file's reuse.min_words would set
// it: PAN_EVAL_MIN_WORDS (pan_eval.py --min-words), else provcheck's default.
uint32_t MinPassageWords() {
  return static_cast<uint32_t>(
      EnvNumber("PAN_EVAL_MIN_WORDS", provcheck::ScanOptions{}.min_passage_words));
}

int RunPairs(const std::string& dir, const std::vector<Pair>& pairs, const std::string& out) {
  provcheck::ScanOptions defaults;
  provcheck::IndexSettings index_defaults;
  provcheck::fingerprint::FingerprintSettings fs{
      index_defaults.shingle_words, index_defaults.window, index_defaults.max_postings,
      index_defaults.stem_shingle_words, index_defaults.stem_window};
  provcheck::align::AlignerOptions ao;
  ao.shingle_words = fs.shingle_words;
  ao.max_gap_words = defaults.max_gap_words;
  ao.min_passage_words = MinPassageWords();
  provcheck::align::Aligner aligner(ao);
  std::atomic<size_t> next{0};
  auto worker = [&]() {
    auto normaliser = provcheck::text::Normaliser::Create();
    auto stemmer = provcheck::text::WordStemmer::Create();
    provcheck::align::SentenceAligner similar{SentenceOptionsFromEnv()};
    for (size_t i = next++; i < pairs.size(); i = next++) {
      const Pair& p = pairs[i];
      Analysed susp = AnalyseFile(**normaliser, **stemmer, dir + "/susp/" + p.susp, fs);
      Analysed src = AnalyseFile(**normaliser, **stemmer, dir + "/src/" + p.src, fs);
      std::vector<Detection> dets;
      provcheck::align::SentenceProfile src_profile = similar.Profile(src.text);
      provcheck::align::RefineOptions refine;
      refine.min_passage_words = ao.min_passage_words;
      refine.min_original_words =
          static_cast<uint32_t>(EnvNumber("PAN_EVAL_ORIGINAL_WORDS", refine.min_original_words));
      refine.keep_summaries_ratio = EnvNumber("PAN_EVAL_KEEP_SUMMARIES", 3.0);
      auto passages = provcheck::align::RefinePassages(
          susp.text, src.text,
          provcheck::align::MergePassages(
              aligner.Align(susp.text, src.text),
              similar.Align(susp.text, similar.Profile(susp.text), src.text, &src_profile)),
          refine);
      for (const auto& passage : passages) {
        const auto& dt = susp.text.tokens.tokens;
        const auto& st = src.text.tokens.tokens;
        uint64_t ds = susp.article.body.OriginalStart(dt[passage.draft_begin].start);
        uint64_t de = susp.article.body.OriginalEnd(dt[passage.draft_end - 1].end);
        uint64_t ss = src.article.body.OriginalStart(st[passage.source_begin].start);
        uint64_t se = src.article.body.OriginalEnd(st[passage.source_end - 1].end);
        uint64_t dcs = CodePoints(susp.article.original, ds);
        uint64_t scs = CodePoints(src.article.original, ss);
        dets.push_back({dcs, CodePoints(susp.article.original, de) - dcs, scs,
                        CodePoints(src.article.original, se) - scs, p.src});
      }
      WriteXml(out, p, dets);
    }
  };
  std::thread t1(worker), t2(worker);
  t1.join();
  t2.join();
  return 0;
}

int RunCorpus(const std::string& dir, const std::vector<Pair>& pairs, const std::string& out) {
  const std::string index_dir = out + "/.index";
  std::set<std::string> sources, suspects;
  std::map<std::string, std::set<std::string>> pair_sources;
  for (const Pair& p : pairs) {
    suspects.insert(p.susp);
    pair_sources[p.susp].insert(p.src);
  }
  // Every source document of the corpus is indexed, not only the paired ones.
  auto files = provcheck::base::FileSystem::Default().ListFilesRecursive(dir + "/src");
  auto start = std::chrono::steady_clock::now();
  {
    auto index = provcheck::Index::Open(index_dir, provcheck::Index::Mode::kCreate);
    if (!index) return std::fprintf(stderr, "pan_eval: %s\n", index.status().ToString().c_str()), 2;
    provcheck::AddSummary summary;
    for (const std::string& f : *files) {
      std::string name = f.substr(f.rfind('/') + 1);
      Status s = (*index)->AddFile(f, ReadOrDie(f), provcheck::Format::kText, name, &summary);
      if (!s.ok()) return std::fprintf(stderr, "pan_eval: %s\n", s.ToString().c_str()), 2;
    }
    Status s = (*index)->Commit();
    if (!s.ok()) return std::fprintf(stderr, "pan_eval: %s\n", s.ToString().c_str()), 2;
  }
  double index_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::vector<std::string> todo(suspects.begin(), suspects.end());
  std::atomic<size_t> next{0};
  std::mutex mu;
  uint64_t foreign = 0, foreign_chars = 0, total = 0;
  std::string foreign_log;
  start = std::chrono::steady_clock::now();
  auto worker = [&]() {
    auto index = provcheck::Index::Open(index_dir, provcheck::Index::Mode::kReadOnly);
    provcheck::ScanOptions scan_options;
    scan_options.max_candidates =
        static_cast<uint32_t>(EnvNumber("PAN_EVAL_CANDIDATES", scan_options.max_candidates));
    scan_options.max_stem_candidates = static_cast<uint32_t>(
        EnvNumber("PAN_EVAL_STEM_CANDIDATES", scan_options.max_stem_candidates));
    scan_options.min_passage_words = MinPassageWords();
    auto scanner = provcheck::Scanner::Create(index->get(), scan_options);
    for (size_t i = next++; i < todo.size(); i = next++) {
      const std::string path = dir + "/susp/" + todo[i];
      std::string bytes = ReadOrDie(path);
      auto report = (*scanner)->Scan(path, bytes, provcheck::Format::kText);
      if (!report) {
        std::fprintf(stderr, "pan_eval: %s\n", report.status().ToString().c_str());
        std::exit(2);
      }
      std::map<std::string, std::vector<Detection>> by_source;
      std::map<std::string, std::string> source_bytes;  // read once per document
      for (const auto& f : report->findings) {
        if (f.kind != provcheck::FindingKind::kReuse || !f.source) continue;
        const std::string& src = f.source->id;
        auto [it, fresh] = source_bytes.try_emplace(src);
        if (fresh) it->second = ReadOrDie(dir + "/src/" + src);
        const std::string& src_bytes = it->second;
        uint64_t ds = CodePoints(bytes, f.draft.start), de = CodePoints(bytes, f.draft.end);
        uint64_t ss = CodePoints(src_bytes, f.source->start),
                 se = CodePoints(src_bytes, f.source->end);
        by_source[src].push_back({ds, de - ds, ss, se - ss, src});
      }
      std::lock_guard<std::mutex> lock(mu);
      for (const auto& [src, dets] : by_source) {
        total += dets.size();
        if (pair_sources[todo[i]].count(src)) continue;
        foreign += dets.size();
        for (const Detection& d : dets) {
          foreign_chars += d.this_length;
          foreign_log += todo[i] + "\t" + src + "\t" + std::to_string(d.this_offset) + "\t" +
                         std::to_string(d.this_length) + "\t" + std::to_string(d.source_offset) +
                         "\t" + std::to_string(d.source_length) + "\n";
        }
      }
      for (const std::string& src : pair_sources[todo[i]]) {
        auto it = by_source.find(src);
        WriteXml(out, {todo[i], src},
                 it == by_source.end() ? std::vector<Detection>{} : it->second);
      }
    }
  };
  std::thread t1(worker), t2(worker);
  t1.join();
  t2.join();
  double scan_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::ofstream(out + "/foreign.tsv") << foreign_log;
  std::printf(
      "corpus mode: indexed %zu sources in %.1f s; scanned %zu documents in %.1f s "
      "(%.0f docs/s); %llu detections, %llu against a source that is not the pair's "
      "(%llu characters)\n",
      files->size(), index_seconds, todo.size(), scan_seconds, todo.size() / scan_seconds,
      static_cast<unsigned long long>(total), static_cast<unsigned long long>(foreign),
      static_cast<unsigned long long>(foreign_chars));
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 5 || (std::string(argv[1]) != "pair" && std::string(argv[1]) != "corpus")) {
    std::fprintf(stderr, "usage: pan_eval pair|corpus PAN_DIR PAIRS OUT\n");
    return 2;
  }
  const std::string mode = argv[1], dir = argv[2], out = argv[4];
  std::vector<Pair> pairs = ReadPairs(argv[3]);
  Status s = provcheck::base::FileSystem::Default().CreateDirectories(out);
  if (!s.ok()) return std::fprintf(stderr, "pan_eval: %s\n", s.ToString().c_str()), 2;
  auto start = std::chrono::steady_clock::now();
  int rc = mode == "pair" ? RunPairs(dir, pairs, out) : RunCorpus(dir, pairs, out);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%s mode: %zu pairs in %.1f s (%.0f pairs/s)\n", mode.c_str(), pairs.size(), seconds,
              pairs.size() / seconds);
  return rc;
}
