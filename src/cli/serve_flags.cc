// The flags of `provcheck serve`, each defined once.
#include <memory>

#include "cli/commands.h"
#include "cli/serve_command.h"

namespace provcheck::cli {

void AddServeCommands(CLI::App& app, Runner* run) {
  auto o = std::make_shared<ServeCommandOptions>();
  CLI::App* cmd = app.add_subcommand(
      "serve", "Serve the HTTP API (docs/openapi.json) and the web page over an index");
  AddIndexFlag(cmd, &o->index_dir, "$PROVCHECK_INDEX, else .provcheck");
  cmd->add_option("--corpus", o->corpus,
                  "Add these files or folders to the index first (created when missing), as "
                  "index add does")
      ->type_name("PATH");
  cmd->add_option("--listen", o->listen, "Address and port to listen on (default 127.0.0.1:8080; "
                                         "port 0 picks a free one)")
      ->type_name("ADDR:PORT");
  cmd->add_option("--tokens", o->tokens,
                  "Bearer tokens: lines of SHA256-HEX ROLE [LABEL], roles scan, write, admin "
                  "(default: no tokens, loopback only, every caller admin)")
      ->type_name("FILE");
  cmd->add_option("--rules", o->rules, "Default rules file (default: the built-in rules)")
      ->type_name("FILE");
  cmd->add_option("--rules-dir", o->rules_dir,
                  "Rules a request may name: each NAME.json in DIR (schema.json skipped)")
      ->type_name("DIR");
  cmd->add_option("--sign-key", o->sign_key, "Private key for scans submitted with \"sign\": true")
      ->type_name("KEY");
  cmd->add_option("--tls-cert", o->tls_cert, "Serve HTTPS with this PEM certificate chain")
      ->type_name("FILE");
  cmd->add_option("--tls-key", o->tls_key, "... and this PEM private key")->type_name("FILE");
  cmd->add_option("--threads", o->threads, "HTTP threads (default 4)")->type_name("N");
  cmd->add_option("--workers", o->workers, "Scan workers (default: one per core)")->type_name("N");
  cmd->add_option("--max-scans", o->max_scans,
                  "Scans queued or running at once; more get 503 (default: 4 per worker)")
      ->type_name("N");
  cmd->add_option("--max-body", o->max_body, "Largest request body, bytes (default 16 MiB)")
      ->type_name("BYTES");
  cmd->add_option("--max-header", o->max_header, "Largest request header, bytes (default 16 KiB)")
      ->type_name("BYTES");
  cmd->add_option("--read-timeout", o->read_timeout,
                  "Seconds to read a request, or to keep an idle connection (default 30)")
      ->type_name("S");
  cmd->add_option("--write-timeout", o->write_timeout, "Seconds to write a response (default 30)")
      ->type_name("S");
  cmd->add_option("--result-ttl", o->result_ttl,
                  "Seconds a finished scan is kept, then forgotten (default 3600)")
      ->type_name("S");
  cmd->add_option("--wait-timeout", o->wait_timeout,
                  "Longest a ?wait=true client is held before it gets 202 (default 30)")
      ->type_name("S");
  cmd->add_option("--wait-max-bytes", o->wait_max_bytes,
                  "Largest draft a ?wait=true client is held for; larger get 202 at once "
                  "(default 1 MiB)")
      ->type_name("BYTES");
  cmd->add_option("--access-log", o->access_log,
                  "Append the JSON-lines access log here (default: standard error)")
      ->type_name("FILE");
  cmd->add_option("--callback-allow", o->callback_allow,
                  "A host (or host:port) webhooks may call; repeat for more (default: none)")
      ->type_name("HOST");
  cmd->add_option("--webhook-secret-file", o->webhook_secret_file,
                  "The HMAC-SHA256 key of webhook signatures (the file's first line)")
      ->type_name("FILE");
  cmd->add_option("--callback-ca", o->callback_ca,
                  "PEM certificates to trust for https:// webhook receivers "
                  "(default: the system's trust store)")
      ->type_name("FILE");
  cmd->add_option("--webhook-attempts", o->webhook_attempts,
                  "Deliveries tried per webhook (default 4)")
      ->type_name("N");
  cmd->add_option("--webhook-backoff", o->webhook_backoff,
                  "Seconds before the first retry, doubled each time (default 0.5)")
      ->type_name("S");
  cmd->footer(
      "Example:\n  provcheck serve --index newsroom.idx --corpus corpus/\n"
      "  provcheck serve --index newsroom.idx --listen 127.0.0.1:8080 --tokens tokens.txt\n"
      "  curl -H \"Authorization: Bearer $TOKEN\" -H 'Content-Type: application/json' \\\n"
      "       -d '{\"text\": \"...\", \"format\": \"markdown\"}' "
      "'http://127.0.0.1:8080/v1/scans?wait=true'\n"
      "Open http://127.0.0.1:8080/ for the web page. SIGTERM stops it once running scans "
      "finish.\nExit codes: 0 stopped by a signal, 2 it could not start.");
  RunWithIndex(cmd, o, run, RunServe);
}

}  // namespace provcheck::cli
