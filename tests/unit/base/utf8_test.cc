#include "base/utf8.h"

#include <gtest/gtest.h>

namespace provcheck::base {
namespace {

TEST(Utf8, AcceptsValidText) {
  EXPECT_FALSE(FindInvalidUtf8("plain ASCII, \u00e9t\u00e9, \u4e2d\u6587, \U0001F600").has_value());
}

TEST(Utf8, ReportsOffsetOfFirstBadByte) {
  EXPECT_EQ(FindInvalidUtf8("abc\xff"
                            "def"),
            3u);
  EXPECT_EQ(FindInvalidUtf8("\x80"), 0u);
  EXPECT_EQ(FindInvalidUtf8("0123456789abcdef\xc3"), 16u);  // truncated at the end
}

TEST(Utf8, RejectsOverlongsSurrogatesAndOutOfRange) {
  EXPECT_EQ(FindInvalidUtf8("x\xc0\xaf"), 1u);          // overlong "/"
  EXPECT_EQ(FindInvalidUtf8("x\xed\xa0\x80"), 1u);      // U+D800
  EXPECT_EQ(FindInvalidUtf8("x\xf4\x90\x80\x80"), 1u);  // U+110000
}

TEST(Utf8, ReplacesEachInvalidByteForDisplay) {
  EXPECT_EQ(ToValidUtf8("caf\xe9 \xc3\xa9"), "caf\xEF\xBF\xBD \xc3\xa9");
  EXPECT_EQ(ToValidUtf8("\xff\xfe"), "\xEF\xBF\xBD\xEF\xBF\xBD");
  EXPECT_EQ(ToValidUtf8("plain"), "plain");
}

TEST(Utf8, PercentEncodingLeavesValidTextAlone) {
  EXPECT_EQ(PercentEncodeInvalidUtf8("caf\u00e9 100%"), "caf\u00e9 100%");
}

TEST(Utf8, PercentEncodesInvalidBytesAndPercentSigns) {
  EXPECT_EQ(PercentEncodeInvalidUtf8("caf\xe9 100%"), "caf%E9 100%25");
  EXPECT_EQ(PercentEncodeInvalidUtf8("\xff\u00e9"), "%FF\u00e9");
}

TEST(Utf8, FindsNul) {
  EXPECT_EQ(FindNul(std::string_view("ab\0c", 4)), 2u);
  EXPECT_FALSE(FindNul("abc").has_value());
}

// Issue 16: a file name holding "\n::error ...::" started a workflow
// command of its own in `ci`'s summary and --brief lines.
TEST(Issue16, ControlCharactersAreEscapedForOneLine) {
  EXPECT_EQ(EscapeControlCharacters("evil\n::error file=a.md::forged\r\nx.md"),
            "evil\\n::error file=a.md::forged\\r\\nx.md");
  EXPECT_EQ(EscapeControlCharacters(std::string("a\x1b[2J\x07\x7f\0b", 9)),
            "a\\x1b[2J\\x07\\x7f\\x00b");
  EXPECT_EQ(EscapeControlCharacters("tab\tstays, caf\xC3\xA9 too"), "tab\tstays, caf\xC3\xA9 too");
  EXPECT_EQ(EscapeControlCharacters("nel\xC2\x85 ls\xE2\x80\xA8 ps\xE2\x80\xA9"),
            "nel\\u0085 ls\\u2028 ps\\u2029");
  EXPECT_EQ(EscapeControlCharacters("bad \xff\xC2"), "bad \xff\xC2");  // left as it is
}

}  // namespace
}  // namespace provcheck::base
