#include "rules/rule_catalog.h"

#include <array>

#include "rules/default_policy.h"

namespace provcheck::rules {
namespace {

constexpr std::array<RuleInfo, 20> kRules = {{
    {kRuleForbiddenReuse, FindingKind::kReuse, Severity::kError,
     "passage reused from a source whose reuse is forbidden"},
    {kRuleUncreditedReuse, FindingKind::kReuse, Severity::kError,
     "passage reused from a source that requires credit, without the credit"},
    {kRuleShortReuse, FindingKind::kReuse, Severity::kWarning,
     "short passage reused without quotation marks or the credit its source requires"},
    {kRuleReusedShare, FindingKind::kReuse, Severity::kError, "too much of the draft is reused"},
    {kRuleCreditedReuse, FindingKind::kReuse, Severity::kNote,
     "passage reused from a source, credited"},
    {kRuleAllowedReuse, FindingKind::kReuse, Severity::kNote,
     "passage reused from a source whose reuse is allowed"},
    {kRuleQuotedReuse, FindingKind::kReuse, Severity::kNote, "passage quoted from a source"},
    {kRuleCopyrightMissing, FindingKind::kCredit, Severity::kError, "no copyright line"},
    {kRuleCopyrightFormat, FindingKind::kCredit, Severity::kError,
     "the copyright line does not have the required form"},
    {kRuleCopyrightPosition, FindingKind::kCredit, Severity::kError,
     "the copyright line is not where it must stand"},
    {kRuleCopyrightHolder, FindingKind::kCredit, Severity::kError,
     "the copyright holder is not one of the allowed holders"},
    {kRuleCopyrightYear, FindingKind::kCredit, Severity::kError,
     "the copyright year is not the publication year"},
    {kRuleBylineMissing, FindingKind::kCredit, Severity::kError, "no byline"},
    {kRuleBylineFormat, FindingKind::kCredit, Severity::kError,
     "the byline does not have the required form"},
    {kRuleBylineUnknown, FindingKind::kCredit, Severity::kError,
     "a byline names someone who is not on the staff roster"},
    {kRuleReportingMissing, FindingKind::kCredit, Severity::kError,
     "no \"Additional reporting by\" line"},
    {kRuleReportingFormat, FindingKind::kCredit, Severity::kError,
     "the \"Additional reporting by\" line does not have the required form"},
    {kRuleReportingUnknown, FindingKind::kCredit, Severity::kError,
     "\"Additional reporting by\" names someone who is not on the staff roster"},
    {kRuleCaptionCredit, FindingKind::kCredit, Severity::kError, "a picture caption has no credit"},
    {kRuleCaptionAgency, FindingKind::kCredit, Severity::kError,
     "a picture is credited to an agency that is not allowed"},
}};

}  // namespace

std::span<const RuleInfo> AllRules() { return kRules; }

const RuleInfo* FindRule(std::string_view id) {
  for (const RuleInfo& r : kRules) {
    if (r.id == id) return &r;
  }
  return nullptr;
}

}  // namespace provcheck::rules
