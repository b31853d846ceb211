#include "rules/reuse_policy.h"

#include <re2/re2.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <map>

#include "rules/default_policy.h"
#include "rules/json_field_reader.h"
#include "rules/pattern_match.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

// The policy for one publisher, with the patterns that credit it.
struct Decider {
  SourceAction action = SourceAction::kForbid;
  std::string path;
  std::vector<Pattern> own;  // built from the name when none are given
  const std::vector<Pattern>* credit = nullptr;
};

// "(?i)\b(?:the\s+)?harbour\s+herald\b": the publisher's name as a credit.
Pattern NamePattern(const std::string& publisher) {
  const std::string key = PublisherKey(publisher);
  std::string re = R"((?i)\b(?:the\s+)?)";
  size_t start = 0;
  while (start <= key.size()) {
    size_t space = key.find(' ', start);
    if (space == std::string::npos) space = key.size();
    if (start > 0) re += R"(\s+)";
    re += RE2::QuoteMeta(key.substr(start, space - start));
    start = space + 1;
  }
  Pattern p;
  if (!CompilePattern(re + R"(\b)", "the publisher's name", &p).ok()) p.re.reset();
  return p;
}

// Fills `d` in place (d.credit may point at d.own: a Decider does not move).
void Decide(const RuleSet& rules, const std::string& publisher, Decider& d) {
  const std::string key = PublisherKey(publisher);
  const SourcePolicy* entry = nullptr;
  for (const SourcePolicy& p : rules.sources.publishers) {
    if (std::find(p.names.begin(), p.names.end(), key) != p.names.end()) entry = &p;
  }
  d.action = entry ? entry->action : rules.sources.default_action;
  d.path = entry ? entry->path : rules.sources.default_path;
  if (entry && !entry->credit.empty()) {
    d.credit = &entry->credit;
  } else if (!key.empty()) {
    d.own.push_back(NamePattern(entry ? entry->name : publisher));
    if (!d.own.back().re) d.own.clear();
    d.credit = &d.own;
  }
}

// A credit found in the draft: original offsets and the matched text.
struct CreditHit {
  uint32_t start, end;
  std::string text;
};

// Every match of `patterns` in the draft outside its captions and its
// copyright line.
std::vector<CreditHit> FindCredits(const ArticleStructure& structure,
                                   const std::vector<Pattern>& patterns) {
  std::vector<CreditHit> hits;
  for (const Part& part : structure.parts()) {
    if (part.kind == PartKind::kCaption || part.kind == PartKind::kCopyright) continue;
    for (const Pattern& p : patterns) {
      for (const GroupSpan& m : FindAll(p, part.flat)) {
        hits.push_back({part.OriginalStart(m.begin), part.OriginalEnd(m.end),
                        part.flat.substr(m.begin, m.end - m.begin)});
      }
    }
  }
  return hits;
}

// A publisher's policy and its credits in the draft, found once per draft.
struct PublisherCredits {
  Decider decider;
  std::vector<CreditHit> hits;
};

// The first credit outside the passage of `f`; empty when there is none.
// (Hits inside the passage are passed over: the cost is bounded by the
// passage, not the draft.)
std::string CreditOutside(const std::vector<CreditHit>& hits, const Finding& f) {
  for (const CreditHit& h : hits) {
    if (h.end <= f.draft.start || h.start >= f.draft.end) return h.text;
  }
  return "";
}

std::string SourceName(const Finding& f) {
  std::string name = Curly(f.source->title);
  if (!f.source->publisher.empty()) name += " (" + f.source->publisher + ")";
  return name;
}

std::string PatternList(const std::vector<Pattern>& patterns) {
  std::string out;
  for (const Pattern& p : patterns) out += (out.empty() ? "" : " or ") + p.text;
  return out.empty() ? "the publisher's name" : out;
}

// Each publisher's policy and credits (by PublisherKey): a publisher's
// patterns are compiled and matched once per draft, not once per finding.
using CreditCache = std::map<std::string, PublisherCredits>;

// Sets rule, outcome and the detail of the message; returns the rule.
std::string Judge(const RuleSet& rules, const ArticleStructure& structure, CreditCache* cache,
                  Finding& f, std::string* detail) {
  auto [entry, fresh] = cache->try_emplace(PublisherKey(f.source->publisher));
  PublisherCredits& credits = entry->second;
  const Decider& d = credits.decider;
  if (fresh) {
    Decide(rules, f.source->publisher, credits.decider);
    if (d.credit) credits.hits = FindCredits(structure, *d.credit);
  }
  const std::string credit = CreditOutside(credits.hits, f);
  f.credited = !credit.empty();
  f.decided_by = d.path;
  // Words inside quotation marks are quoted even in a passage that is not:
  // the thresholds count the others.
  const uint32_t unquoted = f.words - std::min(f.quoted_words, f.words);
  const std::string what =
      std::to_string(f.words) + " words from " + SourceName(f) +
      (!f.quoted && f.quoted_words > 0
           ? " (" + std::to_string(f.quoted_words) + " of them inside quotation marks)"
           : "");
  const std::string policy = std::string("policy ") + SourceActionName(d.action) + " at " + d.path;
  if (f.quoted) {
    f.outcome = Outcome::kQuoted;
    f.decided_by = "quotation marks";
    *detail = what + ", inside quotation marks";
    return kRuleQuotedReuse;
  }
  if (d.action == SourceAction::kAllow) {
    f.outcome = Outcome::kAllowed;
    *detail = what + "; " + policy;
    return kRuleAllowedReuse;
  }
  if (d.action == SourceAction::kCredit && f.credited) {
    f.outcome = Outcome::kCredited;
    *detail = what + ", credited as " + Curly(credit) + "; " + policy;
    return kRuleCreditedReuse;
  }
  f.outcome = Outcome::kViolating;
  // d.credit is null for a source with no publisher under a "credit" default.
  const std::string why =
      d.action == SourceAction::kCredit
          ? " without a credit matching " + PatternList(d.credit ? *d.credit : d.own)
          : " without quotation marks";
  const std::string limit = std::to_string(rules.reuse.fail_words);
  if (unquoted < rules.reuse.fail_words) {
    *detail = what + why + "; " + policy + " (under " + limit + " words: not failing)";
    return kRuleShortReuse;
  }
  *detail = what + why + "; " + policy + ", failing at " + limit + " words or more";
  return d.action == SourceAction::kCredit ? kRuleUncreditedReuse : kRuleForbiddenReuse;
}

// The share of draft words inside violating passages (counted once).
uint32_t ViolatingWords(const Report& report, const std::vector<uint32_t>& word_starts) {
  std::vector<std::pair<uint64_t, uint64_t>> spans;
  for (const Finding& f : report.findings) {
    if (f.kind == FindingKind::kReuse && f.source && f.outcome == Outcome::kViolating) {
      uint64_t from = f.draft.start;  // the passage less its quotations
      for (const QuotedSpan& q : f.quotes) {
        if (q.start > from) spans.emplace_back(from, q.start);
        from = std::max(from, q.end);
      }
      if (f.draft.end > from) spans.emplace_back(from, f.draft.end);
    }
  }
  // Merge the spans, then look each word up: O(words log spans).
  std::sort(spans.begin(), spans.end());
  std::vector<std::pair<uint64_t, uint64_t>> merged;
  for (const auto& span : spans) {
    if (!merged.empty() && span.first <= merged.back().second) {
      merged.back().second = std::max(merged.back().second, span.second);
    } else {
      merged.push_back(span);
    }
  }
  uint32_t words = 0;
  for (uint32_t w : word_starts) {
    auto it =
        std::upper_bound(merged.begin(), merged.end(), std::make_pair(uint64_t{w}, UINT64_MAX));
    if (it != merged.begin() && w < std::prev(it)->second) ++words;
  }
  return words;
}

}  // namespace

void ApplyReusePolicy(const ReuseContext& c, Report* report) {
  std::vector<Finding> kept;
  CreditCache cache;
  for (Finding& f : report->findings) {
    if (f.kind != FindingKind::kReuse || !f.source) {
      kept.push_back(std::move(f));
      continue;
    }
    if (f.words < c.rules.reuse.min_words) continue;
    std::string detail;
    const std::string rule = Judge(c.rules, c.structure, &cache, f, &detail);
    const RuleSetting& setting = c.rules.Setting(rule);
    if (setting.off) continue;
    f.rule = rule;
    f.severity = setting.severity;
    f.message = c.build.Message(rule, detail);
    kept.push_back(std::move(f));
  }
  report->findings = std::move(kept);
  report->passages = static_cast<uint32_t>(
      std::count_if(report->findings.begin(), report->findings.end(),
                    [](const Finding& f) { return f.kind == FindingKind::kReuse && f.source; }));

  if (!c.rules.reuse.max_share || report->draft_words == 0) return;
  const RuleSetting& share_rule = c.rules.Setting(kRuleReusedShare);
  const uint32_t words = ViolatingWords(*report, c.word_starts);
  const double share = static_cast<double>(words) / report->draft_words;
  if (share_rule.off || share <= *c.rules.reuse.max_share) return;
  const Finding* first = nullptr;
  for (const Finding& f : report->findings) {
    if (f.outcome == Outcome::kViolating && (!first || f.draft.start < first->draft.start))
      first = &f;
  }
  Finding f;
  f.kind = FindingKind::kReuse;
  f.rule = kRuleReusedShare;
  f.severity = share_rule.severity;
  f.words = words;
  f.outcome = Outcome::kViolating;
  f.decided_by = "$.reuse.max_share";
  if (first == nullptr) return;  // (a share above max_share has a violating passage)
  f.draft = c.build.Span(static_cast<uint32_t>(first->draft.start),
                         static_cast<uint32_t>(first->draft.end));
  auto percent = [](const char* format, double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, format, v * 100);
    return std::string(buf);
  };
  f.message = c.build.Message(kRuleReusedShare,
                              std::to_string(words) + " of the draft's " +
                                  std::to_string(report->draft_words) + " words (" +
                                  percent("%.1f%%", share) +
                                  ") are in passages that violate the source policies; at most " +
                                  percent("%g%%", *c.rules.reuse.max_share) + " may be");
  report->findings.push_back(std::move(f));
}

}  // namespace provcheck::rules
