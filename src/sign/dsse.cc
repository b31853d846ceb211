#include "sign/dsse.h"

#include <simdjson.h>

#include <cassert>
#include <optional>
#include <vector>

#include "base/base64.h"
#include "base/json_string.h"
#include "base/strict_json.h"

namespace provcheck::sign {
namespace {

// An envelope nests an object in an array in an object.
constexpr size_t kMaxEnvelopeDepth = 8;
// A base64 Ed25519 signature is 88 characters; allow slack for the message.
constexpr size_t kMaxSigChars = 1024;

Status Malformed(std::string_view name, const std::string& what) {
  return Status::Corruption(std::string(name) + ": not a valid DSSE envelope: " + what);
}

// A value from the envelope for a message: quoted, escaped, cut at 80 bytes.
std::string Shown(std::string_view s) {
  std::string out;
  base::AppendJsonString(out, s.substr(0, 80));
  return out;
}

// Reads the string member `field` of `obj` into `out`, capped at `max_bytes`.
Status StringField(std::string_view name, std::string_view where, simdjson::dom::element value,
                   std::string_view field, size_t max_bytes, std::string_view* out) {
  if (value.get_string().get(*out) != simdjson::SUCCESS) {
    return Malformed(name, std::string(where) + "\"" + std::string(field) + "\" is not a string");
  }
  if (out->size() > max_bytes) {
    return Malformed(name, std::string(where) + "\"" + std::string(field) + "\" is " +
                               std::to_string(out->size()) + " bytes, more than the limit of " +
                               std::to_string(max_bytes));
  }
  return Status::Ok();
}

struct SignatureEntry {
  std::string_view keyid;
  std::string sig;  // decoded
};

struct ParsedEnvelope {
  std::string_view payload_b64;
  std::string_view payload_type;
  std::vector<SignatureEntry> signatures;
};

// Reads the envelope's shape. Views point into `parser`'s document.
Status ParseEnvelope(std::string_view name, simdjson::dom::element root, ParsedEnvelope* out) {
  simdjson::dom::object obj;
  if (root.get_object().get(obj) != simdjson::SUCCESS) {
    return Malformed(name, "expected a JSON object");
  }
  bool have_payload = false, have_type = false, have_signatures = false;
  simdjson::dom::array signatures;
  for (simdjson::dom::key_value_pair member : obj) {
    if (member.key == "payload") {
      PROVCHECK_RETURN_IF_ERROR(StringField(name, "", member.value, "payload",
                                            kMaxEnvelopeBytes, &out->payload_b64));
      have_payload = true;
    } else if (member.key == "payloadType") {
      PROVCHECK_RETURN_IF_ERROR(StringField(name, "", member.value, "payloadType",
                                            kMaxPayloadTypeBytes, &out->payload_type));
      have_type = true;
    } else if (member.key == "signatures") {
      if (member.value.get_array().get(signatures) != simdjson::SUCCESS) {
        return Malformed(name, "\"signatures\" is not an array");
      }
      have_signatures = true;
    } else {
      return Malformed(name, "unexpected member " + Shown(member.key));
    }
  }
  if (!have_payload) return Malformed(name, "missing \"payload\"");
  if (!have_type) return Malformed(name, "missing \"payloadType\"");
  if (!have_signatures) return Malformed(name, "missing \"signatures\"");
  if (signatures.size() == 0) return Malformed(name, "\"signatures\" is empty");
  if (signatures.size() > kMaxSignatureEntries) {
    return Malformed(name, std::to_string(signatures.size()) + " signatures, more than the "
                               "limit of " + std::to_string(kMaxSignatureEntries));
  }
  size_t i = 0;
  for (simdjson::dom::element entry : signatures) {
    const std::string where = "signatures[" + std::to_string(i++) + "]: ";
    simdjson::dom::object sig_obj;
    if (entry.get_object().get(sig_obj) != simdjson::SUCCESS) {
      return Malformed(name, where + "expected an object");
    }
    std::optional<std::string_view> keyid, sig_b64;
    for (simdjson::dom::key_value_pair member : sig_obj) {
      std::string_view s;
      if (member.key == "keyid") {
        PROVCHECK_RETURN_IF_ERROR(
            StringField(name, where, member.value, "keyid", kMaxKeyidBytes, &s));
        keyid = s;
      } else if (member.key == "sig") {
        PROVCHECK_RETURN_IF_ERROR(StringField(name, where, member.value, "sig", kMaxSigChars, &s));
        sig_b64 = s;
      } else {
        return Malformed(name, where + "unexpected member " + Shown(member.key));
      }
    }
    if (!keyid) return Malformed(name, where + "missing \"keyid\"");
    if (!sig_b64) return Malformed(name, where + "missing \"sig\"");
    Result<std::string> sig = base::Base64Decode(where + "\"sig\"", *sig_b64);
    if (!sig) return Malformed(name, sig.status().message());
    if (sig->size() != kEd25519SignatureBytes) {
      return Malformed(name, where + "\"sig\" is " + std::to_string(sig->size()) +
                                 " bytes, expected a 64-byte Ed25519 signature");
    }
    out->signatures.push_back({*keyid, std::move(sig).value()});
  }
  return Status::Ok();
}

}  // namespace

std::string PreAuthEncoding(std::string_view payload_type, std::string_view payload) {
  std::string out = "DSSEv1 ";
  out += std::to_string(payload_type.size());
  out.push_back(' ');
  out += payload_type;
  out.push_back(' ');
  out += std::to_string(payload.size());
  out.push_back(' ');
  out += payload;
  return out;
}

Result<std::string> SignEnvelope(std::string_view payload_type, std::string_view payload,
                                 const PrivateKey& key) {
  assert(!payload_type.empty() && payload_type.size() <= kMaxPayloadTypeBytes);
  if (payload.size() > kMaxPayloadBytes) {
    return Status::ResourceLimit("payload of " + std::to_string(payload.size()) +
                                 " bytes, more than the limit of " +
                                 std::to_string(kMaxPayloadBytes));
  }
  PROVCHECK_ASSIGN_OR_RETURN(std::string sig, key.Sign(PreAuthEncoding(payload_type, payload)));
  std::string out = "{\"payload\":";
  base::AppendJsonString(out, base::Base64Encode(payload));
  out += ",\"payloadType\":";
  base::AppendJsonString(out, payload_type);
  out += ",\"signatures\":[{\"keyid\":";
  base::AppendJsonString(out, key.keyid());
  out += ",\"sig\":";
  base::AppendJsonString(out, base::Base64Encode(sig));
  out += "}]}";
  return out;
}

Result<VerifiedEnvelope> VerifyEnvelope(std::string_view name, std::string_view envelope,
                                        const PublicKey& key,
                                        std::string_view expected_payload_type) {
  if (envelope.size() > kMaxEnvelopeBytes) {
    return Status::ResourceLimit(std::string(name) + ": " + std::to_string(envelope.size()) +
                                 " bytes, more than the envelope limit of " +
                                 std::to_string(kMaxEnvelopeBytes));
  }
  // simdjson would silently take the first of two equal keys; refuse them
  // (and every other liberty) first.
  if (Status s = base::CheckStrictJson(name, envelope, kMaxEnvelopeDepth); !s.ok()) {
    return Status::Corruption(s.message() + " (not a valid DSSE envelope)");
  }
  simdjson::dom::parser parser;
  simdjson::padded_string padded(envelope.data(), envelope.size());
  simdjson::dom::element root;
  if (auto error = parser.parse(padded).get(root); error != simdjson::SUCCESS) {
    return Malformed(name, simdjson::error_message(error));
  }
  ParsedEnvelope parsed;
  PROVCHECK_RETURN_IF_ERROR(ParseEnvelope(name, root, &parsed));

  Result<std::string> payload = base::Base64Decode("\"payload\"", parsed.payload_b64);
  if (!payload) return Malformed(name, payload.status().message());
  if (payload->size() > kMaxPayloadBytes) {
    return Status::ResourceLimit(std::string(name) + ": payload of " +
                                 std::to_string(payload->size()) +
                                 " bytes, more than the limit of " +
                                 std::to_string(kMaxPayloadBytes));
  }
  if (parsed.payload_type != expected_payload_type) {
    return Status::VerificationFailed(std::string(name) + ": payloadType " +
                                      Shown(parsed.payload_type) + ", expected " +
                                      Shown(expected_payload_type));
  }

  const std::string pae = PreAuthEncoding(parsed.payload_type, *payload);
  for (size_t i = 0; i < parsed.signatures.size(); ++i) {
    const SignatureEntry& entry = parsed.signatures[i];
    const std::string where = std::string(name) + ": signatures[" + std::to_string(i) + "]";
    for (size_t j = 0; j < i; ++j) {
      if (parsed.signatures[j].sig == entry.sig || parsed.signatures[j].keyid == entry.keyid) {
        return Status::VerificationFailed(where + " repeats signatures[" + std::to_string(j) +
                                          "] (an envelope holds one signature per key)");
      }
    }
    const bool valid = key.Verify(pae, entry.sig);
    const bool same_keyid = entry.keyid == key.keyid();
    if (!valid && !same_keyid) {
      return Status::VerificationFailed(
          where + ": does not verify with the given key (keyid " + key.keyid() +
          "); it names keyid " + Shown(entry.keyid) + ": signed by another key, or altered");
    }
    if (!valid) {
      return Status::VerificationFailed(where +
                                        ": signature does not verify with the given key (keyid " +
                                        key.keyid() + "): the payload or signature was altered");
    }
    if (!same_keyid) {
      return Status::VerificationFailed(where + ": signature verifies, but its keyid " +
                                        Shown(entry.keyid) + " is not the key's keyid " +
                                        key.keyid());
    }
  }
  return VerifiedEnvelope{std::string(parsed.payload_type), std::move(payload).value(),
                          key.keyid()};
}

}  // namespace provcheck::sign
