// Side tables of the semantic index: keyed by AST node (a number kept in the node, or its
// address) or by (scope, name). Flat arrays; no erase (never needed).
#pragma once
#include <algorithm>
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
// index of the same tree) is not mistaken for the one that has its number. One index per tree
// at a time: a second one built over the same tree renumbers its nodes, and the first then
// finds none of them (no wrong answers, but empty ones). Past 2^24 nodes the numbers run out
// and a hash map takes the rest.
template <typename V>
class NodeTable {
 public:
  static constexpr std::uint32_t kNoNumber = 0xffffffffu;

  void reserve(std::size_t n) { entries_.reserve(n); }
  std::size_t size() const { return entries_.size() + overflow_.size(); }
  // Gives back the capacity reserved beyond what the walk used (the model may live long).
  void shrink() {
    if (entries_.capacity() - entries_.size() > entries_.size() / 8) entries_.shrink_to_fit();
  }

  // Inserts or overwrites; returns the key's number (kNoNumber once the numbers have run out).
  template <typename Node>
  std::uint32_t set(const Node* key, const V& value) {
    std::uint32_t i = key->index();
    if (i < entries_.size() && entries_[i].first == key) {
      entries_[i].second = value;
      return i;
    }
    if (entries_.size() < kMaxIndex) {
      i = static_cast<std::uint32_t>(entries_.size());
      key->set_index(i);
      entries_.emplace_back(key, value);
      return i;
    }
    overflow_.set(key, value);
    return kNoNumber;
  }
  // The number of `key`, giving it one (with a default value until set) when it has none;
  // kNoNumber once the numbers have run out.
  template <typename Node>
  std::uint32_t number(const Node* key) {
    std::uint32_t i = number_of(key);
    if (i != kNoNumber || entries_.size() >= kMaxIndex) return i;
    i = static_cast<std::uint32_t>(entries_.size());
    key->set_index(i);
    entries_.emplace_back(key, V{});
    return i;
  }
  // The number of `key` in this table, or kNoNumber.
  template <typename Node>
  std::uint32_t number_of(const Node* key) const {
    if (key == nullptr) return kNoNumber;
    std::uint32_t i = key->index();
    return i < entries_.size() && entries_[i].first == key ? i : kNoNumber;
  }
  const void* key_at(std::uint32_t number) const { return entries_[number].first; }
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

// A sparse side table over the nodes of a NodeTable (the scope a def creates, the binding a
// target makes): (node number, value) pairs sorted once after the walk, 8 bytes an entry
// instead of a 16-byte hash slot at half load. Nodes without a number go to a hash map.
template <typename V>
class SparseNodeMap {
 public:
  // In any order; a later add for the same node wins. Call finish() before find().
  template <typename Table, typename Node>
  void add(const Table& table, const Node* key, V value) {
    std::uint32_t number = table.number_of(key);
    if (number == Table::kNoNumber) {
      overflow_.set(key, value);
    } else {
      entries_.emplace_back(number, value);
    }
  }
  void finish() {
    auto by_number = [](const auto& a, const auto& b) { return a.first < b.first; };
    // Often added in node order already (the walk numbers nodes as it goes): then not sorted.
    if (!std::is_sorted(entries_.begin(), entries_.end(), by_number)) {
      std::stable_sort(entries_.begin(), entries_.end(), by_number);
    }
    // Keep the last value added for each node.
    std::size_t out = 0;
    for (std::size_t i = 0; i < entries_.size(); ++i) {
      if (i + 1 < entries_.size() && entries_[i + 1].first == entries_[i].first) continue;
      entries_[out++] = entries_[i];
    }
    entries_.resize(out);
    entries_.shrink_to_fit();
  }
  template <typename Table, typename Node>
  const V* find(const Table& table, const Node* key) const {
    std::uint32_t number = table.number_of(key);
    if (number != Table::kNoNumber) {
      auto it = std::lower_bound(entries_.begin(), entries_.end(), number,
                                 [](const auto& e, std::uint32_t n) { return e.first < n; });
      if (it != entries_.end() && it->first == number) return &it->second;
    }
    return overflow_.size() ? overflow_.find(key) : nullptr;
  }

 private:
  std::vector<std::pair<std::uint32_t, V>> entries_;
  NodeMap<V> overflow_;
};

// (scope id, name) -> uint32 index into a table the caller keeps (the model's symbols). A
// slot holds the index and the key's 32-bit hash (8 bytes); the key itself is compared
// through the caller's table.
class SymbolMap {
 public:
  static constexpr std::uint32_t kMissing = 0xffffffffu;
  static std::uint32_t hash(std::uint32_t scope, std::string_view name) {
    std::uint64_t h = 1469598103934665603ULL ^ scope;  // FNV-1a over the name
    for (unsigned char c : name) h = (h ^ c) * 1099511628211ULL;
    return static_cast<std::uint32_t>(mix_hash(h));
  }
  std::size_t size() const { return size_; }
  // `same(value)`: the entry `value` has the key whose hash is `h`.
  template <typename Same>
  std::uint32_t find(std::uint32_t h, Same&& same) const {
    if (slots_.empty()) return kMissing;
    std::size_t mask = slots_.size() - 1;
    for (std::size_t i = h & mask;; i = (i + 1) & mask) {
      const Slot& s = slots_[i];
      if (s.value == kMissing) return kMissing;
      if (s.hash == h && same(s.value)) return s.value;
    }
  }
  // Adds a key known to be absent.
  void insert_new(std::uint32_t h, std::uint32_t value) {
    if ((size_ + 1) * 2 > slots_.size()) rehash(slots_.empty() ? 64 : slots_.size() * 2);
    place(h, value);
    ++size_;
  }

 private:
  struct Slot {
    std::uint32_t hash = 0;
    std::uint32_t value = kMissing;
  };
  void place(std::uint32_t h, std::uint32_t value) {
    std::size_t mask = slots_.size() - 1;
    std::size_t i = h & mask;
    while (slots_[i].value != kMissing) i = (i + 1) & mask;
    slots_[i] = {h, value};
  }
  void rehash(std::size_t capacity) {
    std::vector<Slot> old(capacity);
    old.swap(slots_);
    for (const Slot& s : old) {
      if (s.value != kMissing) place(s.hash, s.value);
    }
  }
  std::vector<Slot> slots_;
  std::size_t size_ = 0;
};

}  // namespace aegis::sem
