#include "align/quotes.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <string>

#include "support/growth.h"

namespace provcheck::align {
namespace {

std::string Quoted(const std::string& text) {
  std::string out;
  for (const ByteSpan& s : FindQuotedSpans(text))
    out += "[" + text.substr(s.begin, s.end - s.begin) + "]";
  return out;
}

TEST(Quotes, CurlyQuotesMakeASpan) {
  EXPECT_EQ(Quoted("She said \u201Cwe will rebuild\u201D on Friday."),
            "[\u201Cwe will rebuild\u201D]");
}

TEST(Quotes, StraightQuotesAlternate) {
  EXPECT_EQ(Quoted("He said \"no\" and then \"yes\"."), "[\"no\"][\"yes\"]");
}

TEST(Quotes, OpenQuoteEndsAtParagraphBreak) {
  EXPECT_EQ(Quoted("\u201Cunfinished\n\nNext paragraph"), "[\u201Cunfinished]");
}

TEST(Quotes, QuoteContinuesIntoParagraphThatReopensIt) {
  std::string text = "\u201Cfirst part\n\n\u201Csecond part\u201D done";
  EXPECT_EQ(Quoted(text), "[" + text.substr(0, text.find(" done")) + "]");
}

// Issue 15: quotation marks of every common shape make a span.
TEST(Issue15, SingleCurlyQuotesMakeASpanButApostrophesDoNot) {
  EXPECT_EQ(Quoted("It\u2019s what she called \u2018a fair deal\u2019, didn\u2019t she?"),
            "[\u2018a fair deal\u2019]");
}

TEST(Issue15, StraightSingleQuotesAroundWordsMakeASpan) {
  EXPECT_EQ(Quoted("He called it 'a fair deal' but rock'n'roll isn't one."), "['a fair deal']");
}

TEST(Issue15, GuillemetsAndGermanQuotesMakeSpans) {
  EXPECT_EQ(Quoted("Il a dit \u00ABnous partons\u00BB hier."), "[\u00ABnous partons\u00BB]");
  EXPECT_EQ(Quoted("Sie sagte \u201Ewir bleiben\u201C heute."), "[\u201Ewir bleiben\u201C]");
  EXPECT_EQ(Quoted("Single \u2039oui\u203A here."), "[\u2039oui\u203A]");
}

TEST(Issue15, NestedQuotationsAreOneOuterSpan) {
  const std::string text =
      "She said \u201CHe told me \u2018not today\u2019 and left\u201D at noon.";
  EXPECT_EQ(Quoted(text), "[\u201CHe told me \u2018not today\u2019 and left\u201D]");
  EXPECT_EQ(Quoted("A \u2018quote with \u201Cinner\u201D words\u2019 ends."),
            "[\u2018quote with \u201Cinner\u201D words\u2019]");
}

TEST(Issue15, SingleQuoteLeftOpenAtParagraphEndIsDropped) {
  EXPECT_EQ(Quoted("In the \u201990s and 'tis the season\n\nNext \u201Cone\u201D"),
            "[\u201Cone\u201D]");
}

TEST(Quotes, QuotedShareCountsBytesInside) {
  std::vector<ByteSpan> spans = {{10, 20}};
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 10, 20), 1.0);
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 0, 20), 0.5);
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 20, 30), 0.0);
}

TEST(Issue16, QuotedShareAgreesWithSummingEverySpan) {
  std::vector<ByteSpan> spans;
  for (uint32_t b = 5; b < 2000; b += 37) spans.push_back({b, b + 1 + b % 29});
  for (uint32_t begin = 0; begin < 2100; begin += 13) {
    for (uint32_t end = begin; end < begin + 300; end += 7) {
      uint64_t inside = 0;
      for (const ByteSpan& s : spans) {
        const uint32_t lo = std::max(s.begin, begin), hi = std::min(s.end, end);
        if (lo < hi) inside += hi - lo;
      }
      const double want = end > begin ? static_cast<double>(inside) / (end - begin) : 0;
      ASSERT_DOUBLE_EQ(QuotedShare(spans, begin, end), want) << begin << " " << end;
    }
  }
}

// Issue 16: QuotedShare summed over every quoted span of the draft for each
// finding. 20,000 findings against 1,000,000 quotes now cost about what they
// cost against 62,500 (16 times the time before).
TEST(Issue16, QuotedShareCostDoesNotGrowWithTheDraft) {
  auto share = [](size_t quotes) {
    std::vector<ByteSpan> spans;
    for (uint32_t i = 0; i < quotes; ++i) spans.push_back({i * 100 + 10, i * 100 + 60});
    const auto start = std::chrono::steady_clock::now();
    double total = 0;
    for (uint32_t i = 0; i < 20000; ++i) total += QuotedShare(spans, i * 300, i * 300 + 100);
    const double seconds = testing::SecondsSince(start);
    EXPECT_DOUBLE_EQ(total, 20000 * 0.5);
    return seconds;
  };
  EXPECT_LT(testing::GrowthRatio(share, 62500, 1000000), 4.0);
}

}  // namespace
}  // namespace provcheck::align
