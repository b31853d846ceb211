// provcheck::Verify and FormatVerification (include/provcheck/sign.h): the
// account of a verification, the part of `provcheck verify` that is not
// reading files or printing.
#include <set>

#include "base/utf8.h"
#include "provcheck/sign.h"

namespace provcheck {
namespace {

using Mark = VerificationLine::Mark;

std::string Quoted(std::string_view s) { return "\"" + std::string(s) + "\""; }

std::string Describe(const KeyValidity& v) {
  std::string out = "valid from " + FormatUtcTime(v.not_before) +
                    (v.not_after ? " to " + FormatUtcTime(*v.not_after) : " with no end");
  if (v.revoked_at) out += ", revoked at " + FormatUtcTime(*v.revoked_at);
  return out;
}

// The lines that VerifySignature's outcome earns.
void SignatureLines(const VerifiedSignature& sig, const VerificationOptions& options,
                    std::vector<VerificationLine>* lines) {
  std::string signer = options.keyring
                           ? "key " + Quoted(sig.signer) + " of keyring " + options.keyring->name()
                           : sig.signer;
  lines->push_back({"signature", Mark::kOk,
                    "Ed25519, keyid " + sig.keyid + (signer.empty() ? "" : " (" + signer + ")")});
  if (sig.bundle) {
    lines->push_back({"bundle", Mark::kOk, "Sigstore bundle v0.3, its key hint is the keyid"});
  }
  lines->push_back({"payload type", Mark::kOk, sig.payload_type});
  switch (sig.time_proof) {
    case TimeProof::kProven:
      lines->push_back({"timestamp", Mark::kOk,
                        "RFC 3161: signed no later than " + FormatUtcTime(sig.timestamp->time) +
                            ", by " + sig.timestamp->authority + " (serial " +
                            sig.timestamp->serial + ")"});
      break;
    case TimeProof::kUnchecked:
      lines->push_back({"timestamp", Mark::kSkipped,
                        "RFC 3161 by " + sig.timestamp->authority + " says " +
                            FormatUtcTime(sig.timestamp->time) +
                            ", not checked (no trusted TSA certificates given): the signing "
                            "time is unproven"});
      break;
    case TimeProof::kNone:
      lines->push_back({"timestamp", Mark::kSkipped,
                        "none: the signing time is unproven (created is the signer's claim)"});
      break;
  }
  if (sig.validity) {
    if (sig.time_proof == TimeProof::kProven) {
      lines->push_back(
          {"key validity", Mark::kOk,
           Quoted(sig.signer) + " " + Describe(*sig.validity) + "; the timestamp falls within it"});
    } else {
      lines->push_back({"key validity", Mark::kSkipped,
                        Quoted(sig.signer) + " " + Describe(*sig.validity) +
                            "; not revoked, but the signing time is unproven"});
    }
  }
}

// One claim against the observed value of its label, if any.
void CheckClaim(const SignedClaim& claim, const ObservedValue* seen, const std::string& noun,
                std::vector<VerificationLine>* lines, std::vector<std::string>* failures) {
  const std::string shown = claim.value ? claim.kind + " " + *claim.value +
                                              (claim.context.empty() ? "" : " " + claim.context)
                                        : claim.unsigned_shown;
  if (seen == nullptr) {
    lines->push_back({claim.label, Mark::kSkipped,
                      shown + ", not checked" +
                          (claim.how_to_check.empty() ? "" : " (no " + claim.how_to_check + ")")});
    return;
  }
  if (claim.value && seen->value == *claim.value) {
    std::string note;
    if (!claim.identity.empty() && !seen->identity.empty() && seen->identity != claim.identity) {
      note = " (its " + claim.identity_name + " " + seen->identity +
             " differs: " + claim.identity_note + ")";
    }
    lines->push_back({claim.label, Mark::kOk, seen->source + " has the signed " + shown + note});
    return;
  }
  const std::string why =
      claim.value ? claim.label + " " + seen->source + " has " + claim.kind + " " + seen->value +
                        ", but the " + noun + " signed " + shown + ": " + claim.mismatch
                  : claim.label + " " + seen->source + " given, but " + claim.absent;
  lines->push_back({claim.label, Mark::kFailed, why});
  failures->push_back(why);
}

}  // namespace

Verification Verify(std::string_view name, std::string_view bytes,
                    const VerificationOptions& options, const PayloadReader& reader,
                    const std::vector<ObservedValue>& observed) {
  Verification v;
  // 1. The signature, over the payload bytes exactly as received.
  Result<VerifiedSignature> sig = VerifySignature(name, bytes, options);
  if (!sig) {
    v.status = sig.status();
    if (v.status.code() == StatusCode::kCorruption && bytes.find('\n') + 1 < bytes.size() &&
        v.status.message().find("expected end of input") != std::string::npos) {
      v.status = Status::Corruption(
          v.status.message() +
          "; a file of several envelopes (scan --sign with several drafts) holds one per "
          "line: verify each line on its own");
    }
    return v;
  }
  SignatureLines(*sig, options, &v.lines);

  // 2. Only now parse what was signed.
  Result<PayloadFacts> facts = reader(sig->payload);
  v.signature = std::move(sig).value();
  if (!facts) {
    v.status = facts.status();
    return v;
  }
  for (VerificationLine& line : facts->lines) v.lines.push_back(std::move(line));

  // 3. The values the caller asked about, each against its claim.
  std::set<std::string> claimed;
  for (const SignedClaim& claim : facts->claims) claimed.insert(claim.label);
  for (const ObservedValue& seen : observed) {
    if (claimed.count(seen.label) == 0) {
      v.status = Status::InvalidArgument("the signed " + facts->noun + " claims nothing called " +
                                         Quoted(seen.label));
      return v;
    }
  }
  std::vector<std::string> failures;
  for (const SignedClaim& claim : facts->claims) {
    const ObservedValue* seen = nullptr;
    for (const ObservedValue& o : observed) {
      if (o.label == claim.label) seen = &o;
    }
    CheckClaim(claim, seen, facts->noun, &v.lines, &failures);
  }
  if (failures.empty()) {
    v.lines.push_back({"result", Mark::kInfo, "verified"});
    return v;
  }
  v.lines.push_back({"result", Mark::kInfo, "NOT VERIFIED"});
  std::string message = std::string(name) + ": not verified: " + failures[0];
  for (size_t i = 1; i < failures.size(); ++i) message += "; " + failures[i];
  v.status = Status::VerificationFailed(message);
  return v;
}

std::string FormatVerification(const Verification& verification) {
  std::string out;
  for (const VerificationLine& line : verification.lines) {
    std::string label = line.label;
    if (label.size() < 14) label.append(14 - label.size(), ' ');
    out += label;
    switch (line.mark) {
      case Mark::kInfo:
        break;
      case Mark::kOk:
        out += "ok  ";
        break;
      case Mark::kSkipped:
        out += "--  ";
        break;
      case Mark::kFailed:
        out += "FAIL ";
        break;
    }
    // Names in the account (the signed draft's path, a signer) come from the
    // envelope: a control character in one must not forge a line or move
    // the terminal's cursor.
    out += base::EscapeControlCharacters(line.text);
    out.push_back('\n');
  }
  return out;
}

}  // namespace provcheck
