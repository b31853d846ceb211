// Signed reports: Ed25519 keys, DSSE envelopes, Sigstore bundles with RFC
// 3161 timestamps, keyrings, and verification that says what it checked.
// The CLI's keygen, sign and verify are this API and a little glue.
//
// The sign stage signs bytes with a payload type and knows nothing of
// reports: a caller that signs a report passes its in-toto statement bytes,
// and at verify time passes a PayloadReader that says what those bytes
// claim (for provcheck's reports, the draft, index and rules digests).
// Formats and rules: docs/report-format.md (envelope, statement) and
// docs/signing.md (bundle, timestamps, keyring, verifying with openssl).
//
// Verification works on the bytes as received: the signature is checked
// over the payload exactly as signed before anything parses it; JSON with
// duplicate keys is refused everywhere; the key is the caller's (one key,
// or a keyring entry selected by keyid), never the file's.
//
// Errors: kInvalidArgument (usage), kInvalidInput (a key, keyring or
// certificate file we cannot accept), kNotFound and kIOError (files, the
// time-stamping authority), kCorruption (a malformed envelope or bundle),
// kResourceLimit, kVerificationFailed (anything that did not verify).
// The CLI maps kVerificationFailed to exit 3 and the others to exit 2.
//
// Thread-safety: keys, keyrings and trusted authorities are immutable and
// may be shared between threads; the functions may run concurrently.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_SIGN_H_
#define PROVCHECK_INCLUDE_PROVCHECK_SIGN_H_

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "provcheck/status.h"

namespace provcheck {

// The payload type of provcheck's signed reports.
inline constexpr char kInTotoPayloadType[] = "application/vnd.in-toto+json";

// Seconds since the Unix epoch, UTC.
using UnixSeconds = int64_t;
// "2026-12-02T15:36:21Z".
std::string FormatUtcTime(UnixSeconds t);
// Reads exactly "YYYY-MM-DDTHH:MM:SSZ"; kInvalidInput naming `where`.
Result<UnixSeconds> ParseUtcTime(std::string_view where, std::string_view text);

struct SignAccess;  // the implementation's door into the classes below

// An Ed25519 public key (PEM SubjectPublicKeyInfo).
class VerifyingKey {
 public:
  // kInvalidInput naming `name` unless `pem` holds one Ed25519 public key.
  static Result<VerifyingKey> FromPem(std::string_view name, std::string_view pem);
  static Result<VerifyingKey> Load(const std::string& path);

  // Lower-case hex SHA-256 of the DER SubjectPublicKeyInfo.
  const std::string& keyid() const;
  Result<std::string> ToPem() const;

 private:
  struct Impl;
  explicit VerifyingKey(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
  friend struct SignAccess;
};

// An Ed25519 private key. Never printed; its PEM is never returned.
class SigningKey {
 public:
  static Result<SigningKey> Generate();
  // Refuses (kInvalidInput) a file its group or others may access, or an
  // encrypted key; kNotFound when missing.
  static Result<SigningKey> Load(const std::string& path);

  const std::string& keyid() const;
  const VerifyingKey& verifying_key() const;

  // Writes NAME.key (mode 0600) and NAME.pub; never replaces a file
  // (kInvalidArgument when either exists); leaves nothing on failure.
  Status WriteKeyFiles(const std::string& name) const;

 private:
  struct Impl;
  explicit SigningKey(std::shared_ptr<const Impl> impl);
  std::shared_ptr<const Impl> impl_;
  VerifyingKey verifying_key_;
  friend struct SignAccess;
};

// When a key may sign: not_before <= t <= not_after (ends included), and
// t < revoked_at when revoked.
struct KeyValidity {
  UnixSeconds not_before = 0;
  std::optional<UnixSeconds> not_after;
  std::optional<UnixSeconds> revoked_at;
};

struct KeyringKey {
  std::string name;
  VerifyingKey key;
  KeyValidity validity;
};

// The keys a verifier trusts, by name (docs/signing.md, "Keyring").
class Keyring {
 public:
  // kInvalidInput for a malformed file (naming its JSON path),
  // kVerificationFailed when two entries share a name or a key.
  static Result<Keyring> Parse(std::string_view name, std::string_view bytes);
  static Result<Keyring> Load(const std::string& path);

  std::vector<KeyringKey> keys() const;
  // The name it was parsed or loaded under (its file).
  const std::string& name() const;

 private:
  struct Impl;
  explicit Keyring(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
  friend struct SignAccess;
};

// Adds `key` to the keyring file at `path` (created when missing, replaced
// atomically). kInvalidArgument when the name or key is already there, or
// not_after is not after not_before.
Status AddToKeyring(const std::string& path, const KeyringKey& key);

// The root certificates of the time-stamping authorities a verifier trusts.
class TimestampAuthorities {
 public:
  // One or more PEM certificates; kInvalidInput naming `name` otherwise.
  static Result<TimestampAuthorities> FromPem(std::string_view name, std::string_view pem);
  static Result<TimestampAuthorities> Load(const std::string& path);

  size_t size() const;

 private:
  struct Impl;
  explicit TimestampAuthorities(std::shared_ptr<const Impl> impl) : impl_(std::move(impl)) {}
  std::shared_ptr<const Impl> impl_;
  friend struct SignAccess;
};

struct SigningOptions {
  // Empty: write a bare DSSE envelope. Otherwise an http:// URL of an RFC
  // 3161 time-stamping authority: the signature's SHA-256 is stamped there
  // and a Sigstore bundle v0.3 holding the envelope and the reply is
  // written instead.
  std::string timestamp_url;
  std::chrono::milliseconds timeout{10000};  // the whole exchange with the TSA
};

// Signs `payload` as `payload_type` and returns the file's bytes (no
// trailing newline): a DSSE envelope, or with a timestamp URL a bundle.
// The result is verified again before it is returned (kInternal if not).
// kIOError when the TSA cannot be reached or answers other than HTTP 200;
// kVerificationFailed when its reply is refused or about other bytes.
// REQUIRES: payload_type is non-empty printable ASCII of at most 256 bytes.
Result<std::string> SignPayload(std::string_view payload_type, std::string_view payload,
                                const SigningKey& key, const SigningOptions& options = {});

// Who may have signed, and which authorities' timestamps count. Exactly one
// of `key` and `keyring`.
struct VerificationOptions {
  std::optional<VerifyingKey> key;
  std::string key_label;  // names `key` in the account, e.g. its file
  std::optional<Keyring> keyring;
  // None: timestamps are read and matched to the signature, but do not
  // prove a time.
  std::optional<TimestampAuthorities> timestamp_authorities;
  std::string payload_type = kInTotoPayloadType;
};

enum class TimeProof {
  kNone,       // no timestamp: the signing time is unproven
  kUnchecked,  // a timestamp, but no trusted authorities to check it
  kProven,     // every timestamp verified: signed no later than `timestamp->time`
};

struct SignedTimestamp {
  UnixSeconds time = 0;   // the TSA's genTime (the earliest, when several)
  std::string authority;  // the TSA certificate's subject
  std::string serial;     // hex
};

struct VerifiedSignature {
  std::string payload_type;
  std::string payload;  // the exact bytes signed; parse these, never re-encode
  std::string keyid;
  std::string signer;  // the keyring entry's name, or key_label
  bool bundle = false;
  std::optional<KeyValidity> validity;  // keyring only
  TimeProof time_proof = TimeProof::kNone;
  std::optional<SignedTimestamp> timestamp;
};

// Verifies the signature, the timestamps and, with a keyring, the key's
// validity at the proven time (a revoked key fails when no time is proven).
// Accepts a bare DSSE envelope or a Sigstore bundle v0.3.
Result<VerifiedSignature> VerifySignature(std::string_view name, std::string_view bytes,
                                          const VerificationOptions& options);

// --- The whole check, with an account of it

// One value the signed payload vouches for, such as a draft's sha256.
struct SignedClaim {
  std::string label;                 // "draft"
  std::string kind;                  // "sha256", "digest"
  std::optional<std::string> value;  // none: nothing of this kind was signed
  std::string context;               // shown after the value: "(draft.md)"
  std::string unsigned_shown;        // shown when no value: "none (built-in rules)"
  std::string how_to_check;          // how a caller asks for the check: "--draft"
  std::string mismatch;              // why values differ: "the draft changed after ..."
  std::string absent;                // why a given value cannot match when none was signed
  // An identity beside the value (an index's id): when values match but
  // identities differ, the account notes `identity_note`.
  std::string identity_name, identity, identity_note;
};

struct VerificationLine {
  enum class Mark {
    kInfo,     // a fact, neither checked nor failed ("verdict")
    kOk,       // checked and holds
    kSkipped,  // not checked, and why
    kFailed,   // checked and does not hold
  };
  std::string label;  // "signature", "draft", "result"
  Mark mark = Mark::kInfo;
  std::string text;
};

// What the caller's reader found in the payload.
struct PayloadFacts {
  std::string noun = "payload";         // "report": "but the report signed ..."
  std::vector<VerificationLine> lines;  // shown as they are
  std::vector<SignedClaim> claims;
};
// Reads the verified payload bytes. Its failures end the verification
// with their status (use kVerificationFailed: the bytes are signed).
using PayloadReader = std::function<Result<PayloadFacts>(std::string_view payload)>;

// A value the caller computed to compare with a claim of the same label.
struct ObservedValue {
  std::string label;   // "draft"
  std::string source;  // "draft.md"
  std::string value;
  std::string identity;  // compared with the claim's identity, may be empty
};

struct Verification {
  std::vector<VerificationLine> lines;  // what was checked, in order
  Status status;                        // ok only when everything verified
  std::optional<VerifiedSignature> signature;
};

// VerifySignature, then `reader` on the payload, then each observed value
// against its claim (all of them; every mismatch is reported). On a
// signature failure `lines` is empty; later failures keep the lines so
// far. kInvalidArgument when an observed value has no claim of its label.
Verification Verify(std::string_view name, std::string_view bytes,
                    const VerificationOptions& options, const PayloadReader& reader,
                    const std::vector<ObservedValue>& observed);

// The account as text, one line each: a 14-column label, then "ok  ",
// "--  " or "FAIL " by mark (nothing for kInfo), then the text.
std::string FormatVerification(const Verification& verification);

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_SIGN_H_
