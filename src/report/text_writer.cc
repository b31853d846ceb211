#include "report/text_writer.h"

#include <cctype>
#include <cstdio>

#include "base/utf8.h"
#include "report/ansi.h"
#include "report/number_format.h"

namespace provcheck::report {
namespace {

using ansi::kBold;
using ansi::kGreen;
using ansi::kHighlight;
using ansi::kRed;
using ansi::Painter;

bool HasWordCharacter(const std::string& s) {
  for (unsigned char c : s) {
    if (std::isalnum(c) || c >= 0x80) return true;
  }
  return false;
}

// Marks a stretch of words that differs between draft and source: colour
// when on, else wdiff's {+added+} (draft) and [-removed-] (source), with the
// spaces around the words left outside the marks.
std::string MarkDifference(const std::string& run, bool draft, const Painter& paint) {
  if (paint.on || !HasWordCharacter(run)) return run;
  size_t b = run.find_first_not_of(" \t");
  size_t e = run.find_last_not_of(" \t") + 1;
  const char* open = draft ? "{+" : "[-";
  const char* close = draft ? "+}" : "-]";
  return run.substr(0, b) + open + run.substr(b, e - b) + close + run.substr(e);
}

// `text` (bytes [base, base + size) of a file) with the ranges in `spans`
// (absolute offsets; draft side when `draft`) highlighted and the words
// between them marked as different, each line indented.
std::string Excerpt(const std::string& text, uint64_t base, const std::vector<MatchSpan>& spans,
                    bool draft, const Painter& paint, const std::string& indent) {
  std::string out = indent;
  std::string run;
  bool in_match = false;
  auto flush = [&]() {
    if (run.empty()) return;
    // The text's own line breaks stay line breaks (indented); any other
    // control character is escaped, so no line of it is taken for a
    // terminal or CI log command.
    run = base::EscapeControlCharacters(run);
    out += in_match ? paint(kHighlight, run) : MarkDifference(run, draft, paint);
    run.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    uint64_t at = base + i;
    bool m = false;
    for (const MatchSpan& s : spans) {
      uint64_t lo = draft ? s.draft_start : s.source_start;
      uint64_t hi = draft ? s.draft_end : s.source_end;
      if (lo <= at && at < hi) {
        m = true;
        break;
      }
    }
    if (m != in_match) {
      flush();
      in_match = m;
    }
    if (text[i] == '\r' && i + 1 < text.size() && text[i + 1] == '\n') continue;  // CRLF
    if (text[i] == '\n') {
      flush();
      out += "\n" + indent;
      continue;
    }
    run.push_back(text[i]);
  }
  flush();
  return out + "\n";
}

}  // namespace

std::string ReportToText(const Report& r, const TextOptions& options) {
  Painter paint{options.colour};
  // Every line carrying a path, a name or text from outside has its control
  // characters escaped (base::EscapeControlCharacters).
  const auto line = [](const std::string& s) { return base::EscapeControlCharacters(s); };
  std::string out;
  const std::string verdict = r.pass ? paint(kGreen, "PASS") : paint(kRed, "FAIL");
  out += paint(kBold, line(r.draft_path)) + ": " + verdict + "  " + std::to_string(r.passages) +
         (r.passages == 1 ? " passage" : " passages") + ", " + FormatPercent(r.reused_share) +
         " of " + std::to_string(r.draft_words) + " words reused";
  if (!r.sources.empty()) {
    out += ", from " + std::to_string(r.sources.size()) +
           (r.sources.size() == 1 ? " source" : " sources");
  }
  out += "\n";
  for (const std::string& reason : r.reasons) out += "  " + line(reason) + "\n";
  for (const SourceCoverage& s : r.sources) {
    out += "  " + FormatPercent(s.share) + " from " + line(s.id) + " \u201C" + line(s.title) +
           "\u201D";
    if (!s.publisher.empty()) out += " (" + line(s.publisher) + ")";
    out += "\n";
  }
  int n = 0;
  for (const Finding& f : r.findings) {
    ++n;
    const char* colour = ansi::SeverityColour(f.severity);
    out += "\n[" + std::to_string(n) + "] " + paint(colour, SeverityName(f.severity)) + " " +
           line(f.rule) + "  " + line(r.draft_path) + ":" + std::to_string(f.draft.line) + ":" +
           std::to_string(f.draft.column) + "\n";
    out += "    " + line(f.message) + "\n";
    if (f.source) {
      out +=
          "    " + std::to_string(f.words) + " words, similarity " + FormatFixed2(f.similarity) +
          (f.quoted             ? ", quoted"
           : f.quoted_words > 0 ? ", " + std::to_string(f.quoted_words) + " inside quotation marks"
                                : "") +
          (f.credited ? ", credited" : "") + "; source " + line(f.source->id) + " bytes " +
          std::to_string(f.source->start) + "-" + std::to_string(f.source->end) + "\n";
      out += "    " + paint(kBold, "draft:") + "\n";
      out += Excerpt(f.draft.text, f.draft.start, f.matches, true, paint, "      ");
      out += "    " + paint(kBold, "source:") + "\n";
      out += Excerpt(f.source->text, f.source->start, f.matches, false, paint, "      ");
    }
  }
  return out;
}

}  // namespace provcheck::report
