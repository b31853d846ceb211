// Feeding a corpus into an index: files, folders and JSON Lines feeds added
// in batches, each batch committed, so an interrupted or failed run keeps
// every finished batch whole and loses nothing of the index before it.
// What `provcheck index add` does; a server's document feed calls the same.
//
// Bad input (a file that does not read, a bad JSON Lines record, a folder
// that cannot be listed) is reported through FeedObserver::skipped and the
// rest is added; the index itself failing stops the feed.
//
// Thread-safety: uses the Index, which is not thread-safe; the observer is
// called on the calling thread.
#ifndef PROVCHECK_INCLUDE_PROVCHECK_CORPUS_FEED_H_
#define PROVCHECK_INCLUDE_PROVCHECK_CORPUS_FEED_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "provcheck/document.h"
#include "provcheck/index.h"
#include "provcheck/result.h"
#include "provcheck/status.h"

namespace provcheck {

struct FeedOptions {
  // Every file read in this format; none: by extension (and in folders only
  // files of a known extension).
  std::optional<Format> format;
  // A batch commits after this many files or bytes. Each commit costs a
  // pass over the catalog (the digest) and a segment to merge later, so a
  // large feed commits every 256 MB rather than every 64 (78 commits at a
  // million articles became 20); memory stays bounded by the staged
  // postings (about 180 MB a batch). The file count is a backstop only: at
  // 512 files, a folder of 100,000 articles made 196 commits, each with a
  // digest pass over every document so far, and indexed in 36.4 s instead
  // of 17.8 s (bench/RESULTS.md).
  size_t batch_files = 65536;
  uint64_t batch_bytes = uint64_t{256} << 20;
  // Files larger than this are refused (a corpus file, not a disk image)...
  uint64_t max_file_bytes = uint64_t{1} << 30;
  // ... except JSON Lines larger than this, read in parts of whole lines of
  // about this size: memory stays bounded however large the feed, and the
  // fingerprinting workers are busy with one part while the next is parsed
  // (8 MB, not 64: 20k articles index in 2.8 s instead of 3.0, in half the
  // memory). Parts go into batches as files do.
  uint64_t jsonl_part_bytes = uint64_t{8} << 20;
};

// A file to add and the id its article gets when it names none: its path
// under the folder given (or its name) without the extension, bytes that are
// not UTF-8 written %XX.
struct CorpusFile {
  std::string path;
  std::string default_id;
};

struct FeedProgress {
  size_t files_done = 0, files_total = 0;
  uint64_t bytes_read = 0;
};

struct FeedObserver {
  // A file, record or folder skipped, with why (its own error).
  std::function<void(const Status&)> skipped;
  std::function<void(const FeedProgress&)> progress;
};

struct FeedResult {
  AddSummary summary;  // added, replaced, unchanged, bytes (skipped_records emptied)
  size_t files = 0;    // files read (listed minus skipped)
  size_t files_skipped = 0, records_skipped = 0, folders_skipped = 0;
  bool clean() const { return files_skipped + records_skipped + folders_skipped == 0; }
};

// The files of `paths` (files as given, folders expanded recursively).
// Fails with kNotFound for a path that does not exist and with the folder's
// error for a folder given that cannot be listed; sub-folders that cannot
// be listed are reported through observer.skipped and counted in
// *folders_skipped.
Result<std::vector<CorpusFile>> ListCorpusFiles(const std::vector<std::string>& paths,
                                                const FeedOptions& options,
                                                const FeedObserver& observer,
                                                size_t* folders_skipped);

// Adds `files` to `index`, committing every batch and at the end. Returns
// what was added and skipped; fails with the index's error when the index
// itself fails (every batch committed before that stays, and the message
// says so).
Result<FeedResult> AddCorpusFiles(Index& index, const std::vector<CorpusFile>& files,
                                  const FeedOptions& options, const FeedObserver& observer);

}  // namespace provcheck

#endif  // PROVCHECK_INCLUDE_PROVCHECK_CORPUS_FEED_H_
