#include "base/base64.h"

#include <gtest/gtest.h>

namespace provcheck::base {
namespace {

// RFC 4648 section 10.
TEST(Base64, EncodesStandardVectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, DecodesStandardVectors) {
  for (std::string_view s : {"", "f", "fo", "foo", "foob", "fooba", "foobar"}) {
    Result<std::string> d = Base64Decode("t", Base64Encode(s));
    ASSERT_TRUE(d) << d.status().ToString();
    EXPECT_EQ(*d, s);
  }
}

TEST(Base64, RoundTripsEveryByteValue) {
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (size_t n = 0; n <= all.size(); n += 37) {
    std::string part = all.substr(0, n);
    Result<std::string> d = Base64Decode("t", Base64Encode(part));
    ASSERT_TRUE(d);
    EXPECT_EQ(*d, part);
  }
}

TEST(Base64, UsesTheStandardAlphabet) { EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8="); }

void ExpectRejected(std::string_view text, std::string_view fragment) {
  Result<std::string> d = Base64Decode("payload", text);
  ASSERT_FALSE(d) << "accepted: " << text;
  EXPECT_EQ(d.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(d.status().message().find("payload: invalid base64"), std::string::npos)
      << d.status().message();
  EXPECT_NE(d.status().message().find(fragment), std::string::npos) << d.status().message();
}

TEST(Base64, RejectsLengthNotAMultipleOfFour) {
  ExpectRejected("Zg", "length 2 is not a multiple of 4");
  ExpectRejected("Zm9vY", "length 5");
}

TEST(Base64, RejectsCharactersOutsideTheAlphabet) {
  ExpectRejected("Zm9v\nYmFy", "length");  // 9 characters
  ExpectRejected("Zm9v YmF", "unexpected character at character 4");
  ExpectRejected("-_8=", "unexpected character at character 0");  // URL-safe alphabet
  ExpectRejected("Zm9v\xc3\xa9Zm", "unexpected character at character 4");
}

TEST(Base64, RejectsPaddingAnywhereButTheEnd) {
  ExpectRejected("Zg==Zg==", "'=' before the end at character 2");
  ExpectRejected("Z===", "'=' before the end at character 1");
  ExpectRejected("====", "'=' before the end at character 0");
  ExpectRejected("Zm=v", "'=' before the end at character 2");
}

TEST(Base64, RejectsNonCanonicalTrailingBits) {
  // "Zh==" and "Zm9=" decode to the same bytes as "Zg==" and "Zm8=" in a
  // lenient decoder; only the canonical form is accepted.
  ExpectRejected("Zh==", "non-zero bits after the last byte at character 1");
  ExpectRejected("Zm9=", "non-zero bits after the last byte at character 2");
}

}  // namespace
}  // namespace provcheck::base
