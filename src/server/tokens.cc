#include "server/tokens.h"

#include <openssl/crypto.h>

#include "base/file_system.h"
#include "base/hex.h"
#include "base/sha256.h"

namespace provcheck::server {
namespace {

constexpr uint64_t kMaxTokensFileBytes = 1 << 20;

std::optional<std::array<uint8_t, 32>> ParseHash(std::string_view hex) {
  if (hex.size() != 64) return std::nullopt;
  std::array<uint8_t, 32> out{};
  for (size_t i = 0; i < 64; ++i) {
    const char c = hex[i];
    int v;
    if (c >= '0' && c <= '9') {
      v = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      v = c - 'a' + 10;
    } else {
      return std::nullopt;
    }
    out[i / 2] = static_cast<uint8_t>(out[i / 2] * 16 + v);
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view line) {
  std::vector<std::string_view> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
    const size_t start = i;
    while (i < line.size() && line[i] != ' ' && line[i] != '\t' && line[i] != '\r') ++i;
    if (i > start) words.push_back(line.substr(start, i - start));
  }
  return words;
}

}  // namespace

const char* RoleName(Role role) {
  switch (role) {
    case Role::kScan:
      return "scan";
    case Role::kWrite:
      return "write";
    case Role::kAdmin:
      return "admin";
  }
  return "scan";
}

Result<TokenTable> TokenTable::Parse(std::string_view name, std::string_view bytes) {
  TokenTable table;
  size_t line_number = 0;
  while (!bytes.empty()) {
    ++line_number;
    const size_t nl = bytes.find('\n');
    std::string_view line = bytes.substr(0, nl);
    bytes = nl == std::string_view::npos ? std::string_view() : bytes.substr(nl + 1);
    if (const size_t hash = line.find('#'); hash != std::string_view::npos) {
      line = line.substr(0, hash);
    }
    const std::vector<std::string_view> words = Words(line);
    if (words.empty()) continue;
    const std::string where = std::string(name) + ":" + std::to_string(line_number) + ": ";
    if (words.size() < 2 || words.size() > 3) {
      return Status::InvalidInput(where + "expected SHA256-HEX ROLE [LABEL]");
    }
    std::optional<std::array<uint8_t, 32>> hash = ParseHash(words[0]);
    if (!hash) {
      return Status::InvalidInput(
          where + "expected the token's SHA-256 as 64 lower-case hex digits (printf %s TOKEN | "
                  "sha256sum), not a token");
    }
    Entry entry{*hash, {}};
    if (words[1] == "scan") {
      entry.caller.role = Role::kScan;
    } else if (words[1] == "write") {
      entry.caller.role = Role::kWrite;
    } else if (words[1] == "admin") {
      entry.caller.role = Role::kAdmin;
    } else {
      return Status::InvalidInput(where + "role \"" + std::string(words[1]).substr(0, 32) +
                                  "\": expected one of scan, write, admin");
    }
    if (words.size() == 3) entry.caller.label = std::string(words[2]);
    entry.caller.hash = std::string(words[0]);
    for (const Entry& e : table.entries_) {
      if (e.hash == entry.hash) return Status::InvalidInput(where + "this hash is listed twice");
    }
    table.entries_.push_back(std::move(entry));
  }
  return table;
}

Result<TokenTable> TokenTable::Load(const std::string& path) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string bytes,
                             base::FileSystem::Default().ReadFile(path, kMaxTokensFileBytes));
  return Parse(path, bytes);
}

std::optional<Caller> TokenTable::Authenticate(std::string_view token) const {
  const base::Sha256Digest digest = base::Sha256Of(token);
  const Entry* match = nullptr;
  for (const Entry& e : entries_) {
    // Every entry is compared, whatever matched before.
    const bool same = CRYPTO_memcmp(e.hash.data(), digest.data(), digest.size()) == 0;
    if (same) match = &e;
  }
  if (match == nullptr) return std::nullopt;
  return match->caller;
}

std::optional<std::string_view> BearerToken(std::string_view authorization) {
  constexpr std::string_view kScheme = "bearer ";
  if (authorization.size() <= kScheme.size()) return std::nullopt;
  for (size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(authorization[i])) != kScheme[i]) {
      return std::nullopt;
    }
  }
  std::string_view token = authorization.substr(kScheme.size());
  while (!token.empty() && token.front() == ' ') token.remove_prefix(1);
  while (!token.empty() && token.back() == ' ') token.remove_suffix(1);
  if (token.empty()) return std::nullopt;
  return token;
}

}  // namespace provcheck::server
