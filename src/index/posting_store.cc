#include "index/posting_store.h"

#include <sys/stat.h>

#include <algorithm>

#include "base/sha256.h"
#include "base/uniform_sort.h"

namespace provcheck::index {
namespace {

// Staged postings above this many are written as a segment of their own:
// bounds a writer's memory (8 bytes each, twice while sorting) whatever the size of a batch.
constexpr size_t kMaxStaged = size_t{32} << 20;

bool IsSegmentName(const std::string& name) {
  const std::string suffix = kSegmentSuffix;
  return name.size() > suffix.size() &&
         name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Sorts staged postings (hash << 32 | doc) by hash, keeping the order of
// equal hashes: an LSD radix sort over the 32 hash bits, several times
// faster than a comparison sort on millions of postings.
void SortByHash(std::vector<uint64_t>& v) {
  static_assert(kSegmentHashBits == 32, "a staged posting packs a 32-bit hash above its doc");
  constexpr int kDigitBits = 11;
  constexpr uint64_t kDigitMask = (1 << kDigitBits) - 1;
  std::vector<uint64_t> tmp(v.size());
  for (uint32_t shift = 32; shift < 64; shift += kDigitBits) {
    std::vector<size_t> counts(kDigitMask + 2, 0);
    for (uint64_t e : v) ++counts[((e >> shift) & kDigitMask) + 1];
    for (size_t i = 1; i < counts.size(); ++i) counts[i] += counts[i - 1];
    for (uint64_t e : v) tmp[counts[(e >> shift) & kDigitMask]++] = e;
    v.swap(tmp);
  }
}

}  // namespace

Result<std::vector<SegmentInfo>> PostingStore::ListCatalog() {
  PROVCHECK_ASSIGN_OR_RETURN(Statement q,
                             db_->Prepare("SELECT name, entries, bytes, min_doc, max_doc, sha256 "
                                          "FROM segments ORDER BY name"));
  std::vector<SegmentInfo> out;
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    SegmentInfo s;
    s.name = q.Text(0);
    s.count = static_cast<uint64_t>(q.Int(1));
    s.bytes = static_cast<uint64_t>(q.Int(2));
    s.min_doc = static_cast<uint32_t>(q.Int(3));
    s.max_doc = static_cast<uint32_t>(q.Int(4));
    s.sha256 = q.Text(5);
    if (s.name.find('/') != std::string::npos || !IsSegmentName(s.name)) {
      return Status::Corruption(dir_ + ": damaged index: bad segment name \"" + s.name + "\"");
    }
    out.push_back(std::move(s));
  }
  return out;
}

Status PostingStore::Load() {
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<SegmentInfo> listed, ListCatalog());
  std::vector<Listed> next;
  for (SegmentInfo& info : listed) {
    auto same = std::find_if(segments_.begin(), segments_.end(),
                             [&](const Listed& l) { return l.info.name == info.name; });
    if (same != segments_.end()) {
      next.push_back(*same);  // immutable: a mapped file stays valid
      continue;
    }
    PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<SegmentReader> reader,
                               SegmentReader::Open(folder_ + "/" + info.name));
    if (reader->count() != info.count) {
      return Status::Corruption(folder_ + "/" + info.name + ": holds " +
                                std::to_string(reader->count()) + " postings, the catalog says " +
                                std::to_string(info.count));
    }
    next.push_back({std::move(info), std::shared_ptr<SegmentReader>(std::move(reader))});
  }
  segments_ = std::move(next);
  removed_.clear();
  PROVCHECK_ASSIGN_OR_RETURN(Statement q, db_->Prepare("SELECT doc FROM removed_docs"));
  while (true) {
    PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
    if (!row) break;
    removed_.insert(static_cast<uint32_t>(q.Int(0)));
  }
  return Status::Ok();
}

Status PostingStore::Lookup(const std::vector<uint64_t>& hashes, uint32_t cap,
                            std::vector<Posting>* out) const {
  // Sorted kept hashes: each distinct one is looked up once, and the
  // segments are read in order (page locality).
  std::vector<std::pair<uint64_t, uint32_t>> order;
  order.reserve(hashes.size());
  for (uint32_t i = 0; i < hashes.size(); ++i) order.emplace_back(SegmentHash(hashes[i]), i);
  base::SortUniform(order);
  // Three passes of prefetches (segment_reader.h) so the lookups below find
  // their cache lines loaded: a scan's misses overlap.
  for (int stage = 0; stage < 3; ++stage) {
    for (const Listed& s : segments_) {
      for (size_t i = 0; i < order.size(); ++i) {
        if (i == 0 || order[i].first != order[i - 1].first) {
          s.reader->Prefetch(order[i].first, stage);
        }
      }
    }
  }
  std::vector<uint32_t> docs;
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j < order.size() && order[j].first == order[i].first) ++j;
    docs.clear();
    bool too_many = false;
    for (const Listed& s : segments_) {
      s.reader->ForEachDoc(order[i].first, [&](uint32_t doc) {
        if (!removed_.empty() && removed_.count(doc)) return;
        docs.push_back(doc);
      });
      if (docs.size() > cap) {
        too_many = true;  // boilerplate: in very many documents
        break;
      }
    }
    if (!too_many) {
      for (size_t k = i; k < j; ++k) {
        for (uint32_t doc : docs) out->push_back({order[k].second, doc});
      }
    }
    i = j;
  }
  return Status::Ok();
}

uint64_t PostingStore::DiskBytes() const {
  uint64_t total = 0;
  for (const Listed& s : segments_) total += s.info.bytes;
  return total;
}

Status PostingStore::Stage(uint32_t doc, const std::vector<uint64_t>& kept_hashes) {
  constexpr uint32_t kNarrow = kHashBits - kSegmentHashBits;
  for (uint64_t h : kept_hashes) staged_.push_back((h >> kNarrow) << 32 | doc);
  if (staged_.size() >= kMaxStaged) return WriteStaged();
  return Status::Ok();
}

Status PostingStore::MarkRemoved(uint32_t doc) {
  PROVCHECK_ASSIGN_OR_RETURN(Statement put,
                             db_->Prepare("INSERT OR IGNORE INTO removed_docs(doc) VALUES(?)"));
  put.BindInt(1, doc);
  return put.Run();
}

Result<std::string> PostingStore::NextName() {
  PROVCHECK_ASSIGN_OR_RETURN(Statement q,
                             db_->Prepare("SELECT value FROM meta WHERE key = 'next_segment'"));
  PROVCHECK_ASSIGN_OR_RETURN(bool row, q.Step());
  uint64_t n = row ? std::stoull("0" + q.Text(0)) : 1;
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement put,
      db_->Prepare("INSERT OR REPLACE INTO meta(key, value) VALUES('next_segment', ?)"));
  put.BindText(1, std::to_string(n + 1));
  PROVCHECK_RETURN_IF_ERROR(put.Run());
  char name[32];
  std::snprintf(name, sizeof name, "%010llu%s", static_cast<unsigned long long>(n), kSegmentSuffix);
  return std::string(name);
}

Status PostingStore::Insert(const SegmentInfo& info) {
  PROVCHECK_ASSIGN_OR_RETURN(
      Statement put, db_->Prepare("INSERT INTO segments(name, entries, bytes, min_doc, max_doc, "
                                  "sha256) VALUES(?, ?, ?, ?, ?, ?)"));
  put.BindText(1, info.name);
  put.BindInt(2, static_cast<int64_t>(info.count));
  put.BindInt(3, static_cast<int64_t>(info.bytes));
  put.BindInt(4, info.min_doc);
  put.BindInt(5, info.max_doc);
  put.BindText(6, info.sha256);
  return put.Run();
}

Status PostingStore::WriteStaged() {
  if (staged_.empty()) return Status::Ok();
  // Documents are staged in ascending number: a stable sort by hash leaves
  // equal hashes ordered by document.
  constexpr uint64_t kDocMask = 0xffffffffu;
  auto by_doc = [](uint64_t a, uint64_t b) { return (a & kDocMask) < (b & kDocMask); };
  if (!std::is_sorted(staged_.begin(), staged_.end(), by_doc)) {
    std::stable_sort(staged_.begin(), staged_.end(), by_doc);
  }
  SortByHash(staged_);
  // Two kept hashes of a document may share their top 32 bits: one posting.
  staged_.erase(std::unique(staged_.begin(), staged_.end()), staged_.end());
  uint32_t min_doc = UINT32_MAX, max_doc = 0;
  for (uint64_t e : staged_) {
    const auto doc = static_cast<uint32_t>(e & kDocMask);
    min_doc = std::min(min_doc, doc);
    max_doc = std::max(max_doc, doc);
  }
  PROVCHECK_RETURN_IF_ERROR(fs_->CreateDirectories(folder_));
  PROVCHECK_ASSIGN_OR_RETURN(std::string name, NextName());
  written_.push_back(name);
  PROVCHECK_ASSIGN_OR_RETURN(
      std::unique_ptr<SegmentWriter> w,
      SegmentWriter::Create(*fs_, folder_, name, staged_.size(), min_doc, max_doc));
  for (uint64_t e : staged_) {
    PROVCHECK_RETURN_IF_ERROR(w->Add(e >> 32, static_cast<uint32_t>(e & kDocMask)));
  }
  PROVCHECK_ASSIGN_OR_RETURN(SegmentInfo info, w->Finish());
  staged_.clear();
  staged_.shrink_to_fit();
  return Insert(info);
}

void PostingStore::Abandon() {
  staged_.clear();
  for (const std::string& name : written_) {
    (void)fs_->RemoveFile(folder_ + "/" + name + ".tmp");
    (void)fs_->RemoveFile(folder_ + "/" + name);
  }
  written_.clear();
}

Status PostingStore::RemoveOrphans() {
  if (fs_->Kind(folder_) != base::PathKind::kDirectory) return Status::Ok();
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<SegmentInfo> listed, ListCatalog());
  PROVCHECK_ASSIGN_OR_RETURN(std::vector<std::string> names, fs_->ListFolder(folder_));
  for (const std::string& name : names) {
    bool live = std::any_of(listed.begin(), listed.end(),
                            [&](const SegmentInfo& s) { return s.name == name; });
    if (!live) PROVCHECK_RETURN_IF_ERROR(fs_->RemoveFile(folder_ + "/" + name));
  }
  return Status::Ok();
}

Status PostingStore::MergeSome() {
  bool merged = false;
  while (true) {
    PROVCHECK_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
    Status s = [&]() -> Status {
      PROVCHECK_ASSIGN_OR_RETURN(std::vector<SegmentInfo> listed, ListCatalog());
      // The newest run whose entries reach half the segment before it, of
      // one version: a version 1 segment's 40-bit hashes do not merge in
      // order with 32-bit ones.
      PROVCHECK_RETURN_IF_ERROR(Load());
      size_t k = listed.empty() ? 0 : 1;
      uint64_t tail = k ? listed.back().count : 0;
      const uint32_t bits = k ? HashBitsOf(listed.back().name) : 0;
      while (k < listed.size() && tail * 2 >= listed[listed.size() - 1 - k].count &&
             HashBitsOf(listed[listed.size() - 1 - k].name) == bits) {
        tail += listed[listed.size() - 1 - k].count;
        ++k;
      }
      if (k < 2) return Status::NotFound("nothing to merge");
      return MergeTail({listed.end() - static_cast<std::ptrdiff_t>(k), listed.end()});
    }();
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      Abandon();
      if (s.code() != StatusCode::kNotFound) return s;
      break;
    }
    if (Status c = db_->Exec("COMMIT"); !c.ok()) {
      (void)db_->Exec("ROLLBACK");
      Abandon();
      return c;
    }
    Committed();
    merged = true;
  }
  if (!merged) return Status::Ok();
  // The merged-away files, under the write lock: no other writer's new
  // file is mistaken for one.
  PROVCHECK_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  Status s = RemoveOrphans();
  (void)db_->Exec(s.ok() ? "COMMIT" : "ROLLBACK");
  return s;
}

Status PostingStore::MergeTail(const std::vector<SegmentInfo>& tail) {
  PROVCHECK_RETURN_IF_ERROR(Load());
  std::vector<std::shared_ptr<SegmentReader>> inputs;
  uint64_t count = 0;
  uint32_t min_doc = UINT32_MAX, max_doc = 0;
  for (const SegmentInfo& t : tail) {
    for (const Listed& l : segments_) {
      if (l.info.name == t.name) inputs.push_back(l.reader);
    }
    count += t.count;
    min_doc = std::min(min_doc, t.min_doc);
    max_doc = std::max(max_doc, t.max_doc);
  }
  if (inputs.size() != tail.size()) return Status::Internal("merging a segment that is not loaded");
  PROVCHECK_ASSIGN_OR_RETURN(std::string name, NextName());
  written_.push_back(name);
  PROVCHECK_ASSIGN_OR_RETURN(std::unique_ptr<SegmentWriter> w,
                             SegmentWriter::Create(*fs_, folder_, name, count, min_doc, max_doc,
                                                   inputs.front()->hash_bits()));
  // k-way merge by (hash, doc); removed documents are dropped here. k is
  // small (a handful of segments): a linear pick beats a heap.
  std::vector<SegmentReader::Cursor> cursors;
  cursors.reserve(inputs.size());
  std::vector<std::pair<uint64_t, uint32_t>> heads;
  std::vector<size_t> live;
  for (size_t i = 0; i < inputs.size(); ++i) {
    cursors.emplace_back(*inputs[i]);
    if (cursors.back().Valid()) {
      live.push_back(i);
    }
    heads.push_back(cursors.back().Valid()
                        ? std::make_pair(cursors.back().hash(), cursors.back().doc())
                        : std::make_pair(UINT64_MAX, UINT32_MAX));
  }
  std::pair<uint64_t, uint32_t> last{UINT64_MAX, 0};
  while (!live.empty()) {
    size_t best = 0;
    for (size_t j = 1; j < live.size(); ++j) {
      if (heads[live[j]] < heads[live[best]]) best = j;
    }
    const size_t i = live[best];
    const std::pair<uint64_t, uint32_t> entry = heads[i];
    if (entry != last && (removed_.empty() || !removed_.count(entry.second))) {
      PROVCHECK_RETURN_IF_ERROR(w->Add(entry.first, entry.second));
      last = entry;
    }
    cursors[i].Next();
    if (cursors[i].Valid()) {
      heads[i] = {cursors[i].hash(), cursors[i].doc()};
    } else {
      live.erase(live.begin() + static_cast<std::ptrdiff_t>(best));
    }
  }
  PROVCHECK_ASSIGN_OR_RETURN(SegmentInfo info, w->Finish());
  PROVCHECK_ASSIGN_OR_RETURN(Statement del, db_->Prepare("DELETE FROM segments WHERE name = ?"));
  for (const SegmentInfo& t : tail) {
    del.BindText(1, t.name);
    PROVCHECK_RETURN_IF_ERROR(del.Run());
    del.Reset();
  }
  PROVCHECK_RETURN_IF_ERROR(Insert(info));
  // A removed number is remembered while a segment may still hold it.
  return db_->Exec(
      "DELETE FROM removed_docs WHERE NOT EXISTS (SELECT 1 FROM segments "
      "WHERE removed_docs.doc BETWEEN segments.min_doc AND segments.max_doc)");
}

uint32_t PostingStore::HashBitsOf(const std::string& name) const {
  for (const Listed& l : segments_) {
    if (l.info.name == name) return l.reader->hash_bits();
  }
  return kHashBits;
}

Status PostingStore::VerifySegments() {
  for (const Listed& s : segments_) {
    const std::string path = folder_ + "/" + s.info.name;
    if (base::Sha256Hex(s.reader->bytes()) != s.info.sha256) {
      return Status::Corruption(path + ": postings segment does not match its sha256");
    }
    PROVCHECK_RETURN_IF_ERROR(s.reader->CheckDirectory());
    std::pair<uint64_t, uint32_t> prev{0, 0};
    bool first = true;
    for (SegmentReader::Cursor c(*s.reader); c.Valid(); c.Next()) {
      std::pair<uint64_t, uint32_t> e{c.hash(), c.doc()};
      if ((!first && e <= prev) || e.second < s.info.min_doc || e.second > s.info.max_doc) {
        return Status::Corruption(path + ": postings out of order or out of range");
      }
      prev = e;
      first = false;
    }
  }
  return Status::Ok();
}

Status PostingStore::Collect(uint32_t first, uint32_t last,
                             std::vector<std::pair<uint64_t, uint32_t>>* out) const {
  for (const Listed& s : segments_) {
    if (s.info.max_doc < first || s.info.min_doc > last) continue;
    const uint32_t narrow = s.reader->hash_bits() - kVerifyHashBits;
    for (SegmentReader::Cursor c(*s.reader); c.Valid(); c.Next()) {
      uint32_t doc = c.doc();
      if (doc >= first && doc <= last && !removed_.count(doc)) {
        out->emplace_back(c.hash() >> narrow, doc);
      }
    }
  }
  return Status::Ok();
}

}  // namespace provcheck::index
