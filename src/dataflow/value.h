// The abstract values of the data-flow engine: what is known of a Python value at a
// point of the program -- its taint (where it may come from, what it was sanitised for),
// its constant value when known, the elements of lists and the keys of dicts when known,
// the class of project objects, and the functions and modules names refer to.
#pragma once
#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "dataflow/models.h"
#include "dataflow/shared_vector.h"
#include "python/ast.h"
#include "rules/python_project.h"

namespace aegis::dataflow {

// One step of the way tainted data took, newest first (shared between values).
struct TraceNode {
  const rules::PythonModule* module = nullptr;
  const py::Node* node = nullptr;
  std::string note;
  std::shared_ptr<const TraceNode> prev;
  int length = 1;
};
using Trace = std::shared_ptr<const TraceNode>;

struct Taint {
  std::uint8_t kinds = 0;    // SourceKind bits
  SinkMask sanitized = 0;    // sink classes the data was made safe for
  bool weak = false;         // passed through a call no model describes
  Trace trace;               // where it came from

  bool any() const { return kinds != 0; }
  bool attacker_for(SinkClass c) const { return (kinds & kAttacker) && !(sanitized & bit(c)); }
  bool unsafe_for(SinkClass c) const { return kinds && !(sanitized & bit(c)); }
  void join(const Taint& o) {
    if (!o.kinds) return;
    if (!kinds) {
      *this = o;
      return;
    }
    sanitized &= o.sanitized;
    weak = weak || o.weak;
    // Keep the trace of attacker data when the other side is only "unknown".
    if ((!(kinds & kAttacker) && (o.kinds & kAttacker)) || !trace) trace = o.trace;
    kinds |= o.kinds;
  }
};

enum class Shape : std::uint8_t {
  Any, Str, Bytes, Int, Float, Bool, None, List, Tuple, Set, Dict, Object, Function, Class, Module, External
};

struct Env;

struct ClassRef {
  const py::ClassDef* def = nullptr;
  const rules::PythonModule* module = nullptr;
  bool operator==(const ClassRef& o) const { return def == o.def; }
};

// The members only functions have, behind one pointer in Value: most values are constants,
// unknown or tainted data, and every Value copy would otherwise copy three more pointers.
struct Value;
struct FunctionParts {
  std::shared_ptr<const Env> closure;                  // the enclosing function's variables
  std::shared_ptr<const std::vector<Value>> defaults;  // evaluated default values
  std::shared_ptr<const Value> bound_self;             // a bound method's receiver
};

struct Value {
  Shape shape = Shape::Any;
  bool constant = false;       // Str/Bytes/Int/Float/Bool/None known exactly
  bool exact = false;          // List/Tuple/Set: `elems` are all the elements, in order
  bool request = false;        // a framework request object: its inputs are sources
  bool unsafe_xml = false;     // an XML parser configured to resolve external entities
  bool normalized = false;     // a path made absolute and free of `..` (realpath/abspath/normpath)
  Taint taint;                 // of the value itself; for containers, of the unknown parts
  std::string text;            // Str/Bytes constant; else a known constant prefix of a string
  long long number = 0;        // Int/Bool constant
  double real = 0;             // Float constant
  SharedVector<Value> elems;   // shared between copies until changed (shared_vector.h)
  SharedVector<std::pair<std::string, Value>> fields;  // Dict constant keys; Object attributes
  std::string qn;              // External: dotted name ("flask.request.args", "sqlite3.connect()")
  const py::Node* def = nullptr;                // Function: the def or lambda
  const rules::PythonModule* module = nullptr;  // Function/Module: where it lives
  std::shared_ptr<const FunctionParts> parts;   // Function: closure, defaults, receiver (null: none)
  SharedVector<ClassRef> classes;               // Object/Class: the possible classes
  std::string_view framework;  // of a request object: flask, starlette, django (a model's text or a literal)
  SharedVector<const py::Node*> origins;  // XML parsers: the calls that made and configured it

  // Function: the enclosing function's variables, the evaluated defaults, a bound method's
  // receiver (each null when absent).
  const std::shared_ptr<const Env>& closure() const { return parts ? parts->closure : no_parts().closure; }
  const std::shared_ptr<const std::vector<Value>>& defaults() const {
    return parts ? parts->defaults : no_parts().defaults;
  }
  const std::shared_ptr<const Value>& bound_self() const { return parts ? parts->bound_self : no_parts().bound_self; }
  void set_closure(std::shared_ptr<const Env> c) { own_parts().closure = std::move(c); }
  void set_defaults(std::shared_ptr<const std::vector<Value>> d) { own_parts().defaults = std::move(d); }
  void set_bound_self(std::shared_ptr<const Value> s) { own_parts().bound_self = std::move(s); }

  static Value any() { return {}; }
  static Value str(std::string s) {
    Value v;
    v.shape = Shape::Str;
    v.constant = true;
    v.text = std::move(s);
    return v;
  }
  static Value integer(long long n) {
    Value v;
    v.shape = Shape::Int;
    v.constant = true;
    v.number = n;
    return v;
  }
  static Value boolean(bool b) {
    Value v;
    v.shape = Shape::Bool;
    v.constant = true;
    v.number = b ? 1 : 0;
    return v;
  }
  static Value none() {
    Value v;
    v.shape = Shape::None;
    v.constant = true;
    return v;
  }
  static Value external(std::string name) {
    Value v;
    v.shape = Shape::External;
    v.qn = std::move(name);
    return v;
  }
  static Value tainted(Taint t) {
    Value v;
    v.taint = std::move(t);
    return v;
  }

  const Value* field(std::string_view key) const {
    for (const auto& [k, v] : fields) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  Value* field(std::string_view key) {
    for (auto& [k, v] : fields) {
      if (k == key) return &v;
    }
    return nullptr;
  }
  void set_field(std::string key, Value v) {
    if (Value* f = field(key)) {
      *f = std::move(v);
    } else {
      fields.emplace_back(std::move(key), std::move(v));
    }
  }
  bool is_str_like() const { return shape == Shape::Str || shape == Shape::Bytes; }

 private:
  static const FunctionParts& no_parts() {
    static const FunctionParts kNone;
    return kNone;
  }
  // The parts to change: this value's own (copied first when another value holds them).
  FunctionParts& own_parts() {
    auto p = parts ? std::make_shared<FunctionParts>(*parts) : std::make_shared<FunctionParts>();
    FunctionParts& r = *p;
    parts = std::move(p);
    return r;
  }
};

// Variables and their values. Copies of an environment (each branch of an `if`, a closure)
// share the variables and their values until one copy changes them: the table is copied the
// first time a copy assigns, a value is replaced rather than changed in place unless no other
// table holds it (edit()). Joining two environments skips every variable neither side
// changed, and the whole table when neither side assigned anything.
// The table is a vector sorted by name (a function has few variables: a copy is one
// allocation, a look-up a binary search). Names are views of the syntax trees' text, which
// outlives the analysis: a name given to set() must be one.
struct Env {
  using Slot = std::shared_ptr<Value>;
  struct Entry {
    std::string_view name;
    Slot value;
  };
  using Map = std::vector<Entry>;

 private:
  template <typename M>
  static auto lower_bound(M& m, std::string_view name) -> decltype(m.begin()) {
    return std::lower_bound(m.begin(), m.end(), name, [](const Entry& e, std::string_view n) { return name_less(e.name, n); });
  }

 public:
  // Byte order, as std::string's (unsigned bytes), without a library call per comparison:
  // identifiers are short.
  static bool name_less(std::string_view a, std::string_view b) {
    std::size_t n = a.size() < b.size() ? a.size() : b.size();
    for (std::size_t i = 0; i < n; ++i) {
      if (a[i] != b[i]) return static_cast<unsigned char>(a[i]) < static_cast<unsigned char>(b[i]);
    }
    return a.size() < b.size();
  }
  static bool name_equal(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) return false;
    if (a.data() == b.data()) return true;
    for (std::size_t i = 0; i < a.size(); ++i) {
      if (a[i] != b[i]) return false;
    }
    return true;
  }

 public:

  const Map& vars() const { return map_ ? *map_ : empty_map(); }
  std::size_t size() const { return map_ ? map_->size() : 0; }
  bool has(std::string_view name) const { return get(name) != nullptr; }
  const Value* get(std::string_view name) const {
    if (!map_) return nullptr;
    auto it = lower_bound(*map_, name);
    return it != map_->end() && name_equal(it->name, name) ? it->value.get() : nullptr;
  }
  void set(std::string_view name, Value&& v) { put(name, std::make_shared<Value>(std::move(v))); }
  void set(std::string_view name, const Value& v) { put(name, std::make_shared<Value>(v)); }
  void put(std::string_view name, Slot value) {
    Map& m = own();
    auto it = lower_bound(m, name);
    if (it != m.end() && name_equal(it->name, name)) {
      it->value = std::move(value);
    } else {
      m.insert(it, Entry{name, std::move(value)});
    }
  }
  // The value of `name` to change in place (copied first when another table holds it); null
  // when unbound.
  Value* edit(std::string_view name) {
    if (!has(name)) return nullptr;
    Map& m = own();
    auto it = lower_bound(m, name);
    if (it->value.use_count() > 1) it->value = std::make_shared<Value>(*it->value);
    return it->value.get();
  }
  void erase(std::string_view name) {
    if (!has(name)) return;
    Map& m = own();
    m.erase(lower_bound(m, name));
  }
  // Replaces the whole table (this environment's own from now on).
  void replace(Map m) { map_ = std::make_shared<Map>(std::move(m)); }
  // Whether the two are one table (neither changed since one was copied from the other).
  bool shares_with(const Env& o) const { return map_ == o.map_; }
  // The table to change: this environment's own (copied first when shared).
  Map& own() {
    if (!map_) {
      map_ = std::make_shared<Map>();
    } else if (map_.use_count() > 1) {
      map_ = std::make_shared<Map>(*map_);
    }
    return *map_;
  }

 private:
  static const Map& empty_map() {
    static const Map kEmpty;
    return kEmpty;
  }
  std::shared_ptr<Map> map_;
};

// The taint of a value and everything it holds.
Taint deep_taint(const Value& v);
// The least value that describes both (at a merge of branches).
Value join(const Value& a, const Value& b);
void join_into(Env& into, const Env& other);
// Whether two values are equal member for member (traces, closures, defaults and receivers
// the same objects).
bool identical_values(const Value& a, const Value& b);
// Whether join(x, x) gives x back member for member: joins keep such a value both sides
// share instead of joining it with itself (value.cpp; must follow join's cases).
bool join_keeps_self(const Value& x);
// Python's truth value of a constant (or an exact container); nullopt when unknown.
std::optional<bool> truthiness(const Value& v);
// The constant as Python's str() would print it ("True", "3", "None"); nullopt if unknown.
std::optional<std::string> constant_text(const Value& v);
// A short description of a value for memoising calls by their arguments.
void signature(const Value& v, std::string& out, int depth = 0);

}  // namespace aegis::dataflow
