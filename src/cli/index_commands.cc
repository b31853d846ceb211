#include <sys/stat.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>

#include "base/file_system.h"
#include "base/utf8.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/progress.h"
#include "index/pg_shards.h"
#include "provcheck/corpus_feed.h"
#include "provcheck/index.h"
#include "report/json_writer.h"
#include "server/index_stats_json.h"

namespace provcheck::cli {
namespace {

std::string HumanBytes(uint64_t b) {
  char buf[32];
  if (b >= 1000000)
    std::snprintf(buf, sizeof buf, "%.1f MB", b / 1e6);
  else if (b >= 1000)
    std::snprintf(buf, sizeof buf, "%.1f KB", b / 1e3);
  else
    std::snprintf(buf, sizeof buf, "%llu bytes", static_cast<unsigned long long>(b));
  return buf;
}

}  // namespace

std::string ResolveIndexDir(const std::string& flag) {
  if (!flag.empty()) return flag;
  if (const char* env = std::getenv("PROVCHECK_INDEX"); env != nullptr && *env) return env;
  return ".provcheck";
}

// The batching and commit policy are the library's (provcheck/corpus_feed.h);
// this prints what it reports.
int RunIndexAdd(const IndexAddOptions& options) {
  FeedOptions feed;
  if (options.batch_files > 0) feed.batch_files = options.batch_files;
  if (!options.input_format.empty()) {
    Result<Format> f = ParseFormatName(options.input_format);
    if (!f) return ReportError(f.status());
    feed.format = *f;
  }
  std::unique_ptr<Progress> progress;
  FeedObserver observer;
  observer.skipped = [&](const Status& s) {
    if (progress) progress->Finish();
    ReportError(s);
  };
  observer.progress = [&](const FeedProgress& p) {
    if (progress) progress->Update(p.files_done, p.bytes_read);
  };
  size_t folders_skipped = 0;
  Result<std::vector<CorpusFile>> files =
      ListCorpusFiles(options.paths, feed, observer, &folders_skipped);
  if (!files) return ReportError(files.status());
  Result<std::unique_ptr<Index>> index = Index::Open(options.index_dir, Index::Mode::kCreate);
  if (!index) return ReportError(index.status());
  (*index)->SetThreads(options.threads);
  (*index)->SetNulAsSpace(options.text);

  const auto start = std::chrono::steady_clock::now();
  if (!options.quiet) progress = std::make_unique<Progress>(files->size());
  Result<FeedResult> result = AddCorpusFiles(**index, *files, feed, observer);
  if (progress) progress->Finish();
  if (!result) return ReportError(result.status());
  result->folders_skipped = folders_skipped;
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  Result<IndexStats> stats = (*index)->Stats();
  if (!stats) return ReportError(stats.status());
  const AddSummary& summary = result->summary;
  char line[512];
  std::snprintf(
      line, sizeof line,
      "read %zu files (%llu added, %llu replaced, %llu unchanged; skipped: %zu files, "
      "%zu records%s), %s in %.2f s\nindex %s: %llu documents, digest %s\n",
      result->files, static_cast<unsigned long long>(summary.added),
      static_cast<unsigned long long>(summary.replaced),
      static_cast<unsigned long long>(summary.unchanged), result->files_skipped,
      result->records_skipped,
      folders_skipped == 0 ? "" : (", " + std::to_string(folders_skipped) + " folders").c_str(),
      HumanBytes(summary.bytes).c_str(), seconds, IndexDisplayName(options.index_dir).c_str(),
      static_cast<unsigned long long>(stats->documents), stats->digest.c_str());
  if (!options.quiet) WriteStdout(line);
  return result->clean() ? kExitPass : kExitError;
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
              IndexDisplayName(options.index_dir) + "\n");
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
      // Corpus text: control characters escaped (one line per document).
      out += base::EscapeControlCharacters(d.meta.id + "\t" + d.meta.publisher + "\t" +
                                           d.meta.date + "\t" + d.meta.title) +
             "\n";
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
    report::JsonValue o = server::IndexStatsJson(*st);
    o.Set("path", IndexDisplayName(options.index_dir));
    WriteStdout(o.Canonical() + "\n");
    return kExitPass;
  }
  char buf[1024];
  std::snprintf(
      buf, sizeof buf,
      "index         %s\nid            %s\ndigest        %s\ndocuments     %llu\n"
      "fingerprints  %llu\ntext          %s\non disk       %s\nword breaks   ICU %s\n"
      "settings      k=%u words, window=%u, max postings=%u (finds any run of %u+ words);\n"
      "              stem shingles of %u content words, window=%u\n",
      IndexDisplayName(options.index_dir).c_str(), st->id.c_str(), st->digest.c_str(),
      static_cast<unsigned long long>(st->documents),
      static_cast<unsigned long long>(st->fingerprints), HumanBytes(st->text_bytes).c_str(),
      HumanBytes(st->disk_bytes).c_str(),
      st->icu_version.empty() ? "(not recorded)" : st->icu_version.c_str(), st->settings.shingle_words, st->settings.window,
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
  WriteStdout("index " + IndexDisplayName(options.index_dir) + ": ok (" + std::to_string(st->documents) +
              " documents, " + std::to_string(st->fingerprints) + " fingerprints, digest " +
              st->digest + ")\n");
  return kExitPass;
}

int RunIndexShardAdd(const IndexShardAddOptions& options) {
  if (!IsDatabaseIndexName(options.index_dir)) {
    return ReportError(Status::InvalidArgument(
        options.index_dir + ": shards need a PostgreSQL router index (--index postgresql://...)"));
  }
  index::pg::ShardReport report;
  if (Status s = index::pg::AddShards(options.index_dir, options.shards, &report); !s.ok()) {
    return ReportError(s);
  }
  WriteStdout("index " + IndexDisplayName(options.index_dir) + ": " +
              std::to_string(report.shards) + " shards, " + std::to_string(report.moved) +
              " documents moved, " + std::to_string(report.documents) + " documents\n");
  return kExitPass;
}

}  // namespace provcheck::cli
