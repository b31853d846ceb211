#include "base/file_system.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <future>

#include "support/temp_dir.h"

namespace provcheck::base {
namespace {

using testing::TempDir;

TEST(FileSystem, ReadsWholeFile) {
  TempDir tmp;
  tmp.Write("a.txt", "hello");
  auto r = FileSystem::Default().ReadFile(tmp.Join("a.txt"), 100);
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(*r, "hello");
}

TEST(FileSystem, MissingFileIsNotFoundAndNamed) {
  TempDir tmp;
  auto r = FileSystem::Default().ReadFile(tmp.Join("missing.md"), 100);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_NE(r.status().message().find("missing.md"), std::string::npos);
}

TEST(FileSystem, FolderIsNotAFile) {
  TempDir tmp;
  auto r = FileSystem::Default().ReadFile(tmp.path(), 100);
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
}

TEST(FileSystem, RefusesFileOverLimit) {
  TempDir tmp;
  tmp.Write("big.txt", std::string(101, 'x'));
  auto r = FileSystem::Default().ReadFile(tmp.Join("big.txt"), 100);
  EXPECT_EQ(r.status().code(), StatusCode::kResourceLimit);
}

TEST(FileSystem, ListsFilesSortedSkippingHiddenAndLinkLoops) {
  TempDir tmp;
  ASSERT_EQ(::mkdir(tmp.Join("sub").c_str(), 0755), 0);
  tmp.Write("b.md", "b");
  tmp.Write("sub/a.md", "a");
  tmp.Write(".hidden.md", "h");
  ASSERT_EQ(::symlink(tmp.path().c_str(), tmp.Join("sub/loop").c_str()), 0);
  auto r = FileSystem::Default().ListFilesRecursive(tmp.path());
  ASSERT_TRUE(r.has_value());
  ASSERT_EQ(r->size(), 2u);
  EXPECT_EQ((*r)[0], tmp.Join("b.md"));
  EXPECT_EQ((*r)[1], tmp.Join("sub/a.md"));
}

TEST(FileSystem, AtomicWriteReplacesContentAndSetsMode) {
  TempDir tmp;
  std::string path = tmp.Join("out.json");
  ASSERT_TRUE(FileSystem::Default().WriteFileAtomically(path, "one", 0600).ok());
  ASSERT_TRUE(FileSystem::Default().WriteFileAtomically(path, "two", 0600).ok());
  EXPECT_EQ(*FileSystem::Default().ReadFile(path, 100), "two");
  struct stat st;
  ASSERT_EQ(::stat(path.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0600u);
  EXPECT_NE(::access((path + ".tmp").c_str(), F_OK), 0);
}

// `scan -o /dev/null` as root renamed a temp file over /dev/null (and
// failed for everyone else, who may not create /dev/null.tmp). A device,
// FIFO or socket is written in place: here a FIFO, read on another thread.
TEST(FileSystem, AtomicWriteToAFifoWritesThroughIt) {
  TempDir tmp;
  const std::string fifo = tmp.Join("out.fifo");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto read = std::async(std::launch::async, [&] {
    std::string got;
    int fd = ::open(fifo.c_str(), O_RDONLY);
    char buf[64];
    for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) got.append(buf, static_cast<size_t>(n));
    ::close(fd);
    return got;
  });
  EXPECT_TRUE(FileSystem::Default().WriteFileAtomically(fifo, "the report", 0644).ok());
  ASSERT_EQ(read.wait_for(std::chrono::seconds(10)), std::future_status::ready);
  EXPECT_EQ(read.get(), "the report");
  struct stat st;
  ASSERT_EQ(::stat(fifo.c_str(), &st), 0);
  EXPECT_TRUE(S_ISFIFO(st.st_mode)) << "the FIFO was replaced";
  EXPECT_NE(::access((fifo + ".tmp").c_str(), F_OK), 0);
}

TEST(FileSystem, AtomicWriteToDevNullLeavesTheDevice) {
  ASSERT_TRUE(FileSystem::Default().WriteFileAtomically("/dev/null", "discarded", 0644).ok());
  struct stat st;
  ASSERT_EQ(::stat("/dev/null", &st), 0);
  EXPECT_TRUE(S_ISCHR(st.st_mode)) << "/dev/null was replaced by a file";
}

// Issue 16: open(2) of a FIFO waits for a writer, so `scan fifo.md` never
// ended. The read runs on another thread; if it is still blocked after
// 10 s a writer is opened to free it and the test fails.
TEST(Issue16, FifoIsRefusedWithoutWaitingForAWriter) {
  TempDir tmp;
  const std::string fifo = tmp.Join("fifo.md");
  ASSERT_EQ(::mkfifo(fifo.c_str(), 0600), 0);
  auto read =
      std::async(std::launch::async, [&] { return FileSystem::Default().ReadFile(fifo, 100); });
  if (read.wait_for(std::chrono::seconds(10)) != std::future_status::ready) {
    int writer = ::open(fifo.c_str(), O_WRONLY);  // frees the blocked open
    ::close(writer);
    FAIL() << "ReadFile blocked on a FIFO";
  }
  Result<std::string> r = read.get();
  ASSERT_FALSE(r.has_value());
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(r.status().message(), fifo + ": a FIFO (named pipe), expected a regular file");
}

TEST(Issue16, OpenRegularFileGivesTheSizeAndABlockingDescriptor) {
  TempDir tmp;
  tmp.Write("a.txt", "hello");
  Result<OpenedFile> f = OpenRegularFile(tmp.Join("a.txt"));
  ASSERT_TRUE(f.has_value()) << f.status().ToString();
  EXPECT_EQ(f->size, 5u);
  EXPECT_EQ(::fcntl(f->fd, F_GETFL) & O_NONBLOCK, 0);
  ::close(f->fd);
  EXPECT_EQ(OpenRegularFile(tmp.path()).status().code(), StatusCode::kInvalidInput);
  EXPECT_EQ(OpenRegularFile("/dev/null").status().message(),
            "/dev/null: a character device, expected a regular file");
}

// Issue 16: a rules file's roster "../../etc/passwd" was read.
TEST(Issue16, ResolveInsideRefusesEveryWayOut) {
  TempDir tmp;
  ASSERT_EQ(::mkdir(tmp.Join("rules").c_str(), 0700), 0);
  ASSERT_EQ(::mkdir(tmp.Join("rules/lists").c_str(), 0700), 0);
  tmp.Write("rules/lists/staff.txt", "A Name\n");
  tmp.Write("secret.txt", "secret\n");
  ASSERT_EQ(::symlink(tmp.Join("secret.txt").c_str(), tmp.Join("rules/link.txt").c_str()), 0);
  FileSystem& fs = FileSystem::Default();
  const std::string folder = tmp.Join("rules");
  Result<std::string> inside = ResolveInside(fs, folder, "lists/../lists/staff.txt");
  ASSERT_TRUE(inside.has_value()) << inside.status().ToString();
  EXPECT_EQ(inside->substr(inside->size() - 22), "/rules/lists/staff.txt");
  EXPECT_TRUE(ResolveInside(fs, folder, tmp.Join("rules/lists/staff.txt")).has_value());
  for (const char* out : {"../secret.txt", "link.txt", "/etc/passwd", "lists/../../secret.txt"}) {
    Result<std::string> r = ResolveInside(fs, folder, out);
    ASSERT_FALSE(r.has_value()) << out;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidInput) << out;
    // Named by the path as written and the folder, never where a link leads.
    if (std::string(out) == "link.txt") {
      EXPECT_EQ(r.status().message().find("secret"), std::string::npos) << r.status().message();
    }
  }
  EXPECT_EQ(ResolveInside(fs, folder, "missing.txt").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace provcheck::base
