// A keyring: the public keys a verifier trusts, each with a name and a
// validity period, so a verifier years later knows which key signed and
// whether it was good then.
//
// Owns: the keyring file (JSON, docs/signing.md), its checks, the rule for
// "valid at time t", and adding an entry (provcheck keygen --keyring).
// Knows nothing of envelopes; the verifier looks keys up here.
//
//   {"schema": "provcheck.keyring/1",
//    "keys": [{"name": "desk-2026", "keyid": "<hex>", "publicKey": "<PEM>",
//              "notBefore": "2026-01-01T00:00:00Z",
//              "notAfter": "2027-01-01T00:00:00Z" | null,
//              "revokedAt": "2026-06-01T12:00:00Z" | null}]}
//
// A key is valid at t when notBefore <= t <= notAfter (both ends included,
// as Sigstore's TimeRange) and, when revoked, t < revokedAt.
//
// Thread-safety: a Keyring is immutable after loading; share it freely.
#ifndef PROVCHECK_SRC_SIGN_KEYRING_H_
#define PROVCHECK_SRC_SIGN_KEYRING_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "sign/keys.h"
#include "sign/utc_time.h"

namespace provcheck::sign {

inline constexpr char kKeyringSchema[] = "provcheck.keyring/1";
inline constexpr uint64_t kMaxKeyringBytes = 4 << 20;
inline constexpr size_t kMaxKeyringKeys = 10000;
inline constexpr size_t kMaxKeyNameBytes = 128;

struct KeyValidity {
  UnixSeconds not_before = 0;
  std::optional<UnixSeconds> not_after;   // none: no end
  std::optional<UnixSeconds> revoked_at;  // none: not revoked

  // Why the key was not valid at `t`, or empty when it was.
  std::string ProblemAt(UnixSeconds t) const;
  // "from 2026-01-01T00:00:00Z to 2027-01-01T00:00:00Z, revoked at ...".
  std::string Describe() const;
};

struct KeyringEntry {
  std::string name;
  PublicKey key;
  KeyValidity validity;
};

class Keyring {
 public:
  // Parses the bytes of the keyring file `name`. Fails with kInvalidInput
  // (naming the file and JSON path) when they are not strict JSON, lack a
  // member, hold an unknown one, a bad time or key, a keyid that is not the
  // key's, or a notAfter not after notBefore; with kVerificationFailed when
  // two entries share a name or a key (which of them signed would be
  // ambiguous); kResourceLimit past kMaxKeyringBytes or kMaxKeyringKeys.
  static Result<Keyring> Parse(std::string_view name, std::string_view bytes);
  static Result<Keyring> Load(const std::string& path);

  const std::string& name() const { return name_; }
  const std::vector<KeyringEntry>& entries() const { return entries_; }
  // The entry whose key has `keyid`, or null.
  const KeyringEntry* FindByKeyid(std::string_view keyid) const;
  // The file's bytes for these entries (pretty JSON, trailing newline).
  std::string ToJson() const;
  // Appends `entry`; kInvalidArgument when its name or key is already here.
  Status Add(KeyringEntry entry);

 private:
  std::string name_;
  std::vector<KeyringEntry> entries_;
};

// Adds `entry` to the keyring file at `path`, creating it when missing,
// replacing it atomically (mode 0644). Refuses (kInvalidArgument) a name or
// key already there; fails as Keyring::Parse does on a damaged file.
Status AddKeyringEntry(const std::string& path, const KeyringEntry& entry);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_KEYRING_H_
