// DelayQueue: one thread running tasks at their due time, in due order.
// The server uses one for deadlines (how long a ?wait=true client waits)
// and one for webhook deliveries and their retries.
//
// Thread-safety: After and Stop may be called from any thread; tasks run on
// the queue's thread, one at a time.
#ifndef PROVCHECK_SRC_SERVER_DELAY_QUEUE_H_
#define PROVCHECK_SRC_SERVER_DELAY_QUEUE_H_

#include <chrono>
#include <functional>
#include <map>
#include <thread>
#include <condition_variable>
#include <mutex>

namespace provcheck::server {

class DelayQueue {
 public:
  using Clock = std::chrono::steady_clock;

  DelayQueue();
  ~DelayQueue();  // Stop()

  // Runs `task` once `delay` has passed (tasks due at the same time run in
  // the order given). After Stop, tasks are dropped.
  void After(std::chrono::milliseconds delay, std::function<void()> task);
  // Runs every task already due, drops the rest, joins the thread. With
  // `finish_all`, waits for every task instead, however far ahead.
  void Stop(bool finish_all = false);
  size_t pending();

 private:
  void Run();

  // std::mutex rather than base::Mutex: the wait has a deadline, which
  // base::CondVar does not offer. Guards the three fields below.
  std::mutex mu_;
  std::condition_variable cv_;
  std::multimap<Clock::time_point, std::function<void()>> tasks_;
  bool stopping_ = false;
  bool finish_all_ = false;
  std::thread thread_;
};

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_DELAY_QUEUE_H_
