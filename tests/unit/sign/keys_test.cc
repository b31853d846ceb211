#include "sign/keys.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include "support/temp_dir.h"

namespace provcheck::sign {
namespace {

// RFC 8032 section 7.1, test 1: the secret key as PKCS#8 DER (RFC 8410), and
// its signature of the empty message.
constexpr char kRfc8032Test1Pem[] =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VwBCIEIJ1hsZ3v/VpguoRK9JLsLMREScVpezJpGXA7rAMcrn9g\n"
    "-----END PRIVATE KEY-----\n";
constexpr char kRfc8032Test1Sig[] =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9"
    "b46bd25bf5f0595bbe24655141438e7a100b";
// SHA-256 of that key's DER SubjectPublicKeyInfo, computed by Python's
// hashlib over the DER that Python's cryptography package wrote.
constexpr char kRfc8032Test1Keyid[] =
    "06e3fd8fda29bb60ab59557de61edb0aecdb231134be30e75b455f8e1b792fa9";

// RFC 8410 section 10.1's example public key.
constexpr char kRfc8410PublicPem[] =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n"
    "-----END PUBLIC KEY-----\n";
constexpr char kRfc8410Keyid[] = "a1e9156054e04fac899ae9f275132cdc07a5dbc4ea2c2ad3a1ffc6e0d253681f";

std::string Hex(std::string_view bytes) {
  static constexpr char kDigits[] = "0123456789abcdef";
  std::string out;
  for (char ch : bytes) {
    auto c = static_cast<unsigned char>(ch);
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out;
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

unsigned ModeOf(const std::string& path) {
  struct stat st;
  EXPECT_EQ(::stat(path.c_str(), &st), 0);
  return st.st_mode & 07777;
}

TEST(Keys, SignsRfc8032TestVector) {
  Result<PrivateKey> key = PrivateKey::FromPem("test1", kRfc8032Test1Pem);
  ASSERT_TRUE(key) << key.status().ToString();
  Result<std::string> sig = key->Sign("");
  ASSERT_TRUE(sig);
  EXPECT_EQ(Hex(*sig), kRfc8032Test1Sig);
  EXPECT_TRUE(key->public_key().Verify("", *sig));
}

TEST(Keys, KeyidIsSha256OfSubjectPublicKeyInfoDer) {
  Result<PrivateKey> key = PrivateKey::FromPem("test1", kRfc8032Test1Pem);
  ASSERT_TRUE(key);
  EXPECT_EQ(key->keyid(), kRfc8032Test1Keyid);
  Result<PublicKey> pub = PublicKey::FromPem("rfc8410", kRfc8410PublicPem);
  ASSERT_TRUE(pub) << pub.status().ToString();
  EXPECT_EQ(pub->keyid(), kRfc8410Keyid);
}

TEST(Keys, GeneratedKeySignsAndVerifies) {
  Result<PrivateKey> key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  EXPECT_EQ(key->keyid().size(), 64u);
  Result<std::string> sig = key->Sign("message");
  ASSERT_TRUE(sig);
  EXPECT_EQ(sig->size(), kEd25519SignatureBytes);
  EXPECT_TRUE(key->public_key().Verify("message", *sig));
  EXPECT_FALSE(key->public_key().Verify("messagf", *sig));
  std::string bad = *sig;
  bad[10] ^= 1;
  EXPECT_FALSE(key->public_key().Verify("message", bad));
  EXPECT_FALSE(key->public_key().Verify("message", sig->substr(0, 63)));
  EXPECT_FALSE(key->public_key().Verify("message", *sig + "x"));
}

TEST(Keys, RejectsSignatureFromOtherKey) {
  Result<PrivateKey> a = PrivateKey::Generate();
  Result<PrivateKey> b = PrivateKey::Generate();
  ASSERT_TRUE(a && b);
  EXPECT_NE(a->keyid(), b->keyid());
  Result<std::string> sig = a->Sign("m");
  ASSERT_TRUE(sig);
  EXPECT_FALSE(b->public_key().Verify("m", *sig));
}

TEST(Keys, PemRoundTripKeepsTheKey) {
  Result<PrivateKey> key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  Result<std::string> priv = key->ToPem();
  Result<std::string> pub = key->public_key().ToPem();
  ASSERT_TRUE(priv && pub);
  EXPECT_EQ(priv->rfind("-----BEGIN PRIVATE KEY-----\n", 0), 0u);
  EXPECT_EQ(pub->rfind("-----BEGIN PUBLIC KEY-----\n", 0), 0u);
  Result<PrivateKey> key2 = PrivateKey::FromPem("k", *priv);
  Result<PublicKey> pub2 = PublicKey::FromPem("p", *pub);
  ASSERT_TRUE(key2 && pub2);
  EXPECT_EQ(key2->keyid(), key->keyid());
  EXPECT_EQ(pub2->keyid(), key->keyid());
  Result<std::string> sig = key2->Sign("m");
  ASSERT_TRUE(sig);
  EXPECT_TRUE(pub2->Verify("m", *sig));
}

TEST(Keys, RejectsKeysThatAreNotEd25519) {
  constexpr char kP256Pem[] =
      "-----BEGIN PUBLIC KEY-----\n"
      "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEfVeGo3lcotVbzv9GMhQ7d9HoD2VA\n"
      "jirvTGP5jh+xPBxfKtzzYn0/l+mWdqZ3o6opG+r/Rx1an9cuvU1DGo7How==\n"
      "-----END PUBLIC KEY-----\n";
  Result<PublicKey> pub = PublicKey::FromPem("p256.pub", kP256Pem);
  ASSERT_FALSE(pub);
  EXPECT_EQ(pub.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(pub.status().message(),
            "p256.pub: not an Ed25519 key (provcheck signs with Ed25519 only)");
}

TEST(Keys, RejectsPrivateKeyWherePublicExpected) {
  Result<PublicKey> pub = PublicKey::FromPem("desk.key", kRfc8032Test1Pem);
  ASSERT_FALSE(pub);
  EXPECT_EQ(pub.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(pub.status().message().find(
                "desk.key: expected a PEM public key (-----BEGIN PUBLIC KEY-----)"),
            std::string::npos)
      << pub.status().message();
}

TEST(Keys, RejectsGarbage) {
  EXPECT_EQ(PublicKey::FromPem("g", "hello").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(PrivateKey::FromPem("g", "hello").status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(PrivateKey::FromPem("g", std::string(1 << 20, 'A')).status().code(),
            StatusCode::kInvalidInput);
}

TEST(Keys, RefusesEncryptedPrivateKeyWithoutPrompting) {
  constexpr char kEncrypted[] =
      "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
      "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjq66Rb55nahgICCAAw\n"
      "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEITXyFCfFeI2r33fBW8AuSwEQPm4\n"
      "NN3t5aUuVE4X+rQz/QpXX3z9JYTJvhKWnXv1gdUQjQmDbRH81zNroGWWt7d3hQlk\n"
      "9puOb/e0TvZwgZlP1bU=\n"
      "-----END ENCRYPTED PRIVATE KEY-----\n";
  Result<PrivateKey> key = PrivateKey::FromPem("enc.key", kEncrypted);
  ASSERT_FALSE(key);
  EXPECT_NE(key.status().message().find("an encrypted private key"), std::string::npos);
}

TEST(Keys, WritesPrivateKey0600AndPublicKey) {
  testing::TempDir dir;
  Result<PrivateKey> key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  const std::string name = dir.Join("desk");
  ASSERT_TRUE(WriteKeyFiles(name, *key).ok());
  EXPECT_EQ(ModeOf(name + ".key"), 0600u);
  EXPECT_EQ(ModeOf(name + ".pub"), 0644u);
  Result<PrivateKey> loaded = PrivateKey::Load(name + ".key");
  ASSERT_TRUE(loaded) << loaded.status().ToString();
  EXPECT_EQ(loaded->keyid(), key->keyid());
  Result<PublicKey> pub = PublicKey::Load(name + ".pub");
  ASSERT_TRUE(pub);
  EXPECT_EQ(pub->keyid(), key->keyid());
}

TEST(Keys, NeverOverwritesKeyFiles) {
  testing::TempDir dir;
  Result<PrivateKey> first = PrivateKey::Generate();
  Result<PrivateKey> second = PrivateKey::Generate();
  ASSERT_TRUE(first && second);
  const std::string name = dir.Join("desk");
  ASSERT_TRUE(WriteKeyFiles(name, *first).ok());
  const std::string before = ReadAll(name + ".key");
  Status s = WriteKeyFiles(name, *second);
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.message().find("already exists"), std::string::npos);
  EXPECT_EQ(ReadAll(name + ".key"), before);

  // A lone NAME.pub also blocks keygen, and no NAME.key appears.
  dir.Write("other.pub", "mine");
  EXPECT_EQ(WriteKeyFiles(dir.Join("other"), *second).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(ReadAll(dir.Join("other.pub")), "mine");
  struct stat st;
  EXPECT_NE(::stat(dir.Join("other.key").c_str(), &st), 0);
}

TEST(Keys, RefusesPrivateKeyOthersCanRead) {
  testing::TempDir dir;
  Result<PrivateKey> key = PrivateKey::Generate();
  ASSERT_TRUE(key);
  const std::string name = dir.Join("desk");
  ASSERT_TRUE(WriteKeyFiles(name, *key).ok());
  for (unsigned mode : {0644u, 0640u, 0604u, 0620u, 0660u, 0601u}) {
    ASSERT_EQ(::chmod((name + ".key").c_str(), mode), 0);
    Result<PrivateKey> loaded = PrivateKey::Load(name + ".key");
    ASSERT_FALSE(loaded) << std::oct << mode;
    EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
    EXPECT_NE(loaded.status().message().find("are too open"), std::string::npos);
    EXPECT_NE(loaded.status().message().find("chmod 600"), std::string::npos);
  }
  ASSERT_EQ(::chmod((name + ".key").c_str(), 0400), 0);
  EXPECT_TRUE(PrivateKey::Load(name + ".key"));
}

// A FIFO named as the key must be refused at once: a blocking open would wait
// for a writer forever (the test would hang, then time out).
TEST(Keys, RefusesFifoAsPrivateKeyWithoutWaiting) {
  testing::TempDir dir;
  const std::string fifo = dir.Join("desk.key");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  Result<PrivateKey> loaded = PrivateKey::Load(fifo);
  ASSERT_FALSE(loaded);
  EXPECT_EQ(loaded.status().code(), StatusCode::kInvalidInput);
  EXPECT_NE(loaded.status().message().find("not a regular file"), std::string::npos);
}

TEST(Keys, ReportsMissingKeyFile) {
  testing::TempDir dir;
  EXPECT_EQ(PrivateKey::Load(dir.Join("none.key")).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(PublicKey::Load(dir.Join("none.pub")).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace provcheck::sign
