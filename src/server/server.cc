#include "server/server.h"

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <thread>

#include "server/scan_pool.h"

namespace provcheck::server {
namespace {

bool IsLoopback(const std::string& listen) {
  return listen.rfind("127.", 0) == 0 || listen.rfind("[::1]:", 0) == 0 ||
         listen.rfind("localhost:", 0) == 0;
}

}  // namespace

Status Serve(ServerOptions options) {
  if (!options.api.tokens && !IsLoopback(options.listener.listen)) {
    return Status::InvalidArgument("--listen " + options.listener.listen +
                                   ": without --tokens the server only listens on a loopback "
                                   "address (127.0.0.1, [::1])");
  }
  if (!options.api.webhooks.allow.empty() && options.api.webhooks.secret.empty()) {
    return Status::InvalidArgument("--callback-allow needs --webhook-secret-file");
  }
  // Every thread started from here on leaves SIGTERM and SIGINT to sigwait.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  std::FILE* log_file = stderr;
  if (!options.access_log.empty()) {
    log_file = std::fopen(options.access_log.c_str(), "a");
    if (log_file == nullptr) {
      return Status::IOError("--access-log " + options.access_log + ": " + std::strerror(errno));
    }
  }
  struct Closer {
    std::FILE* f;
    ~Closer() {
      if (f != stderr) std::fclose(f);
    }
  } closer{log_file};
  AccessLog access_log(log_file);
  Metrics metrics;

  ScanPoolOptions pool_options;
  pool_options.index_dir = options.api.index_dir;
  pool_options.workers = options.workers;
  pool_options.capacity = options.max_scans;
  pool_options.scan.threads = 1;  // the workers are the parallelism
  pool_options.scan.source_cache_bytes = size_t{64} << 20;
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<ScanPool> pool, ScanPool::Start(pool_options));
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<Api> api,
                             Api::Create(std::move(options.api), pool.get(), &metrics));
  Api* api_ptr = api.get();
  PROVCHECK_ASSIGN_OR_RETURN(
      std::unique_ptr<HttpListener> listener,
      HttpListener::Create(
          options.listener,
          [api_ptr](HttpRequest request, Respond respond) {
            api_ptr->Handle(std::move(request), std::move(respond));
          },
          &access_log));

  std::thread serving([&] { listener->Run(); });
  if (options.listening) {
    const bool tls = !options.listener.tls_cert.empty();
    std::string host = options.listener.listen.substr(0, options.listener.listen.rfind(':'));
    options.listening(std::string(tls ? "https://" : "http://") + host + ":" +
                      std::to_string(listener->port()) + "/");
  }
  int signal_number = 0;
  while (sigwait(&stop_signals, &signal_number) != 0) {
  }
  std::fprintf(stderr, "provcheck: %s: finishing %zu scans, then stopping\n",
               signal_number == SIGTERM ? "SIGTERM" : "SIGINT", pool->queued() + pool->running());
  listener->StopAccepting();
  api->BeginShutdown();
  pool->Drain();  // every scan finishes; waiting clients are answered
  api->Shutdown(options.shutdown_grace);
  const auto until = std::chrono::steady_clock::now() + options.shutdown_grace;
  while (listener->active_requests() > 0 && std::chrono::steady_clock::now() < until) {
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  listener->Stop();
  serving.join();
  std::fprintf(stderr, "provcheck: stopped\n");
  return Status::Ok();
}

}  // namespace provcheck::server
