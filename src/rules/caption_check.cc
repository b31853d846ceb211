// Picture credits: every caption ends with a credit, to an allowed agency.
#include <string>

#include "rules/credit_checks.h"
#include "rules/pattern_match.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {

void CheckCaptions(const CreditContext& c, std::vector<Finding>* out) {
  const CaptionRules& r = c.rules.captions;
  if (!r.enabled) return;
  for (const Part* caption : c.structure.FindAll(PartKind::kCaption)) {
    const std::string_view text = caption->flat;
    const std::optional<PatternMatch> m = Search(r.credit, text);
    const std::optional<GroupSpan> agency = m ? m->Group("agency") : std::nullopt;
    if (!agency) {
      if (r.credit_required) {
        c.build.AddCredit(kRuleCaptionCredit, caption->OriginalStart(0),
                          caption->OriginalEnd(text.size()),
                          "expected a credit matching " + r.credit.text, out);
      }
      continue;
    }
    const std::string name = NormaliseName(text.substr(agency->begin, agency->end - agency->begin));
    if (r.agencies.empty() || r.agencies.count(name) != 0) continue;
    std::string allowed;
    for (const std::string& a : r.agencies) allowed += (allowed.empty() ? "" : ", ") + Curly(a);
    c.build.AddCredit(kRuleCaptionAgency, caption->OriginalStart(agency->begin),
                      caption->OriginalEnd(agency->end),
                      Curly(name) + " is not an allowed agency (allowed: " + allowed + ")", out);
  }
}

}  // namespace provcheck::rules
