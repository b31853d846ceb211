#include "test_tsa.h"

#include <netinet/in.h>
#include <openssl/bio.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/ts.h>
#include <openssl/x509.h>
#include <openssl/x509v3.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>

namespace provcheck::testing {
namespace {

void Check(bool ok, const char* what) {
  if (!ok) {
    std::fprintf(stderr, "test TSA: %s failed\n", what);
    std::abort();
  }
}

void AddExtension(X509* cert, X509* issuer, int nid, const char* value) {
  X509V3_CTX ctx;
  X509V3_set_ctx(&ctx, issuer, cert, nullptr, nullptr, 0);
  X509_EXTENSION* ext = X509V3_EXT_conf_nid(nullptr, &ctx, nid, value);
  Check(ext != nullptr && X509_add_ext(cert, ext, -1) == 1, "X509_add_ext");
  X509_EXTENSION_free(ext);
}

// A P-256 key and a certificate for it, valid from `from_s` to `to_s`
// seconds from now, issued by `issuer` (self-signed when null).
KeyAndCert MakeCert(const char* cn, const KeyAndCert* issuer, long from_s, long to_s, bool ca) {
  static int serial = 1;
  KeyAndCert out;
  out.key.reset(EVP_PKEY_Q_keygen(nullptr, nullptr, "EC", "P-256"), EVP_PKEY_free);
  Check(out.key != nullptr, "EC key generation");
  X509* x = X509_new();
  out.cert.reset(x, X509_free);
  X509_set_version(x, 2);
  ASN1_INTEGER_set(X509_get_serialNumber(x), serial++);
  X509_gmtime_adj(X509_getm_notBefore(x), from_s);
  X509_gmtime_adj(X509_getm_notAfter(x), to_s);
  X509_set_pubkey(x, out.key.get());
  X509_NAME* name = X509_get_subject_name(x);
  X509_NAME_add_entry_by_txt(name, "CN", MBSTRING_ASC, reinterpret_cast<const unsigned char*>(cn),
                             -1, -1, 0);
  X509* issuer_cert = issuer != nullptr ? issuer->cert.get() : x;
  X509_set_issuer_name(x, X509_get_subject_name(issuer_cert));
  if (ca) {
    AddExtension(x, issuer_cert, NID_basic_constraints, "critical,CA:TRUE");
    AddExtension(x, issuer_cert, NID_key_usage, "critical,keyCertSign,cRLSign");
    AddExtension(x, issuer_cert, NID_subject_key_identifier, "hash");
  } else {
    AddExtension(x, issuer_cert, NID_basic_constraints, "CA:FALSE");
    AddExtension(x, issuer_cert, NID_key_usage, "critical,digitalSignature");
    AddExtension(x, issuer_cert, NID_ext_key_usage, "critical,timeStamping");
    AddExtension(x, issuer_cert, NID_authority_key_identifier, "keyid");
  }
  EVP_PKEY* signing_key = issuer != nullptr ? issuer->key.get() : out.key.get();
  Check(X509_sign(x, signing_key, EVP_sha256()) > 0, "X509_sign");
  return out;
}

}  // namespace

std::string KeyAndCert::CertPem() const {
  BIO* bio = BIO_new(BIO_s_mem());
  Check(PEM_write_bio_X509(bio, cert.get()) == 1, "PEM_write_bio_X509");
  char* data = nullptr;
  long n = BIO_get_mem_data(bio, &data);
  std::string out(data, static_cast<size_t>(n));
  BIO_free(bio);
  return out;
}

TestTsa::TestTsa()
    : ca_(MakeCert("unit test TSA root", nullptr, -86400, 3650L * 86400, true)),
      good_(MakeCert("unit test TSA", &ca_, -3600, 365L * 86400, false)),
      expired_(MakeCert("unit test expired TSA", &ca_, -30L * 86400, -86400, false)),
      other_ca_(MakeCert("another root", nullptr, -86400, 3650L * 86400, true)),
      untrusted_(MakeCert("untrusted TSA", &other_ca_, -3600, 365L * 86400, false)) {}

std::string TestTsa::Reply(std::string_view query, Signer signer) const {
  const KeyAndCert& who = signer == Signer::kGood      ? good_
                          : signer == Signer::kExpired ? expired_
                                                       : untrusted_;
  TS_RESP_CTX* ctx = TS_RESP_CTX_new();
  ASN1_OBJECT* policy = OBJ_txt2obj("1.3.6.1.4.1.4146.2.3", 1);
  Check(ctx != nullptr && TS_RESP_CTX_set_signer_cert(ctx, who.cert.get()) == 1 &&
            TS_RESP_CTX_set_signer_key(ctx, who.key.get()) == 1 &&
            TS_RESP_CTX_set_signer_digest(ctx, EVP_sha256()) == 1 &&
            TS_RESP_CTX_set_ess_cert_id_digest(ctx, EVP_sha256()) == 1 &&
            TS_RESP_CTX_set_def_policy(ctx, policy) == 1 &&
            TS_RESP_CTX_add_md(ctx, EVP_sha256()) == 1,
        "TS_RESP_CTX setup");
  ASN1_OBJECT_free(policy);
  BIO* in = BIO_new_mem_buf(query.data(), static_cast<int>(query.size()));
  TS_RESP* resp = TS_RESP_create_response(ctx, in);
  Check(resp != nullptr, "TS_RESP_create_response");
  unsigned char* der = nullptr;
  const int len = i2d_TS_RESP(resp, &der);
  Check(len > 0, "i2d_TS_RESP");
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(len));
  OPENSSL_free(der);
  TS_RESP_free(resp);
  BIO_free(in);
  TS_RESP_CTX_free(ctx);
  return out;
}

LoopbackHttpServer::LoopbackHttpServer(Handler handler) : handler_(std::move(handler)) {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;  // a free port
  socklen_t len = sizeof addr;
  Check(listen_fd_ >= 0 && ::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), len) == 0 &&
            ::listen(listen_fd_, 8) == 0 &&
            ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0,
        "loopback listen");
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { Serve(); });
}

LoopbackHttpServer::~LoopbackHttpServer() { Stop(); }

std::string LoopbackHttpServer::Url(std::string_view path) const {
  return "http://127.0.0.1:" + std::to_string(port_) + std::string(path);
}

void LoopbackHttpServer::Stop() {
  stop_ = true;
  if (thread_.joinable()) thread_.join();
  if (listen_fd_ >= 0) ::close(listen_fd_);
  listen_fd_ = -1;
}

void LoopbackHttpServer::Serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::string in;
    char buf[4096];
    size_t need = std::string::npos;
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(5);
    while (in.size() < need && std::chrono::steady_clock::now() < deadline) {
      pollfd c{fd, POLLIN, 0};
      if (::poll(&c, 1, 100) <= 0) continue;
      ssize_t n = ::recv(fd, buf, sizeof buf, 0);
      if (n <= 0) break;
      in.append(buf, static_cast<size_t>(n));
      size_t head = in.find("\r\n\r\n");
      if (head != std::string::npos && need == std::string::npos) {
        size_t cl = in.find("Content-Length: ");
        size_t length = cl < head ? std::strtoul(in.c_str() + cl + 16, nullptr, 10) : 0;
        need = head + 4 + length;
      }
    }
    const size_t head = in.find("\r\n\r\n");
    const size_t sp1 = in.find(' '), sp2 = in.find(' ', sp1 + 1);
    std::string path = sp1 != std::string::npos && sp2 != std::string::npos
                           ? in.substr(sp1 + 1, sp2 - sp1 - 1)
                           : "/";
    Answer a = handler_(path, head == std::string::npos ? "" : in.substr(head + 4));
    if (a.delay_ms > 0) std::this_thread::sleep_for(std::chrono::milliseconds(a.delay_ms));
    std::string out = "HTTP/1.1 " + std::to_string(a.status) +
                      " X\r\nContent-Type: application/timestamp-reply\r\nConnection: close\r\n";
    if (a.chunked) {
      const size_t half = a.body.size() / 2;
      char size1[32], size2[32];
      std::snprintf(size1, sizeof size1, "%zx", half);
      std::snprintf(size2, sizeof size2, "%zX;ext=1", a.body.size() - half);
      out += "Transfer-Encoding: chunked\r\n\r\n" + std::string(size1) + "\r\n" +
             a.body.substr(0, half) + "\r\n" + size2 + "\r\n" + a.body.substr(half) +
             "\r\n0\r\n\r\n";
    } else {
      out += "Content-Length: " + std::to_string(a.body.size()) + "\r\n\r\n" + a.body;
    }
    size_t done = 0;
    while (done < out.size()) {
      ssize_t n = ::send(fd, out.data() + done, out.size() - done, MSG_NOSIGNAL);
      if (n <= 0) break;
      done += static_cast<size_t>(n);
    }
    ::close(fd);
  }
}

}  // namespace provcheck::testing
