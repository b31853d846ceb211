#include "sign/bundle.h"

#include "base/base64.h"
#include "base/json_string.h"

namespace provcheck::sign {

std::string BundleJson(const EnvelopeParts& envelope, std::string_view keyid,
                       const std::vector<std::string>& timestamps) {
  std::string out = "{\"dsseEnvelope\":";
  out += EnvelopeJson(envelope);
  out += ",\"mediaType\":";
  base::AppendJsonString(out, kBundleMediaType);
  out += ",\"verificationMaterial\":{\"publicKey\":{\"hint\":";
  base::AppendJsonString(out, keyid);
  out += "}";
  if (!timestamps.empty()) {
    out += ",\"timestampVerificationData\":{\"rfc3161Timestamps\":[";
    for (size_t i = 0; i < timestamps.size(); ++i) {
      out += i == 0 ? "{\"signedTimestamp\":" : ",{\"signedTimestamp\":";
      base::AppendJsonString(out, base::Base64Encode(timestamps[i]));
      out += "}";
    }
    out += "]}";
  }
  out += "}}";
  return out;
}

}  // namespace provcheck::sign
