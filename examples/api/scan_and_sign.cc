// provcheck's library in a few calls: open an index, scan a draft, render
// the report, and sign it. The same report `provcheck scan` writes.
//
//   scan_and_sign INDEX DRAFT [--format text|json|sarif|html|github]
//   scan_and_sign INDEX DRAFT --sign KEY     # a DSSE envelope instead
//
// Exit codes as the CLI's: 0 pass, 1 the draft fails, 2 an error.
#include <cstdio>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>

#include "provcheck/index.h"
#include "provcheck/report_signing.h"
#include "provcheck/report_writer.h"
#include "provcheck/scan.h"
#include "provcheck/sign.h"
#include "provcheck/version.h"

namespace {

int Fail(const provcheck::Status& status) {
  std::fprintf(stderr, "scan_and_sign: %s\n", status.ToString().c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3 && argc != 5) {
    std::fprintf(stderr, "usage: scan_and_sign INDEX DRAFT [--format F | --sign KEY]\n");
    return 2;
  }
  const std::string index_dir = argv[1], draft = argv[2];
  const std::string flag = argc == 5 ? argv[3] : "", value = argc == 5 ? argv[4] : "";

  std::ifstream in(draft, std::ios::binary);
  if (!in) return Fail(provcheck::Status::NotFound(draft + ": cannot open"));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  auto index = provcheck::Index::Open(index_dir, provcheck::Index::Mode::kReadOnly);
  if (!index) return Fail(index.error());
  auto scanner = provcheck::Scanner::Create(index->get(), provcheck::ScanOptions{});
  if (!scanner) return Fail(scanner.error());
  auto format = provcheck::FormatFromPath(draft);
  if (!format) return Fail(format.error());
  auto report = (*scanner)->Scan(draft, bytes, *format);
  if (!report) return Fail(report.error());

  std::string out;
  if (flag == "--sign") {
    auto key = provcheck::SigningKey::Load(value);
    if (!key) return Fail(key.error());
    auto envelope = provcheck::SignReport(*report, *key);
    if (!envelope) return Fail(envelope.error());
    out = *envelope + "\n";
  } else {
    provcheck::WriterOptions options;  // text unless --format says otherwise
    if (flag == "--format") {
      auto chosen = provcheck::ParseOutputFormat(value);
      if (!chosen) return Fail(chosen.error());
      options.format = *chosen;
    } else if (!flag.empty()) {
      return Fail(provcheck::Status::InvalidArgument(flag + ": expected --format or --sign"));
    }
    out = provcheck::RenderReport(*report, bytes, options);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fprintf(stderr, "scan_and_sign: provcheck %s, %zu findings, %s\n", provcheck::kVersion,
               report->findings.size(), report->pass ? "pass" : "fail");
  return report->pass ? 0 : 1;
}
