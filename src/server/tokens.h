// TokenTable: who may call the API. A tokens file holds one token per line
// as the lower-case hex SHA-256 of the token, its role and an optional
// label, '#' starting a comment:
//
//   # sha256(token)                                                 role   label
//   9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08 scan   cms
//
// Roles nest: `scan` submits and reads scans and reads the index; `write`
// also adds and removes documents; `admin` also reads /metrics. The server
// keeps only the hashes; a presented token is hashed and compared with every
// entry in constant time (CRYPTO_memcmp, no early exit), so neither timing
// nor a log can give a token away.
//
// Thread-safety: immutable after Load; share freely.
#ifndef PROVCHECK_SRC_SERVER_TOKENS_H_
#define PROVCHECK_SRC_SERVER_TOKENS_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::server {

enum class Role { kScan = 1, kWrite = 2, kAdmin = 3 };
// "scan", "write", "admin".
const char* RoleName(Role role);

struct Caller {
  Role role = Role::kScan;
  std::string label;  // from the tokens file; may be empty
  std::string hash;   // hex SHA-256 of the token: a stable caller identity
};

class TokenTable {
 public:
  // Parses a tokens file; kInvalidInput naming `name` and the line for a bad
  // hash, an unknown role or a repeated hash.
  static Result<TokenTable> Parse(std::string_view name, std::string_view bytes);
  static Result<TokenTable> Load(const std::string& path);

  // The caller presenting `token`, or nullopt.
  std::optional<Caller> Authenticate(std::string_view token) const;
  size_t size() const { return entries_.size(); }

 private:
  struct Entry {
    std::array<uint8_t, 32> hash;
    Caller caller;
  };
  std::vector<Entry> entries_;
};

// The token of an "Authorization: Bearer TOKEN" header value, or nullopt.
std::optional<std::string_view> BearerToken(std::string_view authorization);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_TOKENS_H_
