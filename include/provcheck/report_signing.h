// Signed provcheck reports: a report's in-toto statement signed as a DSSE
// envelope (or a Sigstore bundle with a timestamp), and verification that
// reads back what the statement claims (draft sha256, index digest, rules
// sha256) and checks the values a caller observed against it. The same
// outcomes and account as `provcheck sign` and `provcheck verify`.
//
// Thread-safety: pure functions of their arguments (sign.h's keys may be
// shared).
#ifndef PROVCHECK_INCLUDE_PROVCHECK_REPORT_SIGNING_H_
#define PROVCHECK_INCLUDE_PROVCHECK_REPORT_SIGNING_H_

#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/result.h"
#include "provcheck/sign.h"

namespace provcheck {

// The signed file of `report` (no trailing newline): SignPayload over
// ReportToInTotoStatement(report) as kInTotoPayloadType. Fails as
// SignPayload.
Result<std::string> SignReport(const Report& report, const SigningKey& key,
                               const SigningOptions& options = {});

// The statement of a report given as JSON (one report as `scan --format
// json` writes it; `name` names it in messages), signed as SignReport
// signs. kInvalidInput naming `name` when it is not one provcheck.report/1.
Result<std::string> SignReportJson(std::string_view name, std::string_view report_json,
                                   const SigningKey& key, const SigningOptions& options = {});

// Reads a verified payload as a provcheck report statement: the facts
// `provcheck verify` prints (statement, tool, created, verdict) and the
// claims it can check (labels "draft", "index", "rules"). `name` names the
// signed file in messages.
PayloadReader ReportPayloadReader(std::string name);

// Verify(name, bytes, options, ReportPayloadReader(name), observed): the
// whole check of a signed report. Observed values use the labels above:
// {"draft", path, sha256 hex}, {"index", dir, "sha256:<hex>" digest, id},
// {"rules", path, sha256 hex}.
Verification VerifyReport(std::string_view name, std::string_view bytes,
                          const VerificationOptions& options,
                          const std::vector<ObservedValue>& observed);

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_REPORT_SIGNING_H_
