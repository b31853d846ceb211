// provcheck keygen, sign and verify: reading files, computing the digests a
// verifier asks about, and printing; the checks are the library's
// (include/provcheck/sign.h), the statement's meaning the report stage's.
#include <ctime>
#include <memory>
#include <string>
#include <vector>

#include "base/file_system.h"
#include "base/sha256.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "provcheck/index.h"
#include "provcheck/report_signing.h"

namespace provcheck::cli {
namespace {

constexpr uint64_t kMaxReportBytes = 64ULL << 20;
constexpr uint64_t kMaxDraftBytes = 64ULL << 20;
constexpr uint64_t kMaxRulesBytes = 64ULL << 20;
constexpr uint64_t kMaxSignedFileBytes = 64ULL << 20;

// One line of an account: a label column, then what was found.
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

// The values --draft, --index and --rules ask about.
Result<std::vector<ObservedValue>> Observe(const VerifyOptions& options) {
  std::vector<ObservedValue> out;
  if (!options.draft.empty()) {
    PROVCHECK_ASSIGN_OR_RETURN(std::string sha, FileSha256(options.draft, kMaxDraftBytes));
    out.push_back({"draft", options.draft, sha, ""});
  }
  if (!options.index_dir.empty()) {
    PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<Index> index,
                               Index::Open(options.index_dir, Index::Mode::kReadOnly));
    PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, index->Stats());
    out.push_back({"index", IndexDisplayName(options.index_dir), stats.digest, stats.id});
  }
  if (!options.rules.empty()) {
    PROVCHECK_ASSIGN_OR_RETURN(std::string sha, FileSha256(options.rules, kMaxRulesBytes));
    out.push_back({"rules", options.rules, sha, ""});
  }
  return out;
}

// Everything a keyring entry needs, checked before any key file is made.
Result<KeyValidity> KeygenValidity(const KeygenOptions& options) {
  KeyValidity v;
  if (options.not_before.empty()) {
    v.not_before = static_cast<UnixSeconds>(std::time(nullptr));
  } else {
    PROVCHECK_ASSIGN_OR_RETURN(v.not_before, ParseUtcTime("--not-before", options.not_before));
  }
  if (!options.not_after.empty()) {
    PROVCHECK_ASSIGN_OR_RETURN(v.not_after, ParseUtcTime("--not-after", options.not_after));
    if (*v.not_after <= v.not_before) {
      return Status::InvalidArgument("--not-after " + options.not_after +
                                     " is not after the key's start, " +
                                     FormatUtcTime(v.not_before));
    }
  }
  return v;
}

}  // namespace

int RunKeygen(const KeygenOptions& options) {
  if (options.name.empty()) return ReportError(Status::InvalidArgument("keygen: NAME is empty"));
  if (options.keyring.empty() &&
      !(options.key_name.empty() && options.not_before.empty() && options.not_after.empty())) {
    return ReportError(Status::InvalidArgument(
        "keygen: --key-name, --not-before and --not-after describe a keyring entry: add "
        "--keyring FILE"));
  }
  std::string entry_name = options.key_name;
  KeyValidity validity;
  if (!options.keyring.empty()) {
    Result<KeyValidity> checked = KeygenValidity(options);
    if (!checked) return ReportError(checked.status());
    validity = *checked;
    if (entry_name.empty()) entry_name = options.name.substr(options.name.rfind('/') + 1);
    // A keyring that cannot take the entry is refused before any key exists.
    if (base::FileSystem::Default().Kind(options.keyring) != base::PathKind::kMissing) {
      Result<Keyring> ring = Keyring::Load(options.keyring);
      if (!ring) return ReportError(ring.status());
      for (const KeyringKey& k : ring->keys()) {
        if (k.name == entry_name) {
          return ReportError(Status::InvalidArgument(options.keyring +
                                                     ": already holds a key named \"" + entry_name +
                                                     "\"; choose another with --key-name"));
        }
      }
    }
  }
  Result<SigningKey> key = SigningKey::Generate();
  if (!key) return ReportError(key.status());
  if (Status s = key->WriteKeyFiles(options.name); !s.ok()) return ReportError(s);
  std::string out;
  Say(out, "private key", options.name + ".key (mode 0600: keep it secret, never share it)");
  Say(out, "public key", options.name + ".pub (give this to whoever verifies)");
  Say(out, "keyid", key->keyid());
  if (!options.keyring.empty()) {
    const KeyringKey entry{entry_name, key->verifying_key(), validity};
    if (Status s = AddToKeyring(options.keyring, entry); !s.ok()) {
      WriteStdout(out);
      return ReportError(s.WithPrefix("the key files are written, but not the keyring entry"));
    }
    Say(out, "keyring",
        options.keyring + ": added \"" + entry.name + "\", valid from " +
            FormatUtcTime(entry.validity.not_before) +
            (entry.validity.not_after ? " to " + FormatUtcTime(*entry.validity.not_after)
                                      : " with no end"));
  }
  WriteStdout(out);
  return kExitPass;
}

int RunSign(const SignOptions& options) {
  // The key first: a refused key should not wait for a large report.
  Result<SigningKey> key = SigningKey::Load(options.key);
  if (!key) return ReportError(key.status());
  Result<std::string> report =
      base::FileSystem::Default().ReadFile(options.report, kMaxReportBytes);
  if (!report) return ReportError(report.status());
  SigningOptions signing;
  signing.timestamp_url = options.timestamp;
  Result<std::string> signed_file = SignReportJson(options.report, *report, *key, signing);
  if (!signed_file) {
    Status s = signed_file.status();
    if (s.message().find("expected end of input") != std::string::npos) {
      // Most likely JSON Lines from a scan of several drafts.
      s = Status::InvalidInput(s.message() +
                               " (sign takes one report; to sign the reports "
                               "of several drafts, use scan --sign)");
    }
    return ReportError(s);
  }
  if (Status s = WriteOutput(options.out, *signed_file + "\n"); !s.ok()) return ReportError(s);
  return kExitPass;
}

int RunVerify(const VerifyOptions& options) {
  VerificationOptions trust;
  if (options.key.empty() == options.keyring.empty()) {
    return ReportError(Status::InvalidArgument(
        "verify: give the signer's public key (--key NAME.pub) or a keyring (--keyring FILE)"));
  }
  if (!options.key.empty()) {
    Result<VerifyingKey> key = VerifyingKey::Load(options.key);
    if (!key) return ReportError(key.status());
    trust.key = std::move(key).value();
    trust.key_label = options.key;
  } else {
    Result<Keyring> keyring = Keyring::Load(options.keyring);
    if (!keyring) return ReportError(keyring.status());
    trust.keyring = std::move(keyring).value();
  }
  if (!options.tsa_ca.empty()) {
    Result<TimestampAuthorities> tsa = TimestampAuthorities::Load(options.tsa_ca);
    if (!tsa) return ReportError(tsa.status());
    trust.timestamp_authorities = std::move(tsa).value();
  }
  Result<std::string> bytes =
      base::FileSystem::Default().ReadFile(options.envelope, kMaxSignedFileBytes);
  if (!bytes) return ReportError(bytes.status());
  Result<std::vector<ObservedValue>> observed = Observe(options);
  if (!observed) return ReportError(observed.status());

  Verification v = VerifyReport(options.envelope, *bytes, trust, *observed);
  WriteStdout(FormatVerification(v));
  return v.status.ok() ? kExitPass : ReportError(v.status);
}

}  // namespace provcheck::cli
