#include "server/tokens.h"

#include <gtest/gtest.h>

namespace provcheck::server {
namespace {

// sha256("scan-token"), from Python's hashlib.
constexpr char kScanHash[] = "15ddd4ffebedf98be7b9b4939611fcaf30c3837ef6411d7b25984e3129e3a921";

TEST(Tokens, AuthenticatesByHashWithRoleAndLabel) {
  Result<TokenTable> table =
      TokenTable::Parse("tokens.txt", std::string("# comment\n\n") + kScanHash + "  scan cms\n");
  ASSERT_TRUE(table) << table.status().ToString();
  EXPECT_EQ(table->size(), 1u);
  std::optional<Caller> caller = table->Authenticate("scan-token");
  ASSERT_TRUE(caller);
  EXPECT_EQ(caller->role, Role::kScan);
  EXPECT_EQ(caller->label, "cms");
  EXPECT_EQ(caller->hash, kScanHash);
  EXPECT_FALSE(table->Authenticate("scan-token "));
  EXPECT_FALSE(table->Authenticate(kScanHash));  // the hash is not the token
  EXPECT_FALSE(table->Authenticate(""));
}

TEST(Tokens, RefusesBadLinesNamingThem) {
  const auto error = [](const std::string& text) {
    Result<TokenTable> t = TokenTable::Parse("tokens.txt", text);
    return t ? std::string("accepted") : t.status().message();
  };
  EXPECT_NE(error("plain-token scan\n").find("tokens.txt:1: "), std::string::npos);
  EXPECT_NE(error(std::string(kScanHash) + " root\n").find("expected one of scan, write, admin"),
            std::string::npos);
  EXPECT_NE(error(std::string(kScanHash) + "\n").find("SHA256-HEX ROLE"), std::string::npos);
  EXPECT_NE(error(std::string(kScanHash) + " scan\n" + kScanHash + " admin\n")
                .find("tokens.txt:2: this hash is listed twice"),
            std::string::npos);
  std::string upper(kScanHash);
  upper[0] = 'F';
  upper[1] = 'F';
  EXPECT_NE(error(upper + " scan\n").find("lower-case hex"), std::string::npos);
}

TEST(Tokens, ReadsBearerHeaders) {
  EXPECT_EQ(BearerToken("Bearer abc"), std::optional<std::string_view>("abc"));
  EXPECT_EQ(BearerToken("bearer  abc "), std::optional<std::string_view>("abc"));
  EXPECT_FALSE(BearerToken("Basic YTpi"));
  EXPECT_FALSE(BearerToken("Bearer "));
  EXPECT_FALSE(BearerToken(""));
}

}  // namespace
}  // namespace provcheck::server
