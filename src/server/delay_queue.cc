#include "server/delay_queue.h"

#include <utility>

namespace provcheck::server {

DelayQueue::DelayQueue() : thread_([this] { Run(); }) {}

DelayQueue::~DelayQueue() { Stop(); }

void DelayQueue::After(std::chrono::milliseconds delay, std::function<void()> task) {
  std::lock_guard<std::mutex> lock(mu_);
  if (stopping_ && !finish_all_) return;
  tasks_.emplace(Clock::now() + delay, std::move(task));
  cv_.notify_one();
}

void DelayQueue::Stop(bool finish_all) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (!stopping_) finish_all_ = finish_all;
    stopping_ = true;
    cv_.notify_one();
  }
  if (thread_.joinable()) thread_.join();
}

size_t DelayQueue::pending() {
  std::lock_guard<std::mutex> lock(mu_);
  return tasks_.size();
}

void DelayQueue::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  for (;;) {
    if (tasks_.empty()) {
      if (stopping_) return;
      cv_.wait(lock);
      continue;
    }
    const auto due = tasks_.begin()->first;
    if (due > Clock::now()) {
      if (stopping_ && !finish_all_) {
        tasks_.clear();
        return;
      }
      cv_.wait_until(lock, due);
      continue;
    }
    std::function<void()> task = std::move(tasks_.begin()->second);
    tasks_.erase(tasks_.begin());
    lock.unlock();
    task();
    lock.lock();
  }
}

}  // namespace provcheck::server
