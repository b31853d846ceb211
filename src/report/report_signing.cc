// provcheck/report_signing.h: signing a report's statement and reading it
// back at verification.
#include "provcheck/report_signing.h"

#include <utility>

#include "report/statement.h"

namespace provcheck {
namespace {

// What a provcheck report statement claims, for the library's account.
Result<PayloadFacts> ReadReportFacts(const std::string& name, std::string_view payload) {
  PROVCHECK_ASSIGN_OR_RETURN(report::ReportStatementFacts f,
                             report::ReadReportStatement(name, payload));
  using Mark = VerificationLine::Mark;
  PayloadFacts out;
  out.noun = "report";
  out.lines.push_back(
      {"statement", Mark::kOk,
       std::string("in-toto Statement v1, predicate ") + report::kReportPredicateType});
  out.lines.push_back({"tool", Mark::kInfo, f.tool_name + " " + f.tool_version});
  out.lines.push_back({"created", Mark::kInfo, f.created});
  std::string verdict = f.verdict;
  for (const std::string& reason : f.reasons) verdict += "; " + reason;
  out.lines.push_back({"verdict", Mark::kInfo, verdict});

  SignedClaim draft;
  draft.label = "draft";
  draft.kind = "sha256";
  draft.value = f.subject_sha256;
  draft.context = "(" + f.subject_name + ")";
  draft.how_to_check = "--draft";
  draft.mismatch = "the draft changed after it was checked";
  out.claims.push_back(std::move(draft));

  SignedClaim index;
  index.label = "index";
  index.kind = "digest";
  index.value = f.index_digest;
  index.context = "(id " + f.index_id + ", " + std::to_string(f.index_documents) + " documents)";
  index.how_to_check = "--index";
  index.mismatch = "a different corpus or settings";
  index.identity_name = "id";
  index.identity = f.index_id;
  index.identity_note = "rebuilt from the same content";
  out.claims.push_back(std::move(index));

  SignedClaim rules;
  rules.label = "rules";
  rules.kind = "sha256";
  rules.value = f.rules_sha256;
  rules.context = f.rules_path ? "(" + *f.rules_path + ")" : "";
  rules.unsigned_shown = "none (built-in rules)";
  rules.how_to_check = "--rules";
  rules.mismatch = "different rules";
  rules.absent =
      "the report was made with the built-in rules (no rules file), so no rules "
      "file can match";
  out.claims.push_back(std::move(rules));
  return out;
}

}  // namespace

Result<std::string> SignReport(const Report& report, const SigningKey& key,
                               const SigningOptions& options) {
  return SignPayload(kInTotoPayloadType, report::ReportToStatement(report), key, options);
}

Result<std::string> SignReportJson(std::string_view name, std::string_view report_json,
                                   const SigningKey& key, const SigningOptions& options) {
  PROVCHECK_ASSIGN_OR_RETURN(std::string statement,
                             report::ReportJsonToStatement(name, report_json));
  return SignPayload(kInTotoPayloadType, statement, key, options);
}

PayloadReader ReportPayloadReader(std::string name) {
  return
      [name = std::move(name)](std::string_view payload) { return ReadReportFacts(name, payload); };
}

Verification VerifyReport(std::string_view name, std::string_view bytes,
                          const VerificationOptions& options,
                          const std::vector<ObservedValue>& observed) {
  return Verify(name, bytes, options, ReportPayloadReader(std::string(name)), observed);
}

}  // namespace provcheck
