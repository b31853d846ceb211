#include "provcheck/report.h"

namespace provcheck {

const char* SeverityName(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "note";
  }
  return "error";
}

const char* FindingKindName(FindingKind kind) {
  return kind == FindingKind::kCredit ? "credit" : "reuse";
}

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kNone:
      return "";
    case Outcome::kQuoted:
      return "quoted";
    case Outcome::kAllowed:
      return "allowed";
    case Outcome::kCredited:
      return "credited";
    case Outcome::kViolating:
      return "violating";
  }
  return "";
}

}  // namespace provcheck
