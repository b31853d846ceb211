// scan_latency: in-process scan latency of drafts against an existing index,
// through the public API only (provcheck/index.h, provcheck/scan.h).
//
//   scan_latency --index DIR [--runs N] [--fresh-scanner] DRAFT_OR_FOLDER...
//
// Scans every draft once untimed (warm: the index pages in, and the
// Scanner's cache of analysed sources fills), then every draft N times
// (default 5). Prints JSON: per-draft latency (median, p99, mean, min, max
// over all timed scans), the batch throughput of one pass over all drafts
// (median pass), the untimed first pass, and the peak RSS of the process.
// --fresh-scanner makes a new Scanner per scan (timed), as one CLI run does:
// no cache of analysed sources carries over from one draft to the next.
// Exit 0 on success, 2 on a usage, read or scan error.
#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "provcheck/index.h"
#include "provcheck/scan.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Draft {
  std::string path, bytes;
  provcheck::Format format;
};

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "scan_latency: %s\n", message.c_str());
  std::exit(2);
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) Die(path + ": cannot read");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The files named, and the regular files of the folders named (sorted).
std::vector<Draft> ReadDrafts(const std::vector<std::string>& args) {
  std::vector<std::string> paths;
  for (const std::string& arg : args) {
    if (!std::filesystem::is_directory(arg)) {
      paths.push_back(arg);
      continue;
    }
    std::vector<std::string> inside;
    for (const auto& entry : std::filesystem::directory_iterator(arg)) {
      if (entry.is_regular_file() && entry.path().filename().string()[0] != '.') {
        inside.push_back(entry.path().string());
      }
    }
    std::sort(inside.begin(), inside.end());
    paths.insert(paths.end(), inside.begin(), inside.end());
  }
  std::vector<Draft> drafts;
  for (const std::string& path : paths) {
    provcheck::Result<provcheck::Format> format = provcheck::FormatFromPath(path);
    if (!format) Die(format.error().ToString());
    drafts.push_back({path, ReadFile(path), *format});
  }
  return drafts;
}

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    if (static_cast<unsigned char>(c) < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

// The value at quantile q (nearest rank) of sorted `v`. REQUIRES: !v.empty().
double Quantile(const std::vector<double>& v, double q) {
  size_t rank = static_cast<size_t>(q * static_cast<double>(v.size()) + 0.999999);
  return v[std::clamp<size_t>(rank, 1, v.size()) - 1];
}

class DraftScanner {
 public:
  DraftScanner(provcheck::Index* index, bool fresh) : index_(index), fresh_(fresh) {}

  // Scans one draft; returns its findings. Dies on error.
  size_t Scan(const Draft& draft) {
    if (fresh_ || !scanner_) {
      provcheck::ScanOptions options;
      options.created = "2026-11-26T00:00:00Z";  // no clock reads per scan
      auto scanner = provcheck::Scanner::Create(index_, options);
      if (!scanner) Die(scanner.error().ToString());
      scanner_ = std::move(scanner).value();
    }
    provcheck::Result<provcheck::Report> report =
        scanner_->Scan(draft.path, draft.bytes, draft.format);
    if (!report) Die(report.error().ToString());
    return report->findings.size();
  }

 private:
  provcheck::Index* index_;
  bool fresh_;
  std::unique_ptr<provcheck::Scanner> scanner_;
};

}  // namespace

int main(int argc, char** argv) {
  std::string index_dir;
  int runs = 5;
  bool fresh = false;
  std::vector<std::string> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--index" && i + 1 < argc)
      index_dir = argv[++i];
    else if (arg == "--runs" && i + 1 < argc)
      runs = std::atoi(argv[++i]);
    else if (arg == "--fresh-scanner")
      fresh = true;
    else if (arg.rfind("--", 0) == 0)
      Die("unknown flag " + arg);
    else
      inputs.push_back(arg);
  }
  if (index_dir.empty() || inputs.empty() || runs < 1) {
    Die("usage: scan_latency --index DIR [--runs N] [--fresh-scanner] DRAFT_OR_FOLDER...");
  }
  std::vector<Draft> drafts = ReadDrafts(inputs);
  if (drafts.empty()) Die("no drafts");
  uint64_t draft_bytes = 0;
  for (const Draft& d : drafts) draft_bytes += d.bytes.size();

  auto index = provcheck::Index::Open(index_dir, provcheck::Index::Mode::kReadOnly);
  if (!index) Die(index.error().ToString());
  DraftScanner scanner(index->get(), fresh);

  auto since = [](Clock::time_point start) {
    return std::chrono::duration<double>(Clock::now() - start).count();
  };
  Clock::time_point first = Clock::now();
  for (const Draft& d : drafts) scanner.Scan(d);
  const double first_pass = since(first);

  std::vector<double> latencies, passes;
  size_t findings = 0;
  for (int run = 0; run < runs; ++run) {
    Clock::time_point pass = Clock::now();
    findings = 0;
    for (const Draft& d : drafts) {
      Clock::time_point start = Clock::now();
      findings += scanner.Scan(d);
      latencies.push_back(since(start));
    }
    passes.push_back(since(pass));
  }
  std::sort(latencies.begin(), latencies.end());
  std::sort(passes.begin(), passes.end());
  double mean = 0;
  for (double l : latencies) mean += l / static_cast<double>(latencies.size());
  const double pass = Quantile(passes, 0.5);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);

  std::printf("{\"index\": %s, \"documents\": %llu, \"drafts\": %zu, \"draft_bytes\": %llu,\n",
              JsonString(index_dir).c_str(),
              static_cast<unsigned long long>((*index)->document_count()), drafts.size(),
              static_cast<unsigned long long>(draft_bytes));
  std::printf(" \"runs\": %d, \"fresh_scanner\": %s, \"findings_per_pass\": %zu,\n", runs,
              fresh ? "true" : "false", findings);
  std::printf(
      " \"latency_ms\": {\"median\": %.3f, \"p99\": %.3f, \"mean\": %.3f, \"min\": %.3f, "
      "\"max\": %.3f},\n",
      1e3 * Quantile(latencies, 0.5), 1e3 * Quantile(latencies, 0.99), 1e3 * mean,
      1e3 * latencies.front(), 1e3 * latencies.back());
  std::printf(
      " \"batch\": {\"pass_s\": %.4f, \"drafts_per_s\": %.2f, \"mb_per_s\": %.3f, "
      "\"first_pass_s\": %.4f},\n",
      pass, static_cast<double>(drafts.size()) / pass,
      static_cast<double>(draft_bytes) / 1e6 / pass, first_pass);
  std::printf(" \"peak_rss_mb\": %.1f}\n", static_cast<double>(usage.ru_maxrss) / 1024.0);
  return 0;
}
