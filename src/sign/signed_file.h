// Reading a signed report file in either of its two shapes: a bare DSSE
// envelope (dsse.h) or a Sigstore bundle v0.3 holding one (bundle.h), told
// apart by the bundle's "mediaType" member.
//
// Owns: the strict reading of both JSON shapes, before anything is
// verified: strict JSON first (no duplicate keys anywhere), then exactly
// the expected members, strict base64, and size caps. Verification of the
// signature and the timestamp is the caller's (verifier.h); the payload is
// never parsed here.
//
// Thread-safety: a pure function.
#ifndef PROVCHECK_SRC_SIGN_SIGNED_FILE_H_
#define PROVCHECK_SRC_SIGN_SIGNED_FILE_H_

#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "sign/dsse.h"

namespace provcheck::sign {

// At most this many RFC 3161 timestamps in one bundle.
inline constexpr size_t kMaxBundleTimestamps = 4;

struct SignedFile {
  bool bundle = false;
  std::string media_type;               // bundle only
  std::string key_hint;                 // bundle only: verificationMaterial.publicKey.hint
  std::vector<std::string> timestamps;  // bundle only: DER TimeStampResp each
  EnvelopeParts envelope;
};

// Reads `bytes`, the file named `name`. Fails with kResourceLimit past
// kMaxEnvelopeBytes; kCorruption naming `name` for anything malformed:
// JSON syntax or duplicate keys, missing, extra or mistyped members, bad
// base64, oversized fields, an unsupported bundle media type, a bundle
// signed with a certificate or a message signature instead of a key and a
// DSSE envelope, or with transparency-log entries (which provcheck does
// not check, so will not appear to vouch for).
Result<SignedFile> ReadSignedFile(std::string_view name, std::string_view bytes);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_SIGNED_FILE_H_
