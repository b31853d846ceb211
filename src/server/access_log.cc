#include "server/access_log.h"

#include <chrono>
#include <cstdio>

#include "provcheck/sign.h"
#include "report/json_writer.h"

namespace provcheck::server {

std::string PrintableAscii(std::string_view s, size_t max_bytes) {
  std::string out;
  for (char c : s.substr(0, max_bytes)) out.push_back(c >= 0x20 && c < 0x7f ? c : '?');
  return out;
}

void AccessLog::Record(const AccessRecord& r) {
  if (out_ == nullptr) return;
  const auto now = std::chrono::system_clock::now();
  const auto ms =
      std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  report::JsonValue line = report::JsonValue::EmptyObject();
  line.Set("time", FormatUtcTime(ms / 1000));
  line.Set("remote", PrintableAscii(r.remote));
  line.Set("method", PrintableAscii(r.method, 32));
  line.Set("path", PrintableAscii(r.path));
  line.Set("status", r.status);
  line.Set("bytes_in", r.bytes_in);
  line.Set("bytes_out", r.bytes_out);
  line.Set("ms", static_cast<double>(static_cast<int64_t>(r.milliseconds * 1000)) / 1000);
  if (!r.scan_id.empty()) line.Set("scan", r.scan_id);
  if (!r.role.empty()) line.Set("role", r.role);
  if (!r.error.empty()) line.Set("error", r.error);
  const std::string text = line.Canonical() + "\n";
  base::MutexLock lock(&mu_);
  std::fwrite(text.data(), 1, text.size(), out_);
  std::fflush(out_);
}

}  // namespace provcheck::server
