// A set of dotted names to test resolutions against, built once per rule:
//   static const QualifiedNameSet kShell{"subprocess.run", "subprocess.Popen", "os.system"};
// An entry ending in ".*" matches every name below that prefix ("pickle.*" matches
// "pickle.loads" and "pickle.Unpickler.load", not "pickle" itself).
#pragma once
#include <cstddef>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace aegis::sem {

class QualifiedNameSet {
 public:
  QualifiedNameSet() = default;
  QualifiedNameSet(std::initializer_list<std::string_view> names) {
    for (auto n : names) add(n);
  }
  explicit QualifiedNameSet(const std::vector<std::string>& names) {
    for (const auto& n : names) add(n);
  }

  void add(std::string_view name) {
    if (name.size() > 2 && name.substr(name.size() - 2) == ".*") {
      prefixes_.emplace(name.substr(0, name.size() - 1));  // keep the trailing '.'
      if (name.size() - 1 > longest_prefix_) longest_prefix_ = name.size() - 1;
    } else {
      exact_.emplace(name);
    }
  }

  bool contains(std::string_view name) const {
    if (name.empty()) return false;
    if (exact_.find(name) != exact_.end()) return true;
    if (prefixes_.empty()) return false;
    // Every proper prefix of `name` that ends at a '.' is a candidate.
    for (std::size_t i = 0; i < name.size() && i < longest_prefix_; ++i) {
      if (name[i] == '.' && prefixes_.find(name.substr(0, i + 1)) != prefixes_.end()) return true;
    }
    return false;
  }
  bool empty() const { return exact_.empty() && prefixes_.empty(); }
  // The entries: exact names, and prefixes (with their trailing '.') of ".*" entries.
  template <typename F>
  void for_each_exact(F&& f) const {
    for (const auto& n : exact_) f(std::string_view(n));
  }
  template <typename F>
  void for_each_prefix(F&& f) const {
    for (const auto& n : prefixes_) f(std::string_view(n));
  }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  std::unordered_set<std::string, Hash, std::equal_to<>> exact_;
  std::unordered_set<std::string, Hash, std::equal_to<>> prefixes_;
  std::size_t longest_prefix_ = 0;
};

}  // namespace aegis::sem
