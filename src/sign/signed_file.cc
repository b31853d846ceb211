#include "sign/signed_file.h"

#include <simdjson.h>

#include <optional>

#include "base/base64.h"
#include "base/json_document.h"
#include "base/json_string.h"
#include "sign/bundle.h"
#include "sign/keys.h"
#include "sign/timestamp.h"

namespace provcheck::sign {
namespace {

// A bundle nests an object in an array in three objects.
constexpr size_t kMaxDepth = 8;
// A base64 Ed25519 signature is 88 characters; allow slack for the message.
constexpr size_t kMaxSigChars = 1024;
constexpr size_t kMaxTimestampChars = (kMaxTimestampBytes + 2) / 3 * 4;

using simdjson::dom::element;
using simdjson::dom::object;

// Messages for one shape: "NAME: not a valid DSSE envelope: WHAT".
class Reader {
 public:
  Reader(std::string_view name, std::string what, std::string where = "")
      : name_(name), what_(std::move(what)), where_(std::move(where)) {}

  Status Bad(const std::string& why) const {
    return Status::Corruption(name_ + ": not a valid " + what_ + ": " + where_ + why);
  }

  static std::string Shown(std::string_view s) {
    std::string out;
    base::AppendJsonString(out, s.substr(0, 80));
    return out;
  }

  Status String(element value, std::string_view field, size_t max_bytes,
                std::string_view* out) const {
    if (value.get_string().get(*out) != simdjson::SUCCESS) {
      return Bad("\"" + std::string(field) + "\" is not a string");
    }
    if (out->size() > max_bytes) {
      return Bad("\"" + std::string(field) + "\" is " + std::to_string(out->size()) +
                 " bytes, more than the limit of " + std::to_string(max_bytes));
    }
    return Status::Ok();
  }

  Status Object(element value, std::string_view field, object* out) const {
    if (value.get_object().get(*out) != simdjson::SUCCESS) {
      return Bad("\"" + std::string(field) + "\" is not an object");
    }
    return Status::Ok();
  }

  Status Unexpected(std::string_view key) const { return Bad("unexpected member " + Shown(key)); }

  // Decodes strict base64 in `field`.
  Result<std::string> Base64(std::string_view field, std::string_view text) const {
    Result<std::string> out = base::Base64Decode(where_ + "\"" + std::string(field) + "\"", text);
    if (!out)
      return Status::Corruption(name_ + ": not a valid " + what_ + ": " + out.status().message());
    return out;
  }

  Reader At(const std::string& where) const { return Reader(name_, what_, where_ + where); }
  const std::string& name() const { return name_; }

 private:
  std::string name_, what_, where_;
};

Status ReadSignature(const Reader& r, element entry, EnvelopeParts* out) {
  object obj;
  if (entry.get_object().get(obj) != simdjson::SUCCESS) return r.Bad("expected an object");
  std::optional<std::string_view> keyid, sig_b64;
  for (simdjson::dom::key_value_pair m : obj) {
    std::string_view s;
    if (m.key == "keyid") {
      PROVCHECK_RETURN_IF_ERROR(r.String(m.value, "keyid", kMaxKeyidBytes, &s));
      keyid = s;
    } else if (m.key == "sig") {
      PROVCHECK_RETURN_IF_ERROR(r.String(m.value, "sig", kMaxSigChars, &s));
      sig_b64 = s;
    } else {
      return r.Unexpected(m.key);
    }
  }
  if (!keyid) return r.Bad("missing \"keyid\"");
  if (!sig_b64) return r.Bad("missing \"sig\"");
  PROVCHECK_ASSIGN_OR_RETURN(std::string sig, r.Base64("sig", *sig_b64));
  if (sig.size() != kEd25519SignatureBytes) {
    return r.Bad("\"sig\" is " + std::to_string(sig.size()) +
                 " bytes, expected a 64-byte Ed25519 signature");
  }
  out->signatures.push_back({std::string(*keyid), std::move(sig)});
  return Status::Ok();
}

// The envelope object: exactly payload, payloadType, signatures.
Status ReadEnvelope(const Reader& r, object obj, EnvelopeParts* out) {
  std::optional<std::string_view> payload_b64, payload_type;
  std::optional<simdjson::dom::array> signatures;
  for (simdjson::dom::key_value_pair m : obj) {
    std::string_view s;
    if (m.key == "payload") {
      PROVCHECK_RETURN_IF_ERROR(r.String(m.value, "payload", kMaxEnvelopeBytes, &s));
      payload_b64 = s;
    } else if (m.key == "payloadType") {
      PROVCHECK_RETURN_IF_ERROR(r.String(m.value, "payloadType", kMaxPayloadTypeBytes, &s));
      payload_type = s;
    } else if (m.key == "signatures") {
      simdjson::dom::array a;
      if (m.value.get_array().get(a) != simdjson::SUCCESS) {
        return r.Bad("\"signatures\" is not an array");
      }
      signatures = a;
    } else {
      return r.Unexpected(m.key);
    }
  }
  if (!payload_b64) return r.Bad("missing \"payload\"");
  if (!payload_type) return r.Bad("missing \"payloadType\"");
  if (!signatures) return r.Bad("missing \"signatures\"");
  if (signatures->size() == 0) return r.Bad("\"signatures\" is empty");
  if (signatures->size() > kMaxSignatureEntries) {
    return r.Bad(std::to_string(signatures->size()) + " signatures, more than the limit of " +
                 std::to_string(kMaxSignatureEntries));
  }
  size_t i = 0;
  for (element entry : *signatures) {
    PROVCHECK_RETURN_IF_ERROR(
        ReadSignature(r.At("signatures[" + std::to_string(i++) + "]: "), entry, out));
  }
  PROVCHECK_ASSIGN_OR_RETURN(out->payload, r.Base64("payload", *payload_b64));
  if (out->payload.size() > kMaxPayloadBytes) {
    return Status::ResourceLimit(r.name() + ": payload of " + std::to_string(out->payload.size()) +
                                 " bytes, more than the limit of " +
                                 std::to_string(kMaxPayloadBytes));
  }
  out->payload_type = std::string(*payload_type);
  return Status::Ok();
}

Status ReadTimestamps(const Reader& r, object obj, SignedFile* out) {
  for (simdjson::dom::key_value_pair m : obj) {
    if (m.key != "rfc3161Timestamps") return r.Unexpected(m.key);
    simdjson::dom::array list;
    if (m.value.get_array().get(list) != simdjson::SUCCESS) {
      return r.Bad("\"rfc3161Timestamps\" is not an array");
    }
    if (list.size() > kMaxBundleTimestamps) {
      return r.Bad(std::to_string(list.size()) + " timestamps, more than the limit of " +
                   std::to_string(kMaxBundleTimestamps));
    }
    size_t i = 0;
    for (element e : list) {
      const Reader at = r.At("rfc3161Timestamps[" + std::to_string(i++) + "]: ");
      object ts;
      if (e.get_object().get(ts) != simdjson::SUCCESS) return at.Bad("expected an object");
      std::optional<std::string_view> b64;
      for (simdjson::dom::key_value_pair t : ts) {
        if (t.key != "signedTimestamp") return at.Unexpected(t.key);
        std::string_view s;
        PROVCHECK_RETURN_IF_ERROR(at.String(t.value, "signedTimestamp", kMaxTimestampChars, &s));
        b64 = s;
      }
      if (!b64) return at.Bad("missing \"signedTimestamp\"");
      PROVCHECK_ASSIGN_OR_RETURN(std::string der, at.Base64("signedTimestamp", *b64));
      out->timestamps.push_back(std::move(der));
    }
  }
  return Status::Ok();
}

Status ReadVerificationMaterial(const Reader& r, object obj, SignedFile* out) {
  bool have_key = false;
  for (simdjson::dom::key_value_pair m : obj) {
    if (m.key == "publicKey") {
      object pk;
      PROVCHECK_RETURN_IF_ERROR(r.Object(m.value, "publicKey", &pk));
      const Reader at = r.At("publicKey: ");
      bool have_hint = false;
      for (simdjson::dom::key_value_pair h : pk) {
        if (h.key != "hint") return at.Unexpected(h.key);
        std::string_view s;
        PROVCHECK_RETURN_IF_ERROR(at.String(h.value, "hint", kMaxKeyidBytes, &s));
        out->key_hint = std::string(s);
        have_hint = true;
      }
      if (!have_hint) return at.Bad("missing \"hint\"");
      have_key = true;
    } else if (m.key == "x509CertificateChain" || m.key == "certificate") {
      return r.Bad("\"" + std::string(m.key) +
                   "\": provcheck verifies bundles signed with a key (publicKey), not with a "
                   "certificate");
    } else if (m.key == "tlogEntries") {
      simdjson::dom::array a;
      if (m.value.get_array().get(a) != simdjson::SUCCESS || a.size() != 0) {
        return r.Bad(
            "\"tlogEntries\": provcheck does not check transparency-log entries, so it "
            "accepts only an empty list");
      }
    } else if (m.key == "timestampVerificationData") {
      object tvd;
      PROVCHECK_RETURN_IF_ERROR(r.Object(m.value, "timestampVerificationData", &tvd));
      PROVCHECK_RETURN_IF_ERROR(ReadTimestamps(r.At("timestampVerificationData: "), tvd, out));
    } else {
      return r.Unexpected(m.key);
    }
  }
  if (!have_key) return r.Bad("missing \"publicKey\"");
  return Status::Ok();
}

Status ReadBundle(const Reader& r, object obj, SignedFile* out) {
  std::optional<object> material, envelope;
  bool have_type = false;
  for (simdjson::dom::key_value_pair m : obj) {
    if (m.key == "mediaType") {
      std::string_view s;
      PROVCHECK_RETURN_IF_ERROR(r.String(m.value, "mediaType", 256, &s));
      if (s != kBundleMediaType && s != kBundleMediaTypeAlt) {
        return r.Bad("mediaType " + Reader::Shown(s) + ", expected \"" +
                     std::string(kBundleMediaType) + "\"");
      }
      out->media_type = std::string(s);
      have_type = true;
    } else if (m.key == "verificationMaterial") {
      object o;
      PROVCHECK_RETURN_IF_ERROR(r.Object(m.value, "verificationMaterial", &o));
      material = o;
    } else if (m.key == "dsseEnvelope") {
      object o;
      PROVCHECK_RETURN_IF_ERROR(r.Object(m.value, "dsseEnvelope", &o));
      envelope = o;
    } else if (m.key == "messageSignature") {
      return r.Bad("\"messageSignature\": provcheck bundles hold a DSSE envelope");
    } else {
      return r.Unexpected(m.key);
    }
  }
  if (!have_type) return r.Bad("missing \"mediaType\"");
  if (!material) return r.Bad("missing \"verificationMaterial\"");
  if (!envelope) return r.Bad("missing \"dsseEnvelope\"");
  PROVCHECK_RETURN_IF_ERROR(
      ReadVerificationMaterial(r.At("verificationMaterial: "), *material, out));
  return ReadEnvelope(r.At("dsseEnvelope: "), *envelope, &out->envelope);
}

}  // namespace

Result<SignedFile> ReadSignedFile(std::string_view name, std::string_view bytes) {
  if (bytes.size() > kMaxEnvelopeBytes) {
    return Status::ResourceLimit(std::string(name) + ": " + std::to_string(bytes.size()) +
                                 " bytes, more than the envelope limit of " +
                                 std::to_string(kMaxEnvelopeBytes));
  }
  // simdjson would silently take the first of two equal keys; refuse them
  // (and every other liberty) first.
  if (Status s = base::CheckStrictJson(name, bytes, kMaxDepth); !s.ok()) {
    return Status::Corruption(s.message() + " (not a valid DSSE envelope or Sigstore bundle)");
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(bytes.data(), bytes.size());
  element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Reader(name, "DSSE envelope").Bad(simdjson::error_message(error));
  }
  object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    return Reader(name, "DSSE envelope").Bad("expected a JSON object");
  }
  SignedFile out;
  element ignored;
  if (obj["mediaType"].get(ignored) == simdjson::SUCCESS) {
    out.bundle = true;
    PROVCHECK_RETURN_IF_ERROR(ReadBundle(Reader(name, "Sigstore bundle"), obj, &out));
  } else {
    PROVCHECK_RETURN_IF_ERROR(ReadEnvelope(Reader(name, "DSSE envelope"), obj, &out.envelope));
  }
  return out;
}

}  // namespace provcheck::sign
