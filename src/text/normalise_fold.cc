#include "text/normalise_fold.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utypes.h>

#include <cassert>
#include <string>

namespace provcheck::text::internal {
namespace {

// A fold step can expose new work (a skeleton's prototype may itself
// decompose or case-fold); every code point in ICU 72 settles within two
// rounds, so four is ample.
constexpr int kMaxFoldRounds = 4;

bool IsAsciiOnly(const icu::UnicodeString& s) {
  const char16_t* units = s.getBuffer();
  for (int32_t i = 0; i < s.length(); ++i) {
    if (units[i] >= 0x80) return false;
  }
  return true;
}

// Apostrophes vanish so "don't" and "don’t" match "dont"; spaces vanish so
// a compatibility decomposition such as U+FDFA never puts one in a word.
bool IsDroppedFromWord(UChar32 c) { return c == '\'' || c == ' '; }

void AppendAsciiLower(char16_t c, std::string* out) {
  if (IsDroppedFromWord(c)) return;
  out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
}

}  // namespace

Result<std::unique_ptr<WordFolder>> WordFolder::Create() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfkc_casefold = icu::Normalizer2::getNFKCCasefoldInstance(status);
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  USpoofChecker* spoof = U_SUCCESS(status) ? uspoof_open(&status) : nullptr;
  if (U_FAILURE(status)) {
    if (spoof != nullptr) uspoof_close(spoof);
    return Status::Internal(std::string("normalise: cannot load ICU data: ") + u_errorName(status));
  }
  return std::unique_ptr<WordFolder>(new WordFolder(nfkc_casefold, nfd, spoof));
}

WordFolder::WordFolder(const icu::Normalizer2* nfkc_casefold, const icu::Normalizer2* nfd,
                       USpoofChecker* spoof)
    : nfkc_casefold_(nfkc_casefold), nfd_(nfd), spoof_(spoof) {}

void WordFolder::Append(const icu::UnicodeString& word, std::string* out) {
  // NFKC_Casefold leaves ASCII as it is apart from case.
  if (IsAsciiOnly(word)) {
    const char16_t* units = word.getBuffer();
    for (int32_t i = 0; i < word.length(); ++i) AppendAsciiLower(units[i], out);
    return;
  }
  const size_t start = out->size();
  if (!AppendFolds(word, out)) return;
  // Folds of neighbouring code points can compose (Hangul jamo), so fold
  // again until the word is normalised: normalising twice changes nothing.
  for (int round = 1; round < kMaxFoldRounds; ++round) {
    const icu::StringPiece folded(out->data() + start, static_cast<int32_t>(out->size() - start));
    UErrorCode status = U_ZERO_ERROR;
    if (nfkc_casefold_->isNormalizedUTF8(folded, status) || U_FAILURE(status)) break;
    refold_ = icu::UnicodeString::fromUTF8(folded);
    out->resize(start);
    AppendFolds(refold_, out);
  }
}

bool WordFolder::AppendFolds(const icu::UnicodeString& word, std::string* out) {
  UErrorCode status = U_ZERO_ERROR;
  nfkc_casefold_->normalize(word, scratch_, status);
  assert(U_SUCCESS(status));
  if (U_FAILURE(status)) scratch_ = word;  // only on allocation failure
  bool may_compose = false;
  for (int32_t i = 0; i < scratch_.length();) {
    const UChar32 c = scratch_.char32At(i);
    i += U16_LENGTH(c);
    if (c < 0x80) {
      AppendAsciiLower(static_cast<char16_t>(c), out);
    } else {
      const Fold& fold = FoldOf(c);
      out->append(arena_, fold.offset, fold.length);
      may_compose |= fold.joins_previous;
    }
  }
  return may_compose;
}

const WordFolder::Fold& WordFolder::FoldOf(UChar32 c) {
  if (c < kDirectLimit) {
    Fold& fold = direct_[static_cast<size_t>(c)];
    if (!fold.known) fold = AddFold(c);
    return fold;
  }
  auto it = cache_.find(c);
  if (it == cache_.end()) it = cache_.emplace(c, AddFold(c)).first;
  return it->second;
}

WordFolder::Fold WordFolder::AddFold(UChar32 c) {
  const icu::UnicodeString folded = ComputeFold(c);
  std::string utf8;
  folded.toUTF8String(utf8);
  const Fold fold{static_cast<uint32_t>(arena_.size()), static_cast<uint16_t>(utf8.size()), true,
                  !folded.isEmpty() && !nfkc_casefold_->hasBoundaryBefore(folded.char32At(0))};
  arena_ += utf8;
  return fold;
}

icu::UnicodeString WordFolder::ComputeFold(UChar32 c) const {
  icu::UnicodeString fold(c);
  for (int round = 0; round < kMaxFoldRounds; ++round) {
    icu::UnicodeString next = FoldStep(fold);
    if (next == fold) break;
    fold = std::move(next);
  }
  return fold;
}

// One round: skeleton of each non-ASCII code point (UTS #39 section 4), then
// NFD with nonspacing marks removed (diacritics: "é" to "e", and the overlay
// strokes the skeleton gives "ł" and "ø"), then NFKC_Casefold, since a
// skeleton prototype may be upper case or decomposed.
icu::UnicodeString WordFolder::FoldStep(const icu::UnicodeString& s) const {
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString skeleton;
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    i += U16_LENGTH(c);
    icu::UnicodeString one(c);
    icu::UnicodeString mapped;
    UErrorCode skeleton_status = U_ZERO_ERROR;
    if (c >= 0x80) uspoof_getSkeletonUnicodeString(spoof_.get(), 0, one, mapped, &skeleton_status);
    skeleton.append(c >= 0x80 && U_SUCCESS(skeleton_status) ? mapped : one);
  }
  const icu::UnicodeString decomposed = nfd_->normalize(skeleton, status);
  icu::UnicodeString bare;
  for (int32_t i = 0; i < decomposed.length();) {
    const UChar32 c = decomposed.char32At(i);
    i += U16_LENGTH(c);
    if (u_charType(c) != U_NON_SPACING_MARK) bare.append(c);
  }
  const icu::UnicodeString folded = nfkc_casefold_->normalize(bare, status);
  icu::UnicodeString result;
  for (int32_t i = 0; i < folded.length();) {
    const UChar32 c = folded.char32At(i);
    i += U16_LENGTH(c);
    if (!IsDroppedFromWord(c)) result.append(c);
  }
  return U_SUCCESS(status) ? result : s;
}

}  // namespace provcheck::text::internal
