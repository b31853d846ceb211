#include "report/github_writer.h"

#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include "unit/report/sample_report.h"

namespace provcheck::report {
namespace {

using testing::SampleReport;

std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> out;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

TEST(GithubAnnotations, EscapesDataAndProperties) {
  EXPECT_EQ(EscapeGithubData("50% a:b,c\r\nd"), "50%25 a:b,c%0D%0Ad");
  EXPECT_EQ(EscapeGithubProperty("50% a:b,c\r\nd"), "50%25 a%3Ab%2Cc%0D%0Ad");
}

TEST(GithubAnnotations, WritesOneCommandPerFindingBySeverity) {
  std::vector<std::string> lines = Lines(ReportToGithubAnnotations(SampleReport()));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(
      lines[0].rfind("::error file=news/port ellery.md,line=3,endLine=3,col=1,endColumn=63,"
                     "title=provcheck reuse.forbidden%3A 11 words from Northfield Chronicle::",
                     0),
      0u)
      << lines[0];
  EXPECT_EQ(lines[1].rfind("::notice ", 0), 0u);
  EXPECT_EQ(lines[2].rfind("::warning ", 0), 0u);
  // The message keeps ':' and ',' but escapes newlines, and names the source.
  EXPECT_NE(lines[2].find("::copyright year 2021, expected 2026:%0Afix the line"),
            std::string::npos)
      << lines[2];
  EXPECT_NE(lines[0].find("%0ASource: nc-004"), std::string::npos);
  EXPECT_NE(lines[0].find("%0Ahttps://northfieldchronicle.example/port-ellery?a=1&b=2"),
            std::string::npos);
}

TEST(GithubAnnotations, OmitsColumnsForPassageOverSeveralLines) {
  Report r = SampleReport();
  r.findings.resize(1);
  r.findings[0].draft.end_line = 5;
  std::string out = ReportToGithubAnnotations(r);
  EXPECT_NE(out.find("line=3,endLine=5,title="), std::string::npos) << out;
  EXPECT_EQ(out.find("col="), std::string::npos);
}

TEST(GithubAnnotations, FailingDraftWithoutErrorFindingStillGetsAnError) {
  Report r = SampleReport();
  r.findings.erase(r.findings.begin());
  std::vector<std::string> lines = Lines(ReportToGithubAnnotations(r));
  ASSERT_EQ(lines.size(), 3u);
  EXPECT_EQ(lines[2].rfind("::error file=news/port ellery.md,title=provcheck%3A draft fails::", 0),
            0u)
      << lines[2];
}

TEST(GithubAnnotations, PassingDraftWithoutFindingsWritesNothing) {
  Report r = SampleReport();
  r.findings.clear();
  r.pass = true;
  r.reasons.clear();
  EXPECT_EQ(ReportToGithubAnnotations(r), "");
}

TEST(GithubAnnotations, PathLosesLeadingDotSlashAndEscapesComma) {
  Report r = SampleReport();
  r.draft_path = "./a,b:c.md";
  r.findings.resize(1);
  EXPECT_EQ(ReportToGithubAnnotations(r).rfind("::error file=a%2Cb%3Ac.md,line=3", 0), 0u);
}

}  // namespace
}  // namespace provcheck::report
