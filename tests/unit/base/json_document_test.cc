#include "base/json_document.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

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

// The strict check: what it accepts and how it says what it refuses.

TEST(JsonDocument, AcceptsValidDocuments) {
  for (std::string_view ok : {
           "{}",
           "[]",
           "0",
           "-0",
           "1.5e+10",
           "-12.25E-3",
           "\"\"",
           "true",
           "false",
           "null",
           " \t\r\n{ \"a\" : [1, 2.0, {\"b\": null}], \"c\": \"\\\"\\\\\\/\\b\\f\\n\\r\\t\" } \n",
           "\"\\u00e9\\uD83D\\uDE00 caf\xc3\xa9\"",
           "{\"a\":{\"x\":1},\"b\":{\"x\":1}}",  // same key in sibling objects
           "[{\"k\":1},{\"k\":2}]",
       }) {
    Status s = Check(ok);
    EXPECT_TRUE(s.ok()) << ok << ": " << s.ToString();
  }
}

TEST(JsonDocument, RejectsDuplicateKeyWithBothPlaces) {
  ExpectError("{\"a\":1,\"a\":2}", "x.json:1:8: duplicate key \"a\" in $ (first at 1:2)");
}

TEST(JsonDocument, ComparesKeysAfterDecodingEscapes) {
  ExpectError("{\"a\":1,\"\\u0061\":2}", "x.json:1:8: duplicate key \"a\" in $ (first at 1:2)");
  ExpectError("{\"\xc3\xa9\":1,\"\\u00e9\":2}",
              "x.json:1:8: duplicate key \"\xc3\xa9\" in $ (first at 1:2)");
}

TEST(JsonDocument, RejectsDuplicateKeyDeepInside) {
  ExpectError(
      "{\"signatures\":[{\"keyid\":\"k\",\"sig\":\"s\"},\n"
      "  {\"keyid\":\"k\",\"sig\":\"s\",\"sig\":\"t\"}]}",
      "x.json:2:26: duplicate key \"sig\" in $.signatures[1] (first at 2:16)");
  ExpectError("{\"a b\":{\"c\":{\"d\":1,\"d\":1}}}",
              "x.json:1:20: duplicate key \"d\" in $[\"a b\"].c (first at 1:14)");
}

TEST(JsonDocument, QuotesAndCutsKeysInMessages) {
  const std::string long_key(100, 'k');
  Status s = Check("{\"" + long_key + "\":1,\"" + long_key + "\":2}");
  EXPECT_EQ(s.message(),
            "x.json:1:107: duplicate key \"" + std::string(64, 'k') + "...\" in $ (first at 1:2)");
  ExpectError("{\"\\n\":1,\"\\n\":2}", "x.json:1:9: duplicate key \"\\u000a\" in $ (first at 1:2)");
}

TEST(JsonDocument, RejectsSyntaxOutsideRfc8259) {
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
  ExpectError("[1, \x01]", "x.json:1:5: expected a JSON value, found byte 0x01");
  ExpectError("{} {}", "x.json:1:4: expected end of input after the value, found '{'");
  ExpectError("{}\n{}", "x.json:2:1: expected end of input after the value, found '{'");
}

TEST(JsonDocument, RejectsBadStrings) {
  ExpectError("\"abc",
              "x.json:1:1: unterminated string: expected a closing '\"' for the string opened "
              "here");
  ExpectError("[\"abc\n\"]",
              "x.json:1:2: unterminated string: expected a closing '\"' for the string opened "
              "here, before the line break (write a line break in a string as \\n)");
  ExpectError("\"a\tb\"",
              "x.json:1:3: control character byte 0x09 in a string (it must be escaped)");
  ExpectError("\"\\x41\"",
              "x.json:1:2: invalid escape in a string: expected one of \\\" \\\\ \\/ \\b \\f "
              "\\n \\r \\t \\uXXXX");
  ExpectError("\"\\u12\"", "x.json:1:2: \\u escape needs four hex digits");
  ExpectError("\"\\uDE00\"", "x.json:1:2: lone low surrogate \\u escape in a string");
  ExpectError("\"\\uD83D\"",
              "x.json:1:2: expected a low surrogate escape (\\uDC00-\\uDFFF) after this high "
              "surrogate");
  ExpectError("\"\\uD83D\\u0041\"",
              "x.json:1:2: expected a low surrogate escape (\\uDC00-\\uDFFF) after this high "
              "surrogate");
}

TEST(JsonDocument, RejectsInvalidUtf8AndByteOrderMark) {
  ExpectError("{\"a\":\"\xff\"}", "x.json:1:7: invalid UTF-8");
  ExpectError("\xEF\xBB\xBF{}", "x.json:1:1: expected a JSON value, found a byte order mark");
}

TEST(JsonDocument, CountsColumnsInCodePoints) {
  ExpectError("[\"\xc3\xa9\xc3\xa9\", x]", "x.json:1:8: expected a JSON value, found 'x'");
}

TEST(JsonDocument, CapsDepth) {
  EXPECT_TRUE(Check("[[[]]]", 3).ok());
  ExpectError("[[[[]]]]", "x.json:1:4: nesting deeper than 3 levels", 3);
  ExpectError("{\"a\":{\"b\":{\"c\":{}}}}", "x.json:1:16: nesting deeper than 3 levels", 3);
  // Far deeper than any stack could take, refused at the cap.
  std::string deep(1000000, '[');
  EXPECT_EQ(Check(deep, 64).code(), StatusCode::kInvalidInput);
}

TEST(JsonDocument, DeepNestingUnderAHighCapCostsNoCallStack) {
  const std::string deep = std::string(200000, '[') + std::string(200000, ']');
  EXPECT_TRUE(Check(deep, 1000000).ok());
  const JsonDocument doc = JsonDocument::Read(deep, {.max_depth = 1000000});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.size(), 200000u);
  EXPECT_EQ(doc.node(199999).value, 199999u);
  EXPECT_EQ(doc.node(199999).end, 200001u);
}

// The outline: kinds, places, children, paths.

TEST(JsonDocument, OutlineGivesEveryValueItsKindAndPlace) {
  const std::string json = " {\"a\": [1, \"x\", true, null], \"b\": {\"c\": -2.5e3}} ";
  const JsonDocument doc = JsonDocument::Read(json, {});
  ASSERT_TRUE(doc.ok()) << doc.ToStatus("x").ToString();
  struct Want {
    JsonKind kind;
    std::string key, value;
  };
  const std::vector<Want> want = {
      {JsonKind::kObject, "", json.substr(1, json.size() - 2)},
      {JsonKind::kArray, "\"a\"", "[1, \"x\", true, null]"},
      {JsonKind::kNumber, "", "1"},
      {JsonKind::kString, "", "\"x\""},
      {JsonKind::kBool, "", "true"},
      {JsonKind::kNull, "", "null"},
      {JsonKind::kObject, "\"b\"", "{\"c\": -2.5e3}"},
      {JsonKind::kNumber, "\"c\"", "-2.5e3"},
  };
  ASSERT_EQ(doc.size(), want.size());
  for (uint32_t i = 0; i < doc.size(); ++i) {
    const JsonNode& n = doc.node(i);
    EXPECT_EQ(n.kind, want[i].kind) << i;
    EXPECT_EQ(json.substr(n.value, n.end - n.value), want[i].value) << i;
    if (!want[i].key.empty()) {
      EXPECT_EQ(json.substr(n.key, want[i].key.size()), want[i].key) << i;
    } else {
      EXPECT_EQ(n.key, n.value) << i;
    }
  }
  EXPECT_EQ(doc.node(1).children, 4u);
  std::vector<uint32_t> members;
  for (uint32_t child : doc.Children(JsonDocument::kRoot)) members.push_back(child);
  EXPECT_EQ(members, (std::vector<uint32_t>{1, 6}));
  std::vector<uint32_t> elements;
  for (uint32_t child : doc.Children(1)) elements.push_back(child);
  EXPECT_EQ(elements, (std::vector<uint32_t>{2, 3, 4, 5}));
  EXPECT_EQ(doc.node(4).index, 2u);
  EXPECT_EQ(doc.node(7).parent, 6u);
}

TEST(JsonDocument, DecodesKeysAndStrings) {
  const JsonDocument doc = JsonDocument::Read(R"({"caf\u00e9": "a\"b\ud83d\ude00"})", {});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.Key(1), "caf\u00e9");
  EXPECT_EQ(doc.String(1), "a\"b\U0001F600");
  EXPECT_EQ(doc.Key(JsonDocument::kRoot), "");
}

TEST(JsonDocument, PathsNameEveryNodeAndFindGoesBack) {
  const std::string json =
      R"({"sources": {"publishers": [{"name": "A"}, {"name": "B", "x y": [0, {"ab": 1}]}]},)"
      R"( "a": 1})";
  const JsonDocument doc = JsonDocument::Read(json, {});
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> paths;
  for (uint32_t i = 0; i < doc.size(); ++i) {
    paths.push_back(doc.Path(i));
    EXPECT_EQ(doc.Find(paths.back()), std::optional<uint32_t>(i)) << paths.back();
  }
  EXPECT_EQ(paths, (std::vector<std::string>{
                       "$", "$.sources", "$.sources.publishers", "$.sources.publishers[0]",
                       "$.sources.publishers[0].name", "$.sources.publishers[1]",
                       "$.sources.publishers[1].name", "$.sources.publishers[1][\"x y\"]",
                       "$.sources.publishers[1][\"x y\"][0]", "$.sources.publishers[1][\"x y\"][1]",
                       "$.sources.publishers[1][\"x y\"][1].ab", "$.a"}));
  EXPECT_EQ(doc.Find("$.sources.publishers[2]"), std::nullopt);
  EXPECT_EQ(doc.Find("$.sourcesx"), std::nullopt);
  EXPECT_EQ(doc.Find("$.sources.publishers[1][\"x y\"][1].a"), std::nullopt);
  EXPECT_EQ(doc.Find("sources"), std::nullopt);
}

// Paths cut keys after 64 bytes, so siblings can share a segment; Find
// must not stop at the first one (found by the json_document fuzzer).
TEST(JsonDocument, FindLooksPastASiblingWithTheSameCutKey) {
  const std::string prefix(70, 'k');
  const std::string json = "{\"" + prefix + "x\": 1, \"" + prefix + "y\": {\"b\": 2}}";
  const JsonDocument doc = JsonDocument::Read(json, {});
  ASSERT_TRUE(doc.ok());
  ASSERT_EQ(doc.size(), 4u);
  EXPECT_EQ(doc.Path(1), doc.Path(2));
  EXPECT_EQ(doc.Path(3), "$[\"" + std::string(64, 'k') + "...\"].b");
  EXPECT_EQ(doc.Find(doc.Path(3)), std::optional<uint32_t>(3));
  EXPECT_EQ(doc.Find(doc.Path(2)), std::optional<uint32_t>(1));  // the first of the two
}

TEST(JsonDocument, PathsQuoteKeysThatAreNotPlainNames) {
  EXPECT_EQ(JsonPathKey("$", "ok_Name9"), "$.ok_Name9");
  EXPECT_EQ(JsonPathKey("$", "byline.unknown"), "$[\"byline.unknown\"]");
  EXPECT_EQ(JsonPathKey("$", "a\"b\\c\nd"), "$[\"a\\\"b\\\\c\\u000ad\"]");
  EXPECT_EQ(JsonPathKey("$", ""), "$[\"\"]");
  EXPECT_EQ(JsonPathIndex("$.a", 12), "$.a[12]");
}

TEST(JsonDocument, PlacesCountLinesAndCodePoints) {
  const std::string json = "{\n\t\"\xc3\xa9\": 1,\r\n  \"b\": 2}";
  EXPECT_EQ(PlaceAt(json, 0).line, 1u);
  EXPECT_EQ(PlaceAt(json, 0).column, 1u);
  EXPECT_EQ(PlaceAt(json, 2).line, 2u);
  EXPECT_EQ(PlaceAt(json, 2).column, 1u);
  EXPECT_EQ(PlaceAt(json, 7).column, 5u);  // after tab, quote, é, quote
  const TextPlace b = PlaceAt(json, static_cast<uint32_t>(json.find("\"b\"")));
  EXPECT_EQ(b.line, 3u);
  EXPECT_EQ(b.column, 3u);
  EXPECT_EQ(PlaceAt(json, 1000).line, 3u);  // past the end: after the last byte
}

TEST(JsonDocument, KeepDepthDropsDeeperNodesButCountsThem) {
  const std::string json = R"({"a": [1, [2, 3], {"b": 4}], "c": 5})";
  const JsonDocument doc = JsonDocument::Read(json, {.keep_depth = 2});
  ASSERT_TRUE(doc.ok());
  std::vector<std::string> paths;
  for (uint32_t i = 0; i < doc.size(); ++i) paths.push_back(doc.Path(i));
  EXPECT_EQ(paths, (std::vector<std::string>{"$", "$.a", "$.a[0]", "$.a[1]", "$.a[2]", "$.c"}));
  EXPECT_EQ(doc.node(3).children, 2u);  // [2, 3]: counted, not kept
  EXPECT_EQ(doc.Children(3).begin() != doc.Children(3).end(), false);
  EXPECT_EQ(json.substr(doc.node(4).value, doc.node(4).end - doc.node(4).value), "{\"b\": 4}");
  const JsonDocument root_only = JsonDocument::Read(json, {.keep_depth = 0});
  ASSERT_TRUE(root_only.ok());
  EXPECT_EQ(root_only.size(), 1u);
  EXPECT_EQ(root_only.node(0).children, 2u);
}

TEST(JsonDocument, DuplicateKeysMayBeRefusedInTheRootObjectOnly) {
  const JsonOptions root_only = {.duplicate_keys = JsonDuplicateKeys::kRefusedInRootObject};
  EXPECT_TRUE(JsonDocument::Read(R"({"tags": {"a": 1, "a": 2}, "body": "x"})", root_only).ok());
  const JsonDocument dup = JsonDocument::Read("{\"body\": 1,\n \"body\": 2}", root_only);
  ASSERT_FALSE(dup.ok());
  EXPECT_EQ(dup.error().offset, 13u);
  EXPECT_EQ(dup.error().first, std::optional<uint32_t>(1));
  EXPECT_EQ(dup.error().Describe([](uint32_t o) { return "@" + std::to_string(o); }),
            "duplicate key \"body\" in $ (first at @1)");
  EXPECT_EQ(dup.ToStatus("a.json").message(),
            "a.json:2:2: duplicate key \"body\" in $ (first at 1:2)");
}

TEST(JsonDocument, ByteOrderMarkMayBeSkipped) {
  const JsonDocument doc =
      JsonDocument::Read("\xEF\xBB\xBF {\"a\": 1}", {.skip_byte_order_mark = true});
  ASSERT_TRUE(doc.ok());
  EXPECT_EQ(doc.node(JsonDocument::kRoot).value, 4u);
}

TEST(JsonDocument, FailedReadKeepsNoOutline) {
  const JsonDocument doc = JsonDocument::Read("[1, 2, x]", {});
  ASSERT_FALSE(doc.ok());
  EXPECT_EQ(doc.size(), 0u);
  EXPECT_EQ(doc.error().offset, 7u);
  EXPECT_EQ(doc.error().what, "expected a JSON value, found 'x'");
  EXPECT_EQ(doc.error().first, std::nullopt);
  EXPECT_TRUE(JsonDocument::Read("[1]", {}).ToStatus("x").ok());
}

}  // namespace
}  // namespace provcheck::base
