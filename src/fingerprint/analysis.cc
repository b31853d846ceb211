#include "fingerprint/analysis.h"

#include <xxhash.h>

#include <algorithm>
#include <functional>

#include "base/uniform_sort.h"

namespace provcheck::fingerprint {

AnalysedText Analyse(text::Normaliser& normaliser, std::string_view extracted,
                     const FingerprintSettings& settings) {
  AnalysedText out;
  out.tokens = normaliser.Tokenise(extracted);
  out.word_hashes = HashWords(out.tokens);
  out.shingles = HashShingles(out.word_hashes, settings.shingle_words);
  return out;
}

std::vector<std::pair<uint64_t, uint32_t>> SortedShingles(const AnalysedText& analysed) {
  std::vector<std::pair<uint64_t, uint32_t>> sorted;
  sorted.reserve(analysed.shingles.size());
  for (uint32_t j = 0; j < analysed.shingles.size(); ++j)
    sorted.emplace_back(analysed.shingles[j], j);
  // Positions were pushed in order: equal hashes keep it.
  base::SortUniform(sorted);
  return sorted;
}

void SortShingles(AnalysedText& analysed) { analysed.sorted_shingles = SortedShingles(analysed); }

namespace {

// Sentences longer than this are cut, so one run-on sentence cannot swallow
// a passage's boundaries.
constexpr uint32_t kMaxSentenceWords = 60;

bool EndsSentence(std::string_view gap) {
  if (gap.find("\n\n") != std::string_view::npos) return true;
  return gap.find_first_of(".!?") != std::string_view::npos;
}

}  // namespace

void AddSentenceFeatures(text::WordStemmer& stemmer, std::string_view extracted,
                         AnalysedText& analysed) {
  const text::TokenList& t = analysed.tokens;
  analysed.stems.resize(t.size());
  analysed.sentence_starts.clear();
  uint32_t start = 0;
  for (uint32_t i = 0; i < t.size(); ++i) {
    analysed.stems[i] = i < analysed.word_hashes.size()
                            ? stemmer.StemIdOfHashed(t.Word(i), analysed.word_hashes[i])
                            : stemmer.StemId(t.Word(i));
    bool boundary = i == 0;
    if (i > 0) {
      const uint32_t from = t.tokens[i - 1].end, to = t.tokens[i].start;
      boundary = EndsSentence(extracted.substr(from, to - from)) || i - start >= kMaxSentenceWords;
    }
    if (boundary) {
      analysed.sentence_starts.push_back(i);
      start = i;
    }
  }
}

std::vector<Fingerprint> StemShingles(const AnalysedText& analysed,
                                      const FingerprintSettings& settings) {
  std::vector<Fingerprint> out;
  const uint32_t k = settings.stem_shingle_words;
  if (k == 0 || analysed.stems.empty()) return out;
  std::vector<uint32_t> content;  // token positions of content words
  for (uint32_t i = 0; i < analysed.stems.size(); ++i) {
    if (analysed.stems[i] != 0) content.push_back(i);
  }
  constexpr uint64_t kStemSeed = 0x73'74'65'6d'73'68'6e'67;  // "stemshng"
  // A shingle hashes its stems' ids (hashes of their text, stable across
  // processes): no string is built per shingle.
  // The stems of a run are sorted first: a translation or a paraphrase often
  // swaps neighbouring words ("the council's new budget" / "the new budget
  // of the council").
  std::vector<uint64_t> run(k);
  out.reserve(content.size());
  for (size_t i = 0; i + k <= content.size(); ++i) {
    for (uint32_t j = 0; j < k; ++j) run[j] = analysed.stems[content[i + j]];
    std::sort(run.begin(), run.end());
    out.push_back({XXH3_64bits_withSeed(run.data(), k * sizeof(uint64_t), kStemSeed), content[i]});
  }
  return out;
}

std::vector<Fingerprint> CorpusFingerprints(const AnalysedText& analysed,
                                            const FingerprintSettings& settings,
                                            const text::WordStemmer* stemmer) {
  std::vector<Fingerprint> out = Winnow(analysed.shingles, settings.window);
  if (stemmer != nullptr) {
    std::vector<Fingerprint> stems = StemShingles(analysed, settings);
    std::vector<uint64_t> hashes;
    hashes.reserve(stems.size());
    for (const Fingerprint& f : stems) hashes.push_back(f.hash);
    // Winnow over stem-shingle indices, then map back to token positions.
    for (const Fingerprint& f : Winnow(hashes, settings.stem_window)) {
      out.push_back({f.hash, stems[f.position].position});
    }
  }
  return out;
}

}  // namespace provcheck::fingerprint
