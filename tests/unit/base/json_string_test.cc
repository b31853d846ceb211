#include "base/json_string.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace provcheck::base {
namespace {

// Records the pieces as "text@offset+length" ("=" for verbatim, "~" for an
// escape).
class Recorder : public JsonStringSink {
 public:
  void Verbatim(std::string_view bytes, uint32_t offset) override {
    pieces.push_back("=" + std::string(bytes) + "@" + std::to_string(offset) + "+" +
                     std::to_string(bytes.size()));
  }
  void Escape(std::string_view decoded, uint32_t offset, uint32_t length) override {
    pieces.push_back("~" + std::string(decoded) + "@" + std::to_string(offset) + "+" +
                     std::to_string(length));
  }
  std::vector<std::string> pieces;
};

TEST(JsonString, ReadPassesPiecesWithTheirPlaces) {
  const std::string json = R"(x "ab\ncd\u00e9\ud83d\ude00" y)";
  Recorder sink;
  JsonStringProblem problem;
  const std::optional<uint32_t> end = ReadJsonString(json, 2, &sink, &problem);
  ASSERT_TRUE(end.has_value()) << problem.what;
  EXPECT_EQ(*end, json.size() - 2);
  EXPECT_EQ(sink.pieces, (std::vector<std::string>{"=ab@3+2", "~\n@5+2", "=cd@7+2", "~\u00e9@9+6",
                                                   "~\U0001F600@15+12"}));
}

TEST(JsonString, EmptyStringHasNoPieces) {
  Recorder sink;
  JsonStringProblem problem;
  EXPECT_EQ(ReadJsonString("\"\"", 0, &sink, &problem), std::optional<uint32_t>(2));
  EXPECT_TRUE(sink.pieces.empty());
}

TEST(JsonString, AppenderDecodesEverySimpleEscape) {
  std::string out;
  JsonStringAppender appender(&out);
  JsonStringProblem problem;
  ASSERT_TRUE(ReadJsonString(R"("\"\\\/\b\f\n\r\t")", 0, &appender, &problem));
  EXPECT_EQ(out, "\"\\/\b\f\n\r\t");
}

TEST(JsonString, ProblemsNameTheirPlace) {
  struct Case {
    std::string json;
    uint32_t offset;
    std::string what;
  };
  const std::vector<Case> cases = {
      {"\"abc", 0, "unterminated string: expected a closing '\"' for the string opened here"},
      {"\"ab\\", 0, "unterminated string: expected a closing '\"' for the string opened here"},
      {"\"a\rb\"", 0,
       "unterminated string: expected a closing '\"' for the string opened here, before the "
       "line break (write a line break in a string as \\n)"},
      {"\"a\x1f\"", 2, "control character byte 0x1F in a string (it must be escaped)"},
      {"\"a\\q\"", 2,
       "invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX"},
      {"\"\\u00G0\"", 1, "\\u escape needs four hex digits"},
      {"\"\\udc00\"", 1, "lone low surrogate \\u escape in a string"},
      {"\"\\ud800\\u12\"", 7, "\\u escape needs four hex digits"},
      {"\"\\ud800x\"", 1,
       "expected a low surrogate escape (\\uDC00-\\uDFFF) after this high surrogate"},
  };
  for (const Case& c : cases) {
    JsonStringProblem problem;
    EXPECT_FALSE(ReadJsonString(c.json, 0, nullptr, &problem).has_value()) << c.json;
    EXPECT_EQ(problem.offset, c.offset) << c.json;
    EXPECT_EQ(problem.what, c.what) << c.json;
  }
}

// Plain bytes are skipped eight at a time; a stop byte anywhere in a word
// must still be seen where it is.
TEST(JsonString, FindsTheStopByteAtEveryPlaceInAWord) {
  for (uint32_t at = 1; at < 40; ++at) {
    std::string json = "\"" + std::string(48, 'a');
    for (uint32_t k = 1; k < at; k += 3) json[k] = '\xc3', json[k + 1] = '\xa9';  // é
    JsonStringProblem problem;
    std::string quote = json;
    quote[at] = '"';
    EXPECT_EQ(ReadJsonString(quote, 0, nullptr, &problem), std::optional<uint32_t>(at + 1)) << at;
    std::string control = json + "\"";
    control[at] = '\x1f';
    EXPECT_FALSE(ReadJsonString(control, 0, nullptr, &problem).has_value());
    EXPECT_EQ(problem.offset, at);
    std::string escape = json + "\"";
    escape[at] = '\\';
    escape[at + 1] = 'n';
    std::string out;
    JsonStringAppender appender(&out);
    ASSERT_TRUE(ReadJsonString(escape, 0, &appender, &problem).has_value()) << problem.what;
    EXPECT_EQ(out.find('\n'), at - 1) << at;
  }
}

TEST(JsonString, BytesAboveAsciiPassAsTheyAre) {
  std::string out;
  JsonStringAppender appender(&out);
  JsonStringProblem problem;
  ASSERT_TRUE(ReadJsonString("\"caf\xc3\xa9\x7f\"", 0, &appender, &problem));
  EXPECT_EQ(out, "caf\xc3\xa9\x7f");
}

TEST(JsonString, QuoteForMessageEscapesAndCuts) {
  EXPECT_EQ(QuoteForMessage("a\"b\\c"), "\"a\\\"b\\\\c\"");
  EXPECT_EQ(QuoteForMessage("a\nb\x7f"), "\"a\\u000ab\\u007f\"");
  EXPECT_EQ(QuoteForMessage("abcdef", 3), "\"abc...\"");
  // Never inside a UTF-8 sequence: "é" is two bytes.
  EXPECT_EQ(QuoteForMessage("a\xc3\xa9z", 2), "\"a...\"");
}

TEST(JsonString, AppendWritesMinimalEscapes) {
  std::string out;
  AppendJsonString(out, "a\"\\\n\x01\xc3\xa9");
  EXPECT_EQ(out, "\"a\\\"\\\\\\n\\u0001\xc3\xa9\"");
}

}  // namespace
}  // namespace provcheck::base
