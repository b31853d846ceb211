// provcheck serve: flags (serve_flags.cc) and the command (serve_command.cc),
// glue over src/server/server.h.
#ifndef PROVCHECK_SRC_CLI_SERVE_COMMAND_H_
#define PROVCHECK_SRC_CLI_SERVE_COMMAND_H_

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

#include "cli/flags.h"

namespace provcheck::cli {

struct ServeCommandOptions {
  std::string index_dir;
  // --corpus PATH...: added to the index (created when missing) before
  // serving, as `index add` adds them.
  std::vector<std::string> corpus;
  std::string listen = "127.0.0.1:8080";
  std::string tokens;      // tokens file; empty: no auth (loopback only)
  std::string rules;       // default rules file; empty: built-in rules
  std::string rules_dir;   // rules a request may name: DIR/NAME.json
  std::string sign_key;    // private key for "sign": true
  std::string tls_cert, tls_key;
  unsigned threads = 4;    // HTTP threads
  unsigned workers = 0;    // scan workers; 0: one per core
  unsigned max_scans = 0;  // 0: 4 per worker
  uint64_t max_body = 16 << 20;
  uint64_t max_header = 16 << 10;
  double read_timeout = 30, write_timeout = 30;  // seconds
  double result_ttl = 3600;                      // seconds
  double wait_timeout = 30;                      // seconds
  uint64_t wait_max_bytes = 1 << 20;
  std::string access_log;  // empty: standard error
  std::vector<std::string> callback_allow;
  std::string webhook_secret_file;
  std::string callback_ca;  // empty: the system's trust store
  unsigned webhook_attempts = 4;
  double webhook_backoff = 0.5;  // seconds, doubled per retry
};
int RunServe(const ServeCommandOptions& options);

// serve
void AddServeCommands(CLI::App& app, Runner* run);

}  // namespace provcheck::cli

#endif  // PROVCHECK_SRC_CLI_SERVE_COMMAND_H_
