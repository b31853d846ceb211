// The general path of normalisation: invisible code points dropped and
// apostrophes unified, then UAX #29 word boundaries from ICU's root word
// break iterator (with its dictionaries for Chinese, Japanese and Thai), then
// each word folded by WordFolder.
//
// Internal to src/text; callers use text/normalise.h.
// Thread-safety: holds an ICU iterator and caches; not thread-safe.
#ifndef PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_
#define PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_

#include <unicode/brkiter.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <bitset>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
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

  bool IsInvisible(UChar32 c) const {
    return c < 0x10000 ? invisible_bmp_[c] : invisible_.contains(c);
  }

  std::unique_ptr<icu::BreakIterator> words_;
  std::unique_ptr<WordFolder> folder_;
  icu::UnicodeSet invisible_;           // frozen
  std::bitset<0x10000> invisible_bmp_;  // invisible_ below U+10000, for speed
  std::u16string units_;                // the cleaned text
  icu::UnicodeString utf16_;            // read-only alias of units_; the iterator reads it
  std::vector<uint32_t> offsets_;       // source byte of each unit of units_
};

}  // namespace provcheck::text::internal

#endif  // PROVCHECK_SRC_TEXT_NORMALISE_ICU_H_
