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

constexpr std::array<char, 256> MakeLower() {
  std::array<char, 256> lower{};
  for (int c = 0; c < 256; ++c) lower[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return lower;
}

constexpr std::array<char, 256> kLower = MakeLower();

uint8_t ClassOf(char c) { return kClasses[static_cast<unsigned char>(c)]; }
char Lower(char c) { return kLower[static_cast<unsigned char>(c)]; }

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

// Scans the word that starts at s[p], writing its folded form at *out and
// advancing *out past it; returns the word's end. Letters, digits and "_"
// never break from one another (WB5, WB8-WB10, WB13a/b).
size_t ScanWord(const char* s, size_t p, size_t end, char** out) {
  char* o = *out;
  uint8_t last = ClassOf(s[p]);
  *o++ = Lower(s[p++]);
  while (p < end) {
    const char c = s[p];
    const uint8_t cls = ClassOf(c);
    if (cls != kOther) {
      last = cls;
      *o++ = Lower(c);
      ++p;
    } else if (p + 1 < end && JoinsAcross(last, c, ClassOf(s[p + 1]))) {
      if (c != '\'') *o++ = c;  // apostrophes are dropped
      last = ClassOf(s[p + 1]);
      *o++ = Lower(s[p + 1]);
      p += 2;
    } else {
      break;
    }
  }
  *out = o;
  return p;
}

}  // namespace

void AppendAsciiFold(std::string_view word, std::string* out) {
  for (const char c : word) {
    if (c == '\'' || c == ' ') continue;
    out->push_back(Lower(c));
  }
}

void TokeniseAscii(std::string_view text, size_t begin, size_t end, TokenList* out) {
  assert(begin <= end && end <= text.size());
  // Folding ASCII never lengthens a word, so the words fit in end - begin
  // bytes: write them in place, with no allocation per word.
  std::string& norm = out->norm;
  const size_t norm_base = norm.size();
  norm.resize(norm_base + (end - begin));
  char* const norm_data = norm.data();
  char* next = norm_data + norm_base;
  const char* s = text.data();
  size_t p = begin;
  while (p < end) {
    if (ClassOf(s[p]) == kOther) {
      ++p;
      continue;
    }
    const size_t start = p;
    char* const word = next;
    p = ScanWord(s, p, end, &next);
    // A lone "_" matches no word rule in ICU (status "none"); "__" does.
    if (p - start == 1 && s[start] == '_') {
      next = word;
      continue;
    }
    out->tokens.push_back(Token{static_cast<uint32_t>(start), static_cast<uint32_t>(p),
                                static_cast<uint32_t>(word - norm_data),
                                static_cast<uint32_t>(next - word)});
  }
  norm.resize(static_cast<size_t>(next - norm_data));
}

}  // namespace provcheck::text::internal
