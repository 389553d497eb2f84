#include "dataflow/engine.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <unordered_map>
#include <unordered_set>

#ifdef __SSE2__
#include <emmintrin.h>
#include <immintrin.h>
#endif

#include "dataflow/code_text.h"
#include "dataflow/value.h"
#include "semantic/semantic_model.h"

namespace aegis::dataflow {

namespace {

template <typename T>
const T* as(const py::Node* node) {
  return node && T::classof(node) ? static_cast<const T*>(node) : nullptr;
}

constexpr int kMaxCallDepth = 7;
// Work limits, so that no project's shape makes the analysis slow: steps (statements and
// expressions evaluated) per entry function and per scan, contexts analysed per function,
// and the size of constant strings and exact containers kept.
constexpr long kEntryBudget = 20000;
constexpr long kScanBudget = 40000000;
constexpr int kContextsPerFunction = 12;
constexpr std::size_t kMaxConstantString = 4096;
constexpr std::size_t kMaxExactElements = 64;
constexpr int kMaxTrace = 24;
constexpr int kLoopPasses = 3;

bool contains_ci(std::string_view hay, std::string_view needle) {
  if (needle.empty()) return true;
  if (needle.size() > hay.size()) return false;
  for (std::size_t i = 0; i + needle.size() <= hay.size(); ++i) {
    bool ok = true;
    for (std::size_t j = 0; j < needle.size(); ++j) {
      char a = hay[i + j], b = needle[j];
      if (a >= 'A' && a <= 'Z') a = static_cast<char>(a - 'A' + 'a');
      if (b >= 'A' && b <= 'Z') b = static_cast<char>(b - 'A' + 'a');
      if (a != b) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

bool starts_with(std::string_view s, std::string_view p) { return s.substr(0, p.size()) == p; }

// How much a value holds (elements and fields, recursively), counted up to `limit`.
long weight(const Value& v, long limit) {
  long w = 1;
  for (const Value& e : v.elems) {
    if (w > limit) return w;
    w += weight(e, limit - w);
  }
  for (const auto& [k, f] : v.fields) {
    if (w > limit) return w;
    w += weight(f, limit - w);
  }
  return w;
}

// A value too big to track element by element becomes one that holds their taint.
void keep_small(Value& v) {
  constexpr long kMaxWeight = 256;
  if (v.elems.empty() && v.fields.empty()) return;
  if (weight(v, kMaxWeight) <= kMaxWeight) return;
  v.taint = deep_taint(v);
  v.elems.clear();
  v.exact = false;
  v.fields.clear();
}
bool ends_with(std::string_view s, std::string_view p) {
  return s.size() >= p.size() && s.substr(s.size() - p.size()) == p;
}

// The function-like frame the interpreter executes statements in.
struct Frame {
  const rules::PythonModule* module = nullptr;
  const py::Node* function = nullptr;  // def/lambda; null at module level
  Env env;
  std::shared_ptr<const Env> closure;
  bool reachable = true;
  bool has_return = false;
  Value returned;
  std::vector<Value> yields;
  bool view = false;          // a Flask view: a returned string is the HTML response
  int depth = 0;
  std::vector<std::vector<Env>> breaks;
  std::vector<std::vector<Env>> continues;
  std::set<std::string, std::less<>> globals;  // names declared global
};

// Hashes std::string and std::string_view alike: look-ups by a view build no string.
struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct CallKey {
  const py::Node* def;
  std::string args;
  bool operator==(const CallKey& o) const { return def == o.def && args == o.args; }
};
struct CallKeyHash {
  std::size_t operator()(const CallKey& k) const {
    return std::hash<const void*>{}(k.def) ^ (std::hash<std::string>{}(k.args) * 31);
  }
};
// A sink reached inside a call: reported at the call in the entry function, and again
// at every other call that reaches it (a memoised call replays its sinks).
struct PendingSink {
  SinkClass cls;
  const py::Node* node;
  const rules::PythonModule* module;
  std::string sink;
  Taint taint;
};

struct CallResult {
  Value result;
  Value self_after;
  std::vector<PendingSink> sinks;
};

class Interpreter {
 public:
  Interpreter(rules::PythonProject& project, Analysis& out, const Models& models)
      : project_(project), out_(out), models_(models) {}

  void run();

 private:
  // --- statements
  void exec_block(const Span<py::Stmt*>& body, Frame& f);
  void exec(const py::Stmt* s, Frame& f);
  void exec_if(const py::If* s, Frame& f);
  void exec_loop(const py::Stmt* s, Frame& f);
  void exec_try(const Span<py::Stmt*>& body, const Span<py::ExceptHandlerBase*>& handlers,
                const Span<py::Stmt*>& orelse, const Span<py::Stmt*>& finalbody, Frame& f);
  void exec_match(const py::Match* s, Frame& f);
  void assign(const py::Expr* target, Value v, Frame& f, const py::Node* at);
  void bind_def(const py::Stmt* s, Frame& f);
  Value make_function(const py::Node* def, const py::Arguments* args, Frame& f);

  // --- expressions
  Value eval(const py::Expr* e, Frame& f);
  Value eval_name(const py::Name* n, Frame& f);
  Value eval_attribute(const py::Attribute* a, Frame& f);
  Value attribute_of(const Value& base, std::string_view attr, Frame& f, const py::Node* at);
  Value eval_subscript(const py::Subscript* s, Frame& f);
  Value subscript_of(const Value& base, const Value& index);
  Value eval_binop(const py::BinOp* b, Frame& f);
  Value eval_compare(const py::Compare* c, Frame& f);
  Value eval_joined(const py::JoinedStr* j, Frame& f);
  Value eval_comprehension(const py::Expr* elt, const py::Expr* value, const Span<py::Comprehension*>& gens,
                           Shape shape, Frame& f);
  Value eval_call(const py::Call* c, Frame& f);

  // --- calls
  struct Args {
    std::vector<Value> positional;
    std::vector<std::pair<std::string, Value>> keywords;
    std::vector<const py::Expr*> positional_exprs;
    std::vector<const py::Expr*> keyword_exprs;
    bool splat = false;
    const Value* keyword(std::string_view name) const {
      for (const auto& [k, v] : keywords) {
        if (k == name) return &v;
      }
      return nullptr;
    }
  };
  Value call_value(const Value& callee, Args& args, const py::Call* c, Frame& f, Value* receiver,
                   const py::Expr* receiver_expr);
  CallResult call_function(const Value& fn, Args& args, const py::Call* c, Frame& caller);
  Value instantiate(const Value& cls, Args& args, const py::Call* c, Frame& f);
  Value call_external(const std::string& qn, Args& args, const py::Call* c, Frame& f);
  Value call_method(Value& receiver, std::string_view name, Args& args, const py::Call* c, Frame& f,
                    const py::Expr* receiver_expr);
  Value default_call(const Value* receiver, const Args& args, bool resolved);
  void store_back(const py::Expr* receiver_expr, const Value& v, Frame& f);

  // --- sinks
  void check_sink(const SinkModel& m, const std::string& callee, const Args& args, const py::Call* c, Frame& f,
                  const Value* receiver);
  void sink_value(SinkClass cls, const Value& v, const py::Node* at, const std::string& sink, Frame& f);
  void report(SinkClass cls, const Taint& t, const py::Node* at, const std::string& sink, Frame& f);
  void verdict(Frame& f, const py::Node* at, int cwe, const Taint& t, SinkClass cls);
  void observe(const std::string& callee, const Args& args, const py::Call* c, Frame& f);

  // --- names and modules
  // The project module a dotted name refers to: exactly, or, when the scan root is above
  // the directory the application runs from (`src/`, a monorepo), the one module whose
  // name ends with it.
  const rules::PythonModule* find_module(std::string_view dotted);
  const rules::PythonModule* find_module_uncached(std::string_view dotted);
  std::unordered_map<std::string, const rules::PythonModule*, StringHash, std::equal_to<>> modules_found_;
  std::unordered_map<std::string_view, const rules::PythonModule*> suffix_index_;
  bool suffixes_indexed_ = false;
  int resolve_depth_ = 0;
  Value resolve_qualified(const std::string& qn, Frame& f);
  Value module_member(const rules::PythonModule* m, std::string_view name);
  const Env* module_env(const rules::PythonModule* m);
  Value class_member(const ClassRef& c, std::string_view name, int depth = 0);
  std::string describe(const py::Node* n, const rules::PythonModule* m) const;
  // The text of lines [first, last] (1-based) of a module, through a per-module line index.
  std::string_view lines_of(const rules::PythonModule* m, int first, int last) const;
  mutable std::unordered_map<const rules::PythonModule*, std::vector<std::size_t>> line_starts_;
  Trace step(const Trace& prev, Frame& f, const py::Node* at, std::string note);
  Value source_value(std::uint8_t kind, Frame& f, const py::Node* at, std::string what);

  // --- refinement
  void refine(const py::Expr* test, bool truth, Frame& f);
  bool terminates(const py::Call* c, Frame& f);

  // --- entries
  void analyse_entry(const rules::PythonModule* m, const py::Node* def);

  // True (and stays true for the entry) once the entry's budget is spent: evaluation
  // then returns unknown values and executes nothing more.
  bool spent() {
    ++scan_steps_;
    return ++entry_steps_ > kEntryBudget || scan_steps_ > kScanBudget;
  }
  long entry_steps_ = 0;
  long scan_steps_ = 0;
  std::unordered_map<const py::Node*, int> contexts_;

  rules::PythonProject& project_;
  Analysis& out_;
  const Models& models_;
  std::unordered_map<const rules::PythonModule*, std::unique_ptr<Env>> module_envs_;
  std::unordered_set<const rules::PythonModule*> modules_in_progress_;
  std::unordered_map<CallKey, CallResult, CallKeyHash> memo_;
  std::string signature_buffer_;  // call_function's memo key, before it is copied
  std::vector<const py::Node*> call_stack_;
  std::set<std::pair<const py::Node*, int>> reported_;
  void emit(const PendingSink& p);
  struct CallSite {
    const py::Call* call;
    const rules::PythonModule* module;
  };
  std::vector<CallSite> call_sites_;                  // the calls being analysed, outermost first
  std::vector<std::vector<PendingSink>*> collectors_;  // the sinks each of them reaches
  std::unordered_map<const py::Node*, std::pair<const rules::PythonModule*, std::pair<int, rules::SinkVerdict::State>>> verdicts_;
  std::unordered_map<const py::Node*, const rules::PythonModule*> node_module_;
  std::set<const py::Call*> observed_;
};

int cwe_of(SinkClass c) {
  switch (c) {
    case Sql: return 89;
    case Command: return 78;
    case Code: return 94;
    case Path: return 22;
    case Redirect: return 601;
    case Xss: return 79;
    case Deserialization: return 502;
    case Ldap: return 90;
    case Xpath: return 643;
    case Xxe: return 611;
    case Trust: return 501;
    case Ssrf: return 918;
    case Header: return 113;
    case Log: return 117;
    default: return 0;
  }
}

// ---------------------------------------------------------------- descriptions

std::string_view Interpreter::lines_of(const rules::PythonModule* m, int first, int last) const {
  std::string_view text = m->unit.text;
  const std::vector<std::size_t>& starts =
      m->unit.line_starts ? *m->unit.line_starts : rules::line_starts(text, nullptr, line_starts_[m]);
  if (first < 1 || last < first || static_cast<std::size_t>(first) > starts.size()) return {};
  std::size_t begin = starts[static_cast<std::size_t>(first) - 1];
  std::size_t end = static_cast<std::size_t>(last) < starts.size() ? starts[static_cast<std::size_t>(last)] : text.size();
  return text.substr(begin, end - begin);
}

std::string Interpreter::describe(const py::Node* n, const rules::PythonModule* m) const {
  if (!n || !m || n->lineno <= 0) return {};
  std::string_view line = lines_of(m, n->lineno, n->lineno);
  std::size_t start = static_cast<std::size_t>(n->col_offset);
  std::size_t end = n->end_lineno == n->lineno ? static_cast<std::size_t>(n->end_col_offset) : line.size();
  while (end > start && end <= line.size() && (line[end - 1] == '\n' || line[end - 1] == '\r')) --end;
  if (start >= line.size() || end <= start || end > line.size()) return {};
  std::string s(line.substr(start, end - start));
  if (s.size() > 80) s = s.substr(0, 77) + "...";
  return s;
}

Trace Interpreter::step(const Trace& prev, Frame& f, const py::Node* at, std::string note) {
  if (prev && prev->length >= kMaxTrace) return prev;
  auto node = std::make_shared<TraceNode>();
  node->module = f.module;
  node->node = at;
  node->note = std::move(note);
  node->prev = prev;
  node->length = prev ? prev->length + 1 : 1;
  return node;
}

Value Interpreter::source_value(std::uint8_t kind, Frame& f, const py::Node* at, std::string what) {
  Taint t;
  t.kinds = kind;
  t.trace = step(nullptr, f, at, std::move(what));
  return Value::tainted(std::move(t));
}

// ---------------------------------------------------------------- modules and names

const rules::PythonModule* Interpreter::find_module(std::string_view dotted) {
  // A name's module does not change during the analysis (a module, once loaded, stays; one
  // that cannot be loaded never will be): the answer is looked up once per name.
  if (auto known = modules_found_.find(dotted); known != modules_found_.end()) return known->second;
  const rules::PythonModule* found = find_module_uncached(dotted);
  modules_found_.emplace(std::string(dotted), found);
  return found;
}

const rules::PythonModule* Interpreter::find_module_uncached(std::string_view dotted) {
  if (const rules::PythonModule* m = project_.module(dotted)) return m;
  // Every proper dotted suffix of every module name of the project, loaded or not ("b.c"
  // and "c" of "a.b.c"), once: the module it names, or null when two modules share it.
  if (!suffixes_indexed_) {
    suffixes_indexed_ = true;
    for (const auto& [name, m] : project_.by_name) {
      for (std::size_t dot = name.find('.'); dot != std::string::npos; dot = name.find('.', dot + 1)) {
        auto [slot, inserted] = suffix_index_.emplace(std::string_view(name).substr(dot + 1), m);
        if (!inserted && slot->second != m) slot->second = nullptr;
      }
    }
  }
  const rules::PythonModule* found = nullptr;
  if (auto s = suffix_index_.find(dotted); s != suffix_index_.end() && s->second) {
    found = project_.module(s->second->name);  // loaded now if it was not
  }
  return found;
}

const Env* Interpreter::module_env(const rules::PythonModule* m) {
  auto it = module_envs_.find(m);
  if (it != module_envs_.end()) return it->second.get();
  if (modules_in_progress_.count(m)) return nullptr;
  modules_in_progress_.insert(m);
  // A module's top level has a budget of its own, not the entry's that needed it.
  long saved_steps = entry_steps_;
  entry_steps_ = 0;
  Frame f;
  f.module = m;
  exec_block(m->unit.module->body, f);
  entry_steps_ = saved_steps;
  modules_in_progress_.erase(m);
  auto env = std::make_unique<Env>(std::move(f.env));
  const Env* raw = env.get();
  module_envs_[m] = std::move(env);
  return raw;
}

Value Interpreter::module_member(const rules::PythonModule* m, std::string_view name) {
  if (const Env* env = module_env(m)) {
    if (const Value* v = env->get(name)) return *v;
  }
  // The module is being evaluated (a cycle): its defs are known from the tree.
  for (const py::Stmt* s : m->unit.module->body) {
    auto* fn = as<py::FunctionDef>(s);
    auto* async_fn = as<py::AsyncFunctionDef>(s);
    if ((fn && fn->name == name) || (async_fn && async_fn->name == name)) {
      Value v;
      v.shape = Shape::Function;
      v.def = s;
      v.module = m;
      return v;
    }
    if (auto* cls = as<py::ClassDef>(s); cls && cls->name == name) {
      Value v;
      v.shape = Shape::Class;
      v.classes.push_back({cls, m});
      v.def = cls;
      v.module = m;
      return v;
    }
  }
  // A submodule of a package.
  std::string dotted = m->name + "." + std::string(name);
  if (const rules::PythonModule* sub = find_module(dotted)) {
    Value v;
    v.shape = Shape::Module;
    v.module = sub;
    v.qn = dotted;
    return v;
  }
  // Not a name the module binds (set at run time, or a star import): unknown, and not a
  // dotted name to resolve again.
  Value v;
  v.taint.kinds = kUnknown;
  return v;
}

Value Interpreter::resolve_qualified(const std::string& qn, Frame& f) {
  // Resolution re-enters through attributes of module members; names are finite, but a
  // module that re-exports itself must not loop.
  if (resolve_depth_ > 16) return Value::external(qn);
  struct Depth {
    int& d;
    explicit Depth(int& depth) : d(depth) { ++d; }
    ~Depth() { --d; }
  } depth(resolve_depth_);
  if (qn.empty()) {
    Value v;
    v.taint.kinds = kUnknown;
    return v;
  }
  if (const rules::PythonModule* m = find_module(qn)) {
    Value v;
    v.shape = Shape::Module;
    v.module = m;
    v.qn = qn;
    return v;
  }
  // The longest prefix that is a project module, then members.
  std::size_t dot = qn.rfind('.');
  while (dot != std::string::npos) {
    if (const rules::PythonModule* m = find_module(std::string_view(qn).substr(0, dot))) {
      Value v = module_member(m, std::string_view(qn).substr(dot + 1, qn.find('.', dot + 1) - dot - 1));
      std::size_t next = qn.find('.', dot + 1);
      while (next != std::string::npos) {
        std::size_t after = qn.find('.', next + 1);
        v = attribute_of(v, std::string_view(qn).substr(next + 1, after == std::string::npos ? std::string::npos : after - next - 1), f, nullptr);
        next = after;
      }
      return v;
    }
    if (dot == 0) break;
    dot = qn.rfind('.', dot - 1);
  }
  Value v = Value::external(qn);
  auto src = models_.sources.find(qn);
  if (src != models_.sources.end()) {
    v.taint.kinds = src->second;
    v.taint.trace = step(nullptr, f, nullptr, qn);
  }
  auto req = models_.request_types.find(qn);
  if (req != models_.request_types.end()) {
    v.request = true;
    v.framework = req->second;
  }
  return v;
}

Value Interpreter::eval_name(const py::Name* n, Frame& f) {
  if (const Value* v = f.env.get(n->id); v && !f.globals.count(n->id)) return *v;
  if (f.closure) {
    if (const Value* c = f.closure->get(n->id)) return *c;
  }
  if (f.function) {
    if (const Env* env = module_env(f.module)) {
      if (const Value* g = env->get(n->id)) return *g;
    }
  }
  const sem::SemanticModel& model = *f.module->unit.model;
  const std::string& qn = model.qualified_name_ref(n);
  if (qn.empty()) {
    Value v;
    v.taint.kinds = kUnknown;
    return v;
  }
  std::string_view prefix = model.module_prefix();
  if (starts_with(qn, prefix) && qn.size() > prefix.size() && qn[prefix.size()] == '.') {
    std::string_view rest = std::string_view(qn).substr(prefix.size() + 1);
    if (rest.find('.') == std::string_view::npos) return module_member(f.module, rest);
  }
  Value v = resolve_qualified(qn, f);
  if (v.taint.trace && v.taint.trace->node == nullptr) {
    Taint t = v.taint;
    t.trace = step(nullptr, f, n, describe(n, f.module));
    v.taint = t;
  }
  return v;
}

Value Interpreter::class_member(const ClassRef& c, std::string_view name, int depth) {
  if (!c.def || depth > 8) return Value::any();
  for (const py::Stmt* s : c.def->body) {
    const py::Node* def = nullptr;
    std::string_view def_name;
    const Span<py::Expr*>* decorators = nullptr;
    if (auto* fn = as<py::FunctionDef>(s)) {
      def = fn, def_name = fn->name, decorators = &fn->decorator_list;
    } else if (auto* fn = as<py::AsyncFunctionDef>(s)) {
      def = fn, def_name = fn->name, decorators = &fn->decorator_list;
    }
    if (def && def_name == name) {
      Value v;
      v.shape = Shape::Function;
      v.def = def;
      v.module = c.module;
      for (const py::Expr* d : *decorators) {
        if (auto* dn = as<py::Name>(d); dn && (dn->id == "staticmethod" || dn->id == "classmethod")) v.text = dn->id;
        if (auto* dn = as<py::Name>(d); dn && dn->id == "property") v.text = "property";
      }
      return v;
    }
    if (auto* a = as<py::Assign>(s)) {
      for (const py::Expr* t : a->targets) {
        if (auto* tn = as<py::Name>(t); tn && tn->id == name) {
          Frame f;
          f.module = c.module;
          f.function = c.def;  // names resolve through the module
          return eval(a->value, f);
        }
      }
    }
    if (auto* a = as<py::AnnAssign>(s); a && a->value) {
      if (auto* tn = as<py::Name>(a->target); tn && tn->id == name) {
        Frame f;
        f.module = c.module;
        f.function = c.def;
        return eval(a->value, f);
      }
    }
  }
  for (const py::Expr* base : c.def->bases) {
    Frame f;
    f.module = c.module;
    f.function = c.def;
    Value b = eval(base, f);
    if (b.shape == Shape::Class) {
      for (const ClassRef& r : b.classes.view()) {
        Value v = class_member(r, name, depth + 1);
        if (v.shape != Shape::Any || v.taint.any()) return v;
      }
    }
  }
  return Value::any();
}

// ---------------------------------------------------------------- expressions

Value Interpreter::attribute_of(const Value& base, std::string_view attr, Frame& f, const py::Node* at) {
  switch (base.shape) {
    case Shape::Module:
      return module_member(base.module, attr);
    case Shape::Object: {
      if (const Value* field = base.field(attr)) return *field;
      Value joined;
      bool found = false;
      for (const ClassRef& c : base.classes.view()) {
        Value m = class_member(c, attr);
        if (m.shape == Shape::Function) {
          if (m.text == "property") {
            Args none;
            Value bound = m;
            bound.set_bound_self(std::make_shared<const Value>(base));
            CallResult r = call_function(bound, none, nullptr, f);
            joined = found ? join(joined, r.result) : r.result;
          } else {
            if (m.text != "staticmethod") m.set_bound_self(std::make_shared<const Value>(base));
            joined = found ? join(joined, m) : m;
          }
          found = true;
        } else if (m.shape != Shape::Any || m.taint.any()) {
          joined = found ? join(joined, m) : m;
          found = true;
        }
      }
      if (found) return joined;
      // An attribute the analysis never saw set: what the object holds, if anything.
      Value v;
      v.taint = base.taint;
      return v;
    }
    case Shape::Class: {
      for (const ClassRef& c : base.classes.view()) {
        Value m = class_member(c, attr);
        if (m.shape != Shape::Any || m.taint.any()) return m;
      }
      return Value::any();
    }
    case Shape::External: {
      std::string full = base.qn + "." + std::string(attr);
      if (base.request) {
        if (models_.request_attrs.count(attr)) {
          Value v = source_value(kUser, f, at, at ? describe(at, f.module) : full);
          v.qn = full;
          return v;
        }
        if (attr == "session") return Value::external("django.session");
        Value v = Value::external(full);
        v.request = false;
        return v;
      }
      if (const rules::PythonModule* m = find_module(full)) {
        Value v;
        v.shape = Shape::Module;
        v.module = m;
        v.qn = full;
        return v;
      }
      Value v = resolve_qualified(full, f);
      if (v.taint.any() && at && v.taint.trace && !v.taint.trace->node) {
        v.taint.trace = step(nullptr, f, at, describe(at, f.module));
      }
      v.taint.join(base.taint);
      return v;
    }
    default: {
      if (base.request && models_.request_attrs.count(attr)) {
        Value v = source_value(kUser, f, at, at ? describe(at, f.module) : std::string(attr));
        return v;
      }
      if (base.request && attr == "session") return Value::external("django.session");
      // An attribute of a value that holds data carries its taint (`form.name.data`).
      Value v;
      v.taint = deep_taint(base);
      if (!base.qn.empty()) v.qn = base.qn + "." + std::string(attr);
      return v;
    }
  }
}

Value Interpreter::eval_attribute(const py::Attribute* a, Frame& f) {
  Value base = eval(a->value, f);
  return attribute_of(base, a->attr, f, a);
}

Value Interpreter::subscript_of(const Value& base, const Value& index) {
  if (base.request) {
    Value v;
    v.taint.kinds = kUser;
    v.taint.trace = base.taint.trace;
    return v;
  }
  if (base.shape == Shape::Str && base.constant && index.constant && index.shape == Shape::Int) {
    long long n = static_cast<long long>(base.text.size());
    long long i = index.number < 0 ? index.number + n : index.number;
    if (i >= 0 && i < n) return Value::str(base.text.substr(static_cast<std::size_t>(i), 1));
  }
  if ((base.shape == Shape::List || base.shape == Shape::Tuple) && base.exact && index.constant &&
      (index.shape == Shape::Int || index.shape == Shape::Bool)) {
    long long n = static_cast<long long>(base.elems.size());
    long long i = index.number < 0 ? index.number + n : index.number;
    if (i >= 0 && i < n) return base.elems[static_cast<std::size_t>(i)];
    return Value::any();
  }
  if ((base.shape == Shape::Dict || base.shape == Shape::Any || base.shape == Shape::Object) && index.constant) {
    if (auto key = constant_text(index)) {
      if (const Value* field = base.field(*key)) return *field;
    }
  }
  Value v;
  v.taint = deep_taint(base);
  if (base.shape == Shape::Str || base.shape == Shape::Bytes) v.shape = base.shape;
  return v;
}

Value Interpreter::eval_subscript(const py::Subscript* s, Frame& f) {
  Value base = eval(s->value, f);
  if (auto* slice = as<py::Slice>(s->slice)) {
    Value lo = slice->lower ? eval(slice->lower, f) : Value::none();
    Value hi = slice->upper ? eval(slice->upper, f) : Value::none();
    if (slice->step) eval(slice->step, f);
    if (base.shape == Shape::Str && base.constant && !slice->step && (lo.shape == Shape::None || lo.constant) &&
        (hi.shape == Shape::None || hi.constant)) {
      long long n = static_cast<long long>(base.text.size());
      long long a = lo.shape == Shape::None ? 0 : (lo.number < 0 ? std::max(0LL, lo.number + n) : std::min(lo.number, n));
      long long b = hi.shape == Shape::None ? n : (hi.number < 0 ? std::max(0LL, hi.number + n) : std::min(hi.number, n));
      return Value::str(a < b ? base.text.substr(static_cast<std::size_t>(a), static_cast<std::size_t>(b - a)) : "");
    }
    if ((base.shape == Shape::List || base.shape == Shape::Tuple) && base.exact && !slice->step &&
        (lo.shape == Shape::None || lo.constant) && (hi.shape == Shape::None || hi.constant)) {
      long long n = static_cast<long long>(base.elems.size());
      long long a = lo.shape == Shape::None ? 0 : (lo.number < 0 ? std::max(0LL, lo.number + n) : std::min(lo.number, n));
      long long b = hi.shape == Shape::None ? n : (hi.number < 0 ? std::max(0LL, hi.number + n) : std::min(hi.number, n));
      Value v;
      v.shape = base.shape;
      v.exact = true;
      for (long long i = a; i < b; ++i) v.elems.push_back(base.elems[static_cast<std::size_t>(i)]);
      return v;
    }
    Value v;
    v.shape = (base.shape == Shape::Str || base.shape == Shape::Bytes || base.shape == Shape::List ||
               base.shape == Shape::Tuple) ? base.shape : Shape::Any;
    v.taint = deep_taint(base);
    if (lo.shape == Shape::None && base.shape == Shape::Str) v.text = base.text;
    return v;
  }
  Value index = eval(s->slice, f);
  return subscript_of(base, index);
}

Value concat(const Value& a, const Value& b) {
  Value v;
  v.shape = a.shape == Shape::Bytes ? Shape::Bytes : Shape::Str;
  v.taint = deep_taint(a);
  v.taint.join(deep_taint(b));
  if (a.constant && b.constant && a.text.size() + b.text.size() <= kMaxConstantString) {
    v.constant = true;
    v.text = a.text + b.text;
  } else if (a.constant) {
    v.text = a.text.substr(0, kMaxConstantString) + b.text.substr(0, 256);  // b's known prefix follows a's text
  } else {
    v.text = a.text.substr(0, 256);
  }
  return v;
}

Value Interpreter::eval_binop(const py::BinOp* b, Frame& f) {
  Value l = eval(b->left, f);
  Value r = eval(b->right, f);
  using py::Operator;
  bool ints = (l.shape == Shape::Int || l.shape == Shape::Bool) && (r.shape == Shape::Int || r.shape == Shape::Bool);
  if (ints && l.constant && r.constant) {
    long long x = l.number, y = r.number;
    switch (b->op) {
      case Operator::Add: return Value::integer(x + y);
      case Operator::Sub: return Value::integer(x - y);
      case Operator::Mult: return Value::integer(x * y);
      case Operator::FloorDiv:
        if (y != 0) return Value::integer(x / y - ((x % y != 0) && ((x < 0) != (y < 0)) ? 1 : 0));
        break;
      case Operator::Mod:
        if (y != 0) {
          long long m = x % y;
          if (m != 0 && ((m < 0) != (y < 0))) m += y;
          return Value::integer(m);
        }
        break;
      case Operator::BitAnd: return Value::integer(x & y);
      case Operator::BitOr: return Value::integer(x | y);
      case Operator::BitXor: return Value::integer(x ^ y);
      case Operator::LShift:
        if (y >= 0 && y < 32) return Value::integer(x << y);
        break;
      case Operator::RShift:
        if (y >= 0 && y < 63) return Value::integer(x >> y);
        break;
      case Operator::Pow:
        if (y >= 0 && y < 20) {
          long long p = 1;
          for (long long i = 0; i < y; ++i) p *= x;
          return Value::integer(p);
        }
        break;
      default: break;
    }
  }
  Value result;
  // pathlib's `/` joins: the result is a path object with both sides' data.
  if (b->op == Operator::Div && (starts_with(l.qn, "pathlib.") || starts_with(r.qn, "pathlib."))) {
    result.qn = "pathlib.Path()";
    result.taint = deep_taint(l);
    result.taint.join(deep_taint(r));
    return result;
  }
  if (b->op == Operator::Add && (l.is_str_like() || r.is_str_like())) {
    result = concat(l, r);
  } else if (b->op == Operator::Add && (l.shape == Shape::List || l.shape == Shape::Tuple) && l.shape == r.shape) {
    result.shape = l.shape;
    if (l.exact && r.exact) {
      result.exact = true;
      result.elems = l.elems;
      result.elems.insert(result.elems.end(), r.elems.begin(), r.elems.end());
    } else {
      result.taint = deep_taint(l);
      result.taint.join(deep_taint(r));
    }
  } else if (b->op == Operator::Mod && l.is_str_like()) {
    // printf-style formatting: the template's taint and every argument's.
    result.shape = l.shape;
    result.taint = deep_taint(l);
    result.taint.join(deep_taint(r));
    if (l.constant && r.constant && l.text.find('%') != std::string::npos) {
      // "%s" % constant: fold the simple cases.
      std::string out;
      bool ok = true;
      for (std::size_t i = 0; i < l.text.size(); ++i) {
        if (l.text[i] != '%') {
          out += l.text[i];
          continue;
        }
        if (i + 1 < l.text.size() && l.text[i + 1] == '%') {
          out += '%';
          ++i;
        } else if (i + 1 < l.text.size() && (l.text[i + 1] == 's' || l.text[i + 1] == 'd')) {
          auto t = constant_text(r);
          if (!t) ok = false; else out += *t;
          ++i;
        } else {
          ok = false;
        }
      }
      if (ok) {
        result.constant = true;
        result.text = out;
      }
    } else {
      std::size_t pct = l.text.find('%');
      result.text = l.constant ? l.text.substr(0, pct) : l.text;
    }
  } else if (b->op == Operator::Mult && (l.is_str_like() || r.is_str_like())) {
    result.shape = l.is_str_like() ? l.shape : r.shape;
    result.taint = deep_taint(l);
    result.taint.join(deep_taint(r));
  } else {
    if ((l.shape == Shape::Int || l.shape == Shape::Float) && (r.shape == Shape::Int || r.shape == Shape::Float)) {
      result.shape = l.shape == Shape::Float || r.shape == Shape::Float ? Shape::Float : Shape::Int;
    }
    result.taint = deep_taint(l);
    result.taint.join(deep_taint(r));
  }
  // Strings built here: what reaches them decides the pattern rules' verdict.
  if ((b->op == Operator::Add || b->op == Operator::Mod) && result.is_str_like()) {
    verdict(f, b, 0, result.taint, Sql);
  }
  return result;
}

std::optional<bool> compare_constants(const Value& l, py::CmpOperator op, const Value& r) {
  using py::CmpOperator;
  if (op == CmpOperator::Is || op == CmpOperator::IsNot) {
    if (l.shape == Shape::None || r.shape == Shape::None) {
      bool both_none = l.shape == Shape::None && r.shape == Shape::None;
      bool one_known_not_none = (l.shape == Shape::None && r.constant && r.shape != Shape::None) ||
                                (r.shape == Shape::None && l.constant && l.shape != Shape::None);
      if (both_none) return op == CmpOperator::Is;
      if (one_known_not_none) return op == CmpOperator::IsNot;
    }
    return std::nullopt;
  }
  if (op == CmpOperator::In || op == CmpOperator::NotIn) {
    if (!l.constant) return std::nullopt;
    bool found = false;
    if (r.is_str_like() && r.constant && l.is_str_like()) {
      found = r.text.find(l.text) != std::string::npos;
    } else if ((r.shape == Shape::List || r.shape == Shape::Tuple || r.shape == Shape::Set) && r.exact) {
      for (const Value& e : r.elems) {
        if (!e.constant) return std::nullopt;
        if (constant_text(e) == constant_text(l) && e.is_str_like() == l.is_str_like()) found = true;
      }
    } else if (r.shape == Shape::Dict && !r.taint.any()) {
      auto key = constant_text(l);
      found = key && r.field(*key);
      if (!found) return std::nullopt;  // keys added where the analysis cannot see
    } else {
      return std::nullopt;
    }
    return op == CmpOperator::In ? found : !found;
  }
  if (!l.constant || !r.constant) return std::nullopt;
  bool lnum = l.shape == Shape::Int || l.shape == Shape::Bool || l.shape == Shape::Float;
  bool rnum = r.shape == Shape::Int || r.shape == Shape::Bool || r.shape == Shape::Float;
  int cmp;
  if (lnum && rnum) {
    double a = l.shape == Shape::Float ? l.real : static_cast<double>(l.number);
    double b = r.shape == Shape::Float ? r.real : static_cast<double>(r.number);
    cmp = a < b ? -1 : a > b ? 1 : 0;
  } else if (l.is_str_like() && r.is_str_like()) {
    cmp = l.text.compare(r.text);
    cmp = cmp < 0 ? -1 : cmp > 0 ? 1 : 0;
  } else if (l.shape == Shape::None && r.shape == Shape::None) {
    cmp = 0;
  } else {
    if (op == CmpOperator::Eq) return false;
    if (op == CmpOperator::NotEq) return true;
    return std::nullopt;
  }
  switch (op) {
    case CmpOperator::Eq: return cmp == 0;
    case CmpOperator::NotEq: return cmp != 0;
    case CmpOperator::Lt: return cmp < 0;
    case CmpOperator::LtE: return cmp <= 0;
    case CmpOperator::Gt: return cmp > 0;
    case CmpOperator::GtE: return cmp >= 0;
    default: return std::nullopt;
  }
}

Value Interpreter::eval_compare(const py::Compare* c, Frame& f) {
  Value left = eval(c->left, f);
  std::optional<bool> all = true;
  for (std::size_t i = 0; i < c->ops.size(); ++i) {
    Value right = eval(c->comparators[i], f);
    auto r = compare_constants(left, c->ops[i], right);
    if (!r) {
      all.reset();
    } else if (all && !*r) {
      all = false;
    }
    left = std::move(right);
  }
  if (all) return Value::boolean(*all);
  Value v;
  v.shape = Shape::Bool;
  return v;
}

Value Interpreter::eval_joined(const py::JoinedStr* j, Frame& f) {
  Value v = Value::str("");
  for (const py::Expr* part : j->values) {
    Value p;
    if (auto* fv = as<py::FormattedValue>(part)) {
      p = eval(fv->value, f);
      if (fv->format_spec) eval(fv->format_spec, f);
      if (p.constant && !fv->format_spec && fv->conversion <= 0) {
        if (auto t = constant_text(p)) {
          p = Value::str(*t);
        }
      } else {
        Value s;
        s.shape = Shape::Str;
        s.taint = deep_taint(p);
        p = s;
      }
    } else {
      p = eval(part, f);
    }
    if (!p.is_str_like()) {
      Value s;
      s.shape = Shape::Str;
      s.taint = deep_taint(p);
      p = s;
    }
    v = concat(v, p);
  }
  verdict(f, j, 0, v.taint, Sql);
  return v;
}

Value Interpreter::eval_comprehension(const py::Expr* elt, const py::Expr* value,
                                      const Span<py::Comprehension*>& gens, Shape shape, Frame& f) {
  Frame inner = f;  // comprehension variables do not leak
  inner.breaks.clear();
  inner.continues.clear();
  for (const py::Comprehension* g : gens) {
    Value it = eval(g->iter, inner);
    Value element;
    if ((it.shape == Shape::List || it.shape == Shape::Tuple || it.shape == Shape::Set) && it.exact &&
        !it.elems.empty()) {
      element = it.elems[0];
      for (std::size_t i = 1; i < it.elems.size(); ++i) element = join(element, it.elems[i]);
    } else if (it.shape == Shape::Dict && !it.fields.empty()) {
      element = Value::str(it.fields[0].first);
      for (std::size_t i = 1; i < it.fields.size(); ++i) element = join(element, Value::str(it.fields[i].first));
      element.taint.join(it.taint);
    } else {
      element.taint = deep_taint(it);
      if (it.shape == Shape::Str) element.shape = Shape::Str;
    }
    assign(g->target, element, inner, g);
    for (const py::Expr* cond : g->ifs) eval(cond, inner);
  }
  Value out;
  out.shape = shape;
  Value e = eval(elt, inner);
  out.taint = deep_taint(e);
  if (value) out.taint.join(deep_taint(eval(value, inner)));
  return out;
}

Value Interpreter::eval(const py::Expr* e, Frame& f) {
  if (!e) return Value::none();
  if (spent()) {
    Value v;
    v.taint.kinds = kUnknown;
    return v;
  }
  switch (e->kind) {
    case py::NodeKind::Constant: {
      const auto& c = static_cast<const py::Constant*>(e)->value;
      switch (c.kind) {
        case py::ConstantKind::Str: return Value::str(std::string(c.text));
        case py::ConstantKind::Bytes: {
          Value v = Value::str(std::string(c.text));
          v.shape = Shape::Bytes;
          return v;
        }
        case py::ConstantKind::Int: {
          long long n = 0;
          bool ok = !c.text.empty() && c.text.size() < 18;
          for (char ch : c.text) {
            if (ch < '0' || ch > '9') ok = false; else n = n * 10 + (ch - '0');
          }
          if (ok) return Value::integer(n);
          Value v;
          v.shape = Shape::Int;
          return v;
        }
        case py::ConstantKind::Float: {
          Value v;
          v.shape = Shape::Float;
          v.constant = true;
          v.real = c.number;
          return v;
        }
        case py::ConstantKind::True: return Value::boolean(true);
        case py::ConstantKind::False: return Value::boolean(false);
        case py::ConstantKind::None: return Value::none();
        default: return Value::any();
      }
    }
    case py::NodeKind::Name: return eval_name(static_cast<const py::Name*>(e), f);
    case py::NodeKind::Attribute: return eval_attribute(static_cast<const py::Attribute*>(e), f);
    case py::NodeKind::Subscript: return eval_subscript(static_cast<const py::Subscript*>(e), f);
    case py::NodeKind::BinOp: return eval_binop(static_cast<const py::BinOp*>(e), f);
    case py::NodeKind::Compare: return eval_compare(static_cast<const py::Compare*>(e), f);
    case py::NodeKind::JoinedStr: return eval_joined(static_cast<const py::JoinedStr*>(e), f);
    case py::NodeKind::Call: return eval_call(static_cast<const py::Call*>(e), f);
    case py::NodeKind::UnaryOp: {
      auto* u = static_cast<const py::UnaryOp*>(e);
      Value v = eval(u->operand, f);
      if (u->op == py::UnaryOperator::Not) {
        auto t = truthiness(v);
        if (t) return Value::boolean(!*t);
        Value b;
        b.shape = Shape::Bool;
        return b;
      }
      if (u->op == py::UnaryOperator::USub && v.constant && v.shape == Shape::Int) return Value::integer(-v.number);
      if (u->op == py::UnaryOperator::USub && v.constant && v.shape == Shape::Float) {
        v.real = -v.real;
        return v;
      }
      Value r;
      r.taint = deep_taint(v);
      r.shape = v.shape == Shape::Float ? Shape::Float : Shape::Int;
      return r;
    }
    case py::NodeKind::BoolOp: {
      auto* b = static_cast<const py::BoolOp*>(e);
      bool is_and = b->op == py::BoolOperator::And;
      Value result;
      bool have = false;
      for (std::size_t i = 0; i < b->values.size(); ++i) {
        Value v = eval(b->values[i], f);
        auto t = truthiness(v);
        bool last = i + 1 == b->values.size();
        if (t && !last) {
          // `x and y`: a falsy x is the result; a truthy x passes on.
          if (*t != is_and) {
            result = have ? join(result, v) : v;
            return result;
          }
          continue;
        }
        result = have ? join(result, v) : v;
        have = true;
      }
      return result;
    }
    case py::NodeKind::IfExp: {
      auto* x = static_cast<const py::IfExp*>(e);
      auto t = truthiness(eval(x->test, f));
      if (t) return eval(*t ? x->body : x->orelse, f);
      Frame a = f, b = f;
      refine(x->test, true, a);
      refine(x->test, false, b);
      return join(eval(x->body, a), eval(x->orelse, b));
    }
    case py::NodeKind::List:
    case py::NodeKind::Tuple:
    case py::NodeKind::Set: {
      const Span<py::Expr*>& elts = e->kind == py::NodeKind::List ? static_cast<const py::List*>(e)->elts
                                        : e->kind == py::NodeKind::Tuple ? static_cast<const py::Tuple*>(e)->elts
                                                                         : static_cast<const py::Set*>(e)->elts;
      Value v;
      v.shape = e->kind == py::NodeKind::List ? Shape::List : e->kind == py::NodeKind::Tuple ? Shape::Tuple : Shape::Set;
      v.exact = e->kind != py::NodeKind::Set;
      for (const py::Expr* x : elts) {
        if (auto* st = as<py::Starred>(x)) {
          Value inner = eval(st->value, f);
          if ((inner.shape == Shape::List || inner.shape == Shape::Tuple) && inner.exact) {
            for (const Value& el : inner.elems) v.elems.push_back(el);
          } else {
            v.exact = false;
            v.taint.join(deep_taint(inner));
          }
          continue;
        }
        v.elems.push_back(eval(x, f));
      }
      if (e->kind == py::NodeKind::Set) {
        // A set of constants keeps its elements (for `x in {...}`), in no order.
        bool all_const = std::all_of(v.elems.begin(), v.elems.end(), [](const Value& el) { return el.constant; });
        v.exact = all_const;
      }
      if (!v.exact) {
        for (const Value& el : v.elems) v.taint.join(deep_taint(el));
        v.elems.clear();
      }
      return v;
    }
    case py::NodeKind::Dict: {
      auto* d = static_cast<const py::Dict*>(e);
      Value v;
      v.shape = Shape::Dict;
      for (std::size_t i = 0; i < d->values.size(); ++i) {
        Value val = eval(d->values[i], f);
        if (!d->keys[i]) {  // **other
          for (const auto& [k, fv] : val.fields) v.set_field(k, fv);
          v.taint.join(val.taint);
          continue;
        }
        Value key = eval(d->keys[i], f);
        auto text = constant_text(key);
        if (text) {
          v.set_field(*text, std::move(val));
        } else {
          v.taint.join(deep_taint(val));
          v.taint.join(deep_taint(key));
        }
      }
      return v;
    }
    case py::NodeKind::ListComp: {
      auto* c = static_cast<const py::ListComp*>(e);
      return eval_comprehension(c->elt, nullptr, c->generators, Shape::List, f);
    }
    case py::NodeKind::SetComp: {
      auto* c = static_cast<const py::SetComp*>(e);
      return eval_comprehension(c->elt, nullptr, c->generators, Shape::Set, f);
    }
    case py::NodeKind::GeneratorExp: {
      auto* c = static_cast<const py::GeneratorExp*>(e);
      return eval_comprehension(c->elt, nullptr, c->generators, Shape::List, f);
    }
    case py::NodeKind::DictComp: {
      auto* c = static_cast<const py::DictComp*>(e);
      return eval_comprehension(c->key, c->value, c->generators, Shape::Dict, f);
    }
    case py::NodeKind::Lambda: {
      auto* l = static_cast<const py::Lambda*>(e);
      return make_function(l, l->args, f);
    }
    case py::NodeKind::NamedExpr: {
      auto* n = static_cast<const py::NamedExpr*>(e);
      Value v = eval(n->value, f);
      assign(n->target, v, f, n);
      return v;
    }
    case py::NodeKind::Await: return eval(static_cast<const py::Await*>(e)->value, f);
    case py::NodeKind::Yield: {
      auto* y = static_cast<const py::Yield*>(e);
      Value v = y->value ? eval(y->value, f) : Value::none();
      if (f.yields.size() >= 8) {
        f.yields.back() = join(f.yields.back(), v);
      } else {
        f.yields.push_back(std::move(v));
      }
      return Value::any();
    }
    case py::NodeKind::YieldFrom: {
      Value v = eval(static_cast<const py::YieldFrom*>(e)->value, f);
      Value y;
      y.taint = deep_taint(v);
      f.yields.push_back(y);
      return Value::any();
    }
    case py::NodeKind::Starred: return eval(static_cast<const py::Starred*>(e)->value, f);
    case py::NodeKind::FormattedValue: {
      Value v = eval(static_cast<const py::FormattedValue*>(e)->value, f);
      Value s;
      s.shape = Shape::Str;
      s.taint = deep_taint(v);
      return s;
    }
    default: return Value::any();
  }
}

// ---------------------------------------------------------------- calls

void Interpreter::store_back(const py::Expr* receiver_expr, const Value& v, Frame& f) {
  if (!receiver_expr) return;
  if (auto* n = as<py::Name>(receiver_expr)) {
    if (f.env.has(n->id) || !f.function) {
      f.env.set(n->id, v);
    } else if (f.closure && f.closure->has(n->id)) {
      f.env.set(n->id, v);  // a copy: the closure's own value is not changed
    }
    return;
  }
  if (auto* a = as<py::Attribute>(receiver_expr)) {
    // self.items.append(x): update the attribute on the object variable.
    if (auto* base = as<py::Name>(a->value)) {
      const Value* current = f.env.get(base->id);
      if (current && (current->shape == Shape::Object || current->shape == Shape::Any)) {
        f.env.edit(base->id)->set_field(std::string(a->attr), v);
      }
    }
  }
}

Value Interpreter::make_function(const py::Node* def, const py::Arguments* args, Frame& f) {
  Value v;
  v.shape = Shape::Function;
  v.def = def;
  v.module = f.module;
  if (f.function) v.set_closure(std::make_shared<const Env>(f.env));
  if (args && (!args->defaults.empty() || !args->kw_defaults.empty())) {
    auto defaults = std::make_shared<std::vector<Value>>();
    for (const py::Expr* d : args->defaults) defaults->push_back(eval(d, f));
    for (const py::Expr* d : args->kw_defaults) defaults->push_back(d ? eval(d, f) : Value::any());
    v.set_defaults(std::move(defaults));
  }
  return v;
}

const py::Arguments* arguments_of(const py::Node* def) {
  if (auto* fn = as<py::FunctionDef>(def)) return fn->args;
  if (auto* fn = as<py::AsyncFunctionDef>(def)) return fn->args;
  if (auto* l = as<py::Lambda>(def)) return l->args;
  return nullptr;
}

bool is_generator_body(const Span<py::Stmt*>& body);
bool reads_django_request(std::string_view body);

CallResult Interpreter::call_function(const Value& fn, Args& args, const py::Call* c, Frame& caller) {
  const py::Arguments* params = arguments_of(fn.def);
  CallResult out;
  // Recursion, depth, and functions already analysed in many contexts: what goes in may
  // come out.
  if (caller.depth >= kMaxCallDepth || entry_steps_ > kEntryBudget ||
      std::find(call_stack_.begin(), call_stack_.end(), fn.def) != call_stack_.end() || !params) {
    Value v;
    for (const Value& a : args.positional) v.taint.join(deep_taint(a));
    for (const auto& [k, a] : args.keywords) v.taint.join(deep_taint(a));
    if (fn.bound_self()) out.self_after = *fn.bound_self();
    if (!v.taint.any()) v.taint.kinds = kUnknown;
    out.result = v;
    return out;
  }
  Frame f;
  f.module = fn.module;
  f.function = fn.def;
  f.closure = fn.closure();
  f.depth = caller.depth + 1;

  // Bind parameters: positional, keywords, defaults, *args, **kwargs.
  std::vector<const py::Arg*> positional;
  for (const py::Arg* a : params->posonlyargs) positional.push_back(a);
  for (const py::Arg* a : params->args) positional.push_back(a);
  // The actual positional arguments: a bound method's receiver, then the call's.
  std::size_t shift = fn.bound_self() ? 1 : 0;
  std::size_t nactual = args.positional.size() + shift;
  auto actual = [&](std::size_t i) -> const Value& { return shift && i == 0 ? *fn.bound_self() : args.positional[i - shift]; };
  std::size_t ndefaults = params->defaults.size();
  std::size_t first_default = positional.size() >= ndefaults ? positional.size() - ndefaults : 0;
  for (std::size_t i = 0; i < positional.size(); ++i) {
    std::string_view name = positional[i]->arg;
    Value v;
    bool bound = false;
    if (i < nactual) {
      v = actual(i);
      bound = true;
    } else if (const Value* kw = args.keyword(positional[i]->arg)) {
      v = *kw;
      bound = true;
    } else if (i >= first_default && fn.defaults() && i - first_default < fn.defaults()->size()) {
      v = (*fn.defaults())[i - first_default];
      bound = true;
    }
    if (!bound) v.taint.kinds = args.splat ? kUnknown : 0;
    if (args.splat && !bound) v.taint.kinds = kUnknown;
    f.env.set(name, std::move(v));
  }
  if (params->vararg) {
    Value rest;
    rest.shape = Shape::Tuple;
    rest.exact = true;
    for (std::size_t i = positional.size(); i < nactual; ++i) rest.elems.push_back(actual(i));
    f.env.set(params->vararg->arg, std::move(rest));
  }
  for (std::size_t i = 0; i < params->kwonlyargs.size(); ++i) {
    const py::Arg* a = params->kwonlyargs[i];
    Value v;
    if (const Value* kw = args.keyword(a->arg)) {
      v = *kw;
    } else if (fn.defaults() && ndefaults + i < fn.defaults()->size()) {
      v = (*fn.defaults())[ndefaults + i];
    }
    f.env.set(a->arg, std::move(v));
  }
  if (params->kwarg) {
    Value rest;
    rest.shape = Shape::Dict;
    for (const auto& [k, v] : args.keywords) {
      bool named = false;
      for (const py::Arg* p : positional) named = named || p->arg == k;
      for (const py::Arg* p : params->kwonlyargs) named = named || p->arg == k;
      if (!named) rest.set_field(std::string(k), v);
    }
    f.env.set(params->kwarg->arg, std::move(rest));
  }

  // Built in a buffer kept between calls: the key itself is then one allocation of its size.
  std::string& sig = signature_buffer_;
  sig.clear();
  for (const auto& [name, v] : f.env.vars()) {
    sig += name;
    sig += '=';
    signature(*v, sig);
    sig += ';';
  }
  CallKey key{fn.def, sig};
  auto hit = memo_.find(key);
  if (hit == memo_.end() && ++contexts_[fn.def] > kContextsPerFunction) {
    Value v;
    for (const Value& a : args.positional) v.taint.join(deep_taint(a));
    for (const auto& [k, a] : args.keywords) v.taint.join(deep_taint(a));
    if (!v.taint.any()) v.taint.kinds = kUnknown;
    out.result = v;
    if (fn.bound_self()) out.self_after = *fn.bound_self();
    return out;
  }
  if (hit != memo_.end()) {
    if (!hit->second.sinks.empty() && c) {
      // The same values reach the same sinks: report them at this call too.
      Taint in;
      for (const Value& a : args.positional) in.join(deep_taint(a));
      for (const auto& [k, a] : args.keywords) in.join(deep_taint(a));
      if (fn.bound_self()) in.join(deep_taint(*fn.bound_self()));
      call_sites_.push_back({c, caller.module});
      for (const PendingSink& cached : hit->second.sinks) {
        PendingSink p = cached;
        if (in.any()) {
          p.taint = in;
          p.taint.sanitized = cached.taint.sanitized;
        }
        for (auto* collector : collectors_) collector->push_back(p);
        emit(p);
      }
      call_sites_.pop_back();
    }
    // The callers read the result and the receiver after; the sinks stay in the memo.
    out.result = hit->second.result;
    out.self_after = hit->second.self_after;
    return out;
  }

  ++out_.functions_analysed;
  call_stack_.push_back(fn.def);
  std::vector<PendingSink> reached;
  if (c) call_sites_.push_back({c, caller.module});
  collectors_.push_back(&reached);
  std::string self_name = positional.empty() ? std::string() : std::string(positional[0]->arg);
  if (auto* l = as<py::Lambda>(fn.def)) {
    out.result = eval(l->body, f);
  } else {
    const Span<py::Stmt*>& body =
        as<py::FunctionDef>(fn.def) ? as<py::FunctionDef>(fn.def)->body : as<py::AsyncFunctionDef>(fn.def)->body;
    exec_block(body, f);
    if (is_generator_body(body)) {
      Value list;
      list.shape = Shape::List;
      for (const Value& y : f.yields) list.taint.join(deep_taint(y));
      out.result = list;
    } else {
      out.result = f.has_return ? f.returned : Value::none();
      if (f.has_return && f.reachable) out.result = join(out.result, Value::none());
    }
  }
  call_stack_.pop_back();
  collectors_.pop_back();
  if (c) call_sites_.pop_back();
  out.sinks = std::move(reached);
  if (fn.bound_self() && !self_name.empty()) {
    const Value* self_value = f.env.get(self_name);
    out.self_after = self_value ? *self_value : *fn.bound_self();
  }
  if (out.result.taint.any() && c) {
    Taint t = out.result.taint;
    t.trace = step(t.trace, caller, c, "returned by " + describe(c->func, caller.module) + "()");
    out.result.taint = t;
  }
  auto [slot, inserted] = memo_.try_emplace(std::move(key), std::move(out));
  if (!inserted) return out;  // (not moved from: try_emplace leaves it when the key is there)
  CallResult copy;
  copy.result = slot->second.result;
  copy.self_after = slot->second.self_after;
  return copy;
}

bool is_generator_expr(const py::Expr* e);

bool is_generator_stmt(const py::Stmt* s) {
  if (!s) return false;
  switch (s->kind) {
    case py::NodeKind::ExprStmt: return is_generator_expr(static_cast<const py::ExprStmt*>(s)->value);
    case py::NodeKind::Assign: return is_generator_expr(static_cast<const py::Assign*>(s)->value);
    case py::NodeKind::If: {
      auto* i = static_cast<const py::If*>(s);
      return is_generator_body(i->body) || is_generator_body(i->orelse);
    }
    case py::NodeKind::For: {
      auto* i = static_cast<const py::For*>(s);
      return is_generator_body(i->body) || is_generator_body(i->orelse);
    }
    case py::NodeKind::While: {
      auto* i = static_cast<const py::While*>(s);
      return is_generator_body(i->body);
    }
    case py::NodeKind::With: return is_generator_body(static_cast<const py::With*>(s)->body);
    case py::NodeKind::Try: {
      auto* t = static_cast<const py::Try*>(s);
      return is_generator_body(t->body) || is_generator_body(t->orelse) || is_generator_body(t->finalbody);
    }
    default: return false;
  }
}
bool is_generator_expr(const py::Expr* e) {
  return e && (e->kind == py::NodeKind::Yield || e->kind == py::NodeKind::YieldFrom);
}
bool is_generator_body(const Span<py::Stmt*>& body) {
  for (const py::Stmt* s : body) {
    if (is_generator_stmt(s)) return true;
  }
  return false;
}

Value Interpreter::instantiate(const Value& cls, Args& args, const py::Call* c, Frame& f) {
  Value obj;
  obj.shape = Shape::Object;
  obj.classes = cls.classes;
  Value joined;
  bool first = true;
  for (const ClassRef& r : cls.classes.view()) {
    Value one = obj;
    one.classes = {r};
    Value init = class_member(r, "__init__");
    if (init.shape == Shape::Function) {
      init.set_bound_self(std::make_shared<const Value>(one));
      CallResult res = call_function(init, args, c, f);
      if (res.self_after.shape == Shape::Object) one = std::move(res.self_after);
    } else if (!args.positional.empty() || !args.keywords.empty()) {
      // A dataclass or a class we cannot see into: keep what it was given.
      for (const Value& a : args.positional) one.taint.join(deep_taint(a));
      for (const auto& [k, a] : args.keywords) one.set_field(std::string(k), a);
    }
    joined = first ? one : join(joined, one);
    first = false;
  }
  return joined;
}

Value Interpreter::default_call(const Value* receiver, const Args& args, bool resolved) {
  Value v;
  if (receiver) v.taint.join(deep_taint(*receiver));
  for (const Value& a : args.positional) v.taint.join(deep_taint(a));
  for (const auto& [k, a] : args.keywords) v.taint.join(deep_taint(a));
  if (v.taint.any()) {
    v.taint.weak = v.taint.weak || !resolved;
  } else if (!resolved) {
    v.taint.kinds = kUnknown;  // a callable the analysis cannot name: anything may come back
  }
  return v;
}

bool is_shell_program(const Value& v) {
  if (!v.constant) return false;
  std::string s = v.text;
  std::size_t slash = s.find_last_of("/\\");
  if (slash != std::string::npos) s = s.substr(slash + 1);
  return s == "sh" || s == "bash" || s == "zsh" || s == "dash" || s == "ksh" || s == "cmd" || s == "cmd.exe" ||
         s == "powershell" || s == "powershell.exe" || s == "pwsh";
}

void Interpreter::check_sink(const SinkModel& m, const std::string& callee, const Args& args, const py::Call* c,
                             Frame& f, const Value* receiver) {
  std::vector<std::pair<const Value*, const py::Expr*>> values;
  for (int p : m.positions) {
    if (p >= 0 && static_cast<std::size_t>(p) < args.positional.size()) {
      values.emplace_back(&args.positional[static_cast<std::size_t>(p)], args.positional_exprs[static_cast<std::size_t>(p)]);
    }
  }
  for (std::size_t i = 0; i < args.keywords.size(); ++i) {
    if (m.every_argument ||
        std::find(m.keywords.begin(), m.keywords.end(), args.keywords[i].first) != m.keywords.end()) {
      values.emplace_back(&args.keywords[i].second, args.keyword_exprs[i]);
    }
  }
  if (m.every_argument || m.every_positional) {
    for (std::size_t i = 0; i < args.positional.size(); ++i) values.emplace_back(&args.positional[i], args.positional_exprs[i]);
  }
  if (m.receiver && receiver) values.emplace_back(receiver, nullptr);
  if (values.empty()) return;

  const std::string& cond = m.condition;
  // XML: the parser (an argument, or the receiver of parse/feed) and the data it gets.
  const Value* parser = nullptr;
  if (m.cls == Xxe) {
    parser = args.keyword("parser");
    if (!parser && args.positional.size() > 1) parser = &args.positional[1];
    if (receiver && !receiver->origins.empty()) parser = receiver;
    // The calls that made and configured the parser follow the data it parses.
    Taint data;
    for (auto& [v, e] : values) data.join(deep_taint(*v));
    if (parser) {
      for (const py::Node* origin : parser->origins) verdict(f, origin, cwe_of(m.cls), parser->unsafe_xml ? data : Taint{}, m.cls);
    }
  }
  if (cond == "safe-parser" && !(parser && parser->unsafe_xml)) {
    verdict(f, c, cwe_of(m.cls), Taint{}, m.cls);  // expat resolves no external entity
    return;
  }
  if (cond == "unsafe-yaml") {
    const Value* loader = args.keyword("Loader");
    if (!loader && args.positional.size() > 1) loader = &args.positional[1];
    if (loader && loader->shape == Shape::External &&
        (ends_with(loader->qn, "SafeLoader") || ends_with(loader->qn, "CSafeLoader") ||
         ends_with(loader->qn, "BaseLoader"))) {
      verdict(f, c, cwe_of(m.cls), Taint{}, m.cls);
      return;
    }
  }
  if (cond == "html") {
    for (const char* kw : {"mimetype", "content_type", "media_type"}) {
      if (const Value* mt = args.keyword(kw); mt && mt->constant && mt->text.find("html") == std::string::npos) {
        verdict(f, c, cwe_of(m.cls), Taint{}, m.cls);
        return;
      }
    }
  }
  if (cond == "xxe-parser") {
    const Value* parser = args.keyword("parser");
    if (!parser && args.positional.size() > 1) parser = &args.positional[1];
    if (parser && !parser->unsafe_xml) {
      verdict(f, c, cwe_of(m.cls), Taint{}, m.cls);
      return;
    }
  }
  if (cond == "shell") {
    // A command list runs without a shell unless shell=True: only the program itself, or
    // the script of `sh -c`, is command injection.
    const Value* shell = args.keyword("shell");
    bool with_shell = shell && truthiness(*shell).value_or(true);
    if (!with_shell && !values.empty()) {
      const Value& cmd = *values[0].first;
      Taint t;
      if ((cmd.shape == Shape::List || cmd.shape == Shape::Tuple) && cmd.exact) {
        if (!cmd.elems.empty()) t.join(deep_taint(cmd.elems[0]));
        if (cmd.elems.size() >= 3 && is_shell_program(cmd.elems[0]) && cmd.elems[1].constant &&
            (cmd.elems[1].text == "-c" || cmd.elems[1].text == "/c" || cmd.elems[1].text == "/C" ||
             cmd.elems[1].text == "-Command")) {
          for (std::size_t i = 2; i < cmd.elems.size(); ++i) t.join(deep_taint(cmd.elems[i]));
        }
      } else if (cmd.shape == Shape::List || cmd.shape == Shape::Tuple) {
        t = cmd.taint;  // elements unknown: the program may be among them
      } else {
        t = deep_taint(cmd);  // a string is the program's path
      }
      if (callee.rfind("os.exec", 0) == 0 || callee.rfind("os.spawn", 0) == 0) {
        t = Taint{};
        for (auto& [v, e] : values) {
          if ((v->shape == Shape::List || v->shape == Shape::Tuple) && v->exact) {
            if (!v->elems.empty()) t.join(deep_taint(v->elems[0]));
          } else {
            t.join(deep_taint(*v));
          }
        }
      }
      // The pattern rules judge every argument (B603, B606): their verdict is about all of
      // them; the finding is about the program and the shell script only.
      Taint all;
      for (auto& [v, e] : values) all.join(deep_taint(*v));
      verdict(f, c, cwe_of(m.cls), all, m.cls);
      if (t.attacker_for(m.cls)) report(m.cls, t, c, callee + "()", f);
      return;
    }
  }
  Taint joined;
  for (auto& [v, e] : values) {
    Taint t = deep_taint(*v);
    // SSRF and redirects: a fixed scheme and host in front of the data keeps the target.
    if ((m.cls == Ssrf || m.cls == Redirect) && v->is_str_like()) {
      const std::string& p = v->text;
      std::size_t scheme = p.find("://");
      if (scheme != std::string::npos && p.find('/', scheme + 3) != std::string::npos) t = Taint{};
      if (m.cls == Redirect && p.size() >= 2 && p[0] == '/' && p[1] != '/' && p[1] != '\\') t = Taint{};
    }
    joined.join(t);
  }
  verdict(f, c, cwe_of(m.cls), joined, m.cls);
  if (joined.attacker_for(m.cls)) report(m.cls, joined, c, callee + "()", f);
}

void Interpreter::sink_value(SinkClass cls, const Value& v, const py::Node* at, const std::string& sink, Frame& f) {
  Taint t = deep_taint(v);
  verdict(f, at, cwe_of(cls), t, cls);
  if (t.attacker_for(cls)) report(cls, t, at, sink, f);
}

void Interpreter::verdict(Frame& f, const py::Node* at, int cwe, const Taint& t, SinkClass cls) {
  if (!at || !f.module) return;
  rules::SinkVerdict::State s = t.attacker_for(cls) ? rules::SinkVerdict::Tainted
                         : t.unsafe_for(cls) ? rules::SinkVerdict::Unknown
                                             : rules::SinkVerdict::Clean;
  if (cwe == 0) {
    s = (t.kinds & kAttacker) ? rules::SinkVerdict::Tainted : t.kinds ? rules::SinkVerdict::Unknown : rules::SinkVerdict::Clean;
  }
  auto it = verdicts_.find(at);
  if (it == verdicts_.end()) {
    verdicts_.emplace(at, std::make_pair(f.module, std::make_pair(cwe, s)));
  } else if (s > it->second.second.second) {
    it->second.second.second = s;
  }
}

void Interpreter::report(SinkClass cls, const Taint& t, const py::Node* at, const std::string& sink, Frame& f) {
  PendingSink p{cls, at, f.module, sink, t};
  for (auto* collector : collectors_) collector->push_back(p);
  emit(p);
}

void Interpreter::emit(const PendingSink& p) {
  // Where the finding goes: the sink itself, or, when the sink is inside project code the
  // entry function called, that call (each caller that passes input in is a flaw of its own).
  // Only when the data entered through that call's arguments: data a callee reads itself
  // (a view delegating to another) is reported where it is used.
  const py::Node* at = p.node;
  const rules::PythonModule* module = p.module;
  for (const CallSite& site : call_sites_) {
    bool through = false;
    for (const TraceNode* n = p.taint.trace.get(); n && !through; n = n->prev.get()) through = n->node == site.call;
    if (through) {
      at = site.call;
      module = site.module;
      break;
    }
  }
  if (!reported_.insert({at, static_cast<int>(p.cls)}).second) return;
  // db.execute(text(sql)): the inner sink, reported first, is the one; not both.
  for (const TaintFinding& other : out_.findings) {
    if (other.cls == p.cls && other.module == module && other.node != at &&
        other.node->lineno >= at->lineno && other.node->end_lineno <= at->end_lineno &&
        (other.node->lineno > at->lineno || other.node->col_offset >= at->col_offset)) {
      return;
    }
  }
  TaintFinding tf;
  tf.cls = p.cls;
  tf.module = module;
  tf.node = at;
  tf.sink = starts_with(p.sink, "builtins.") ? p.sink.substr(9) : p.sink;
  if (at != p.node) {
    tf.sink += " at " + std::string(p.module->unit.path) + ":" + std::to_string(p.node->lineno) + " via " +
               describe(static_cast<const py::Call*>(at)->func, module) + "()";
  }
  tf.kinds = p.taint.kinds;
  tf.weak = p.taint.weak;
  std::vector<const TraceNode*> chain;
  for (const TraceNode* n = p.taint.trace.get(); n; n = n->prev.get()) chain.push_back(n);
  std::reverse(chain.begin(), chain.end());
  for (const TraceNode* n : chain) {
    if (!n->node) continue;  // a place without a position (a name resolved elsewhere)
    TraceStep s;
    if (n->module) s.path = std::string(n->module->unit.path);
    s.line = n->node->lineno;
    s.column = n->node->col_offset + 1;
    s.note = n->note;
    tf.trace.push_back(std::move(s));
  }
  if (!chain.empty()) {
    tf.source = chain.front()->note;
    if (chain.front()->module) tf.source_path = std::string(chain.front()->module->unit.path);
    if (chain.front()->node) tf.source_line = chain.front()->node->lineno;
  }
  TraceStep last;
  last.path = std::string(p.module->unit.path);
  last.line = p.node->lineno;
  last.column = p.node->col_offset + 1;
  last.note = describe(p.node, p.module);
  tf.trace.push_back(std::move(last));
  out_.findings.push_back(std::move(tf));
}

void Interpreter::observe(const std::string& callee, const Args& args, const py::Call* c, Frame& f) {
  if (!observed_.insert(c).second) return;
  CallObservation o;
  o.module = f.module;
  o.call = c;
  o.callee = callee;
  for (std::size_t i = 0; i < args.positional.size(); ++i) {
    CallObservation::Arg a;
    const Value& v = args.positional[i];
    auto t = constant_text(v);
    a.known = t.has_value();
    if (t) a.text = *t;
    a.from_literal = args.positional_exprs[i] && args.positional_exprs[i]->kind == py::NodeKind::Constant;
    o.args.push_back(std::move(a));
  }
  for (std::size_t i = 0; i < args.keywords.size(); ++i) {
    CallObservation::Arg a;
    a.keyword = std::string(args.keywords[i].first);
    const Value& v = args.keywords[i].second;
    auto t = constant_text(v);
    a.known = t.has_value();
    if (t) a.text = *t;
    a.from_literal = args.keyword_exprs[i] && args.keyword_exprs[i]->kind == py::NodeKind::Constant;
    o.args.push_back(std::move(a));
  }
  out_.observations.push_back(std::move(o));
}

// Calls of functions outside the project: sources, sinks, sanitizers, and what the
// standard library does to values.
Value Interpreter::call_external(const std::string& qn, Args& args, const py::Call* c, Frame& f) {
  auto sinks = models_.sinks.find(qn);
  if (sinks != models_.sinks.end()) {
    for (const SinkModel& m : sinks->second) check_sink(m, qn, args, c, f, nullptr);
  }
  // random.*: what the value is used for is judged by TNT018, for calls the semantic index
  // does not resolve (a module or generator a helper returns).
  if (qn == "hashlib.new" || starts_with(qn, "random.")) observe(qn, args, c, f);
  // A method of an object known by name (current_app.logger.info, User.objects.raw, a
  // module-level connection): the method sinks whose receiver hint the name carries.
  if (sinks == models_.sinks.end()) {
    std::size_t dot = qn.rfind('.');
    if (dot != std::string::npos && dot > 0) {
      auto ms = models_.method_sinks.find(std::string_view(qn).substr(dot + 1));
      std::string_view receiver_name = std::string_view(qn).substr(0, dot);
      if (ms != models_.method_sinks.end()) {
        for (const SinkModel& m : ms->second) {
          bool applies = m.receiver_hint.empty() ? receiver_name.find("()") != std::string_view::npos
                                                 : contains_ci(receiver_name, m.receiver_hint) &&
                                                       m.receiver_hint.find('-') == std::string::npos;
          if (applies) check_sink(m, describe(c->func, f.module), args, c, f, nullptr);
        }
      }
    }
  }
  // The session: update/setdefault store values the application trusts later.
  for (std::string_view prefix : {"flask.session.", "django.session."}) {
    if (!starts_with(qn, prefix)) continue;
    std::string_view method = std::string_view(qn).substr(prefix.size());
    if (method == "update" || method == "setdefault" || method == "__setitem__") {
      Value stored;
      for (const Value& a : args.positional) stored.taint.join(deep_taint(a));
      for (const auto& [k, a] : args.keywords) stored.taint.join(deep_taint(a));
      sink_value(Trust, stored, c, "the session", f);
    }
    if (method == "get" || method == "pop" || method == "setdefault") return default_call(nullptr, args, true);
  }
  // Headers given to a response as it is made.
  if (contains_ci(qn, "Response") || ends_with(qn, "make_response")) {
    const Value* headers = args.keyword("headers");
    if (!headers && ends_with(qn, "make_response") && args.positional.size() >= 3) headers = &args.positional[2];
    if (!headers && ends_with(qn, "make_response") && args.positional.size() == 2 &&
        args.positional[1].shape == Shape::Dict) {
      headers = &args.positional[1];
    }
    if (headers) {
      // A Location header is where the browser goes: a redirect, not only a header.
      Value rest = *headers;
      for (auto it = rest.fields.begin(); it != rest.fields.end();) {
        if (contains_ci(it->first, "location") && it->first.size() == 8) {
          sink_value(Redirect, it->second, c, "the Location header", f);
          it = rest.fields.erase(it);
        } else {
          ++it;
        }
      }
      sink_value(Header, rest, c, "response headers", f);
    }
  }
  auto src = models_.source_calls.find(qn);
  if (src != models_.source_calls.end()) return source_value(src->second, f, c, describe(c, f.module));
  auto req = models_.request_types.find(qn);
  if (req != models_.request_types.end()) {
    Value v = Value::external(qn + "()");
    return v;
  }
  auto san = models_.sanitizers.find(qn);
  if (san != models_.sanitizers.end()) {
    Value v = default_call(nullptr, args, true);
    if (v.taint.kinds == kUnknown && !args.positional.empty() && !deep_taint(args.positional[0]).any()) v.taint = Taint{};
    if (san->second == kAllSinks) {
      v.taint = Taint{};
    } else {
      v.taint.sanitized |= san->second;
    }
    v.shape = Shape::Str;
    return v;
  }
  if (models_.clean.count(qn)) {
    Value v = Value::external(qn + "()");
    if (qn == "builtins.int" || qn == "builtins.len") v.shape = Shape::Int;
    if (qn == "builtins.int" && !args.positional.empty() && args.positional[0].constant) {
      const Value& a = args.positional[0];
      if (a.shape == Shape::Int || a.shape == Shape::Bool) return Value::integer(a.number);
      if (a.shape == Shape::Str) {
        char* end = nullptr;
        long long n = std::strtoll(a.text.c_str(), &end, 10);
        if (end && *end == '\0' && !a.text.empty()) return Value::integer(n);
      }
    }
    if (qn == "builtins.len" && !args.positional.empty()) {
      const Value& a = args.positional[0];
      if (a.constant && a.is_str_like()) return Value::integer(static_cast<long long>(a.text.size()));
      if ((a.shape == Shape::List || a.shape == Shape::Tuple) && a.exact) {
        return Value::integer(static_cast<long long>(a.elems.size()));
      }
    }
    if (qn == "builtins.bool" && !args.positional.empty()) {
      if (auto t = truthiness(args.positional[0])) return Value::boolean(*t);
    }
    if (qn == "re.compile" && !args.positional.empty() && args.positional[0].constant) v.text = args.positional[0].text;
    return v;
  }
  // Builtins that shape values.
  if (starts_with(qn, "builtins.")) {
    std::string_view name = std::string_view(qn).substr(9);
    const Value* a0 = args.positional.empty() ? nullptr : &args.positional[0];
    if (name == "str" || name == "repr" || name == "ascii" || name == "format") {
      if (!a0) return Value::str("");
      if (name == "str" && a0->constant) {
        if (auto t = constant_text(*a0)) return Value::str(*t);
      }
      Value v;
      v.shape = Shape::Str;
      v.taint = deep_taint(*a0);
      if (a0->shape == Shape::Str) v.text = a0->text;
      return v;
    }
    if (name == "bytes" || name == "bytearray") {
      Value v = a0 ? *a0 : Value::str("");
      v.shape = Shape::Bytes;
      v.elems.clear();
      v.fields.clear();
      v.taint = a0 ? deep_taint(*a0) : Taint{};
      return v;
    }
    if (name == "list" || name == "tuple" || name == "set" || name == "frozenset" || name == "sorted" ||
        name == "reversed") {
      Value v;
      v.shape = name == "tuple" ? Shape::Tuple : (name == "set" || name == "frozenset") ? Shape::Set : Shape::List;
      if (!a0) {
        v.exact = true;
        return v;
      }
      if ((a0->shape == Shape::List || a0->shape == Shape::Tuple) && a0->exact && name != "sorted" && name != "set" &&
          name != "frozenset") {
        v.exact = true;
        v.elems = a0->elems;
        if (name == "reversed") std::reverse(v.elems.begin(), v.elems.end());
        return v;
      }
      v.taint = deep_taint(*a0);
      return v;
    }
    if (name == "dict") {
      Value v;
      v.shape = Shape::Dict;
      if (a0) {
        if (a0->shape == Shape::Dict) v = *a0; else v.taint = deep_taint(*a0);
      }
      for (const auto& [k, a] : args.keywords) v.set_field(std::string(k), a);
      return v;
    }
    if (name == "getattr" && args.positional.size() >= 2 && args.positional[1].constant) {
      Value v = attribute_of(args.positional[0], args.positional[1].text, f, c);
      if (args.positional.size() >= 3 && v.shape == Shape::Any && !v.taint.any()) v = args.positional[2];
      return v;
    }
    if (name == "setattr" && args.positional.size() >= 3 && args.positional[1].constant) {
      Value obj = args.positional[0];
      obj.set_field(args.positional[1].text, args.positional[2]);
      store_back(args.positional_exprs[0], obj, f);
      return Value::none();
    }
    if (name == "next" && a0) {
      Value v;
      if ((a0->shape == Shape::List || a0->shape == Shape::Tuple) && a0->exact && !a0->elems.empty()) return a0->elems[0];
      v.taint = deep_taint(*a0);
      return v;
    }
    if (name == "print" || name == "isinstance" || name == "callable" || name == "hasattr" || name == "iter") {
      if (name == "iter" && a0) return *a0;
      return Value::none();
    }
    if (name == "max" || name == "min" || name == "sum" || name == "enumerate" || name == "zip" ||
        name == "map" || name == "filter" || name == "iter") {
      return default_call(nullptr, args, true);
    }
  }
  if (qn == "configparser.ConfigParser" || qn == "configparser.RawConfigParser" ||
      qn == "configparser.SafeConfigParser") {
    Value v;
    v.shape = Shape::Dict;
    v.qn = "configparser.ConfigParser()";
    return v;
  }
  if (qn == "collections.OrderedDict" || qn == "collections.defaultdict") {
    Value v;
    v.shape = Shape::Dict;
    return v;
  }
  if (qn == "collections.deque") {
    Value v;
    v.shape = Shape::List;
    if (!args.positional.empty()) {
      const Value& a = args.positional[0];
      if ((a.shape == Shape::List || a.shape == Shape::Tuple) && a.exact) {
        v.exact = true;
        v.elems = a.elems;
      } else {
        v.taint = deep_taint(a);
      }
    } else {
      v.exact = true;
    }
    return v;
  }
  if (qn == "lxml.etree.XMLParser" || qn == "lxml.etree.XSLTAccessControl") {
    Value v = Value::external(qn + "()");
    const Value* resolve = args.keyword("resolve_entities");
    const Value* network = args.keyword("no_network");
    // lxml before 5.0 resolves entities unless told not to.
    v.unsafe_xml = !(resolve && resolve->constant && truthiness(*resolve) == false);
    if (resolve && resolve->constant && resolve->shape == Shape::Str) v.unsafe_xml = false;  // 'internal'
    if (network && network->constant && truthiness(*network) == false) v.unsafe_xml = true;
    v.origins.push_back(c);
    return v;
  }
  if (qn == "os.path.realpath" || qn == "os.path.abspath" || qn == "os.path.normpath" ||
      qn == "posixpath.realpath" || qn == "posixpath.abspath" || qn == "posixpath.normpath") {
    Value v;
    v.shape = Shape::Str;
    if (!args.positional.empty()) v.taint = deep_taint(args.positional[0]);
    v.normalized = true;
    return v;
  }
  if (qn == "xml.sax.make_parser" || qn == "xml.sax.expatreader.create_parser") {
    Value v = Value::external("xml.sax.make_parser()");
    v.origins.push_back(c);
    return v;
  }
  if (qn == "os.path.join" || qn == "posixpath.join" || qn == "pathlib.Path" || qn == "pathlib.PurePath" ||
      qn == "pathlib.PosixPath" || qn == "urllib.parse.urljoin") {
    Value v;
    v.shape = Shape::Str;
    for (const Value& a : args.positional) v.taint.join(deep_taint(a));
    if (!args.positional.empty() && args.positional[0].is_str_like()) v.text = args.positional[0].text;
    if (args.positional.size() >= 2 && args.positional[0].constant && args.positional[1].constant &&
        args.positional.size() == 2 && qn == "os.path.join") {
      const std::string& a = args.positional[0].text;
      const std::string& b = args.positional[1].text;
      v.constant = true;
      v.text = !b.empty() && b[0] == '/' ? b : (a.empty() || a.back() == '/' ? a + b : a + "/" + b);
    }
    if (starts_with(qn, "pathlib.")) {
      v.qn = "pathlib.Path()";
      v.shape = Shape::Any;
    }
    return v;
  }
  Value v = default_call(nullptr, args, true);
  if (!qn.empty()) v.qn = qn + "()";
  if (starts_with(qn, "logging.getLogger")) v.qn = "logging.getLogger()";
  if (starts_with(qn, "base64.") || starts_with(qn, "codecs.") || starts_with(qn, "urllib.parse.") ||
      starts_with(qn, "json.") || starts_with(qn, "html.unescape")) {
    v.shape = Shape::Str;
    v.taint.weak = false;
  }
  if ((starts_with(qn, "io.StringIO") || starts_with(qn, "io.BytesIO")) && !args.positional.empty()) {
    v.taint = deep_taint(args.positional[0]);
  }
  return v;
}

// Methods by name on values the analysis models: str, bytes, list, dict, configparser,
// request objects; else what the receiver holds flows into the result.
Value Interpreter::call_method(Value& receiver, std::string_view name, Args& args, const py::Call* c, Frame& f,
                               const py::Expr* receiver_expr) {
  auto arg = [&](std::size_t i) -> const Value* { return i < args.positional.size() ? &args.positional[i] : nullptr; };
  // A Mersenne Twister generator (random.Random(), not SystemRandom) made anywhere.
  if (receiver.qn == "random.Random()") {
    observe("random.Random." + std::string(name), args, c, f);
  }
  // Request objects: methods that return the client's input.
  if (receiver.request && models_.request_calls.count(name)) {
    return source_value(kUser, f, c, describe(c, f.module));
  }
  // Method sinks by name.
  auto ms = models_.method_sinks.find(name);
  if (ms != models_.method_sinks.end() && receiver.shape != Shape::Str && receiver.shape != Shape::List &&
      receiver.shape != Shape::Dict && receiver.shape != Shape::Module && !receiver.request) {
    for (const SinkModel& m : ms->second) {
      bool applies;
      if (m.receiver_hint == "xml.sax-unsafe") {
        applies = contains_ci(receiver.qn, "xml.sax") && receiver.unsafe_xml;
      } else if (m.receiver_hint == "lxml.etree.XMLParser-unsafe") {
        applies = contains_ci(receiver.qn, "XMLParser") && receiver.unsafe_xml;
      } else if (!m.receiver_hint.empty()) {
        applies = contains_ci(receiver.qn, m.receiver_hint);
      } else {
        // No hint: any receiver not known to be something else.
        applies = receiver.qn.empty() || !(starts_with(receiver.qn, "re.") || starts_with(receiver.qn, "builtins."));
      }
      if (applies) check_sink(m, describe(c->func, f.module), args, c, f, &receiver);
    }
  }
  if (name == "set_cookie") observe(".set_cookie", args, c, f);
  if (models_.method_clean.count(name) && !receiver.request) return Value::any();
  auto msan = models_.method_sanitizers.find(name);
  if (msan != models_.method_sanitizers.end()) {
    Value v;
    v.shape = Shape::Str;
    v.taint = deep_taint(receiver);
    v.taint.sanitized |= msan->second;
    return v;
  }

  // Writing into a response object is writing its HTML body.
  if ((name == "write" || name == "writelines") && contains_ci(receiver.qn, "Response()")) {
    Value body;
    for (const Value& a : args.positional) body.taint.join(deep_taint(a));
    sink_value(Xss, body, c, describe(c->func, f.module) + "()", f);
  }
  // Markup's format and % escape their arguments.
  if ((name == "format" || name == "join") && contains_ci(receiver.qn, "Markup")) {
    Value v = Value::external("markupsafe.Markup()");
    return v;
  }

  // Trust boundary: the session.
  if ((receiver.qn == "flask.session" || receiver.qn == "django.session") &&
      (name == "update" || name == "setdefault" || name == "__setitem__")) {
    Value stored;
    for (const Value& a : args.positional) stored.taint.join(deep_taint(a));
    for (const auto& [k, a] : args.keywords) stored.taint.join(deep_taint(a));
    sink_value(Trust, stored, c, "the session", f);
  }
  // Headers: response.headers.add/set/setdefault/extend.
  if (ends_with(receiver.qn, ".headers") && !receiver.request &&
      (name == "add" || name == "set" || name == "setdefault" || name == "extend" || name == "add_header")) {
    Value stored;
    for (std::size_t i = 1; i < args.positional.size(); ++i) stored.taint.join(deep_taint(args.positional[i]));
    if (name == "extend" && !args.positional.empty()) stored.taint.join(deep_taint(args.positional[0]));
    sink_value(Header, stored, c, "a response header", f);
  }
  // XML parsers switched to resolving external entities.
  if (name == "setFeature" && contains_ci(receiver.qn, "xml.sax") && args.positional.size() >= 2) {
    const Value& feature = args.positional[0];
    bool external = (feature.shape == Shape::External && contains_ci(feature.qn, "feature_external")) ||
                    (feature.constant && contains_ci(feature.text, "external-general-entities"));
    if (external && truthiness(args.positional[1]).value_or(true)) {
      receiver.unsafe_xml = true;
      receiver.origins.push_back(c);
      store_back(receiver_expr, receiver, f);
    }
    return Value::none();
  }

  // str and bytes; a value of unknown type called with a str-only method is a str.
  static const std::set<std::string_view> kStrMethods = {
      "replace", "strip", "lstrip", "rstrip", "lower", "upper", "casefold", "title", "capitalize", "swapcase",
      "split", "rsplit", "splitlines", "partition", "rpartition", "encode", "decode", "format", "format_map",
      "startswith", "endswith", "isdigit", "isalnum", "isalpha", "isnumeric", "isdecimal", "isidentifier",
      "zfill", "center", "ljust", "rjust", "removeprefix", "removesuffix", "expandtabs", "translate"};
  if (receiver.shape == Shape::Any && !receiver.request && kStrMethods.count(name)) receiver.shape = Shape::Str;
  if (receiver.shape == Shape::Str || receiver.shape == Shape::Bytes) {
    Value v;
    v.shape = receiver.shape;
    v.taint = receiver.taint;
    if (name == "join") {
      v.shape = receiver.shape;
      v.taint = deep_taint(receiver);
      if (const Value* a = arg(0)) {
        v.taint.join(deep_taint(*a));
        if (receiver.constant && (a->shape == Shape::List || a->shape == Shape::Tuple) && a->exact) {
          bool all = std::all_of(a->elems.begin(), a->elems.end(), [](const Value& e) { return e.constant && e.is_str_like(); });
          if (all) {
            std::string s;
            for (std::size_t i = 0; i < a->elems.size(); ++i) {
              if (i) s += receiver.text;
              s += a->elems[i].text;
            }
            return Value::str(s);
          }
        }
      }
      return v;
    }
    if (name == "format" || name == "format_map") {
      for (const Value& a : args.positional) v.taint.join(deep_taint(a));
      for (const auto& [k, a] : args.keywords) v.taint.join(deep_taint(a));
      if (receiver.constant) {
        bool all = std::all_of(args.positional.begin(), args.positional.end(), [](const Value& a) { return a.constant; }) &&
                   args.keywords.empty();
        if (all && receiver.text.find("{}") != std::string::npos) {
          std::string out;
          std::size_t next = 0;
          bool ok = true;
          for (std::size_t i = 0; i < receiver.text.size(); ++i) {
            if (receiver.text.compare(i, 2, "{}") == 0) {
              if (next >= args.positional.size()) { ok = false; break; }
              out += *constant_text(args.positional[next++]);
              ++i;
            } else if (receiver.text[i] == '{' || receiver.text[i] == '}') {
              ok = false;
              break;
            } else {
              out += receiver.text[i];
            }
          }
          if (ok) return Value::str(out);
        }
        v.text = receiver.text.substr(0, receiver.text.find('{'));
      }
      verdict(f, c, 0, v.taint, Sql);
      return v;
    }
    if (name == "replace") {
      const Value* old = arg(0);
      const Value* repl = arg(1);
      if (repl) v.taint.join(deep_taint(*repl));
      if (receiver.constant && old && old->constant && repl && repl->constant) {
        std::string s = receiver.text;
        if (!old->text.empty()) {
          std::size_t pos = 0;
          while ((pos = s.find(old->text, pos)) != std::string::npos) {
            s.replace(pos, old->text.size(), repl->text);
            pos += repl->text.size();
          }
        }
        Value r = Value::str(s);
        r.shape = receiver.shape;
        return r;
      }
      // Removing line breaks makes data safe for headers and log lines.
      if (old && old->constant && (old->text.find('\n') != std::string::npos || old->text.find('\r') != std::string::npos)) {
        v.taint.sanitized |= bit(Log) | bit(Header);
      }
      return v;
    }
    if (name == "split" || name == "rsplit" || name == "splitlines" || name == "partition" || name == "rpartition") {
      Value list;
      list.shape = name == "partition" || name == "rpartition" ? Shape::Tuple : Shape::List;
      if (receiver.constant && (name == "split") && (args.positional.empty() || (arg(0)->constant && !arg(0)->text.empty()))) {
        list.exact = true;
        std::string sep = args.positional.empty() ? " " : arg(0)->text;
        std::string s = receiver.text;
        std::size_t start = 0;
        while (true) {
          std::size_t at = s.find(sep, start);
          if (at == std::string::npos) {
            list.elems.push_back(Value::str(s.substr(start)));
            break;
          }
          list.elems.push_back(Value::str(s.substr(start, at - start)));
          start = at + sep.size();
        }
        return list;
      }
      list.taint = deep_taint(receiver);
      return list;
    }
    if (name == "startswith" || name == "endswith" || name == "isdigit" || name == "isalnum" || name == "isalpha" ||
        name == "isnumeric" || name == "isdecimal" || name == "isidentifier" || name == "isspace" ||
        name == "islower" || name == "isupper") {
      Value b;
      b.shape = Shape::Bool;
      if (receiver.constant && (name == "startswith" || name == "endswith") && arg(0) && arg(0)->constant) {
        return Value::boolean(name == "startswith" ? starts_with(receiver.text, arg(0)->text)
                                                   : ends_with(receiver.text, arg(0)->text));
      }
      return b;
    }
    if (name == "find" || name == "index" || name == "rfind" || name == "count") {
      Value n;
      n.shape = Shape::Int;
      return n;
    }
    if (receiver.constant && args.positional.empty()) {
      std::string s = receiver.text;
      bool folded = true;
      if (name == "upper") {
        for (char& ch : s) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      } else if (name == "lower" || name == "casefold") {
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
      } else if (name == "strip" || name == "lstrip" || name == "rstrip") {
        std::size_t a = 0, b = s.size();
        if (name != "rstrip") while (a < b && std::isspace(static_cast<unsigned char>(s[a]))) ++a;
        if (name != "lstrip") while (b > a && std::isspace(static_cast<unsigned char>(s[b - 1]))) --b;
        s = s.substr(a, b - a);
      } else if (name == "encode" || name == "decode" || name == "title" || name == "capitalize") {
      } else {
        folded = false;
      }
      if (folded) {
        Value r = Value::str(s);
        r.shape = name == "encode" ? Shape::Bytes : name == "decode" ? Shape::Str : receiver.shape;
        return r;
      }
    }
    if (name == "encode") v.shape = Shape::Bytes;
    if (name == "decode") v.shape = Shape::Str;
    for (const Value& a : args.positional) {
      if (name == "center" || name == "ljust" || name == "rjust" || name == "zfill" || name == "join") {
        v.taint.join(deep_taint(a));
      }
    }
    if (name == "strip" || name == "lower" || name == "upper" || name == "encode" || name == "decode" ||
        name == "rstrip") {
      v.text = receiver.text;
    }
    return v;
  }

  // Lists, tuples, sets.
  if (receiver.shape == Shape::List || receiver.shape == Shape::Tuple || receiver.shape == Shape::Set) {
    Value& r = receiver;
    auto inexact = [&](const Value* add) {
      if (r.exact) {
        for (const Value& e : r.elems) r.taint.join(deep_taint(e));
        r.elems.clear();
        r.exact = false;
      }
      if (add) r.taint.join(deep_taint(*add));
    };
    if (name == "append" || name == "add") {
      if (const Value* a = arg(0)) {
        if (r.exact && r.shape == Shape::List && r.elems.size() < kMaxExactElements) {
          r.elems.push_back(*a);
        } else {
          inexact(a);
        }
      }
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "extend" || name == "update") {
      if (const Value* a = arg(0)) {
        if (r.exact && r.shape == Shape::List && (a->shape == Shape::List || a->shape == Shape::Tuple) && a->exact) {
          r.elems.insert(r.elems.end(), a->elems.begin(), a->elems.end());
        } else {
          inexact(a);
        }
      }
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "insert") {
      const Value* i = arg(0);
      const Value* a = arg(1);
      if (a) {
        if (r.exact && i && i->constant && i->shape == Shape::Int) {
          long long n = static_cast<long long>(r.elems.size());
          long long at = i->number < 0 ? std::max(0LL, i->number + n) : std::min(i->number, n);
          r.elems.insert(r.elems.begin() + at, *a);
        } else {
          inexact(a);
        }
      }
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "pop" || name == "popleft") {
      if (r.exact && !r.elems.empty()) {
        long long n = static_cast<long long>(r.elems.size());
        long long at = name == "popleft" ? 0 : n - 1;
        if (const Value* i = arg(0)) {
          if (!i->constant || i->shape != Shape::Int) {
            inexact(nullptr);
            store_back(receiver_expr, r, f);
            Value v;
            v.taint = r.taint;
            return v;
          }
          at = i->number < 0 ? i->number + n : i->number;
        }
        if (at >= 0 && at < n) {
          Value out = r.elems[static_cast<std::size_t>(at)];
          r.elems.erase(r.elems.begin() + at);
          store_back(receiver_expr, r, f);
          return out;
        }
      }
      Value v;
      v.taint = deep_taint(r);
      return v;
    }
    if (name == "remove" || name == "discard") {
      const Value* a = arg(0);
      if (r.exact && a && a->constant) {
        for (std::size_t i = 0; i < r.elems.size(); ++i) {
          if (r.elems[i].constant && constant_text(r.elems[i]) == constant_text(*a)) {
            r.elems.erase(r.elems.begin() + static_cast<long>(i));
            break;
          }
        }
        store_back(receiver_expr, r, f);
      }
      return Value::none();
    }
    if (name == "clear") {
      r.elems.clear();
      r.exact = true;
      r.taint = Taint{};
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "reverse") {
      std::reverse(r.elems.begin(), r.elems.end());
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "sort") {
      bool all_const = r.exact && std::all_of(r.elems.begin(), r.elems.end(), [](const Value& e) { return e.constant; });
      if (!all_const) inexact(nullptr);
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "copy") return r;
    if (name == "index" || name == "count") {
      Value n;
      n.shape = Shape::Int;
      return n;
    }
    Value v;
    v.taint = deep_taint(r);
    return v;
  }

  // Dicts and config parsers.
  if (receiver.shape == Shape::Dict) {
    Value& r = receiver;
    bool config = r.qn == "configparser.ConfigParser()";
    auto key_of = [&](std::size_t first) -> std::optional<std::string> {
      if (config) {
        const Value* s = arg(first);
        const Value* k = arg(first + 1);
        if (s && k && s->constant && k->constant) return s->text + "\x1f" + k->text;
        return std::nullopt;
      }
      const Value* k = arg(first);
      if (k) return constant_text(*k);
      return std::nullopt;
    };
    if (config && (name == "set")) {
      auto key = key_of(0);
      if (const Value* v = arg(2)) {
        if (key) r.set_field(*key, *v); else r.taint.join(deep_taint(*v));
      }
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (config && (name == "get" || name == "getint" || name == "getboolean" || name == "getfloat")) {
      if (name != "get") {
        Value n;
        n.shape = name == "getboolean" ? Shape::Bool : Shape::Int;
        return n;
      }
      auto key = key_of(0);
      if (key) {
        if (const Value* v = r.field(*key)) return *v;
      }
      Value v;
      v.taint = deep_taint(r);
      if (const Value* fb = args.keyword("fallback")) v.taint.join(deep_taint(*fb));
      return v;
    }
    if (config && (name == "add_section" || name == "has_section" || name == "sections" || name == "has_option")) {
      return Value::any();
    }
    if (config && (name == "read_string" || name == "read_dict" || name == "read_file" || name == "read")) {
      if (const Value* a = arg(0)) r.taint.join(deep_taint(*a));
      store_back(receiver_expr, r, f);
      return Value::any();
    }
    if (name == "get" || name == "pop" || name == "setdefault" || name == "__getitem__") {
      auto key = key_of(0);
      const Value* dflt = arg(1);
      Value out;
      if (key) {
        if (const Value* v = r.field(*key)) {
          out = *v;
          if (name == "pop") {
            r.fields.erase(std::remove_if(r.fields.begin(), r.fields.end(),
                                          [&](const auto& kv) { return kv.first == *key; }),
                           r.fields.end());
            store_back(receiver_expr, r, f);
          }
          return out;
        }
        out.taint = r.taint;
        if (dflt) out = r.taint.any() ? join(out, *dflt) : *dflt;
        if (name == "setdefault" && dflt) {
          r.set_field(*key, *dflt);
          store_back(receiver_expr, r, f);
        }
        return out;
      }
      out.taint = deep_taint(r);
      if (dflt) out.taint.join(deep_taint(*dflt));
      return out;
    }
    if (name == "update") {
      if (const Value* a = arg(0)) {
        if (a->shape == Shape::Dict) {
          for (const auto& [k, v] : a->fields) r.set_field(k, v);
          r.taint.join(a->taint);
        } else {
          r.taint.join(deep_taint(*a));
        }
      }
      for (const auto& [k, v] : args.keywords) r.set_field(std::string(k), v);
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    if (name == "keys") {
      Value v;
      v.shape = Shape::List;
      v.exact = !r.taint.any();
      for (const auto& [k, fv] : r.fields) v.elems.push_back(Value::str(k));
      if (!v.exact) v.elems.clear();
      return v;
    }
    if (name == "values" || name == "items") {
      Value v;
      v.shape = Shape::List;
      v.taint = deep_taint(r);
      return v;
    }
    if (name == "copy") return r;
    if (name == "clear") {
      r.fields.clear();
      r.taint = Taint{};
      store_back(receiver_expr, r, f);
      return Value::none();
    }
    Value v;
    v.taint = deep_taint(r);
    return v;
  }

  // Session writes through a method, compiled patterns, anything else: the receiver's data
  // and the arguments flow into the result; mutators take the arguments in.
  if (receiver.shape == Shape::External && receiver.qn == "re.compile()" &&
      (name == "match" || name == "fullmatch" || name == "search")) {
    Value b;
    b.shape = Shape::Bool;
    return b;
  }
  static const std::set<std::string_view> kMutators = {"write", "writelines", "append", "extend", "add",
                                                        "update", "insert", "put", "push", "appendleft",
                                                        "setdefault", "feed", "send"};
  Value v = default_call(&receiver, args, !receiver.qn.empty());
  if (!receiver.qn.empty()) {
    v.qn = receiver.qn + "." + std::string(name) + "()";
    if (receiver.qn == "io.StringIO()" || receiver.qn == "io.BytesIO()") v.qn = receiver.qn;
  }
  if (kMutators.count(name)) {
    bool changed = false;
    for (const Value& a : args.positional) {
      Taint t = deep_taint(a);
      if (t.any()) {
        receiver.taint.join(t);
        changed = true;
      }
    }
    if (changed) store_back(receiver_expr, receiver, f);
  }
  return v;
}

Value Interpreter::call_value(const Value& callee, Args& args, const py::Call* c, Frame& f, Value* receiver,
                              const py::Expr* receiver_expr) {
  switch (callee.shape) {
    case Shape::Function: {
      CallResult r = call_function(callee, args, c, f);
      if (callee.bound_self() && receiver && receiver_expr && r.self_after.shape == Shape::Object) {
        store_back(receiver_expr, r.self_after, f);
      }
      return std::move(r.result);
    }
    case Shape::Class: return instantiate(callee, args, c, f);
    case Shape::External: return call_external(callee.qn, args, c, f);
    default: break;
  }
  // Calling an object a library call returned (an XPath evaluator, a compiled template).
  if (!callee.qn.empty()) return call_external(callee.qn + ".__call__", args, c, f);
  return default_call(nullptr, args, false);
}

Value Interpreter::eval_call(const py::Call* c, Frame& f) {
  Args args;
  // The callee first: a method's receiver is evaluated once.
  Value receiver;
  bool method = false;
  std::string_view method_name;
  const py::Expr* receiver_expr = nullptr;
  Value callee;
  if (auto* a = as<py::Attribute>(c->func)) {
    receiver = eval(a->value, f);
    receiver_expr = a->value;
    method_name = a->attr;
    if (receiver.shape == Shape::Module || receiver.shape == Shape::Object || receiver.shape == Shape::Class ||
        (receiver.shape == Shape::External && !receiver.request)) {
      callee = attribute_of(receiver, a->attr, f, a);
      method = !(callee.shape == Shape::Function || callee.shape == Shape::Class ||
                 (callee.shape == Shape::External && receiver.shape != Shape::Object));
      // A method of an object the analysis cannot see into, or of a module's value; an
      // object a library call returned (a parser, a connection) has modelled methods.
      if (receiver.shape == Shape::External && callee.shape == Shape::External) {
        method = receiver.qn.find("()") != std::string::npos;
      }
      if (receiver.shape == Shape::Object && callee.shape != Shape::Function && callee.shape != Shape::Class) method = true;
    } else {
      method = true;
    }
  } else {
    callee = eval(c->func, f);
  }
  args.positional.reserve(c->args.size());
  args.positional_exprs.reserve(c->args.size());
  for (const py::Expr* e : c->args) {
    if (auto* st = as<py::Starred>(e)) {
      Value v = eval(st->value, f);
      args.splat = true;
      if ((v.shape == Shape::List || v.shape == Shape::Tuple) && v.exact) {
        for (const Value& el : v.elems) {
          args.positional.push_back(el);
          args.positional_exprs.push_back(nullptr);
        }
        args.splat = false;
      } else {
        Value any;
        any.taint = deep_taint(v);
        args.positional.push_back(any);
        args.positional_exprs.push_back(nullptr);
      }
      continue;
    }
    args.positional.push_back(eval(e, f));
    args.positional_exprs.push_back(e);
  }
  for (const py::Keyword* k : c->keywords) {
    Value v = eval(k->value, f);
    if (k->arg.empty()) {
      for (const auto& [name, fv] : v.fields) {
        args.keywords.emplace_back(name, fv);
        args.keyword_exprs.push_back(nullptr);
      }
      if (v.shape != Shape::Dict || v.taint.any()) args.splat = true;
      continue;
    }
    args.keywords.emplace_back(std::string(k->arg), std::move(v));
    args.keyword_exprs.push_back(k->value);
  }
  // Taint entering a project function is a step of the trace.
  bool project_callee = callee.shape == Shape::Function || callee.shape == Shape::Class ||
                        (receiver.shape == Shape::Object && !method);
  for (Value& v : args.positional) {
    if (v.taint.any() && project_callee) v.taint.trace = step(v.taint.trace, f, c, "passed to " + describe(c->func, f.module) + "()");
  }
  for (auto& [k, v] : args.keywords) {
    if (v.taint.any() && project_callee) v.taint.trace = step(v.taint.trace, f, c, "passed to " + describe(c->func, f.module) + "()");
  }
  if (method) return call_method(receiver, method_name, args, c, f, receiver_expr);
  // An object that may be of several classes (a factory's choice): each class's method.
  if (receiver.shape == Shape::Object && receiver.classes.size() > 1 && !method_name.empty()) {
    Value result;
    bool first = true;
    for (const ClassRef& cls : receiver.classes.view()) {
      Value one = receiver;
      one.classes = {cls};
      Value m = attribute_of(one, method_name, f, c->func);
      Value r = call_value(m, args, c, f, nullptr, nullptr);
      result = first ? r : join(result, r);
      first = false;
    }
    return result;
  }
  return call_value(callee, args, c, f, &receiver, receiver_expr);
}

// ---------------------------------------------------------------- statements

void Interpreter::assign(const py::Expr* target, Value v, Frame& f, const py::Node* at) {
  if (!target) return;
  switch (target->kind) {
    case py::NodeKind::Name: {
      auto* n = static_cast<const py::Name*>(target);
      if (v.taint.any() && at && at->kind != py::NodeKind::Comprehension) {
        v.taint.trace = step(v.taint.trace, f, at, describe(at, f.module));
      }
      keep_small(v);
      f.env.set(n->id, std::move(v));
      return;
    }
    case py::NodeKind::Tuple:
    case py::NodeKind::List: {
      const Span<py::Expr*>& elts = target->kind == py::NodeKind::Tuple ? static_cast<const py::Tuple*>(target)->elts
                                                                            : static_cast<const py::List*>(target)->elts;
      bool starred = std::any_of(elts.begin(), elts.end(), [](const py::Expr* e) { return e->kind == py::NodeKind::Starred; });
      if ((v.shape == Shape::List || v.shape == Shape::Tuple) && v.exact && !starred && v.elems.size() == elts.size()) {
        for (std::size_t i = 0; i < elts.size(); ++i) assign(elts[i], std::as_const(v.elems)[i], f, at);
        return;
      }
      Value each;
      each.taint = deep_taint(v);
      for (const py::Expr* e : elts) {
        if (auto* st = as<py::Starred>(e)) {
          Value list;
          list.shape = Shape::List;
          list.taint = each.taint;
          assign(st->value, list, f, at);
        } else {
          assign(e, each, f, at);
        }
      }
      return;
    }
    case py::NodeKind::Starred:
      assign(static_cast<const py::Starred*>(target)->value, std::move(v), f, at);
      return;
    case py::NodeKind::Attribute: {
      auto* a = static_cast<const py::Attribute*>(target);
      Value base = eval(a->value, f);
      if (base.qn == "flask.session" || base.qn == "django.session") {
        sink_value(Trust, v, at, "the session", f);
        return;
      }
      if (base.shape == Shape::Object || base.shape == Shape::Any || base.shape == Shape::Dict) {
        if (base.shape == Shape::Any && !base.request && base.qn.empty()) base.shape = Shape::Object;
        base.set_field(std::string(a->attr), v);
        store_back(a->value, base, f);
      }
      return;
    }
    case py::NodeKind::Subscript: {
      auto* s = static_cast<const py::Subscript*>(target);
      Value base = eval(s->value, f);
      Value index = eval(s->slice, f);
      if (base.qn == "flask.session" || base.qn == "django.session") {
        Value stored = v;
        stored.taint = deep_taint(v);
        stored.taint.join(deep_taint(index));  // a key chosen by the client is as bad
        sink_value(Trust, stored, at, "the session", f);
        return;
      }
      if ((ends_with(base.qn, ".headers") && !base.request) ||
          (contains_ci(base.qn, "Response()") && base.shape != Shape::Dict)) {
        bool location = index.constant && contains_ci(index.text, "location");
        sink_value(location ? Redirect : Header, v, at, location ? "the Location header" : "a response header", f);
        return;
      }
      if (base.shape == Shape::Dict || (base.shape == Shape::Any && base.qn.empty())) {
        base.shape = Shape::Dict;
        if (auto key = index.constant ? constant_text(index) : std::nullopt) {
          base.set_field(*key, v);
        } else {
          base.taint.join(deep_taint(v));
        }
        store_back(s->value, base, f);
      } else if ((base.shape == Shape::List) && base.exact && index.constant && index.shape == Shape::Int) {
        long long n = static_cast<long long>(base.elems.size());
        long long i = index.number < 0 ? index.number + n : index.number;
        if (i >= 0 && i < n) base.elems[static_cast<std::size_t>(i)] = v;
        store_back(s->value, base, f);
      } else if (base.shape == Shape::List) {
        if (base.exact) {
          for (const Value& e : base.elems) base.taint.join(deep_taint(e));
          base.elems.clear();
          base.exact = false;
        }
        base.taint.join(deep_taint(v));
        store_back(s->value, base, f);
      }
      return;
    }
    default: return;
  }
}

void Interpreter::bind_def(const py::Stmt* s, Frame& f) {
  if (auto* fn = as<py::FunctionDef>(s)) {
    Value v = make_function(fn, fn->args, f);
    f.env.set(fn->name, std::move(v));
  } else if (auto* fn = as<py::AsyncFunctionDef>(s)) {
    Value v = make_function(fn, fn->args, f);
    f.env.set(fn->name, std::move(v));
  } else if (auto* cls = as<py::ClassDef>(s)) {
    Value v;
    v.shape = Shape::Class;
    v.def = cls;
    v.module = f.module;
    v.classes.push_back({cls, f.module});
    f.env.set(cls->name, std::move(v));
  }
}

bool Interpreter::terminates(const py::Call* c, Frame& f) {
  const std::string& qn = f.module->unit.model->qualified_name_ref(c);
  return qn == "flask.abort" || qn == "werkzeug.exceptions.abort" || qn == "sys.exit" || qn == "builtins.exit" ||
         qn == "os._exit" || qn == "builtins.quit" || qn == "fastapi.HTTPException";
}

void Interpreter::exec_block(const Span<py::Stmt*>& body, Frame& f) {
  for (const py::Stmt* s : body) {
    if (!f.reachable) return;
    exec(s, f);
  }
}

// A regular expression that, matched in full, admits no character that changes the
// meaning of data in a sink: no `.`, no negated classes, no `\S`/`\W`/`\D`.
bool restrictive_pattern(std::string_view p, bool anchored_call) {
  bool anchored = anchored_call || ((p.substr(0, 1) == "^" || p.substr(0, 2) == "\\A") &&
                                    (ends_with(p, "$") || ends_with(p, "\\Z") || ends_with(p, "\\z")));
  if (!anchored) return false;
  for (std::size_t i = 0; i < p.size(); ++i) {
    if (p[i] == '\\' && i + 1 < p.size()) {
      char n = p[i + 1];
      if (n == 'S' || n == 'W' || n == 'D') return false;
      ++i;
      continue;
    }
    if (p[i] == '.') return false;
    if (p[i] == '[' && i + 1 < p.size() && p[i + 1] == '^') return false;
  }
  return true;
}

void Interpreter::refine(const py::Expr* test, bool truth, Frame& f) {
  if (!test) return;
  auto clean_var = [&](const py::Expr* e, const Value* as_value) {
    auto* n = as<py::Name>(e);
    if (!n) return;
    const Value* current = f.env.get(n->id);
    if (!current) return;
    if (as_value) {
      f.env.set(n->id, *as_value);
    } else {
      Value v = *current;
      v.taint = Taint{};
      v.elems.clear();
      v.exact = false;
      v.fields.clear();
      f.env.set(n->id, std::move(v));
    }
  };
  if (auto* u = as<py::UnaryOp>(test); u && u->op == py::UnaryOperator::Not) {
    refine(u->operand, !truth, f);
    return;
  }
  if (auto* b = as<py::BoolOp>(test)) {
    bool is_and = b->op == py::BoolOperator::And;
    if (is_and == truth) {
      for (const py::Expr* v : b->values) refine(v, truth, f);
    }
    return;
  }
  if (auto* c = as<py::Compare>(test); c && c->ops.size() == 1) {
    py::CmpOperator op = c->ops[0];
    if ((op == py::CmpOperator::In && truth) || (op == py::CmpOperator::NotIn && !truth)) {
      Value container = eval(c->comparators[0], f);
      bool fixed = false;
      Value joined;
      if ((container.shape == Shape::List || container.shape == Shape::Tuple || container.shape == Shape::Set) &&
          container.exact && !container.elems.empty()) {
        fixed = std::all_of(container.elems.begin(), container.elems.end(), [](const Value& e) { return e.constant; });
        joined = container.elems[0];
        for (const Value& e : container.elems) joined = join(joined, e);
      } else if (container.shape == Shape::Dict && !container.taint.any() && !container.fields.empty()) {
        fixed = true;
        joined = Value::str(container.fields[0].first);
        for (const auto& [k, v] : container.fields) joined = join(joined, Value::str(k));
      } else if (container.is_str_like() && container.constant) {
        fixed = false;  // a substring test admits too much
      }
      if (fixed) clean_var(c->left, &joined);
      return;
    }
    if ((op == py::CmpOperator::Eq && truth) || (op == py::CmpOperator::NotEq && !truth)) {
      Value right = eval(c->comparators[0], f);
      if (right.constant) clean_var(c->left, &right);
      return;
    }
    return;
  }
  if (auto* call = as<py::Call>(test); call && truth) {
    const std::string& qn = f.module->unit.model->qualified_name_ref(call);
    if (auto* a = as<py::Attribute>(call->func)) {
      std::string_view m = a->attr;
      if (m == "isdigit" || m == "isalnum" || m == "isalpha" || m == "isnumeric" || m == "isdecimal" ||
          m == "isidentifier") {
        clean_var(a->value, nullptr);
        return;
      }
      // A normalised path that starts with the base directory stays inside it.
      if ((m == "startswith" || m == "is_relative_to") && !call->args.empty()) {
        if (auto* n = as<py::Name>(a->value)) {
          if (const Value* current = f.env.get(n->id); current && current->normalized) {
            Value base = eval(call->args[0], f);
            if (!base.text.empty() && !base.taint.any()) f.env.edit(n->id)->taint.sanitized |= bit(Path);
          }
        }
        return;
      }
      if ((m == "fullmatch" || m == "match") && !call->args.empty()) {
        Value pattern_obj = eval(a->value, f);
        if (pattern_obj.qn == "re.compile()" && restrictive_pattern(pattern_obj.text, m == "fullmatch")) {
          clean_var(call->args[0], nullptr);
          return;
        }
      }
    }
    if ((qn == "re.fullmatch" || qn == "re.match") && call->args.size() >= 2) {
      Value pattern = eval(call->args[0], f);
      if (pattern.constant && restrictive_pattern(pattern.text, qn == "re.fullmatch")) clean_var(call->args[1], nullptr);
      return;
    }
    if (qn == "builtins.isinstance" && call->args.size() == 2) {
      const std::string& type = f.module->unit.model->qualified_name_ref(call->args[1]);
      if (type == "builtins.int" || type == "builtins.float" || type == "builtins.bool") clean_var(call->args[0], nullptr);
      return;
    }
    if (qn == "django.utils.http.url_has_allowed_host_and_scheme" && !call->args.empty()) {
      clean_var(call->args[0], nullptr);
    }
  }
}

void Interpreter::exec_if(const py::If* s, Frame& f) {
  Value test = eval(s->test, f);
  auto t = truthiness(test);
  if (t) {
    exec_block(*t ? s->body : s->orelse, f);
    return;
  }
  entry_steps_ += static_cast<long>(f.env.size());  // copying a frame is work too
  Frame then_f = f;
  then_f.yields.clear();  // only what this branch yields is added back
  refine(s->test, true, then_f);
  exec_block(s->body, then_f);
  Frame else_f = std::move(f);
  refine(s->test, false, else_f);
  exec_block(s->orelse, else_f);
  // Merge: a branch that returned or raised does not reach the code after the if.
  f = std::move(else_f);
  if (then_f.has_return) {
    f.returned = f.has_return ? join(f.returned, then_f.returned) : then_f.returned;
    f.has_return = true;
  }
  for (Value& y : then_f.yields) f.yields.push_back(std::move(y));
  for (std::size_t i = 0; i < f.breaks.size() && i < then_f.breaks.size(); ++i) {
    for (std::size_t j = f.breaks[i].size(); j < then_f.breaks[i].size(); ++j) f.breaks[i].push_back(then_f.breaks[i][j]);
    for (std::size_t j = f.continues[i].size(); j < then_f.continues[i].size(); ++j) {
      f.continues[i].push_back(then_f.continues[i][j]);
    }
  }
  if (!then_f.reachable) return;
  if (!f.reachable) {
    f.env = std::move(then_f.env);
    f.reachable = true;
    return;
  }
  join_into(f.env, then_f.env);
}

void Interpreter::exec_loop(const py::Stmt* s, Frame& f) {
  const Span<py::Stmt*>* body;
  const Span<py::Stmt*>* orelse;
  const py::Expr* test = nullptr;
  const py::Expr* target = nullptr;
  Value element;
  if (auto* w = as<py::While>(s)) {
    body = &w->body;
    orelse = &w->orelse;
    test = w->test;
    auto t = truthiness(eval(test, f));
    if (t && !*t) {
      exec_block(*orelse, f);
      return;
    }
  } else {
    const py::Expr* iter;
    if (auto* fo = as<py::For>(s)) {
      body = &fo->body, orelse = &fo->orelse, iter = fo->iter, target = fo->target;
    } else {
      auto* af = static_cast<const py::AsyncFor*>(s);
      body = &af->body, orelse = &af->orelse, iter = af->iter, target = af->target;
    }
    Value it = eval(iter, f);
    if ((it.shape == Shape::List || it.shape == Shape::Tuple || it.shape == Shape::Set) && it.exact) {
      if (it.elems.empty()) {
        exec_block(*orelse, f);
        return;
      }
      element = it.elems[0];
      for (const Value& e : it.elems) element = join(element, e);
    } else if (it.shape == Shape::Dict) {
      bool first = true;
      for (const auto& [k, v] : it.fields) {
        element = first ? Value::str(k) : join(element, Value::str(k));
        first = false;
      }
      element.taint.join(it.taint);
    } else {
      element.taint = deep_taint(it);
      if (it.shape == Shape::Str) element.shape = Shape::Str;
    }
  }
  bool infinite = test && truthiness(eval(test, f)).value_or(false);
  Env exit_env;
  bool exit_reachable = false;
  if (!infinite) {
    exit_env = f.env;  // the loop may run zero times
    exit_reachable = true;
  }
  Frame cur = f;
  cur.breaks.emplace_back();
  cur.continues.emplace_back();
  for (int pass = 0; pass < kLoopPasses; ++pass) {
    entry_steps_ += static_cast<long>(cur.env.size());
    Frame iter_f = cur;
    iter_f.yields.clear();
    iter_f.breaks.back().clear();
    iter_f.continues.back().clear();
    if (target) assign(target, element, iter_f, s);
    if (test) refine(test, true, iter_f);
    exec_block(*body, iter_f);
    for (Env& e : iter_f.continues.back()) {
      if (iter_f.reachable) join_into(iter_f.env, e); else { iter_f.env = e; iter_f.reachable = true; }
    }
    for (Env& e : iter_f.breaks.back()) {
      if (exit_reachable) join_into(exit_env, e); else { exit_env = e; exit_reachable = true; }
    }
    if (iter_f.has_return) {
      cur.returned = cur.has_return ? join(cur.returned, iter_f.returned) : iter_f.returned;
      cur.has_return = true;
    }
    for (Value& y : iter_f.yields) cur.yields.push_back(std::move(y));
    if (!iter_f.reachable) break;
    join_into(cur.env, iter_f.env);
    if (!infinite) join_into(exit_env, iter_f.env);
  }
  cur.breaks.pop_back();
  cur.continues.pop_back();
  f.has_return = cur.has_return;
  f.returned = cur.returned;
  f.yields = std::move(cur.yields);
  if (!exit_reachable) {
    f.reachable = false;
    return;
  }
  f.env = std::move(exit_env);
  exec_block(*orelse, f);
}

void Interpreter::exec_try(const Span<py::Stmt*>& body, const Span<py::ExceptHandlerBase*>& handlers,
                           const Span<py::Stmt*>& orelse, const Span<py::Stmt*>& finalbody, Frame& f) {
  Env before = f.env;
  exec_block(body, f);
  if (f.reachable) exec_block(orelse, f);
  Env after_body = f.env;
  bool body_reachable = f.reachable;
  Env merged = after_body;
  bool any_reachable = body_reachable;
  for (const py::ExceptHandlerBase* hb : handlers) {
    auto* h = as<py::ExceptHandler>(hb);
    if (!h) continue;
    entry_steps_ += static_cast<long>(f.env.size());
    Frame hf = f;
    hf.yields.clear();
    hf.env = before;
    join_into(hf.env, after_body);  // an exception may come from anywhere in the body
    hf.reachable = true;
    if (!h->name.empty()) hf.env.set(h->name, Value::any());
    exec_block(h->body, hf);
    if (hf.has_return) {
      f.returned = f.has_return ? join(f.returned, hf.returned) : hf.returned;
      f.has_return = true;
    }
    for (Value& y : hf.yields) f.yields.push_back(std::move(y));
    if (hf.reachable) {
      if (any_reachable) join_into(merged, hf.env); else merged = hf.env;
      any_reachable = true;
    }
  }
  f.env = std::move(merged);
  f.reachable = any_reachable;
  if (!finalbody.empty()) {
    bool was = f.reachable;
    f.reachable = true;
    exec_block(finalbody, f);
    f.reachable = f.reachable && was;
  }
}

// Whether a case pattern matches a constant subject: true, false, or unknown.
template <typename Eval>
std::optional<bool> pattern_matches(const py::Pattern* p, const Value& subject, const Eval& eval_fn) {
  if (!p) return true;
  if (auto* mv = as<py::MatchValue>(p)) {
    if (!subject.constant) return std::nullopt;
    Value v = eval_fn(mv->value);
    return compare_constants(subject, py::CmpOperator::Eq, v);
  }
  if (auto* ms = as<py::MatchSingleton>(p)) {
    if (!subject.constant) return std::nullopt;
    bool is_none = ms->value.kind == py::ConstantKind::None;
    if (is_none) return subject.shape == Shape::None;
    bool want = ms->value.kind == py::ConstantKind::True;
    return subject.shape == Shape::Bool && (subject.number != 0) == want;
  }
  if (auto* mo = as<py::MatchOr>(p)) {
    bool unknown = false;
    for (const py::Pattern* alt : mo->patterns) {
      auto r = pattern_matches(alt, subject, eval_fn);
      if (r && *r) return true;
      if (!r) unknown = true;
    }
    return unknown ? std::nullopt : std::optional<bool>(false);
  }
  if (auto* ma = as<py::MatchAs>(p)) {
    if (!ma->pattern) return true;
    return pattern_matches(ma->pattern, subject, eval_fn);
  }
  return std::nullopt;
}

void bind_captures(const py::Pattern* p, const Value& subject, Frame& f) {
  if (!p) return;
  if (auto* ma = as<py::MatchAs>(p)) {
    if (!ma->name.empty()) f.env.set(ma->name, subject);
    bind_captures(ma->pattern, subject, f);
  } else if (auto* mo = as<py::MatchOr>(p)) {
    for (const py::Pattern* alt : mo->patterns) bind_captures(alt, subject, f);
  } else if (auto* ms = as<py::MatchStar>(p)) {
    Value v;
    v.shape = Shape::List;
    v.taint = deep_taint(subject);
    if (!ms->name.empty()) f.env.set(ms->name, std::move(v));
  } else if (auto* seq = as<py::MatchSequence>(p)) {
    Value each;
    each.taint = deep_taint(subject);
    for (const py::Pattern* sub : seq->patterns) bind_captures(sub, each, f);
  } else if (auto* mm = as<py::MatchMapping>(p)) {
    Value each;
    each.taint = deep_taint(subject);
    for (const py::Pattern* sub : mm->patterns) bind_captures(sub, each, f);
    if (!mm->rest.empty()) f.env.set(mm->rest, each);
  } else if (auto* mc = as<py::MatchClass>(p)) {
    Value each;
    each.taint = deep_taint(subject);
    for (const py::Pattern* sub : mc->patterns) bind_captures(sub, each, f);
    for (const py::Pattern* sub : mc->kwd_patterns) bind_captures(sub, each, f);
  }
}

void Interpreter::exec_match(const py::Match* s, Frame& f) {
  Value subject = eval(s->subject, f);
  Frame rest = std::move(f);  // the state of "no case matched yet"
  bool merged_any = false;
  Frame merged;
  auto merge = [&](Frame& branch) {
    if (branch.has_return) {
      rest.returned = rest.has_return ? join(rest.returned, branch.returned) : branch.returned;
      rest.has_return = true;
    }
    for (Value& y : branch.yields) rest.yields.push_back(std::move(y));
    if (!branch.reachable) return;
    if (!merged_any) {
      merged = branch;
      merged_any = true;
    } else {
      join_into(merged.env, branch.env);
    }
  };
  bool decided = false;
  for (const py::MatchCase* mc : s->cases) {
    auto m = pattern_matches(mc->pattern, subject, [&](const py::Expr* e) { return eval(e, rest); });
    if (m && !*m) continue;
    entry_steps_ += static_cast<long>(rest.env.size());
    Frame branch = rest;
    branch.yields.clear();
    bind_captures(mc->pattern, subject, branch);
    std::optional<bool> guard = true;
    if (mc->guard) {
      guard = truthiness(eval(mc->guard, branch));
      if (guard && !*guard) continue;
    }
    exec_block(mc->body, branch);
    merge(branch);
    if (m && *m && guard && *guard) {
      decided = true;
      break;
    }
  }
  if (!decided) {
    Frame none = rest;
    none.yields.clear();
    merge(none);
  }
  f = std::move(rest);
  f.yields.clear();
  for (Value& y : rest.yields) f.yields.push_back(y);
  if (!merged_any) {
    f.reachable = false;
    return;
  }
  f.env = std::move(merged.env);
  f.reachable = true;
}

void Interpreter::exec(const py::Stmt* s, Frame& f) {
  if (spent()) {
    f.reachable = false;
    return;
  }
  switch (s->kind) {
    case py::NodeKind::Assign: {
      auto* a = static_cast<const py::Assign*>(s);
      Value v = eval(a->value, f);
      for (const py::Expr* t : a->targets) assign(t, v, f, s);
      return;
    }
    case py::NodeKind::AnnAssign: {
      auto* a = static_cast<const py::AnnAssign*>(s);
      if (a->value) assign(a->target, eval(a->value, f), f, s);
      return;
    }
    case py::NodeKind::AugAssign: {
      auto* a = static_cast<const py::AugAssign*>(s);
      // x += y is x = x + y, with the same folding.
      py::BinOp bin;
      bin.left = a->target;
      bin.op = a->op;
      bin.right = a->value;
      bin.lineno = a->lineno;
      bin.col_offset = a->col_offset;
      bin.end_lineno = a->end_lineno;
      bin.end_col_offset = a->end_col_offset;
      const py::Expr* load = a->target;
      Value current = eval(load, f);
      Value right = eval(a->value, f);
      Value result;
      if (a->op == py::Operator::Add && (current.shape == Shape::List) && (right.shape == Shape::List || right.shape == Shape::Tuple)) {
        result = current;
        if (current.exact && right.exact) {
          result.elems.insert(result.elems.end(), right.elems.begin(), right.elems.end());
        } else {
          result.taint.join(deep_taint(right));
          for (const Value& e : result.elems) result.taint.join(deep_taint(e));
          result.elems.clear();
          result.exact = false;
        }
      } else if (a->op == py::Operator::Add && (current.is_str_like() || right.is_str_like())) {
        result = concat(current, right);
        verdict(f, s, 0, result.taint, Sql);
      } else if (current.constant && right.constant && (current.shape == Shape::Int) && right.shape == Shape::Int) {
        long long x = current.number, y = right.number;
        switch (a->op) {
          case py::Operator::Add: result = Value::integer(x + y); break;
          case py::Operator::Sub: result = Value::integer(x - y); break;
          case py::Operator::Mult: result = Value::integer(x * y); break;
          default: result.shape = Shape::Int; break;
        }
      } else {
        result.shape = current.shape;
        result.taint = deep_taint(current);
        result.taint.join(deep_taint(right));
      }
      assign(a->target, result, f, s);
      return;
    }
    case py::NodeKind::ExprStmt: {
      const py::Expr* e = static_cast<const py::ExprStmt*>(s)->value;
      eval(e, f);
      if (auto* c = as<py::Call>(e); c && terminates(c, f)) f.reachable = false;
      return;
    }
    case py::NodeKind::Return: {
      auto* r = static_cast<const py::Return*>(s);
      Value v = r->value ? eval(r->value, f) : Value::none();
      if (f.view) {
        const Value* body = &v;
        if (v.shape == Shape::Tuple && v.exact && !v.elems.empty()) body = &v.elems[0];
        bool json = body->shape == Shape::Dict || body->shape == Shape::List ||
                    (body->shape == Shape::Tuple);
        bool response_object = contains_ci(body->qn, "Response") || contains_ci(body->qn, "make_response") ||
                               contains_ci(body->qn, "jsonify") || contains_ci(body->qn, "redirect") ||
                               contains_ci(body->qn, "send_file") || contains_ci(body->qn, "render_template") ||
                               contains_ci(body->qn, "Markup") || contains_ci(body->qn, "mark_safe");
        if (!json && !response_object) sink_value(Xss, *body, s, "the view's HTML response", f);
      }
      f.returned = f.has_return ? join(f.returned, v) : v;
      f.has_return = true;
      f.reachable = false;
      return;
    }
    case py::NodeKind::If: exec_if(static_cast<const py::If*>(s), f); return;
    case py::NodeKind::For:
    case py::NodeKind::AsyncFor:
    case py::NodeKind::While: exec_loop(s, f); return;
    case py::NodeKind::Break:
      if (!f.breaks.empty()) f.breaks.back().push_back(f.env);
      f.reachable = false;
      return;
    case py::NodeKind::Continue:
      if (!f.continues.empty()) f.continues.back().push_back(f.env);
      f.reachable = false;
      return;
    case py::NodeKind::Raise: {
      auto* r = static_cast<const py::Raise*>(s);
      if (r->exc) eval(r->exc, f);
      f.reachable = false;
      return;
    }
    case py::NodeKind::Try: {
      auto* t = static_cast<const py::Try*>(s);
      exec_try(t->body, t->handlers, t->orelse, t->finalbody, f);
      return;
    }
    case py::NodeKind::TryStar: {
      auto* t = static_cast<const py::TryStar*>(s);
      exec_try(t->body, t->handlers, t->orelse, t->finalbody, f);
      return;
    }
    case py::NodeKind::With:
    case py::NodeKind::AsyncWith: {
      const Span<py::WithItem*>& items =
          s->kind == py::NodeKind::With ? static_cast<const py::With*>(s)->items : static_cast<const py::AsyncWith*>(s)->items;
      const Span<py::Stmt*>& body =
          s->kind == py::NodeKind::With ? static_cast<const py::With*>(s)->body : static_cast<const py::AsyncWith*>(s)->body;
      for (const py::WithItem* item : items) {
        Value v = eval(item->context_expr, f);
        if (item->optional_vars) assign(item->optional_vars, v, f, s);
      }
      exec_block(body, f);
      return;
    }
    case py::NodeKind::Match: exec_match(static_cast<const py::Match*>(s), f); return;
    case py::NodeKind::FunctionDef:
    case py::NodeKind::AsyncFunctionDef:
    case py::NodeKind::ClassDef: bind_def(s, f); return;
    case py::NodeKind::Global: {
      for (std::string_view n : static_cast<const py::Global*>(s)->names) f.globals.emplace(n);
      return;
    }
    case py::NodeKind::Import:
    case py::NodeKind::ImportFrom: {
      // Bound names resolve through the semantic index when read; a local import
      // shadows nothing the analysis tracks, but drop stale local values of the name.
      if (auto* imp = as<py::Import>(s)) {
        for (const py::Alias* a : imp->names) {
          std::string_view bound = a->asname.empty() ? a->name.substr(0, a->name.find('.')) : a->asname;
          f.env.erase(bound);
        }
      } else {
        for (const py::Alias* a : static_cast<const py::ImportFrom*>(s)->names) {
          f.env.erase(a->asname.empty() ? a->name : a->asname);
        }
      }
      return;
    }
    case py::NodeKind::Delete: {
      for (const py::Expr* t : static_cast<const py::Delete*>(s)->targets) {
        if (auto* n = as<py::Name>(t)) f.env.erase(n->id);
      }
      return;
    }
    case py::NodeKind::Assert: {
      auto* a = static_cast<const py::Assert*>(s);
      eval(a->test, f);
      refine(a->test, true, f);
      return;
    }
    default: return;
  }
}

// ---------------------------------------------------------------- entries

// Whether a function is a Flask/FastAPI view (a route decorator), with its framework and path.
bool is_view(const py::Node* def, const rules::PythonModule* m, std::string& framework, std::string& route) {
  const Span<py::Expr*>* decorators = nullptr;
  if (auto* fn = as<py::FunctionDef>(def)) decorators = &fn->decorator_list;
  if (auto* fn = as<py::AsyncFunctionDef>(def)) decorators = &fn->decorator_list;
  if (!decorators) return false;
  for (const py::Expr* d : *decorators) {
    auto* call = as<py::Call>(d);
    if (!call) continue;
    auto* attr = as<py::Attribute>(call->func);
    if (!attr) continue;
    std::string_view a = attr->attr;
    if (a != "route" && a != "get" && a != "post" && a != "put" && a != "delete" && a != "patch" &&
        a != "api_route" && a != "options" && a != "head") {
      continue;
    }
    const std::string& qn = m->unit.model->qualified_name_ref(call->func);
    // `@mock.patch(...)`, the tests' everyday decorator, has a route decorator's shape.
    if (starts_with(qn, "unittest.mock.") || starts_with(qn, "mock.")) continue;
    bool fastapi = starts_with(qn, "fastapi") || starts_with(qn, "starlette");
    if (qn.empty() && a != "route") {
      for (const auto& imp : m->unit.model->imports()) {
        if (starts_with(imp.module, "fastapi") || starts_with(imp.module, "starlette")) fastapi = true;
      }
    }
    framework = fastapi ? "fastapi" : "flask";
    if (!call->args.empty()) {
      if (auto* c = as<py::Constant>(call->args[0]); c && c->value.kind == py::ConstantKind::Str) {
        route = std::string(c->value.text);
      }
    }
    for (const py::Keyword* k : call->keywords) {
      if (k->arg == "response_class") framework = "fastapi-html";
    }
    return true;
  }
  return false;
}

void Interpreter::analyse_entry(const rules::PythonModule* m, const py::Node* def) {
  const py::Arguments* params = arguments_of(def);
  if (!params || scan_steps_ > kScanBudget) return;
  entry_steps_ = 0;
  std::string framework, route;
  bool view = is_view(def, m, framework, route);
  bool django_module = false;
  for (const auto& imp : m->unit.model->imports()) {
    if (starts_with(imp.module, "django") || starts_with(imp.module, "rest_framework")) django_module = true;
  }
  Frame f;
  f.module = m;
  f.function = def;
  f.view = view && framework == "flask";
  Value fn;
  fn.shape = Shape::Function;
  fn.def = def;
  fn.module = m;

  std::vector<const py::Arg*> positional;
  for (const py::Arg* a : params->posonlyargs) positional.push_back(a);
  for (const py::Arg* a : params->args) positional.push_back(a);
  for (const py::Arg* a : params->kwonlyargs) positional.push_back(a);
  std::size_t ndefaults = params->defaults.size();
  std::size_t first_default = params->posonlyargs.size() + params->args.size() >= ndefaults
                                  ? params->posonlyargs.size() + params->args.size() - ndefaults
                                  : 0;
  const sem::SemanticModel& model = *m->unit.model;
  bool method = model.enclosing_class(def) != nullptr;
  for (std::size_t i = 0; i < positional.size(); ++i) {
    const py::Arg* a = positional[i];
    Value v;
    std::string annotation = a->annotation ? model.qualified_name(a->annotation) : std::string();
    auto req = models_.request_types.find(annotation);
    bool typed_clean = annotation == "builtins.int" || annotation == "builtins.float" ||
                       annotation == "builtins.bool" || annotation == "uuid.UUID" ||
                       starts_with(annotation, "datetime.");
    const py::Expr* dflt = nullptr;
    if (i >= first_default && i < params->posonlyargs.size() + params->args.size()) {
      dflt = params->defaults[i - first_default];
    } else if (i >= params->posonlyargs.size() + params->args.size()) {
      dflt = params->kw_defaults[i - params->posonlyargs.size() - params->args.size()];
    }
    std::string dflt_qn = dflt && dflt->kind == py::NodeKind::Call ? model.qualified_name(dflt) : std::string();
    if (method && i == 0) {
      v.taint.kinds = kUnknown;
      v.shape = Shape::Object;
      if (const py::ClassDef* cls = model.enclosing_class(def)) v.classes.push_back({cls, m});
    } else if (req != models_.request_types.end()) {
      v = Value::external(annotation);
      v.request = true;
      v.framework = req->second;
    } else if (typed_clean) {
      v.shape = annotation == "builtins.int" ? Shape::Int : Shape::Any;
    } else if (starts_with(dflt_qn, "fastapi.Depends") || starts_with(dflt_qn, "fastapi.Security")) {
      v.taint.kinds = kUnknown;
    } else if (view) {
      // Route parameters come from the URL; typed converters admit only numbers.
      std::string marker = "<" + std::string(a->arg) + ">";
      bool numeric = route.find("<int:" + std::string(a->arg) + ">") != std::string::npos ||
                     route.find("<float:" + std::string(a->arg) + ">") != std::string::npos ||
                     route.find("<uuid:" + std::string(a->arg) + ">") != std::string::npos ||
                     route.find("{" + std::string(a->arg) + ":int}") != std::string::npos;
      if (numeric) {
        v.shape = Shape::Int;
      } else {
        v = source_value(kUser, f, a, "route parameter `" + std::string(a->arg) + "`");
      }
    } else if ((django_module || reads_django_request(lines_of(m, def->lineno, def->end_lineno))) &&
               ((i == 0 && !method) || (i == 1 && method)) &&
               a->arg == "request") {
      v = Value::external("django.http.HttpRequest");
      v.request = true;
      v.framework = "django";
    } else if (django_module && a->arg != "self" && i > 0 &&
               (positional[method ? 1 : 0]->arg == "request")) {
      v = source_value(kUser, f, a, "URL parameter `" + std::string(a->arg) + "`");
    } else {
      v.taint.kinds = kUnknown;
    }
    f.env.set(a->arg, std::move(v));
  }
  if (params->vararg) {
    Value v;
    v.shape = Shape::Tuple;
    v.taint.kinds = kUnknown;
    f.env.set(params->vararg->arg, std::move(v));
  }
  if (params->kwarg) {
    Value v;
    v.shape = Shape::Dict;
    if (django_module || view) {
      v = source_value(kUser, f, params->kwarg, "URL parameters");
      v.shape = Shape::Dict;
    } else {
      v.taint.kinds = kUnknown;
    }
    f.env.set(params->kwarg->arg, std::move(v));
  }
  ++out_.functions_analysed;
  call_stack_.push_back(def);
  const Span<py::Stmt*>& body =
      as<py::FunctionDef>(def) ? as<py::FunctionDef>(def)->body : as<py::AsyncFunctionDef>(def)->body;
  exec_block(body, f);
  call_stack_.pop_back();
}

// Whether a function reads Django's request attributes from a parameter named `request`
// (a view in a module that imports nothing from Django itself).
bool reads_django_request(std::string_view body) {
  for (const char* attr : {"request.GET", "request.POST", "request.COOKIES", "request.META", "request.FILES",
                           "request.session"}) {
    if (body.find(attr) != std::string_view::npos) return true;
  }
  return false;
}

void collect_functions(const Span<py::Stmt*>& body, std::vector<const py::Node*>& out) {
  for (const py::Stmt* s : body) {
    switch (s->kind) {
      case py::NodeKind::FunctionDef:
        out.push_back(s);
        collect_functions(static_cast<const py::FunctionDef*>(s)->body, out);
        break;
      case py::NodeKind::AsyncFunctionDef:
        out.push_back(s);
        collect_functions(static_cast<const py::AsyncFunctionDef*>(s)->body, out);
        break;
      case py::NodeKind::ClassDef: collect_functions(static_cast<const py::ClassDef*>(s)->body, out); break;
      case py::NodeKind::If:
        collect_functions(static_cast<const py::If*>(s)->body, out);
        collect_functions(static_cast<const py::If*>(s)->orelse, out);
        break;
      case py::NodeKind::Try:
        collect_functions(static_cast<const py::Try*>(s)->body, out);
        break;
      default: break;
    }
  }
}

// Where the analysis of a module starts: whether its top level reads input, and its entry
// functions: views (their parameters are input), and functions that read an input
// themselves. Everything they call is analysed with the values they pass. A word in the
// text is not enough: `request` must be a framework's request object (imported, or a
// view's parameter), `argv`/`stdin` the sys module's.
struct ModuleEntries {
  bool top_level = false;
  std::vector<const py::Node*> functions;
};

// The words whose lines find_entries looks at.
enum EntryWord { kWordRequest, kWordArgv, kWordStdin, kWordInput, kWordSetCookie, kWordHashlib, kEntryWordCount };
constexpr std::string_view kEntryWordText[kEntryWordCount] = {"request", "argv", "stdin", "input(", "set_cookie",
                                                              "hashlib"};

#ifdef __x86_64__
// find_entry_words' filter over 32-byte blocks: calls check_at(offset) for every offset where
// some word's first and last bytes match, in increasing order; returns the offset where the
// blocks stopped (the caller goes on from there).
template <class CheckAt>
__attribute__((target("avx2"))) std::size_t find_entry_candidates_avx2(const char* begin, std::size_t size,
                                                                        std::size_t longest, CheckAt& check_at) {
  std::size_t i = 0;
  // A block at i reads up to begin[i + longest - 1 + 31].
  for (; i + longest - 1 + 32 <= size; i += 32) {
    // No lambda for the loads: it would not inherit the AVX2 target.
    const __m256i first = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(begin + i));
    __m256i candidates = _mm256_setzero_si256();
    for (std::string_view word : kEntryWordText) {
      const __m256i last = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(begin + i + word.size() - 1));
      __m256i first_matches = _mm256_cmpeq_epi8(first, _mm256_set1_epi8(word.front()));
      __m256i last_matches = _mm256_cmpeq_epi8(last, _mm256_set1_epi8(word.back()));
      candidates = _mm256_or_si256(candidates, _mm256_and_si256(first_matches, last_matches));
    }
    for (unsigned mask = static_cast<unsigned>(_mm256_movemask_epi8(candidates)); mask != 0; mask &= mask - 1) {
      check_at(i + static_cast<std::size_t>(__builtin_ctz(mask)));
    }
  }
  return i;
}
#endif

// Calls found(word, offset) for every occurrence of every entry word in `text` (overlapping
// ones too), by increasing offset. One pass over the text instead of one per word: with
// SSE2, 16 offsets at a time are kept only where some word's first AND last byte match
// (rare pairs at a fixed distance), then checked in full.
template <class Found>
void find_entry_words(std::string_view text, Found&& found) {
  const char* begin = text.data();
  const std::size_t size = text.size();
  std::size_t i = 0;
#ifdef __SSE2__
  auto check_at = [&](std::size_t at) {
    for (int w = 0; w < kEntryWordCount; ++w) {
      std::string_view word = kEntryWordText[w];
      if (begin[at] == word[0] && word.size() <= size - at && std::memcmp(begin + at, word.data(), word.size()) == 0) {
        found(static_cast<EntryWord>(w), at);
      }
    }
  };
  constexpr std::size_t kLongest = [] {
    std::size_t longest = 0;
    for (std::string_view word : kEntryWordText) longest = std::max(longest, word.size());
    return longest;
  }();
#ifdef __x86_64__
  // The same filter 32 offsets at a time where the processor has AVX2 (half the work).
  static const bool avx2 = __builtin_cpu_supports("avx2");
  if (avx2) i = find_entry_candidates_avx2(begin, size, kLongest, check_at);
#endif
  // A block at i reads up to begin[i + kLongest - 1 + 15].
  for (; i + kLongest - 1 + 16 <= size; i += 16) {
    auto load = [&](std::size_t offset) {
      return _mm_loadu_si128(reinterpret_cast<const __m128i*>(begin + i + offset));
    };
    const __m128i first = load(0);
    __m128i candidates = _mm_setzero_si128();
    for (std::string_view word : kEntryWordText) {
      __m128i first_matches = _mm_cmpeq_epi8(first, _mm_set1_epi8(word.front()));
      __m128i last_matches = _mm_cmpeq_epi8(load(word.size() - 1), _mm_set1_epi8(word.back()));
      candidates = _mm_or_si128(candidates, _mm_and_si128(first_matches, last_matches));
    }
    for (unsigned mask = static_cast<unsigned>(_mm_movemask_epi8(candidates)); mask != 0; mask &= mask - 1) {
      check_at(i + static_cast<std::size_t>(__builtin_ctz(mask)));
    }
  }
  for (; i < size; ++i) check_at(i);  // the last few offsets, one by one
#else
  // Without SSE2: one memmem search per word (glibc's is several times faster than find()
  // for words whose first letter is common), merged by offset afterwards.
  std::vector<std::pair<std::size_t, EntryWord>> hits;
  const char* end = begin + size;
  for (int w = 0; w < kEntryWordCount; ++w) {
    for (const char* p = begin; p < end; ++p) {
      p = static_cast<const char*>(
          memmem(p, static_cast<std::size_t>(end - p), kEntryWordText[w].data(), kEntryWordText[w].size()));
      if (!p) break;
      hits.emplace_back(static_cast<std::size_t>(p - begin), static_cast<EntryWord>(w));
    }
  }
  std::sort(hits.begin(), hits.end());
  for (const auto& [at, w] : hits) found(w, at);
  (void)i;
#endif
}

ModuleEntries find_entries(const rules::PythonModule& m, const Models& models) {
  ModuleEntries out;
  std::string_view text = m.unit.text;
  // The lines each word occurs on, from one search over the module: a function (or
  // top-level statement) mentions a word when one of them falls in its lines. Most
  // modules of a library mention none: then only views are entries.
  std::vector<int> lines_with[kEntryWordCount];
  std::vector<std::pair<std::size_t, EntryWord>> hits;
  find_entry_words(text, [&](EntryWord w, std::size_t at) { hits.emplace_back(at, w); });
  std::vector<std::size_t> own_starts;  // when the scan did not index the lines
  bool words = false;
  if (!hits.empty()) {
    // Whether a byte is code depends only on the text before it: the scan stops at the last word.
    CodeText code(text.substr(0, hits.back().first + 1));
    for (const auto& [at, w] : hits) {
      if (!code.is_code(at)) continue;  // a docstring or comment reads no input
      const std::vector<std::size_t>& starts = rules::line_starts(text, m.unit.line_starts, own_starts);
      int line = static_cast<int>(std::upper_bound(starts.begin(), starts.end(), at) - starts.begin());
      if (lines_with[w].empty() || lines_with[w].back() != line) lines_with[w].push_back(line);
      words = true;
    }
  }
  auto mentions = [&](EntryWord w, const py::Node* n) {
    int first = n->lineno, last = std::max(n->end_lineno, n->lineno);
    auto it = std::lower_bound(lines_with[w].begin(), lines_with[w].end(), first);
    return it != lines_with[w].end() && *it <= last;
  };
  for (const py::Stmt* s : m.unit.module->body) {
    if (!words) break;
    if (s->kind == py::NodeKind::FunctionDef || s->kind == py::NodeKind::AsyncFunctionDef ||
        s->kind == py::NodeKind::ClassDef) {
      continue;
    }
    // Input read at the top level (a script's argv). The environment is a source no rule
    // reports, and views are found by their decorators: neither makes an entry by itself.
    if (mentions(kWordRequest, s) || mentions(kWordArgv, s) || mentions(kWordInput, s) || mentions(kWordStdin, s)) {
      out.top_level = true;
      break;
    }
  }
  bool imports_request = false, imports_sys = false;
  for (const auto& imp : m.unit.model->imports()) {
    if (models.request_types.count(imp.target) || starts_with(imp.module, "django") ||
        starts_with(imp.module, "rest_framework") || starts_with(imp.module, "fastapi") ||
        starts_with(imp.module, "starlette") || imp.target == "flask" || imp.target == "quart") {
      imports_request = true;
    }
    if (imp.module == "sys") imports_sys = true;
  }
  std::vector<const py::Node*> functions;
  collect_functions(m.unit.module->body, functions);
  for (const py::Node* def : functions) {
    std::string framework, route;
    bool view = is_view(def, &m, framework, route);
    bool entry = view ||
                 (words && ((imports_request && mentions(kWordRequest, def)) ||
                            (imports_sys && (mentions(kWordArgv, def) || mentions(kWordStdin, def))) ||
                            mentions(kWordInput, def) ||
                            // The value checks (cookie flags, hash names) look at every such call.
                            mentions(kWordSetCookie, def) || mentions(kWordHashlib, def)));
    // Test code is not where input arrives; its findings would be ranked down anyway.
    if (m.unit.in_test && !view) entry = false;
    if (entry) out.functions.push_back(def);
  }
  return out;
}

void Interpreter::run() {
  project_.for_each_module([&](const rules::PythonModule& kept) {
    const rules::PythonModule* m = &kept;
    if (!m->unit.module) return;
    ModuleEntries found;
    if (!m->entries_known) found = find_entries(*m, models_);  // else: the per-file stage's
    bool top_level = m->entries_known ? m->entry_top_level : found.top_level;
    const auto& functions = m->entries_known ? m->entry_functions : found.functions;
    // Module-level code that reads input (a script's argv); other modules' top levels are
    // evaluated when their names are used.
    if (top_level) module_env(m);
    for (const py::Node* def : functions) {
      long before = scan_steps_;
      analyse_entry(m, def);
      if (std::getenv("AEGIS_DF_PROFILE")) {
        std::fprintf(stderr, "%ld steps %s:%d\n", scan_steps_ - before, std::string(m->unit.path).c_str(), def->lineno);
      }
    }
  });
  // Verdicts for the pattern rules.
  for (const auto& [node, info] : verdicts_) {
    rules::SinkVerdict v;
    v.path = std::string(info.first->unit.path);
    v.line = node->lineno;
    v.end_line = std::max(node->end_lineno, node->lineno);
    v.cwe = info.second.first;
    v.state = info.second.second;
    project_.verdicts.push_back(std::move(v));
  }
  std::sort(project_.verdicts.begin(), project_.verdicts.end(), [](const rules::SinkVerdict& a, const rules::SinkVerdict& b) {
    return std::tie(a.path, a.line, a.end_line, a.cwe, a.state) < std::tie(b.path, b.line, b.end_line, b.cwe, b.state);
  });
}

}  // namespace

bool has_entries(rules::PythonModule& module, const Models& models) {
  if (!module.unit.module || !module.unit.model) return false;
  ModuleEntries entries = find_entries(module, models);
  module.entries_known = true;
  module.entry_top_level = entries.top_level;
  module.entry_functions = std::move(entries.functions);
  return module.entry_top_level || !module.entry_functions.empty();
}

const Analysis& analyse(rules::PythonProject& project) {
  auto it = project.shared.find("dataflow");
  if (it != project.shared.end()) return *static_cast<const Analysis*>(it->second.get());
  auto analysis = std::make_shared<Analysis>();
  // The user's models when the configuration names some (scan.cpp), else the built-in.
  const Models* models = &Models::builtin();
  auto user = project.shared.find("dataflow-models");
  if (user != project.shared.end()) models = static_cast<const Models*>(user->second.get());
  Interpreter interpreter(project, *analysis, *models);
  interpreter.run();
  project.shared["dataflow"] = analysis;
  return *analysis;
}

bool verdict_applies_to(std::string_view id) {
  static const std::set<std::string_view> kRules = {"INJ001", "INJ002", "INJ003", "INJ004", "INJ005", "INJ007",
                                                     "INJ008", "INJ009", "INJ011", "DSR001", "DSR002", "DSR003",
                                                     "DSR004", "TPL001", "TPL012"};
  return kRules.count(id) > 0;
}

}  // namespace aegis::dataflow
