// The public signing API (include/provcheck/sign.h) over the sign stage's
// internals: keys.h, dsse.h, bundle.h, timestamp.h, keyring.h, verifier.h.
#include <cassert>

#include "provcheck/sign.h"
#include "sign/bundle.h"
#include "sign/dsse.h"
#include "sign/keyring.h"
#include "sign/keys.h"
#include "sign/timestamp.h"
#include "sign/utc_time.h"
#include "sign/verifier.h"

namespace provcheck {

struct VerifyingKey::Impl {
  sign::PublicKey key;
};
struct SigningKey::Impl {
  sign::PrivateKey key;
};
struct Keyring::Impl {
  sign::Keyring ring;
};
struct TimestampAuthorities::Impl {
  sign::TimestampTrust trust;
};

struct SignAccess {
  static VerifyingKey Wrap(sign::PublicKey key) {
    return VerifyingKey(
        std::make_shared<const VerifyingKey::Impl>(VerifyingKey::Impl{std::move(key)}));
  }
  static const sign::PublicKey& Get(const VerifyingKey& k) { return k.impl_->key; }
  static const sign::PrivateKey& Get(const SigningKey& k) { return k.impl_->key; }
  static const sign::Keyring& Get(const Keyring& k) { return k.impl_->ring; }
  static const sign::TimestampTrust& Get(const TimestampAuthorities& t) { return t.impl_->trust; }
  static SigningKey Wrap(sign::PrivateKey key) {
    return SigningKey(std::make_shared<const SigningKey::Impl>(SigningKey::Impl{std::move(key)}));
  }
  static Keyring Wrap(sign::Keyring ring) {
    return Keyring(std::make_shared<const Keyring::Impl>(Keyring::Impl{std::move(ring)}));
  }
  static TimestampAuthorities Wrap(sign::TimestampTrust trust) {
    return TimestampAuthorities(std::make_shared<const TimestampAuthorities::Impl>(
        TimestampAuthorities::Impl{std::move(trust)}));
  }
};

namespace {

template <typename T, typename U>
Result<T> Wrapped(Result<U> r) {
  if (!r) return r.status();
  return SignAccess::Wrap(std::move(r).value());
}

KeyValidity ToPublic(const sign::KeyValidity& v) {
  return {v.not_before, v.not_after, v.revoked_at};
}

}  // namespace

std::string FormatUtcTime(UnixSeconds t) { return sign::FormatUtc(t); }
Result<UnixSeconds> ParseUtcTime(std::string_view where, std::string_view text) {
  return sign::ParseUtc(where, text);
}

// --- Keys

Result<VerifyingKey> VerifyingKey::FromPem(std::string_view name, std::string_view pem) {
  return Wrapped<VerifyingKey>(sign::PublicKey::FromPem(name, pem));
}
Result<VerifyingKey> VerifyingKey::Load(const std::string& path) {
  return Wrapped<VerifyingKey>(sign::PublicKey::Load(path));
}
const std::string& VerifyingKey::keyid() const { return impl_->key.keyid(); }
Result<std::string> VerifyingKey::ToPem() const { return impl_->key.ToPem(); }

SigningKey::SigningKey(std::shared_ptr<const Impl> impl)
    : impl_(std::move(impl)), verifying_key_(SignAccess::Wrap(impl_->key.public_key())) {}
Result<SigningKey> SigningKey::Generate() {
  return Wrapped<SigningKey>(sign::PrivateKey::Generate());
}
Result<SigningKey> SigningKey::Load(const std::string& path) {
  return Wrapped<SigningKey>(sign::PrivateKey::Load(path));
}
const std::string& SigningKey::keyid() const { return impl_->key.keyid(); }
const VerifyingKey& SigningKey::verifying_key() const { return verifying_key_; }
Status SigningKey::WriteKeyFiles(const std::string& name) const {
  return sign::WriteKeyFiles(name, impl_->key);
}

// --- Keyrings and authorities

Result<Keyring> Keyring::Parse(std::string_view name, std::string_view bytes) {
  return Wrapped<Keyring>(sign::Keyring::Parse(name, bytes));
}
Result<Keyring> Keyring::Load(const std::string& path) {
  return Wrapped<Keyring>(sign::Keyring::Load(path));
}
std::vector<KeyringKey> Keyring::keys() const {
  std::vector<KeyringKey> out;
  for (const sign::KeyringEntry& e : impl_->ring.entries()) {
    out.push_back({e.name, SignAccess::Wrap(e.key), ToPublic(e.validity)});
  }
  return out;
}

const std::string& Keyring::name() const { return impl_->ring.name(); }

Status AddToKeyring(const std::string& path, const KeyringKey& key) {
  return sign::AddKeyringEntry(
      path, {key.name,
             SignAccess::Get(key.key),
             {key.validity.not_before, key.validity.not_after, key.validity.revoked_at}});
}

Result<TimestampAuthorities> TimestampAuthorities::FromPem(std::string_view name,
                                                           std::string_view pem) {
  return Wrapped<TimestampAuthorities>(sign::TimestampTrust::FromPem(name, pem));
}
Result<TimestampAuthorities> TimestampAuthorities::Load(const std::string& path) {
  return Wrapped<TimestampAuthorities>(sign::TimestampTrust::Load(path));
}
size_t TimestampAuthorities::size() const { return impl_->trust.size(); }

// --- Sign and verify

Result<std::string> SignPayload(std::string_view payload_type, std::string_view payload,
                                const SigningKey& key, const SigningOptions& options) {
  const sign::PrivateKey& private_key = SignAccess::Get(key);
  PROVCHECK_ASSIGN_OR_RETURN(sign::EnvelopeParts parts,
                             sign::SignParts(payload_type, payload, private_key));
  std::string bytes;
  if (options.timestamp_url.empty()) {
    bytes = sign::EnvelopeJson(parts);
  } else {
    sign::HttpPostOptions http;
    http.timeout = options.timeout;
    PROVCHECK_ASSIGN_OR_RETURN(
        std::string reply,
        sign::RequestTimestamp(options.timestamp_url, parts.signatures.front().sig, http));
    bytes = sign::BundleJson(parts, private_key.keyid(), {reply});
  }
  // Check our own work before anyone relies on it: a bug here would
  // otherwise surface months later, at verify time.
  sign::VerifierInputs check;
  check.key = &private_key.public_key();
  check.expected_payload_type = std::string(payload_type);
  Result<sign::SignatureOutcome> again = sign::VerifySignedFile("new signed file", bytes, check);
  if (!again || again->envelope.payload != payload ||
      again->bundle == options.timestamp_url.empty()) {
    return Status::Internal("a freshly signed file does not verify: " + again.status().ToString());
  }
  return bytes;
}

Result<VerifiedSignature> VerifySignature(std::string_view name, std::string_view bytes,
                                          const VerificationOptions& options) {
  sign::VerifierInputs inputs;
  if (options.key) inputs.key = &SignAccess::Get(*options.key);
  inputs.key_label = options.key_label;
  if (options.keyring) inputs.keyring = &SignAccess::Get(*options.keyring);
  if (options.timestamp_authorities) {
    inputs.trust = &SignAccess::Get(*options.timestamp_authorities);
  }
  inputs.expected_payload_type = options.payload_type;
  PROVCHECK_ASSIGN_OR_RETURN(sign::SignatureOutcome outcome,
                             sign::VerifySignedFile(name, bytes, inputs));
  VerifiedSignature out;
  out.payload_type = std::move(outcome.envelope.payload_type);
  out.payload = std::move(outcome.envelope.payload);
  out.keyid = std::move(outcome.envelope.keyid);
  out.signer = std::move(outcome.signer);
  out.bundle = outcome.bundle;
  if (outcome.validity) out.validity = ToPublic(*outcome.validity);
  switch (outcome.time) {
    case sign::TimeProof::kNone:
      out.time_proof = TimeProof::kNone;
      break;
    case sign::TimeProof::kUnchecked:
      out.time_proof = TimeProof::kUnchecked;
      break;
    case sign::TimeProof::kProven:
      out.time_proof = TimeProof::kProven;
      break;
  }
  if (outcome.timestamp) {
    out.timestamp = SignedTimestamp{outcome.timestamp->gen_time, outcome.timestamp->tsa,
                                    outcome.timestamp->serial_hex};
  }
  return out;
}

}  // namespace provcheck
