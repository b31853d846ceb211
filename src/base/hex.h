// Lower-case hexadecimal encoding.
#ifndef PROVCHECK_SRC_BASE_HEX_H_
#define PROVCHECK_SRC_BASE_HEX_H_

#include <string>
#include <string_view>

namespace provcheck::base {

std::string HexEncode(std::string_view bytes);

}  // namespace provcheck::base

#endif  // PROVCHECK_SRC_BASE_HEX_H_
