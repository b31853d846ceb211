#include "text/normalise.h"

#include <unicode/uchar.h>
#include <unicode/uversion.h>
#include <unicode/utf8.h>

#include <bit>
#include <cassert>
#include <cstdint>
#include <cstring>
#include <utility>

#include "base/mutex.h"
#include "text/normalise_ascii.h"
#include "text/normalise_icu.h"

// Quotes and dashes need no unifying here: UAX #29 gives them no words, so
// “curly” and "straight" quotes, and "-", "–" and "—" between words, all
// leave the same tokens. Apostrophes inside words are unified and dropped.

namespace provcheck::text {
namespace {

// Length of the hyphen at text[p]: "-", soft hyphen U+00AD, hyphen U+2010 or
// non-breaking hyphen U+2011; 0 when there is none.
size_t HyphenLength(std::string_view text, size_t p) {
  if (p >= text.size()) return 0;
  if (text[p] == '-') return 1;
  if (text[p] != '\xC2' && text[p] != '\xE2') return 0;
  if (text.substr(p, 2) == "\xC2\xAD") return 2;
  const std::string_view three = text.substr(p, 3);
  return three == "\xE2\x80\x90" || three == "\xE2\x80\x91" ? 3 : 0;
}

size_t SkipBlanks(std::string_view text, size_t p) {
  while (p < text.size() && (text[p] == ' ' || text[p] == '\t')) ++p;
  return p;
}

// Whether `b` continues `a` across a line break: "exam-\nple". Only a single
// line break joins (a paragraph break never does), the hyphen must follow a
// letter, and the next line must go on in lower case, so "2-\nfold" and
// "Anglo-\nSaxon" stay apart.
bool IsHyphenatedAcrossLine(std::string_view text, const Token& a, const Token& b) {
  const size_t hyphen = HyphenLength(text, a.end);
  if (hyphen == 0) return false;
  size_t p = SkipBlanks(text, a.end + hyphen);
  if (p < text.size() && text[p] == '\r') ++p;
  if (p >= text.size() || text[p] != '\n') return false;
  if (SkipBlanks(text, p + 1) != b.start) return false;
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  size_t i = a.end;
  UChar32 before;
  U8_PREV_UNSAFE(s, i, before);
  i = b.start;
  UChar32 after;
  U8_NEXT_UNSAFE(s, i, after);
  return u_isUAlphabetic(before) && u_isULowercase(after);
}

// Merges each word hyphenated across a line break into one token. Tokens
// are appended in order, so the halves' normalised words are adjacent.
void JoinHyphenated(std::string_view text, TokenList* list) {
  std::vector<Token>& tokens = list->tokens;
  size_t kept = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (kept > 0 && IsHyphenatedAcrossLine(text, tokens[kept - 1], tokens[i])) {
      Token& joined = tokens[kept - 1];
      assert(joined.norm_start + joined.norm_length == tokens[i].norm_start);
      joined.end = tokens[i].end;
      joined.norm_length += tokens[i].norm_length;
    } else {
      tokens[kept++] = tokens[i];
    }
  }
  tokens.resize(kept);
}

// Offset of the first byte at or after text[p] that is not ASCII, or
// text.size(); eight bytes at a time.
size_t FindNonAscii(std::string_view text, size_t p) {
  constexpr uint64_t kHighBits = 0x8080808080808080u;
  const char* s = text.data();
  if constexpr (std::endian::native == std::endian::little) {
    for (; p + 8 <= text.size(); p += 8) {
      uint64_t word;
      std::memcpy(&word, s + p, sizeof(word));
      if ((word & kHighBits) != 0) return p + std::countr_zero(word & kHighBits) / 8;
    }
  }
  for (; p < text.size(); ++p) {
    if (static_cast<unsigned char>(s[p]) >= 0x80) return p;
  }
  return text.size();
}

// The start of the run holding text[q], no earlier than `floor`.
size_t RunStart(std::string_view text, size_t q, size_t floor) {
  while (q > floor && !internal::IsAsciiSpace(text[q - 1])) --q;
  return q;
}

// The end of the run holding text[q].
size_t RunEnd(std::string_view text, size_t q) {
  while (q < text.size() && !internal::IsAsciiSpace(text[q])) ++q;
  return q;
}

size_t SkipAsciiSpace(std::string_view text, size_t p) {
  while (p < text.size() && internal::IsAsciiSpace(text[p])) ++p;
  return p;
}

bool IsAscii(std::string_view s) { return FindNonAscii(s, 0) == s.size(); }

}  // namespace

std::string IcuVersion() {
  UVersionInfo version;
  u_getVersion(version);
  char text[U_MAX_VERSION_STRING_LENGTH];
  u_versionToString(version, text);
  return text;
}

struct Normaliser::Impl {
  std::unique_ptr<internal::IcuWordTokeniser> icu;
};

Normaliser::Normaliser() : impl_(std::make_unique<Impl>()) {}
Normaliser::~Normaliser() = default;

Result<std::unique_ptr<Normaliser>> Normaliser::Create() {
  // Workers create their normalisers at once; ICU's lazy loading of its
  // break rules is not visible to ThreadSanitizer (ICU is not instrumented),
  // so creation is serialised: it is rare and quick.
  static base::Mutex creating;
  base::MutexLock lock(&creating);
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<internal::IcuWordTokeniser> icu,
                             internal::IcuWordTokeniser::Create());
  std::unique_ptr<Normaliser> normaliser(new Normaliser());
  normaliser->impl_->icu = std::move(icu);
  return normaliser;
}

// Runs are the stretches between ASCII whitespace, where UAX #29 always
// breaks, so each can be segmented on its own. Pure-ASCII stretches take the
// fast path; consecutive runs holding other bytes go to ICU together, to
// spare it a setText per word.
TokenList Normaliser::Tokenise(std::string_view text) {
  assert(text.size() < (uint64_t{1} << 32));
  TokenList list;
  list.tokens.reserve(text.size() / 6);  // English averages about 6.5 bytes a word
  const size_t n = text.size();
  size_t p = 0;                      // everything before p is done
  size_t q = FindNonAscii(text, 0);  // the first non-ASCII byte at or after p
  while (q < n) {
    const size_t icu_begin = RunStart(text, q, p);
    internal::TokeniseAscii(text, p, icu_begin, &list);
    size_t icu_end = RunEnd(text, q);
    for (;;) {
      const size_t next_run = SkipAsciiSpace(text, icu_end);
      const size_t next_end = RunEnd(text, next_run);
      q = FindNonAscii(text, next_run);
      if (q >= next_end) break;
      icu_end = next_end;
    }
    impl_->icu->Tokenise(text, icu_begin, icu_end, &list);
    p = icu_end;
  }
  internal::TokeniseAscii(text, p, n, &list);
  JoinHyphenated(text, &list);
  return list;
}

std::string Normaliser::NormaliseWord(std::string_view word) {
  std::string out;
  if (IsAscii(word)) {
    internal::AppendAsciiFold(word, &out);
  } else {
    impl_->icu->NormaliseWord(word, &out);
  }
  return out;
}

}  // namespace provcheck::text
