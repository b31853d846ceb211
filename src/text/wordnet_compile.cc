// wordnet_compile: the build-time tool that turns WordNet's index and
// exception files (Debian's wordnet-base) into the synonym table linked into
// provcheck (synonyms.h describes the layout).
//
//   wordnet_compile WORDNET_DIR OUT
#include <xxhash.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace {

constexpr int kSensesPerPartOfSpeech = 3;  // the commonest senses only
const char* const kPartsOfSpeech[] = {"noun", "verb", "adj", "adv"};

int Fail(const std::string& what) {
  std::fprintf(stderr, "wordnet_compile: %s\n", what.c_str());
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 3) return Fail("usage: wordnet_compile WORDNET_DIR OUT");
  const std::string dir = argv[1];
  std::map<std::string, std::vector<uint32_t>> lemmas;  // word -> synset ids, commonest first
  for (uint32_t pos = 0; pos < 4; ++pos) {
    const std::string path = dir + "/index." + kPartsOfSpeech[pos];
    std::ifstream in(path);
    if (!in) return Fail(path + ": cannot read (install Debian's wordnet-base)");
    std::string line;
    size_t read = 0;
    while (std::getline(in, line)) {
      if (line.empty() || line[0] == ' ') continue;  // the licence header
      // lemma pos synset_cnt p_cnt [ptr_symbol]... sense_cnt tagsense_cnt offset...
      std::istringstream fields(line);
      std::string lemma, part, pointer;
      int synsets = 0, pointers = 0, senses = 0, tagged = 0;
      fields >> lemma >> part >> synsets >> pointers;
      for (int i = 0; i < pointers; ++i) fields >> pointer;
      fields >> senses >> tagged;
      if (!fields) return Fail(path + ": unexpected line: " + line.substr(0, 60));
      ++read;
      if (lemma.find('_') != std::string::npos) continue;  // phrases: looked up by single words
      std::vector<uint32_t>& ids = lemmas[lemma];
      uint32_t offset = 0;
      for (int i = 0; i < std::min(synsets, kSensesPerPartOfSpeech) && (fields >> offset); ++i) {
        ids.push_back(offset * 4 + pos);  // offsets are < 2^28: data files are < 256 MB
      }
    }
    if (read == 0) return Fail(path + ": no lemmas");
  }
  // Irregular forms ("went" -> "go") take their base form's synsets, unless
  // they are lemmas themselves.
  std::map<std::string, std::vector<uint32_t>> forms;
  for (const char* part : kPartsOfSpeech) {
    const std::string path = dir + "/" + part + ".exc";
    std::ifstream in(path);
    if (!in) return Fail(path + ": cannot read (install Debian's wordnet-base)");
    std::string line, form, base;
    while (std::getline(in, line)) {
      std::istringstream fields(line);
      if (!(fields >> form >> base) || lemmas.count(form)) continue;
      auto it = lemmas.find(base);
      if (it == lemmas.end()) continue;
      std::vector<uint32_t>& ids = forms[form];
      for (uint32_t id : it->second) {
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
      }
    }
  }
  lemmas.insert(forms.begin(), forms.end());

  struct Entry {
    uint64_t hash;
    uint32_t first, count;
  };
  std::vector<Entry> entries;
  std::vector<uint32_t> ids;
  for (const auto& [word, synsets] : lemmas) {
    if (synsets.empty()) continue;
    entries.push_back({XXH3_64bits(word.data(), word.size()), static_cast<uint32_t>(ids.size()),
                       static_cast<uint32_t>(synsets.size())});
    ids.insert(ids.end(), synsets.begin(), synsets.end());
  }
  std::sort(entries.begin(), entries.end(),
            [](const Entry& a, const Entry& b) { return a.hash < b.hash; });
  for (size_t i = 1; i < entries.size(); ++i) {
    if (entries[i].hash == entries[i - 1].hash) return Fail("two words with one hash");
  }
  // Open addressing on the hash's low bits, linear probing, at most half
  // full: a lookup touches one or two buckets instead of a binary search.
  uint32_t buckets = 1;
  while (buckets < 2 * entries.size()) buckets *= 2;
  std::vector<uint32_t> table(buckets, 0);  // entry index + 1; 0: empty
  for (uint32_t i = 0; i < entries.size(); ++i) {
    uint32_t b = static_cast<uint32_t>(entries[i].hash) & (buckets - 1);
    while (table[b] != 0) b = (b + 1) & (buckets - 1);
    table[b] = i + 1;
  }
  std::ofstream out(argv[2], std::ios::binary | std::ios::trunc);
  const uint32_t counts[3] = {static_cast<uint32_t>(entries.size()),
                              static_cast<uint32_t>(ids.size()), buckets};
  out.write("PCSYNON2", 8);
  out.write(reinterpret_cast<const char*>(counts), sizeof counts);
  out.write("\0\0\0\0", 4);  // entries start 8-byte aligned
  for (const Entry& e : entries) {
    out.write(reinterpret_cast<const char*>(&e.hash), 8);
    out.write(reinterpret_cast<const char*>(&e.first), 4);
    out.write(reinterpret_cast<const char*>(&e.count), 4);
  }
  out.write(reinterpret_cast<const char*>(ids.data()),
            static_cast<std::streamsize>(ids.size() * 4));
  out.write(reinterpret_cast<const char*>(table.data()),
            static_cast<std::streamsize>(table.size() * 4));
  if (!out.flush()) return Fail(std::string(argv[2]) + ": cannot write");
  std::printf("wordnet_compile: %zu words, %zu synset ids\n", entries.size(), ids.size());
  return 0;
}
