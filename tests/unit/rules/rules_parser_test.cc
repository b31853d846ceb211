#include "rules/rules_parser.h"

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "provcheck/rules.h"
#include "rules/rule_catalog.h"
#include "rules_test_util.h"
#include "support/temp_dir.h"

namespace provcheck::rules {
namespace {

using testing::MustParse;
using testing::ParseError;

std::string SourceFile(const std::string& name) {
  std::ifstream in(std::string(PROVCHECK_SOURCE_DIR) + "/" + name, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(RulesParser, ReadsTheWorkedExample) {
  const RuleSet set =
      MustParse(SourceFile("rules/newsroom.json"), std::string(PROVCHECK_SOURCE_DIR) + "/rules");
  ASSERT_EQ(set.sources.publishers.size(), 5u);
  EXPECT_EQ(set.sources.publishers[0].name, "Meridian Wire");
  EXPECT_EQ(set.sources.publishers[0].action, SourceAction::kCredit);
  EXPECT_EQ(set.sources.publishers[0].path, "$.sources.publishers[0]");
  EXPECT_EQ(set.sources.publishers[2].names, std::vector<std::string>{"harbour herald"});
  EXPECT_EQ(set.sources.default_action, SourceAction::kForbid);
  EXPECT_EQ(set.reuse.fail_words, 25u);
  EXPECT_DOUBLE_EQ(set.reuse.max_share.value_or(0), 0.2);
  EXPECT_TRUE(set.copyright.enabled);
  EXPECT_EQ(set.copyright.holders, std::vector<std::string>{"Bayside Weekly"});
  EXPECT_TRUE(set.bylines.staff.count("Marnie Coultard"));
  EXPECT_TRUE(set.bylines.staff.count("Tobias Wrenfield"));
  EXPECT_FALSE(set.bylines.staff.count("# Bayside Weekly staff: the names a byline or"));
  EXPECT_TRUE(set.bylines.agencies.count("Meridian Wire"));
  EXPECT_TRUE(set.captions.enabled);
  EXPECT_EQ(set.Setting(kRuleReportingUnknown).severity, Severity::kWarning);
  EXPECT_EQ(set.Setting(kRuleCaptionAgency).severity, Severity::kError);
}

TEST(RulesParser, LeftOutSectionsAreOffAndDefaultsApply) {
  const RuleSet set = MustParse(R"({"version": 1})");
  EXPECT_FALSE(set.copyright.enabled);
  EXPECT_FALSE(set.bylines.enabled);
  EXPECT_FALSE(set.captions.enabled);
  EXPECT_EQ(set.sources.default_action, SourceAction::kForbid);
  EXPECT_EQ(set.reuse.min_words, 10u);
  EXPECT_EQ(set.reuse.fail_words, 25u);
  EXPECT_FALSE(set.reuse.max_share);
  for (const RuleInfo& r : AllRules()) EXPECT_EQ(set.Setting(r.id).severity, r.severity);
}

TEST(RulesParser, CommentsAreAllowedInEveryObject) {
  MustParse(R"({"$comment": "top", "version": 1,
    "sources": {"$comment": "s", "publishers": [{"$comment": "p", "name": "A", "policy": "allow"}]},
    "rules": {"$comment": "r", "byline.unknown": {"$comment": "b", "severity": "off"}}})");
}

TEST(RulesParser, RuleSettingsOverrideSeverityAndMessage) {
  const RuleSet set = MustParse(R"({"version": 1, "rules": {
      "byline.unknown": {"severity": "warning", "message": "ask the desk"},
      "caption.credit": {"severity": "off"}}})");
  EXPECT_EQ(set.Setting(kRuleBylineUnknown).severity, Severity::kWarning);
  EXPECT_EQ(set.Setting(kRuleBylineUnknown).message, "ask the desk");
  EXPECT_TRUE(set.Setting(kRuleCaptionCredit).off);
}

TEST(RulesParser, RefusesTextThatIsNotJson) {
  EXPECT_EQ(ParseError("{\"version\": 1,\n  \"reuse\" {}}"),
            "rules.json:2:11: expected ':' after the key, found '{'");
  EXPECT_EQ(ParseError("{\"version\": 1, // no comments\n}"),
            "rules.json:1:16: expected a string key after ',', found '/'");
}

TEST(RulesParser, RefusesDuplicateKeys) {
  EXPECT_EQ(ParseError("{\"version\": 1,\n \"sources\": {\"publishers\": [\n"
                       "  {\"name\": \"A\", \"policy\": \"allow\", \"policy\": \"forbid\"}]}}"),
            "rules.json:3:36: duplicate key \"policy\" in $.sources.publishers[0] (first at "
            "3:17)");
}

TEST(RulesParser, RefusesUnknownKeysAtTheKey) {
  EXPECT_EQ(ParseError("{\"version\": 1,\n \"sources\": {\"publishers\": [\n"
                       "  {\"name\": \"A\", \"polcy\": \"allow\"}]}}"),
            "rules.json:3:17: unknown key \"polcy\" (at $.sources.publishers[0].polcy: expected "
            "one of \"name\", \"aliases\", \"policy\", \"credit_patterns\")");
  EXPECT_EQ(ParseError("{\"version\": 1, \"copyrite\": {}}"),
            "rules.json:1:16: unknown key \"copyrite\" (at $.copyrite: expected one of "
            "\"$schema\", \"version\", \"name\", \"description\", \"sources\", \"reuse\", "
            "\"copyright\", \"bylines\", \"captions\", \"rules\")");
}

// Before issue 14 the key's line break came back raw in the message's JSON
// path (and as a space in the quoted key), splitting the one error line.
TEST(Issue14, KeyWithALineBreakStaysOnOneLineInTheMessage) {
  const std::string message = ParseError("{\"version\": 1,\n \"reuse\": {\"min\\nwords\": 1}}");
  EXPECT_EQ(message,
            "rules.json:2:12: unknown key \"min\\u000awords\" (at $.reuse[\"min\\u000awords\"]: "
            "expected one of \"min_words\", \"fail_words\", \"max_share\")");
  EXPECT_EQ(message.find('\n'), std::string::npos);
}

TEST(RulesParser, RefusesWrongTypesAtTheValue) {
  EXPECT_EQ(ParseError("{\"version\": 1,\n \"reuse\": {\"fail_words\": \"25\"}}"),
            "rules.json:2:26: wrong type: found a string (at $.reuse.fail_words: expected a "
            "whole number from 1 to 1000000)");
  EXPECT_EQ(ParseError("{\"version\": 1, \"copyright\": {\"required\": \"yes\"}}"),
            "rules.json:1:42: wrong type: found a string (at $.copyright.required: expected "
            "true or false)");
  EXPECT_EQ(ParseError("{\"version\": 1, \"captions\": {\"agencies\": [\"A\", 7]}}"),
            "rules.json:1:47: wrong type: found a number (at $.captions.agencies[1]: expected "
            "a string)");
  EXPECT_EQ(ParseError("{\"version\": 1, \"bylines\": []}"),
            "rules.json:1:27: wrong type: found an array (at $.bylines: expected an object)");
}

TEST(RulesParser, RefusesValuesOutOfRangeOrUnknown) {
  EXPECT_EQ(ParseError("{\"version\": 1, \"reuse\": {\"max_share\": 20}}"),
            "rules.json:1:39: number out of range (at $.reuse.max_share: expected a number "
            "from 0 to 1 (0.2 is 20%))");
  EXPECT_EQ(ParseError("{\"version\": 1, \"sources\": {\"default\": \"deny\"}}"),
            "rules.json:1:39: unknown value \"deny\" (at $.sources.default: expected one of "
            "\"forbid\", \"credit\", \"allow\")");
  EXPECT_EQ(ParseError("{\"version\": 2}"),
            "rules.json:1:13: number out of range: 2 (at $.version: expected a whole number "
            "from 1 to 1)");
  EXPECT_EQ(ParseError("{\"name\": \"x\"}"),
            "rules.json:1:1: missing key \"version\" (at $: expected \"version\": 1)");
}

TEST(RulesParser, RefusesAnInvalidPatternNamingItsRule) {
  EXPECT_EQ(ParseError("{\"version\": 1,\n \"copyright\": {\n   \"pattern\": \"^(Copyright\"}}"),
            "rules.json:3:15: invalid pattern for rule copyright.format: missing ): ^(Copyright "
            "(at $.copyright.pattern: expected a valid RE2 pattern "
            "(github.com/google/re2/wiki/Syntax))");
  // Backreferences would take more than linear time: RE2 has none.
  EXPECT_EQ(ParseError("{\"version\": 1, \"sources\": {\"publishers\": [{\"name\": \"A\", "
                       "\"policy\": \"credit\", \"credit_patterns\": [\"(a)\\\\1\"]}]}}"),
            "rules.json:1:97: invalid pattern for rule reuse.uncredited: invalid escape "
            "sequence: \\1 (at $.sources.publishers[0].credit_patterns[0]: expected a valid RE2 "
            "pattern (github.com/google/re2/wiki/Syntax))");
}

TEST(RulesParser, RefusesAPatternWithoutTheGroupItsRuleNeeds) {
  EXPECT_EQ(ParseError("{\"version\": 1, \"captions\": {\"credit_pattern\": \"©.*\"}}"),
            "rules.json:1:47: pattern for rule caption.credit has no group named \"agency\" (at "
            "$.captions.credit_pattern: expected an RE2 pattern with the named group "
            "(?P<agency>...))");
  EXPECT_EQ(ParseError("{\"version\": 1, \"copyright\": {\"pattern\": \"^Copyright .*$\"}}"),
            "rules.json:1:41: pattern for rule copyright.year has no group named \"year\" (at "
            "$.copyright.pattern: expected an RE2 pattern with the named group (?P<year>...) "
            "when \"year\" is \"publication\")");
}

TEST(RulesParser, RefusesAMissingRosterFile) {
  provcheck::testing::TempDir dir;
  EXPECT_EQ(
      ParseError("{\"version\": 1,\n \"bylines\": {\"roster\": {\"file\": \"staf.txt\"}}}",
                 dir.path()),
      "rules.json:2:33: cannot read the roster file: " + dir.Join("staf.txt") +
          ": no such file or folder (at $.bylines.roster.file: expected a names file (one name per "
          "line) that can be read, relative to the rules file's folder)");
}

TEST(RulesParser, ReadsARosterFileBesideTheRules) {
  provcheck::testing::TempDir dir;
  dir.Write("staff.txt", "# staff\n\n  Ann  Other \nMaeve O\u2019Dowd\r\n");
  const RuleSet set =
      MustParse(R"({"version": 1, "bylines": {"roster": {"file": "staff.txt", "names": ["B"]}}})",
                dir.path());
  EXPECT_EQ(set.bylines.staff, (std::set<std::string>{"Ann Other", "B", "Maeve O'Dowd"}));
}

TEST(RulesParser, RefusesUnknownRuleIds) {
  const std::string message =
      ParseError("{\"version\": 1, \"rules\": {\"byline.unknwn\": {\"severity\": \"off\"}}}");
  EXPECT_EQ(message.rfind("rules.json:1:26: unknown rule \"byline.unknwn\" (at "
                          "$.rules[\"byline.unknwn\"]: expected a rule id: reuse.forbidden, ",
                          0),
            0u)
      << message;
}

TEST(RulesParser, RefusesAPublisherListedTwice) {
  EXPECT_EQ(ParseError("{\"version\": 1, \"sources\": {\"publishers\": [\n"
                       " {\"name\": \"The Harbour Herald\", \"policy\": \"forbid\"},\n"
                       " {\"name\": \"harbour herald\", \"policy\": \"allow\"}]}}"),
            "rules.json:3:2: publisher \"harbour herald\" is listed twice (at "
            "$.sources.publishers[1]: expected each publisher once (first at "
            "$.sources.publishers[0]))");
}

TEST(Rules, LoadGivesPathAndSha256) {
  provcheck::testing::TempDir dir;
  dir.Write("r.json", "{\"version\": 1}\n");
  Result<std::shared_ptr<const Rules>> rules = Rules::Load(dir.Join("r.json"));
  ASSERT_TRUE(rules.has_value()) << rules.error().ToString();
  EXPECT_EQ((*rules)->path(), dir.Join("r.json"));
  // sha256("{\"version\": 1}\n")
  EXPECT_EQ((*rules)->sha256().size(), 64u);
  EXPECT_FALSE(rules::RuleSetOf(**rules).copyright.enabled);
}

TEST(Rules, LoadOfAMissingFileIsNotFound) {
  Result<std::shared_ptr<const Rules>> rules = Rules::Load("/nonexistent/rules.json");
  ASSERT_FALSE(rules.has_value());
  EXPECT_EQ(rules.error().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace provcheck::rules
