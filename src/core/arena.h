// Bump allocator for AST nodes and strings: one per parsed file, freed at once.
#pragma once
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <memory>
#include <new>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace aegis {

class Arena {
 public:
  explicit Arena(std::size_t first_block = 64 * 1024) : next_block_size_(first_block) {}
  Arena(const Arena&) = delete;
  Arena& operator=(const Arena&) = delete;

  // Inlined where nodes are made; the rare new block stays out of line (with it inside,
  // the compiler kept allocate as a call: ~80 M instructions of a stdlib parse).
  [[gnu::always_inline]] void* allocate(std::size_t size, std::size_t align) {
    std::uintptr_t p = (reinterpret_cast<std::uintptr_t>(cur_) + (align - 1)) & ~(std::uintptr_t(align) - 1);
    if (cur_ == nullptr || p + size > reinterpret_cast<std::uintptr_t>(end_)) {
      grow(size + align);
      p = (reinterpret_cast<std::uintptr_t>(cur_) + (align - 1)) & ~(std::uintptr_t(align) - 1);
    }
    cur_ = reinterpret_cast<char*>(p + size);
    return reinterpret_cast<void*>(p);
  }

  // Nodes are trivially destructible by design: the arena never runs destructors.
  template <typename T, typename... Args>
  T* make(Args&&... args) {
    static_assert(std::is_trivially_destructible_v<T>, "arena objects must be trivially destructible");
    return new (allocate(sizeof(T), alignof(T))) T(std::forward<Args>(args)...);
  }

  template <typename T>
  T* make_array(std::size_t n) {
    static_assert(std::is_trivially_destructible_v<T>);
    if (n == 0) return nullptr;
    T* p = static_cast<T*>(allocate(sizeof(T) * n, alignof(T)));
    for (std::size_t i = 0; i < n; ++i) new (p + i) T();
    return p;
  }

  std::string_view copy(std::string_view s) {
    if (s.empty()) return {};
    char* p = static_cast<char*>(allocate(s.size(), 1));
    std::memcpy(p, s.data(), s.size());
    return {p, s.size()};
  }

  // Sizes the first block for an expected total, before anything is allocated, so that one
  // block usually holds everything: doubling from a small block leaves up to half of the
  // last block unused, which a scan that keeps hundreds of trees pays in memory. When the
  // guess is short, the blocks that follow start at a sixteenth of it.
  void expect(std::size_t bytes) {
    if (!blocks_.empty() || bytes == 0) return;
    next_block_size_ = bytes;
    after_first_ = bytes / 16 > kMinBlock ? bytes / 16 : kMinBlock;
  }

  std::size_t bytes_reserved() const { return reserved_; }

 private:
  [[gnu::noinline]] void grow(std::size_t at_least) {
    std::size_t size = next_block_size_ > at_least ? next_block_size_ : at_least;
    blocks_.emplace_back(new char[size]);
    cur_ = blocks_.back().get();
    end_ = cur_ + size;
    reserved_ += size;
    if (after_first_ != 0) {
      next_block_size_ = after_first_;
      after_first_ = 0;
    } else if (next_block_size_ < 8 * 1024 * 1024) {
      next_block_size_ *= 2;
    }
  }

  static constexpr std::size_t kMinBlock = 8 * 1024;

  std::vector<std::unique_ptr<char[]>> blocks_;
  char* cur_ = nullptr;
  char* end_ = nullptr;
  std::size_t next_block_size_;
  std::size_t after_first_ = 0;
  std::size_t reserved_ = 0;
};

// A read-only array view of arena-allocated elements (the AST's lists).
template <typename T>
struct Span {
  T* data_ = nullptr;
  std::uint32_t size_ = 0;
  T* begin() const { return data_; }
  T* end() const { return data_ + size_; }
  std::size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  T& operator[](std::size_t i) const { return data_[i]; }
  T& back() const { return data_[size_ - 1]; }
};

// Copies a vector into the arena as a Span.
template <typename T>
Span<T> to_span(Arena& arena, const std::vector<T>& v) {
  Span<T> s;
  if (v.empty()) return s;
  s.data_ = static_cast<T*>(arena.allocate(sizeof(T) * v.size(), alignof(T)));
  for (std::size_t i = 0; i < v.size(); ++i) new (s.data_ + i) T(v[i]);
  s.size_ = static_cast<std::uint32_t>(v.size());
  return s;
}

}  // namespace aegis
