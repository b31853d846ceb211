#include "align/quotes.h"

#include <gtest/gtest.h>

#include <string>

namespace provcheck::align {
namespace {

std::string Quoted(const std::string& text) {
  std::string out;
  for (const ByteSpan& s : FindQuotedSpans(text)) out += "[" + text.substr(s.begin, s.end - s.begin) + "]";
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

TEST(Quotes, QuotedShareCountsBytesInside) {
  std::vector<ByteSpan> spans = {{10, 20}};
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 10, 20), 1.0);
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 0, 20), 0.5);
  EXPECT_DOUBLE_EQ(QuotedShare(spans, 20, 30), 0.0);
}

}  // namespace
}  // namespace provcheck::align
