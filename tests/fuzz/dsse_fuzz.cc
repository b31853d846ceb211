// Fuzzes the DSSE envelope parser and verifier (sign::VerifyEnvelope).
//
// At start-up a fresh Ed25519 key signs one fixed payload; that envelope is
// the only thing the key ever signs. The first input byte picks a mode:
//   0: the rest of the input is an envelope, verified as it is;
//   1: the rest is a list of edits (overwrite, insert, delete, splice a
//      run of input bytes) applied to the signed envelope, which is then
//      verified;
//   2: the rest is a payload: signed with a second key (never the first),
//      then verified (the round trip must give back exactly those bytes),
//      and refused by the first key and under another payload type.
// Invariants: VerifyEnvelope never accepts an envelope unless its payload
// and payload type are exactly those the key signed (in modes 0 and 1, the
// fixed payload); it is deterministic; every failure is kResourceLimit,
// kCorruption or kVerificationFailed with a message starting with the name.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "sign/dsse.h"
#include "sign/keys.h"

namespace {

constexpr char kName[] = "fuzz-envelope.json";
constexpr char kType[] = "application/vnd.in-toto+json";
constexpr char kPayload[] =
    "{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"verdict\":\"pass\"}}";
constexpr size_t kMaxEdits = 64;

struct Keys {
  provcheck::sign::PrivateKey key;
  provcheck::sign::PrivateKey other;  // signs mode 2's payloads
  std::string envelope;               // kPayload signed by `key`
};

const Keys& TheKeys() {
  static const Keys* keys = [] {
    auto key = provcheck::sign::PrivateKey::Generate();
    auto other = provcheck::sign::PrivateKey::Generate();
    FUZZ_CHECK(key.has_value() && other.has_value());
    auto envelope = provcheck::sign::SignEnvelope(kType, kPayload, *key);
    FUZZ_CHECK(envelope.has_value());
    return new Keys{std::move(key).value(), std::move(other).value(), std::move(envelope).value()};
  }();
  return *keys;
}

provcheck::Result<provcheck::sign::VerifiedEnvelope> Verify(std::string_view envelope,
                                                            const provcheck::sign::PublicKey& key,
                                                            std::string_view type = kType) {
  return provcheck::sign::VerifyEnvelope(kName, envelope, key, type);
}

void CheckFailure(const provcheck::Status& s) {
  FUZZ_CHECK(s.code() == provcheck::StatusCode::kResourceLimit ||
             s.code() == provcheck::StatusCode::kCorruption ||
             s.code() == provcheck::StatusCode::kVerificationFailed);
  FUZZ_CHECK(s.message().compare(0, sizeof(kName) - 1, kName) == 0);
}

// Verifies `envelope`, which the key may only have signed as TheKeys().envelope.
void VerifyUnsigned(std::string_view envelope) {
  const Keys& k = TheKeys();
  auto verified = Verify(envelope, k.key.public_key());
  auto again = Verify(envelope, k.key.public_key());
  FUZZ_CHECK(verified.has_value() == again.has_value());
  if (!verified) {
    CheckFailure(verified.status());
    return;
  }
  FUZZ_CHECK(verified->payload == kPayload);
  FUZZ_CHECK(verified->payload_type == kType);
  FUZZ_CHECK(verified->keyid == k.key.keyid());
  FUZZ_CHECK(!Verify(envelope, k.other.public_key()).has_value());
}

// Applies edits read from `script` to `envelope`. Each edit is an opcode
// byte, a 2-byte position (taken modulo the size) and, for inserts and
// splices, a length byte and the bytes themselves.
std::string Edit(std::string envelope, std::string_view script) {
  size_t i = 0;
  auto byte = [&]() -> std::optional<uint8_t> {
    if (i >= script.size()) return std::nullopt;
    return static_cast<uint8_t>(script[i++]);
  };
  for (size_t n = 0; n < kMaxEdits; ++n) {
    std::optional<uint8_t> op = byte(), hi = byte(), lo = byte();
    if (!op || !hi || !lo) break;
    const size_t pos = envelope.empty() ? 0 : ((size_t{*hi} << 8) | *lo) % (envelope.size() + 1);
    switch (*op % 4) {
      case 0: {  // overwrite one byte
        std::optional<uint8_t> b = byte();
        if (!b) return envelope;
        if (pos < envelope.size()) envelope[pos] = static_cast<char>(*b);
        break;
      }
      case 1: {  // insert a run of script bytes
        std::optional<uint8_t> len = byte();
        if (!len) return envelope;
        const std::string_view run = script.substr(i, *len);
        i += run.size();
        envelope.insert(pos, run);
        break;
      }
      case 2: {  // delete a run
        std::optional<uint8_t> len = byte();
        if (!len) return envelope;
        envelope.erase(pos, *len);
        break;
      }
      case 3: {  // duplicate a run of the envelope itself (a copied signature, say)
        std::optional<uint8_t> len = byte();
        if (!len || pos >= envelope.size()) return envelope;
        const std::string run = envelope.substr(pos, *len);
        envelope.insert(pos, run);
        break;
      }
    }
  }
  return envelope;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0 || size > provcheck::fuzz::kMaxInputBytes) return 0;
  const Keys& k = TheKeys();
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  switch (data[0] % 3) {
    case 0:
      VerifyUnsigned(rest);
      break;
    case 1: {
      const std::string edited = Edit(k.envelope, rest);
      VerifyUnsigned(edited);
      if (edited == k.envelope) FUZZ_CHECK(Verify(edited, k.key.public_key()).has_value());
      break;
    }
    case 2: {
      auto envelope = provcheck::sign::SignEnvelope(kType, rest, k.other);
      FUZZ_CHECK(envelope.has_value());
      auto verified = Verify(*envelope, k.other.public_key());
      FUZZ_CHECK(verified.has_value());
      FUZZ_CHECK(verified->payload == rest);
      FUZZ_CHECK(verified->payload_type == kType);
      auto first = Verify(*envelope, k.key.public_key());
      FUZZ_CHECK(!first.has_value());
      CheckFailure(first.status());
      auto wrong_type = Verify(*envelope, k.other.public_key(), "text/plain");
      FUZZ_CHECK(!wrong_type.has_value());
      CheckFailure(wrong_type.status());
      break;
    }
  }
  return 0;
}
