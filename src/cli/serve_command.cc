// provcheck serve: reads the files its flags name, then hands over to
// src/server (server.h).
#include <cstdio>
#include <thread>

#include "base/file_system.h"
#include "cli/commands.h"
#include "cli/exit_codes.h"
#include "cli/serve_command.h"
#include "provcheck/corpus_feed.h"
#include "provcheck/index.h"
#include "provcheck/rules.h"
#include "provcheck/sign.h"
#include "server/server.h"

namespace provcheck::cli {
namespace {

std::chrono::milliseconds Millis(double seconds) {
  return std::chrono::milliseconds(static_cast<int64_t>(seconds * 1000));
}

bool RulesName(const std::string& name) {
  if (name.empty() || name.size() > 64) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '-' && c != '_') return false;
  }
  return true;
}

// Every NAME.json directly in `dir` but schema.json, by NAME.
Status LoadRulesDir(const std::string& dir,
                    std::map<std::string, std::shared_ptr<const Rules>>* out) {
  std::vector<Status> unlisted;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> files,
                             base::FileSystem::Default().ListFilesRecursive(dir, &unlisted));
  for (const std::string& path : files) {
    const std::string rest = path.substr(std::min(path.size(), dir.size() + 1));
    if (rest.find('/') != std::string::npos || rest.size() < 6 ||
        rest.compare(rest.size() - 5, 5, ".json") != 0 || rest == "schema.json") {
      continue;
    }
    const std::string name = rest.substr(0, rest.size() - 5);
    if (!RulesName(name)) continue;
    PROVCHECK_ASSIGN_OR_RETURN(std::shared_ptr<const Rules> rules, Rules::Load(path));
    (*out)[name] = std::move(rules);
  }
  return Status::Ok();
}

// --corpus: the library's feed (provcheck/corpus_feed.h), as `index add`.
Status FeedCorpus(const std::string& index_dir, const std::vector<std::string>& paths) {
  FeedOptions feed;
  FeedObserver observer;
  observer.skipped = [](const Status& s) { ReportError(s); };
  size_t folders_skipped = 0;
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<CorpusFile> files,
                             ListCorpusFiles(paths, feed, observer, &folders_skipped));
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<Index> index,
                             Index::Open(index_dir, Index::Mode::kCreate));
  PROVCHECK_ASSIGN_OR_RETURN(FeedResult result, AddCorpusFiles(*index, files, feed, observer));
  PROVCHECK_ASSIGN_OR_RETURN(IndexStats stats, index->Stats());
  std::fprintf(stderr, "provcheck: index %s: %llu added, %llu replaced, %llu unchanged; %llu "
               "documents\n", IndexDisplayName(index_dir).c_str(),
               static_cast<unsigned long long>(result.summary.added),
               static_cast<unsigned long long>(result.summary.replaced),
               static_cast<unsigned long long>(result.summary.unchanged),
               static_cast<unsigned long long>(stats.documents));
  return Status::Ok();
}

}  // namespace

int RunServe(const ServeCommandOptions& o) {
  if (!o.corpus.empty()) {
    if (Status s = FeedCorpus(o.index_dir, o.corpus); !s.ok()) return ReportError(s);
  }
  server::ServerOptions options;
  options.listener.listen = o.listen;
  options.listener.threads = o.threads;
  options.listener.max_body_bytes = o.max_body;
  options.listener.max_header_bytes = o.max_header;
  options.listener.read_timeout = Millis(o.read_timeout);
  options.listener.write_timeout = Millis(o.write_timeout);
  options.listener.tls_cert = o.tls_cert;
  options.listener.tls_key = o.tls_key;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  options.workers = o.workers ? o.workers : cores;
  options.max_scans = o.max_scans ? o.max_scans : 4 * options.workers;
  options.access_log = o.access_log;

  server::ApiOptions& api = options.api;
  api.index_dir = o.index_dir;
  if (!o.tokens.empty()) {
    Result<server::TokenTable> tokens = server::TokenTable::Load(o.tokens);
    if (!tokens) return ReportError(tokens.status());
    if (tokens->size() == 0) {
      return ReportError(Status::InvalidInput(o.tokens + ": no tokens in it"));
    }
    api.tokens = std::move(tokens).value();
  }
  if (!o.rules.empty()) {
    Result<std::shared_ptr<const Rules>> rules = Rules::Load(o.rules);
    if (!rules) return ReportError(rules.status());
    api.default_rules = std::move(rules).value();
  }
  if (!o.rules_dir.empty()) {
    if (Status s = LoadRulesDir(o.rules_dir, &api.named_rules); !s.ok()) return ReportError(s);
  }
  if (!o.sign_key.empty()) {
    Result<SigningKey> key = SigningKey::Load(o.sign_key);
    if (!key) return ReportError(key.status());
    api.signing_key = std::move(key).value();
  }
  api.result_ttl = std::chrono::seconds(static_cast<int64_t>(o.result_ttl));
  api.wait_timeout = Millis(o.wait_timeout);
  api.wait_max_bytes = o.wait_max_bytes;
  api.webhooks.allow = o.callback_allow;
  api.webhooks.ca_file = o.callback_ca;
  api.webhooks.attempts = std::max(1u, o.webhook_attempts);
  api.webhooks.first_backoff = Millis(o.webhook_backoff);
  if (!o.webhook_secret_file.empty()) {
    Result<std::string> secret =
        base::FileSystem::Default().ReadFile(o.webhook_secret_file, 4096);
    if (!secret) return ReportError(secret.status());
    std::string line = secret->substr(0, secret->find('\n'));
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.size() < 16) {
      return ReportError(Status::InvalidInput(o.webhook_secret_file +
                                              ": the webhook secret must be at least 16 bytes"));
    }
    api.webhooks.secret = line;
  }
  options.listening = [&](const std::string& url) {
    // A connection string's password is masked (IndexDisplayName).
    std::printf("provcheck: serving %s on %s\n", IndexDisplayName(o.index_dir).c_str(),
                url.c_str());
    std::fflush(stdout);
  };
  if (Status s = server::Serve(std::move(options)); !s.ok()) return ReportError(s);
  return kExitPass;
}

}  // namespace provcheck::cli
