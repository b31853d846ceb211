#include "report/sarif_writer.h"

#include <gtest/gtest.h>
#include <simdjson.h>

#include <string>
#include <vector>

#include "unit/report/sample_report.h"

namespace provcheck::report {
namespace {

using testing::SampleReport;

struct Parsed {
  simdjson::dom::parser parser;
  simdjson::dom::element root;
  explicit Parsed(const std::string& json) { root = parser.parse(json).value(); }
  simdjson::dom::element run() { return root["runs"].at(0).value(); }
  simdjson::dom::element result(size_t i) { return run()["results"].at(i).value(); }
};

std::string Str(simdjson::simdjson_result<simdjson::dom::element> e) {
  return std::string(e.get_string().value());
}
int64_t Int(simdjson::simdjson_result<simdjson::dom::element> e) { return e.get_int64().value(); }

TEST(Sarif, WritesVersionSchemaAndOneRun) {
  std::vector<Report> reports = {SampleReport()};
  Parsed p(ReportsToSarif(reports, {}));
  EXPECT_EQ(Str(p.root["version"]), "2.1.0");
  EXPECT_EQ(Str(p.root["$schema"]), kSarifSchemaUri);
  EXPECT_EQ(p.root["runs"].get_array().size(), 1u);
  EXPECT_EQ(Str(p.run()["tool"]["driver"]["name"]), "provcheck");
  EXPECT_EQ(Str(p.run()["tool"]["driver"]["version"]), "0.1.0");
  EXPECT_EQ(Str(p.run()["columnKind"]), "unicodeCodePoints");
}

TEST(Sarif, ListsEachFiredRuleOnceWithDescriptions) {
  std::vector<Report> reports = {SampleReport(), SampleReport()};
  Parsed p(ReportsToSarif(reports, {}));
  simdjson::dom::array rules = p.run()["tool"]["driver"]["rules"].get_array();
  ASSERT_EQ(rules.size(), 3u);
  simdjson::dom::element first = rules.at(0);
  EXPECT_EQ(Str(first["id"]), "reuse.forbidden");
  EXPECT_EQ(Str(first["name"]), "ReuseForbidden");
  EXPECT_FALSE(Str(first["shortDescription"]["text"]).empty());
  EXPECT_FALSE(Str(first["fullDescription"]["text"]).empty());
  EXPECT_FALSE(Str(first["help"]["text"]).empty());
  EXPECT_EQ(Str(first["defaultConfiguration"]["level"]), "error");
  EXPECT_EQ(Str(rules.at(2)["id"]), "copyright.year");
  EXPECT_EQ(Str(rules.at(2)["name"]), "CopyrightYear");
  EXPECT_EQ(Int(p.result(2)["ruleIndex"]), 2);
  EXPECT_EQ(Int(p.result(5)["ruleIndex"]), 2);
}

TEST(Sarif, LocatesFindingWithExclusiveEndColumnAndBytes) {
  Report r = SampleReport();
  std::vector<Report> reports = {r};
  Parsed p(ReportsToSarif(reports, {}));
  simdjson::dom::element res = p.result(0);
  EXPECT_EQ(Str(res["ruleId"]), "reuse.forbidden");
  EXPECT_EQ(Str(res["level"]), "error");
  simdjson::dom::element loc = res["locations"].at(0)["physicalLocation"];
  EXPECT_EQ(Str(loc["artifactLocation"]["uri"]), "news/port%20ellery.md");
  EXPECT_EQ(Str(loc["artifactLocation"]["uriBaseId"]), "%SRCROOT%");
  EXPECT_EQ(Int(loc["region"]["startLine"]), 3);
  EXPECT_EQ(Int(loc["region"]["startColumn"]), 1);
  EXPECT_EQ(Int(loc["region"]["endLine"]), 3);
  EXPECT_EQ(Int(loc["region"]["endColumn"]), r.findings[0].draft.end_column + 1);
  EXPECT_EQ(Int(loc["region"]["byteOffset"]), static_cast<int64_t>(r.findings[0].draft.start));
  EXPECT_EQ(Str(loc["region"]["snippet"]["text"]), r.findings[0].draft.text);
  EXPECT_EQ(Str(p.result(1)["level"]), "note");
  EXPECT_EQ(Str(p.result(2)["level"]), "warning");
}

TEST(Sarif, CarriesSourceInRelatedLocationsAndProperties) {
  std::vector<Report> reports = {SampleReport()};
  Parsed p(ReportsToSarif(reports, {}));
  simdjson::dom::element res = p.result(0);
  std::string related = Str(res["relatedLocations"].at(0)["message"]["text"]);
  EXPECT_NE(related.find("nc-004"), std::string::npos);
  EXPECT_NE(related.find("Northfield Chronicle"), std::string::npos);
  EXPECT_NE(related.find("fastest-rising housing market"), std::string::npos);
  EXPECT_EQ(Str(res["properties"]["source"]["url"]),
            "https://northfieldchronicle.example/port-ellery?a=1&b=2");
  EXPECT_EQ(Str(res["properties"]["source"]["date"]), "2026-03-27");
  EXPECT_EQ(res["properties"]["matches"].get_array().size(), 2u);
  EXPECT_NE(Str(res["message"]["text"]).find("Source: nc-004"), std::string::npos);
  // A credit finding has no source.
  EXPECT_TRUE(p.result(2)["relatedLocations"].error());
}

TEST(Sarif, FingerprintSurvivesLinesMovingButNotTextChanging) {
  Report a = SampleReport();
  Report b = SampleReport();
  b.findings[0].draft.line = 40;
  b.findings[0].draft.start += 500;
  EXPECT_EQ(SarifFingerprint(a, a.findings[0], 1), SarifFingerprint(b, b.findings[0], 1));
  b.findings[0].draft.text += " indeed";
  EXPECT_NE(SarifFingerprint(a, a.findings[0], 1), SarifFingerprint(b, b.findings[0], 1));
  std::vector<Report> reports = {a};
  Parsed p(ReportsToSarif(reports, {}));
  EXPECT_EQ(Str(p.result(0)["partialFingerprints"][kSarifFingerprintKey]),
            SarifFingerprint(a, a.findings[0], 1));
}

TEST(Sarif, RepeatedPassageGetsItsOwnFingerprint) {
  Report r = SampleReport();
  Finding again = r.findings[0];
  again.draft.line = 9;
  r.findings.push_back(again);
  std::vector<Report> reports = {r};
  Parsed p(ReportsToSarif(reports, {}));
  std::string first = Str(p.result(0)["partialFingerprints"][kSarifFingerprintKey]);
  std::string last = Str(p.result(3)["partialFingerprints"][kSarifFingerprintKey]);
  EXPECT_NE(first, last);
  EXPECT_EQ(first.substr(0, 64), last.substr(0, 64));
  EXPECT_EQ(first.substr(64), ":1");
  EXPECT_EQ(last.substr(64), ":2");
}

TEST(Sarif, EncodesPathsAsUriReferences) {
  EXPECT_EQ(PathToUri("a b/c.md"), "a%20b/c.md");
  EXPECT_EQ(PathToUri("./drafts/x.md"), "drafts/x.md");
  EXPECT_EQ(PathToUri("caf\xC3\xA9.md"), "caf%C3%A9.md");
  EXPECT_EQ(PathToUri("bad\xFF%#?.md"), "bad%FF%25%23%3F.md");
  EXPECT_EQ(PathToUri("/abs/dir/x.md"), "file:///abs/dir/x.md");
}

TEST(Sarif, SeveralDraftsMakeOneRunWithAllResults) {
  Report a = SampleReport();
  Report b = SampleReport();
  b.draft_path = "other.md";
  b.pass = true;
  std::vector<Report> reports = {a, b};
  Parsed p(ReportsToSarif(reports, {}));
  EXPECT_EQ(p.run()["results"].get_array().size(), 6u);
  EXPECT_EQ(Str(p.result(3)["locations"].at(0)["physicalLocation"]["artifactLocation"]["uri"]),
            "other.md");
  EXPECT_EQ(Str(p.run()["properties"]["drafts"].at(1)["verdict"]), "pass");
}

TEST(Sarif, ErrorsBecomeToolNotifications) {
  SarifOptions options;
  options.errors = {"bad\xFF.md: invalid UTF-8 at byte 3"};
  options.source_root = "/work/repo";
  std::vector<Report> reports;
  Parsed p(ReportsToSarif(reports, options));
  simdjson::dom::element inv = p.run()["invocations"].at(0);
  EXPECT_FALSE(inv["executionSuccessful"].get_bool().value());
  EXPECT_EQ(Str(inv["toolExecutionNotifications"].at(0)["message"]["text"]),
            "bad\xEF\xBF\xBD.md: invalid UTF-8 at byte 3");
  EXPECT_EQ(Str(p.run()["originalUriBaseIds"]["%SRCROOT%"]["uri"]), "file:///work/repo/");
  EXPECT_EQ(p.run()["results"].get_array().size(), 0u);
}

TEST(Sarif, DescribesCatalogRulesAndNamesUnknownOnes) {
  RuleDescription year = DescribeRule("copyright.year", FindingKind::kCredit);
  EXPECT_EQ(year.name, "CopyrightYear");
  EXPECT_EQ(year.short_description, "The copyright year is not the publication year.");
  RuleDescription other = DescribeRule("house.style-check", FindingKind::kCredit);
  EXPECT_EQ(other.name, "HouseStyleCheck");
  EXPECT_NE(other.short_description.find("house.style-check"), std::string::npos);
  EXPECT_FALSE(other.help_text.empty());
}

TEST(Sarif, RuleFileDescriptionsOverrideBuiltIns) {
  SarifOptions options;
  RuleDescription d = DescribeRule("copyright.year", FindingKind::kCredit);
  d.short_description = "The copyright year must be the publication year.";
  options.rules.push_back(d);
  std::vector<Report> reports = {SampleReport()};
  Parsed p(ReportsToSarif(reports, options));
  EXPECT_EQ(Str(p.run()["tool"]["driver"]["rules"].at(2)["shortDescription"]["text"]),
            "The copyright year must be the publication year.");
}

}  // namespace
}  // namespace provcheck::report
