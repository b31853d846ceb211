// Normalisation and tokenisation: extracted text in, normalised words with
// their byte ranges out.
//
// Owns: NFKC and case folding, removal of default-ignorable code points and
// invisible fillers (U+200B..U+200D, U+00AD, U+FEFF, variation selectors,
// U+115F, U+1160; the blank fillers U+2800, U+3164, U+FFA0 count as spaces), folding of confusable
// look-alikes to one skeleton (UTS #39, applied per non-ASCII character so ASCII text is left as it
// is), removal of diacritics, unified quotes and apostrophes (apostrophes are dropped from words),
// words hyphenated across a line break joined, and Unicode word boundaries (UAX #29 via ICU), so
// Chinese, Japanese or Thai text still yields tokens. Pure-ASCII stretches take a fast path that
// yields exactly what the ICU path would. Knows nothing of formats, fingerprints or the index.
//
// Thread-safety: a Normaliser holds ICU iterators and caches; it is not
// thread-safe. Use one per thread.
#ifndef PROVCHECK_SRC_TEXT_NORMALISE_H_
#define PROVCHECK_SRC_TEXT_NORMALISE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::text {

struct Token {
  uint32_t start;        // byte offset of the word's first byte in the input text
  uint32_t end;          // exclusive end byte offset in the input text
  uint32_t norm_start;   // offset of the normalised word in TokenList::norm
  uint32_t norm_length;  // its length in bytes (never 0)
};

struct TokenList {
  std::string norm;           // normalised words, concatenated without separators
  std::vector<Token> tokens;  // in text order, non-overlapping

  std::string_view Word(size_t i) const {
    return std::string_view(norm).substr(tokens[i].norm_start, tokens[i].norm_length);
  }
  size_t size() const { return tokens.size(); }
};

// The version of the ICU library in use ("72.1"): its word break rules and
// dictionaries decide the tokens of Thai and other unspaced scripts.
std::string IcuVersion();

class Normaliser {
 public:
  // Fails with kInternal when ICU cannot build its objects.
  static Result<std::unique_ptr<Normaliser>> Create();
  ~Normaliser();
  Normaliser(const Normaliser&) = delete;
  Normaliser& operator=(const Normaliser&) = delete;

  // Splits `text` into words and normalises each.
  // REQUIRES: `text` is valid UTF-8 (readers validate input).
  // Tokens are words in the UAX #29 sense (letters, numbers, ideographs,
  // kana); punctuation and spaces yield none. A word hyphenated across a line
  // break ("exam-\nple") is one token whose range covers both halves.
  TokenList Tokenise(std::string_view text);

  // The normalised form of one word, as Tokenise would give it
  // (for tests and callers that hash a single word).
  std::string NormaliseWord(std::string_view word);

 private:
  Normaliser();
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace provcheck::text

#endif  // PROVCHECK_SRC_TEXT_NORMALISE_H_
