#include "sign/dsse.h"

#include <gtest/gtest.h>

#include "base/base64.h"

namespace provcheck::sign {
namespace {

constexpr char kType[] = "application/vnd.in-toto+json";
constexpr char kPayload[] = "{\"_type\":\"https://in-toto.io/Statement/v1\",\"x\":1}";

class DsseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    Result<PrivateKey> k = PrivateKey::Generate();
    Result<PrivateKey> o = PrivateKey::Generate();
    ASSERT_TRUE(k && o);
    key_.emplace(std::move(k).value());
    other_.emplace(std::move(o).value());
    Result<std::string> env = SignEnvelope(kType, kPayload, *key_);
    ASSERT_TRUE(env) << env.status().ToString();
    envelope_ = *env;
  }

  Result<VerifiedEnvelope> Verify(std::string_view envelope) const {
    return VerifyEnvelope("env.json", envelope, key_->public_key(), kType);
  }

  // The envelope's fields, assembled by hand, for tampering.
  static std::string Envelope(std::string_view payload_b64, std::string_view type,
                              std::string_view signatures) {
    return "{\"payload\":\"" + std::string(payload_b64) + "\",\"payloadType\":\"" +
           std::string(type) + "\",\"signatures\":[" + std::string(signatures) + "]}";
  }
  static std::string Sig(std::string_view keyid, std::string_view sig) {
    return "{\"keyid\":\"" + std::string(keyid) + "\",\"sig\":\"" + base::Base64Encode(sig) + "\"}";
  }
  std::string SigOver(const PrivateKey& k, std::string_view type, std::string_view payload) const {
    Result<std::string> s = k.Sign(PreAuthEncoding(type, payload));
    EXPECT_TRUE(s);
    return Sig(k.keyid(), *s);
  }

  void ExpectRejected(std::string_view envelope, StatusCode code, std::string_view fragment) {
    Result<VerifiedEnvelope> v = Verify(envelope);
    ASSERT_FALSE(v) << envelope;
    EXPECT_EQ(v.status().code(), code) << v.status().message();
    EXPECT_NE(v.status().message().find(fragment), std::string::npos) << v.status().message();
    EXPECT_EQ(v.status().message().rfind("env.json", 0), 0u) << v.status().message();
  }

  std::optional<PrivateKey> key_, other_;
  std::string envelope_;
};

// The DSSE specification's worked example (protocol.md).
TEST(Dsse, PreAuthEncodingMatchesSpecification) {
  EXPECT_EQ(PreAuthEncoding("http://example.com/HelloWorld", "hello world"),
            "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  EXPECT_EQ(PreAuthEncoding("", ""), "DSSEv1 0  0 ");
}

TEST_F(DsseTest, RoundTripReturnsThePayloadBytes) {
  Result<VerifiedEnvelope> v = Verify(envelope_);
  ASSERT_TRUE(v) << v.status().ToString();
  EXPECT_EQ(v->payload, kPayload);
  EXPECT_EQ(v->payload_type, kType);
  EXPECT_EQ(v->keyid, key_->keyid());
}

TEST_F(DsseTest, EnvelopeIsCanonicalJson) {
  const std::string prefix = "{\"payload\":\"" + base::Base64Encode(kPayload) +
                             "\",\"payloadType\":\"" + kType + "\",\"signatures\":[{\"keyid\":\"" +
                             key_->keyid() + "\",\"sig\":\"";
  EXPECT_EQ(envelope_.rfind(prefix, 0), 0u) << envelope_;
  EXPECT_EQ(envelope_.substr(envelope_.size() - 4), "\"}]}");
  // Ed25519 is deterministic: the same payload signs the same bytes.
  Result<std::string> again = SignEnvelope(kType, kPayload, *key_);
  ASSERT_TRUE(again);
  EXPECT_EQ(*again, envelope_);
}

TEST_F(DsseTest, KeepsPayloadBytesAsSigned) {
  const std::string odd = "{ \"b\" : 1,\n \"a\" : 2 }";  // not canonical, and kept so
  Result<std::string> env = SignEnvelope(kType, odd, *key_);
  ASSERT_TRUE(env);
  Result<VerifiedEnvelope> v = Verify(*env);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->payload, odd);
}

TEST_F(DsseTest, AcceptsWhitespaceAndMemberOrder) {
  Result<std::string> sig = key_->Sign(PreAuthEncoding(kType, kPayload));
  ASSERT_TRUE(sig);
  const std::string env = "{\n  \"signatures\": [ {\"sig\": \"" + base::Base64Encode(*sig) +
                          "\", \"keyid\": \"" + key_->keyid() + "\"} ],\n  \"payloadType\": \"" +
                          kType + "\",\n  \"payload\": \"" + base::Base64Encode(kPayload) +
                          "\"\n}\n";
  EXPECT_TRUE(Verify(env)) << env;
}

TEST_F(DsseTest, RejectsEveryFlippedPayloadBit) {
  const std::string payload = kPayload;
  size_t rejected = 0, tried = 0;
  for (size_t i = 0; i < payload.size(); ++i) {
    for (int bit = 0; bit < 8; ++bit) {
      std::string tampered = payload;
      tampered[i] = static_cast<char>(tampered[i] ^ (1 << bit));
      Result<std::string> sig = key_->Sign(PreAuthEncoding(kType, payload));
      ASSERT_TRUE(sig);
      Result<VerifiedEnvelope> v =
          Verify(Envelope(base::Base64Encode(tampered), kType, Sig(key_->keyid(), *sig)));
      ++tried;
      if (!v && v.status().code() == StatusCode::kVerificationFailed) ++rejected;
    }
  }
  EXPECT_EQ(tried, payload.size() * 8);
  EXPECT_EQ(rejected, tried);
}

TEST_F(DsseTest, RejectsEveryFlippedSignatureBit) {
  Result<std::string> sig = key_->Sign(PreAuthEncoding(kType, kPayload));
  ASSERT_TRUE(sig);
  size_t rejected = 0;
  for (size_t i = 0; i < sig->size() * 8; ++i) {
    std::string bad = *sig;
    bad[i / 8] = static_cast<char>(bad[i / 8] ^ (1 << (i % 8)));
    Result<VerifiedEnvelope> v =
        Verify(Envelope(base::Base64Encode(kPayload), kType, Sig(key_->keyid(), bad)));
    if (!v && v.status().code() == StatusCode::kVerificationFailed) ++rejected;
  }
  EXPECT_EQ(rejected, 512u);
}

TEST_F(DsseTest, RejectsChangedPayloadType) {
  // Signed honestly under another type: the type itself is refused.
  ExpectRejected(Envelope(base::Base64Encode(kPayload), "application/json",
                          SigOver(*key_, "application/json", kPayload)),
                 StatusCode::kVerificationFailed,
                 "payloadType \"application/json\", expected \"application/vnd.in-toto+json\"");
}

TEST_F(DsseTest, RejectsSignatureFromOtherKey) {
  ExpectRejected(Envelope(base::Base64Encode(kPayload), kType, SigOver(*other_, kType, kPayload)),
                 StatusCode::kVerificationFailed, "signed by another key, or altered");
}

TEST_F(DsseTest, RejectsOtherKeyClaimingOurKeyid) {
  Result<std::string> sig = other_->Sign(PreAuthEncoding(kType, kPayload));
  ASSERT_TRUE(sig);
  ExpectRejected(Envelope(base::Base64Encode(kPayload), kType, Sig(key_->keyid(), *sig)),
                 StatusCode::kVerificationFailed, "the payload or signature was altered");
}

TEST_F(DsseTest, RejectsAlteredKeyid) {
  Result<std::string> sig = key_->Sign(PreAuthEncoding(kType, kPayload));
  ASSERT_TRUE(sig);
  ExpectRejected(Envelope(base::Base64Encode(kPayload), kType, Sig(other_->keyid(), *sig)),
                 StatusCode::kVerificationFailed, "signature verifies, but its keyid");
}

TEST_F(DsseTest, RejectsExtraSignatures) {
  const std::string good = SigOver(*key_, kType, kPayload);
  const std::string b64 = base::Base64Encode(kPayload);
  // Another signer's valid signature after ours, and before it.
  ExpectRejected(Envelope(b64, kType, good + "," + SigOver(*other_, kType, kPayload)),
                 StatusCode::kVerificationFailed, "signatures[1]: does not verify");
  ExpectRejected(Envelope(b64, kType, SigOver(*other_, kType, kPayload) + "," + good),
                 StatusCode::kVerificationFailed, "signatures[0]: does not verify");
  // Garbage with our keyid.
  ExpectRejected(Envelope(b64, kType, good + "," + Sig(key_->keyid(), std::string(64, 'x'))),
                 StatusCode::kVerificationFailed, "signatures[1] repeats signatures[0]");
  ExpectRejected(Envelope(b64, kType, good + "," + Sig("junk", std::string(64, 'x'))),
                 StatusCode::kVerificationFailed, "signatures[1]: does not verify");
}

TEST_F(DsseTest, RejectsDuplicateSignatures) {
  const std::string good = SigOver(*key_, kType, kPayload);
  ExpectRejected(Envelope(base::Base64Encode(kPayload), kType, good + "," + good),
                 StatusCode::kVerificationFailed, "signatures[1] repeats signatures[0]");
}

TEST_F(DsseTest, RejectsDuplicateJsonKeys) {
  const std::string good = SigOver(*key_, kType, kPayload);
  const std::string b64 = base::Base64Encode(kPayload);
  // simdjson alone would read the first "payload", a lenient reader the last.
  ExpectRejected("{\"payload\":\"" + b64 + "\",\"payload\":\"" + base::Base64Encode("evil") +
                     "\",\"payloadType\":\"" + kType + "\",\"signatures\":[" + good + "]}",
                 StatusCode::kCorruption, "duplicate key \"payload\" in $");
  std::string dup_sig = good;
  dup_sig.insert(1, "\"sig\":\"AAAA\",");
  ExpectRejected(Envelope(b64, kType, dup_sig), StatusCode::kCorruption,
                 "duplicate key \"sig\" in $.signatures[0]");
}

TEST_F(DsseTest, RejectsMalformedEnvelopes) {
  const std::string good = SigOver(*key_, kType, kPayload);
  const std::string b64 = base::Base64Encode(kPayload);
  struct Case {
    std::string envelope, fragment;
  };
  const Case cases[] = {
      {"", "expected a JSON value"},
      {"[]", "expected a JSON object"},
      {"{\"payloadType\":\"" + std::string(kType) + "\",\"signatures\":[" + good + "]}",
       "missing \"payload\""},
      {"{\"payload\":\"" + b64 + "\",\"signatures\":[" + good + "]}", "missing \"payloadType\""},
      {"{\"payload\":\"" + b64 + "\",\"payloadType\":\"" + kType + "\"}", "missing \"signatures\""},
      {Envelope(b64, kType, ""), "\"signatures\" is empty"},
      {Envelope(b64, kType, "{\"sig\":\"AAAA\"}"), "signatures[0]: missing \"keyid\""},
      {Envelope(b64, kType, "{\"keyid\":\"k\"}"), "signatures[0]: missing \"sig\""},
      {Envelope(b64, kType, "1"), "signatures[0]: expected an object"},
      {"{\"payload\":1,\"payloadType\":\"t\",\"signatures\":[]}", "\"payload\" is not a string"},
      {Envelope(b64.substr(1), kType, good), "invalid base64"},
      {Envelope("*" + b64.substr(1), kType, good), "invalid base64: unexpected character"},
      {Envelope(b64, kType, "{\"keyid\":\"k\",\"sig\":\"AAA\"}"), "invalid base64"},
      {Envelope(b64, kType, "{\"keyid\":\"k\",\"sig\":\"AAAA\"}"),
       "\"sig\" is 3 bytes, expected a 64-byte Ed25519 signature"},
      {Envelope(b64, kType, good.substr(0, good.size() - 1) + ",\"x\":1}"),
       "signatures[0]: unexpected member \"x\""},
      {"{\"payload\":\"" + b64 + "\",\"payloadType\":\"" + kType + "\",\"signatures\":[" + good +
           "],\"extra\":true}",
       "unexpected member \"extra\""},
      {Envelope(b64, std::string(300, 't'), good),
       "\"payloadType\" is 300 bytes, more than the limit of 256"},
      {Envelope(b64, kType, "{\"keyid\":\"" + std::string(1000, 'k') + "\",\"sig\":\"AAAA\"}"),
       "\"keyid\" is 1000 bytes"},
      {Envelope(b64, kType, "{\"keyid\":\"k\",\"sig\":\"" + std::string(2000, 'A') + "\"}"),
       "\"sig\" is 2000 bytes"},
      {envelope_ + "\n" + envelope_, "expected end of input"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.envelope.substr(0, 200));
    ExpectRejected(c.envelope, StatusCode::kCorruption, c.fragment);
  }
  std::string many;
  for (size_t i = 0; i < kMaxSignatureEntries + 1; ++i) many += (i ? "," : "") + good;
  ExpectRejected(Envelope(b64, kType, many), StatusCode::kCorruption,
                 "17 signatures, more than the limit of 16");
}

TEST_F(DsseTest, RejectsEnvelopeOverSizeLimit) {
  const std::string huge(kMaxEnvelopeBytes + 1, ' ');
  ExpectRejected(huge, StatusCode::kResourceLimit, "more than the envelope limit");
}

TEST_F(DsseTest, RefusesToSignOversizedPayload) {
  Result<std::string> env = SignEnvelope(kType, std::string(kMaxPayloadBytes + 1, 'x'), *key_);
  ASSERT_FALSE(env);
  EXPECT_EQ(env.status().code(), StatusCode::kResourceLimit);
}

}  // namespace
}  // namespace provcheck::sign
