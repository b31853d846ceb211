#include "index/digest.h"

#include "base/hex.h"
#include "index/schema.h"

namespace provcheck::index {

DigestBuilder::DigestBuilder(const IndexSettings& settings) {
  std::string head = std::string(kFormatName) +
                     "\nshingle_words=" + std::to_string(settings.shingle_words) +
                     "\nwindow=" + std::to_string(settings.window) +
                     "\nmax_postings=" + std::to_string(settings.max_postings) +
                     "\nstem_shingle_words=" + std::to_string(settings.stem_shingle_words) +
                     "\nstem_window=" + std::to_string(settings.stem_window) + "\n";
  hash_.Update(head);
}

void DigestBuilder::AddDocument(std::string_view id, std::string_view sha256_hex,
                                std::string_view record_sha256_hex) {
  // Ids are checked to hold no control characters, so tab and newline
  // separate fields unambiguously.
  std::string line;
  line.reserve(id.size() + 140);
  line.append(id).append("\t").append(sha256_hex).append("\t").append(record_sha256_hex);
  line.push_back('\n');
  hash_.Update(line);
}

std::string DigestBuilder::Finish() {
  base::Sha256Digest d = hash_.Finish();
  const std::string hex =
      base::HexEncode(std::string_view(reinterpret_cast<const char*>(d.data()), d.size()));
  return "sha256:" + hex;
}

std::string RecordSha256(const DocumentMeta& meta, std::string_view content_sha256_hex) {
  // Length-prefixed fields: no separator can be forged by a field's content.
  std::string buf;
  auto field = [&buf](std::string_view s) {
    buf.append(std::to_string(s.size())).push_back(':');
    buf.append(s);
  };
  field(content_sha256_hex);
  field(meta.id);
  field(meta.title);
  field(meta.publisher);
  buf.append(std::to_string(meta.authors.size())).push_back('#');
  for (const std::string& a : meta.authors) field(a);
  field(meta.date);
  field(meta.url);
  field(meta.licence);
  return base::Sha256Hex(buf);
}

}  // namespace provcheck::index
