#include "report/html_writer.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "base/utf8.h"
#include "report/html_assets.h"
#include "report/html_escape.h"
#include "report/number_format.h"

namespace provcheck::report {
namespace {

// --- Numbers

std::string Plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

const char* SevClass(Severity s) {
  switch (s) {
    case Severity::kError:
      return "sev-error";
    case Severity::kWarning:
      return "sev-warning";
    case Severity::kNote:
      return "sev-note";
  }
  return "sev-error";
}

int Rank(Severity s) { return s == Severity::kError ? 3 : s == Severity::kWarning ? 2 : 1; }

// --- Marked text

// A stretch of text with the findings covering it.
struct Boundary {
  uint64_t at;
  int finding;  // index into the report's findings, or -1 for a match edge
  bool open;
};

// Renders text[0, size) of the draft with every finding's span marked:
// one <mark> per stretch between consecutive boundaries, carrying the
// numbers of the findings over it, and a numbered link where each passage
// begins. `d` is the draft's number (for ids); `text` starts at byte `base`
// of the draft; `only` >= 0 marks that finding alone.
void RenderDraftText(std::string& out, const Report& r, std::string_view text, int d,
                     uint64_t base = 0, int only = -1) {
  const uint64_t size = text.size();
  // A draft offset as an offset into `text`, clipped to it.
  auto local = [&](uint64_t at) { return at < base ? 0 : std::min(at - base, size); };
  std::vector<Boundary> bounds;
  bounds.reserve(r.findings.size() * 4);
  for (size_t n = 0; n < r.findings.size(); ++n) {
    if (only >= 0 && static_cast<size_t>(only) != n) continue;
    const Finding& f = r.findings[n];
    uint64_t a = local(f.draft.start), b = local(f.draft.end);
    if (a > b) std::swap(a, b);
    bounds.push_back({a, static_cast<int>(n), true});
    bounds.push_back({b, static_cast<int>(n), false});
    for (const MatchSpan& m : f.matches) {
      uint64_t ma = local(m.draft_start), mb = local(m.draft_end);
      if (ma >= mb) continue;
      bounds.push_back({ma, -1, true});
      bounds.push_back({mb, -1, false});
    }
  }
  // Closings before openings at the same place; passages by number.
  std::sort(bounds.begin(), bounds.end(), [](const Boundary& x, const Boundary& y) {
    if (x.at != y.at) return x.at < y.at;
    if (x.open != y.open) return !x.open;
    return x.finding < y.finding;
  });
  std::vector<int> active;  // findings over the current stretch, by number
  int in_match = 0;
  uint64_t pos = 0;
  const std::string prefix = "d" + std::to_string(d) + "-";
  auto emit = [&](uint64_t upto) {
    if (upto <= pos) return;
    std::string_view piece = text.substr(pos, upto - pos);
    if (active.empty()) {
      AppendEscaped(out, piece, true);
    } else {
      Severity sev = Severity::kNote;
      bool credit = false, reuse = false;
      std::string numbers;
      for (int n : active) {
        const Finding& f = r.findings[n];
        if (Rank(f.severity) > Rank(sev)) sev = f.severity;
        (f.kind == FindingKind::kCredit ? credit : reuse) = true;
        if (!numbers.empty()) numbers.push_back(' ');
        numbers += std::to_string(n + 1);
      }
      out += "<mark class=\"";
      out += reuse ? "p " : "";
      out += SevClass(sev);
      if (credit) out += " credit";
      if (in_match > 0) out += " same";
      out += "\" data-f=\"" + numbers + "\">";
      AppendEscaped(out, piece, true);
      out += "</mark>";
    }
    pos = upto;
  };
  for (const Boundary& b : bounds) {
    emit(b.at);
    if (b.finding < 0) {
      in_match += b.open ? 1 : -1;
      continue;
    }
    if (b.open) {
      active.insert(std::lower_bound(active.begin(), active.end(), b.finding), b.finding);
      const Finding& f = r.findings[b.finding];
      const std::string num = std::to_string(b.finding + 1);
      out += "<a class=\"num " + std::string(SevClass(f.severity)) +
             (f.kind == FindingKind::kCredit ? " credit" : "") + "\" id=\"" + prefix + "p" + num +
             "\" href=\"#" + prefix + "f" + num + "\" data-f=\"" + num + "\" title=\"";
      AppendEscaped(
          out, std::string(f.kind == FindingKind::kCredit ? "Credit finding " : "Passage ") + num +
                   ": " + f.message);
      out += "\">" + num + "</a>";
    } else {
      auto it = std::lower_bound(active.begin(), active.end(), b.finding);
      if (it != active.end() && *it == b.finding) active.erase(it);
    }
  }
  emit(size);
}

// The source text of a passage with its identical words marked.
void RenderSourceText(std::string& out, const Finding& f) {
  const SourceSpan& s = *f.source;
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const MatchSpan& m : f.matches) {
    uint64_t a = std::max(m.source_start, s.start), b = std::min(m.source_end, s.end);
    if (a < b) spans.emplace_back(a - s.start, b - s.start);
  }
  std::sort(spans.begin(), spans.end());
  uint64_t pos = 0;
  const std::string_view text = s.text;
  for (auto [a, b] : spans) {
    a = std::min<uint64_t>(std::max(a, pos), text.size());
    b = std::min<uint64_t>(b, text.size());
    if (a >= b) continue;
    AppendEscaped(out, text.substr(pos, a - pos), true);
    out += "<mark class=\"same\">";
    AppendEscaped(out, text.substr(a, b - a), true);
    out += "</mark>";
    pos = b;
  }
  AppendEscaped(out, text.substr(std::min<uint64_t>(pos, text.size())), true);
}

// --- Page parts

std::string DraftSummary(const Report& r) {
  uint32_t credits = 0;
  for (const Finding& f : r.findings) credits += f.kind == FindingKind::kCredit;
  std::string s = Plural(r.passages, "reused passage", "reused passages");
  if (!r.sources.empty()) s += " from " + Plural(r.sources.size(), "source", "sources");
  s += ", " + FormatPercent(r.reused_share) + " of " + Plural(r.draft_words, "word", "words");
  if (credits > 0) s += "; " + Plural(credits, "credit finding", "credit findings");
  return s;
}

void RenderFindingCard(std::string& out, const Finding& f, size_t n, const std::string& prefix) {
  const std::string num = std::to_string(n);
  out += "<article class=\"finding " + std::string(SevClass(f.severity)) +
         (f.kind == FindingKind::kCredit ? " credit" : "") + "\" id=\"" + prefix + "f" + num +
         "\" tabindex=\"-1\" aria-labelledby=\"" + prefix + "f" + num + "-h\">\n";
  out += "<h4 id=\"" + prefix + "f" + num + "-h\"><a class=\"num " + SevClass(f.severity) +
         "\" href=\"#" + prefix + "p" + num + "\" title=\"Back to " +
         (f.kind == FindingKind::kCredit ? "finding " : "passage ") + num + " in the draft\">" +
         num + "</a> ";
  if (f.source) {
    out += "<cite>" + Esc(f.source->title.empty() ? f.source->id : f.source->title) + "</cite>";
  } else {
    out += (f.kind == FindingKind::kCredit ? "Credit: " : "Reuse: ") + Esc(f.rule);
  }
  out += "</h4>\n";
  if (f.source) {
    const SourceSpan& s = *f.source;
    out += "<p class=\"src-meta\">";
    std::vector<std::string> parts;
    if (!s.publisher.empty())
      parts.push_back("<span class=\"publisher\">" + Esc(s.publisher) + "</span>");
    if (!s.date.empty()) parts.push_back("<time>" + Esc(s.date) + "</time>");
    if (!s.authors.empty()) {
      std::string a;
      for (const std::string& name : s.authors) a += (a.empty() ? "" : ", ") + Esc(name);
      parts.push_back("by " + a);
    }
    for (size_t i = 0; i < parts.size(); ++i) out += (i ? " \u00B7 " : "") + parts[i];
    out += "<br>";
    if (!s.url.empty() && IsWebUrl(s.url)) {
      out += "<a class=\"src-link\" href=\"" + Esc(s.url) + "\" rel=\"noreferrer noopener\">" +
             Esc(s.url) + "</a>";
    } else if (!s.url.empty()) {
      out += "<span class=\"src-link\">" + Esc(s.url) + "</span>";
    }
    out += "</p>\n<p class=\"src-id\">id <code>" + Esc(s.id) + "</code>, bytes " +
           std::to_string(s.start) + "\u2013" + std::to_string(s.end);
    if (!s.licence.empty()) out += ", licence: " + Esc(s.licence);
    out += "</p>\n";
  }
  out += "<p class=\"finding-meta\"><span class=\"sev\">" + std::string(SeverityName(f.severity)) +
         "</span> <code>" + Esc(f.rule) + "</code> \u00B7 line " + std::to_string(f.draft.line) +
         ", column " + std::to_string(f.draft.column);
  if (f.kind == FindingKind::kReuse && f.words > 0)
    out += " \u00B7 " + Plural(f.words, "word", "words");
  if (f.source) {
    out += " \u00B7 similarity " + FormatFixed2(f.similarity);
    if (f.quoted) {
      out += " \u00B7 quoted";
    } else if (f.quoted_words > 0) {
      out += " \u00B7 " + std::to_string(f.quoted_words) + " inside quotation marks";
    }
    if (f.credited) out += " \u00B7 credited";
  }
  out += "</p>\n<p class=\"message\">" + Esc(f.message) + "</p>\n";
  if (f.source) {
    out += "<blockquote class=\"src-text\" cite=\"" +
           (IsWebUrl(f.source->url) ? Esc(f.source->url) : std::string()) + "\">";
    RenderSourceText(out, f);
    out += "</blockquote>\n";
  } else if (!f.draft.text.empty()) {
    out += "<blockquote class=\"draft-quote\">";
    AppendEscaped(out, f.draft.text, true);
    out += "</blockquote>\n";
  }
  out += "</article>\n";
}

void RenderDraft(std::string& out, const HtmlDraft& hd, int d, bool several) {
  const Report& r = *hd.report;
  const std::string prefix = "d" + std::to_string(d) + "-";
  const char* verdict = r.pass ? "pass" : "fail";
  out += "<section class=\"draft\" id=\"d" + std::to_string(d) + "\" aria-labelledby=\"" + prefix +
         "h\">\n";
  out += "<h2 id=\"" + prefix + "h\"><span class=\"badge " + verdict + "\">" +
         (r.pass ? "PASS" : "FAIL") + "</span> <span class=\"path\">" + Esc(r.draft_path) +
         "</span></h2>\n";
  out += "<p class=\"stats\">" + DraftSummary(r) + "</p>\n";
  if (!r.reasons.empty()) {
    out += "<ul class=\"reasons\">";
    for (const std::string& reason : r.reasons) out += "<li>" + Esc(reason) + "</li>";
    out += "</ul>\n";
  }
  if (!r.sources.empty()) {
    out +=
        "<table class=\"sources\"><caption>Sources</caption><thead><tr><th scope=\"col\">"
        "Share</th><th scope=\"col\">Passages</th><th scope=\"col\">Source</th>"
        "<th scope=\"col\">Publisher</th></tr></thead><tbody>\n";
    for (const SourceCoverage& s : r.sources) {
      out += "<tr><td class=\"share\">" + FormatPercent(s.share) + "</td><td>" +
             std::to_string(s.passages) + "</td><td><cite>" + Esc(s.title) + "</cite> <code>" +
             Esc(s.id) + "</code></td><td>" + Esc(s.publisher) + "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  if (!r.findings.empty()) {
    out +=
        "<nav class=\"finding-list\" aria-label=\"Findings in " + Esc(r.draft_path) + "\"><ol>\n";
    for (size_t n = 1; n <= r.findings.size(); ++n) {
      const Finding& f = r.findings[n - 1];
      const std::string num = std::to_string(n);
      out += "<li><a href=\"#" + prefix + "p" + num + "\"><span class=\"sev " +
             SevClass(f.severity) + "\">" + SeverityName(f.severity) + "</span> <code>" +
             Esc(f.rule) + "</code> line " + std::to_string(f.draft.line) + ": ";
      if (f.source) {
        out += Plural(f.words, "word", "words") + " from " +
               Esc(f.source->publisher.empty() ? f.source->id : f.source->publisher) + ", <cite>" +
               Esc(f.source->title) + "</cite>";
      } else {
        out += Esc(f.message);
      }
      out += "</a></li>\n";
    }
    out += "</ol></nav>\n";
  }
  out += "<div class=\"columns\">\n<div class=\"draft-col\"><h3>Draft";
  if (several) out += " <span class=\"path\">" + Esc(r.draft_path) + "</span>";
  out += "</h3>\n";
  if (!hd.text.empty()) {
    out += "<pre class=\"text\">";
    RenderDraftText(out, r, hd.text, d);
    out += "</pre>\n";
  } else {
    // Without the draft's bytes: each finding's own text, on its own.
    out += "<div class=\"text\">";
    for (size_t n = 0; n < r.findings.size(); ++n) {
      const Finding& f = r.findings[n];
      out += "<p>\u2026";
      RenderDraftText(out, r, f.draft.text, d, f.draft.start, static_cast<int>(n));
      out += "\u2026</p>";
    }
    out += "</div>\n";
  }
  out += "</div>\n<aside class=\"match-col\" aria-label=\"Matching sources\"><h3>";
  out += r.findings.empty() ? "No findings" : "Sources and findings";
  out += "</h3>\n";
  if (r.findings.empty()) {
    out += "<p class=\"none\">Nothing in this draft was found in the index.</p>\n";
  }
  for (size_t n = 1; n <= r.findings.size(); ++n)
    RenderFindingCard(out, r.findings[n - 1], n, prefix);
  out += "</aside>\n</div>\n";
  out += "<details class=\"provenance\"><summary>Draft, index and rules</summary><dl>";
  out += "<dt>Draft</dt><dd>" + Esc(r.draft_path) + ", " + std::to_string(r.draft_bytes) +
         " bytes, sha256 <code>" + Esc(r.draft_sha256) + "</code></dd>";
  out += "<dt>Index</dt><dd>id <code>" + Esc(r.index_id) + "</code>, digest <code>" +
         Esc(r.index_digest) + "</code>, " + Plural(r.index_documents, "document", "documents") +
         "</dd>";
  out += "<dt>Rules</dt><dd>";
  if (r.rules_path) {
    out += Esc(*r.rules_path) + ", sha256 <code>" + Esc(r.rules_sha256.value_or("")) + "</code>";
  } else {
    out += "built-in rules";
  }
  out += "</dd><dt>Checked</dt><dd>" + Esc(r.created) + " by " + Esc(r.tool_name) + " " +
         Esc(r.tool_version) + "</dd></dl></details>\n";
  out += "</section>\n";
}

}  // namespace

std::string EscapeHtml(std::string_view s) { return Esc(s); }

std::string ReportsToHtml(std::span<const HtmlDraft> drafts, const HtmlOptions& options) {
  size_t bytes = 0;
  bool pass = options.errors.empty();
  size_t failing = 0;
  for (const HtmlDraft& hd : drafts) {
    bytes += hd.text.size() * 2;
    for (const Finding& f : hd.report->findings) bytes += f.draft.text.size() + 2048;
    if (!hd.report->pass) {
      pass = false;
      ++failing;
    }
  }
  std::string out;
  out.reserve(bytes + 16384);
  const bool several = drafts.size() != 1;
  std::string title = std::string("provcheck: ") + (pass ? "PASS" : "FAIL");
  if (drafts.size() == 1)
    title += " " + drafts[0].report->draft_path;
  else
    title += ", " + Plural(drafts.size(), "draft", "drafts");

  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
      "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">\n"
      "<meta name=\"referrer\" content=\"no-referrer\">\n"
      "<meta name=\"generator\" content=\"provcheck\">\n<title>";
  AppendEscaped(out, title);
  out += "</title>\n<style>\n";
  out += kHtmlStyle;
  out += "</style>\n</head>\n<body>\n";
  out += "<a class=\"skip\" href=\"#main\">Skip to the report</a>\n";
  out += std::string("<header class=\"top ") + (pass ? "pass" : "fail") + "\">\n";
  out += std::string("<p class=\"verdict\" id=\"verdict\">") + (pass ? "PASS" : "FAIL") + "</p>\n";
  out += "<div class=\"headline\"><h1>provcheck report</h1>\n<p class=\"summary\">";
  if (drafts.size() == 1) {
    const Report& r = *drafts[0].report;
    out += "<span class=\"path\">" + Esc(r.draft_path) + "</span>: " + DraftSummary(r) + ".";
  } else {
    out += Plural(drafts.size(), "draft", "drafts") + " checked, " + std::to_string(failing) +
           " failing.";
  }
  if (!options.errors.empty()) {
    out += " " + Plural(options.errors.size(), "error", "errors") + ".";
  }
  out += "</p>\n";
  if (!drafts.empty()) {
    const Report& r = *drafts[0].report;
    out += "<p class=\"when\">Checked " + Esc(r.created) + " against index <code>" +
           Esc(r.index_id.substr(0, 12)) + "</code> (" +
           Plural(r.index_documents, "document", "documents") + ") under " +
           (r.rules_path ? "rules " + Esc(*r.rules_path) : std::string("the built-in rules")) +
           ".</p>\n";
  }
  out +=
      "<p class=\"keys\">Keys: <kbd>j</kbd> / <kbd>k</kbd> next / previous passage, "
      "<kbd>Enter</kbd> on a number opens its source, <kbd>Tab</kbd> moves between links.</p>\n";
  out += "</div>\n</header>\n<main id=\"main\" tabindex=\"-1\">\n";
  if (!options.errors.empty()) {
    out += "<section class=\"errors\" aria-label=\"Errors\"><h2>Errors</h2><ul>";
    for (const std::string& e : options.errors) out += "<li>" + Esc(e) + "</li>";
    out += "</ul></section>\n";
  }
  if (several && !drafts.empty()) {
    out +=
        "<table class=\"drafts\"><caption>Drafts</caption><thead><tr><th scope=\"col\">"
        "Verdict</th><th scope=\"col\">Draft</th><th scope=\"col\">Findings</th>"
        "</tr></thead><tbody>\n";
    for (size_t i = 0; i < drafts.size(); ++i) {
      const Report& r = *drafts[i].report;
      out += std::string("<tr><td><span class=\"badge ") +
             (r.pass ? "pass\">PASS" : "fail\">FAIL") + "</span></td><td><a href=\"#d" +
             std::to_string(i + 1) + "\">" + Esc(r.draft_path) + "</a></td><td>" + DraftSummary(r) +
             "</td></tr>\n";
    }
    out += "</tbody></table>\n";
  }
  for (size_t i = 0; i < drafts.size(); ++i) {
    RenderDraft(out, drafts[i], static_cast<int>(i + 1), several);
  }
  out += "</main>\n<script>\n";
  out += kHtmlScript;
  out += "</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace provcheck::report
