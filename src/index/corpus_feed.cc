// provcheck/corpus_feed.h: the batching and commit policy of adding a
// corpus, and large JSON Lines feeds read in parts.
#include "provcheck/corpus_feed.h"

#include <sys/stat.h>

#include <utility>

#include "base/file_system.h"
#include "base/utf8.h"
#include "index/line_parts.h"
#include "index/partwise_index.h"

namespace provcheck {
namespace {

std::string StripExtension(const std::string& s) {
  const size_t slash = s.rfind('/');
  const size_t dot = s.rfind('.');
  if (dot == std::string::npos || (slash != std::string::npos && dot < slash)) return s;
  return s.substr(0, dot);
}

// 0 when it cannot be told: the file is then read whole, and fails there.
uint64_t FileSize(const std::string& path) {
  struct stat st;
  return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode) ? static_cast<uint64_t>(st.st_size)
                                                               : 0;
}

// Bad input is skipped, a file that cannot be read (no permission, an I/O
// error) included; anything else is the index failing.
bool IsBadInput(const Status& s) {
  return s.code() == StatusCode::kInvalidInput || s.code() == StatusCode::kNotFound ||
         s.code() == StatusCode::kResourceLimit;
}

// One feed: the index, the running batch and the counts.
class Feed {
 public:
  Feed(Index& index, const FeedOptions& options, const FeedObserver& observer)
      : index_(index),
        partwise_(dynamic_cast<index::PartwiseIndex*>(&index)),
        options_(options),
        observer_(observer) {}

  // Whether a JSON Lines file this large goes in parts (else whole).
  bool InParts(uint64_t bytes) const {
    return partwise_ != nullptr && bytes > options_.jsonl_part_bytes;
  }

  // Adds one file (or one part of a large JSON Lines file). Returns false
  // with *stop set when the index failed; true when the bytes were added or
  // skipped as bad input (*bad set).
  bool Add(const CorpusFile& in, Format format, Result<std::string> bytes,
           const text::FilePart& part, bool* bad, Status* stop);
  Status AddFile(const CorpusFile& in, size_t i, Status* stop);

  FeedResult& result() { return result_; }
  uint64_t bytes_read() const { return bytes_read_; }

 private:
  void Skip(const Status& s) {
    if (observer_.skipped) observer_.skipped(s);
  }

  Index& index_;
  index::PartwiseIndex* partwise_;  // null: an Index that takes files whole
  const FeedOptions& options_;
  const FeedObserver& observer_;
  FeedResult result_;
  size_t batch_files_ = 0;
  uint64_t batch_bytes_ = 0, bytes_read_ = 0;
};

bool Feed::Add(const CorpusFile& in, Format format, Result<std::string> bytes,
               const text::FilePart& part, bool* bad, Status* stop) {
  *bad = false;
  Status s = !bytes      ? bytes.status()
             : partwise_ ? partwise_->AddFilePart(in.path, *bytes, format, in.default_id,
                                                  &result_.summary, part)
                         : index_.AddFile(in.path, *bytes, format, in.default_id, &result_.summary);
  for (const Status& e : result_.summary.skipped_records) Skip(e);
  result_.records_skipped += result_.summary.skipped_records.size();
  result_.summary.skipped_records.clear();
  if (!s.ok()) {
    if (bytes && !IsBadInput(s)) {
      *stop = Status(s.code(),
                     s.message() + " (stopped; the index keeps every batch committed before this)");
      return false;
    }
    Skip(s);
    *bad = true;
    return true;
  }
  ++batch_files_;
  batch_bytes_ += bytes->size();
  bytes_read_ += bytes->size();
  if (batch_files_ >= options_.batch_files || batch_bytes_ >= options_.batch_bytes) {
    if (Status c = index_.Commit(); !c.ok()) {
      *stop = c;
      return false;
    }
    batch_files_ = 0;
    batch_bytes_ = 0;
  }
  return true;
}

}  // namespace

Result<std::vector<CorpusFile>> ListCorpusFiles(const std::vector<std::string>& paths,
                                                const FeedOptions& options,
                                                const FeedObserver& observer,
                                                size_t* folders_skipped) {
  base::FileSystem& fs = base::FileSystem::Default();
  std::vector<CorpusFile> out;
  std::vector<Status> unlisted;
  for (const std::string& path : paths) {
    const base::PathKind kind = fs.Kind(path);
    if (kind == base::PathKind::kMissing) {
      return Status::NotFound(path + ": no such file or folder");
    }
    if (kind == base::PathKind::kDirectory) {
      PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> files,
                                 fs.ListFilesRecursive(path, &unlisted));
      std::string root = path;
      while (root.size() > 1 && root.back() == '/') root.pop_back();
      for (const std::string& f : files) {
        if (!options.format && !FormatFromPath(f)) continue;  // images, notes: not articles
        out.push_back(
            {f, base::PercentEncodeInvalidUtf8(StripExtension(f.substr(root.size() + 1)))});
      }
    } else {
      const size_t slash = path.rfind('/');
      out.push_back({path, base::PercentEncodeInvalidUtf8(StripExtension(
                               slash == std::string::npos ? path : path.substr(slash + 1)))});
    }
  }
  for (const Status& s : unlisted) {
    if (observer.skipped) observer.skipped(s);
  }
  if (folders_skipped) *folders_skipped = unlisted.size();
  return out;
}

Result<FeedResult> AddCorpusFiles(Index& index, const std::vector<CorpusFile>& files,
                                  const FeedOptions& options, const FeedObserver& observer) {
  Feed feed(index, options, observer);
  FeedResult& result = feed.result();
  base::FileSystem& fs = base::FileSystem::Default();
  auto progress = [&](size_t done) {
    if (observer.progress) observer.progress({done, files.size(), feed.bytes_read()});
  };
  for (size_t i = 0; i < files.size(); ++i) {
    const CorpusFile& in = files[i];
    Status stop;
    bool bad = false;
    Result<Format> format =
        options.format ? Result<Format>(*options.format) : FormatFromPath(in.path);
    if (!format) {
      if (observer.skipped) observer.skipped(format.status());
      ++result.files_skipped;
      progress(i + 1);
      continue;
    }
    if (*format == Format::kJsonLines && feed.InParts(FileSize(in.path))) {
      // A large feed, in parts of whole lines: memory stays bounded.
      Result<std::unique_ptr<index::LinePartReader>> reader =
          index::LinePartReader::Open(in.path, options.jsonl_part_bytes, options.max_file_bytes);
      if (!reader) {
        if (!feed.Add(in, *format, reader.status(), text::FilePart{}, &bad, &stop)) return stop;
        result.files_skipped += bad;
        progress(i + 1);
        continue;
      }
      bool any_bad = false;
      uint64_t records = 0;
      std::string part_bytes;
      text::FilePart part;
      while (true) {
        Result<bool> more = (*reader)->Next(&part_bytes, &part);
        if (more && !*more) break;
        const AddSummary& s = result.summary;
        const uint64_t before = s.added + s.replaced + s.unchanged;
        part.records_before = records;
        Result<std::string> bytes =
            more ? Result<std::string>(std::move(part_bytes)) : Result<std::string>(more.status());
        if (!feed.Add(in, *format, std::move(bytes), part, &bad, &stop)) return stop;
        any_bad = any_bad || bad;
        records += s.added + s.replaced + s.unchanged - before;
        if (!more) break;
        progress(i);
      }
      result.files_skipped += any_bad;  // a file counts once, however many parts failed
    } else {
      Result<std::string> bytes = fs.ReadFile(in.path, options.max_file_bytes);
      if (!feed.Add(in, *format, std::move(bytes), text::FilePart{}, &bad, &stop)) return stop;
      result.files_skipped += bad;
    }
    progress(i + 1);
  }
  PROVCHECK_RETURN_IF_ERROR(index.Commit());
  result.files = files.size() - result.files_skipped;
  return result;
}

}  // namespace provcheck
