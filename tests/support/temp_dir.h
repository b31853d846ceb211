// A temporary folder for a test, removed with everything in it afterwards.
#ifndef PROVCHECK_TESTS_SUPPORT_TEMP_DIR_H_
#define PROVCHECK_TESTS_SUPPORT_TEMP_DIR_H_

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace provcheck::testing {

class TempDir {
 public:
  TempDir() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "provcheck-test-XXXXXX").string();
    path_ = ::mkdtemp(pattern.data());
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string Join(const std::string& name) const { return path_ + "/" + name; }
  void Write(const std::string& name, const std::string& data) const {
    std::ofstream(Join(name), std::ios::binary) << data;
  }

 private:
  std::string path_;
};

}  // namespace provcheck::testing

#endif  // PROVCHECK_TESTS_SUPPORT_TEMP_DIR_H_
