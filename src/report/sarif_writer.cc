#include "report/sarif_writer.h"

#include <cmath>
#include <map>
#include <utility>

#include "base/sha256.h"
#include "base/utf8.h"
#include "report/report_json.h"
#include "rules/default_policy.h"
#include "rules/rule_catalog.h"

namespace provcheck::report {
namespace {

constexpr char kSourceRoot[] = "%SRCROOT%";

JsonValue Text(std::string s) {
  JsonValue o = JsonValue::EmptyObject();
  o.Set("text", std::move(s));
  return o;
}

const char* Level(Severity s) { return SeverityName(s); }  // error, warning, note

// "credit.copyright-line" -> "CreditCopyrightLine".
std::string PascalCase(std::string_view id) {
  std::string out;
  bool upper = true;
  for (char c : id) {
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!alnum) {
      upper = true;
      continue;
    }
    if (upper && c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    out.push_back(c);
    upper = false;
  }
  return out.empty() ? "Rule" : out;
}

JsonValue RuleJson(const RuleDescription& d) {
  JsonValue r = JsonValue::EmptyObject();
  r.Set("id", d.id);
  r.Set("name", d.name);
  r.Set("shortDescription", Text(d.short_description));
  r.Set("fullDescription", Text(d.full_description));
  JsonValue& help = r.Set("help", Text(d.help_text));
  help.Set("markdown", d.help_text);
  JsonValue& config = r.Set("defaultConfiguration", JsonValue::EmptyObject());
  config.Set("level", Level(d.default_severity));
  JsonValue& props = r.Set("properties", JsonValue::EmptyObject());
  JsonValue& tags = props.Set("tags", JsonValue::EmptyArray());
  tags.Append("provenance");
  tags.Append(d.id.rfind("reuse", 0) == 0 ? "reuse" : "credit");
  props.Set("precision", "high");
  return r;
}

// The draft's place: region lines and columns in code points (run.columnKind
// says so); SARIF's endColumn is the column after the region, the report's
// end_column that of its last character.
JsonValue DraftLocation(const Report& report, const Finding& f) {
  JsonValue loc = JsonValue::EmptyObject();
  JsonValue& phys = loc.Set("physicalLocation", JsonValue::EmptyObject());
  JsonValue& artifact = phys.Set("artifactLocation", JsonValue::EmptyObject());
  const std::string uri = PathToUri(report.draft_path);
  artifact.Set("uri", uri);
  if (uri.rfind("file:", 0) != 0) artifact.Set("uriBaseId", kSourceRoot);
  JsonValue& region = phys.Set("region", JsonValue::EmptyObject());
  const uint32_t line = std::max<uint32_t>(1, f.draft.line);
  const uint32_t column = std::max<uint32_t>(1, f.draft.column);
  region.Set("startLine", line);
  region.Set("startColumn", column);
  region.Set("endLine", std::max(line, f.draft.end_line));
  uint32_t end_column = f.draft.end_column + 1;
  if (f.draft.end_line <= line) end_column = std::max(end_column, column + 1);
  region.Set("endColumn", end_column);
  region.Set("byteOffset", f.draft.start);
  region.Set("byteLength", f.draft.end - f.draft.start);
  if (!f.draft.text.empty()) region.Set("snippet", Text(f.draft.text));
  return loc;
}

std::string SourceLine(const SourceSpan& s) {
  std::string line = "Source: " + s.id;
  if (!s.title.empty()) line += " \u201C" + s.title + "\u201D";
  std::string meta = s.publisher;
  if (!s.date.empty()) meta += (meta.empty() ? "" : ", ") + s.date;
  if (!meta.empty()) line += " (" + meta + ")";
  if (!s.url.empty()) line += " " + s.url;
  line += ", bytes " + std::to_string(s.start) + "-" + std::to_string(s.end);
  return line;
}

JsonValue ResultJson(const Report& report, const Finding& f, size_t rule_index, int occurrence) {
  JsonValue r = JsonValue::EmptyObject();
  r.Set("ruleId", f.rule);
  r.Set("ruleIndex", static_cast<uint64_t>(rule_index));
  r.Set("level", Level(f.severity));
  std::string message = f.message.empty() ? f.rule : f.message;
  if (f.source) message += "\n" + SourceLine(*f.source);
  r.Set("message", Text(message));
  JsonValue& locations = r.Set("locations", JsonValue::EmptyArray());
  locations.Append(DraftLocation(report, f));
  JsonValue& fingerprints = r.Set("partialFingerprints", JsonValue::EmptyObject());
  fingerprints.Set(kSarifFingerprintKey, SarifFingerprint(report, f, occurrence));
  JsonValue& props = r.Set("properties", JsonValue::EmptyObject());
  props.Set("kind", FindingKindName(f.kind));
  props.Set("draftVerdict", report.pass ? "pass" : "fail");
  if (f.kind == FindingKind::kReuse) {
    props.Set("words", f.words);
    props.Set("similarity", RoundToFourDecimals(f.similarity));
    props.Set("quoted", f.quoted);
    props.Set("credited", f.credited);
    props.Set("matches", MatchesToJson(f.matches));
  }
  if (f.source) {
    props.Set("source", SourceSpanToJson(*f.source));
    // The matched source as a related location: message only, as the source
    // lives in the index, not in the repository GitHub resolves URIs against.
    JsonValue related = JsonValue::EmptyObject();
    related.Set("id", 1);
    related.Set("message", Text(SourceLine(*f.source) + ": " + f.source->text));
    JsonValue& rp = related.Set("properties", JsonValue::EmptyObject());
    rp.Set("sourceId", f.source->id);
    if (!f.source->url.empty()) rp.Set("url", f.source->url);
    JsonValue& rel = r.Set("relatedLocations", JsonValue::EmptyArray());
    rel.Append(std::move(related));
  }
  return r;
}

bool IsUnreserved(unsigned char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == '/';
}

void PercentEncode(std::string_view s, std::string& out) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  for (char ch : s) {
    auto c = static_cast<unsigned char>(ch);
    if (IsUnreserved(c)) {
      out.push_back(ch);
    } else {
      out.push_back('%');
      out.push_back(kHex[c >> 4]);
      out.push_back(kHex[c & 15]);
    }
  }
}

}  // namespace

RuleDescription DescribeRule(std::string_view rule_id, FindingKind kind) {
  RuleDescription d;
  d.id = std::string(rule_id);
  d.name = PascalCase(rule_id);
  const std::string limit = std::to_string(rules::kDefaultFailWords);
  if (rule_id == rules::kRuleForbiddenReuse) {
    d.short_description =
        "A passage of the draft was reused from another article without quotation marks.";
    d.full_description =
        "The draft repeats a passage found in the corpus of known articles, outside quotation "
        "marks, from a source whose reuse is forbidden. Under the built-in rules any such "
        "passage of " +
        limit + " words or more fails the draft.";
    d.help_text =
        "Rewrite the passage in your own words, quote it and credit the source, or remove it. "
        "The result names the source article (title, publisher, date, link) and the identical "
        "words; `provcheck scan DRAFT --format html` shows the draft beside the source.";
    d.default_severity = Severity::kError;
  } else if (rule_id == rules::kRuleShortReuse) {
    d.short_description = "A short passage of the draft also appears in another article.";
    d.full_description =
        "The draft repeats a passage of under " + limit +
        " words found in the corpus, outside quotation marks. It is reported so an editor can "
        "check it, and does not fail the draft under the built-in rules.";
    d.help_text =
        "Check whether the shared words are a common phrase or copied text; rephrase or quote "
        "and credit it if copied.";
    d.default_severity = Severity::kWarning;
  } else if (rule_id == rules::kRuleQuotedReuse) {
    d.short_description = "A quotation in the draft also appears in another article.";
    d.full_description =
        "A passage inside quotation marks in the draft was found in the corpus. Quotations "
        "are allowed under the built-in rules; the finding is a note for the editor.";
    d.help_text = "Make sure the quotation is attributed to its speaker or source.";
    d.default_severity = Severity::kNote;
  } else if (const rules::RuleInfo* info = rules::FindRule(rule_id)) {
    // The rule catalog's phrase, as a sentence.
    std::string phrase(info->message);
    if (!phrase.empty() && phrase[0] >= 'a' && phrase[0] <= 'z') {
      phrase[0] = static_cast<char>(phrase[0] - 'a' + 'A');
    }
    d.short_description = phrase + ".";
    d.default_severity = info->severity;
    if (info->kind == FindingKind::kReuse) {
      d.full_description = phrase +
                           ": a passage of the draft (or its share of reused words) "
                           "found in the corpus of known articles, judged by the rules file's "
                           "source policies and reuse thresholds.";
      d.help_text = info->severity == Severity::kNote
                        ? "Reported for the editor's information; it does not fail the draft."
                        : "Rewrite the passage in your own words, quote it and credit the "
                          "source as its publisher's policy requires, or remove it. The "
                          "result names the source article and the identical words.";
    } else {
      d.full_description = phrase +
                           ": a credit check of the rules file (copyright line, "
                           "bylines, additional reporting, picture credits).";
      d.help_text =
          "Correct the credit line as the rules file requires; the result's message "
          "says what was expected.";
    }
  } else if (kind == FindingKind::kCredit) {
    d.short_description = "A credit line of the draft breaks rule " + d.id + ".";
    d.full_description =
        "A credit check of the rules file (copyright line, bylines, "
        "additional reporting, picture credits) reported rule " +
        d.id + ".";
    d.help_text = "Correct the credit line as the result's message describes.";
  } else {
    d.short_description = "Reused text reported by rule " + d.id + ".";
    d.full_description =
        "The rules file's reuse policy reported a passage of the draft found "
        "in the corpus under rule " +
        d.id + ".";
    d.help_text =
        "Rewrite, quote and credit, or remove the passage, as the rules file's "
        "policy for its source requires.";
  }
  return d;
}

std::string PathToUri(std::string_view path) {
  std::string out;
  if (!path.empty() && path[0] == '/') {
    out = "file://";
    PercentEncode(path, out);
    return out;
  }
  while (path.size() > 2 && path.substr(0, 2) == "./") {
    path.remove_prefix(2);
    while (!path.empty() && path[0] == '/') path.remove_prefix(1);
  }
  PercentEncode(path, out);
  return out;
}

std::string SarifFingerprint(const Report& report, const Finding& f, int occurrence) {
  std::string key = f.rule;
  key.push_back('\0');
  key += report.draft_path;
  key.push_back('\0');
  key += f.source ? f.source->id : std::string();
  key.push_back('\0');
  key += f.draft.text;
  return base::Sha256Hex(key) + ":" + std::to_string(occurrence);
}

JsonValue ReportsToSarifJson(std::span<const Report> reports, const SarifOptions& options) {
  // The rules that fired, in order of first appearance.
  std::vector<RuleDescription> rules;
  std::map<std::string, size_t> rule_index;
  for (const Report& report : reports) {
    for (const Finding& f : report.findings) {
      if (rule_index.count(f.rule)) continue;
      rule_index[f.rule] = rules.size();
      RuleDescription d = DescribeRule(f.rule, f.kind);
      for (const RuleDescription& o : options.rules) {
        if (o.id == f.rule) d = o;
      }
      d.default_severity = f.severity;
      rules.push_back(std::move(d));
    }
  }

  JsonValue driver = JsonValue::EmptyObject();
  driver.Set("name", reports.empty() ? std::string("provcheck") : reports.front().tool_name);
  std::string version = reports.empty() ? std::string() : reports.front().tool_version;
  if (!version.empty()) {
    driver.Set("version", version);
    driver.Set("semanticVersion", version);
  }
  driver.Set("shortDescription",
             Text("Finds passages of a draft that already exist in a corpus of known articles "
                  "and checks its credits."));
  JsonValue& rules_json = driver.Set("rules", JsonValue::EmptyArray());
  for (const RuleDescription& d : rules) rules_json.Append(RuleJson(d));

  JsonValue run = JsonValue::EmptyObject();
  JsonValue& tool = run.Set("tool", JsonValue::EmptyObject());
  tool.Set("driver", std::move(driver));
  run.Set("columnKind", "unicodeCodePoints");
  if (!options.source_root.empty()) {
    std::string root = options.source_root.rfind("file:", 0) == 0 ? options.source_root
                                                                  : PathToUri(options.source_root);
    if (root.empty() || root.back() != '/') root.push_back('/');
    JsonValue& bases = run.Set("originalUriBaseIds", JsonValue::EmptyObject());
    JsonValue& src = bases.Set(kSourceRoot, JsonValue::EmptyObject());
    src.Set("uri", root);
  }
  JsonValue invocation = JsonValue::EmptyObject();
  invocation.Set("executionSuccessful", options.errors.empty());
  if (!reports.empty() && !reports.front().created.empty()) {
    invocation.Set("startTimeUtc", reports.front().created);
  }
  if (!options.errors.empty()) {
    JsonValue& notes = invocation.Set("toolExecutionNotifications", JsonValue::EmptyArray());
    for (const std::string& e : options.errors) {
      JsonValue n = JsonValue::EmptyObject();
      n.Set("level", "error");
      n.Set("message", Text(base::ToValidUtf8(e)));
      notes.Append(std::move(n));
    }
  }
  JsonValue& invocations = run.Set("invocations", JsonValue::EmptyArray());
  invocations.Append(std::move(invocation));

  JsonValue& results = run.Set("results", JsonValue::EmptyArray());
  for (const Report& report : reports) {
    std::map<std::string, int> seen;  // fingerprint key -> occurrences so far
    for (const Finding& f : report.findings) {
      const std::string base = SarifFingerprint(report, f, 0);
      const int occurrence = ++seen[base];
      results.Append(ResultJson(report, f, rule_index[f.rule], occurrence));
    }
  }
  // Per-draft verdicts, for readers that want them without the JSON reports.
  JsonValue& props = run.Set("properties", JsonValue::EmptyObject());
  JsonValue& drafts = props.Set("drafts", JsonValue::EmptyArray());
  for (const Report& report : reports) {
    JsonValue d = JsonValue::EmptyObject();
    d.Set("uri", PathToUri(report.draft_path));
    d.Set("sha256", report.draft_sha256);
    d.Set("verdict", report.pass ? "pass" : "fail");
    JsonValue& reasons = d.Set("reasons", JsonValue::EmptyArray());
    for (const std::string& reason : report.reasons) reasons.Append(reason);
    d.Set("passages", report.passages);
    d.Set("reusedShare", RoundToFourDecimals(report.reused_share));
    drafts.Append(std::move(d));
  }

  JsonValue log = JsonValue::EmptyObject();
  log.Set("$schema", kSarifSchemaUri);
  log.Set("version", kSarifVersion);
  JsonValue& runs = log.Set("runs", JsonValue::EmptyArray());
  runs.Append(std::move(run));
  return log;
}

std::string ReportsToSarif(std::span<const Report> reports, const SarifOptions& options) {
  return ReportsToSarifJson(reports, options).Canonical();
}

}  // namespace provcheck::report
