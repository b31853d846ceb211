// The general path of normalisation: invisible code points dropped and
// apostrophes unified, then UAX #29 word boundaries from ICU's root word
// break iterator (with its dictionary for Thai, Lao, Khmer and Burmese), then
// each word folded by WordFolder. Han and kana are read one character per
// token instead of as ICU's dictionary words: the dictionary splits a phrase
// differently once a character beside it changes, while character n-grams
// (shingles of such tokens) stay put; and each Han character is folded from
// Traditional to Simplified (ICU's Hant-Hans), so a copy in the other script
// still matches.
//
// Internal to src/text; callers use text/normalise.h.
// Thread-safety: holds an ICU iterator and caches; not thread-safe.
#ifndef PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_
#define PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_

#include <unicode/brkiter.h>
#include <unicode/translit.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "provcheck/result.h"
#include "text/normalise.h"
#include "text/normalise_fold.h"

namespace provcheck::text::internal {

class IcuWordTokeniser {
 public:
  // Fails with kInternal when ICU cannot build its iterator or load its data.
  static Result<std::unique_ptr<IcuWordTokeniser>> Create();

  IcuWordTokeniser(const IcuWordTokeniser&) = delete;
  IcuWordTokeniser& operator=(const IcuWordTokeniser&) = delete;

  // Appends the words of text[begin, end) to `out`. A token's range runs from
  // the first byte of its first kept code point to the last byte of its last
  // one, so it covers any invisible code points inside the word.
  // REQUIRES: text[begin, end) is valid UTF-8 and starts and ends on code
  // point boundaries; text.size() < 2^32.
  void Tokenise(std::string_view text, size_t begin, size_t end, TokenList* out);

  // Appends the normalised form of `word`, taken as a single word.
  // REQUIRES: `word` is valid UTF-8.
  void NormaliseWord(std::string_view word, std::string* out);

 private:
  IcuWordTokeniser(std::unique_ptr<icu::BreakIterator> words, std::unique_ptr<WordFolder> folder,
                   icu::UnicodeSet invisible);

  // Fills units_ (aliased by utf16_) from text[begin, end) with invisible
  // code points dropped and apostrophes made ASCII, and offsets_ with each
  // UTF-16 unit's source byte.
  void Clean(std::string_view text, size_t begin, size_t end);

  // Appends utf16_[from, to), a run of Han or kana, one token per character.
  void AppendCharacters(std::string_view text, int32_t from, int32_t to, TokenList* out);
  // `c` in Simplified script when it is (or folds to) a Traditional Han
  // character, folded and simplified until neither changes it; `c` itself
  // when it holds no Han.
  const icu::UnicodeString& Simplified(UChar32 c);

  bool IsInvisible(UChar32 c) const {
    return c < 0x10000 ? invisible_bmp_[c] : invisible_.contains(c);
  }

  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<WordFolder> folder_;
  // Hant-Hans on a Han character, made at the first one.
  void Simplify(icu::UnicodeString& han);
  std::unique_ptr<icu::Transliterator> simplify_;  // Hant-Hans, a clone of the process's
  bool simplify_missing_ = false;                  // ICU's data has no Hant-Hans
  std::unordered_map<UChar32, icu::UnicodeString> simplified_;  // its answers, per character
  icu::UnicodeSet invisible_;           // frozen
  std::bitset<0x10000> invisible_bmp_;  // invisible_ below U+10000, for speed
  std::u16string units_;                // the cleaned text
  icu::UnicodeString utf16_;            // read-only alias of units_; the iterator reads it
  std::vector<uint32_t> offsets_;       // source byte of each unit of units_
};

}  // namespace provcheck::text::internal

#endif  // PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_
