// sign/timestamp.h, sign/http_client.h and sign/keyring.h against a real TSA
// (test_tsa.h) on loopback.
#include "sign/timestamp.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>

#include "base/file_system.h"
#include "sign/http_client.h"
#include "sign/keyring.h"
#include "test_tsa.h"

namespace provcheck::sign {
namespace {

using provcheck::testing::LoopbackHttpServer;
using provcheck::testing::TestTsa;

const TestTsa& Tsa() {
  static const TestTsa* tsa = new TestTsa();
  return *tsa;
}

TimestampTrust Roots() { return *TimestampTrust::FromPem("ca.pem", Tsa().CaPem()); }

std::string Signature() { return std::string(64, '\x5a'); }

std::string GoodReply(std::string_view message) {
  return Tsa().Reply(NewTimestampQuery(message)->der);
}

bool Contains(const Status& s, std::string_view text) {
  return s.message().find(text) != std::string::npos;
}

TEST(Timestamp, ReplyVerifiesAgainstTheRootAtItsOwnTime) {
  Result<TimestampFacts> facts =
      VerifyTimestamp("ts", GoodReply(Signature()), Signature(), nullptr);
  ASSERT_TRUE(facts) << facts.status().ToString();
  EXPECT_FALSE(facts->trusted);
  EXPECT_EQ(facts->policy, "1.3.6.1.4.1.4146.2.3");
  TimestampTrust roots = Roots();
  facts = VerifyTimestamp("ts", GoodReply(Signature()), Signature(), &roots);
  ASSERT_TRUE(facts) << facts.status().ToString();
  EXPECT_TRUE(facts->trusted);
  EXPECT_LE(std::llabs(facts->gen_time - NowUtc()), 5);
  EXPECT_EQ(facts->tsa, "CN=unit test TSA");
}

TEST(Issue20, TokenOverOtherBytesIsRefusedEvenWithoutRoots) {
  const std::string reply = GoodReply("other bytes");
  for (bool with_roots : {false, true}) {
    TimestampTrust roots = Roots();
    Result<TimestampFacts> facts =
        VerifyTimestamp("ts", reply, Signature(), with_roots ? &roots : nullptr);
    ASSERT_FALSE(facts);
    EXPECT_EQ(facts.status().code(), StatusCode::kVerificationFailed);
    EXPECT_TRUE(Contains(facts.status(), "it stamps other bytes")) << facts.status().message();
  }
}

TEST(Issue20, EveryBitFlipOfATokenIsRefused) {
  const std::string reply = GoodReply(Signature());
  TimestampTrust roots = Roots();
  size_t refused = 0;
  for (size_t i = 0; i < reply.size(); ++i) {
    std::string tampered = reply;
    tampered[i] = static_cast<char>(tampered[i] ^ (1 << (i % 8)));
    Result<TimestampFacts> facts = VerifyTimestamp("ts", tampered, Signature(), &roots);
    if (!facts) {
      EXPECT_EQ(facts.status().code(), StatusCode::kVerificationFailed) << i;
      ++refused;
    } else {
      ADD_FAILURE() << "flipping a bit of byte " << i << " of " << reply.size() << " verified";
    }
  }
  EXPECT_EQ(refused, reply.size());
}

TEST(Timestamp, RequestChecksTheReplyItGets) {
  LoopbackHttpServer server([](const std::string& path, const std::string& body) {
    if (path == "/replay") return LoopbackHttpServer::Answer{200, GoodReply(Signature())};
    if (path == "/500") return LoopbackHttpServer::Answer{500, "down for maintenance"};
    if (path == "/slow") return LoopbackHttpServer::Answer{200, "", false, 1500};
    return LoopbackHttpServer::Answer{200, Tsa().Reply(body), path == "/chunked"};
  });
  HttpPostOptions options;
  Result<std::string> reply = RequestTimestamp(server.Url("/"), Signature(), options);
  ASSERT_TRUE(reply) << reply.status().ToString();
  EXPECT_TRUE(VerifyTimestamp("ts", *reply, Signature(), nullptr));
  EXPECT_TRUE(RequestTimestamp(server.Url("/chunked"), Signature(), options));

  // A reply to another query (same bytes, other nonce): a replay.
  Result<std::string> replay = RequestTimestamp(server.Url("/replay"), Signature(), options);
  ASSERT_FALSE(replay);
  EXPECT_TRUE(Contains(replay.status(), "nonce")) << replay.status().message();

  Result<std::string> down = RequestTimestamp(server.Url("/500"), Signature(), options);
  ASSERT_FALSE(down);
  EXPECT_EQ(down.status().code(), StatusCode::kIOError);
  EXPECT_TRUE(Contains(down.status(), "answered HTTP 500: down for maintenance"));

  options.timeout = std::chrono::milliseconds(200);
  const auto start = std::chrono::steady_clock::now();
  Result<std::string> slow = RequestTimestamp(server.Url("/slow"), Signature(), options);
  ASSERT_FALSE(slow);
  EXPECT_TRUE(Contains(slow.status(), "no answer in time")) << slow.status().message();
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(1200));
}

TEST(HttpClient, ParsesOnlyPlainHttpUrls) {
  Result<HttpUrl> u = ParseHttpUrl("http://127.0.0.1:8318/tsr?x=1");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "127.0.0.1");
  EXPECT_EQ(u->port, "8318");
  EXPECT_EQ(u->path, "/tsr?x=1");
  u = ParseHttpUrl("HTTP://[::1]");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, "80");
  EXPECT_EQ(u->path, "/");
  for (const char* bad : {"https://tsa.example/", "ftp://x/", "http://", "http://:80/",
                          "http://user@host/", "http://host:0/", "http://host:70000/",
                          "http://host/a#b", "http://[::1/", "http://host/a b"}) {
    Result<HttpUrl> r = ParseHttpUrl(bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << bad;
    }
  }
}

TEST(HttpClient, ParsesHttpsUrlsWhenAskedTo) {
  const UrlRules webhooks{.what = "callback_url", .allow_https = true};
  Result<HttpUrl> u = ParseHttpUrl("https://hooks.example/in", webhooks);
  ASSERT_TRUE(u);
  EXPECT_TRUE(u->https);
  EXPECT_EQ(u->host, "hooks.example");
  EXPECT_EQ(u->port, "443");
  EXPECT_EQ(u->path, "/in");
  u = ParseHttpUrl("HTTPS://[::1]:8443", webhooks);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->host, "::1");
  EXPECT_EQ(u->port, "8443");
  u = ParseHttpUrl("http://127.0.0.1/x", webhooks);
  ASSERT_TRUE(u);
  EXPECT_FALSE(u->https);
  EXPECT_EQ(u->port, "80");
  Result<HttpUrl> bad = ParseHttpUrl("ftp://x/", webhooks);
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.status().message(),
            "callback_url \"ftp://x/\": expected http(s)://HOST[:PORT][/PATH]");
  bad = ParseHttpUrl("https://tsa.example/");
  ASSERT_FALSE(bad);
  EXPECT_TRUE(Contains(bad.status(), "timestamp URL")) << bad.status().message();
}

TEST(HttpClient, ClosedPortIsAnIOError) {
  int port;
  {
    LoopbackHttpServer server(
        [](const std::string&, const std::string&) { return LoopbackHttpServer::Answer{}; });
    const std::string url = server.Url();
    port = std::atoi(url.c_str() + url.rfind(':') + 1);
  }  // stopped and closed: nothing listens there now
  Result<HttpResponse> r = HttpPost("http://127.0.0.1:" + std::to_string(port) + "/",
                                    "application/timestamp-query", "x", HttpPostOptions());
  ASSERT_FALSE(r);
  EXPECT_EQ(r.status().code(), StatusCode::kIOError);
  EXPECT_TRUE(Contains(r.status(), "cannot connect")) << r.status().message();
}

TEST(Keyring, AddedEntriesReadBackAndNamesStayUnique) {
  char folder[] = "/tmp/provcheck-keyring-XXXXXX";
  ASSERT_NE(::mkdtemp(folder), nullptr);
  const std::string path = std::string(folder) + "/ring.json";
  Result<PrivateKey> a = PrivateKey::Generate(), b = PrivateKey::Generate();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(AddKeyringEntry(path, {"a", a->public_key(), {1700000000, 1800000000, {}}}).ok());
  ASSERT_TRUE(AddKeyringEntry(path, {"b", b->public_key(), {1700000000, {}, 1750000000}}).ok());
  Status dup = AddKeyringEntry(path, {"a", b->public_key(), {1700000000, {}, {}}});
  EXPECT_EQ(dup.code(), StatusCode::kInvalidArgument);
  Status same = AddKeyringEntry(path, {"c", a->public_key(), {1700000000, {}, {}}});
  EXPECT_EQ(same.code(), StatusCode::kInvalidArgument);
  Status backwards = AddKeyringEntry(
      path, {"d", PrivateKey::Generate()->public_key(), {1800000000, 1700000000, {}}});
  EXPECT_EQ(backwards.code(), StatusCode::kInvalidArgument);
  Result<Keyring> ring = Keyring::Load(path);
  ASSERT_TRUE(ring) << ring.status().ToString();
  ASSERT_EQ(ring->entries().size(), 2u);
  EXPECT_EQ(ring->FindByKeyid(b->keyid())->name, "b");
  EXPECT_EQ(ring->entries()[0].validity.not_after, 1800000000);
  EXPECT_EQ(ring->entries()[1].validity.ProblemAt(1760000000),
            "at or after its revocation (revokedAt 2025-06-15T15:06:40Z)");
  EXPECT_EQ(ring->entries()[1].validity.ProblemAt(1740000000), "");
  std::system(("rm -rf " + std::string(folder)).c_str());
}

}  // namespace
}  // namespace provcheck::sign
