#include "base/base64.h"

#include <array>
#include <cstdint>

namespace provcheck::base {
namespace {

constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// 0..63 for alphabet characters, -1 for everything else (including '=').
constexpr std::array<int8_t, 256> MakeDecodeTable() {
  std::array<int8_t, 256> t{};
  for (int8_t& v : t) v = -1;
  for (int i = 0; i < 64; ++i) t[static_cast<unsigned char>(kAlphabet[i])] = static_cast<int8_t>(i);
  return t;
}
constexpr std::array<int8_t, 256> kDecode = MakeDecodeTable();

Status Invalid(std::string_view name, std::string_view what, size_t at) {
  return Status::InvalidInput(std::string(name) + ": invalid base64: " + std::string(what) +
                              " at character " + std::to_string(at));
}

}  // namespace

std::string Base64Encode(std::string_view bytes) {
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  size_t i = 0;
  auto byte = [&](size_t k) { return static_cast<uint32_t>(static_cast<unsigned char>(bytes[k])); };
  for (; i + 3 <= bytes.size(); i += 3) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8 | byte(i + 2);
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back(kAlphabet[v & 63]);
  }
  const size_t rest = bytes.size() - i;
  if (rest == 1) {
    uint32_t v = byte(i) << 16;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out += "==";
  } else if (rest == 2) {
    uint32_t v = byte(i) << 16 | byte(i + 1) << 8;
    out.push_back(kAlphabet[v >> 18]);
    out.push_back(kAlphabet[(v >> 12) & 63]);
    out.push_back(kAlphabet[(v >> 6) & 63]);
    out.push_back('=');
  }
  return out;
}

Result<std::string> Base64Decode(std::string_view name, std::string_view text) {
  if (text.size() % 4 != 0) {
    return Status::InvalidInput(std::string(name) + ": invalid base64: length " +
                                std::to_string(text.size()) + " is not a multiple of 4");
  }
  size_t padding = 0;
  if (!text.empty() && text.back() == '=') padding = text[text.size() - 2] == '=' ? 2 : 1;
  const size_t data_chars = text.size() - padding;
  for (size_t k = 0; k < data_chars; ++k) {
    if (kDecode[static_cast<unsigned char>(text[k])] < 0) {
      return Invalid(name, text[k] == '=' ? "'=' before the end" : "unexpected character", k);
    }
  }
  std::string out;
  out.reserve(text.size() / 4 * 3);
  for (size_t k = 0; k < text.size(); k += 4) {
    auto d = [&](size_t j) {
      return j < data_chars ? static_cast<uint32_t>(kDecode[static_cast<unsigned char>(text[j])])
                            : 0u;
    };
    uint32_t v = d(k) << 18 | d(k + 1) << 12 | d(k + 2) << 6 | d(k + 3);
    out.push_back(static_cast<char>(v >> 16));
    if (k + 2 < data_chars) out.push_back(static_cast<char>((v >> 8) & 0xFF));
    if (k + 3 < data_chars) out.push_back(static_cast<char>(v & 0xFF));
  }
  // The bits of the last character that fall beyond the last byte must be
  // zero, or two encodings would decode to the same bytes.
  if (padding > 0) {
    const auto last_char = static_cast<unsigned char>(text[data_chars - 1]);
    const auto last = static_cast<uint32_t>(kDecode[last_char]);
    const uint32_t unused_mask = padding == 2 ? 0x0F : 0x03;
    if ((last & unused_mask) != 0) {
      return Invalid(name, "non-zero bits after the last byte", data_chars - 1);
    }
  }
  return out;
}

}  // namespace provcheck::base
