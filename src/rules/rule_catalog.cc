#include "rules/rule_catalog.h"

#include <array>

#include "rules/default_policy.h"

namespace provcheck::rules {
namespace {

constexpr std::array<RuleInfo, 20> kRules = {{
    {kRuleForbiddenReuse, "reuse", Severity::kError,
     "passage reused from a source whose reuse is forbidden"},
    {kRuleUncreditedReuse, "reuse", Severity::kError,
     "passage reused from a source that requires credit, without the credit"},
    {kRuleShortReuse, "reuse", Severity::kWarning,
     "short passage reused without quotation marks or the credit its source requires"},
    {kRuleReusedShare, "reuse", Severity::kError, "too much of the draft is reused"},
    {kRuleCreditedReuse, "reuse", Severity::kNote, "passage reused from a source, credited"},
    {kRuleAllowedReuse, "reuse", Severity::kNote,
     "passage reused from a source whose reuse is allowed"},
    {kRuleQuotedReuse, "reuse", Severity::kNote, "passage quoted from a source"},
    {kRuleCopyrightMissing, "credit", Severity::kError, "no copyright line"},
    {kRuleCopyrightFormat, "credit", Severity::kError,
     "the copyright line does not have the required form"},
    {kRuleCopyrightPosition, "credit", Severity::kError,
     "the copyright line is not where it must stand"},
    {kRuleCopyrightHolder, "credit", Severity::kError,
     "the copyright holder is not one of the allowed holders"},
    {kRuleCopyrightYear, "credit", Severity::kError,
     "the copyright year is not the publication year"},
    {kRuleBylineMissing, "credit", Severity::kError, "no byline"},
    {kRuleBylineFormat, "credit", Severity::kError, "the byline does not have the required form"},
    {kRuleBylineUnknown, "credit", Severity::kError,
     "a byline names someone who is not on the staff roster"},
    {kRuleReportingMissing, "credit", Severity::kError, "no \"Additional reporting by\" line"},
    {kRuleReportingFormat, "credit", Severity::kError,
     "the \"Additional reporting by\" line does not have the required form"},
    {kRuleReportingUnknown, "credit", Severity::kError,
     "\"Additional reporting by\" names someone who is not on the staff roster"},
    {kRuleCaptionCredit, "credit", Severity::kError, "a picture caption has no credit"},
    {kRuleCaptionAgency, "credit", Severity::kError,
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
