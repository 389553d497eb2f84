// Test code: findings there are tagged `context: test` and ranked down, and some rules
// (assert) stay silent. Decided from the path relative to the scan root.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace aegis::rules {

// The default patterns, in the gitignore-like syntax of `test-paths` in the configuration.
const std::vector<std::string>& default_test_patterns();

// True when `relative_path` ('/'-separated, relative to the scan root) is test code:
// a directory component named tests, test, testing or fixtures; a file named test_*.py,
// *_test.py, tests.py or conftest.py; or a match of one of `extra_patterns`
// (fnmatch globs over the relative path; "dir/" matches everything below a directory).
bool is_test_path(std::string_view relative_path, const std::vector<std::string>& extra_patterns = {});

}  // namespace aegis::rules

namespace aegis::rules {

// The pattern (a default one, or one of `extra_patterns`) that makes `relative_path` test
// code; "" when it is not. For `aegis config --why`.
std::string matching_test_pattern(std::string_view relative_path, const std::vector<std::string>& extra_patterns = {});

}  // namespace aegis::rules
