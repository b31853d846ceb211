// provcheck serve: the HTTP API and web page over one index, until SIGTERM
// or SIGINT. docs/server.md describes it; docs/openapi.json its API.
//
// What the stage owns: the listener (Boost.Beast, http_listener.h), the
// routes (api.h), the scan workers (scan_pool.h), the scans held in memory
// (scan_store.h), tokens (tokens.h), webhooks (webhook.h), metrics and the
// access log. What it must not know: anything of the engine. It scans,
// renders, signs and feeds the index through the public API only, as the
// command line does.
//
// Shutdown: on SIGTERM or SIGINT the listening socket closes, new scans get
// 503, every scan queued or running finishes and its waiting client is
// answered, due webhooks are sent (for a few seconds), open responses are
// written, then Serve returns.
//
// Thread-safety: Serve runs once per process (it owns SIGTERM and SIGINT).
#ifndef PROVCHECK_SRC_SERVER_SERVER_H_
#define PROVCHECK_SRC_SERVER_SERVER_H_

#include <chrono>
#include <functional>
#include <string>

#include "provcheck/status.h"
#include "server/api.h"
#include "server/http_listener.h"

namespace provcheck::server {

struct ServerOptions {
  ListenerOptions listener;
  ApiOptions api;
  unsigned workers = 2;   // scan workers, each with its own index reader
  size_t max_scans = 8;   // scans queued or running; more get 503 + Retry-After
  std::string access_log; // a file to append to; empty: standard error
  // How long shutdown waits for webhooks and open responses.
  std::chrono::milliseconds shutdown_grace{5000};
  // Called once the socket listens, with the URL (http://127.0.0.1:PORT/).
  std::function<void(const std::string& url)> listening;
};

// Serves until SIGTERM or SIGINT. Fails before serving (kInvalidArgument,
// kNotFound, kIOError...) when an option, the index or the address is
// unusable; kInvalidArgument when there are no tokens and the address is
// not a loopback one.
Status Serve(ServerOptions options);

}  // namespace provcheck::server

#endif  // PROVCHECK_SRC_SERVER_SERVER_H_
