// The copyright line: present, in place, in the required form, with an
// allowed holder and the publication year.
#include <string>

#include "rules/credit_checks.h"
#include "rules/pattern_match.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

// The last run of exactly four digits in `s` ("2024-2026" gives 2026), or -1.
int LastYear(std::string_view s) {
  int year = -1;
  for (size_t i = 0; i + 4 <= s.size(); ++i) {
    bool digits = true;
    for (size_t k = i; k < i + 4 && digits; ++k) digits = s[k] >= '0' && s[k] <= '9';
    const bool alone = (i == 0 || s[i - 1] < '0' || s[i - 1] > '9') &&
                       (i + 4 == s.size() || s[i + 4] < '0' || s[i + 4] > '9');
    if (digits && alone) year = std::stoi(std::string(s.substr(i, 4)));
  }
  return year;
}

std::string List(const std::vector<std::string>& items) {
  std::string out;
  for (const std::string& s : items) out += (out.empty() ? "" : ", ") + Curly(s);
  return out;
}

}  // namespace

void CheckCopyright(const CreditContext& c, std::vector<Finding>* out) {
  const CopyrightRules& r = c.rules.copyright;
  if (!r.enabled) return;
  const std::vector<const Part*> lines = c.structure.FindAll(PartKind::kCopyright);
  if (lines.empty()) {
    if (r.required) {
      const uint32_t slot = r.position == CopyrightPosition::kFirst ? c.structure.BylineSlot()
                                                                    : c.structure.EndSlot();
      c.build.AddCredit(
          kRuleCopyrightMissing, slot, slot,
          std::string("expected a copyright line matching ") + r.pattern.text +
              (r.position == CopyrightPosition::kLast ? " as the draft's last line" : ""),
          out);
    }
    return;
  }
  const Part& line = r.position == CopyrightPosition::kFirst ? *lines.front() : *lines.back();
  const std::string_view text = line.flat;
  const uint32_t start = line.OriginalStart(0);
  const uint32_t end = line.OriginalEnd(text.size());
  if (r.position == CopyrightPosition::kLast && !line.from_field &&
      !c.structure.IsLastBodyBlock(line)) {
    c.build.AddCredit(kRuleCopyrightPosition, start, end,
                      Curly(text) + " must be the draft's last line", out);
  } else if (r.position == CopyrightPosition::kFirst && !line.from_field &&
             !c.structure.IsFirstBodyBlock(line)) {
    c.build.AddCredit(kRuleCopyrightPosition, start, end,
                      Curly(text) + " must be the draft's first line", out);
  }
  const std::optional<PatternMatch> m = MatchWhole(r.pattern, text);
  if (!m) {
    c.build.AddCredit(kRuleCopyrightFormat, start, end,
                      Curly(text) + " does not match " + r.pattern.text, out);
    return;
  }
  if (std::optional<GroupSpan> holder = m->Group("holder"); holder && !r.holders.empty()) {
    const std::string name = NormaliseName(text.substr(holder->begin, holder->end - holder->begin));
    bool allowed = false;
    for (const std::string& h : r.holders) allowed = allowed || h == name;
    if (!allowed) {
      c.build.AddCredit(kRuleCopyrightHolder, line.OriginalStart(holder->begin),
                        line.OriginalEnd(holder->end),
                        "found " + Curly(name) + ", expected " +
                            (r.holders.size() == 1 ? "" : "one of ") + List(r.holders),
                        out);
    }
  }
  if (r.year != YearPolicy::kPublication) return;
  const std::optional<GroupSpan> year_span = m->Group("year");
  const std::string_view year_text =
      year_span ? text.substr(year_span->begin, year_span->end - year_span->begin) : "";
  const int year = LastYear(year_text);
  if (year != c.publication_year) {
    const uint32_t ys = year_span ? line.OriginalStart(year_span->begin) : start;
    const uint32_t ye = year_span ? line.OriginalEnd(year_span->end) : end;
    c.build.AddCredit(kRuleCopyrightYear, ys, ye,
                      "found " +
                          (year_text.empty() ? std::string("no year") : std::string(year_text)) +
                          ", expected " + std::to_string(c.publication_year) +
                          " (the publication year, from " + c.year_source + ")",
                      out);
  }
}

}  // namespace provcheck::rules
