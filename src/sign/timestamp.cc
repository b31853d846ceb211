#include "sign/timestamp.h"

#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>
#include <openssl/pkcs7.h>
#include <openssl/rand.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

#include <cstring>
#include <ctime>

#include "base/file_system.h"
#include "base/hex.h"
#include "base/sha256.h"
#include "sign/keys.h"

namespace provcheck::sign {
namespace {

constexpr uint64_t kMaxTrustFileBytes = 1 << 20;

template <typename T, void (*Free)(T*)>
struct Deleter {
  void operator()(T* p) const { Free(p); }
};
using RespPtr = std::unique_ptr<TS_RESP, Deleter<TS_RESP, TS_RESP_free>>;
using ReqPtr = std::unique_ptr<TS_REQ, Deleter<TS_REQ, TS_REQ_free>>;
using ImprintPtr = std::unique_ptr<TS_MSG_IMPRINT, Deleter<TS_MSG_IMPRINT, TS_MSG_IMPRINT_free>>;
using AlgorPtr = std::unique_ptr<X509_ALGOR, Deleter<X509_ALGOR, X509_ALGOR_free>>;
using IntPtr = std::unique_ptr<ASN1_INTEGER, Deleter<ASN1_INTEGER, ASN1_INTEGER_free>>;
using BnPtr = std::unique_ptr<BIGNUM, Deleter<BIGNUM, BN_free>>;
using BioPtr = std::unique_ptr<BIO, Deleter<BIO, BIO_free_all>>;
using StorePtr = std::unique_ptr<X509_STORE, Deleter<X509_STORE, X509_STORE_free>>;
using VerifyCtxPtr = std::unique_ptr<TS_VERIFY_CTX, Deleter<TS_VERIFY_CTX, TS_VERIFY_CTX_free>>;

Status Refused(std::string_view name, const std::string& what) {
  return Status::VerificationFailed(std::string(name) + ": timestamp: " + what);
}

std::string IntegerHex(const ASN1_INTEGER* n) {
  if (n == nullptr) return "";
  BnPtr bn(ASN1_INTEGER_to_BN(n, nullptr));
  if (!bn) return "";
  char* hex = BN_bn2hex(bn.get());
  std::string out = hex != nullptr ? hex : "";
  OPENSSL_free(hex);
  return out;
}

std::string NameLine(const X509_NAME* name) {
  BioPtr bio(BIO_new(BIO_s_mem()));
  if (!bio || X509_NAME_print_ex(bio.get(), name, 0, XN_FLAG_RFC2253) < 0) return "?";
  char* data = nullptr;
  long n = BIO_get_mem_data(bio.get(), &data);
  return n > 0 ? std::string(data, static_cast<size_t>(n)) : std::string();
}

bool AbsentOrNull(const X509_ALGOR* alg) {
  int type = V_ASN1_UNDEF;
  X509_ALGOR_get0(nullptr, &type, nullptr, alg);
  return type == V_ASN1_UNDEF || type == V_ASN1_NULL;
}

bool AbsentParameters(const X509_ALGOR* alg) {
  int type = V_ASN1_UNDEF;
  X509_ALGOR_get0(nullptr, &type, nullptr, alg);
  return type == V_ASN1_UNDEF;
}

std::string DerOf(const X509_NAME* name) {
  unsigned char* der = nullptr;
  const int len = i2d_X509_NAME(name, &der);
  std::string out =
      len > 0 ? std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len)) : std::string();
  OPENSSL_free(der);
  return out;
}

// Whether `sig_alg` is a signature algorithm for the signer's key.
bool SignatureAlgorithmFits(const X509_ALGOR* sig_alg, const EVP_PKEY* key) {
  if (key == nullptr) return false;  // a certificate whose key does not parse
  const ASN1_OBJECT* obj = nullptr;
  X509_ALGOR_get0(&obj, nullptr, nullptr, sig_alg);
  const int nid = OBJ_obj2nid(obj);
  switch (EVP_PKEY_get_base_id(key)) {
    case EVP_PKEY_EC:
      return (nid == NID_ecdsa_with_SHA256 || nid == NID_ecdsa_with_SHA384 ||
              nid == NID_ecdsa_with_SHA512 || nid == NID_X9_62_id_ecPublicKey) &&
             AbsentParameters(sig_alg);
    case EVP_PKEY_RSA:
      return (nid == NID_rsaEncryption || nid == NID_sha256WithRSAEncryption ||
              nid == NID_sha384WithRSAEncryption || nid == NID_sha512WithRSAEncryption) &&
             AbsentOrNull(sig_alg);
    case EVP_PKEY_ED25519:
      return nid == NID_ED25519 && AbsentParameters(sig_alg);
    default:
      return false;
  }
}

// One accepted form of a token. OpenSSL's CMS check covers the TSTInfo and
// the signed attributes, but not every byte around them: the signature
// algorithm's OID, versions, the signer's issuer name as written (compared
// case-insensitively), algorithm parameters, unsigned attributes, CRLs, or
// a lenient parse re-encoded before checking. A token altered in any of
// those would still "verify"; refuse it instead, so an altered token is
// never accepted.
Status CheckTokenForm(std::string_view name, TS_RESP* resp, std::string_view der) {
  unsigned char* again = nullptr;
  const int len = i2d_TS_RESP(resp, &again);
  const bool same = len > 0 && static_cast<size_t>(len) == der.size() &&
                    std::memcmp(again, der.data(), der.size()) == 0;
  OPENSSL_free(again);
  if (!same) return Refused(name, "not in DER as a TSA writes it (altered?)");
  PKCS7* token = TS_RESP_get_token(resp);
  const PKCS7_SIGNED* sd = PKCS7_type_is_signed(token) ? token->d.sign : nullptr;
  if (sd == nullptr) return Refused(name, "the token is not CMS SignedData");
  const long version = ASN1_INTEGER_get(sd->version);
  if (version != 1 && version != 3) return Refused(name, "SignedData version is not 1 or 3");
  for (int i = 0; i < sk_X509_ALGOR_num(sd->md_algs); ++i) {
    if (!AbsentOrNull(sk_X509_ALGOR_value(sd->md_algs, i))) {
      return Refused(name, "unexpected digest algorithm parameters");
    }
  }
  if (sd->crl != nullptr && sk_X509_CRL_num(sd->crl) > 0) {
    return Refused(name, "the token carries CRLs, which no one signed");
  }
  if (sk_PKCS7_SIGNER_INFO_num(sd->signer_info) != 1) {
    return Refused(name, "expected exactly one SignerInfo");
  }
  const PKCS7_SIGNER_INFO* si = sk_PKCS7_SIGNER_INFO_value(sd->signer_info, 0);
  const long si_version = ASN1_INTEGER_get(si->version);
  if (si_version != 1 && si_version != 3) return Refused(name, "SignerInfo version is not 1");
  if (!AbsentOrNull(si->digest_alg)) return Refused(name, "unexpected digest parameters");
  if (si->unauth_attr != nullptr && sk_X509_ATTRIBUTE_num(si->unauth_attr) > 0) {
    return Refused(name, "the token carries unsigned attributes, which no one signed");
  }
  STACK_OF(X509)* signers = PKCS7_get0_signers(token, nullptr, 0);
  X509* signer =
      signers != nullptr && sk_X509_num(signers) == 1 ? sk_X509_value(signers, 0) : nullptr;
  sk_X509_free(signers);
  ERR_clear_error();
  if (signer == nullptr) {
    return Refused(name, "the token does not carry the TSA's certificate (provcheck asks for it)");
  }
  if (DerOf(si->issuer_and_serial->issuer) != DerOf(X509_get_issuer_name(signer))) {
    return Refused(name, "the SignerInfo's issuer is not written as in the TSA's certificate");
  }
  const EVP_PKEY* signer_key = X509_get0_pubkey(signer);
  ERR_clear_error();
  if (!SignatureAlgorithmFits(si->digest_enc_alg, signer_key)) {
    return Refused(name, "the SignerInfo's signature algorithm does not fit the TSA's key");
  }
  return Status::Ok();
}

Result<RespPtr> ParseReply(std::string_view name, std::string_view der) {
  if (der.size() > kMaxTimestampBytes) {
    return Refused(name, std::to_string(der.size()) + " bytes, more than the limit of " +
                             std::to_string(kMaxTimestampBytes));
  }
  const unsigned char* p = reinterpret_cast<const unsigned char*>(der.data());
  RespPtr resp(d2i_TS_RESP(nullptr, &p, static_cast<long>(der.size())));
  if (!resp) {
    return Refused(name, OpenSslError("not a DER RFC 3161 TimeStampResp (damaged?)"));
  }
  if (p != reinterpret_cast<const unsigned char*>(der.data()) + der.size()) {
    return Refused(name, "bytes after the TimeStampResp (damaged?)");
  }
  const ASN1_INTEGER* status = TS_STATUS_INFO_get0_status(TS_RESP_get_status_info(resp.get()));
  const long code = ASN1_INTEGER_get(status);
  if (code != 0) {  // granted; provcheck asks for nothing a TSA could modify
    return Refused(name, "the authority did not grant the request (PKIStatus " +
                             std::to_string(code) + ", expected 0, granted)");
  }
  if (TS_RESP_get_token(resp.get()) == nullptr || TS_RESP_get_tst_info(resp.get()) == nullptr) {
    return Refused(name, "the reply holds no time-stamp token");
  }
  PROVCHECK_RETURN_IF_ERROR(CheckTokenForm(name, resp.get(), der));
  return resp;
}

// The checks that need no trusted root: version, imprint, the facts.
Result<TimestampFacts> ReadFacts(std::string_view name, TS_RESP* resp, std::string_view message) {
  TS_TST_INFO* tst = TS_RESP_get_tst_info(resp);
  if (TS_TST_INFO_get_version(tst) != 1) {
    return Refused(
        name, "TSTInfo version " + std::to_string(TS_TST_INFO_get_version(tst)) + ", expected 1");
  }
  TS_MSG_IMPRINT* imprint = TS_TST_INFO_get_msg_imprint(tst);
  const ASN1_OBJECT* alg = nullptr;
  X509_ALGOR_get0(&alg, nullptr, nullptr, TS_MSG_IMPRINT_get_algo(imprint));
  if (OBJ_obj2nid(alg) != NID_sha256) {
    char oid[80];
    OBJ_obj2txt(oid, sizeof oid, alg, 1);
    return Refused(name, std::string("its imprint uses hash ") + oid + ", expected SHA-256");
  }
  const ASN1_STRING* got = TS_MSG_IMPRINT_get_msg(imprint);
  const base::Sha256Digest want = base::Sha256Of(message);
  const std::string got_bytes(reinterpret_cast<const char*>(ASN1_STRING_get0_data(got)),
                              static_cast<size_t>(ASN1_STRING_length(got)));
  const std::string want_bytes(reinterpret_cast<const char*>(want.data()), want.size());
  if (got_bytes != want_bytes) {
    return Refused(name, "it stamps other bytes: its imprint " + base::HexEncode(got_bytes) +
                             " is not the SHA-256 of the signature, " +
                             base::HexEncode(want_bytes));
  }
  TimestampFacts facts;
  struct tm tm;
  std::memset(&tm, 0, sizeof tm);
  if (ASN1_TIME_to_tm(TS_TST_INFO_get_time(tst), &tm) != 1) {
    ERR_clear_error();
    return Refused(name, "unreadable genTime");
  }
  facts.gen_time =
      UtcSeconds(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
  facts.serial_hex = IntegerHex(TS_TST_INFO_get_serial(tst));
  char oid[80] = "";
  OBJ_obj2txt(oid, sizeof oid, TS_TST_INFO_get_policy_id(tst), 1);
  facts.policy = oid;
  STACK_OF(X509)* signers = PKCS7_get0_signers(TS_RESP_get_token(resp), nullptr, 0);
  if (signers != nullptr && sk_X509_num(signers) == 1) {
    facts.tsa = NameLine(X509_get_subject_name(sk_X509_value(signers, 0)));
  } else {
    facts.tsa = "(no certificate in the token)";
  }
  sk_X509_free(signers);
  ERR_clear_error();
  return facts;
}

std::string WhyChainFailed(const std::string& detail) {
  if (detail.find("certificate has expired") != std::string::npos) {
    return "the TSA's certificate had expired at the token's time";
  }
  if (detail.find("certificate is not yet valid") != std::string::npos) {
    return "the TSA's certificate was not yet valid at the token's time";
  }
  if (detail.find("local issuer") != std::string::npos ||
      detail.find("self-signed") != std::string::npos ||
      detail.find("self signed") != std::string::npos ||
      detail.find("unable to get issuer") != std::string::npos) {
    return "the TSA is not trusted: its certificate does not chain to a trusted root";
  }
  if (detail.find("unsupported certificate purpose") != std::string::npos ||
      detail.find("extended key usage") != std::string::npos) {
    return "the signer's certificate is not for time stamping (extended key usage)";
  }
  return "the TSA's signature does not verify (token altered?)";
}

}  // namespace

Result<TimestampTrust> TimestampTrust::FromPem(std::string_view name, std::string_view pem) {
  if (pem.size() > kMaxTrustFileBytes) {
    return Status::InvalidInput(std::string(name) + ": more than 1 MiB of certificates");
  }
  BioPtr bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  if (!bio) return Status::Internal(OpenSslError("BIO_new_mem_buf"));
  TimestampTrust out;
  out.name_ = std::string(name);
  while (X509* cert = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) {
    out.roots_.emplace_back(cert, X509_free);
  }
  const unsigned long last = ERR_peek_last_error();
  if (ERR_GET_REASON(last) == PEM_R_NO_START_LINE && !out.roots_.empty()) {
    ERR_clear_error();  // the normal end of the file
  } else if (last != 0 || out.roots_.empty()) {
    return Status::InvalidInput(
        OpenSslError(std::string(name) +
                     ": expected PEM certificates (-----BEGIN CERTIFICATE-----) of "
                     "the time-stamping authorities to trust"));
  }
  return out;
}

Result<TimestampTrust> TimestampTrust::Load(const std::string& path) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string pem,
                             base::FileSystem::Default().ReadFile(path, kMaxTrustFileBytes));
  return FromPem(path, pem);
}

Result<TimestampQuery> NewTimestampQuery(std::string_view message) {
  ReqPtr req(TS_REQ_new());
  ImprintPtr imprint(TS_MSG_IMPRINT_new());
  AlgorPtr alg(X509_ALGOR_new());
  if (!req || !imprint || !alg ||
      X509_ALGOR_set0(alg.get(), OBJ_nid2obj(NID_sha256), V_ASN1_NULL, nullptr) != 1) {
    return Status::Internal(OpenSslError("time-stamp query"));
  }
  base::Sha256Digest digest = base::Sha256Of(message);
  unsigned char nonce_bytes[8];
  if (RAND_bytes(nonce_bytes, sizeof nonce_bytes) != 1) {
    return Status::Internal(OpenSslError("RAND_bytes"));
  }
  nonce_bytes[0] &= 0x7f;  // positive
  nonce_bytes[0] |= 0x40;  // and 63 bits long, so it never encodes shorter
  BnPtr bn(BN_bin2bn(nonce_bytes, sizeof nonce_bytes, nullptr));
  IntPtr nonce(bn ? BN_to_ASN1_INTEGER(bn.get(), nullptr) : nullptr);
  if (!nonce || TS_REQ_set_version(req.get(), 1) != 1 ||
      TS_MSG_IMPRINT_set_algo(imprint.get(), alg.get()) != 1 ||
      TS_MSG_IMPRINT_set_msg(imprint.get(), digest.data(), static_cast<int>(digest.size())) != 1 ||
      TS_REQ_set_msg_imprint(req.get(), imprint.get()) != 1 ||
      TS_REQ_set_nonce(req.get(), nonce.get()) != 1 || TS_REQ_set_cert_req(req.get(), 1) != 1) {
    return Status::Internal(OpenSslError("time-stamp query"));
  }
  unsigned char* der = nullptr;
  const int len = i2d_TS_REQ(req.get(), &der);
  if (len <= 0) return Status::Internal(OpenSslError("i2d_TS_REQ"));
  TimestampQuery out{std::string(reinterpret_cast<char*>(der), static_cast<size_t>(len)),
                     IntegerHex(nonce.get())};
  OPENSSL_free(der);
  return out;
}

Result<std::string> RequestTimestamp(std::string_view url, std::string_view message,
                                     const HttpPostOptions& options) {
  PROVCHECK_ASSIGN_OR_RETURN(TimestampQuery query, NewTimestampQuery(message));
  HttpPostOptions capped = options;
  capped.max_response_bytes = kMaxTimestampBytes;
  PROVCHECK_ASSIGN_OR_RETURN(HttpResponse reply,
                             HttpPost(url, kTimestampQueryType, query.der, capped));
  const std::string name = "timestamp authority " + std::string(url);
  if (reply.status != 200) {
    std::string shown = reply.body.substr(0, 120);
    for (char& c : shown) {
      if (static_cast<unsigned char>(c) < ' ' || static_cast<unsigned char>(c) > '~') c = ' ';
    }
    return Status::IOError(name + ": answered HTTP " + std::to_string(reply.status) +
                           (shown.empty() ? "" : ": " + shown));
  }
  PROVCHECK_ASSIGN_OR_RETURN(RespPtr resp, ParseReply(name, reply.body));
  PROVCHECK_ASSIGN_OR_RETURN(TimestampFacts facts, ReadFacts(name, resp.get(), message));
  (void)facts;
  const std::string nonce = IntegerHex(TS_TST_INFO_get_nonce(TS_RESP_get_tst_info(resp.get())));
  if (nonce != query.nonce_hex) {
    return Refused(name, "the reply's nonce " + (nonce.empty() ? "(none)" : nonce) +
                             " is not the request's " + query.nonce_hex +
                             " (a replayed or misdirected reply)");
  }
  return reply.body;
}

Result<TimestampFacts> VerifyTimestamp(std::string_view name, std::string_view reply,
                                       std::string_view message, const TimestampTrust* trust) {
  PROVCHECK_ASSIGN_OR_RETURN(RespPtr resp, ParseReply(name, reply));
  PROVCHECK_ASSIGN_OR_RETURN(TimestampFacts facts, ReadFacts(name, resp.get(), message));
  if (trust == nullptr) return facts;

  StorePtr store(X509_STORE_new());
  if (!store) return Status::Internal(OpenSslError("X509_STORE_new"));
  for (const std::shared_ptr<X509>& root : trust->roots()) {
    if (X509_STORE_add_cert(store.get(), root.get()) != 1) {
      return Status::Internal(OpenSslError("X509_STORE_add_cert"));
    }
  }
  // The chain as it stood when the token was made (long-term validation).
  X509_VERIFY_PARAM_set_time(X509_STORE_get0_param(store.get()),
                             static_cast<time_t>(facts.gen_time));
  VerifyCtxPtr ctx(TS_VERIFY_CTX_new());
  unsigned char* imprint = static_cast<unsigned char*>(OPENSSL_malloc(32));
  if (!ctx || imprint == nullptr) {
    OPENSSL_free(imprint);
    return Status::Internal(OpenSslError("TS_VERIFY_CTX_new"));
  }
  const base::Sha256Digest digest = base::Sha256Of(message);
  std::memcpy(imprint, digest.data(), digest.size());
  TS_VERIFY_CTX_set_imprint(ctx.get(), imprint, static_cast<long>(digest.size()));  // owns it
  TS_VERIFY_CTX_set_store(ctx.get(), store.release());                              // owns it
  TS_VERIFY_CTX_set_flags(ctx.get(),
                          TS_VFY_SIGNATURE | TS_VFY_VERSION | TS_VFY_IMPRINT | TS_VFY_SIGNER);
  if (TS_RESP_verify_token(ctx.get(), TS_RESP_get_token(resp.get())) != 1) {
    const std::string detail = OpenSslError("openssl");
    return Refused(name, WhyChainFailed(detail) + " (token time " + FormatUtc(facts.gen_time) +
                             ", trusted roots from " + trust->name() + "; " + detail + ")");
  }
  facts.trusted = true;
  return facts;
}

}  // namespace provcheck::sign
