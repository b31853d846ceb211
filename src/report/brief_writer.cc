#include "report/brief_writer.h"

#include "base/utf8.h"
#include "report/ansi.h"

namespace provcheck::report {
namespace {

using ansi::kBold;
using ansi::kRed;

// One line: a message's line breaks become spaces, and every other control
// character is escaped, so nothing from outside starts a line of its own
// (a workflow command in a CI log).
std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return base::EscapeControlCharacters(out);
}

}  // namespace

std::string ReportToBriefText(const Report& r, const BriefOptions& options) {
  const ansi::Painter paint{options.colour};
  std::string out;
  bool error_finding = false;
  const std::string path = base::EscapeControlCharacters(r.draft_path);  // \n stays visible
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::kError) error_finding = true;
    const std::string where = path + ":" + std::to_string(f.draft.line ? f.draft.line : 1) + ":" +
                              std::to_string(f.draft.column ? f.draft.column : 1) + ":";
    out += paint(kBold, where) + " " +
           paint(ansi::SeverityColour(f.severity), SeverityName(f.severity)) + ": " +
           OneLine(f.message.empty() ? f.rule : f.message) + " [" + OneLine(f.rule) + "]\n";
  }
  if (!r.pass && !error_finding) {
    for (const std::string& reason : r.reasons) {
      out += paint(kBold, path + ":") + " " + paint(kRed, "error") + ": " + OneLine(reason) +
             " [verdict]\n";
    }
    if (r.reasons.empty()) {
      out += paint(kBold, path + ":") + " " + paint(kRed, "error") +
             ": the draft fails the rules [verdict]\n";
    }
  }
  return out;
}

}  // namespace provcheck::report
