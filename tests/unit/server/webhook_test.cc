#include "server/webhook.h"

#include <gtest/gtest.h>

namespace provcheck::server {
namespace {

TEST(Webhook, SignsTimestampDotBodyWithHmacSha256) {
  // The expected value from Python: hmac.new(secret, b"1795000000." + body, sha256).
  EXPECT_EQ(WebhookSignature("0123456789abcdef-secret", 1795000000, R"({"id":"x"})"),
            "t=1795000000,v1=4daacfed5da47c1e4f433c0ab38fff39baf3d2b251686f6efbd06226cf5e7717");
}

TEST(Webhook, CallsOnlyAllowedHttpAndHttpsHosts) {
  WebhookOptions options;
  options.allow = {"cms.internal", "127.0.0.1:8000"};
  EXPECT_TRUE(CheckCallbackUrl(options, "http://cms.internal/hook").ok());
  EXPECT_TRUE(CheckCallbackUrl(options, "http://cms.internal:9000/hook").ok());
  EXPECT_TRUE(CheckCallbackUrl(options, "http://127.0.0.1:8000/x").ok());
  EXPECT_FALSE(CheckCallbackUrl(options, "http://127.0.0.1:8001/x").ok());
  EXPECT_FALSE(CheckCallbackUrl(options, "http://cms.internal.evil/x").ok());
  EXPECT_FALSE(CheckCallbackUrl(options, "http://user@cms.internal/x").ok());
  EXPECT_TRUE(CheckCallbackUrl(options, "https://cms.internal/x").ok());
  EXPECT_TRUE(CheckCallbackUrl(options, "https://127.0.0.1:8000/x").ok());
  EXPECT_FALSE(CheckCallbackUrl(options, "https://127.0.0.1/x").ok());  // port 443
  EXPECT_FALSE(CheckCallbackUrl(options, "ftp://cms.internal/x").ok());
  EXPECT_FALSE(CheckCallbackUrl(WebhookOptions{}, "http://cms.internal/x").ok());
}

}  // namespace
}  // namespace provcheck::server
