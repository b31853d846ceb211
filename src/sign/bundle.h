// Sigstore bundle v0.3 (github.com/sigstore/protobuf-specs,
// sigstore_bundle.proto) in its JSON form, as provcheck writes it: a DSSE
// envelope, the verification material naming the key (publicKey.hint, the
// keyid) and the RFC 3161 timestamps over the signature.
//
//   {"dsseEnvelope": {<the DSSE envelope, dsse.h>},
//    "mediaType": "application/vnd.dev.sigstore.bundle.v0.3+json",
//    "verificationMaterial": {
//      "publicKey": {"hint": "<keyid>"},
//      "timestampVerificationData": {
//        "rfc3161Timestamps": [{"signedTimestamp": "<base64 DER TimeStampResp>"}]}}}
//
// Members in sorted order (RFC 8785), one line. The hint is unauthenticated
// (as in Sigstore): the verifier's key or keyring decides, and the hint only
// has to agree with the signature's keyid. Reading is signed_file.h's.
//
// Thread-safety: pure functions.
#ifndef PROVCHECK_SRC_SIGN_BUNDLE_H_
#define PROVCHECK_SRC_SIGN_BUNDLE_H_

#include <string>
#include <string_view>
#include <vector>

#include "sign/dsse.h"

namespace provcheck::sign {

inline constexpr char kBundleMediaType[] = "application/vnd.dev.sigstore.bundle.v0.3+json";
// The same version in the older media type spelling; accepted when read.
inline constexpr char kBundleMediaTypeAlt[] =
    "application/vnd.dev.sigstore.bundle+json;version=0.3";

// The bundle's bytes (no trailing newline) for `envelope`, signed by the key
// with `keyid`, with `timestamps` (DER TimeStampResp each, may be empty).
std::string BundleJson(const EnvelopeParts& envelope, std::string_view keyid,
                       const std::vector<std::string>& timestamps);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_BUNDLE_H_
