#include "base/file_system.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

namespace provcheck::base {
namespace {

Status ErrnoStatus(const std::string& path, std::string_view what, int err) {
  std::string msg = path + ": " + std::string(what) + ": " + std::strerror(err);
  if (err == ENOENT) return Status::NotFound(path + ": no such file or folder");
  return Status::IOError(std::move(msg));
}

const char* KindName(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO (named pipe)";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

class PosixWritableFile final : public WritableFile {
 public:
  PosixWritableFile(std::string path, int fd) : path_(std::move(path)), fd_(fd) {}
  ~PosixWritableFile() override {
    if (fd_ >= 0) ::close(fd_);
  }
  Status Append(std::string_view data) override {
    size_t done = 0;
    while (done < data.size()) {
      ssize_t n = ::write(fd_, data.data() + done, data.size() - done);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return ErrnoStatus(path_, "cannot write", errno);
      done += static_cast<size_t>(n);
    }
    return Status::Ok();
  }
  Status Sync() override {
    if (::fsync(fd_) != 0) return ErrnoStatus(path_, "cannot sync", errno);
    return Status::Ok();
  }
  Status Close() override {
    int fd = fd_;
    fd_ = -1;
    if (fd >= 0 && ::close(fd) != 0) return ErrnoStatus(path_, "cannot close", errno);
    return Status::Ok();
  }

 private:
  std::string path_;
  int fd_;
};

class PosixFileSystem final : public FileSystem {
 public:
  PathKind Kind(const std::string& path) override {
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) return PathKind::kMissing;
    if (S_ISREG(st.st_mode)) return PathKind::kFile;
    if (S_ISDIR(st.st_mode)) return PathKind::kDirectory;
    return PathKind::kOther;
  }

  Result<std::string> ReadFile(const std::string& path, uint64_t max_bytes) override {
    PROVCHECK_ASSIGN_OR_RETURN(OpenedFile file, OpenRegularFile(path));
    if (file.size > max_bytes) {
      ::close(file.fd);
      return Status::ResourceLimit(path + ": " + std::to_string(file.size) +
                                   " bytes, more than the limit of " + std::to_string(max_bytes));
    }
    std::string data(static_cast<size_t>(file.size), '\0');
    if (int err = ReadFully(file.fd, &data); err != 0) {
      ::close(file.fd);
      return ErrnoStatus(path, "cannot read", err);
    }
    ::close(file.fd);
    return data;
  }

  Result<std::vector<std::string>> ListFilesRecursive(const std::string& dir,
                                                      std::vector<Status>* unlisted) override {
    std::vector<std::string> files;
    std::vector<std::string> pending{dir};
    while (!pending.empty()) {
      std::string current = std::move(pending.back());
      pending.pop_back();
      DIR* d = ::opendir(current.c_str());
      if (d == nullptr) {
        Status s = ErrnoStatus(current, "cannot list", errno);
        if (unlisted == nullptr || current == dir) return s;
        unlisted->push_back(std::move(s));
        continue;
      }
      while (struct dirent* e = ::readdir(d)) {
        if (e->d_name[0] == '.') continue;
        std::string child = current;
        if (child.back() != '/') child += '/';
        child += e->d_name;
        struct stat lst;
        if (::lstat(child.c_str(), &lst) != 0) continue;
        if (S_ISDIR(lst.st_mode)) {
          pending.push_back(child);
        } else if (S_ISREG(lst.st_mode)) {
          files.push_back(child);
        } else if (S_ISLNK(lst.st_mode) && Kind(child) == PathKind::kFile) {
          files.push_back(child);  // links to folders are not followed: no loops
        }
      }
      ::closedir(d);
    }
    std::sort(files.begin(), files.end());
    return files;
  }

  Status CreateDirectories(const std::string& dir) override {
    std::string partial;
    size_t pos = 0;
    while (pos != std::string::npos) {
      pos = dir.find('/', pos + 1);
      partial = dir.substr(0, pos);
      if (partial.empty()) continue;
      if (::mkdir(partial.c_str(), 0755) != 0 && errno != EEXIST) {
        return ErrnoStatus(partial, "cannot create folder", errno);
      }
    }
    if (Kind(dir) != PathKind::kDirectory) {
      return Status::IOError(dir + ": exists and is not a folder");
    }
    return Status::Ok();
  }

  Result<std::unique_ptr<WritableFile>> NewWritableFile(const std::string& path,
                                                        uint32_t mode) override {
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
    if (fd < 0) return ErrnoStatus(path, "cannot create", errno);
    return std::unique_ptr<WritableFile>(new PosixWritableFile(path, fd));
  }

  Status RenameFile(const std::string& from, const std::string& to) override {
    if (::rename(from.c_str(), to.c_str()) != 0) {
      return ErrnoStatus(to, "cannot rename into place", errno);
    }
    SyncParentFolder(to);
    return Status::Ok();
  }

  Status RemoveFile(const std::string& path) override {
    if (::unlink(path.c_str()) != 0 && errno != ENOENT) {
      return ErrnoStatus(path, "cannot remove", errno);
    }
    return Status::Ok();
  }

  Result<std::vector<std::string>> ListFolder(const std::string& dir) override {
    DIR* d = ::opendir(dir.c_str());
    if (d == nullptr) return ErrnoStatus(dir, "cannot list", errno);
    std::vector<std::string> names;
    while (struct dirent* e = ::readdir(d)) {
      std::string_view name = e->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    ::closedir(d);
    return names;
  }
};

}  // namespace

Result<OpenedFile> OpenRegularFile(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer (nor a device for
  // its carrier); the descriptor is checked to be a regular file before any
  // read, so the file checked is the file read.
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if (fd < 0) return ErrnoStatus(path, "cannot open", errno);
  struct stat st;
  if (::fstat(fd, &st) != 0) {
    int err = errno;
    ::close(fd);
    return ErrnoStatus(path, "cannot stat", err);
  }
  if (S_ISDIR(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput(path + ": is a folder, expected a file");
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return Status::InvalidInput(path + ": " + KindName(st.st_mode) + ", expected a regular file");
  }
  // Reads of a regular file do not block anyway; blocking mode all the same.
  if (int flags = ::fcntl(fd, F_GETFL); flags >= 0) ::fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
  return OpenedFile{fd, static_cast<uint64_t>(st.st_size)};
}

int ReadFully(int fd, std::string* data) {
  size_t done = 0;
  while (done < data->size()) {
    ssize_t n = ::read(fd, data->data() + done, data->size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return errno;
    if (n == 0) break;
    done += static_cast<size_t>(n);
  }
  data->resize(done);
  return 0;
}

void SyncParentFolder(const std::string& path) {
  std::string folder = ".";
  if (size_t slash = path.rfind('/'); slash != std::string::npos) {
    folder = slash == 0 ? "/" : path.substr(0, slash);
  }
  int dfd = ::open(folder.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dfd >= 0) {
    ::fsync(dfd);
    ::close(dfd);
  }
}

Status FileSystem::WriteFileAtomically(const std::string& path, std::string_view data,
                                       uint32_t mode) {
  if (Kind(path) == PathKind::kOther) {
    // A device, FIFO or socket (`-o /dev/null`, `-o /dev/stdout`, a pipe
    // from the shell): written as it is. Renaming a file over it would
    // replace /dev/null itself, run as root.
    PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, NewWritableFile(path, mode));
    PROVCHECK_RETURN_IF_ERROR(file->Append(data));
    return file->Close();
  }
  const std::string tmp = path + ".tmp";
  Status status = [&]() -> Status {
    PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<WritableFile> file, NewWritableFile(tmp, mode));
    PROVCHECK_RETURN_IF_ERROR(file->Append(data));
    PROVCHECK_RETURN_IF_ERROR(file->Sync());
    PROVCHECK_RETURN_IF_ERROR(file->Close());
    return RenameFile(tmp, path);
  }();
  if (!status.ok()) (void)RemoveFile(tmp);  // best effort: the write failed anyway
  return status;
}

Result<std::string> FileSystem::RealPath(const std::string& path) {
  char* real = ::realpath(path.c_str(), nullptr);
  if (real == nullptr) return ErrnoStatus(path, "cannot resolve", errno);
  std::string out = real;
  std::free(real);
  return out;
}

Result<std::string> ResolveInside(FileSystem& fs, const std::string& folder,
                                  const std::string& path) {
  const std::string base = folder.empty() ? "." : folder;
  const std::string joined = !path.empty() && path[0] == '/' ? path : base + "/" + path;
  PROVCHECK_ASSIGN_OR_RETURN(std::string real_folder, fs.RealPath(base));
  PROVCHECK_ASSIGN_OR_RETURN(std::string real, fs.RealPath(joined));
  const std::string inside = real_folder == "/" ? "/" : real_folder + "/";
  if (real != real_folder && real.compare(0, inside.size(), inside) != 0) {
    return Status::InvalidInput(path + ": leads outside " + real_folder);
  }
  return real;
}

FileSystem& FileSystem::Default() {
  static PosixFileSystem fs;
  return fs;
}

}  // namespace provcheck::base
