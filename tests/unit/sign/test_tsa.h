// A real RFC 3161 time-stamping authority for the unit tests, built from
// OpenSSL's API: a test CA, TSA certificates (one valid, one that expired
// yesterday, one from another CA), TS_RESP_CTX answering queries, and a
// loopback HTTP server (127.0.0.1, a free port) that a test starts and
// stops. Test support only; never in the library.
#ifndef PROVCHECK_TESTS_UNIT_SIGN_TEST_TSA_H_
#define PROVCHECK_TESTS_UNIT_SIGN_TEST_TSA_H_

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>

struct evp_pkey_st;
struct x509_st;

namespace provcheck::testing {

struct KeyAndCert {
  std::shared_ptr<evp_pkey_st> key;
  std::shared_ptr<x509_st> cert;
  std::string CertPem() const;
};

class TestTsa {
 public:
  enum class Signer { kGood, kExpired, kUntrusted };
  TestTsa();  // aborts the test binary if OpenSSL fails

  // The DER TimeStampResp for the DER TimeStampReq `query`.
  std::string Reply(std::string_view query, Signer signer = Signer::kGood) const;
  // PEM of the CA that issued kGood and kExpired.
  std::string CaPem() const { return ca_.CertPem(); }

 private:
  KeyAndCert ca_, good_, expired_, other_ca_, untrusted_;
};

// Answers each POST on 127.0.0.1 with `handler(path, body)` -> {status,
// body}; one connection at a time, until Stop() or destruction.
class LoopbackHttpServer {
 public:
  struct Answer {
    int status = 200;
    std::string body;
    bool chunked = false;
    int delay_ms = 0;  // wait before answering
  };
  using Handler = std::function<Answer(const std::string& path, const std::string& body)>;

  explicit LoopbackHttpServer(Handler handler);
  ~LoopbackHttpServer();
  std::string Url(std::string_view path = "/") const;
  void Stop();

 private:
  void Serve();
  Handler handler_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
};

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_UNIT_SIGN_TEST_TSA_H_
