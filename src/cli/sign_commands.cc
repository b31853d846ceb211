// provcheck keygen, sign and verify: the CLI side of signed reports. The
// sign stage signs and verifies bytes; the report stage builds and reads the
// in-toto statement; this file joins them and says what it checked.
#include <cstdio>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "provcheck/index.h"
#include "report/statement.h"
#include "sign/dsse.h"
#include "sign/keys.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxReportBytes = 64ULL << 20;
constexpr uint64_t kMaxDraftBytes = 64ULL << 20;
constexpr uint64_t kMaxRulesBytes = 64ULL << 20;

// One line of verify's account: a label column, then what was found.
void Say(std::string& out, std::string_view label, std::string_view text) {
  std::string line(label);
  if (line.size() < 14) line.append(14 - line.size(), ' ');
  out += line;
  out += text;
  out.push_back('\n');
}

Result<std::string> FileSha256(const std::string& path, uint64_t max_bytes) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string bytes,
                             base::FileSystem::Default().ReadFile(path, max_bytes));
  return base::Sha256Hex(bytes);
}

Status WriteOutput(const std::string& out_path, const std::string& bytes) {
  if (out_path.empty()) {
    WriteStdout(bytes);
    return Status::Ok();
  }
  return base::FileSystem::Default().WriteFileAtomically(out_path, bytes, 0644);
}

}  // namespace

Result<std::string> SignStatement(const std::string& statement, const sign::PrivateKey& key) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string envelope,
                             sign::SignEnvelope(sign::kInTotoPayloadType, statement, key));
  // Check our own work before anyone relies on it: a bug here would
  // otherwise surface months later, at verify time.
  Result<sign::VerifiedEnvelope> check = sign::VerifyEnvelope(
      "new envelope", envelope, key.public_key(), sign::kInTotoPayloadType);
  if (!check || check->payload != statement) {
    return Status::Internal("a freshly signed envelope does not verify: " +
                            check.status().ToString());
  }
  return envelope;
}

int RunKeygen(const KeygenOptions& options) {
  if (options.name.empty()) return ReportError(Status::InvalidArgument("keygen: NAME is empty"));
  Result<sign::PrivateKey> key = sign::PrivateKey::Generate();
  if (!key) return ReportError(key.status());
  if (Status s = sign::WriteKeyFiles(options.name, *key); !s.ok()) return ReportError(s);
  std::string out;
  Say(out, "private key", options.name + ".key (mode 0600: keep it secret, never share it)");
  Say(out, "public key", options.name + ".pub (give this to whoever verifies)");
  Say(out, "keyid", key->keyid());
  WriteStdout(out);
  return kExitPass;
}

int RunSign(const SignOptions& options) {
  // The key first: a refused key should not wait for a large report.
  Result<sign::PrivateKey> key = sign::PrivateKey::Load(options.key);
  if (!key) return ReportError(key.status());
  Result<std::string> report = base::FileSystem::Default().ReadFile(options.report,
                                                                    kMaxReportBytes);
  if (!report) return ReportError(report.status());
  Result<std::string> statement = report::ReportJsonToStatement(options.report, *report);
  if (!statement) {
    Status s = statement.status();
    if (s.message().find("expected end of input") != std::string::npos) {
      // Most likely JSON Lines from a scan of several drafts.
      s = Status::InvalidInput(s.message() + " (sign takes one report; to sign the reports "
                                             "of several drafts, use scan --sign)");
    }
    return ReportError(s);
  }
  Result<std::string> envelope = SignStatement(*statement, *key);
  if (!envelope) return ReportError(envelope.status());
  if (Status s = WriteOutput(options.out, *envelope + "\n"); !s.ok()) return ReportError(s);
  return kExitPass;
}

int RunVerify(const VerifyOptions& options) {
  Result<sign::PublicKey> key = sign::PublicKey::Load(options.key);
  if (!key) return ReportError(key.status());
  Result<std::string> envelope =
      base::FileSystem::Default().ReadFile(options.envelope, sign::kMaxEnvelopeBytes);
  if (!envelope) return ReportError(envelope.status());

  // 1. The signature, over the payload bytes exactly as received.
  Result<sign::VerifiedEnvelope> verified =
      sign::VerifyEnvelope(options.envelope, *envelope, *key, sign::kInTotoPayloadType);
  if (!verified) {
    if (verified.status().code() == StatusCode::kCorruption &&
        envelope->find('\n') < envelope->size() - 1 &&
        verified.status().message().find("expected end of input") != std::string::npos) {
      return ReportError(Status::Corruption(
          verified.status().message() +
          "; a file of several envelopes (scan --sign with several drafts) holds one per "
          "line: verify each line on its own"));
    }
    return ReportError(verified.status());
  }
  std::string out;
  Say(out, "signature", "ok  Ed25519, keyid " + verified->keyid + " (" + options.key + ")");
  Say(out, "payload type", "ok  " + verified->payload_type);

  // 2. Only now parse what was signed.
  Result<report::ReportStatementFacts> facts =
      report::ReadReportStatement(options.envelope, verified->payload);
  if (!facts) {
    WriteStdout(out);
    return ReportError(facts.status());
  }
  Say(out, "statement", std::string("ok  in-toto Statement v1, predicate ") +
                            report::kReportPredicateType);
  Say(out, "tool", facts->tool_name + " " + facts->tool_version);
  Say(out, "created", facts->created);
  std::string verdict = facts->verdict;
  for (const std::string& reason : facts->reasons) verdict += "; " + reason;
  Say(out, "verdict", verdict);

  // 3. The digests the caller asked about.
  std::vector<std::string> failures;
  const std::string signed_draft = "sha256 " + facts->subject_sha256 + " (" +
                                   facts->subject_name + ")";
  if (options.draft.empty()) {
    Say(out, "draft", "--  " + signed_draft + ", not checked (no --draft)");
  } else {
    Result<std::string> sha = FileSha256(options.draft, kMaxDraftBytes);
    if (!sha) {
      WriteStdout(out);
      return ReportError(sha.status());
    }
    if (*sha == facts->subject_sha256) {
      Say(out, "draft", "ok  " + options.draft + " has the signed " + signed_draft);
    } else {
      const std::string why = "draft " + options.draft + " has sha256 " + *sha +
                              ", but the report signed " + signed_draft +
                              ": the draft changed after it was checked";
      Say(out, "draft", "FAIL " + why);
      failures.push_back(why);
    }
  }

  const std::string signed_index = facts->index_digest + " (id " + facts->index_id + ", " +
                                   std::to_string(facts->index_documents) + " documents)";
  if (options.index_dir.empty()) {
    Say(out, "index", "--  " + signed_index + ", not checked (no --index)");
  } else {
    Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
    Result<IndexStats> stats = index ? (*index)->Stats() : Result<IndexStats>(index.status());
    if (!stats) {
      WriteStdout(out);
      return ReportError(stats.status());
    }
    if (stats->digest == facts->index_digest) {
      std::string note = stats->id == facts->index_id
                             ? ""
                             : " (its id " + stats->id + " differs: rebuilt from the same content)";
      Say(out, "index", "ok  " + options.index_dir + " has the signed digest " + signed_index +
                            note);
    } else {
      const std::string why = "index " + options.index_dir + " has digest " + stats->digest +
                              ", but the report signed " + signed_index +
                              ": a different corpus or settings";
      Say(out, "index", "FAIL " + why);
      failures.push_back(why);
    }
  }

  const std::string signed_rules =
      facts->rules_sha256 ? "sha256 " + *facts->rules_sha256 + " (" + *facts->rules_path + ")"
                          : "none (built-in rules)";
  if (options.rules.empty()) {
    Say(out, "rules", "--  " + signed_rules + ", not checked (no --rules)");
  } else {
    Result<std::string> sha = FileSha256(options.rules, kMaxRulesBytes);
    if (!sha) {
      WriteStdout(out);
      return ReportError(sha.status());
    }
    if (facts->rules_sha256 && *sha == *facts->rules_sha256) {
      Say(out, "rules", "ok  " + options.rules + " has the signed " + signed_rules);
    } else {
      const std::string why =
          facts->rules_sha256
              ? "rules " + options.rules + " has sha256 " + *sha + ", but the report signed " +
                    signed_rules + ": different rules"
              : "rules " + options.rules + " given, but the report was made with the built-in "
                "rules (no rules file), so no rules file can match";
      Say(out, "rules", "FAIL " + why);
      failures.push_back(why);
    }
  }

  if (failures.empty()) {
    Say(out, "result", "verified");
    WriteStdout(out);
    return kExitPass;
  }
  Say(out, "result", "NOT VERIFIED");
  WriteStdout(out);
  std::string message = options.envelope + ": not verified: " + failures[0];
  for (size_t i = 1; i < failures.size(); ++i) message += "; " + failures[i];
  return ReportError(Status::VerificationFailed(message));
}

}  // namespace provcheck::cli
