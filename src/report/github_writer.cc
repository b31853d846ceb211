#include "report/github_writer.h"

#include <algorithm>

namespace provcheck::report {
namespace {

void Escape(std::string_view s, bool property, std::string& out) {
  for (char c : s) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      case ':':
        if (property)
          out += "%3A";
        else
          out.push_back(c);
        break;
      case ',':
        if (property)
          out += "%2C";
        else
          out.push_back(c);
        break;
      default:
        out.push_back(c);
    }
  }
}

const char* Command(Severity s) {
  switch (s) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kNote:
      return "notice";
  }
  return "error";
}

// The path GitHub resolves against the workspace: without "./".
std::string_view WorkspacePath(std::string_view path) {
  while (path.size() > 2 && path.substr(0, 2) == "./") path.remove_prefix(2);
  return path;
}

void AppendProperty(std::string& out, const char* name, std::string_view value, bool first) {
  if (!first) out.push_back(',');
  out += name;
  out.push_back('=');
  Escape(value, true, out);
}

std::string Title(const Finding& f) {
  std::string title = "provcheck " + f.rule;
  if (f.source) {
    title += ": " + std::to_string(f.words) + " words from ";
    title += f.source->publisher.empty() ? f.source->id : f.source->publisher;
  }
  return title;
}

std::string Message(const Finding& f) {
  std::string m = f.message.empty() ? f.rule : f.message;
  if (f.source) {
    const SourceSpan& s = *f.source;
    m += "\nSource: " + s.id;
    if (!s.title.empty()) m += " \u201C" + s.title + "\u201D";
    std::string meta = s.publisher;
    if (!s.date.empty()) meta += (meta.empty() ? "" : ", ") + s.date;
    if (!meta.empty()) m += " (" + meta + ")";
    if (!s.url.empty()) m += "\n" + s.url;
  }
  return m;
}

}  // namespace

std::string EscapeGithubData(std::string_view s) {
  std::string out;
  Escape(s, false, out);
  return out;
}

std::string EscapeGithubProperty(std::string_view s) {
  std::string out;
  Escape(s, true, out);
  return out;
}

std::string ReportToGithubAnnotations(const Report& report) {
  const std::string_view path = WorkspacePath(report.draft_path);
  std::string out;
  bool error_finding = false;
  for (const Finding& f : report.findings) {
    if (f.severity == Severity::kError) error_finding = true;
    const uint32_t line = f.draft.line ? f.draft.line : 1;
    const uint32_t end_line = f.draft.end_line >= line ? f.draft.end_line : line;
    out += "::";
    out += Command(f.severity);
    out.push_back(' ');
    AppendProperty(out, "file", path, true);
    AppendProperty(out, "line", std::to_string(line), false);
    AppendProperty(out, "endLine", std::to_string(end_line), false);
    if (end_line == line && f.draft.column > 0) {
      AppendProperty(out, "col", std::to_string(f.draft.column), false);
      AppendProperty(out, "endColumn", std::to_string(std::max(f.draft.end_column, f.draft.column)),
                     false);
    }
    AppendProperty(out, "title", Title(f), false);
    out += "::";
    Escape(Message(f), false, out);
    out.push_back('\n');
  }
  if (!report.pass && !error_finding) {
    std::string message = "The draft fails the rules.";
    for (const std::string& reason : report.reasons) message += "\n" + reason;
    out += "::error ";
    AppendProperty(out, "file", path, true);
    AppendProperty(out, "title", "provcheck: draft fails", false);
    out += "::";
    Escape(message, false, out);
    out.push_back('\n');
  }
  return out;
}

}  // namespace provcheck::report
