#include "micro/text_model.h"

#include <algorithm>
#include <cctype>
#include <utility>

namespace provcheck::bench {
namespace {

constexpr size_t kVocabularyWords = 20000;
constexpr const char* kSyllables[] = {"ka",  "lo",  "mer", "tin", "sa",  "ri",  "don", "ve",
                                      "pel", "gra", "stu", "bor", "nel", "qui", "fa",  "zen",
                                      "ho",  "mi",  "tra", "ul",  "an",  "cor", "de",  "es"};
constexpr const char* kForeignSyllables[] = {"é",  "öl", "ße", "жа", "ло", "λα",
                                             "κή", "ñu", "ça", "ør", "ü",  "ří"};
constexpr const char* kFunctionWords[] = {
    "the", "of", "and",  "to", "in", "a",   "is",   "that", "for", "on",   "was", "with", "as",
    "by",  "at", "from", "it", "he", "she", "they", "but",  "had", "have", "not", "this"};

template <typename T, size_t N>
constexpr size_t Count(const T (&)[N]) {
  return N;
}

}  // namespace

TextModel::TextModel(uint64_t seed, bool non_ascii) : rng_(seed), non_ascii_(non_ascii) {
  double sum = 0;
  while (vocabulary_.size() < kVocabularyWords) {
    std::string word;
    for (uint64_t n = 1 + Below(4); n > 0; --n) {
      if (non_ascii_ && Below(3) == 0) {
        word += kForeignSyllables[Below(Count(kForeignSyllables))];
      } else {
        word += kSyllables[Below(Count(kSyllables))];
      }
    }
    sum += 1.0 / static_cast<double>(vocabulary_.size() + 1);
    vocabulary_.push_back(std::move(word));
    cumulative_.push_back(sum);
  }
}

std::string TextModel::Word() {
  if (Below(100) < 35) return kFunctionWords[Below(Count(kFunctionWords))];
  // A uniform draw over the summed weights, mapped to a rank.
  double u = static_cast<double>(rng_() >> 11) * 0x1.0p-53 * cumulative_.back();
  size_t rank = std::upper_bound(cumulative_.begin(), cumulative_.end(), u) - cumulative_.begin();
  return vocabulary_[std::min(rank, vocabulary_.size() - 1)];
}

std::string TextModel::Sentence() {
  const bool quoted = non_ascii_ && Below(4) == 0;
  std::string s = quoted ? "\u201c" : "";
  for (uint64_t i = 0, n = 8 + Below(17); i < n; ++i) {
    std::string w = Word();
    if (i == 0 && std::islower(static_cast<unsigned char>(w[0]))) {
      w[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(w[0])));
    }
    if (i > 0) s += (non_ascii_ && Below(20) == 0) ? " \u2014 " : (Below(12) == 0 ? ", " : " ");
    s += w;
  }
  s += quoted ? ".\u201d" : ".";
  return s;
}

std::string TextModel::Text(size_t words) {
  std::string text;
  size_t count = 0;
  while (count < words) {
    if (!text.empty()) text += "\n\n";
    for (uint64_t i = 0, n = 3 + Below(4); i < n && count < words; ++i) {
      std::string s = Sentence();
      count += static_cast<size_t>(std::count(s.begin(), s.end(), ' ')) + 1;
      if (i > 0) text += ' ';
      text += s;
    }
  }
  return text + "\n";
}

std::string TextModel::Passage(const std::string& text, size_t words) {
  std::vector<std::pair<size_t, size_t>> spans;  // [start, end) of each word
  for (size_t i = 0; i < text.size();) {
    while (i < text.size() && std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    size_t start = i;
    while (i < text.size() && !std::isspace(static_cast<unsigned char>(text[i]))) ++i;
    if (i > start) spans.emplace_back(start, i);
  }
  if (spans.size() <= words) return text;
  size_t first = Below(spans.size() - words + 1);
  return text.substr(spans[first].first, spans[first + words - 1].second - spans[first].first);
}

text::TokenList ModelTokens(uint64_t seed, size_t words) {
  TextModel model(seed);
  return (*text::Normaliser::Create())->Tokenise(model.Text(words));
}

}  // namespace provcheck::bench
