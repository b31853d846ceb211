// zstd compression of stored document bytes.
#ifndef PROVCHECK_SRC_INDEX_COMPRESSION_H_
#define PROVCHECK_SRC_INDEX_COMPRESSION_H_

#include <string>
#include <string_view>

#include "provcheck/result.h"

namespace provcheck::index {

std::string Compress(std::string_view bytes);
// Fails with kCorruption when `compressed` is not a whole zstd frame.
Result<std::string> Decompress(std::string_view compressed);

}  // namespace provcheck::index

#endif  // PROVCHECK_SRC_INDEX_COMPRESSION_H_
