#include "report/brief_writer.h"

#include <gtest/gtest.h>

#include "unit/report/sample_report.h"

namespace provcheck::report {
namespace {

using testing::SampleReport;

TEST(BriefText, WritesOneCompilerStyleLinePerFinding) {
  EXPECT_EQ(ReportToBriefText(SampleReport(), {}),
            "news/port ellery.md:3:1: error: 12 words reused from \u201CHouse prices\u201D "
            "(Northfield Chronicle) [reuse.forbidden]\n"
            "news/port ellery.md:5:2: note: 6 words quoted from \u201CTram\u201D "
            "(The Harbour Herald) [reuse.quoted]\n"
            "news/port ellery.md:7:1: warning: copyright year 2021, expected 2026: fix the line "
            "[copyright.year]\n");
}

TEST(BriefText, FailingDraftWithoutErrorFindingNamesTheReasons) {
  Report r = SampleReport();
  r.findings.clear();
  EXPECT_EQ(ReportToBriefText(r, {}),
            "news/port ellery.md: error: 1 passage of 25+ words reused without quotation marks "
            "(rule reuse.forbidden) [verdict]\n");
}

TEST(BriefText, CleanDraftPrintsNothing) {
  Report r = SampleReport();
  r.findings.clear();
  r.pass = true;
  EXPECT_EQ(ReportToBriefText(r, {}), "");
}

TEST(BriefText, ColourPaintsLocationAndSeverity) {
  std::string out = ReportToBriefText(SampleReport(), {true});
  EXPECT_EQ(out.rfind("\x1b[1mnews/port ellery.md:3:1:\x1b[0m \x1b[1;31merror\x1b[0m: ", 0), 0u);
}

}  // namespace
}  // namespace provcheck::report
