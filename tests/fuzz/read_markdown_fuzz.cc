// Fuzzes provcheck::text::ReadArticles with Format::kMarkdown; the invariants are
// listed in reader_fuzz.h.
#include <cstddef>
#include <cstdint>

#include "reader_fuzz.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  provcheck::fuzz::FuzzReader(provcheck::Format::kMarkdown, data, size);
  return 0;
}
