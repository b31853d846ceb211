// SHA-256 through OpenSSL 3 (EVP), for draft, rules and index digests.
//
// Thread-safety: a Sha256 object is not thread-safe; the free function is.
#ifndef PROVCHECK_SRC_BASE_SHA256_H_
#define PROVCHECK_SRC_BASE_SHA256_H_

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace provcheck::base {

using Sha256Digest = std::array<uint8_t, 32>;

// Incremental hashing. OpenSSL failures here mean a broken installation and
// are treated as bugs (abort), since SHA-256 cannot fail on valid input.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;

  void Update(std::string_view bytes);
  // Returns the digest; the object must not be updated afterwards.
  Sha256Digest Finish();

 private:
  struct Ctx;
  std::unique_ptr<Ctx> ctx_;
};

Sha256Digest Sha256Of(std::string_view bytes);
// Lower-case hex of the SHA-256 of `bytes`.
std::string Sha256Hex(std::string_view bytes);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_SHA256_H_
