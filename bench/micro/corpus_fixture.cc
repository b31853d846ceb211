#include "micro/corpus_fixture.h"

#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>

namespace provcheck::bench {
namespace {

constexpr size_t kDefaultArticles = 2000;

[[noreturn]] void Die(const std::string& what, const Status& status) {
  std::fprintf(stderr, "provcheck_micro: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(2);
}

size_t ArticleCount() {
  const char* env = std::getenv("PROVCHECK_MICRO_ARTICLES");
  if (env == nullptr || *env == '\0') return kDefaultArticles;
  return std::max<size_t>(10, std::strtoull(env, nullptr, 10));
}

std::string MakeTempDir() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "provcheck_micro_XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    std::perror("provcheck_micro: mkdtemp");
    std::exit(2);
  }
  return pattern;
}

}  // namespace

std::string DraftWithPassages(TextModel& model, const std::vector<const std::string*>& sources,
                              size_t words) {
  // Fresh prose in kPlantedPassages + 1 pieces, a copied passage between each two.
  const size_t fresh = (words - kPlantedPassages * kPassageWords) / (kPlantedPassages + 1);
  std::string draft = model.Text(fresh);
  for (size_t i = 0; i < kPlantedPassages; ++i) {
    draft += '\n';  // Text() ends in one: the passage is a paragraph of its own
    draft += model.Passage(*sources[i % sources.size()], kPassageWords);
    draft += "\n\n";
    draft += model.Text(fresh);
  }
  return draft;
}

CorpusFixture::~CorpusFixture() {
  index.reset();
  std::error_code ignored;
  if (!dir.empty()) std::filesystem::remove_all(std::filesystem::path(dir).parent_path(), ignored);
}

static std::unique_ptr<CorpusFixture> BuildCorpus() {
  auto f = std::make_unique<CorpusFixture>();
  f->dir = MakeTempDir() + "/index";
  auto start = std::chrono::steady_clock::now();
  auto index = Index::Open(f->dir, Index::Mode::kCreate);
  if (!index) Die("open " + f->dir, index.error());
  f->index = std::move(index).value();
  TextModel model(/*seed=*/7);
  AddSummary summary;
  uint64_t bytes = 0;
  for (size_t i = 0, n = ArticleCount(); i < n; ++i) {
    f->articles.push_back(model.Text(300 + model.Below(601)));
    const std::string id = std::string("a").append(std::to_string(i));
    Status s = f->index->AddFile(id + ".txt", f->articles.back(), Format::kText, id, &summary);
    if (!s.ok()) Die("add " + id, s);
    bytes += f->articles.back().size();
  }
  if (Status s = f->index->Commit(); !s.ok()) Die("commit", s);
  const size_t n = f->articles.size();
  f->draft = DraftWithPassages(
      model, {&f->articles[n / 7], &f->articles[n / 2], &f->articles[n - 1]}, kDraftWords);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::fprintf(stderr,
               "provcheck_micro: indexed %zu generated articles (%.1f MB) in %.1f s in %s\n", n,
               bytes / 1e6, seconds, f->dir.c_str());
  return f;
}

CorpusFixture& SharedCorpus() {
  static std::unique_ptr<CorpusFixture> fixture = BuildCorpus();  // removed at exit
  return *fixture;
}

}  // namespace provcheck::bench
