// Fuzzes the readers of signed files that provcheck verify takes from
// outside: the envelope-or-bundle reader (sign::ReadSignedFile), the keyring
// parser (sign::Keyring::Parse) and the RFC 3161 reply checks
// (sign::VerifyTimestamp, without trusted roots). The first input byte picks
// the reader; the rest is its input.
// Invariants: every failure has the reader's codes and a message starting
// with the name; reading is deterministic; a bundle that reads writes back
// (BundleJson) to bytes that read to the same parts; a keyring that parses
// writes back (ToJson) to one with the same entries; a timestamp that
// verifies stamps exactly the fixed message (its imprint was checked).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sign/bundle.h"
#include "sign/keyring.h"
#include "sign/signed_file.h"
#include "sign/timestamp.h"

namespace {

using provcheck::StatusCode;
namespace sign = provcheck::sign;

constexpr char kName[] = "fuzz-signed.json";
// The bytes the seed token stamps (tests/fuzz/corpus/signed_file/token-*).
constexpr char kMessage[] = "provcheck fuzz signature";

bool StartsWithName(const provcheck::Status& s) {
  return s.message().compare(0, sizeof kName - 1, kName) == 0;
}

bool SameParts(const sign::SignedFile& a, const sign::SignedFile& b) {
  if (a.bundle != b.bundle || a.key_hint != b.key_hint || a.timestamps != b.timestamps ||
      a.envelope.payload != b.envelope.payload ||
      a.envelope.payload_type != b.envelope.payload_type ||
      a.envelope.signatures.size() != b.envelope.signatures.size()) {
    return false;
  }
  for (size_t i = 0; i < a.envelope.signatures.size(); ++i) {
    if (a.envelope.signatures[i].keyid != b.envelope.signatures[i].keyid ||
        a.envelope.signatures[i].sig != b.envelope.signatures[i].sig) {
      return false;
    }
  }
  return true;
}

void FuzzSignedFile(std::string_view input) {
  auto file = sign::ReadSignedFile(kName, input);
  auto again = sign::ReadSignedFile(kName, input);
  FUZZ_CHECK(file.has_value() == again.has_value());
  if (!file) {
    const StatusCode code = file.status().code();
    FUZZ_CHECK(code == StatusCode::kCorruption || code == StatusCode::kResourceLimit);
    FUZZ_CHECK(StartsWithName(file.status()));
    FUZZ_CHECK(file.status().message() == again.status().message());
    return;
  }
  FUZZ_CHECK(SameParts(*file, *again));
  FUZZ_CHECK(!file->envelope.signatures.empty());
  if (file->bundle) {
    const std::string written = sign::BundleJson(file->envelope, file->key_hint, file->timestamps);
    auto reread = sign::ReadSignedFile(kName, written);
    FUZZ_CHECK(reread.has_value());
    sign::SignedFile expected = *file;
    expected.media_type = sign::kBundleMediaType;
    FUZZ_CHECK(SameParts(*reread, expected));
  } else {
    auto reread = sign::ReadSignedFile(kName, sign::EnvelopeJson(file->envelope));
    FUZZ_CHECK(reread.has_value() && SameParts(*reread, *file));
  }
}

void FuzzKeyring(std::string_view input) {
  auto ring = sign::Keyring::Parse(kName, input);
  if (!ring) {
    const StatusCode code = ring.status().code();
    FUZZ_CHECK(code == StatusCode::kInvalidInput || code == StatusCode::kVerificationFailed ||
               code == StatusCode::kResourceLimit);
    FUZZ_CHECK(StartsWithName(ring.status()));
    return;
  }
  auto reread = sign::Keyring::Parse(kName, ring->ToJson());
  FUZZ_CHECK(reread.has_value());
  FUZZ_CHECK(reread->entries().size() == ring->entries().size());
  for (size_t i = 0; i < ring->entries().size(); ++i) {
    const sign::KeyringEntry& a = ring->entries()[i];
    const sign::KeyringEntry& b = reread->entries()[i];
    FUZZ_CHECK(a.name == b.name && a.key.keyid() == b.key.keyid());
    FUZZ_CHECK(a.validity.not_before == b.validity.not_before &&
               a.validity.not_after == b.validity.not_after &&
               a.validity.revoked_at == b.validity.revoked_at);
    FUZZ_CHECK(ring->FindByKeyid(a.key.keyid()) == &a);
  }
}

void FuzzTimestamp(std::string_view input) {
  auto facts = sign::VerifyTimestamp(kName, input, kMessage, nullptr);
  auto other = sign::VerifyTimestamp(kName, input, "other bytes", nullptr);
  if (!facts) {
    FUZZ_CHECK(facts.status().code() == StatusCode::kVerificationFailed);
    FUZZ_CHECK(StartsWithName(facts.status()));
  } else {
    FUZZ_CHECK(!facts->trusted);
    FUZZ_CHECK(!other.has_value());  // one imprint cannot stamp two messages
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > provcheck::fuzz::kMaxInputBytes) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      FuzzSignedFile(input);
      break;
    case 1:
      FuzzKeyring(input);
      break;
    default:
      FuzzTimestamp(input);
      break;
  }
  return 0;
}
