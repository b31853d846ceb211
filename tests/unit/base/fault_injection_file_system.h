// FaultInjectionFileSystem: a FileSystem for tests that fails chosen
// operations and plays power cuts, after LevelDB's FaultInjectionTestEnv.
//
// It wraps another FileSystem (the real disk by default) and forwards every
// call. The mutating operations are counted, from 0, in the order they are
// called: creating a file (NewWritableFile), Append, Sync and Close on a file
// it created, RenameFile and RemoveFile. Reads, listings and
// CreateDirectories are forwarded and never counted or failed.
//
// Faults. FailOperation(n) makes operation n fail with kIOError
// "PATH: injected fault in OP", once, doing nothing. FailOperationsFrom(n)
// fails n and every later one: a device that died, or, followed by
// SimulatePowerLoss(), a machine that lost power just before operation n.
//
// Power loss. The wrapper records, per file it writes, how many bytes were
// appended and how many of them the last Sync() made durable, and which
// names are durable in their folder. SimulatePowerLoss() then changes the
// real disk to what a power cut would leave:
//   - a file with bytes appended after its last Sync() is truncated to the
//     synced length (appends are in order, so that is the synced prefix);
//   - a file created since tracking began whose name is not durable is
//     removed. A name becomes durable when the file is synced (ext4 and XFS
//     commit the entry with the file) or when its folder is synced;
//   - RenameFile is durable at once: it fsyncs the folder holding the new
//     name, which also makes every other name in that folder durable;
//   - RemoveFile of a durable name is not durable until that folder is
//     synced: the file comes back, with the content it had durably.
// Writes that bypass this interface (SQLite's own I/O, SyncParentFolder)
// are not seen. The model is per path: hard links and folder renames are
// out of scope. After SimulatePowerLoss() the recorded state is cleared, as
// after a reboot, and faults are cleared too.
//
// Thread-safety: all methods may be called from several threads; one mutex
// guards the state. Files it hands out share that state.
#ifndef PROVCHECK_TESTS_UNIT_BASE_FAULT_INJECTION_FILE_SYSTEM_H_
#define PROVCHECK_TESTS_UNIT_BASE_FAULT_INJECTION_FILE_SYSTEM_H_

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/file_system.h"

namespace provcheck::testing {

class FaultInjectionFileSystem final : public base::FileSystem {
 public:
  enum class Op { kCreate, kAppend, kSync, kClose, kRename, kRemove };

  // One mutating operation, as it was attempted.
  struct Operation {
    Op op;
    std::string path;  // for a rename, the new name
    bool failed;       // an injected fault
  };

  // What the wrapper knows of one file it wrote.
  struct FileState {
    uint64_t size = 0;         // bytes appended since it was created
    uint64_t synced_size = 0;  // of which durable
    bool name_durable = false;
  };

  // REQUIRES: `target` outlives this object.
  explicit FaultInjectionFileSystem(base::FileSystem& target = base::FileSystem::Default());
  ~FaultInjectionFileSystem() override;

  // Operation `n` (counting from 0 since construction or the last power
  // loss) fails once; others are unaffected.
  void FailOperation(uint64_t n);
  // Operation `n` and all later ones fail.
  void FailOperationsFrom(uint64_t n);
  void ClearFaults();

  // How many mutating operations were attempted, and each in order.
  uint64_t operation_count() const;
  std::vector<Operation> operations() const;
  // The recorded state of `path`, if this wrapper wrote it since tracking began.
  std::optional<FileState> file_state(const std::string& path) const;

  // Applies a power cut to the real disk as described above, then forgets
  // all recorded state and faults. Files still open must not be used after.
  // Returns the first error the target reported while doing so.
  Status SimulatePowerLoss();

  // base::FileSystem.
  base::PathKind Kind(const std::string& path) override;
  Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) override;
  Result<std::vector<std::string>> ListFilesRecursive(const std::string& dir,
                                                      std::vector<Status>* unlisted) override;
  Status CreateDirectories(const std::string& dir) override;
  Result<std::unique_ptr<base::WritableFile>> NewWritableFile(const std::string& path,
                                                              uint32_t mode) override;
  Status RenameFile(const std::string& from, const std::string& to) override;
  Status RemoveFile(const std::string& path) override;
  Result<std::vector<std::string>> ListFolder(const std::string& dir) override;

 private:
  class File;
  friend class File;

  // One file this wrapper created, shared with its open File handle, which
  // keeps updating it after a rename moves it to another name.
  struct Tracked {
    FileState state;
    std::string path;  // its current name
    uint32_t mode = 0644;
  };

  // Counts one operation; returns the injected fault, or Ok to go ahead.
  Status Begin(Op op, const std::string& path);
  void RecordAppend(Tracked& file, uint64_t bytes);
  void RecordSync(Tracked& file);
  // REQUIRES: mu_ held. Makes every name in the folder of `path` durable.
  void SyncFolderLocked(const std::string& path);
  // Rewrites `path` on the target to its first `bytes` bytes.
  Status TruncateOnTarget(const std::string& path, uint64_t bytes, uint32_t mode);

  base::FileSystem& target_;
  mutable std::mutex mu_;
  uint64_t count_ = 0;
  std::optional<uint64_t> fail_once_;
  std::optional<uint64_t> fail_from_;
  std::vector<Operation> log_;
  std::map<std::string, std::shared_ptr<Tracked>> files_;
  // Removed names whose removal is not yet durable: the content to restore.
  std::map<std::string, std::string> removed_;
};

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_UNIT_BASE_FAULT_INJECTION_FILE_SYSTEM_H_
