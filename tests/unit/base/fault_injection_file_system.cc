#include "unit/base/fault_injection_file_system.h"

#include <limits>
#include <utility>

namespace provcheck::testing {
namespace {

constexpr uint64_t kNoLimit = std::numeric_limits<uint64_t>::max();
constexpr uint32_t kRestoredMode = 0644;  // a restored file's mode is not known

const char* OpName(FaultInjectionFileSystem::Op op) {
  switch (op) {
    case FaultInjectionFileSystem::Op::kCreate:
      return "create";
    case FaultInjectionFileSystem::Op::kAppend:
      return "append";
    case FaultInjectionFileSystem::Op::kSync:
      return "sync";
    case FaultInjectionFileSystem::Op::kClose:
      return "close";
    case FaultInjectionFileSystem::Op::kRename:
      return "rename";
    case FaultInjectionFileSystem::Op::kRemove:
      return "remove";
  }
  return "?";
}

std::string FolderOf(const std::string& path) {
  size_t slash = path.rfind('/');
  if (slash == std::string::npos) return ".";
  return slash == 0 ? "/" : path.substr(0, slash);
}

Status WriteOnTarget(base::FileSystem& fs, const std::string& path, std::string_view data,
                     uint32_t mode) {
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<base::WritableFile> file,
                             fs.NewWritableFile(path, mode));
  PROVCHECK_RETURN_IF_ERROR(file->Append(data));
  PROVCHECK_RETURN_IF_ERROR(file->Sync());
  return file->Close();
}

}  // namespace

// A file being written through the wrapper: each call is counted (and may
// fail) before it reaches the target's file.
class FaultInjectionFileSystem::File final : public base::WritableFile {
 public:
  File(FaultInjectionFileSystem* fs, std::unique_ptr<base::WritableFile> target,
       std::shared_ptr<Tracked> tracked)
      : fs_(fs), target_(std::move(target)), tracked_(std::move(tracked)) {}

  Status Append(std::string_view data) override {
    PROVCHECK_RETURN_IF_ERROR(fs_->Begin(Op::kAppend, Path()));
    PROVCHECK_RETURN_IF_ERROR(target_->Append(data));
    fs_->RecordAppend(*tracked_, data.size());
    return Status::Ok();
  }
  Status Sync() override {
    PROVCHECK_RETURN_IF_ERROR(fs_->Begin(Op::kSync, Path()));
    PROVCHECK_RETURN_IF_ERROR(target_->Sync());
    fs_->RecordSync(*tracked_);
    return Status::Ok();
  }
  Status Close() override {
    PROVCHECK_RETURN_IF_ERROR(fs_->Begin(Op::kClose, Path()));
    return target_->Close();
  }

 private:
  std::string Path() const {
    std::lock_guard<std::mutex> lock(fs_->mu_);
    return tracked_->path;
  }

  FaultInjectionFileSystem* fs_;
  std::unique_ptr<base::WritableFile> target_;
  std::shared_ptr<Tracked> tracked_;
};

FaultInjectionFileSystem::FaultInjectionFileSystem(base::FileSystem& target) : target_(target) {}
FaultInjectionFileSystem::~FaultInjectionFileSystem() = default;

void FaultInjectionFileSystem::FailOperation(uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_once_ = n;
}

void FaultInjectionFileSystem::FailOperationsFrom(uint64_t n) {
  std::lock_guard<std::mutex> lock(mu_);
  fail_from_ = n;
}

void FaultInjectionFileSystem::ClearFaults() {
  std::lock_guard<std::mutex> lock(mu_);
  fail_once_.reset();
  fail_from_.reset();
}

uint64_t FaultInjectionFileSystem::operation_count() const {
  std::lock_guard<std::mutex> lock(mu_);
  return count_;
}

std::vector<FaultInjectionFileSystem::Operation> FaultInjectionFileSystem::operations() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

std::optional<FaultInjectionFileSystem::FileState> FaultInjectionFileSystem::file_state(
    const std::string& path) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return std::nullopt;
  return it->second->state;
}

Status FaultInjectionFileSystem::Begin(Op op, const std::string& path) {
  std::lock_guard<std::mutex> lock(mu_);
  const uint64_t n = count_++;
  const bool fail = (fail_once_ && *fail_once_ == n) || (fail_from_ && n >= *fail_from_);
  log_.push_back({op, path, fail});
  if (!fail) return Status::Ok();
  return Status::IOError(path + ": injected fault in " + OpName(op));
}

void FaultInjectionFileSystem::RecordAppend(Tracked& file, uint64_t bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  file.state.size += bytes;
}

void FaultInjectionFileSystem::RecordSync(Tracked& file) {
  std::lock_guard<std::mutex> lock(mu_);
  file.state.synced_size = file.state.size;
  file.state.name_durable = true;
  // The name now durably points at this file: an earlier removal of it
  // cannot be undone by a power cut.
  removed_.erase(file.path);
}

void FaultInjectionFileSystem::SyncFolderLocked(const std::string& path) {
  const std::string folder = FolderOf(path);
  for (auto& [name, tracked] : files_) {
    if (FolderOf(name) == folder) tracked->state.name_durable = true;
  }
  for (auto it = removed_.begin(); it != removed_.end();) {
    it = FolderOf(it->first) == folder ? removed_.erase(it) : std::next(it);
  }
}

Result<std::unique_ptr<base::WritableFile>> FaultInjectionFileSystem::NewWritableFile(
    const std::string& path, uint32_t mode) {
  PROVCHECK_RETURN_IF_ERROR(Begin(Op::kCreate, path));
  const bool existed = target_.Kind(path) == base::PathKind::kFile;
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<base::WritableFile> file,
                             target_.NewWritableFile(path, mode));
  auto tracked = std::make_shared<Tracked>();
  tracked->path = path;
  tracked->mode = mode;
  std::lock_guard<std::mutex> lock(mu_);
  // Truncating a file keeps its name; a new name is durable only later. A
  // name whose removal is pending is the old file's until then.
  auto previous = files_.find(path);
  tracked->state.name_durable = previous != files_.end() ? previous->second->state.name_durable
                                                         : existed && removed_.count(path) == 0;
  files_[path] = tracked;
  return std::unique_ptr<base::WritableFile>(new File(this, std::move(file), tracked));
}

Status FaultInjectionFileSystem::RenameFile(const std::string& from, const std::string& to) {
  PROVCHECK_RETURN_IF_ERROR(Begin(Op::kRename, to));
  PROVCHECK_RETURN_IF_ERROR(target_.RenameFile(from, to));
  std::lock_guard<std::mutex> lock(mu_);
  auto it = files_.find(from);
  if (it == files_.end()) {
    files_.erase(to);  // `to` now holds a file written before tracking: durable
  } else {
    std::shared_ptr<Tracked> moved = it->second;
    files_.erase(it);
    moved->path = to;
    files_[to] = std::move(moved);
  }
  removed_.erase(to);
  SyncFolderLocked(to);  // RenameFile fsyncs the folder holding `to`
  return Status::Ok();
}

Status FaultInjectionFileSystem::RemoveFile(const std::string& path) {
  PROVCHECK_RETURN_IF_ERROR(Begin(Op::kRemove, path));
  // What a power cut would bring back: the durable content, if the name is.
  std::optional<std::string> durable;
  {
    std::lock_guard<std::mutex> lock(mu_);
    auto it = files_.find(path);
    const bool pending = removed_.count(path) > 0;
    if (!pending && it == files_.end() && target_.Kind(path) == base::PathKind::kFile) {
      Result<std::string> bytes = target_.ReadFile(path, kNoLimit);
      if (!bytes) return bytes.status();
      durable = std::move(bytes).value();
    } else if (!pending && it != files_.end() && it->second->state.name_durable) {
      Result<std::string> bytes = target_.ReadFile(path, kNoLimit);
      if (!bytes) return bytes.status();
      durable = bytes->substr(0, it->second->state.synced_size);
    }
  }
  PROVCHECK_RETURN_IF_ERROR(target_.RemoveFile(path));
  std::lock_guard<std::mutex> lock(mu_);
  files_.erase(path);
  if (durable) removed_[path] = std::move(*durable);
  return Status::Ok();
}

Status FaultInjectionFileSystem::TruncateOnTarget(const std::string& path, uint64_t bytes,
                                                  uint32_t mode) {
  Result<std::string> data = target_.ReadFile(path, kNoLimit);
  if (!data) return data.status().code() == StatusCode::kNotFound ? Status::Ok() : data.status();
  if (data->size() <= bytes) return Status::Ok();
  return WriteOnTarget(target_, path, std::string_view(*data).substr(0, bytes), mode);
}

Status FaultInjectionFileSystem::SimulatePowerLoss() {
  std::map<std::string, std::shared_ptr<Tracked>> files;
  std::map<std::string, std::string> removed;
  {
    std::lock_guard<std::mutex> lock(mu_);
    files.swap(files_);
    removed.swap(removed_);
    count_ = 0;
    log_.clear();
    fail_once_.reset();
    fail_from_.reset();
  }
  Status first = Status::Ok();
  auto keep = [&first](Status s) {
    if (first.ok() && !s.ok()) first = std::move(s);
  };
  for (const auto& [path, tracked] : files) {
    const FileState& st = tracked->state;
    if (!st.name_durable) {
      keep(target_.RemoveFile(path));
    } else if (st.size > st.synced_size) {
      keep(TruncateOnTarget(path, st.synced_size, tracked->mode));
    }
  }
  for (const auto& [path, content] : removed) {
    keep(WriteOnTarget(target_, path, content, kRestoredMode));
  }
  return first;
}

// Forwarded unchanged: reading never changes what a power cut leaves.
base::PathKind FaultInjectionFileSystem::Kind(const std::string& path) {
  return target_.Kind(path);
}

Result<std::string> FaultInjectionFileSystem::ReadFile(const std::string& path,
                                                       uint64_t max_bytes) {
  return target_.ReadFile(path, max_bytes);
}

Result<std::vector<std::string>> FaultInjectionFileSystem::ListFilesRecursive(
    const std::string& dir, std::vector<Status>* unlisted) {
  return target_.ListFilesRecursive(dir, unlisted);
}

Status FaultInjectionFileSystem::CreateDirectories(const std::string& dir) {
  return target_.CreateDirectories(dir);
}

Result<std::vector<std::string>> FaultInjectionFileSystem::ListFolder(const std::string& dir) {
  return target_.ListFolder(dir);
}

}  // namespace provcheck::testing
