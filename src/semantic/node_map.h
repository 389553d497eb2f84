// Small open-addressing hash maps for the semantic index's side tables: keyed by AST node
// address or by (scope, name). Flat arrays with linear probing; no erase (never needed).
#pragma once
#include <cstddef>
#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace aegis::sem {

inline std::uint64_t mix_hash(std::uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  return x;
}

template <typename V>
class NodeMap {
 public:
  void reserve(std::size_t n) {
    std::size_t want = 16;
    while (want < n * 2) want <<= 1;
    if (want > slots_.size()) rehash(want);
  }
  std::size_t size() const { return size_; }

  // Inserts or overwrites.
  void set(const void* key, const V& value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    std::size_t i = slot_for(key);
    if (slots_[i].first == nullptr) {
      slots_[i].first = key;
      ++size_;
    }
    slots_[i].second = value;
  }
  const V* find(const void* key) const {
    if (slots_.empty() || key == nullptr) return nullptr;
    std::size_t i = slot_for(key);
    return slots_[i].first == nullptr ? nullptr : &slots_[i].second;
  }

 private:
  std::size_t slot_for(const void* key) const {
    std::size_t mask = slots_.size() - 1;
    // Fibonacci hashing of the address; nodes are 8-aligned, the high bits are well mixed.
    std::size_t i = static_cast<std::size_t>(
                        (reinterpret_cast<std::uintptr_t>(key) >> 3) * 0x9E3779B97F4A7C15ULL >> 32) &
                    mask;
    while (slots_[i].first != nullptr && slots_[i].first != key) i = (i + 1) & mask;
    return i;
  }
  void rehash(std::size_t capacity) {
    std::vector<std::pair<const void*, V>> old(capacity);
    old.swap(slots_);
    for (auto& slot : old) {
      if (slot.first == nullptr) continue;
      slots_[slot_for(slot.first)] = std::move(slot);
    }
  }
  std::vector<std::pair<const void*, V>> slots_;
  std::size_t size_ = 0;
};

// The per-node table of the semantic index (every node's parent and scope): an array
// indexed by the number it writes into each node (py::Node::index). The entry keeps the node's
// address, so a node the table has not seen (another module's, or one numbered by another
// index of the same tree) is not mistaken for the one that has its number. Past 2^24 nodes
// the numbers run out and a hash map takes the rest.
template <typename V>
class NodeTable {
 public:
  void reserve(std::size_t n) { entries_.reserve(n); }
  std::size_t size() const { return entries_.size() + overflow_.size(); }

  // Inserts or overwrites.
  template <typename Node>
  void set(const Node* key, const V& value) {
    std::uint32_t i = key->index();
    if (i < entries_.size() && entries_[i].first == key) {
      entries_[i].second = value;
      return;
    }
    if (entries_.size() < kMaxIndex) {
      key->set_index(static_cast<std::uint32_t>(entries_.size()));
      entries_.emplace_back(key, value);
      return;
    }
    overflow_.set(key, value);
  }
  template <typename Node>
  const V* find(const Node* key) const {
    if (key == nullptr) return nullptr;
    std::uint32_t i = key->index();
    if (i < entries_.size() && entries_[i].first == key) return &entries_[i].second;
    return overflow_.size() ? overflow_.find(key) : nullptr;
  }

 private:
  static constexpr std::size_t kMaxIndex = std::size_t{1} << 24;
  std::vector<std::pair<const void*, V>> entries_;
  NodeMap<V> overflow_;
};


// (scope id, name) -> uint32 index.
class SymbolMap {
 public:
  static constexpr std::uint32_t kMissing = 0xffffffffu;
  std::uint32_t find(std::uint32_t scope, std::string_view name) const {
    if (slots_.empty()) return kMissing;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(scope, name) & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == kMissing) return kMissing;
      if (s.scope == scope && s.name == name) return s.value;
    }
  }
  // Returns the existing value, or inserts `value` and returns it.
  std::uint32_t insert(std::uint32_t scope, std::string_view name, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash(scope, name) & mask;; i = (i + 1) & mask) {
      Slot& s = slots_[i];
      if (s.value == kMissing) {
        s = {scope, name, value};
        ++size_;
        return value;
      }
      if (s.scope == scope && s.name == name) return s.value;
    }
  }

 private:
  struct Slot {
    std::uint32_t scope = 0;
    std::string_view name;
    std::uint32_t value = kMissing;
  };
  static std::uint64_t hash(std::uint32_t scope, std::string_view name) {
    std::uint64_t h = 1469598103934665603ULL ^ scope;  // FNV-1a over the name
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return mix_hash(h);
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    std::size_t mask = slots_.size() - 1;
    for (const Slot& s : old) {
      if (s.value == kMissing) continue;
      std::size_t i = hash(s.scope, s.name) & mask;
      while (slots_[i].value != kMissing) i = (i + 1) & mask;
      slots_[i] = s;
    }
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace aegis::sem
