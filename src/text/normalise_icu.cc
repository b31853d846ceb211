#include "text/normalise_icu.h"

#include <unicode/locid.h>
#include <unicode/uchar.h>
#include <unicode/ubrk.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>
#include <unicode/utypes.h>

#include <cassert>
#include <string>
#include <utility>

namespace provcheck::text::internal {
namespace {

// Default-ignorable code points (zero-width space and joiners, soft hyphen,
// BOM, variation selectors, bidi controls, tags, the zero-width Hangul
// choseong and jungseong fillers) plus the invisible operators U+2060..U+2064.
constexpr char16_t kInvisiblePattern[] = u"[[:Default_Ignorable_Code_Point:]\\u2060-\\u2064]";

// Blanks that render as a space but are not White_Space, used in place of a
// space to defeat checkers that split on spaces: braille blank, Hangul
// filler, half-width Hangul filler. They separate words, as a space does.
bool IsBlankFiller(UChar32 c) { return c == 0x2800 || c == 0x3164 || c == 0xFFA0; }

// Apostrophe look-alikes become ASCII "'" before segmentation, so "don′t"
// is one word as "don't" is (UAX #29 gives U+2032 no joining class).
bool IsApostrophe(UChar32 c) {
  return c == 0x2018 || c == 0x2019 || c == 0x02BC || c == 0x2032 || c == 0xFF07;
}

// Rounds of folding and simplifying one character; Unicode's chains are
// at most two steps long.
constexpr int kMaxSimplifyRounds = 4;

bool HasIdeograph(const icu::UnicodeString& s) {
  for (int32_t i = 0; i < s.length();) {
    const UChar32 c = s.char32At(i);
    if (u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC)) return true;
    i += U16_LENGTH(c);
  }
  return false;
}

// ICU's Hant-Hans, parsed from its rules once per process (20 ms, most of
// a short scan's start-up) and only when Han text is first met; each
// tokeniser then uses a clone of its own. Null when ICU's data lacks it:
// Han is then left as written.
const icu::Transliterator* SimplifyPrototype() {
  static const icu::Transliterator* const prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Transliterator> t(
        icu::Transliterator::createInstance("Hant-Hans", UTRANS_FORWARD, status));
    return U_FAILURE(status) ? nullptr : t.release();
  }();
  return prototype;
}

Status IcuError(std::string_view what, UErrorCode status) {
  return Status::Internal("normalise: cannot " + std::string(what) + ": " + u_errorName(status));
}

}  // namespace

Result<std::unique_ptr<IcuWordTokeniser>> IcuWordTokeniser::Create() {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> words(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return IcuError("create the ICU word break iterator", status);
  icu::UnicodeSet invisible(icu::UnicodeString(kInvisiblePattern), status);
  if (U_FAILURE(status)) return IcuError("build the set of invisible code points", status);
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<WordFolder> folder, WordFolder::Create());
  return std::unique_ptr<IcuWordTokeniser>(
      new IcuWordTokeniser(std::move(words), std::move(folder), std::move(invisible)));
}

IcuWordTokeniser::IcuWordTokeniser(std::unique_ptr<icu::BreakIterator> words,
                                   std::unique_ptr<WordFolder> folder,
                                   icu::UnicodeSet invisible)
    : words_(std::move(words)),
      folder_(std::move(folder)),
      invisible_(std::move(invisible)) {
  invisible_.freeze();
  for (int32_t i = 0; i < invisible_.getRangeCount(); ++i) {
    for (UChar32 c = invisible_.getRangeStart(i); c <= invisible_.getRangeEnd(i) && c < 0x10000;
         ++c) {
      invisible_bmp_.set(static_cast<size_t>(c));
    }
  }
}

void IcuWordTokeniser::Clean(std::string_view text, size_t begin, size_t end) {
  assert(text.size() < (uint64_t{1} << 32));
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  units_.resize(end - begin);  // UTF-16 never takes more units than UTF-8 bytes
  offsets_.resize(end - begin);
  size_t length = 0;
  size_t i = begin;
  while (i < end) {
    const auto start = static_cast<uint32_t>(i);
    UChar32 c;
    U8_NEXT_UNSAFE(s, i, c);
    if (c >= 0x80) {
      if (IsBlankFiller(c))
        c = ' ';  // before IsInvisible: U+3164 is default-ignorable
      else if (IsInvisible(c))
        continue;
      if (IsApostrophe(c)) c = '\'';
    }
    if (c < 0x10000) {
      units_[length] = static_cast<char16_t>(c);
      offsets_[length++] = start;
    } else {
      units_[length] = U16_LEAD(c);
      offsets_[length++] = start;
      units_[length] = U16_TRAIL(c);
      offsets_[length++] = start;
    }
  }
  utf16_.setTo(false, units_.data(), static_cast<int32_t>(length));
}

void IcuWordTokeniser::Tokenise(std::string_view text, size_t begin, size_t end, TokenList* out) {
  Clean(text, begin, end);
  words_->setText(utf16_);
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  int32_t from = words_->first();
  for (int32_t to = words_->next(); to != icu::BreakIterator::DONE;
       from = to, to = words_->next()) {
    // Status "none" marks spaces and punctuation; letters, numbers, kana and
    // ideographs carry higher statuses.
    const int32_t status = words_->getRuleStatus();
    if (status < UBRK_WORD_NONE_LIMIT) continue;
    if (status >= UBRK_WORD_KANA && status < UBRK_WORD_IDEO_LIMIT) {
      AppendCharacters(text, from, to, out);
      continue;
    }
    const size_t norm_start = out->norm.size();
    folder_->Append(utf16_.tempSubStringBetween(from, to), &out->norm);
    if (out->norm.size() == norm_start) continue;  // folded away entirely
    size_t word_end = offsets_[to - 1];            // the start of the last code point
    U8_FWD_1_UNSAFE(s, word_end);
    out->tokens.push_back(Token{offsets_[from], static_cast<uint32_t>(word_end),
                                static_cast<uint32_t>(norm_start),
                                static_cast<uint32_t>(out->norm.size() - norm_start)});
  }
}

const icu::UnicodeString& IcuWordTokeniser::Simplified(UChar32 c) {
  auto it = simplified_.find(c);
  if (it != simplified_.end()) return it->second;
  // Folding and simplifying feed each other: a compatibility ideograph folds
  // to a Traditional character (U+F980 to U+5442), which then simplifies
  // (to U+5415). Both are repeated until nothing changes, so the folded
  // answer is itself folded and simplified already (normalising twice gives
  // what normalising once gave).
  icu::UnicodeString form(c);
  std::string utf8;
  for (int round = 0; round < kMaxSimplifyRounds; ++round) {
    utf8.clear();
    folder_->Append(form, &utf8);
    const icu::UnicodeString folded = icu::UnicodeString::fromUTF8(utf8);
    // Words without Han stay as they are: the folder folds them whole.
    if (round == 0 && !u_hasBinaryProperty(c, UCHAR_IDEOGRAPHIC) && !HasIdeograph(folded)) break;
    icu::UnicodeString next;
    for (int32_t i = 0; i < folded.length();) {
      const UChar32 f = folded.char32At(i);
      icu::UnicodeString one(f);
      // Only Han characters change; kana and the rest are left as they are.
      if (u_hasBinaryProperty(f, UCHAR_IDEOGRAPHIC)) Simplify(one);
      next.append(one);
      i += U16_LENGTH(f);
    }
    if (next == form) break;
    form = std::move(next);
  }
  return simplified_.emplace(c, std::move(form)).first->second;
}

void IcuWordTokeniser::Simplify(icu::UnicodeString& han) {
  if (!simplify_ && !simplify_missing_) {
    const icu::Transliterator* prototype = SimplifyPrototype();
    if (prototype != nullptr) simplify_.reset(prototype->clone());
    simplify_missing_ = simplify_ == nullptr;
  }
  if (simplify_) simplify_->transliterate(han);
}

void IcuWordTokeniser::AppendCharacters(std::string_view text, int32_t from, int32_t to,
                                        TokenList* out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  for (int32_t i = from; i < to;) {
    const UChar32 c = utf16_.char32At(i);
    const int32_t next = i + U16_LENGTH(c);
    const size_t norm_start = out->norm.size();
    folder_->Append(Simplified(c), &out->norm);
    if (out->norm.size() != norm_start) {
      size_t end = offsets_[i];
      U8_FWD_1_UNSAFE(s, end);
      out->tokens.push_back(Token{offsets_[i], static_cast<uint32_t>(end),
                                  static_cast<uint32_t>(norm_start),
                                  static_cast<uint32_t>(out->norm.size() - norm_start)});
    }
    i = next;
  }
}

void IcuWordTokeniser::NormaliseWord(std::string_view word, std::string* out) {
  Clean(word, 0, word.size());
  // Han characters as Tokenise gives them: in Simplified script.
  icu::UnicodeString folded;
  for (int32_t i = 0; i < utf16_.length();) {
    const UChar32 c = utf16_.char32At(i);
    folded.append(Simplified(c));
    i += U16_LENGTH(c);
  }
  folder_->Append(folded, out);
}

}  // namespace provcheck::text::internal
