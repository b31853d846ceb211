#include "sign/dsse.h"

#include <cassert>

#include "base/base64.h"
#include "base/json_string.h"
#include "sign/signed_file.h"

namespace provcheck::sign {
namespace {

// A value from the envelope for a message: quoted, escaped, cut at 80 bytes.
std::string Shown(std::string_view s) {
  std::string out;
  base::AppendJsonString(out, s.substr(0, 80));
  return out;
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

Result<EnvelopeParts> SignParts(std::string_view payload_type, std::string_view payload,
                                const PrivateKey& key) {
  assert(!payload_type.empty() && payload_type.size() <= kMaxPayloadTypeBytes);
  if (payload.size() > kMaxPayloadBytes) {
    return Status::ResourceLimit("payload of " + std::to_string(payload.size()) +
                                 " bytes, more than the limit of " +
                                 std::to_string(kMaxPayloadBytes));
  }
  PROVCHECK_ASSIGN_OR_RETURN(std::string sig, key.Sign(PreAuthEncoding(payload_type, payload)));
  EnvelopeParts parts;
  parts.payload_type = std::string(payload_type);
  parts.payload = std::string(payload);
  parts.signatures.push_back({key.keyid(), std::move(sig)});
  return parts;
}

std::string EnvelopeJson(const EnvelopeParts& parts) {
  std::string out = "{\"payload\":";
  base::AppendJsonString(out, base::Base64Encode(parts.payload));
  out += ",\"payloadType\":";
  base::AppendJsonString(out, parts.payload_type);
  out += ",\"signatures\":[";
  for (size_t i = 0; i < parts.signatures.size(); ++i) {
    out += i == 0 ? "{\"keyid\":" : ",{\"keyid\":";
    base::AppendJsonString(out, parts.signatures[i].keyid);
    out += ",\"sig\":";
    base::AppendJsonString(out, base::Base64Encode(parts.signatures[i].sig));
    out += "}";
  }
  out += "]}";
  return out;
}

Result<std::string> SignEnvelope(std::string_view payload_type, std::string_view payload,
                                 const PrivateKey& key) {
  PROVCHECK_ASSIGN_OR_RETURN(EnvelopeParts parts, SignParts(payload_type, payload, key));
  return EnvelopeJson(parts);
}

Result<VerifiedEnvelope> CheckEnvelopeSignatures(std::string_view name, EnvelopeParts parts,
                                                 const PublicKey& key,
                                                 std::string_view expected_payload_type) {
  if (parts.payload_type != expected_payload_type) {
    return Status::VerificationFailed(std::string(name) + ": payloadType " +
                                      Shown(parts.payload_type) + ", expected " +
                                      Shown(expected_payload_type));
  }
  const std::string pae = PreAuthEncoding(parts.payload_type, parts.payload);
  for (size_t i = 0; i < parts.signatures.size(); ++i) {
    const EnvelopeSignature& entry = parts.signatures[i];
    const std::string where = std::string(name) + ": signatures[" + std::to_string(i) + "]";
    for (size_t j = 0; j < i; ++j) {
      if (parts.signatures[j].sig == entry.sig || parts.signatures[j].keyid == entry.keyid) {
        return Status::VerificationFailed(where + " repeats signatures[" + std::to_string(j) +
                                          "] (an envelope holds one signature per key)");
      }
    }
    const bool valid = key.Verify(pae, entry.sig);
    const bool same_keyid = entry.keyid == key.keyid();
    if (!valid && !same_keyid) {
      return Status::VerificationFailed(where + ": does not verify with the given key (keyid " +
                                        key.keyid() + "); it names keyid " + Shown(entry.keyid) +
                                        ": signed by another key, or altered");
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
  return VerifiedEnvelope{std::move(parts.payload_type), std::move(parts.payload), key.keyid()};
}

Result<VerifiedEnvelope> VerifyEnvelope(std::string_view name, std::string_view envelope,
                                        const PublicKey& key,
                                        std::string_view expected_payload_type) {
  PROVCHECK_ASSIGN_OR_RETURN(SignedFile file, ReadSignedFile(name, envelope));
  if (file.bundle) {
    return Status::Corruption(std::string(name) +
                              ": not a valid DSSE envelope: a Sigstore bundle (mediaType " +
                              Shown(file.media_type) + "), not a bare envelope");
  }
  return CheckEnvelopeSignatures(name, std::move(file.envelope), key, expected_payload_type);
}

}  // namespace provcheck::sign
