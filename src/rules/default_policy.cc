#include "rules/default_policy.h"

#include <algorithm>

namespace provcheck::rules {
namespace {

std::string SourceName(const Finding& f) {
  std::string name = "\u201C" + f.source->title + "\u201D";
  if (!f.source->publisher.empty()) name += " (" + f.source->publisher + ")";
  return name;
}

}  // namespace

void ApplyDefaultPolicy(Report& report) {
  uint32_t failing = 0;
  for (Finding& f : report.findings) {
    if (f.kind != FindingKind::kReuse || !f.source) continue;
    const uint32_t unquoted = f.words - std::min(f.quoted_words, f.words);
    const std::string words =
        std::to_string(f.words) + " words" +
        (!f.quoted && f.quoted_words > 0
             ? " (" + std::to_string(f.quoted_words) + " inside quotation marks)"
             : "");
    const std::string credit = f.credited ? ", credited" : "";
    if (f.quoted) {
      f.rule = kRuleQuotedReuse;
      f.severity = Severity::kNote;
      f.message = words + " quoted from " + SourceName(f) + credit +
                  "; quotations are allowed under the built-in rules";
    } else if (unquoted >= kDefaultFailWords) {
      f.rule = kRuleForbiddenReuse;
      f.severity = Severity::kError;
      f.message = words + " reused from " + SourceName(f) + credit +
                  " without quotation marks; the built-in rules fail any such passage of " +
                  std::to_string(kDefaultFailWords) + " words or more";
      ++failing;
    } else {
      f.rule = kRuleShortReuse;
      f.severity = Severity::kWarning;
      f.message = words + " reused from " + SourceName(f) + credit +
                  " without quotation marks (under " + std::to_string(kDefaultFailWords) +
                  " words: reported, not failing)";
    }
  }
  report.pass = failing == 0;
  report.reasons.clear();
  if (failing > 0) {
    report.reasons.push_back(std::to_string(failing) + (failing == 1 ? " passage" : " passages") +
                             " of " + std::to_string(kDefaultFailWords) +
                             "+ words reused without quotation marks (rule " + kRuleForbiddenReuse +
                             ")");
  }
}

}  // namespace provcheck::rules
