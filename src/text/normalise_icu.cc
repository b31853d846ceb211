#include "text/normalise_icu.h"

#include <unicode/locid.h>
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
                                   std::unique_ptr<WordFolder> folder, icu::UnicodeSet invisible)
    : words_(std::move(words)), folder_(std::move(folder)), invisible_(std::move(invisible)) {
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
    if (words_->getRuleStatus() < UBRK_WORD_NONE_LIMIT) continue;
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

void IcuWordTokeniser::NormaliseWord(std::string_view word, std::string* out) {
  Clean(word, 0, word.size());
  folder_->Append(utf16_, out);
}

}  // namespace provcheck::text::internal
