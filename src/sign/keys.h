// Ed25519 keys through OpenSSL 3 (EVP): generate, write, load, sign, verify.
//
// Owns: the key files (PEM PKCS#8 private key, mode 0600; PEM
// SubjectPublicKeyInfo public key), the keyid (lower-case hex SHA-256 of the
// public key's DER SubjectPublicKeyInfo) and raw Ed25519 signatures. Knows
// nothing of envelopes or reports.
//
// Private key material is never printed or put in a message; a private key
// file that its group or others may read, write or execute is refused, as
// OpenSSH refuses one.
//
// Thread-safety: PrivateKey and PublicKey are immutable after loading; their
// const methods may be called from several threads at once.
#ifndef PROVCHECK_SRC_SIGN_KEYS_H_
#define PROVCHECK_SRC_SIGN_KEYS_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "provcheck/result.h"

struct evp_pkey_st;  // OpenSSL's EVP_PKEY, kept out of this header

namespace provcheck::sign {

inline constexpr size_t kEd25519SignatureBytes = 64;

class PublicKey {
 public:
  // Parses a PEM "PUBLIC KEY" (SubjectPublicKeyInfo) that must hold an
  // Ed25519 key. kInvalidInput naming `name` otherwise.
  static Result<PublicKey> FromPem(std::string_view name, std::string_view pem);
  // Reads and parses the file at `path`.
  static Result<PublicKey> Load(const std::string& path);

  // Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.
  const std::string& keyid() const { return keyid_; }
  Result<std::string> ToPem() const;

  // True only when `signature` is a valid Ed25519 signature of `message`
  // by this key (OpenSSL returned exactly 1). Any other outcome, including
  // a signature of the wrong length, is false; the OpenSSL error queue is
  // cleared.
  bool Verify(std::string_view message, std::string_view signature) const;

 private:
  PublicKey(std::shared_ptr<evp_pkey_st> pkey, std::string keyid)
      : pkey_(std::move(pkey)), keyid_(std::move(keyid)) {}
  // Takes ownership of `pkey` (public part used) and computes the keyid.
  static Result<PublicKey> FromEvp(std::string_view name, std::shared_ptr<evp_pkey_st> pkey);
  std::shared_ptr<evp_pkey_st> pkey_;  // read-only after construction
  std::string keyid_;
  friend class PrivateKey;
};

class PrivateKey {
 public:
  // A new random key pair.
  static Result<PrivateKey> Generate();
  // Parses an unencrypted PEM private key ("PRIVATE KEY", PKCS#8) holding an
  // Ed25519 key. Encrypted keys are refused (no passphrase prompt).
  static Result<PrivateKey> FromPem(std::string_view name, std::string_view pem);
  // Reads and parses the file at `path`. Fails with kInvalidInput when the
  // file's mode lets its group or others read, write or execute it (the
  // message says to chmod 600), kNotFound when it is missing.
  static Result<PrivateKey> Load(const std::string& path);

  const PublicKey& public_key() const { return public_key_; }
  const std::string& keyid() const { return public_key_.keyid(); }

  // PKCS#8 PEM of the private key. The caller wipes it when done.
  Result<std::string> ToPem() const;

  // The Ed25519 signature (64 bytes) of `message`; kInternal with OpenSSL's
  // errors on failure.
  Result<std::string> Sign(std::string_view message) const;

 private:
  PrivateKey(std::shared_ptr<evp_pkey_st> pkey, PublicKey public_key)
      : pkey_(std::move(pkey)), public_key_(std::move(public_key)) {}
  static Result<PrivateKey> FromEvp(std::string_view name, std::shared_ptr<evp_pkey_st> pkey);
  std::shared_ptr<evp_pkey_st> pkey_;  // read-only after construction
  PublicKey public_key_;
};

// Writes NAME.key (PKCS#8 PEM, mode 0600) and NAME.pub (SPKI PEM, mode
// 0644) for `key`. Refuses (kInvalidArgument) when either file exists, and
// never replaces one; on failure nothing is left behind.
Status WriteKeyFiles(const std::string& name, const PrivateKey& key);

// Drains OpenSSL's error queue into "what: reason; reason". Exposed for the
// envelope code and tests.
std::string OpenSslError(std::string_view what);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_KEYS_H_
