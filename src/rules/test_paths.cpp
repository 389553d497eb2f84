#include "rules/test_paths.h"

#include <fnmatch.h>

namespace aegis::rules {

const std::vector<std::string>& default_test_patterns() {
  static const std::vector<std::string> patterns = {
      "tests/", "test/", "testing/", "fixtures/", "test_*.py", "*_test.py", "tests.py", "conftest.py",
  };
  return patterns;
}

namespace {

bool component_matches(std::string_view path, const std::string& pattern) {
  bool directory = !pattern.empty() && pattern.back() == '/';
  std::string glob = directory ? pattern.substr(0, pattern.size() - 1) : pattern;
  bool anchored = glob.find('/') != std::string::npos;
  if (anchored) {
    // A pattern with a slash matches the path from the root (and, for "dir/", below it).
    std::string p(path);
    if (::fnmatch(glob.c_str(), p.c_str(), FNM_PATHNAME) == 0) return true;
    if (directory) {
      for (std::size_t i = p.find('/'); i != std::string::npos; i = p.find('/', i + 1)) {
        if (::fnmatch(glob.c_str(), p.substr(0, i).c_str(), FNM_PATHNAME) == 0) return true;
      }
    }
    return false;
  }
  // Otherwise any component matches: directories only for "dir/", the file name otherwise.
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    bool is_dir = slash != std::string_view::npos;
    std::string component(path.substr(start, is_dir ? slash - start : std::string_view::npos));
    if ((directory ? is_dir : !is_dir) && ::fnmatch(glob.c_str(), component.c_str(), 0) == 0) return true;
    if (!is_dir) break;
    start = slash + 1;
  }
  return false;
}

}  // namespace

bool is_test_path(std::string_view relative_path, const std::vector<std::string>& extra_patterns) {
  for (const auto& p : default_test_patterns()) {
    if (component_matches(relative_path, p)) return true;
  }
  for (const auto& p : extra_patterns) {
    if (component_matches(relative_path, p)) return true;
  }
  return false;
}

}  // namespace aegis::rules

namespace aegis::rules {

std::string matching_test_pattern(std::string_view relative_path, const std::vector<std::string>& extra_patterns) {
  for (const auto& p : default_test_patterns()) {
    if (component_matches(relative_path, p)) return p;
  }
  for (const auto& p : extra_patterns) {
    if (component_matches(relative_path, p)) return p;
  }
  return "";
}

}  // namespace aegis::rules
