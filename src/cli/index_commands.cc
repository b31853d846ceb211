#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/file_system.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/line_parts.h"
#include "cli/progress.h"
#include "provcheck/index.h"
#include "report/json_writer.h"

namespace provcheck::cli {
namespace {

// Inputs larger than this are refused (a corpus file, not a disk image).
constexpr uint64_t kMaxInputBytes = 1ULL << 30;
// A batch commits after this many files or bytes: an interrupted add keeps
// every finished batch, whole.
constexpr size_t kBatchFiles = 512;
constexpr uint64_t kBatchBytes = 64ULL << 20;
// JSON Lines files larger than this are read and added in parts this size.
constexpr uint64_t kJsonLinesPartBytes = 64ULL << 20;

struct InputFile {
  std::string path;
  std::string default_id;
};

std::string StripExtension(const std::string& s) {
  size_t slash = s.rfind('/');
  size_t dot = s.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return s;
  return s.substr(0, dot);
}

// Expands folders into their files of known formats; ids default to the path
// under the folder (or the file name) without its extension. Sub-folders
// that cannot be listed are appended to `unlisted` and skipped.
Status CollectInputs(const std::vector<std::string>& paths, bool any_extension,
                     std::vector<InputFile>* out, std::vector<Status>* unlisted) {
  base::FileSystem& fs = base::FileSystem::Default();
  for (const std::string& path : paths) {
    base::PathKind kind = fs.Kind(path);
    if (kind == base::PathKind::kMissing) return Status::NotFound(path + ": no such file or folder");
    if (kind == base::PathKind::kDirectory) {
      PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> files, fs.ListFilesRecursive(path, unlisted));
      std::string root = path;
      while (root.size() > 1 && root.back() == '/') root.pop_back();
      for (const std::string& f : files) {
        if (!any_extension && !FormatFromPath(f)) continue;  // images, notes: not articles
        out->push_back({f, base::PercentEncodeInvalidUtf8(StripExtension(f.substr(root.size() + 1)))});
      }
    } else {
      size_t slash = path.rfind('/');
      out->push_back({path, base::PercentEncodeInvalidUtf8(StripExtension(
                                slash == std::string::npos ? path : path.substr(slash + 1)))});
    }
  }
  return Status::Ok();
}

// 0 when it cannot be told: the file is then read whole, and fails there.
uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size) : 0;
}

std::string HumanBytes(uint64_t b) {
  char buf[32];
  if (b >= 1000000) std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  else if (b >= 1000) std::snprintf(buf, sizeof buf, "%.1f KB", b / 1e3);
  else std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace

std::string ResolveIndexDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("PROVCHECK_INDEX"); env != nullptr && *env) return env;
  return ".provcheck";
}

int RunIndexAdd(const IndexAddOptions& options) {
  Format forced = Format::kText;
  if (!options.input_format.empty()) {
    Result<Format> f = ParseFormatName(options.input_format);
    if (!f) return ReportError(f.status());
    forced = *f;
  }
  std::vector<InputFile> inputs;
  std::vector<Status> unlisted;  // sub-folders that cannot be listed: named, skipped
  if (Status s = CollectInputs(options.paths, !options.input_format.empty(), &inputs, &unlisted);
      !s.ok()) {
    return ReportError(s);
  }
  for (const Status& s : unlisted) ReportError(s);
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kCreate);
  if (!index) return ReportError(index.status());

  (*index)->SetThreads(options.threads);

  auto start = std::chrono::steady_clock::now();
  AddSummary summary;
  Progress progress(inputs.size());
  int skipped = 0;          // files
  int skipped_records = 0;  // JSON Lines records
  size_t batch_files = 0;
  uint64_t batch_bytes = 0, read_bytes = 0;
  // Adds one file, or one part of a large JSON Lines file. False when the
  // index itself failed and everything stops (`*exit` says how).
  auto add = [&](const InputFile& in, Result<Format> format, Result<std::string> bytes,
                 const FilePart& part, int* exit) {
    Status s;
    if (!format) s = format.status();
    else if (!bytes) s = bytes.status();
    else s = (*index)->AddFile(in.path, *bytes, *format, in.default_id, &summary, part);
    if (!summary.skipped_records.empty()) {
      progress.Finish();
      for (const Status& e : summary.skipped_records) ReportError(e);
      skipped_records += static_cast<int>(summary.skipped_records.size());
      summary.skipped_records.clear();
    }
    if (!s.ok()) {
      // Bad input is reported and skipped, a file that cannot be read (no
      // permission, an I/O error) included; the index itself failing stops all.
      progress.Finish();
      ReportError(s);
      const bool bad_input = !format || !bytes || s.code() == StatusCode::kInvalidInput ||
                             s.code() == StatusCode::kNotFound ||
                             s.code() == StatusCode::kResourceLimit;
      if (!bad_input) {
        std::fputs("provcheck: stopped; the index keeps every batch committed before this\n", stderr);
        *exit = ExitCodeFor(s);
        return false;
      }
      ++skipped;
      return true;
    }
    ++batch_files;
    batch_bytes += bytes->size();
    read_bytes += bytes->size();
    if (batch_files >= kBatchFiles || batch_bytes >= kBatchBytes) {
      if (Status c = (*index)->Commit(); !c.ok()) {
        *exit = ReportError(c);
        return false;
      }
      batch_files = 0;
      batch_bytes = 0;
    }
    return true;
  };
  base::FileSystem& fs = base::FileSystem::Default();
  for (size_t i = 0; i < inputs.size(); ++i) {
    const InputFile& in = inputs[i];
    Result<Format> format = options.input_format.empty() ? FormatFromPath(in.path) : Result<Format>(forced);
    int exit = kExitPass;
    if (format && *format == Format::kJsonLines && FileSize(in.path) > kJsonLinesPartBytes) {
      // A large feed, in parts of whole lines: memory stays bounded.
      Result<std::unique_ptr<LinePartReader>> reader =
          LinePartReader::Open(in.path, kJsonLinesPartBytes, kMaxInputBytes);
      if (!reader) {
        if (!add(in, format, reader.status(), FilePart{}, &exit)) return exit;
        continue;
      }
      const int skipped_before = skipped;
      uint64_t records = 0;
      std::string part_bytes;
      FilePart part;
      while (true) {
        Result<bool> more = (*reader)->Next(&part_bytes, &part);
        if (more && !*more) break;
        const uint64_t before = summary.added + summary.replaced + summary.unchanged;
        part.records_before = records;
        Result<std::string> bytes = more ? Result<std::string>(std::move(part_bytes))
                                         : Result<std::string>(more.status());
        if (!add(in, format, std::move(bytes), part, &exit)) return exit;
        records += summary.added + summary.replaced + summary.unchanged - before;
        if (!more) break;
        progress.Update(i, read_bytes);
      }
      // A file counts once among the skipped, however many parts failed.
      if (skipped > skipped_before) skipped = skipped_before + 1;
    } else {
      Result<std::string> bytes = fs.ReadFile(in.path, kMaxInputBytes);
      if (!add(in, format, std::move(bytes), FilePart{}, &exit)) return exit;
    }
    progress.Update(i + 1, read_bytes);
  }
  if (Status c = (*index)->Commit(); !c.ok()) return ReportError(c);
  progress.Finish();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Result<IndexStats> stats = (*index)->Stats();
  if (!stats) return ReportError(stats.status());
  char line[512];
  std::snprintf(line, sizeof line,
                "read %zu files (%llu added, %llu replaced, %llu unchanged; skipped: %d files, "
                "%d records%s), %s in %.2f s\nindex %s: %llu documents, digest %s\n",
                inputs.size() - skipped, static_cast<unsigned long long>(summary.added),
                static_cast<unsigned long long>(summary.replaced),
                static_cast<unsigned long long>(summary.unchanged), skipped, skipped_records,
                unlisted.empty() ? "" : (", " + std::to_string(unlisted.size()) + " folders").c_str(),
                HumanBytes(summary.bytes).c_str(), seconds, options.index_dir.c_str(),
                static_cast<unsigned long long>(stats->documents), stats->digest.c_str());
  WriteStdout(line);
  return skipped + skipped_records + unlisted.size() > 0 ? kExitError : kExitPass;
}

int RunIndexRemove(const IndexRemoveOptions& options) {
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadWrite);
  if (!index) return ReportError(index.status());
  for (const std::string& id : options.ids) {
    // Nothing is committed unless every id is removed.
    if (Status s = (*index)->Remove(id); !s.ok()) return ReportError(s);
  }
  if (Status s = (*index)->Commit(); !s.ok()) return ReportError(s);
  WriteStdout("removed " + std::to_string(options.ids.size()) + " documents from " +
              options.index_dir + "\n");
  return kExitPass;
}

int RunIndexList(const IndexReadOptions& options) {
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
  if (!index) return ReportError(index.status());
  Result<std::vector<IndexedDocument>> docs = (*index)->List();
  if (!docs) return ReportError(docs.status());
  std::string out;
  for (const IndexedDocument& d : *docs) {
    if (options.format == "json") {
      report::JsonValue o = report::JsonValue::EmptyObject();
      o.Set("id", d.meta.id);
      o.Set("title", d.meta.title);
      o.Set("publisher", d.meta.publisher);
      o.Set("date", d.meta.date);
      o.Set("path", d.path);
      o.Set("sha256", d.sha256);
      o.Set("bytes", d.bytes);
      o.Set("words", d.words);
      out += o.Canonical() + "\n";
    } else {
      out += d.meta.id + "\t" + d.meta.publisher + "\t" + d.meta.date + "\t" + d.meta.title + "\n";
    }
  }
  WriteStdout(out);
  return kExitPass;
}

int RunIndexStats(const IndexReadOptions& options) {
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
  if (!index) return ReportError(index.status());
  Result<IndexStats> st = (*index)->Stats();
  if (!st) return ReportError(st.status());
  if (options.format == "json") {
    report::JsonValue o = report::JsonValue::EmptyObject();
    o.Set("path", options.index_dir);
    o.Set("id", st->id);
    o.Set("digest", st->digest);
    o.Set("documents", st->documents);
    o.Set("fingerprints", st->fingerprints);
    o.Set("text_bytes", st->text_bytes);
    o.Set("disk_bytes", st->disk_bytes);
    report::JsonValue& s = o.Set("settings", report::JsonValue::EmptyObject());
    s.Set("shingle_words", st->settings.shingle_words);
    s.Set("window", st->settings.window);
    s.Set("max_postings", st->settings.max_postings);
    s.Set("stem_shingle_words", st->settings.stem_shingle_words);
    s.Set("stem_window", st->settings.stem_window);
    WriteStdout(o.Canonical() + "\n");
    return kExitPass;
  }
  char buf[1024];
  std::snprintf(buf, sizeof buf,
                "index         %s\nid            %s\ndigest        %s\ndocuments     %llu\n"
                "fingerprints  %llu\ntext          %s\non disk       %s\n"
                "settings      k=%u words, window=%u, max postings=%u (finds any run of %u+ words);\n"
                "              stem shingles of %u content words, window=%u\n",
                options.index_dir.c_str(), st->id.c_str(), st->digest.c_str(),
                static_cast<unsigned long long>(st->documents),
                static_cast<unsigned long long>(st->fingerprints), HumanBytes(st->text_bytes).c_str(),
                HumanBytes(st->disk_bytes).c_str(), st->settings.shingle_words, st->settings.window,
                st->settings.max_postings, st->settings.shingle_words + st->settings.window - 1,
                st->settings.stem_shingle_words, st->settings.stem_window);
  WriteStdout(buf);
  return kExitPass;
}

int RunIndexVerify(const IndexReadOptions& options) {
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kReadOnly);
  if (!index) return ReportError(index.status());
  Status s = (*index)->Verify();
  if (!s.ok()) {
    ReportError(s);
    // A damaged index is a digest that did not verify.
    return s.code() == StatusCode::kCorruption ? kExitNotVerified : ExitCodeFor(s);
  }
  Result<IndexStats> st = (*index)->Stats();
  if (!st) return ReportError(st.status());
  WriteStdout("index " + options.index_dir + ": ok (" + std::to_string(st->documents) +
              " documents, " + std::to_string(st->fingerprints) + " fingerprints, digest " +
              st->digest + ")\n");
  return kExitPass;
}

}  // namespace provcheck::cli
