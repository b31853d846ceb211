// The rules provcheck knows: each has a stable id (what reports, CI and
// rules files name it by), a kind of finding, a default severity and a
// default message. A rules file may change a rule's severity and message
// ($.rules) but never its id.
//
// Owns: the list of rule ids and their defaults. Knows nothing of how the
// rules are checked.
//
// Thread-safety: immutable data.
#ifndef PROVCHECK_SRC_RULES_RULE_CATALOG_H_
#define PROVCHECK_SRC_RULES_RULE_CATALOG_H_

#include <span>
#include <string_view>

#include "provcheck/report.h"

namespace provcheck::rules {

struct RuleInfo {
  std::string_view id;  // "copyright.year"
  FindingKind kind;
  Severity severity;         // the default
  std::string_view message;  // the default: what is wrong, in a phrase
};

inline constexpr char kRuleUncreditedReuse[] = "reuse.uncredited";
inline constexpr char kRuleCreditedReuse[] = "reuse.credited";
inline constexpr char kRuleAllowedReuse[] = "reuse.allowed";
inline constexpr char kRuleReusedShare[] = "reuse.share";
inline constexpr char kRuleCopyrightMissing[] = "copyright.missing";
inline constexpr char kRuleCopyrightFormat[] = "copyright.format";
inline constexpr char kRuleCopyrightPosition[] = "copyright.position";
inline constexpr char kRuleCopyrightHolder[] = "copyright.holder";
inline constexpr char kRuleCopyrightYear[] = "copyright.year";
inline constexpr char kRuleBylineMissing[] = "byline.missing";
inline constexpr char kRuleBylineFormat[] = "byline.format";
inline constexpr char kRuleBylineUnknown[] = "byline.unknown";
inline constexpr char kRuleReportingMissing[] = "reporting.missing";
inline constexpr char kRuleReportingFormat[] = "reporting.format";
inline constexpr char kRuleReportingUnknown[] = "reporting.unknown";
inline constexpr char kRuleCaptionCredit[] = "caption.credit";
inline constexpr char kRuleCaptionAgency[] = "caption.agency";

// Every rule, in a stable order (reuse first, then credits).
std::span<const RuleInfo> AllRules();

// The rule with `id`, or nullptr.
const RuleInfo* FindRule(std::string_view id);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_RULE_CATALOG_H_
