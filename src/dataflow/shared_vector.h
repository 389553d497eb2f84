// A vector whose copies share their elements until one of them is changed: the data flow
// copies values all the time (reading a variable, a module member, an attribute), and the
// elements of a list or the fields of an object are rarely changed after. Reading never
// copies; every non-const member first makes the elements this copy's own (a reference
// taken before a copy is made must not be used to change it after).
#pragma once
#include <cstddef>
#include <initializer_list>
#include <memory>
#include <utility>
#include <vector>

namespace aegis::dataflow {

template <typename T>
class SharedVector {
 public:
  using Vector = std::vector<T>;
  using value_type = T;
  using iterator = typename Vector::iterator;
  using const_iterator = typename Vector::const_iterator;

  SharedVector() = default;
  SharedVector(std::initializer_list<T> init) : p_(std::make_shared<Vector>(init)) {}
  explicit SharedVector(Vector&& v) : p_(std::make_shared<Vector>(std::move(v))) {}

  // --- reading (never copies)
  const Vector& view() const { return p_ ? *p_ : empty_vector(); }
  bool empty() const { return !p_ || p_->empty(); }
  std::size_t size() const { return p_ ? p_->size() : 0; }
  const T& operator[](std::size_t i) const { return (*p_)[i]; }
  const T& front() const { return p_->front(); }
  const T& back() const { return p_->back(); }
  const_iterator begin() const { return view().begin(); }
  const_iterator end() const { return view().end(); }
  const_iterator cbegin() const { return view().begin(); }
  const_iterator cend() const { return view().end(); }
  // Whether two vectors are one and the same storage (then equal without a look).
  bool shares_with(const SharedVector& o) const { return p_ && p_ == o.p_; }

  // --- changing (makes the elements this copy's own first)
  Vector& own() {
    if (!p_) {
      p_ = std::make_shared<Vector>();
    } else if (p_.use_count() > 1) {
      p_ = std::make_shared<Vector>(*p_);
    }
    return *p_;
  }
  T& operator[](std::size_t i) { return own()[i]; }
  T& front() { return own().front(); }
  T& back() { return own().back(); }
  iterator begin() { return own().begin(); }
  iterator end() { return own().end(); }
  void push_back(const T& v) { own().push_back(v); }
  void push_back(T&& v) { own().push_back(std::move(v)); }
  template <typename... Args>
  T& emplace_back(Args&&... args) {
    return own().emplace_back(std::forward<Args>(args)...);
  }
  void pop_back() { own().pop_back(); }
  template <typename... Args>
  iterator insert(const_iterator pos, Args&&... args) {
    // `pos` points into the shared storage: rebase it on this copy's own.
    auto offset = pos - view().begin();
    Vector& v = own();
    return v.insert(v.begin() + offset, std::forward<Args>(args)...);
  }
  iterator erase(const_iterator pos) {
    auto offset = pos - view().begin();
    Vector& v = own();
    return v.erase(v.begin() + offset);
  }
  iterator erase(const_iterator first, const_iterator last) {
    auto a = first - view().begin(), b = last - view().begin();
    Vector& v = own();
    return v.erase(v.begin() + a, v.begin() + b);
  }
  void clear() { p_.reset(); }
  void reserve(std::size_t n) { own().reserve(n); }
  void resize(std::size_t n) { own().resize(n); }

 private:
  static const Vector& empty_vector() {
    static const Vector kEmpty;
    return kEmpty;
  }
  std::shared_ptr<Vector> p_;
};

}  // namespace aegis::dataflow
