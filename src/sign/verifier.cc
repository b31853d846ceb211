#include "sign/verifier.h"

#include "base/json_string.h"
#include "sign/signed_file.h"

namespace provcheck::sign {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  base::AppendJsonString(out, s.substr(0, 80));
  return out;
}

}  // namespace

Result<SignatureOutcome> VerifySignedFile(std::string_view name, std::string_view bytes,
                                          const VerifierInputs& inputs) {
  if ((inputs.key == nullptr) == (inputs.keyring == nullptr)) {
    return Status::InvalidArgument("verify needs exactly one of a public key and a keyring");
  }
  const std::string file(name);
  PROVCHECK_ASSIGN_OR_RETURN(SignedFile signed_file, ReadSignedFile(name, bytes));
  EnvelopeParts& parts = signed_file.envelope;

  // The key: the given one, or the keyring's entry for the keyid. The keyid
  // only selects among keys the verifier already trusts; the signature must
  // still verify with the selected key, and the algorithm is always Ed25519.
  SignatureOutcome out;
  out.bundle = signed_file.bundle;
  const PublicKey* key = inputs.key;
  if (inputs.keyring != nullptr) {
    const std::string& keyid = parts.signatures.front().keyid;
    const KeyringEntry* entry = inputs.keyring->FindByKeyid(keyid);
    if (entry == nullptr) {
      return Status::VerificationFailed(
          file + ": signatures[0] names keyid " + Quoted(keyid) + ", which is not in keyring " +
          inputs.keyring->name() + " (" + std::to_string(inputs.keyring->entries().size()) +
          " keys): signed by a key this keyring does not trust, or altered");
    }
    key = &entry->key;
    out.signer = entry->name;
    out.validity = entry->validity;
  } else {
    out.signer = inputs.key_label;
  }
  if (signed_file.bundle && signed_file.key_hint != parts.signatures.front().keyid) {
    return Status::VerificationFailed(
        file + ": verificationMaterial.publicKey.hint " + Quoted(signed_file.key_hint) +
        " is not the signature's keyid " + Quoted(parts.signatures.front().keyid));
  }
  const std::string signature = parts.signatures.front().sig;
  PROVCHECK_ASSIGN_OR_RETURN(out.envelope, CheckEnvelopeSignatures(name, std::move(parts), *key,
                                                                   inputs.expected_payload_type));

  // The timestamps, over the signature bytes.
  for (size_t i = 0; i < signed_file.timestamps.size(); ++i) {
    const std::string where =
        file + ": verificationMaterial.timestampVerificationData.rfc3161Timestamps[" +
        std::to_string(i) + "]";
    PROVCHECK_ASSIGN_OR_RETURN(
        TimestampFacts facts,
        VerifyTimestamp(where, signed_file.timestamps[i], signature, inputs.trust));
    if (!out.timestamp || facts.gen_time < out.timestamp->gen_time) out.timestamp = facts;
  }
  if (out.timestamp)
    out.time = inputs.trust != nullptr ? TimeProof::kProven : TimeProof::kUnchecked;

  // The key's validity at the proven time.
  if (out.validity) {
    const std::string who = "key " + Quoted(out.signer) + " of keyring " + inputs.keyring->name();
    if (out.time == TimeProof::kProven) {
      const std::string problem = out.validity->ProblemAt(out.timestamp->gen_time);
      if (!problem.empty()) {
        return Status::VerificationFailed(
            file + ": " + who + " was not valid at the timestamp's time " +
            FormatUtc(out.timestamp->gen_time) + ": that is " + problem);
      }
    } else if (out.validity->revoked_at) {
      return Status::VerificationFailed(
          file + ": " + who + " was revoked at " + FormatUtc(*out.validity->revoked_at) +
          ", and nothing proves it signed before that (" +
          (out.time == TimeProof::kNone
               ? "no timestamp"
               : "the timestamp is not checked: no trusted TSA roots given") +
          ")");
    }
  }
  return out;
}

}  // namespace provcheck::sign
