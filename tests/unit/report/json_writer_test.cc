#include "report/json_writer.h"

#include <gtest/gtest.h>

namespace provcheck::report {
namespace {

TEST(JsonWriter, SortsMembersByName) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("b", 1);
  o.Set("a", 2);
  o.Set("aa", 3);
  EXPECT_EQ(o.Canonical(), R"({"a":2,"aa":3,"b":1})");
}

TEST(JsonWriter, SortsByUtf16CodeUnitsNotBytes) {
  // RFC 8785 3.2.3: U+1F600 (surrogates D83D DE00) sorts before U+FB33.
  JsonValue o = JsonValue::EmptyObject();
  o.Set("\uFB33", 1);
  o.Set("\U0001F600", 2);
  EXPECT_EQ(o.Canonical(), "{\"\U0001F600\":2,\"\uFB33\":1}");
}

TEST(JsonWriter, EscapesOnlyWhatMustBeEscaped) {
  JsonValue s(std::string("a\"b\\c\n\x01/\u00e9"));
  EXPECT_EQ(s.Canonical(), "\"a\\\"b\\\\c\\n\\u0001/\u00e9\"");
}

TEST(JsonWriter, FormatsNumbersLikeEcmaScript) {
  EXPECT_EQ(FormatJsonNumber(0.96), "0.96");
  EXPECT_EQ(FormatJsonNumber(1.0), "1");
  EXPECT_EQ(FormatJsonNumber(-0.0), "0");
  EXPECT_EQ(FormatJsonNumber(1e21), "1e+21");
  EXPECT_EQ(FormatJsonNumber(1e20), "100000000000000000000");
  EXPECT_EQ(FormatJsonNumber(1e-7), "1e-7");
  EXPECT_EQ(FormatJsonNumber(0.000001), "0.000001");
  EXPECT_EQ(FormatJsonNumber(123.456), "123.456");
  EXPECT_EQ(FormatJsonNumber(5e-324), "5e-324");
}

TEST(JsonWriter, WritesNestedValuesWithoutWhitespace) {
  JsonValue o = JsonValue::EmptyObject();
  JsonValue& a = o.Set("list", JsonValue::EmptyArray());
  a.Append(true);
  a.Append(nullptr);
  a.Append("x");
  EXPECT_EQ(o.Canonical(), R"({"list":[true,null,"x"]})");
}

}  // namespace
}  // namespace provcheck::report
