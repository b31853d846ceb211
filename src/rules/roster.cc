#include "rules/roster.h"

#include "base/utf8.h"
#include "rules/rule_set.h"

namespace provcheck::rules {

Status ParseRoster(std::string_view name, std::string_view bytes, std::set<std::string>* names) {
  if (base::FindNul(bytes)) return Status::InvalidInput(std::string(name) + ": binary file");
  uint32_t line_number = 0;
  for (size_t p = 0; p < bytes.size();) {
    size_t nl = bytes.find('\n', p);
    if (nl == std::string_view::npos) nl = bytes.size();
    const std::string_view line = bytes.substr(p, nl - p);
    p = nl + 1;
    ++line_number;
    if (base::FindInvalidUtf8(line)) {
      return Status::InvalidInput(std::string(name) + ":" + std::to_string(line_number) +
                                  ": invalid UTF-8");
    }
    std::string entry = NormaliseName(line);
    if (!entry.empty() && entry.compare(0, 3, "\xEF\xBB\xBF") == 0) entry.erase(0, 3);  // BOM
    if (entry.empty() || entry[0] == '#') continue;
    names->insert(std::move(entry));
  }
  return Status::Ok();
}

}  // namespace provcheck::rules
