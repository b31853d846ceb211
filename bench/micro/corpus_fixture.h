// CorpusFixture: generated articles in a temporary index, built once per
// process through the public provcheck::Index API, and drafts that copy
// passages from them; shared by the index, align and scan benchmarks.
//
// The index has PROVCHECK_MICRO_ARTICLES articles (default 2000) of 300 to
// 900 words; its folder is removed when the process exits.
//
// Thread-safety: none; the benchmarks run on one thread.
#ifndef PROVCHECK_BENCH_MICRO_CORPUS_FIXTURE_H_
#define PROVCHECK_BENCH_MICRO_CORPUS_FIXTURE_H_

#include <memory>
#include <string>
#include <vector>

#include "micro/text_model.h"
#include "provcheck/index.h"

namespace provcheck::bench {

constexpr size_t kDraftWords = 1000;
constexpr size_t kPlantedPassages = 3;
constexpr size_t kPassageWords = 60;

// About `words` words of fresh prose with kPlantedPassages passages of
// kPassageWords words copied from `sources` (in turn) between its paragraphs.
std::string DraftWithPassages(TextModel& model, const std::vector<const std::string*>& sources,
                              size_t words);

struct CorpusFixture {
  std::string dir;                    // the index folder
  std::vector<std::string> articles;  // bodies; article i has id "a<i>"
  std::unique_ptr<Index> index;
  std::string draft;  // kDraftWords words copying from three indexed articles

  ~CorpusFixture();
};

// Builds the fixture on the first call; exits the process with a message if
// the index cannot be built (a benchmark without its data means nothing).
CorpusFixture& SharedCorpus();

}  // namespace provcheck::bench

#endif  // PROVCHECK_BENCH_MICRO_CORPUS_FIXTURE_H_
