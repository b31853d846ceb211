// Verifying a signed report file, envelope or bundle, as far as the sign
// stage can: the signature over the exact bytes, the key (one given key, or
// the keyring entry with the signature's keyid), the RFC 3161 timestamps,
// and the key's validity at the time they prove. The payload is returned
// unparsed; what it means is the caller's.
//
// Order, stopping at the first failure (docs/signing.md, "What a verifier
// does"): read the file strictly (signed_file.h); pick the key; a bundle's
// key hint must be the signature's keyid; payload type and signature
// (dsse.h); each timestamp's imprint, and with trusted roots its signature
// and chain; then, with a keyring, the key's validity at the earliest
// proven time, or, when no time is proven, only that the key is not
// revoked (an unproven time could be after the revocation).
//
// Thread-safety: a pure function over its inputs.
#ifndef PROVCHECK_SRC_SIGN_VERIFIER_H_
#define PROVCHECK_SRC_SIGN_VERIFIER_H_

#include <optional>
#include <string>
#include <string_view>

#include "provcheck/result.h"
#include "sign/dsse.h"
#include "sign/keyring.h"
#include "sign/keys.h"
#include "sign/timestamp.h"

namespace provcheck::sign {

// Exactly one of `key` and `keyring`; the pointers must outlive the call.
struct VerifierInputs {
  const PublicKey* key = nullptr;
  std::string key_label;  // names `key` in the account (its file)
  const Keyring* keyring = nullptr;
  const TimestampTrust* trust = nullptr;  // null: timestamps read, not trusted
  std::string expected_payload_type = "application/vnd.in-toto+json";
};

enum class TimeProof {
  kNone,       // no timestamp
  kUnchecked,  // timestamps whose imprint matches, but no trusted roots given
  kProven,     // every timestamp verified against trusted roots
};

struct SignatureOutcome {
  VerifiedEnvelope envelope;
  bool bundle = false;
  std::string signer;                   // the keyring entry's name, or key_label
  std::optional<KeyValidity> validity;  // keyring only
  TimeProof time = TimeProof::kNone;
  std::optional<TimestampFacts> timestamp;  // the earliest, when there is one
};

// Verifies `bytes`, the file named `name`. Fails with kResourceLimit or
// kCorruption as ReadSignedFile does, kInvalidArgument when the inputs name
// no key or both a key and a keyring, and kVerificationFailed naming the
// file and saying why for everything else.
Result<SignatureOutcome> VerifySignedFile(std::string_view name, std::string_view bytes,
                                          const VerifierInputs& inputs);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_VERIFIER_H_
