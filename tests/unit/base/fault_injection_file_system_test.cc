// The fault-injecting file system itself, and FileSystem::WriteFileAtomically
// under a fault at every operation and a power cut after every operation.
#include "unit/base/fault_injection_file_system.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "support/temp_dir.h"

namespace provcheck::testing {
namespace {

using Op = FaultInjectionFileSystem::Op;

constexpr uint64_t kMax = 1 << 20;

// The content of `path`, or nullopt when it is missing.
std::optional<std::string> Content(const std::string& path) {
  Result<std::string> r = base::FileSystem::Default().ReadFile(path, kMax);
  if (!r) return std::nullopt;
  return *r;
}

std::vector<std::string> Names(const TempDir& dir) {
  std::vector<std::string> names = *base::FileSystem::Default().ListFolder(dir.path());
  std::sort(names.begin(), names.end());
  return names;
}

// Writes `data` to a new file through `fs`, syncing only when `sync`.
void WriteFile(base::FileSystem& fs, const std::string& path, std::string_view data, bool sync) {
  auto file = fs.NewWritableFile(path, 0644);
  ASSERT_TRUE(file.has_value()) << file.status().ToString();
  ASSERT_TRUE((*file)->Append(data).ok());
  if (sync) {
    ASSERT_TRUE((*file)->Sync().ok());
  }
  ASSERT_TRUE((*file)->Close().ok());
}

// --- The wrapper ------------------------------------------------------------------------

TEST(FaultInjection, CountsEachMutatingOperationInOrder) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(fs.WriteFileAtomically(tmp.Join("a"), "x", 0644).ok());
  ASSERT_TRUE(fs.ReadFile(tmp.Join("a"), kMax).has_value());  // reads are not counted
  std::vector<Op> ops;
  for (const auto& o : fs.operations()) ops.push_back(o.op);
  EXPECT_EQ(ops, (std::vector<Op>{Op::kCreate, Op::kAppend, Op::kSync, Op::kClose, Op::kRename}));
  EXPECT_EQ(fs.operation_count(), 5u);
  EXPECT_EQ(fs.operations()[0].path, tmp.Join("a.tmp"));
  EXPECT_EQ(fs.operations()[4].path, tmp.Join("a"));
}

TEST(FaultInjection, FailsTheChosenOperationOnceWithAnIOError) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  fs.FailOperation(1);
  auto file = fs.NewWritableFile(tmp.Join("f"), 0644);
  ASSERT_TRUE(file.has_value());
  Status s = (*file)->Append("lost");
  EXPECT_EQ(s.code(), StatusCode::kIOError);
  EXPECT_EQ(s.message(), tmp.Join("f") + ": injected fault in append");
  EXPECT_TRUE((*file)->Append("kept").ok());
  EXPECT_TRUE((*file)->Close().ok());
  EXPECT_EQ(Content(tmp.Join("f")), "kept");
  EXPECT_TRUE(fs.operations()[1].failed);
}

TEST(FaultInjection, FailsEveryOperationFromTheChosenOne) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  fs.FailOperationsFrom(2);
  auto file = fs.NewWritableFile(tmp.Join("f"), 0644);
  ASSERT_TRUE((*file)->Append("a").ok());
  EXPECT_FALSE((*file)->Sync().ok());
  EXPECT_FALSE((*file)->Close().ok());
  EXPECT_FALSE(fs.RemoveFile(tmp.Join("f")).ok());
  fs.ClearFaults();
  EXPECT_TRUE(fs.RemoveFile(tmp.Join("f")).ok());
}

TEST(FaultInjection, PowerLossTruncatesToTheSyncedLength) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  auto file = fs.NewWritableFile(tmp.Join("log"), 0644);
  ASSERT_TRUE((*file)->Append("synced,").ok());
  ASSERT_TRUE((*file)->Sync().ok());
  ASSERT_TRUE((*file)->Append("not synced").ok());
  ASSERT_TRUE((*file)->Close().ok());
  EXPECT_EQ(fs.file_state(tmp.Join("log"))->synced_size, 7u);
  EXPECT_EQ(fs.file_state(tmp.Join("log"))->size, 17u);
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("log")), "synced,");
  EXPECT_FALSE(fs.file_state(tmp.Join("log")).has_value());  // forgotten, as after a reboot
}

TEST(FaultInjection, PowerLossRemovesANewFileNeverSynced) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  WriteFile(fs, tmp.Join("new"), "data", /*sync=*/false);
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("new")), std::nullopt);
}

TEST(FaultInjection, PowerLossTruncatesAnOldFileRewrittenWithoutSync) {
  TempDir tmp;
  tmp.Write("old", "old content");
  FaultInjectionFileSystem fs;
  WriteFile(fs, tmp.Join("old"), "new content", /*sync=*/false);
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("old")), "");  // the name stays; the bytes were never durable
}

TEST(FaultInjection, PowerLossKeepsFilesWrittenBeforeTracking) {
  TempDir tmp;
  tmp.Write("before", "durable");
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("before")), "durable");
}

TEST(FaultInjection, RenameIsDurableButUnsyncedBytesAreNot) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  WriteFile(fs, tmp.Join("a.tmp"), "unsynced", /*sync=*/false);
  ASSERT_TRUE(fs.RenameFile(tmp.Join("a.tmp"), tmp.Join("a")).ok());
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  // The rename survived (the folder was synced); the data never reached the disk.
  EXPECT_EQ(Content(tmp.Join("a")), "");
  EXPECT_EQ(Names(tmp), std::vector<std::string>{"a"});
}

TEST(FaultInjection, RemovedFileComesBackUntilItsFolderIsSynced) {
  TempDir tmp;
  tmp.Write("segment-1", "old segment");
  FaultInjectionFileSystem fs;
  ASSERT_TRUE(fs.RemoveFile(tmp.Join("segment-1")).ok());
  EXPECT_EQ(Content(tmp.Join("segment-1")), std::nullopt);
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("segment-1")), "old segment");

  ASSERT_TRUE(fs.RemoveFile(tmp.Join("segment-1")).ok());
  ASSERT_TRUE(fs.WriteFileAtomically(tmp.Join("manifest"), "m", 0644).ok());  // syncs the folder
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Names(tmp), std::vector<std::string>{"manifest"});
}

TEST(FaultInjection, AFileSyncedAfterItsRenameKeepsItsBytes) {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  auto file = fs.NewWritableFile(tmp.Join("x.tmp"), 0644);
  ASSERT_TRUE((*file)->Append("abc").ok());
  ASSERT_TRUE(fs.RenameFile(tmp.Join("x.tmp"), tmp.Join("x")).ok());
  ASSERT_TRUE((*file)->Sync().ok());  // the open handle follows the file to its new name
  EXPECT_EQ(fs.operations().back().path, tmp.Join("x"));
  ASSERT_TRUE((*file)->Close().ok());
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  EXPECT_EQ(Content(tmp.Join("x")), "abc");
}

// --- WriteFileAtomically -----------------------------------------------------------------

constexpr char kOld[] = "old bytes: the report as it was";
constexpr char kNew[] = "new bytes: a longer report that replaces the old one entirely";

// How many operations one successful WriteFileAtomically takes.
uint64_t OperationsPerWrite() {
  TempDir tmp;
  FaultInjectionFileSystem fs;
  EXPECT_TRUE(fs.WriteFileAtomically(tmp.Join("t"), kNew, 0644).ok());
  return fs.operation_count();
}

// Runs `body` once with no earlier file and once with kOld in place.
template <typename Body>
void ForOldAndNoOld(Body body) {
  for (bool had_old : {false, true}) {
    SCOPED_TRACE(had_old ? "replacing an old file" : "creating the file");
    TempDir tmp;
    if (had_old) tmp.Write("report.json", kOld);
    body(tmp, had_old ? std::optional<std::string>(kOld) : std::nullopt);
  }
}

TEST(WriteFileAtomically, FaultAtEveryOperationLeavesTheOldBytesAndNoTempFile) {
  const uint64_t ops = OperationsPerWrite();
  ASSERT_EQ(ops, 5u);
  for (uint64_t n = 0; n < ops; ++n) {
    SCOPED_TRACE("fault at operation " + std::to_string(n));
    ForOldAndNoOld([&](const TempDir& tmp, const std::optional<std::string>& old) {
      FaultInjectionFileSystem fs;
      fs.FailOperation(n);
      const std::string path = tmp.Join("report.json");
      Status s = fs.WriteFileAtomically(path, kNew, 0644);
      EXPECT_EQ(s.code(), StatusCode::kIOError);
      EXPECT_NE(s.message().find("injected fault"), std::string::npos) << s.ToString();
      EXPECT_EQ(Content(path), old);
      EXPECT_EQ(Content(path + ".tmp"), std::nullopt) << "a failed write left its temp file";
      // A power cut afterwards keeps the old bytes. The temp file's removal
      // is not durable until its folder is synced, so a synced temp file may
      // come back, holding a prefix of the new bytes.
      ASSERT_TRUE(fs.SimulatePowerLoss().ok());
      EXPECT_EQ(Content(path), old);
      if (std::optional<std::string> t = Content(path + ".tmp")) {
        EXPECT_EQ(std::string(kNew).substr(0, t->size()), *t);
      }
    });
  }
}

TEST(WriteFileAtomically, PowerLossAfterEveryOperationLeavesOldOrNewNeverAMix) {
  const uint64_t ops = OperationsPerWrite();
  for (uint64_t n = 0; n <= ops; ++n) {
    SCOPED_TRACE("power lost before operation " + std::to_string(n));
    ForOldAndNoOld([&](const TempDir& tmp, const std::optional<std::string>& old) {
      FaultInjectionFileSystem fs;
      fs.FailOperationsFrom(n);  // the machine is dead from operation n on
      const std::string path = tmp.Join("report.json");
      const bool ok = fs.WriteFileAtomically(path, kNew, 0644).ok();
      EXPECT_EQ(ok, n == ops);
      ASSERT_TRUE(fs.SimulatePowerLoss().ok());
      // The rename is the last operation: before it, the old bytes; after, the new.
      EXPECT_EQ(Content(path), n == ops ? std::optional<std::string>(kNew) : old);
      // A temp file may survive a crash (its cleanup never ran) but holds a
      // prefix of the new bytes; whoever owns the folder removes it at open.
      if (std::optional<std::string> t = Content(path + ".tmp")) {
        EXPECT_EQ(std::string(kNew).substr(0, t->size()), *t);
      }
    });
  }
}

// The model catches the classic bug: renaming into place before the data is
// synced leaves an empty file after a power cut.
TEST(WriteFileAtomically, PowerLossCatchesAWriterThatRenamesBeforeSyncing) {
  TempDir tmp;
  tmp.Write("report.json", kOld);
  FaultInjectionFileSystem fs;
  WriteFile(fs, tmp.Join("report.json.tmp"), kNew, /*sync=*/false);
  ASSERT_TRUE(fs.RenameFile(tmp.Join("report.json.tmp"), tmp.Join("report.json")).ok());
  ASSERT_TRUE(fs.SimulatePowerLoss().ok());
  std::optional<std::string> after = Content(tmp.Join("report.json"));
  EXPECT_NE(after, kOld);
  EXPECT_NE(after, kNew);
}

}  // namespace
}  // namespace provcheck::testing
