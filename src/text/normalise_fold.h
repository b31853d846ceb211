// Folding of one word for matching: NFKC with case folding, then every
// non-ASCII code point replaced by its cached fold (UTS #39 confusable
// skeleton, nonspacing marks removed, case folded again, to a fixed point).
// Apostrophes and spaces are dropped.
//
// Internal to src/text; callers use text/normalise.h.
// Thread-safety: holds a cache and scratch buffers; not thread-safe.
#ifndef PROVCHECK_SRC_TEXT_NORMALISE_FOLD_H_
#define PROVCHECK_SRC_TEXT_NORMALISE_FOLD_H_

#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/uspoof.h>

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "provcheck/result.h"

namespace provcheck::text::internal {

class WordFolder {
 public:
  // Fails with kInternal when ICU cannot load its normalisation or
  // confusables data.
  static Result<std::unique_ptr<WordFolder>> Create();

  WordFolder(const WordFolder&) = delete;
  WordFolder& operator=(const WordFolder&) = delete;

  // Appends the folded form of `word` (UTF-16) to `out` as UTF-8. Appends
  // nothing when the word folds away entirely (a lone apostrophe).
  // ASCII letters are only lowercased: the skeleton never touches ASCII, so
  // "rn" and "m" stay distinct.
  void Append(const icu::UnicodeString& word, std::string* out);

 private:
  struct SpoofCloser {
    void operator()(USpoofChecker* checker) const { uspoof_close(checker); }
  };
  // Where a code point's fold sits in arena_.
  struct Fold {
    uint32_t offset;
    uint16_t length;
    bool known;           // computed yet (for the direct table)
    bool joins_previous;  // may compose with what precedes it (no NFKC boundary)
  };
  // Code points below this are cached in a direct table (Latin, Greek,
  // Cyrillic, Hebrew, Arabic), the rest in a hash map.
  static constexpr UChar32 kDirectLimit = 0x800;

  WordFolder(const icu::Normalizer2* nfkc_casefold, const icu::Normalizer2* nfd,
             USpoofChecker* spoof);

  // Appends the fold of each code point of NFKC_Casefold(word); returns
  // whether neighbouring folds may compose, so the result needs checking.
  bool AppendFolds(const icu::UnicodeString& word, std::string* out);
  const Fold& FoldOf(UChar32 c);
  Fold AddFold(UChar32 c);
  icu::UnicodeString ComputeFold(UChar32 c) const;
  icu::UnicodeString FoldStep(const icu::UnicodeString& s) const;

  const icu::Normalizer2* nfkc_casefold_;  // owned by ICU
  const icu::Normalizer2* nfd_;            // owned by ICU
  std::unique_ptr<USpoofChecker, SpoofCloser> spoof_;
  icu::UnicodeString scratch_;
  icu::UnicodeString refold_;
  // Fold of each non-ASCII code point seen so far, as UTF-8 in `arena_`.
  std::array<Fold, kDirectLimit> direct_{};
  std::unordered_map<UChar32, Fold> cache_;
  std::string arena_;
};

}  // namespace provcheck::text::internal

#endif  // PROVCHECK_SRC_TEXT_NORMALISE_FOLD_H_
