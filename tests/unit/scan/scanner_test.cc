// The scan pipeline on a real index: which sources it aligns.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "provcheck/scan.h"
#include "support/temp_dir.h"

namespace provcheck {
namespace {

using testing::TempDir;

// Three routine sentences, each also in its own filler article, then a
// reworded copy of kSource: no five-word run in common with it, the same
// content words in a different order.
const char kFillers[][160] = {
    "Harbour officials said the ferry timetable would change next month after a long review.",
    "The museum will open its new wing to visitors on Saturday morning with a small ceremony.",
    "Road crews expect to finish resurfacing the old bridge before the first frost of winter.",
};
const char kSource[] =
    "The regional water authority announced on Monday that reservoir levels had fallen to their "
    "lowest point in a decade. Engineers blamed the unusually dry summer and rising demand from "
    "new housing estates. Residents were asked to limit garden watering and report leaking pipes "
    "promptly. Farmers near the valley said wells that had never failed were running dry. The "
    "authority promised weekly updates on storage levels until the autumn rains arrive.";
const char kReworded[] =
    "On Monday the authority for regional water announced levels in reservoirs had fallen to a "
    "decade's lowest point. An unusually dry summer together with demand rising from estates of "
    "new "
    "housing was blamed by engineers. Residents were asked promptly to report pipes leaking and to "
    "limit watering of gardens. Wells which had never failed were running dry, farmers near the "
    "valley said. Until autumn rains arrive, weekly updates on levels of storage were promised by "
    "the authority.";

std::string Draft() {
  std::string draft;
  for (const char* f : kFillers) draft += std::string(f) + " ";
  return draft + kReworded;
}

bool Reports(Report& report, const std::string& id) {
  return std::any_of(report.findings.begin(), report.findings.end(),
                     [&id](const Finding& f) { return f.source && f.source->id == id; });
}

TEST(Scanner, SourceSharingOnlyStemShinglesHasPlacesOfItsOwn) {
  TempDir tmp;
  auto index = Index::Open(tmp.path(), Index::Mode::kCreate);
  ASSERT_TRUE(index.has_value()) << index.status().ToString();
  AddSummary summary;
  for (int i = 0; i < 3; ++i) {
    std::string id = "filler-" + std::to_string(i);
    ASSERT_TRUE((*index)->AddFile(id + ".txt", kFillers[i], Format::kText, id, &summary).ok());
  }
  ASSERT_TRUE((*index)->AddFile("water.txt", kSource, Format::kText, "water", &summary).ok());
  ASSERT_TRUE((*index)->Commit().ok());

  // Two places for sources sharing word shingles: the fillers fill them.
  ScanOptions options;
  options.max_candidates = 2;
  options.max_stem_candidates = 0;
  auto scanner = Scanner::Create(index->get(), options);
  ASSERT_TRUE(scanner.has_value());
  auto report = (*scanner)->Scan("draft.txt", Draft(), Format::kText);
  ASSERT_TRUE(report.has_value()) << report.status().ToString();
  EXPECT_FALSE(Reports(*report, "water"));

  options.max_stem_candidates = 1;
  scanner = Scanner::Create(index->get(), options);
  ASSERT_TRUE(scanner.has_value());
  report = (*scanner)->Scan("draft.txt", Draft(), Format::kText);
  ASSERT_TRUE(report.has_value()) << report.status().ToString();
  EXPECT_TRUE(Reports(*report, "water"));
}

TEST(Scanner, CachedSourcesGiveTheSameFindings) {
  TempDir tmp;
  auto index = Index::Open(tmp.path(), Index::Mode::kCreate);
  ASSERT_TRUE(index.has_value()) << index.status().ToString();
  AddSummary summary;
  ASSERT_TRUE((*index)->AddFile("water.txt", kSource, Format::kText, "water", &summary).ok());
  ASSERT_TRUE((*index)->AddFile("f.txt", kFillers[0], Format::kText, "filler", &summary).ok());
  ASSERT_TRUE((*index)->Commit().ok());
  auto findings = [&](size_t cache_bytes) {
    ScanOptions options;
    options.source_cache_bytes = cache_bytes;
    options.created = "2026-01-01T00:00:00Z";
    auto scanner = Scanner::Create(index->get(), options);
    EXPECT_TRUE(scanner.has_value());
    std::vector<std::string> out;
    for (int round = 0; round < 2; ++round) {  // the second scan meets cached sources
      auto report = (*scanner)->Scan("draft.txt", Draft(), Format::kText);
      EXPECT_TRUE(report.has_value()) << report.status().ToString();
      for (const Finding& f : report->findings) {
        out.push_back(f.source->id + ":" + std::to_string(f.draft.start) + "-" +
                      std::to_string(f.draft.end) + ":" + std::to_string(f.source->start) + "-" +
                      std::to_string(f.source->end));
      }
    }
    return out;
  };
  std::vector<std::string> uncached = findings(0);
  EXPECT_EQ(uncached.size(), 4u);  // the filler and the reworded copy, twice
  EXPECT_EQ(findings(size_t{256} << 20), uncached);
}

}  // namespace
}  // namespace provcheck
