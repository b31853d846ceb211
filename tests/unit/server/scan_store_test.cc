#include "server/scan_store.h"

#include <gtest/gtest.h>

#include <thread>

namespace provcheck::server {
namespace {

ScanRecord Record(const std::string& owner) {
  ScanRecord r;
  r.id = NewScanId();
  r.owner = owner;
  return r;
}

TEST(ScanStore, AnIdempotencyKeyNamesTheFirstScanPerCaller) {
  ScanStore store(std::chrono::seconds(60));
  const ScanStore::Claim first = store.Create(Record("a"), "k", "sha1");
  EXPECT_FALSE(first.existing);
  const ScanStore::Claim retry = store.Create(Record("a"), "k", "sha1");
  EXPECT_TRUE(retry.existing);
  EXPECT_FALSE(retry.mismatch);
  EXPECT_EQ(retry.id, first.id);
  EXPECT_TRUE(store.Create(Record("a"), "k", "sha2").mismatch);
  EXPECT_FALSE(store.Create(Record("b"), "k", "sha1").existing);
  EXPECT_EQ(store.size(), 2u);
  // Removing the scan frees its key.
  EXPECT_TRUE(store.Remove(first.id));
  EXPECT_FALSE(store.Create(Record("a"), "k", "sha2").existing);
}

TEST(ScanStore, FinishingCallsWaitersOnceAndExpiryDropsFinishedScans) {
  ScanStore store(std::chrono::seconds(0));
  const std::string id = store.Create(Record("a"), "", "").id;
  int called = 0;
  EXPECT_TRUE(store.Wait(id, [&] { ++called; }));
  store.SetRunning(id);
  EXPECT_EQ(store.Get(id)->state, ScanState::kRunning);
  std::optional<ScanRecord> copy;
  auto waiters = store.Finish(id, Report{}, "{}", "", &copy);
  ASSERT_EQ(waiters.size(), 1u);
  waiters[0]();
  EXPECT_EQ(called, 1);
  EXPECT_EQ(copy->state, ScanState::kDone);
  EXPECT_FALSE(store.Wait(id, [&] { ++called; }));  // finished: the caller answers itself
  store.Expire();
  EXPECT_FALSE(store.Get(id));
  EXPECT_TRUE(store.Finish(id, Report{}, "{}", "", nullptr).empty());  // gone: no waiters
}

TEST(ScanStore, UnfinishedScansNeverExpire) {
  ScanStore store(std::chrono::seconds(0));
  const std::string queued = store.Create(Record("a"), "", "").id;
  const std::string running = store.Create(Record("a"), "", "").id;
  store.SetRunning(running);
  store.Expire();
  EXPECT_TRUE(store.Get(queued));
  EXPECT_TRUE(store.Get(running));
}

TEST(ScanStore, AFailedScanKeepsItsError) {
  ScanStore store(std::chrono::seconds(60));
  const std::string id = store.Create(Record("a"), "", "").id;
  (void)store.Finish(id, Status::InvalidInput("draft.md: invalid UTF-8 at byte 3"), "", "",
                     nullptr);
  EXPECT_EQ(store.Get(id)->state, ScanState::kFailed);
  EXPECT_EQ(store.Get(id)->error.code(), StatusCode::kInvalidInput);
}

TEST(ScanStore, IdsAreRandomHex) {
  const std::string a = NewScanId(), b = NewScanId();
  EXPECT_EQ(a.size(), 32u);
  EXPECT_EQ(a.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_NE(a, b);
}

}  // namespace
}  // namespace provcheck::server
