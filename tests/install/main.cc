// Uses the installed library as a consumer would: indexes one text in a fresh
// index, scans a draft that copies a passage of it, and checks the passage is
// found. Usage: consumer WORK_DIR. Exit 0 when it is.
#include <cstdio>
#include <memory>
#include <string>

#include "provcheck/index.h"
#include "provcheck/scan.h"

namespace {

constexpr char kSource[] =
    "The harbour authority approved the new breakwater on Tuesday after three years of "
    "argument over its cost, its height and the damage it might do to the fishing grounds "
    "beyond the old lighthouse.\n";
constexpr char kDraft[] =
    "Our own reporting follows.\n\n"
    "The harbour authority approved the new breakwater on Tuesday after three years of "
    "argument over its cost, its height and the damage it might do to the fishing grounds "
    "beyond the old lighthouse.\n";

int Fail(const char* what, const provcheck::Status& status) {
  std::fprintf(stderr, "consumer: %s: %s\n", what, status.ToString().c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: consumer WORK_DIR\n");
    return 2;
  }
  const std::string dir = std::string(argv[1]) + "/index";
  auto index = provcheck::Index::Open(dir, provcheck::Index::Mode::kCreate);
  if (!index) return Fail("open", index.error());
  provcheck::AddSummary summary;
  provcheck::Status status =
      (*index)->AddFile("harbour.txt", kSource, provcheck::Format::kText, "harbour", &summary);
  if (!status.ok()) return Fail("add", status);
  status = (*index)->Commit();
  if (!status.ok()) return Fail("commit", status);

  auto scanner = provcheck::Scanner::Create(index->get(), provcheck::ScanOptions{});
  if (!scanner) return Fail("scanner", scanner.error());
  auto report = (*scanner)->Scan("draft.txt", kDraft, provcheck::Format::kText);
  if (!report) return Fail("scan", report.error());
  for (const provcheck::Finding& finding : report->findings) {
    if (finding.kind == provcheck::FindingKind::kReuse && finding.source && finding.source->id == "harbour") {
      std::printf("consumer: found %u words from %s; pass=%d\n", finding.words,
                  finding.source->id.c_str(), report->pass ? 1 : 0);
      return 0;
    }
  }
  std::fprintf(stderr, "consumer: the copied passage was not found (%zu findings)\n",
               report->findings.size());
  return 1;
}
