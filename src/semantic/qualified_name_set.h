// A set of dotted names to test resolutions against, built once per rule:
//   static const QualifiedNameSet kShell{"subprocess.run", "subprocess.Popen", "os.system"};
// An entry ending in ".*" matches every name below that prefix ("pickle.*" matches
// "pickle.loads" and "pickle.Unpickler.load", not "pickle" itself).
#pragma once
#include <cstddef>
#include <cstdint>
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
      prefix_first_bytes_ |= bit(name.front());
    } else {
      exact_.emplace(name);
      exact_lengths_ |= bit(name.size());
      exact_last_bytes_ |= bit(name.empty() ? '\0' : name.back());
    }
  }

  bool contains(std::string_view name) const {
    if (name.empty()) return false;
    // Most names asked about are of nothing in the set: an entry equal to `name` has its
    // length and last byte, an entry that prefixes it its first byte. Two bit tests reject
    // most names before any hashing.
    if ((exact_lengths_ & bit(name.size())) && (exact_last_bytes_ & bit(name.back())) &&
        exact_.find(name) != exact_.end())
      return true;
    if (prefixes_.empty() || !(prefix_first_bytes_ & bit(name.front()))) return false;
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
  // Bit (x mod 64) set for the length and the last byte of every exact entry, and for the
  // first byte of every prefix.
  static std::uint64_t bit(std::size_t x) { return std::uint64_t{1} << (x & 63); }
  static std::uint64_t bit(char c) { return bit(static_cast<std::size_t>(static_cast<unsigned char>(c))); }
  std::uint64_t exact_lengths_ = 0;
  std::uint64_t exact_last_bytes_ = 0;
  std::uint64_t prefix_first_bytes_ = 0;
};

}  // namespace aegis::sem
