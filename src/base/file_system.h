// FileSystem: the one door to files, so tests can inject faults (LevelDB's
// Env is the model).
//
// Owns: reading files, listing folders, writing files atomically. Knows
// nothing of formats or the index.
//
// Thread-safety: the default implementation is stateless and thread-safe.
#ifndef PROVCHECK_SRC_BASE_FILE_SYSTEM_H_
#define PROVCHECK_SRC_BASE_FILE_SYSTEM_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "provcheck/result.h"

namespace provcheck::base {

enum class PathKind { kMissing, kFile, kDirectory, kOther };

// Fsyncs the folder holding `path`, so a file created or renamed there
// survives power loss. Best effort: a folder that cannot be opened is skipped.
void SyncParentFolder(const std::string& path);

// A file being written, appended to in order. Nothing is durable before
// Sync() returns Ok; Close() does not sync.
class WritableFile {
 public:
  virtual ~WritableFile() = default;
  virtual Status Append(std::string_view data) = 0;
  virtual Status Sync() = 0;
  virtual Status Close() = 0;
};

// A regular file open for reading, and its size when opened. The caller
// closes `fd`.
struct OpenedFile {
  int fd;
  uint64_t size;
};

// Opens `path` for reading without blocking: a FIFO, device or socket is
// refused at once (the check is made on the open descriptor), never waited
// on. Fails with kNotFound (missing), kInvalidInput ("<path>: a FIFO (named
// pipe), expected a regular file", a folder, ...) or kIOError, naming `path`.
Result<OpenedFile> OpenRegularFile(const std::string& path);

// Reads `fd` until `data` is full or the file ends, and shrinks `data` to
// what was read. Returns 0, or the errno of the read that failed.
int ReadFully(int fd, std::string* data);

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  // The process-wide POSIX implementation.
  static FileSystem& Default();

  virtual PathKind Kind(const std::string& path) = 0;

  // Reads a whole regular file. Fails with kNotFound (missing),
  // kInvalidInput (a folder, FIFO, device or socket: refused at once, never
  // waited on; see OpenRegularFile) or kIOError, naming `path`.
  // Files larger than `max_bytes` fail with kResourceLimit.
  virtual Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) = 0;

  // Lists the regular files under `dir`, recursively, sorted by path, skipping
  // names that start with '.'. Symbolic links to folders are not followed
  // (no loops); links to files are listed. A sub-folder that cannot be
  // listed fails the whole listing, unless `unlisted` is given: then its
  // error is appended there and the rest is listed.
  virtual Result<std::vector<std::string>> ListFilesRecursive(
      const std::string& dir, std::vector<Status>* unlisted = nullptr) = 0;

  // Writes `data` to `path` so that after a crash or power loss the file holds
  // either its old content or all of `data`: temp file, fsync, rename, fsync
  // of the folder. `mode` is the new file's permission bits. A path that is
  // a device, FIFO or socket is written in place, not replaced.
  // Built on the primitives below.
  Status WriteFileAtomically(const std::string& path, std::string_view data, uint32_t mode);

  // Creates `dir` (and missing parents). Ok if it exists.
  virtual Status CreateDirectories(const std::string& dir) = 0;

  // --- The primitives the index writes its files with (LevelDB's Env): a
  // fault-injecting implementation can fail any one of them, or drop what
  // was not synced, to play a power cut.

  // Creates (or truncates) `path` for writing.
  virtual Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                                uint32_t mode) = 0;
  // Renames `from` to `to` (replacing it) and fsyncs the folder holding `to`.
  virtual Status RenameFile(const std::string& from, const std::string& to) = 0;
  // Removes a file; Ok if it does not exist.
  virtual Status RemoveFile(const std::string& path) = 0;
  // The names (not paths) of the entries of `dir`, unsorted, without "." and "..".
  virtual Result<std::vector<std::string>> ListFolder(const std::string& dir) = 0;

  // `path` made absolute with every symbolic link, "." and ".." resolved
  // (realpath(3)). kNotFound when it does not exist, kIOError otherwise.
  virtual Result<std::string> RealPath(const std::string& path);
};

// Where `path` (absolute, or relative to `folder`) leads once resolved
// (FileSystem::RealPath), provided that is `folder` or lies inside it
// (resolved likewise), so neither "..", an absolute path nor a symbolic link
// reaches anything outside. Fails with kNotFound when the path does not
// exist, and with kInvalidInput "leads outside FOLDER" (naming the folder,
// never where the path really leads) when it is outside. `folder` ""
// means the working directory.
Result<std::string> ResolveInside(FileSystem& fs, const std::string& folder,
                                  const std::string& path);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_FILE_SYSTEM_H_
