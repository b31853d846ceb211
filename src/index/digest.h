// The index digest: what a report cites to say which corpus it was checked
// against. It covers the settings and, for every document in id order, its
// id, the SHA-256 of its bytes and of its metadata, so it changes exactly
// when the indexed content or settings change (docs/index-format.md).
#ifndef PROVCHECK_SRC_INDEX_DIGEST_H_
#define PROVCHECK_SRC_INDEX_DIGEST_H_

#include <string>
#include <string_view>

#include "base/sha256.h"
#include "provcheck/document.h"
#include "provcheck/index.h"

namespace provcheck::index {

class DigestBuilder {
 public:
  explicit DigestBuilder(const IndexSettings& settings);
  // REQUIRES: calls in ascending byte order of id.
  void AddDocument(std::string_view id, std::string_view sha256_hex,
                   std::string_view record_sha256_hex);
  // "sha256:<hex>"
  std::string Finish();

 private:
  base::Sha256 hash_;
};

// The SHA-256 (hex) of a document's metadata and content digest together:
// equal records mean "unchanged" on re-add.
std::string RecordSha256(const DocumentMeta& meta, std::string_view content_sha256_hex);

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_DIGEST_H_
