#include "index/document_preparer.h"

#include <algorithm>
#include <bit>
#include <functional>

#include "base/uniform_sort.h"
#include "index/compression.h"
#include "index/segment_format.h"

namespace provcheck::index {

fingerprint::FingerprintSettings FingerprintSettingsOf(const IndexSettings& s) {
  return {s.shingle_words, s.window, s.max_postings, s.stem_shingle_words, s.stem_window};
}

Result<std::vector<uint64_t>> StoredDocumentHasher::KeptHashesOf(std::string_view original,
                                                                 Format format,
                                                                 const IndexSettings& settings) {
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<text::Article> articles,
                             text::ReadArticles("stored document", original, format));
  if (articles.size() != 1) return Status::Corruption("stored document reads as several articles");
  if (!normaliser_) {
    PROVCHECK_ASSIGN_OR_RETURN(normaliser_, text::Normaliser::Create());
  }
  if (!stemmer_) {
    PROVCHECK_ASSIGN_OR_RETURN(stemmer_, text::WordStemmer::Create());
  }
  return KeptHashes(*normaliser_, *stemmer_, articles[0].body.text(),
                    FingerprintSettingsOf(settings), nullptr);
}

namespace {

Status CheckId(const std::string& id, const std::string& path) {
  if (id.empty()) return Status::InvalidInput(path + ": document has an empty id");
  if (id.size() > 512) return Status::InvalidInput(path + ": document id longer than 512 bytes");
  for (unsigned char c : id) {
    if (c < 0x20 || c == 0x7f) {
      return Status::InvalidInput(path + ": document id \"" + id + "\" holds a control character");
    }
  }
  return Status::Ok();
}

}  // namespace

void SortUniformHashes(std::vector<uint64_t>& hashes) {
  base::SortUniform(hashes);
}

Result<std::vector<std::string>> ArticleIds(const std::vector<text::Article>& articles,
                                            const std::string& path, const std::string& default_id,
                                            const text::FilePart& part) {
  std::vector<std::string> ids;
  ids.reserve(articles.size());
  for (size_t i = 0; i < articles.size(); ++i) {
    std::string id = articles[i].meta.id;
    if (id.empty()) {
      id = part.whole && articles.size() == 1
               ? default_id
               : default_id + "#" + std::to_string(part.records_before + i + 1);
    }
    PROVCHECK_RETURN_IF_ERROR(CheckId(id, path));
    ids.push_back(std::move(id));
  }
  return ids;
}

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
  SortUniformHashes(kept);
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
