#include "cli/did_you_mean.h"

#include <algorithm>
#include <vector>

namespace provcheck::cli {
namespace {

// Levenshtein distance, for the suggestion.
size_t EditDistance(const std::string& a, const std::string& b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      const size_t up = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] != b[j - 1])});
      diagonal = up;
    }
  }
  return row[b.size()];
}

}  // namespace

std::optional<std::string> UnknownSubcommand(const CLI::App& app, int argc, char** argv) {
  const CLI::App* level = &app;
  std::string prefix;
  for (int i = 1; i < argc; ++i) {
    const std::string word = argv[i];
    const std::vector<const CLI::App*> subs = level->get_subcommands([](const CLI::App*) {
      return true;
    });
    if (subs.empty() || word.empty() || word[0] == '-') return std::nullopt;
    const CLI::App* found = nullptr;
    const CLI::App* nearest = nullptr;
    size_t best = 0;
    for (const CLI::App* sub : subs) {
      if (sub->get_name() == word) found = sub;
      const size_t d = EditDistance(word, sub->get_name());
      if (nearest == nullptr || d < best) nearest = sub, best = d;
    }
    if (found != nullptr) {
      level = found;
      prefix += word + " ";
      continue;
    }
    std::string message = "unknown command \"" + prefix + word + "\"";
    // Suggest only a plausible typo: at most two edits, and fewer than the word's length.
    if (nearest != nullptr && best <= 2 && best < word.size()) {
      message += "; did you mean \"" + prefix + nearest->get_name() + "\"?";
    } else {
      std::string names;
      for (const CLI::App* sub : subs) names += (names.empty() ? "" : ", ") + sub->get_name();
      message += "; expected one of " + names;
    }
    return message;
  }
  return std::nullopt;
}

}  // namespace provcheck::cli
