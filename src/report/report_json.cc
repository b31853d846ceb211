#include "report/report_json.h"

#include <cmath>

namespace provcheck::report {
namespace {

JsonValue Strings(const std::vector<std::string>& items) {
  JsonValue a = JsonValue::EmptyArray();
  for (const std::string& s : items) a.Append(s);
  return a;
}

JsonValue DraftSpanJson(const DraftSpan& d) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("start", d.start);
  o.Set("end", d.end);
  o.Set("line", d.line);
  o.Set("column", d.column);
  o.Set("end_line", d.end_line);
  o.Set("end_column", d.end_column);
  o.Set("text", d.text);
  return o;
}

JsonValue FindingJson(const Finding& f) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("kind", FindingKindName(f.kind));
  o.Set("rule", f.rule);
  o.Set("severity", SeverityName(f.severity));
  o.Set("message", f.message);
  o.Set("draft", DraftSpanJson(f.draft));
  if (f.kind == FindingKind::kReuse) {
    o.Set("words", f.words);
    o.Set("similarity", RoundToFourDecimals(f.similarity));
    o.Set("quoted", f.quoted);
    o.Set("quoted_words", f.quoted_words);
    JsonValue quotes = JsonValue::EmptyArray();
    for (const QuotedSpan& q : f.quotes) {
      JsonValue pair = JsonValue::EmptyArray();
      pair.Append(q.start);
      pair.Append(q.end);
      quotes.Append(std::move(pair));
    }
    o.Set("quotes", std::move(quotes));
    o.Set("credited", f.credited);
    if (f.source) o.Set("source", SourceSpanToJson(*f.source));
    o.Set("matches", MatchesToJson(f.matches));
    if (f.outcome != Outcome::kNone) o.Set("outcome", OutcomeName(f.outcome));
    if (!f.decided_by.empty()) o.Set("decided_by", f.decided_by);
  }
  return o;
}

}  // namespace

double RoundToFourDecimals(double v) { return std::round(v * 10000.0) / 10000.0; }

JsonValue MatchesToJson(const std::vector<MatchSpan>& matches) {
  JsonValue out = JsonValue::EmptyArray();
  for (const MatchSpan& m : matches) {
    JsonValue a = JsonValue::EmptyArray();
    a.Append(m.draft_start);
    a.Append(m.draft_end);
    a.Append(m.source_start);
    a.Append(m.source_end);
    out.Append(std::move(a));
  }
  return out;
}

JsonValue SourceSpanToJson(const SourceSpan& s) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("id", s.id);
  o.Set("title", s.title);
  o.Set("publisher", s.publisher);
  o.Set("authors", Strings(s.authors));
  o.Set("date", s.date);
  o.Set("url", s.url);
  o.Set("licence", s.licence);
  o.Set("start", s.start);
  o.Set("end", s.end);
  o.Set("text", s.text);
  return o;
}

JsonValue ReportToJson(const Report& r) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("schema", kReportSchema);
  JsonValue& tool = o.Set("tool", JsonValue::EmptyObject());
  tool.Set("name", r.tool_name);
  tool.Set("version", r.tool_version);
  o.Set("created", r.created);
  JsonValue& draft = o.Set("draft", JsonValue::EmptyObject());
  draft.Set("path", r.draft_path);
  draft.Set("sha256", r.draft_sha256);
  draft.Set("bytes", r.draft_bytes);
  draft.Set("words", r.draft_words);
  JsonValue& index = o.Set("index", JsonValue::EmptyObject());
  index.Set("id", r.index_id);
  index.Set("digest", r.index_digest);
  index.Set("documents", r.index_documents);
  if (r.rules_path) {
    JsonValue& rules = o.Set("rules", JsonValue::EmptyObject());
    rules.Set("path", *r.rules_path);
    rules.Set("sha256", r.rules_sha256.value_or(""));
  } else {
    o.Set("rules", nullptr);
  }
  o.Set("verdict", r.pass ? "pass" : "fail");
  o.Set("reasons", Strings(r.reasons));
  JsonValue& summary = o.Set("summary", JsonValue::EmptyObject());
  summary.Set("reused_share", RoundToFourDecimals(r.reused_share));
  summary.Set("passages", r.passages);
  JsonValue& sources = summary.Set("sources", JsonValue::EmptyArray());
  for (const SourceCoverage& s : r.sources) {
    JsonValue c = JsonValue::EmptyObject();
    c.Set("id", s.id);
    c.Set("title", s.title);
    c.Set("publisher", s.publisher);
    c.Set("passages", s.passages);
    c.Set("words", s.words);
    c.Set("share", RoundToFourDecimals(s.share));
    sources.Append(std::move(c));
  }
  JsonValue& findings = o.Set("findings", JsonValue::EmptyArray());
  for (const Finding& f : r.findings) findings.Append(FindingJson(f));
  return o;
}

std::string ReportToCanonicalJson(const Report& report) { return ReportToJson(report).Canonical(); }

}  // namespace provcheck::report
