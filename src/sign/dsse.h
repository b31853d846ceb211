// DSSE envelopes (Dead Simple Signing Envelope, secure-systems-lab/dsse,
// protocol v1): sign bytes with a payload type, and verify an envelope as
// received.
//
// Owns: the pre-authentication encoding (PAE), the envelope's JSON form and
// the rules for accepting one. Knows nothing of what the payload means (the
// report stage builds and reads the in-toto statement).
//
// The envelope, in canonical JSON (RFC 8785; its members happen to be in
// sorted order already):
//   {"payload":"<base64>","payloadType":"<type>",
//    "signatures":[{"keyid":"<hex sha256 of the SPKI DER>","sig":"<base64>"}]}
// with the signature over PAE(payloadType, payload):
//   "DSSEv1" SP LEN(payloadType) SP payloadType SP LEN(payload) SP payload
// where LEN is the byte length in ASCII decimal without leading zeros.
//
// Verification never trusts the envelope to choose the key or algorithm:
// the caller gives the one public key, the algorithm is Ed25519, and the
// keyid inside only has to agree with that key.
//
// Thread-safety: pure functions over the given key.
#ifndef PROVCHECK_SRC_SIGN_DSSE_H_
#define PROVCHECK_SRC_SIGN_DSSE_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "sign/keys.h"

namespace provcheck::sign {

inline constexpr char kInTotoPayloadType[] = "application/vnd.in-toto+json";

// Limits on what Verify reads, checked before the work they bound.
inline constexpr uint64_t kMaxEnvelopeBytes = 64ULL << 20;
inline constexpr uint64_t kMaxPayloadBytes = 45ULL << 20;  // base64 of it fits the envelope
inline constexpr size_t kMaxPayloadTypeBytes = 256;
inline constexpr size_t kMaxKeyidBytes = 256;
inline constexpr size_t kMaxSignatureEntries = 16;

// DSSE's pre-authentication encoding of `payload` with `payload_type`.
std::string PreAuthEncoding(std::string_view payload_type, std::string_view payload);

// An envelope's contents, decoded (base64 undone), not yet verified.
struct EnvelopeSignature {
  std::string keyid;
  std::string sig;  // 64 bytes
};
struct EnvelopeParts {
  std::string payload_type;
  std::string payload;
  std::vector<EnvelopeSignature> signatures;
};

// Signs PAE(payload_type, payload) with `key`: the parts of a one-signature
// envelope. Fails as SignEnvelope does.
// REQUIRES: payload_type is printable ASCII.
Result<EnvelopeParts> SignParts(std::string_view payload_type, std::string_view payload,
                                const PrivateKey& key);

// The canonical JSON of `parts` (no trailing newline), as described above.
std::string EnvelopeJson(const EnvelopeParts& parts);

// Signs PAE(payload_type, payload) with `key` and returns the envelope's
// bytes (no trailing newline). kResourceLimit when the payload exceeds
// kMaxPayloadBytes (Verify would refuse it); kInternal on OpenSSL failure.
// REQUIRES: payload_type is printable ASCII.
Result<std::string> SignEnvelope(std::string_view payload_type, std::string_view payload,
                                 const PrivateKey& key);

struct VerifiedEnvelope {
  std::string payload_type;
  std::string payload;  // the decoded bytes the signature covers
  std::string keyid;    // the verifying key's keyid
};

// The rules of VerifyEnvelope that follow the shape: the payload type, then
// every signature entry. Fails with kVerificationFailed naming `name`.
Result<VerifiedEnvelope> CheckEnvelopeSignatures(std::string_view name, EnvelopeParts parts,
                                                 const PublicKey& key,
                                                 std::string_view expected_payload_type);

// Verifies `envelope` (the bytes of the file named `name`) with `key` and
// returns the payload it signs. Accepts the envelope only when:
//   - it is strict JSON (no duplicate keys anywhere), at most
//     kMaxEnvelopeBytes, an object with exactly "payload", "payloadType" and
//     "signatures" (a non-empty array), each signature an object with
//     exactly "keyid" and "sig"; base64 is strict (standard alphabet,
//     padded, canonical);
//   - payloadType equals `expected_payload_type`;
//   - every signature entry verifies with `key` over PAE(payloadType,
//     decoded payload) and carries `key`'s keyid, and no entry repeats
//     another. Ed25519 signatures are deterministic, so this means exactly
//     one entry: an extra entry (another signer, a copy, garbage) is
//     refused rather than ignored, so no one can pad a signed envelope.
// The payload is not parsed here: the caller parses it only after this
// returns, and must use these bytes as they are (never re-canonicalised).
// Failures: kResourceLimit (too large), kCorruption (not a well-formed
// envelope: JSON syntax, duplicate keys, missing or extra fields, wrong
// types, bad base64, oversized fields), kVerificationFailed (payload type,
// signature or keyid), each message starting with `name`.
Result<VerifiedEnvelope> VerifyEnvelope(std::string_view name, std::string_view envelope,
                                        const PublicKey& key,
                                        std::string_view expected_payload_type);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_DSSE_H_
