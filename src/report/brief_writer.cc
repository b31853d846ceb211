#include "report/brief_writer.h"

namespace provcheck::report {
namespace {

constexpr char kReset[] = "\x1b[0m";
constexpr char kBold[] = "\x1b[1m";
constexpr char kRed[] = "\x1b[1;31m";
constexpr char kYellow[] = "\x1b[1;33m";
constexpr char kCyan[] = "\x1b[1;36m";

std::string OneLine(const std::string& s) {
  std::string out = s;
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return out;
}

const char* Colour(Severity s) {
  switch (s) {
    case Severity::kError:
      return kRed;
    case Severity::kWarning:
      return kYellow;
    case Severity::kNote:
      return kCyan;
  }
  return kRed;
}

}  // namespace

std::string ReportToBriefText(const Report& r, const BriefOptions& options) {
  auto paint = [&](const char* code, const std::string& s) {
    return options.colour ? code + s + kReset : s;
  };
  std::string out;
  bool error_finding = false;
  for (const Finding& f : r.findings) {
    if (f.severity == Severity::kError) error_finding = true;
    const std::string where = r.draft_path + ":" + std::to_string(f.draft.line ? f.draft.line : 1) +
                              ":" + std::to_string(f.draft.column ? f.draft.column : 1) + ":";
    out += paint(kBold, where) + " " + paint(Colour(f.severity), SeverityName(f.severity)) + ": " +
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
