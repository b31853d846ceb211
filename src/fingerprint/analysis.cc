#include "fingerprint/analysis.h"

namespace provcheck::fingerprint {

AnalysedText Analyse(text::Normaliser& normaliser, std::string_view extracted,
                     const FingerprintSettings& settings) {
  AnalysedText out;
  out.tokens = normaliser.Tokenise(extracted);
  out.word_hashes = HashWords(out.tokens);
  out.shingles = HashShingles(out.word_hashes, settings.shingle_words);
  return out;
}

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
    analysed.stems[i] = stemmer.StemId(t.Word(i));
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

std::vector<Fingerprint> CorpusFingerprints(const AnalysedText& analysed,
                                            const FingerprintSettings& settings) {
  return Winnow(analysed.shingles, settings.window);
}

}  // namespace provcheck::fingerprint
