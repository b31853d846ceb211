// The public signing API (include/provcheck/sign.h) end to end in-process:
// keys, envelopes, timestamped bundles against a real TSA on loopback,
// keyrings, and the verification account.
#include <gtest/gtest.h>

#include <ctime>
#include <string>

#include "provcheck/sign.h"
#include "test_tsa.h"

namespace provcheck {
namespace {

using testing::LoopbackHttpServer;
using testing::TestTsa;

constexpr char kPayload[] = "{\"_type\":\"https://in-toto.io/Statement/v1\"}";

const TestTsa& Tsa() {
  static const TestTsa* tsa = new TestTsa();
  return *tsa;
}

// A TSA server answering every query with `signer`'s certificate.
LoopbackHttpServer::Handler Stamping(TestTsa::Signer signer = TestTsa::Signer::kGood) {
  return [signer](const std::string&, const std::string& body) {
    return LoopbackHttpServer::Answer{200, Tsa().Reply(body, signer)};
  };
}

TimestampAuthorities Roots() {
  Result<TimestampAuthorities> roots = TimestampAuthorities::FromPem("tsa-ca.pem", Tsa().CaPem());
  EXPECT_TRUE(roots) << roots.status().ToString();
  return std::move(roots).value();
}

SigningKey NewKey() {
  Result<SigningKey> key = SigningKey::Generate();
  EXPECT_TRUE(key);
  return std::move(key).value();
}

KeyringKey Entry(const SigningKey& key, UnixSeconds not_before,
                 std::optional<UnixSeconds> not_after = {},
                 std::optional<UnixSeconds> revoked_at = {}) {
  return {"desk", key.verifying_key(), {not_before, not_after, revoked_at}};
}

Keyring RingOf(const std::vector<KeyringKey>& keys) {
  std::string json = "{\"schema\":\"provcheck.keyring/1\",\"keys\":[";
  for (size_t i = 0; i < keys.size(); ++i) {
    const KeyringKey& k = keys[i];
    std::string pem = *k.key.ToPem();
    std::string escaped;
    for (char c : pem) escaped += c == '\n' ? std::string("\\n") : std::string(1, c);
    auto time = [](std::optional<UnixSeconds> t) {
      return t ? "\"" + FormatUtcTime(*t) + "\"" : std::string("null");
    };
    json += (i ? "," : "") + std::string("{\"name\":\"") + k.name + "\",\"publicKey\":\"" +
            escaped + "\",\"notBefore\":" + time(k.validity.not_before) +
            ",\"notAfter\":" + time(k.validity.not_after) +
            ",\"revokedAt\":" + time(k.validity.revoked_at) + "}";
  }
  Result<Keyring> ring = Keyring::Parse("ring.json", json + "]}");
  EXPECT_TRUE(ring) << ring.status().ToString();
  return std::move(ring).value();
}

UnixSeconds Now() { return static_cast<UnixSeconds>(std::time(nullptr)); }

TEST(SignApi, SignsAndVerifiesABareEnvelope) {
  SigningKey key = NewKey();
  Result<std::string> envelope = SignPayload(kInTotoPayloadType, kPayload, key);
  ASSERT_TRUE(envelope) << envelope.status().ToString();
  VerificationOptions options;
  options.key = key.verifying_key();
  Result<VerifiedSignature> v = VerifySignature("env.json", *envelope, options);
  ASSERT_TRUE(v) << v.status().ToString();
  EXPECT_EQ(v->payload, kPayload);
  EXPECT_EQ(v->keyid, key.keyid());
  EXPECT_FALSE(v->bundle);
  EXPECT_EQ(v->time_proof, TimeProof::kNone);
}

TEST(SignApi, TimestampedBundleProvesWhenItWasSigned) {
  LoopbackHttpServer server(Stamping());
  SigningKey key = NewKey();
  SigningOptions signing;
  signing.timestamp_url = server.Url("/tsr");
  const UnixSeconds before = Now();
  Result<std::string> bundle = SignPayload(kInTotoPayloadType, kPayload, key, signing);
  ASSERT_TRUE(bundle) << bundle.status().ToString();
  EXPECT_NE(bundle->find("\"mediaType\":\"application/vnd.dev.sigstore.bundle.v0.3+json\""),
            std::string::npos);
  VerificationOptions options;
  options.key = key.verifying_key();
  options.timestamp_authorities = Roots();
  Result<VerifiedSignature> v = VerifySignature("b.json", *bundle, options);
  ASSERT_TRUE(v) << v.status().ToString();
  EXPECT_TRUE(v->bundle);
  EXPECT_EQ(v->time_proof, TimeProof::kProven);
  ASSERT_TRUE(v->timestamp);
  EXPECT_GE(v->timestamp->time, before - 1);
  EXPECT_LE(v->timestamp->time, Now() + 1);
  EXPECT_EQ(v->timestamp->authority, "CN=unit test TSA");
  // Without trusted roots the token is read but proves nothing.
  options.timestamp_authorities.reset();
  v = VerifySignature("b.json", *bundle, options);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->time_proof, TimeProof::kUnchecked);
}

TEST(Issue20, TokenFromAnUntrustedTsaIsRefused) {
  LoopbackHttpServer server(Stamping(TestTsa::Signer::kUntrusted));
  SigningKey key = NewKey();
  SigningOptions signing;
  signing.timestamp_url = server.Url();
  Result<std::string> bundle = SignPayload(kInTotoPayloadType, kPayload, key, signing);
  ASSERT_TRUE(bundle) << bundle.status().ToString();
  VerificationOptions options;
  options.key = key.verifying_key();
  options.timestamp_authorities = Roots();
  Result<VerifiedSignature> v = VerifySignature("b.json", *bundle, options);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.status().code(), StatusCode::kVerificationFailed);
  EXPECT_NE(v.status().message().find("the TSA is not trusted"), std::string::npos)
      << v.status().message();
}

TEST(Issue20, TokenFromAnExpiredTsaCertificateIsRefused) {
  LoopbackHttpServer server(Stamping(TestTsa::Signer::kExpired));
  SigningKey key = NewKey();
  SigningOptions signing;
  signing.timestamp_url = server.Url();
  Result<std::string> bundle = SignPayload(kInTotoPayloadType, kPayload, key, signing);
  ASSERT_TRUE(bundle) << bundle.status().ToString();
  VerificationOptions options;
  options.key = key.verifying_key();
  options.timestamp_authorities = Roots();
  Result<VerifiedSignature> v = VerifySignature("b.json", *bundle, options);
  ASSERT_FALSE(v);
  EXPECT_EQ(v.status().code(), StatusCode::kVerificationFailed);
  EXPECT_NE(v.status().message().find("had expired at the token's time"), std::string::npos)
      << v.status().message();
}

TEST(Issue20, KeyringNamesTheSignerAndJudgesValidityAtTheTimestamp) {
  LoopbackHttpServer server(Stamping());
  SigningKey key = NewKey();
  SigningOptions signing;
  signing.timestamp_url = server.Url();
  Result<std::string> bundle = SignPayload(kInTotoPayloadType, kPayload, key, signing);
  ASSERT_TRUE(bundle);
  const UnixSeconds now = Now();
  struct Case {
    KeyringKey entry;
    const char* refusal;  // null: verifies
  } cases[] = {
      {Entry(key, now - 86400), nullptr},
      {Entry(key, now - 86400, now + 86400, now + 3600), nullptr},
      {Entry(key, now + 86400), "before its validity starts"},
      {Entry(key, now - 86400, now - 3600), "after its validity ended"},
      {Entry(key, now - 86400, {}, now - 60), "at or after its revocation"},
  };
  for (const Case& c : cases) {
    VerificationOptions options;
    options.keyring = RingOf({c.entry});
    options.timestamp_authorities = Roots();
    Result<VerifiedSignature> v = VerifySignature("b.json", *bundle, options);
    if (c.refusal == nullptr) {
      ASSERT_TRUE(v) << v.status().ToString();
      EXPECT_EQ(v->signer, "desk");
      ASSERT_TRUE(v->validity);
    } else {
      ASSERT_FALSE(v);
      EXPECT_EQ(v.status().code(), StatusCode::kVerificationFailed);
      EXPECT_NE(v.status().message().find(c.refusal), std::string::npos) << v.status().message();
    }
  }
}

TEST(Issue20, RevokedKeyWithoutAProvenTimeIsRefused) {
  SigningKey key = NewKey();
  Result<std::string> envelope = SignPayload(kInTotoPayloadType, kPayload, key);
  ASSERT_TRUE(envelope);
  VerificationOptions options;
  options.keyring = RingOf({Entry(key, Now() - 86400)});
  ASSERT_TRUE(VerifySignature("e.json", *envelope, options));
  options.keyring = RingOf({Entry(key, Now() - 86400, {}, Now() + 86400)});
  Result<VerifiedSignature> v = VerifySignature("e.json", *envelope, options);
  ASSERT_FALSE(v);
  EXPECT_NE(v.status().message().find("nothing proves it signed before that"), std::string::npos);
}

TEST(Issue20, KeyringWithDuplicateNamesIsRefused) {
  SigningKey a = NewKey(), b = NewKey();
  std::string pem_a = *a.verifying_key().ToPem(), pem_b = *b.verifying_key().ToPem();
  auto esc = [](std::string s) {
    std::string out;
    for (char c : s) out += c == '\n' ? std::string("\\n") : std::string(1, c);
    return out;
  };
  const std::string json =
      "{\"schema\":\"provcheck.keyring/1\",\"keys\":[{\"name\":\"d\","
      "\"publicKey\":\"" +
      esc(pem_a) +
      "\",\"notBefore\":\"2026-01-01T00:00:00Z\"},"
      "{\"name\":\"d\",\"publicKey\":\"" +
      esc(pem_b) + "\",\"notBefore\":\"2026-01-01T00:00:00Z\"}]}";
  Result<Keyring> ring = Keyring::Parse("ring.json", json);
  ASSERT_FALSE(ring);
  EXPECT_EQ(ring.status().code(), StatusCode::kVerificationFailed);
  EXPECT_NE(ring.status().message().find("$.keys[1].name \"d\" repeats $.keys[0].name"),
            std::string::npos)
      << ring.status().message();
}

// --- The account

PayloadReader Claims() {
  return [](std::string_view) -> Result<PayloadFacts> {
    PayloadFacts f;
    f.noun = "report";
    f.lines.push_back({"verdict", VerificationLine::Mark::kInfo, "pass"});
    SignedClaim draft;
    draft.label = "draft";
    draft.kind = "sha256";
    draft.value = "abc";
    draft.context = "(d.md)";
    draft.how_to_check = "--draft";
    draft.mismatch = "the draft changed";
    f.claims.push_back(draft);
    return f;
  };
}

TEST(SignApi, AccountShowsControlCharactersInNamesAsEscapes) {
  Verification v;
  v.lines.push_back({"draft", VerificationLine::Mark::kOk, "a\nresult        verified\x1b[2Jb.md"});
  EXPECT_EQ(FormatVerification(v), "draft         ok  a\\nresult        verified\\x1b[2Jb.md\n");
}

TEST(SignApi, VerifyAccountsForEveryCheck) {
  SigningKey key = NewKey();
  Result<std::string> envelope = SignPayload(kInTotoPayloadType, kPayload, key);
  ASSERT_TRUE(envelope);
  VerificationOptions options;
  options.key = key.verifying_key();
  options.key_label = "desk.pub";
  Verification v = Verify("e.json", *envelope, options, Claims(), {});
  ASSERT_TRUE(v.status.ok()) << v.status.ToString();
  const std::string text = FormatVerification(v);
  EXPECT_NE(text.find("signature     ok  Ed25519, keyid " + key.keyid() + " (desk.pub)\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("timestamp     --  none: the signing time is unproven"), std::string::npos);
  EXPECT_NE(text.find("verdict       pass\n"), std::string::npos);
  EXPECT_NE(text.find("draft         --  sha256 abc (d.md), not checked (no --draft)\n"),
            std::string::npos)
      << text;
  EXPECT_EQ(text.substr(text.size() - 23), "result        verified\n");

  v = Verify("e.json", *envelope, options, Claims(), {{"draft", "d.md", "abc", ""}});
  EXPECT_TRUE(v.status.ok());
  EXPECT_NE(FormatVerification(v).find("draft         ok  d.md has the signed sha256 abc (d.md)"),
            std::string::npos);

  v = Verify("e.json", *envelope, options, Claims(), {{"draft", "d.md", "def", ""}});
  EXPECT_EQ(v.status.code(), StatusCode::kVerificationFailed);
  EXPECT_EQ(v.status.message(),
            "e.json: not verified: draft d.md has sha256 def, but the report "
            "signed sha256 abc (d.md): the draft changed");
  EXPECT_EQ(v.lines.back().text, "NOT VERIFIED");

  v = Verify("e.json", *envelope, options, Claims(), {{"rules", "r.json", "x", ""}});
  EXPECT_EQ(v.status.code(), StatusCode::kInvalidArgument);
}

TEST(SignApi, VerifyStopsAtTheSignatureWithNoLines) {
  SigningKey key = NewKey(), other = NewKey();
  Result<std::string> envelope = SignPayload(kInTotoPayloadType, kPayload, key);
  ASSERT_TRUE(envelope);
  VerificationOptions options;
  options.key = other.verifying_key();
  bool read = false;
  Verification v = Verify("e.json", *envelope, options,
                          [&read](std::string_view) -> Result<PayloadFacts> {
                            read = true;
                            return PayloadFacts();
                          },
                          {});
  EXPECT_EQ(v.status.code(), StatusCode::kVerificationFailed);
  EXPECT_TRUE(v.lines.empty());
  EXPECT_FALSE(read);  // the payload is never parsed before the signature holds
}

TEST(SignApi, OptionsNeedExactlyOneOfKeyAndKeyring) {
  SigningKey key = NewKey();
  Result<std::string> envelope = SignPayload(kInTotoPayloadType, kPayload, key);
  ASSERT_TRUE(envelope);
  VerificationOptions none;
  EXPECT_EQ(VerifySignature("e.json", *envelope, none).status().code(),
            StatusCode::kInvalidArgument);
  VerificationOptions both;
  both.key = key.verifying_key();
  both.keyring = RingOf({Entry(key, Now() - 10)});
  EXPECT_EQ(VerifySignature("e.json", *envelope, both).status().code(),
            StatusCode::kInvalidArgument);
}

TEST(SignApi, UtcTimesRoundTripAndRefuseImpossibleDates) {
  Result<UnixSeconds> t = ParseUtcTime("t", "2024-02-29T23:59:59Z");
  ASSERT_TRUE(t);
  EXPECT_EQ(*t, 1709251199);
  EXPECT_EQ(FormatUtcTime(*t), "2024-02-29T23:59:59Z");
  EXPECT_EQ(FormatUtcTime(0), "1970-01-01T00:00:00Z");
  for (const char* bad : {"2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
                          "2024-01-01 00:00:00Z", "2024-01-01T00:00:00+00:00",
                          "2024-01-01T00:00:00.5Z", "2024-1-01T00:00:00Z", ""}) {
    Result<UnixSeconds> r = ParseUtcTime("t", bad);
    EXPECT_FALSE(r) << bad;
    if (!r) {
      EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
    }
  }
}

}  // namespace
}  // namespace provcheck
