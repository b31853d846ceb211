#include "text/normalise_ascii.h"

#include <array>
#include <cassert>
#include <cstdint>

namespace provcheck::text::internal {
namespace {

// Word_Break classes of ASCII as ICU's root word rules use them. ICU tailors
// UAX #29 here: "@" is a letter (so "x@y.com" is one word) and ":" is not
// MidLetter (so "a:b" is two). The differential test checks these against
// ICU itself.
enum CharClass : uint8_t { kOther, kLetter, kDigit, kUnderscore };

constexpr std::array<uint8_t, 256> MakeClasses() {
  std::array<uint8_t, 256> classes{};
  for (int c = 'a'; c <= 'z'; ++c) classes[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) classes[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) classes[c] = kDigit;
  classes['@'] = kLetter;
  classes['_'] = kUnderscore;  // ExtendNumLet
  return classes;
}

constexpr std::array<uint8_t, 256> kClasses = MakeClasses();

uint8_t ClassOf(char c) { return kClasses[static_cast<unsigned char>(c)]; }

// WB6/WB7 (letter, MidLetter or MidNumLetQ, letter) and WB11/WB12 (digit,
// MidNum or MidNumLetQ, digit): a single mark between two letters or two
// digits does not break the word.
bool JoinsAcross(uint8_t before, char mid, uint8_t after) {
  if (before == kLetter && after == kLetter) return mid == '.' || mid == '\'';
  if (before == kDigit && after == kDigit) {
    return mid == '.' || mid == '\'' || mid == ',' || mid == ';';
  }
  return false;
}

// Returns the end of the word that starts at s[p]. Letters, digits and "_"
// never break from one another (WB5, WB8-WB10, WB13a/b).
size_t WordEnd(const char* s, size_t p, size_t end) {
  uint8_t last = ClassOf(s[p++]);
  while (p < end) {
    const uint8_t cls = ClassOf(s[p]);
    if (cls != kOther) {
      last = cls;
      ++p;
    } else if (p + 1 < end && JoinsAcross(last, s[p], ClassOf(s[p + 1]))) {
      last = ClassOf(s[p + 1]);
      p += 2;
    } else {
      break;
    }
  }
  return p;
}

}  // namespace

void AppendAsciiFold(std::string_view word, std::string* out) {
  for (const char c : word) {
    if (c == '\'' || c == ' ') continue;
    out->push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + ('a' - 'A')) : c);
  }
}

void TokeniseAscii(std::string_view text, size_t begin, size_t end, TokenList* out) {
  assert(end <= text.size());
  const char* s = text.data();
  size_t p = begin;
  while (p < end) {
    if (ClassOf(s[p]) == kOther) {
      ++p;
      continue;
    }
    const size_t q = WordEnd(s, p, end);
    // A lone "_" matches no word rule in ICU (status "none"); "__" does.
    if (q - p == 1 && s[p] == '_') {
      p = q;
      continue;
    }
    const size_t norm_start = out->norm.size();
    AppendAsciiFold(text.substr(p, q - p), &out->norm);
    out->tokens.push_back(Token{static_cast<uint32_t>(p), static_cast<uint32_t>(q),
                                static_cast<uint32_t>(norm_start),
                                static_cast<uint32_t>(out->norm.size() - norm_start)});
    p = q;
  }
}

}  // namespace provcheck::text::internal
