// Bylines and "Additional reporting by": present when required, in the
// required form, and naming only staff on the roster or accepted agencies.
#include <string>

#include "rules/credit_checks.h"
#include "rules/pattern_match.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

struct LineIds {
  const char* missing;
  const char* format;
  const char* unknown;
  const char* what;  // for messages
};

constexpr LineIds kByline = {kRuleBylineMissing, kRuleBylineFormat, kRuleBylineUnknown, "byline"};
constexpr LineIds kReporting = {kRuleReportingMissing, kRuleReportingFormat, kRuleReportingUnknown,
                                "\"Additional reporting by\" line"};

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

// Checks one name list entry, text[begin, end) of `line`.
void CheckEntry(const CreditContext& c, const LineIds& ids, const Part& line, size_t begin,
                size_t end, std::vector<Finding>* out) {
  const BylineRules& r = c.rules.bylines;
  while (begin < end && IsSpace(line.flat[begin])) ++begin;
  while (end > begin && IsSpace(line.flat[end - 1])) --end;
  if (begin == end) {
    c.build.AddCredit(ids.format, line.OriginalStart(0), line.OriginalEnd(line.flat.size()),
                      "an empty name in " + Curly(line.flat), out);
    return;
  }
  size_t name_begin = begin, name_end = end;
  if (std::optional<PatternMatch> m = Match(r.name, line.flat, begin, end, true)) {
    if (std::optional<GroupSpan> g = m->Group("name")) {
      name_begin = g->begin;
      name_end = g->end;
    }
  }
  const std::string name =
      NormaliseName(std::string_view(line.flat).substr(name_begin, name_end - name_begin));
  if (r.staff.empty() && r.agencies.empty()) return;  // no roster: nobody is unknown
  if (r.staff.count(name) != 0 || r.agencies.count(name) != 0) return;
  const std::string roster = r.roster_file.empty() ? "the roster" : r.roster_file;
  c.build.AddCredit(ids.unknown, line.OriginalStart(name_begin), line.OriginalEnd(name_end),
                    Curly(name) + " (not in " + roster + ", nor an accepted agency)", out);
}

void CheckLine(const CreditContext& c, const CreditLineRules& rules, const LineIds& ids,
               PartKind kind, uint32_t slot, std::vector<Finding>* out) {
  if (!rules.enabled) return;
  const std::vector<const Part*> lines = c.structure.FindAll(kind);
  if (lines.empty()) {
    if (rules.required) {
      c.build.AddCredit(ids.missing, slot, slot,
                        std::string("expected a ") + ids.what + " matching " + rules.pattern.text,
                        out);
    }
    return;
  }
  for (const Part* line : lines) {
    const std::optional<PatternMatch> m = MatchWhole(rules.pattern, line->flat);
    const std::optional<GroupSpan> names = m ? m->Group("names") : std::nullopt;
    if (!names) {
      c.build.AddCredit(ids.format, line->OriginalStart(0), line->OriginalEnd(line->flat.size()),
                        Curly(line->flat) + " does not match " + rules.pattern.text, out);
      continue;
    }
    // Entries between the separators the split pattern finds.
    size_t entry = names->begin;
    for (size_t at = names->begin; at < names->end;) {
      const std::optional<PatternMatch> sep =
          Match(c.rules.bylines.split, line->flat, at, names->end, false);
      if (!sep) break;
      if (sep->end == sep->begin) {  // an empty match separates nothing
        at = sep->begin + 1;
        continue;
      }
      CheckEntry(c, ids, *line, entry, sep->begin, out);
      entry = at = sep->end;
    }
    CheckEntry(c, ids, *line, entry, names->end, out);
  }
}

}  // namespace

void CheckBylines(const CreditContext& c, std::vector<Finding>* out) {
  const BylineRules& r = c.rules.bylines;
  if (!r.enabled) return;
  CheckLine(c, r.byline, kByline, PartKind::kByline, c.structure.BylineSlot(), out);
  // A missing reporting line belongs before the copyright line, if any.
  const Part* copyright = c.structure.Find(PartKind::kCopyright);
  const uint32_t end_slot = copyright != nullptr && !copyright->from_field
                                ? copyright->OriginalStart(0)
                                : c.structure.EndSlot();
  CheckLine(c, r.reporting, kReporting, PartKind::kReporting, end_slot, out);
}

}  // namespace provcheck::rules
