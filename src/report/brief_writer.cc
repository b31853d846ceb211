#include "report/brief_writer.h"

#include "report/ansi.h"

namespace provcheck::report {
namespace {

using ansi::kBold;
using ansi::kRed;

std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

}  // namespace

std::string ReportToBriefText(const Report& r, const BriefOptions& options) {
  const ansi::Painter paint{options.colour};
  std::string out;
  bool error_finding = false;
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::kError) error_finding = true;
    const std::string where = r.draft_path + ":" + std::to_string(f.draft.line ? f.draft.line : 1) +
                              ":" + std::to_string(f.draft.column ? f.draft.column : 1) + ":";
    out += paint(kBold, where) + " " + paint(ansi::SeverityColour(f.severity), SeverityName(f.severity)) + ": " +
           OneLine(f.message.empty() ? f.rule : f.message) + " [" + f.rule + "]\n";
  }
  if (!r.pass && !error_finding) {
    for (const std::string& reason : r.reasons) {
      out += paint(kBold, r.draft_path + ":") + " " + paint(kRed, "error") + ": " +
             OneLine(reason) + " [verdict]\n";
    }
    if (r.reasons.empty()) {
      out += paint(kBold, r.draft_path + ":") + " " + paint(kRed, "error") +
             ": the draft fails the rules [verdict]\n";
    }
  }
  return out;
}

}  // namespace provcheck::report
