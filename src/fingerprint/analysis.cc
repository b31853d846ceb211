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

std::vector<Fingerprint> CorpusFingerprints(const AnalysedText& analysed,
                                            const FingerprintSettings& settings) {
  return Winnow(analysed.shingles, settings.window);
}

}  // namespace provcheck::fingerprint
