// RFC 3161 trusted timestamps over a signature, through OpenSSL 3's TS API.
//
// Owns: the request (version 1, a SHA-256 message imprint of the signature
// bytes, a random 64-bit nonce, certReq so the token carries the TSA's
// certificate), the exchange with a time-stamping authority over HTTP, and
// the checks on a reply: status granted, the imprint, and, given trusted
// roots, the TSA's signature and certificate chain. The chain is checked
// at the token's own time (genTime), not today: a token stays verifiable
// after its TSA certificate expires, as long-term validation requires, and
// a certificate that had expired when the token was made is refused.
// Knows nothing of envelopes or keys (it stamps bytes).
//
// What is stored is the DER TimeStampResp (RFC 3161 section 2.4.2), as
// Sigstore's RFC3161SignedTimestamp holds it, so `openssl ts -verify -in`
// reads it unchanged.
//
// Thread-safety: TimestampTrust is immutable after loading and may be
// shared; the functions may run on several threads at once.
#ifndef PROVCHECK_SRC_SIGN_TIMESTAMP_H_
#define PROVCHECK_SRC_SIGN_TIMESTAMP_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"
#include "sign/http_client.h"
#include "sign/utc_time.h"

struct x509_st;  // OpenSSL's X509, kept out of this header

namespace provcheck::sign {

inline constexpr char kTimestampQueryType[] = "application/timestamp-query";
inline constexpr size_t kMaxTimestampBytes = 64 << 10;  // a reply with a chain of a few certs

// The certificates a verifier trusts to anchor TSA chains.
class TimestampTrust {
 public:
  // Parses one or more PEM "CERTIFICATE" blocks. kInvalidInput naming
  // `name` when there is none or one does not parse.
  static Result<TimestampTrust> FromPem(std::string_view name, std::string_view pem);
  static Result<TimestampTrust> Load(const std::string& path);

  size_t size() const { return roots_.size(); }
  const std::vector<std::shared_ptr<x509_st>>& roots() const { return roots_; }
  const std::string& name() const { return name_; }

 private:
  std::vector<std::shared_ptr<x509_st>> roots_;  // read-only after loading
  std::string name_;
};

// A time-stamp query for `message` (DER), and the nonce it carries.
struct TimestampQuery {
  std::string der;
  std::string nonce_hex;
};
Result<TimestampQuery> NewTimestampQuery(std::string_view message);

// Asks the TSA at `url` to stamp `message` (here: the signature bytes) and
// returns its DER reply after checking it is granted, carries a token, and
// that the token's imprint and nonce are the ones asked for. kIOError when
// the TSA cannot be reached or answers other than HTTP 200;
// kVerificationFailed when the reply is refused, malformed or about other
// bytes; kResourceLimit when it is over kMaxTimestampBytes. Messages name
// the URL.
Result<std::string> RequestTimestamp(std::string_view url, std::string_view message,
                                     const HttpPostOptions& options);

// What a timestamp says, and how far it was checked.
struct TimestampFacts {
  UnixSeconds gen_time = 0;  // when the TSA saw the imprint (fraction dropped)
  std::string tsa;           // the signing certificate's subject, one line
  std::string serial_hex;    // the token's serial number
  std::string policy;        // the TSA policy OID, dotted
  bool trusted = false;      // the signature and chain were checked
};

// Reads the DER TimeStampResp `reply` (from the file `name`) about
// `message`. Always checks: it parses, its status is granted, it carries a
// token of version 1 whose imprint is SHA-256 and equals SHA-256(message).
// With `trust`, also: the token's CMS signature verifies with the signer
// certificate it carries, that certificate has the timeStamping extended key
// usage and chains to one of `trust`'s roots at genTime, and the ESS
// signing-certificate attribute names it. Every failure is
// kVerificationFailed with the reason (over other bytes; untrusted TSA;
// certificate expired at genTime; signature does not verify).
Result<TimestampFacts> VerifyTimestamp(std::string_view name, std::string_view reply,
                                       std::string_view message, const TimestampTrust* trust);

}  // namespace provcheck::sign

#endif  // PROVCHECK_SRC_SIGN_TIMESTAMP_H_
