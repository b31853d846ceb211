// Fuzzes provcheck::text::Normaliser::Tokenise (and NormaliseWord).
//
// Invalid UTF-8 is repaired first (Tokenise requires valid UTF-8; readers
// guarantee it), so every input reaches the normaliser. Invariants:
//   - tokens are in text order, non-overlapping, non-empty, inside the
//     text, and start and end on UTF-8 character boundaries;
//   - TokenList::norm is exactly the tokens' normalised words concatenated
//     in order (norm_start contiguous, norm_length never 0), valid UTF-8;
//   - normalising twice changes nothing: NormaliseWord(word) == word for
//     every normalised word;
//   - Tokenise is deterministic on one Normaliser (its caches change no
//     answer).
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/utf8.h"
#include "fuzz_check.h"
#include "text/normalise.h"

namespace {

// Work per input: at most this many tokens are checked with NormaliseWord.
constexpr size_t kMaxWordsChecked = 2000;

bool IsBoundary(std::string_view s, size_t i) {
  return i == s.size() || (static_cast<unsigned char>(s[i]) & 0xC0) != 0x80;
}

provcheck::text::Normaliser& TheNormaliser() {
  static std::unique_ptr<provcheck::text::Normaliser> n = [] {
    auto created = provcheck::text::Normaliser::Create();
    FUZZ_CHECK(created.has_value());
    return std::move(created).value();
  }();
  return *n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string text =
      provcheck::base::ToValidUtf8(std::string_view(reinterpret_cast<const char*>(data), size));
  FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(text).has_value());
  provcheck::text::Normaliser& normaliser = TheNormaliser();
  const provcheck::text::TokenList list = normaliser.Tokenise(text);

  FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(list.norm).has_value());
  uint32_t prev_end = 0;
  uint32_t norm_next = 0;
  for (const provcheck::text::Token& t : list.tokens) {
    FUZZ_CHECK(t.start < t.end);
    FUZZ_CHECK(t.end <= text.size());
    FUZZ_CHECK(t.start >= prev_end);
    FUZZ_CHECK(IsBoundary(text, t.start) && IsBoundary(text, t.end));
    prev_end = t.end;
    FUZZ_CHECK(t.norm_length > 0);
    FUZZ_CHECK(t.norm_start == norm_next);
    norm_next = t.norm_start + t.norm_length;
  }
  FUZZ_CHECK(norm_next == list.norm.size());

  for (size_t i = 0; i < list.size() && i < kMaxWordsChecked; ++i) {
    const std::string_view word = list.Word(i);
    FUZZ_CHECK(!provcheck::base::FindInvalidUtf8(word).has_value());
    FUZZ_CHECK(normaliser.NormaliseWord(word) == word);
  }

  const provcheck::text::TokenList again = normaliser.Tokenise(text);
  FUZZ_CHECK(again.norm == list.norm);
  FUZZ_CHECK(again.tokens.size() == list.tokens.size());
  return 0;
}
