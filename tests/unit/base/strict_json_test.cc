#include "base/strict_json.h"

#include <gtest/gtest.h>

#include <string>

namespace provcheck::base {
namespace {

Status Check(std::string_view json, size_t max_depth = 32) {
  return CheckStrictJson("x.json", json, max_depth);
}

void ExpectError(std::string_view json, const std::string& message, size_t max_depth = 32) {
  Status s = Check(json, max_depth);
  EXPECT_EQ(s.code(), StatusCode::kInvalidInput) << json;
  EXPECT_EQ(s.message(), message) << json;
}

TEST(StrictJson, AcceptsValidDocuments) {
  for (std::string_view ok : {
           "{}", "[]", "0", "-0", "1.5e+10", "-12.25E-3", "\"\"", "true", "false", "null",
           " \t\r\n{ \"a\" : [1, 2.0, {\"b\": null}], \"c\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\" } \n",
           "\"\\u00e9\\uD83D\\uDE00 caf\xc3\xa9\"",
           "{\"a\":{\"x\":1},\"b\":{\"x\":1}}",  // same key in sibling objects
           "[{\"k\":1},{\"k\":2}]",
       }) {
    Status s = Check(ok);
    EXPECT_TRUE(s.ok()) << ok << ": " << s.ToString();
  }
}

TEST(StrictJson, RejectsDuplicateKeyWithPlace) {
  ExpectError("{\"a\":1,\"a\":2}", "x.json:1:8: duplicate key \"a\" in $");
}

TEST(StrictJson, ComparesKeysAfterDecodingEscapes) {
  ExpectError("{\"a\":1,\"\\u0061\":2}", "x.json:1:8: duplicate key \"a\" in $");
  ExpectError("{\"\xc3\xa9\":1,\"\\u00e9\":2}", "x.json:1:8: duplicate key \"\xc3\xa9\" in $");
}

TEST(StrictJson, RejectsDuplicateKeyDeepInside) {
  ExpectError("{\"signatures\":[{\"keyid\":\"k\",\"sig\":\"s\"},\n"
              "  {\"keyid\":\"k\",\"sig\":\"s\",\"sig\":\"t\"}]}",
              "x.json:2:26: duplicate key \"sig\" in $.signatures[1]");
  ExpectError("{\"a b\":{\"c\":{\"d\":1,\"d\":1}}}",
              "x.json:1:20: duplicate key \"d\" in $[\"a b\"].c");
}

TEST(StrictJson, QuotesAndCutsKeysInMessages) {
  const std::string long_key(100, 'k');
  Status s = Check("{\"" + long_key + "\":1,\"" + long_key + "\":2}");
  EXPECT_EQ(s.message(), "x.json:1:107: duplicate key \"" + std::string(64, 'k') + "...\" in $");
  ExpectError("{\"\\n\":1,\"\\n\":2}", "x.json:1:9: duplicate key \"\\u000a\" in $");
}

TEST(StrictJson, RejectsSyntaxOutsideRfc8259) {
  ExpectError("", "x.json:1:1: expected a JSON value, found end of input");
  ExpectError("{\"a\":1,}", "x.json:1:8: expected a string key after ',', found '}'");
  ExpectError("[1,]", "x.json:1:4: expected a value after ',', found ']'");
  ExpectError("{'a':1}", "x.json:1:2: expected a string key or '}', found '''");
  ExpectError("{\"a\" 1}", "x.json:1:6: expected ':' after the key, found '1'");
  ExpectError("{\"a\":1 \"b\":2}",
              "x.json:1:8: expected ',' or '}' after an object member, found '\"'");
  ExpectError("[1 2]", "x.json:1:4: expected ',' or ']' after an array element, found '2'");
  ExpectError("// c\n{}", "x.json:1:1: expected a JSON value, found '/'");
  ExpectError("01", "x.json:1:1: number with a leading zero");
  ExpectError("1.", "x.json:1:3: expected a digit after '.' in a number, found end of input");
  ExpectError("1e", "x.json:1:3: expected a digit in a number's exponent, found end of input");
  ExpectError("-", "x.json:1:2: expected a digit in a number, found end of input");
  ExpectError("+1", "x.json:1:1: expected a JSON value, found '+'");
  ExpectError("NaN", "x.json:1:1: expected a JSON value, found 'N'");
  ExpectError("tru", "x.json:1:1: expected a JSON value, found 't'");
  ExpectError("{} {}", "x.json:1:4: expected end of input after the value, found '{'");
  ExpectError("{}\n{}", "x.json:2:1: expected end of input after the value, found '{'");
}

TEST(StrictJson, RejectsBadStrings) {
  ExpectError("\"abc", "x.json:1:1: unterminated string");
  ExpectError("\"a\tb\"",
              "x.json:1:3: control character byte 0x09 in a string (it must be escaped)");
  ExpectError("\"\\x41\"",
              "x.json:1:2: invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f "
              "\\n \\r \\t \\uXXXX");
  ExpectError("\"\\u12\"", "x.json:1:2: \\u escape needs four hex digits");
  ExpectError("\"\\uDE00\"", "x.json:1:2: lone low surrogate \\u escape in a string");
  ExpectError("\"\\uD83D\"",
              "x.json:1:2: high surrogate \\u escape not followed by a low surrogate");
  ExpectError("\"\\uD83D\\u0041\"",
              "x.json:1:2: high surrogate \\u escape not followed by a low surrogate");
}

TEST(StrictJson, RejectsInvalidUtf8AndByteOrderMark) {
  ExpectError("{\"a\":\"\xff\"}", "x.json:1:7: invalid UTF-8");
  ExpectError("\xEF\xBB\xBF{}", "x.json:1:1: expected a JSON value, found a byte order mark");
}

TEST(StrictJson, CountsColumnsInCodePoints) {
  ExpectError("[\"\xc3\xa9\xc3\xa9\", x]", "x.json:1:8: expected a JSON value, found 'x'");
}

TEST(StrictJson, CapsDepth) {
  EXPECT_TRUE(Check("[[[]]]", 3).ok());
  ExpectError("[[[[]]]]", "x.json:1:4: nesting deeper than 3 levels", 3);
  ExpectError("{\"a\":{\"b\":{\"c\":{}}}}", "x.json:1:16: nesting deeper than 3 levels", 3);
  // Far deeper than any stack could take, refused at the cap.
  std::string deep(1000000, '[');
  EXPECT_EQ(Check(deep, 64).code(), StatusCode::kInvalidInput);
}

}  // namespace
}  // namespace provcheck::base
