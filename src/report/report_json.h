// The JSON form of a report (docs/report-format.md): provcheck.report/1 in
// canonical bytes (RFC 8785).
#ifndef PROVCHECK_SRC_REPORT_REPORT_JSON_H_
#define PROVCHECK_SRC_REPORT_REPORT_JSON_H_

#include <string>

#include "provcheck/report.h"
#include "report/json_writer.h"

namespace provcheck::report {

JsonValue ReportToJson(const Report& report);

// Shares and similarities carry four decimals in every rendering: enough to
// read, and stable across platforms' last-bit differences.
double RoundToFourDecimals(double v);

// A reuse finding's source (metadata, offsets, text) as a JSON object.
JsonValue SourceSpanToJson(const SourceSpan& s);
// A reuse finding's matching blocks: [[draft_start, draft_end, source_start,
// source_end], ...] (the JSON report and SARIF's properties).
JsonValue MatchesToJson(const std::vector<MatchSpan>& matches);
// Canonical bytes of the report, without a trailing newline.
std::string ReportToCanonicalJson(const Report& report);

}  // namespace provcheck::report

#endif  // PROVCHECK_SRC_REPORT_REPORT_JSON_H_
