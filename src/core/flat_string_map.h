// A string-keyed table built once and then only read: open addressing over a power-of-two
// array of (hash, index) slots, a hash that takes the key eight bytes at a time, lookups by
// string_view without allocating. For the hot lookups of short names (the rule dispatch by
// call name), where std::unordered_map's byte-wise hash and modulo cost more than the rest.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace aegis {

template <typename V>
class FlatStringMap {
 public:
  FlatStringMap() = default;
  // From (key, value) pairs with distinct keys (a std::map or std::unordered_map).
  template <typename Pairs>
  explicit FlatStringMap(const Pairs& pairs) {
    for (const auto& [key, value] : pairs) entries_.emplace_back(std::string(key), value);
    std::size_t capacity = 8;
    while (capacity < entries_.size() * 2) capacity <<= 1;
    slots_.assign(capacity, Slot{});
    mask_ = capacity - 1;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      std::uint64_t h = hash(entries_[i].first);
      std::size_t at = static_cast<std::size_t>(h) & mask_;
      while (slots_[at].index != 0) at = (at + 1) & mask_;
      slots_[at] = Slot{static_cast<std::uint32_t>(h >> 32), static_cast<std::uint32_t>(i + 1)};
    }
  }

  bool empty() const { return entries_.empty(); }
  std::size_t size() const { return entries_.size(); }

  const V* find(std::string_view key) const {
    if (entries_.empty()) return nullptr;
    std::uint64_t h = hash(key);
    const auto tag = static_cast<std::uint32_t>(h >> 32);
    for (std::size_t at = static_cast<std::size_t>(h) & mask_;; at = (at + 1) & mask_) {
      const Slot& s = slots_[at];
      if (s.index == 0) return nullptr;
      if (s.tag == tag) {
        const auto& entry = entries_[s.index - 1];
        if (entry.first == key) return &entry.second;
      }
    }
  }
  bool contains(std::string_view key) const { return find(key) != nullptr; }

  // Eight bytes at a time, each word mixed in by a multiply; the length seeds it, so keys
  // that differ only in trailing zero bytes differ.
  static std::uint64_t hash(std::string_view s) {
    constexpr std::uint64_t kMul = 0x9E3779B97F4A7C15ULL;
    std::uint64_t h = 0xcbf29ce484222325ULL ^ (s.size() * kMul);
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
      std::uint64_t w;
      std::memcpy(&w, s.data() + i, 8);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    if (i < s.size()) {
      std::uint64_t w = 0;
      std::memcpy(&w, s.data() + i, s.size() - i);
      h = (h ^ w) * kMul;
      h ^= h >> 29;
    }
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
    return h;
  }

 private:
  struct Slot {
    std::uint32_t tag = 0;    // the hash's high half
    std::uint32_t index = 0;  // 1 + the entry's index; 0 when empty
  };
  std::vector<Slot> slots_;
  std::vector<std::pair<std::string, V>> entries_;
  std::size_t mask_ = 0;
};

}  // namespace aegis
