#include "rules/rule_set.h"

#include <cassert>

#include "rules/json_field_reader.h"
#include "rules/rule_catalog.h"

namespace provcheck::rules {
namespace {

// The built-in patterns: what a rules file gets for a key it leaves out.
// rules/schema.json repeats them as defaults.
constexpr char kCopyrightDetect[] = R"((?i)^(?:copyright\b|©))";
constexpr char kCopyrightPattern[] =
    R"(^(?:Copyright|©)\s+(?:©\s*)?(?P<holder>.+?),?\s+(?P<year>\d{4})\b.*$)";
constexpr char kBylineDetect[] = R"(^By\s)";
constexpr char kBylinePattern[] = R"(^By\s+(?P<names>\S.*?)\.?$)";
constexpr char kReportingDetect[] = R"((?i)^additional\s+reporting\b)";
constexpr char kReportingPattern[] = R"(^Additional reporting by\s+(?P<names>\S.*?)\.?$)";
constexpr char kNameSplit[] = R"(\s*,\s*(?:and\s+|with\s+)?|\s+(?:and|with)(?:\s+|$))";
constexpr char kName[] = R"(^(?P<name>.+?)(?:\s+in\s+\S.*)?$)";
constexpr char kCaptionCredit[] = R"(©\s*(?P<agency>[^©]+?)\.?$)";

Pattern BuiltIn(const char* text) {
  Pattern p;
  Status s = CompilePattern(text, "built-in", &p);
  assert(s.ok());
  (void)s;
  return p;
}

}  // namespace

const char* SourceActionName(SourceAction action) {
  switch (action) {
    case SourceAction::kForbid:
      return "forbid";
    case SourceAction::kCredit:
      return "credit";
    case SourceAction::kAllow:
      return "allow";
  }
  return "forbid";
}

const RuleSetting& RuleSet::Setting(std::string_view id) const {
  auto it = settings.find(id);
  assert(it != settings.end());
  return it->second;
}

RuleSet DefaultRuleSet() {
  RuleSet set;
  set.copyright.detect = BuiltIn(kCopyrightDetect);
  set.copyright.pattern = BuiltIn(kCopyrightPattern);
  set.bylines.split = BuiltIn(kNameSplit);
  set.bylines.name = BuiltIn(kName);
  set.bylines.byline.required = true;
  set.bylines.byline.detect = BuiltIn(kBylineDetect);
  set.bylines.byline.pattern = BuiltIn(kBylinePattern);
  set.bylines.reporting.detect = BuiltIn(kReportingDetect);
  set.bylines.reporting.pattern = BuiltIn(kReportingPattern);
  set.captions.credit = BuiltIn(kCaptionCredit);
  for (const RuleInfo& info : AllRules()) {
    set.settings[std::string(info.id)] = {false, info.severity, std::string(info.message), {}};
  }
  return set;
}

std::string PublisherKey(std::string_view name) {
  std::string out;
  bool space = false;
  for (char c : name) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c);
  }
  if (out.size() > 4 && out.compare(0, 4, "the ") == 0) out.erase(0, 4);
  return out;
}

std::string NormaliseName(std::string_view name) {
  constexpr std::string_view kRightQuote = "\u2019";
  std::string out;
  bool space = false;
  for (size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    if (name.substr(i, kRightQuote.size()) == kRightQuote) {
      out.push_back('\'');
      i += kRightQuote.size() - 1;
      continue;
    }
    out.push_back(c);
  }
  return out;
}

}  // namespace provcheck::rules
