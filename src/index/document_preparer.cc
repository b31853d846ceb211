#include "index/document_preparer.h"

#include <algorithm>

#include "index/compression.h"
#include "index/segment_format.h"

namespace provcheck::index {

std::vector<uint64_t> KeptHashes(text::Normaliser& normaliser, text::WordStemmer& stemmer,
                                 std::string_view extracted,
                                 const fingerprint::FingerprintSettings& settings,
                                 uint32_t* words) {
  fingerprint::AnalysedText analysed = fingerprint::Analyse(normaliser, extracted, settings);
  if (words) *words = static_cast<uint32_t>(analysed.tokens.size());
  std::vector<fingerprint::Fingerprint> fps;
  if (settings.stem_shingle_words == 0) {
    fps = fingerprint::CorpusFingerprints(analysed, settings);
  } else {
    fingerprint::AddSentenceFeatures(stemmer, extracted, analysed);
    fps = fingerprint::CorpusFingerprints(analysed, settings, &stemmer);
  }
  std::vector<uint64_t> kept;
  kept.reserve(fps.size());
  for (const auto& f : fps) kept.push_back(SegmentHash(f.hash));
  std::sort(kept.begin(), kept.end());
  kept.erase(std::unique(kept.begin(), kept.end()), kept.end());
  return kept;
}

DocumentPreparer::DocumentPreparer(unsigned threads, fingerprint::FingerprintSettings settings)
    : settings_(settings) {
  for (unsigned i = 0; i < std::max(1u, threads); ++i) workers_.emplace_back([this] { Work(); });
}

DocumentPreparer::~DocumentPreparer() {
  {
    base::MutexLock lock(&mu_);
    stopping_ = true;
  }
  work_ready_.SignalAll();
  for (std::thread& t : workers_) t.join();
}

void DocumentPreparer::Submit(std::unique_ptr<PreparedDocument> doc) {
  auto slot = std::make_shared<Slot>();
  slot->doc = std::move(doc);
  {
    base::MutexLock lock(&mu_);
    queue_.push_back(std::move(slot));
  }
  work_ready_.Signal();
}

std::unique_ptr<PreparedDocument> DocumentPreparer::Next() {
  base::MutexLock lock(&mu_);
  if (queue_.empty()) return nullptr;
  std::shared_ptr<Slot> front = queue_.front();
  while (!front->done) work_done_.Wait(&mu_);
  queue_.pop_front();
  --started_;  // the front was started
  return std::move(front->doc);
}

void DocumentPreparer::Work() {
  Result<std::unique_ptr<text::Normaliser>> normaliser = text::Normaliser::Create();
  Result<std::unique_ptr<text::WordStemmer>> stemmer = text::WordStemmer::Create();
  while (true) {
    std::shared_ptr<Slot> slot;
    {
      base::MutexLock lock(&mu_);
      while (!stopping_ && started_ == queue_.size()) work_ready_.Wait(&mu_);
      if (started_ == queue_.size()) return;  // stopping, nothing left
      slot = queue_[started_++];
    }
    PreparedDocument& d = *slot->doc;
    if (!normaliser || !stemmer) {
      d.status = !normaliser ? normaliser.status() : stemmer.status();
    } else {
      d.kept_hashes =
          KeptHashes(**normaliser, **stemmer, d.article.body.text(), settings_, &d.words);
      d.compressed = Compress(d.article.original, d.dict.get());
    }
    {
      base::MutexLock lock(&mu_);
      slot->done = true;
    }
    work_done_.SignalAll();
  }
}

}  // namespace provcheck::index
