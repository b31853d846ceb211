// RuleSet: a rules file, parsed and checked, ready to apply. Every section
// has its defaults filled in; a section the file leaves out is disabled
// (except sources and reuse, which always apply). rules/schema.json and
// rules/README.md describe the file.
//
// Owns: the configuration values and compiled RE2 patterns. Knows nothing of
// drafts or reports.
//
// Thread-safety: immutable after parsing; share freely (RE2 is thread-safe).
#ifndef PROVCHECK_SRC_RULES_RULE_SET_H_
#define PROVCHECK_SRC_RULES_RULE_SET_H_

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/report.h"
#include "provcheck/rules.h"

namespace re2 {
class RE2;
}  // namespace re2

namespace provcheck::rules {

// A compiled RE2 pattern and where the rules file gave it.
struct Pattern {
  std::string text;
  std::shared_ptr<const re2::RE2> re;  // null only for an unset pattern
  std::string path;                    // "$.copyright.pattern", or "built-in"
};

enum class SourceAction { kForbid, kCredit, kAllow };
// "forbid", "credit", "allow".
const char* SourceActionName(SourceAction action);

struct SourcePolicy {
  std::string name;                // as written
  std::vector<std::string> names;  // name and aliases, as PublisherKey gives them
  SourceAction action = SourceAction::kForbid;
  std::vector<Pattern> credit;  // empty: the publisher's own name counts
  std::string path;             // "$.sources.publishers[2]"
};

struct SourceRules {
  SourceAction default_action = SourceAction::kForbid;
  std::string default_path = "$.sources.default";
  std::vector<SourcePolicy> publishers;
};

struct ReuseRules {
  uint32_t min_words = 10;          // shorter passages are not reported
  uint32_t fail_words = 25;         // a violating passage this long is an error
  std::optional<double> max_share;  // of draft words in violating passages
};

enum class CopyrightPosition { kLast, kFirst, kAnywhere };
enum class YearPolicy { kPublication, kAny };

struct CopyrightRules {
  bool enabled = false;
  bool required = true;
  CopyrightPosition position = CopyrightPosition::kLast;
  Pattern detect;                    // finds the line
  Pattern pattern;                   // the whole line; groups "holder" and "year"
  std::vector<std::string> holders;  // empty: any
  YearPolicy year = YearPolicy::kPublication;
};

// A byline or "Additional reporting by" line.
struct CreditLineRules {
  bool enabled = false;
  bool required = false;
  Pattern detect;   // finds the line
  Pattern pattern;  // the whole line; group "names"
};

struct BylineRules {
  bool enabled = false;
  std::set<std::string> staff;     // as NormaliseName gives them
  std::string roster_file;         // as the rules file names it, for messages
  std::set<std::string> agencies;  // names accepted besides staff
  Pattern split;                   // between names in "names"
  Pattern name;                    // one entry; group "name"
  CreditLineRules byline;
  CreditLineRules reporting;
};

struct CaptionRules {
  bool enabled = false;
  bool credit_required = true;
  Pattern credit;                  // searched in a caption; group "agency"
  std::set<std::string> agencies;  // empty: any
  // What else is a caption (ArticleStructure): a block of at most max_words
  // words right after an image alone (after_image), ending in a credit, or
  // matching `detect` (unset: nothing more).
  bool after_image = true;
  uint32_t max_words = 40;
  Pattern detect;
};

// What a rule gives when it fires.
struct RuleSetting {
  bool off = false;
  Severity severity = Severity::kError;
  std::string message;
  std::string path;  // "$.rules[\"byline.unknown\"]" when the file set it, else empty
};

struct RuleSet {
  // Lines longer than this many words are never taken for a byline,
  // reporting or copyright line ("By lunchtime, ..." is body text).
  uint32_t max_line_words = 30;
  SourceRules sources;
  ReuseRules reuse;
  CopyrightRules copyright;
  BylineRules bylines;
  CaptionRules captions;
  std::map<std::string, RuleSetting, std::less<>> settings;  // every rule id

  // REQUIRES: `id` is in the rule catalog.
  const RuleSetting& Setting(std::string_view id) const;
};

// The built-in defaults: sources forbidden, reuse 10/25 words, no credit
// checks, detection patterns set, every rule at its catalog setting.
RuleSet DefaultRuleSet();

// A publisher's name for matching: lower case (ASCII), spaces collapsed, a
// leading "the " dropped ("The Harbour Herald" and "harbour  herald" agree).
std::string PublisherKey(std::string_view name);

// A person's or agency's name for matching: spaces collapsed and trimmed,
// a right single quotation mark read as an apostrophe (O’Dowd = O'Dowd).
std::string NormaliseName(std::string_view name);

// The parsed content of a loaded rules file (provcheck/rules.h keeps it
// opaque). REQUIRES: `rules` outlives the reference.
const RuleSet& RuleSetOf(const Rules& rules);

}  // namespace provcheck::rules

#endif  // PROVCHECK_SRC_RULES_RULE_SET_H_
