#include "dataflow/value.h"

#include <algorithm>
#include <cstdio>

namespace aegis::dataflow {

namespace {
constexpr int kMaxDepth = 6;

void deep_taint_into(const Value& v, Taint& out, int depth) {
  out.join(v.taint);
  if (depth > kMaxDepth) return;
  for (const Value& e : v.elems) deep_taint_into(e, out, depth + 1);
  for (const auto& [k, f] : v.fields) {
    // An object's methods and classes are not data it holds.
    if (f.shape == Shape::Function || f.shape == Shape::Class || f.shape == Shape::Module) continue;
    deep_taint_into(f, out, depth + 1);
  }
}

std::string common_prefix(const std::string& a, const std::string& b) {
  std::size_t n = 0;
  while (n < a.size() && n < b.size() && a[n] == b[n]) ++n;
  return a.substr(0, n);
}

Value join_depth(const Value& a, const Value& b, int depth);

// Whether two values are equal member for member (traces, closures, defaults and receivers
// the same objects): a join reads only what values hold, so joining the two is joining
// either with itself.
bool identical(const Value& a, const Value& b) {
  if (&a == &b) return true;
  if (a.shape != b.shape || a.taint.kinds != b.taint.kinds || a.taint.sanitized != b.taint.sanitized ||
      a.taint.weak != b.taint.weak || a.taint.trace != b.taint.trace || a.constant != b.constant ||
      a.number != b.number || !(a.real == b.real) || a.exact != b.exact || a.def != b.def || a.module != b.module ||
      (a.parts != b.parts && (a.closure() != b.closure() || a.defaults() != b.defaults() || a.bound_self() != b.bound_self())) || a.request != b.request ||
      a.unsafe_xml != b.unsafe_xml || a.normalized != b.normalized || a.text != b.text || a.qn != b.qn ||
      a.framework != b.framework || a.origins.view() != b.origins.view() || a.classes.size() != b.classes.size() ||
      a.elems.size() != b.elems.size() || a.fields.size() != b.fields.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.classes.size(); ++i) {
    if (a.classes[i].def != b.classes[i].def || a.classes[i].module != b.classes[i].module) return false;
  }
  if (!a.elems.shares_with(b.elems)) {
    for (std::size_t i = 0; i < a.elems.size(); ++i) {
      if (!identical(a.elems[i], b.elems[i])) return false;
    }
  }
  if (!a.fields.shares_with(b.fields)) {
    for (std::size_t i = 0; i < a.fields.size(); ++i) {
      if (a.fields[i].first != b.fields[i].first || !identical(a.fields[i].second, b.fields[i].second)) return false;
    }
  }
  return true;
}

// Whether join_depth(x, x, depth) is x, member for member (then a value both sides share
// needs no join: it is kept as it is). Mirrors join_depth case by case: true only where
// every member the join rebuilds comes out equal and every member it drops is empty.
bool join_keeps(const Value& x, int depth) {
  if (depth > kMaxDepth) return false;
  // The join copies a Function, Class, Module or External whole when both are the same one;
  // joining a taint with itself changes nothing, nor the origins with themselves.
  if (x.shape == Shape::Function || x.shape == Shape::Class || x.shape == Shape::Module ||
      x.shape == Shape::External) {
    return true;
  }
  // Members only those shapes keep.
  if (x.def || x.module || x.closure() || x.defaults() || x.bound_self() || !x.origins.empty()) return false;
  auto fields_keep = [&] {
    for (const auto& [k, f] : x.fields) {
      if (!join_keeps(f, depth + 1)) return false;
    }
    return true;
  };
  switch (x.shape) {
    case Shape::Str:
    case Shape::Bytes:
      return x.number == 0 && x.real == 0 && !x.exact && x.elems.empty() && x.fields.empty() && x.qn.empty() &&
             x.classes.empty();
    case Shape::Int:
    case Shape::Bool:
      return x.text.empty() && x.real == 0 && !x.exact && x.elems.empty() && x.fields.empty() && x.qn.empty() &&
             x.classes.empty();
    case Shape::Float:
      return x.real == x.real && x.text.empty() && x.number == 0 && !x.exact && x.elems.empty() && x.fields.empty() &&
             x.qn.empty() && x.classes.empty();
    case Shape::None:
      return x.constant && x.text.empty() && x.number == 0 && x.real == 0 && !x.exact && x.elems.empty() &&
             x.fields.empty() && x.qn.empty() && x.classes.empty();
    case Shape::List:
    case Shape::Tuple:
    case Shape::Set:
      if (x.constant || !x.text.empty() || x.number != 0 || x.real != 0 || !x.fields.empty() || !x.qn.empty() ||
          !x.classes.empty()) {
        return false;
      }
      if (!x.exact) return x.elems.empty();
      for (const Value& e : x.elems) {
        if (!join_keeps(e, depth + 1)) return false;
      }
      return true;
    case Shape::Dict:
    case Shape::Object:
      return !x.constant && x.text.empty() && x.number == 0 && x.real == 0 && !x.exact && x.elems.empty() &&
             x.qn.empty() && fields_keep();
    case Shape::Any:
      return !x.constant && x.number == 0 && x.real == 0 && !x.exact && x.elems.empty() && x.classes.empty() &&
             fields_keep();
    default: return false;
  }
}

// a's fields (joined with b's of the same key), then b's other fields. Keys are unique
// within a value (set_field), so each pair is joined once; the join is pure, so the order
// the pairs are joined in does not matter. Built in one vector: no copy of a's values to
// overwrite.
void join_fields(Value& out, const Value& a, const Value& b, int depth) {
  if (b.fields.empty()) {
    out.fields = a.fields;
    return;
  }
  if (a.fields.empty()) {
    out.fields = b.fields;
    return;
  }
  // The two are mostly the same object at two points, its keys in the same order: the key
  // at the same index is tried first (keys are unique, so it is the one a search finds).
  const auto& af = a.fields.view();
  const auto& bf = b.fields.view();
  auto find = [](const std::vector<std::pair<std::string, Value>>& fields, std::size_t i,
                 const std::string& key) -> const Value* {
    if (i < fields.size() && fields[i].first == key) return &fields[i].second;
    for (const auto& [k, v] : fields) {
      if (k == key) return &v;
    }
    return nullptr;
  };
  if (a.fields.shares_with(b.fields)) {
    // One vector: each field joined with itself.
    bool keep = true;
    for (const auto& [k, v] : af) keep = keep && join_keeps(v, depth + 1);
    if (keep) {
      out.fields = a.fields;
      return;
    }
  }
  std::vector<std::pair<std::string, Value>> merged;
  merged.reserve(af.size() + bf.size());
  for (std::size_t i = 0; i < af.size(); ++i) {
    if (const Value* other = find(bf, i, af[i].first)) {
      if (identical(af[i].second, *other) && join_keeps(*other, depth + 1)) {
        merged.push_back(af[i]);
      } else {
        merged.emplace_back(af[i].first, join_depth(af[i].second, *other, depth + 1));
      }
    } else {
      merged.push_back(af[i]);
    }
  }
  for (std::size_t i = 0; i < bf.size(); ++i) {
    if (!find(af, i, bf[i].first)) merged.push_back(bf[i]);
  }
  out.fields = SharedVector<std::pair<std::string, Value>>(std::move(merged));
}

Value join_depth(const Value& a, const Value& b, int depth) {
  if (depth > kMaxDepth) {
    Value v;
    v.taint = deep_taint(a);
    v.taint.join(deep_taint(b));
    return v;
  }
  // A value that may be None keeps the other side's shape (`x = None; if c: x = obj`).
  if (a.shape == Shape::None && b.shape != Shape::None) {
    Value v = b;
    v.constant = false;
    if (b.shape == Shape::Str) v.text.clear();
    return v;
  }
  if (b.shape == Shape::None && a.shape != Shape::None) return join_depth(b, a, depth);
  if (a.shape != b.shape) {
    Value v;
    v.taint = deep_taint(a);
    v.taint.join(deep_taint(b));
    if (a.is_str_like() && b.is_str_like()) {
      v.shape = a.shape;
      v.text = common_prefix(a.text, b.text);
    }
    if (a.shape == Shape::Object || b.shape == Shape::Object) {
      const Value& obj = a.shape == Shape::Object ? a : b;
      v.shape = Shape::Object;
      v.classes = obj.classes;
      v.fields = obj.fields;
    }
    v.request = a.request || b.request;
    return v;
  }
  Value v;
  v.shape = a.shape;
  v.taint = a.taint;
  v.taint.join(b.taint);
  v.request = a.request || b.request;
  v.framework = a.framework.empty() ? b.framework : a.framework;
  v.unsafe_xml = a.unsafe_xml || b.unsafe_xml;
  v.normalized = a.normalized && b.normalized;
  switch (a.shape) {
    case Shape::Str:
    case Shape::Bytes:
      if (a.constant && b.constant && a.text == b.text) {
        v.constant = true;
        v.text = a.text;
      } else {
        v.text = common_prefix(a.text, b.text);
      }
      break;
    case Shape::Int:
    case Shape::Bool:
      v.constant = a.constant && b.constant && a.number == b.number;
      v.number = a.number;
      break;
    case Shape::Float:
      v.constant = a.constant && b.constant && a.real == b.real;
      v.real = a.real;
      break;
    case Shape::None:
      v.constant = true;
      break;
    case Shape::List:
    case Shape::Tuple:
    case Shape::Set:
      if (a.exact && b.exact && a.elems.size() == b.elems.size()) {
        v.exact = true;
        for (std::size_t i = 0; i < a.elems.size(); ++i) v.elems.push_back(join_depth(a.elems[i], b.elems[i], depth + 1));
      } else {
        for (const Value& e : a.elems) v.taint.join(deep_taint(e));
        for (const Value& e : b.elems) v.taint.join(deep_taint(e));
      }
      break;
    case Shape::Dict:
    case Shape::Object:
      join_fields(v, a, b, depth);
      v.classes = a.classes;
      for (const ClassRef& c : b.classes) {
        const auto& known = v.classes.view();
        if (std::find(known.begin(), known.end(), c) == known.end()) v.classes.push_back(c);
      }
      break;
    case Shape::Function:
      if (a.def == b.def) {
        v = a;
      } else {
        v.shape = Shape::Any;
      }
      break;
    case Shape::Class:
    case Shape::Module:
    case Shape::External:
      if (a.def == b.def && a.qn == b.qn && a.module == b.module) {
        v = a;
        v.taint.join(b.taint);
        v.unsafe_xml = a.unsafe_xml || b.unsafe_xml;
        for (const py::Node* o : b.origins) {
          const auto& known = v.origins.view();
          if (std::find(known.begin(), known.end(), o) == known.end()) v.origins.push_back(o);
        }
      } else {
        v.shape = Shape::Any;
      }
      break;
    case Shape::Any:
      v.text = common_prefix(a.text, b.text);
      if (a.qn == b.qn) v.qn = a.qn;
      join_fields(v, a, b, depth);
      break;
  }
  return v;
}
}  // namespace

Taint deep_taint(const Value& v) {
  Taint t;
  deep_taint_into(v, t, 0);
  return t;
}

Value join(const Value& a, const Value& b) { return join_depth(a, b, 0); }

bool identical_values(const Value& a, const Value& b) { return identical(a, b); }

bool join_keeps_self(const Value& x) { return join_keeps(x, 0); }

void join_into(Env& into, const Env& other) {
  if (into.shares_with(other)) return;  // neither side assigned anything
  // Both tables are sorted by name: one walk over the two finds what changes.
  const Env::Map& mine = into.vars();
  std::vector<std::pair<std::size_t, Env::Entry>> changes;  // (index in mine, or npos: new)
  bool added = false;
  auto it = mine.begin();
  for (const auto& [name, value] : other.vars()) {
    // A variable neither side assigned since the tables were one: the same value, at the
    // same place in both, under the same name (a value is only ever copied with its name).
    if (it != mine.end() && it->value == value) {
      ++it;
      continue;
    }
    while (it != mine.end() && Env::name_less(it->name, name)) ++it;
    if (it != mine.end() && Env::name_equal(it->name, name)) {
      // A value neither branch changed is shared; one both made the same, and that the join
      // would give back as it is, stays as it is.
      if (it->value != value && !(identical(*it->value, *value) && join_keeps(*it->value, 0))) {
        changes.push_back({static_cast<std::size_t>(it - mine.begin()),
                           {name, std::make_shared<Value>(join(*it->value, *value))}});
      }
    } else {
      changes.push_back({std::string_view::npos, {name, value}});
      added = true;
    }
  }
  if (changes.empty()) return;
  if (!added) {
    // Only values change: in place (in this environment's own copy of the table).
    Env::Map& m = into.own();
    for (auto& [index, entry] : changes) m[index].value = std::move(entry.value);
    return;
  }
  // Both lists are sorted: merge the changes into a new table.
  Env::Map merged;
  merged.reserve(mine.size() + changes.size());
  auto c = changes.begin();
  for (const Env::Entry& e : mine) {
    while (c != changes.end() && Env::name_less(c->second.name, e.name)) merged.push_back(std::move((c++)->second));
    if (c != changes.end() && Env::name_equal(c->second.name, e.name)) {
      merged.push_back(std::move((c++)->second));
    } else {
      merged.push_back(e);
    }
  }
  while (c != changes.end()) merged.push_back(std::move((c++)->second));
  into.replace(std::move(merged));
}

std::optional<bool> truthiness(const Value& v) {
  if (v.constant) {
    switch (v.shape) {
      case Shape::Str:
      case Shape::Bytes: return !v.text.empty();
      case Shape::Int:
      case Shape::Bool: return v.number != 0;
      case Shape::Float: return v.real != 0;
      case Shape::None: return false;
      default: return std::nullopt;
    }
  }
  if ((v.shape == Shape::List || v.shape == Shape::Tuple) && v.exact) return !v.elems.empty();
  if (v.shape == Shape::Function || v.shape == Shape::Class || v.shape == Shape::Module) return true;
  return std::nullopt;
}

std::optional<std::string> constant_text(const Value& v) {
  if (!v.constant) return std::nullopt;
  switch (v.shape) {
    case Shape::Str:
    case Shape::Bytes: return v.text;
    case Shape::Int: return std::to_string(v.number);
    case Shape::Bool: return std::string(v.number ? "True" : "False");
    case Shape::None: return std::string("None");
    case Shape::Float: {
      char buf[64];
      std::snprintf(buf, sizeof buf, "%g", v.real);
      return std::string(buf);
    }
    default: return std::nullopt;
  }
}

namespace {
// Appends n in decimal as std::to_string prints it, without a string per number.
void append_number(std::string& out, unsigned long long n) {
  char digits[24];
  char* end = digits + sizeof digits;
  char* p = end;
  do {
    *--p = static_cast<char>('0' + n % 10);
    n /= 10;
  } while (n);
  out.append(p, end);
}
void append_number(std::string& out, long long n) {
  if (n < 0) {
    out += '-';
    append_number(out, 0ULL - static_cast<unsigned long long>(n));
  } else {
    append_number(out, static_cast<unsigned long long>(n));
  }
}
}  // namespace

void signature(const Value& v, std::string& out, int depth) {
  out += static_cast<char>('A' + static_cast<int>(v.shape));
  out += static_cast<char>('0' + (v.taint.kinds & 63));
  append_number(out, static_cast<unsigned long long>(v.taint.sanitized));
  if (v.constant) {
    out += '=';
    out.append(v.text, 0, 32);
    append_number(out, v.number);
  }
  if (v.request) out += 'R';
  if (!v.qn.empty()) {
    out += v.qn;
  }
  if (v.def) append_number(out, static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(v.def) & 0xffffff));
  for (const ClassRef& c : v.classes) {
    append_number(out, static_cast<unsigned long long>(reinterpret_cast<std::uintptr_t>(c.def) & 0xffffff));
  }
  if (depth > 2) return;
  if (v.exact || !v.elems.empty()) {
    out += '[';
    for (const Value& e : v.elems) signature(e, out, depth + 1);
    out += ']';
  }
  if (!v.fields.empty()) {
    out += '{';
    for (const auto& [k, f] : v.fields) {
      if (f.shape == Shape::Function) continue;
      out += k;
      out += ':';
      signature(f, out, depth + 1);
    }
    out += '}';
  }
}

}  // namespace aegis::dataflow
