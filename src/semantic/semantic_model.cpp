#include "semantic/semantic_model.h"

#include <algorithm>
#include <cstring>
#include <deque>
#include <memory>

#include "python/ast_visit.h"
#include "semantic/builtins.h"

namespace aegis::sem {

namespace py = aegis::py;
using py::cast;
using py::dyn_cast;
using py::isa;

const char* to_string(ScopeKind kind) {
  switch (kind) {
    case ScopeKind::Module: return "module";
    case ScopeKind::Class: return "class";
    case ScopeKind::Function: return "function";
    case ScopeKind::Lambda: return "lambda";
    case ScopeKind::Comprehension: return "comprehension";
    case ScopeKind::Annotation: return "annotation";
  }
  return "?";
}

const char* to_string(BindingKind kind) {
  switch (kind) {
    case BindingKind::Import: return "import";
    case BindingKind::FromImport: return "from-import";
    case BindingKind::Assignment: return "assignment";
    case BindingKind::AugAssignment: return "augmented-assignment";
    case BindingKind::Annotation: return "annotation";
    case BindingKind::Parameter: return "parameter";
    case BindingKind::Function: return "function";
    case BindingKind::Class: return "class";
    case BindingKind::LoopTarget: return "loop-target";
    case BindingKind::WithTarget: return "with-target";
    case BindingKind::ExceptHandler: return "except-handler";
    case BindingKind::Walrus: return "walrus";
    case BindingKind::MatchCapture: return "match-capture";
    case BindingKind::Global: return "global";
    case BindingKind::Nonlocal: return "nonlocal";
    case BindingKind::TypeParam: return "type-param";
    case BindingKind::TypeAlias: return "type-alias";
    case BindingKind::Deletion: return "deletion";
  }
  return "?";
}

namespace {

enum SymbolFlag : std::uint8_t {
  kBound = 1 << 0,
  kGlobal = 1 << 1,          // `global` declared in this scope
  kNonlocal = 1 << 2,        // `nonlocal` declared in this scope
  kParam = 1 << 3,
  kUsed = 1 << 4,
  kWalrus = 1 << 5,          // bound by := in a comprehension: lives in an outer scope
  kGlobalElsewhere = 1 << 6, // module symbol: some function declares it global
};
constexpr std::uint8_t kDefinesHere = kBound | kParam | kGlobal | kNonlocal | kWalrus;

// Deeper trees than this are not walked (CPython itself rejects trees far shallower).
constexpr int kMaxWalkDepth = 6000;
// Alias chains (a = b; b = c ...) followed at most this far, and at most this many
// resolution steps per query: hostile files cannot make a query explode.
constexpr int kMaxResolveDepth = 32;
constexpr int kResolveSteps = 2000;

// The hash of a symbol's key for the model's SymbolMap (all of its users are in this
// file): a few word-sized loads instead of a multiply per character, as most names are
// shorter than 8 bytes.
[[gnu::always_inline]] inline std::uint32_t symbol_hash(std::uint32_t scope, std::string_view name) {
  auto load = [](const char* p, std::size_t n) {
    std::uint64_t w = 0;
    std::memcpy(&w, p, n);
    return w;
  };
  const char* p = name.data();
  std::size_t n = name.size();
  std::uint64_t h = (std::uint64_t{scope} << 32 | n) * 0x9E3779B97F4A7C15ULL;
  std::uint64_t w;
  if (n > 8) {
    for (; n > 8; p += 8, n -= 8) h = mix_hash(h ^ load(p, 8)) * 0x9E3779B97F4A7C15ULL;
    w = load(p + n - 8, 8);  // the last 8 bytes (they may overlap the previous word)
  } else if (n >= 4) {
    w = load(p, 4) << 32 | load(p + n - 4, 4);
  } else if (n > 0) {
    w = std::uint64_t{static_cast<unsigned char>(p[0])} << 16 |
        std::uint64_t{static_cast<unsigned char>(p[n / 2])} << 8 |
        static_cast<unsigned char>(p[n - 1]);
  } else {
    w = 0;
  }
  return static_cast<std::uint32_t>(mix_hash(h ^ w));
}

// Whether two names are equal, without a call to memcmp: the symbol table compares a name
// on nearly every look-up that finds it, and most names are a few bytes long.
[[gnu::always_inline]] inline bool same_name(std::string_view a, std::string_view b) {
  std::size_t n = a.size();
  if (n != b.size()) return false;
  const char* p = a.data();
  const char* q = b.data();
  auto load8 = [](const char* at) {
    std::uint64_t w;
    std::memcpy(&w, at, 8);
    return w;
  };
  auto load4 = [](const char* at) {
    std::uint32_t w;
    std::memcpy(&w, at, 4);
    return w;
  };
  if (n >= 8) {
    for (std::size_t i = 0; i + 8 < n; i += 8) {
      if (load8(p + i) != load8(q + i)) return false;
    }
    return load8(p + n - 8) == load8(q + n - 8);  // the last 8 bytes, overlapping the loop's
  }
  if (n >= 4) return load4(p) == load4(q) && load4(p + n - 4) == load4(q + n - 4);
  for (std::size_t i = 0; i < n; ++i) {
    if (p[i] != q[i]) return false;
  }
  return true;
}

using Pos = std::pair<int, int>;
Pos start_of(const py::Node* n) { return {n->lineno, n->col_offset}; }
Pos end_of(const py::Node* n) { return {n->end_lineno, n->end_col_offset}; }

bool is_declaration(BindingKind k) { return k == BindingKind::Global || k == BindingKind::Nonlocal; }

// "base.name" in one allocation (resolution builds one per attribute it follows).
std::string dotted(std::string_view base, std::string_view name) {
  std::string out;
  out.reserve(base.size() + 1 + name.size());
  out += base;
  out += '.';
  out += name;
  return out;
}

// The last identifier of a Name or Attribute chain ("ImportError" for builtins.ImportError).
std::string_view tail_name(const py::Expr* e) {
  if (auto* n = dyn_cast<py::Name>(e)) return n->id;
  if (auto* a = dyn_cast<py::Attribute>(e)) return a->attr;
  return {};
}

bool catches_import_error(const py::Expr* type) {
  if (type == nullptr) return true;  // bare except
  if (auto* t = dyn_cast<py::Tuple>(type)) {
    for (auto* e : t->elts) {
      if (catches_import_error(e)) return true;
    }
    return false;
  }
  std::string_view n = tail_name(type);
  return n == "ImportError" || n == "ModuleNotFoundError" || n == "Exception" ||
         n == "BaseException";
}

template <typename TryNode>
bool try_catches_import_error(const TryNode* t) {
  for (auto* h : t->handlers) {
    if (auto* eh = dyn_cast<py::ExceptHandler>(h); eh && catches_import_error(eh->type)) return true;
  }
  return false;
}

bool is_type_checking_test(const py::Expr* test) {
  return tail_name(test) == "TYPE_CHECKING";
}

template <typename F>
void for_each_param(const py::Arguments* a, F&& f) {
  if (a == nullptr) return;
  for (auto* p : a->posonlyargs) if (p) f(p);
  for (auto* p : a->args) if (p) f(p);
  if (a->vararg) f(a->vararg);
  for (auto* p : a->kwonlyargs) if (p) f(p);
  if (a->kwarg) f(a->kwarg);
}

const py::Arg* first_positional(const py::Arguments* a) {
  if (a == nullptr) return nullptr;
  if (!a->posonlyargs.empty()) return a->posonlyargs[0];
  if (!a->args.empty()) return a->args[0];
  return nullptr;
}

std::string_view def_name(const py::Node* n) {
  if (auto* f = dyn_cast<py::FunctionDef>(n)) return f->name;
  if (auto* f = dyn_cast<py::AsyncFunctionDef>(n)) return f->name;
  if (auto* c = dyn_cast<py::ClassDef>(n)) return c->name;
  return {};
}

const py::Arguments* def_args(const py::Node* n) {
  if (auto* f = dyn_cast<py::FunctionDef>(n)) return f->args;
  if (auto* f = dyn_cast<py::AsyncFunctionDef>(n)) return f->args;
  if (auto* l = dyn_cast<py::Lambda>(n)) return l->args;
  return nullptr;
}

Span<py::Expr*> def_decorators(const py::Node* n) {
  if (auto* f = dyn_cast<py::FunctionDef>(n)) return f->decorator_list;
  if (auto* f = dyn_cast<py::AsyncFunctionDef>(n)) return f->decorator_list;
  if (auto* c = dyn_cast<py::ClassDef>(n)) return c->decorator_list;
  return {};
}

}  // namespace

// ---------------------------------------------------------------------------------------
// The single walk that fills the model's tables.

class ModelBuilder {
 public:
  explicit ModelBuilder(SemanticModel& model) : m_(model) {}

  void build(const py::Module* module) {
    // The standard library has 2.5 recorded nodes a line (median; 3.4 at the 90th
    // percentile): reserving 3 avoids most regrowth, and finish_tables gives back the rest.
    int lines = module->body.empty() ? 1 : module->body.back()->end_lineno;
    m_.nodes_.reserve(static_cast<std::size_t>(std::max(lines, 64)) * 3);
    ScopeId root = new_scope(ScopeKind::Module, module, {}, kNone);
    scope_ = root;
    parent_number_ = record(module, nullptr);
    parent_ = module;
    for (auto* s : module->body) {
      if (s) visit(s, module);
    }
  }

  // Per binding: its symbol (scope, name), for resolve_symbols.
  std::vector<std::uint32_t> binding_symbols;
  // (function scope, value of a `return` in it), in source order.
  std::vector<std::pair<ScopeId, const py::Expr*>> returns;

 private:
  SemanticModel& m_;
  ScopeId scope_ = 0;
  const py::Stmt* stmt_ = nullptr;
  std::uint8_t conditions_ = kImportUnconditional;
  int depth_ = 0;
  // What a Store/Del Name binds while a target is walked.
  BindingKind store_kind_ = BindingKind::Assignment;
  const py::Expr* store_value_ = nullptr;
  Pos visible_{0, 0};
  // The node whose children are being visited, and its number in the node table.
  const py::Node* parent_ = nullptr;
  std::uint32_t parent_number_ = kNone;

  // Records a node's parent and scope. The parent is kept by its number in the table: a parent
  // the walk reaches after its child (a parameter after its annotation) gets its number here.
  // Returns the node's number (kNone past the numbered nodes).
  std::uint32_t record(const py::Node* n, const py::Node* parent, ScopeId scope) {
    std::uint32_t p = kNone;
    if (parent != nullptr) {
      // Most parents are the node being visited, whose number the walk keeps.
      p = parent == parent_ ? parent_number_ : m_.nodes_.number(parent);
      if (p == kNone) {  // past the numbered nodes
        p = SemanticModel::kParentElsewhere;
        m_.parent_overflow_.set(n, parent);
      }
    }
    return m_.nodes_.set(n, {p, scope});
  }
  std::uint32_t record(const py::Node* n, const py::Node* parent) { return record(n, parent, scope_); }

  ScopeId new_scope(ScopeKind kind, const py::Node* node, std::string_view name, ScopeId parent) {
    ScopeId id = static_cast<ScopeId>(m_.scopes_.size());
    Scope s;
    s.kind = kind;
    s.parent = parent;
    s.node = node;
    s.name = name;
    if (parent != kNone) {
      // __qualname__: annotation scopes are transparent; functions add ".<locals>".
      ScopeId p = parent;
      while (p != kNone && m_.scopes_[p].kind == ScopeKind::Annotation) p = m_.scopes_[p].parent;
      std::string_view own = name;
      if (kind == ScopeKind::Lambda) own = "<lambda>";
      if (kind == ScopeKind::Comprehension) own = "<comprehension>";
      if (kind == ScopeKind::Annotation) {
        s.qualname = m_.scopes_[parent].qualname;
      } else if (p == kNone || m_.scopes_[p].kind == ScopeKind::Module) {
        s.qualname = std::string(own);
      } else {
        // One allocation: outer + separator + own name.
        std::string_view outer = m_.scopes_[p].qualname;
        std::string_view separator = m_.scopes_[p].kind == ScopeKind::Class ? "." : ".<locals>.";
        s.qualname.reserve(outer.size() + separator.size() + own.size());
        s.qualname += outer;
        s.qualname += separator;
        s.qualname += own;
      }
    }
    m_.scopes_.push_back(std::move(s));
    return id;
  }

  std::uint32_t symbol(ScopeId scope, std::string_view name) {
    std::uint32_t hash = symbol_hash(scope, name);
    std::uint32_t idx = m_.symbol_index(scope, name, hash);
    if (idx != SymbolMap::kMissing) return idx;
    idx = static_cast<std::uint32_t>(m_.symbols_.size());
    m_.symbols_.push_back({name, scope, kNone, kNone, 0});
    m_.symbol_map_.insert_new(hash, idx);
    return idx;
  }

  BindingId bind(std::string_view name, BindingKind kind, const py::Node* node,
                 const py::Expr* value, Pos visible, ScopeId scope) {
    BindingId id = static_cast<BindingId>(m_.bindings_.size());
    Binding b;
    b.name = name;
    b.kind = kind;
    b.scope = scope;
    b.home = kNone;
    b.node = node;
    b.statement = stmt_;
    b.value = value;
    b.lineno = node->lineno;
    b.col_offset = node->col_offset;
    m_.bindings_.push_back(b);
    m_.visible_.push_back(visible);
    std::uint32_t sym = symbol(scope, name);
    binding_symbols.push_back(sym);
    switch (kind) {
      case BindingKind::Parameter: m_.symbols_[sym].flags |= kParam; break;
      case BindingKind::Global: m_.symbols_[sym].flags |= kGlobal; break;
      case BindingKind::Nonlocal: m_.symbols_[sym].flags |= kNonlocal; break;
      case BindingKind::Walrus:
        if (m_.symbols_[sym].walrus_home != kNone) break;  // redirected: not a local here
        m_.symbols_[sym].flags |= kBound;
        break;
      default: m_.symbols_[sym].flags |= kBound; break;
    }
    if (!is_declaration(kind)) m_.store_bindings_.add(m_.nodes_, node, id);
    return id;
  }

  void visit_children(const py::Node* n) {
    py::for_each_child(const_cast<py::Node*>(n), [&](py::Node* c) { visit(c, n); });
  }

  template <typename T>
  void visit_all(Span<T*> nodes, const py::Node* parent) {
    for (auto* c : nodes) {
      if (c) visit(c, parent);
    }
  }

  void visit(const py::Node* n, const py::Node* parent) {
    if (n == nullptr) return;
    if (depth_ >= kMaxWalkDepth) {
      m_.truncated_ = true;
      return;
    }
    // Leaves (a third of all nodes): recorded, and a Name bound or marked used.
    if (n->kind == py::NodeKind::Name) {
      record(n, parent);
      visit_name(cast<py::Name>(n));
      return;
    }
    if (n->kind == py::NodeKind::Constant) {
      record(n, parent);
      return;
    }
    ++depth_;
    std::uint32_t number = record(n, parent);
    const py::Stmt* saved_stmt = stmt_;
    const py::Node* saved_parent = parent_;
    std::uint32_t saved_parent_number = parent_number_;
    if (isa<py::Stmt>(n)) stmt_ = cast<py::Stmt>(n);
    parent_ = n;
    parent_number_ = number;
    dispatch(n);
    stmt_ = saved_stmt;
    parent_ = saved_parent;
    parent_number_ = saved_parent_number;
    --depth_;
  }

  void dispatch(const py::Node* n) {
    using K = py::NodeKind;
    switch (n->kind) {
      case K::FunctionDef: visit_function(cast<py::FunctionDef>(n)); break;
      case K::AsyncFunctionDef: visit_function(cast<py::AsyncFunctionDef>(n)); break;
      case K::ClassDef: visit_class(cast<py::ClassDef>(n)); break;
      case K::Lambda: visit_lambda(cast<py::Lambda>(n)); break;
      case K::ListComp: {
        auto* c = cast<py::ListComp>(n);
        visit_comprehension(n, c->generators, c->elt, nullptr);
        break;
      }
      case K::SetComp: {
        auto* c = cast<py::SetComp>(n);
        visit_comprehension(n, c->generators, c->elt, nullptr);
        break;
      }
      case K::GeneratorExp: {
        auto* c = cast<py::GeneratorExp>(n);
        visit_comprehension(n, c->generators, c->elt, nullptr);
        break;
      }
      case K::DictComp: {
        auto* c = cast<py::DictComp>(n);
        visit_comprehension(n, c->generators, c->key, c->value);
        break;
      }
      case K::TypeAlias: visit_type_alias(cast<py::TypeAlias>(n)); break;
      case K::Name: visit_name(cast<py::Name>(n)); break;
      case K::Assign: visit_assign(cast<py::Assign>(n)); break;
      case K::AugAssign: {
        auto* a = cast<py::AugAssign>(n);
        visit(a->value, n);
        if (auto* name = dyn_cast<py::Name>(a->target)) {
          m_.symbols_[symbol(scope_, name->id)].flags |= kUsed;  // read, then written
        }
        visit_target(a->target, n, BindingKind::AugAssignment, nullptr, end_of(n));
        break;
      }
      case K::AnnAssign: {
        auto* a = cast<py::AnnAssign>(n);
        visit(a->annotation, n);
        visit(a->value, n);
        if (!a->simple && a->value == nullptr && isa<py::Name>(a->target)) {
          // `(x): int` neither assigns nor makes x local.
          record(a->target, n);
          break;
        }
        BindingKind kind = a->value ? BindingKind::Assignment : BindingKind::Annotation;
        visit_target(a->target, n, kind, a->value, end_of(n));
        break;
      }
      case K::For: visit_for(cast<py::For>(n)); break;
      case K::AsyncFor: visit_for(cast<py::AsyncFor>(n)); break;
      case K::With: visit_with(cast<py::With>(n)); break;
      case K::AsyncWith: visit_with(cast<py::AsyncWith>(n)); break;
      case K::NamedExpr: visit_walrus(cast<py::NamedExpr>(n)); break;
      case K::Delete: {
        for (auto* t : cast<py::Delete>(n)->targets) {
          visit_target(t, n, BindingKind::Deletion, nullptr, end_of(n));
        }
        break;
      }
      case K::Import: visit_import(cast<py::Import>(n)); break;
      case K::ImportFrom: visit_import_from(cast<py::ImportFrom>(n)); break;
      case K::Global:
        for (auto name : cast<py::Global>(n)->names) {
          bind(name, BindingKind::Global, n, nullptr, end_of(n), scope_);
          m_.symbols_[symbol(0, name)].flags |= kGlobalElsewhere;
        }
        break;
      case K::Nonlocal:
        for (auto name : cast<py::Nonlocal>(n)->names) {
          bind(name, BindingKind::Nonlocal, n, nullptr, end_of(n), scope_);
        }
        break;
      case K::Try: visit_try(cast<py::Try>(n)); break;
      case K::TryStar: visit_try(cast<py::TryStar>(n)); break;
      case K::If: {
        auto* s = cast<py::If>(n);
        visit(s->test, n);
        std::uint8_t saved = conditions_;
        conditions_ |= is_type_checking_test(s->test) ? kImportTypeChecking : kImportInIf;
        visit_all(s->body, n);
        conditions_ = saved | kImportInIf;
        visit_all(s->orelse, n);
        conditions_ = saved;
        break;
      }
      case K::ExceptHandler: {
        auto* h = cast<py::ExceptHandler>(n);
        visit(h->type, n);
        if (h->name.data() != nullptr) {
          Pos visible = h->body.empty() ? end_of(n) : start_of(h->body[0]);
          bind(h->name, BindingKind::ExceptHandler, n, nullptr, visible, scope_);
        }
        visit_all(h->body, n);
        break;
      }
      case K::MatchAs: {
        auto* p = cast<py::MatchAs>(n);
        visit(p->pattern, n);
        if (p->name.data() != nullptr) {
          bind(p->name, BindingKind::MatchCapture, n, nullptr, end_of(n), scope_);
        }
        break;
      }
      case K::MatchStar: {
        auto* p = cast<py::MatchStar>(n);
        if (p->name.data() != nullptr) {
          bind(p->name, BindingKind::MatchCapture, n, nullptr, end_of(n), scope_);
        }
        break;
      }
      case K::MatchMapping: {
        auto* p = cast<py::MatchMapping>(n);
        visit_children(n);
        if (p->rest.data() != nullptr) {
          bind(p->rest, BindingKind::MatchCapture, n, nullptr, end_of(n), scope_);
        }
        break;
      }
      case K::TypeVar: {
        auto* t = cast<py::TypeVar>(n);
        bind(t->name, BindingKind::TypeParam, n, nullptr, start_of(n), scope_);
        visit_children(n);
        break;
      }
      case K::ParamSpec: {
        auto* t = cast<py::ParamSpec>(n);
        bind(t->name, BindingKind::TypeParam, n, nullptr, start_of(n), scope_);
        visit_children(n);
        break;
      }
      case K::TypeVarTuple: {
        auto* t = cast<py::TypeVarTuple>(n);
        bind(t->name, BindingKind::TypeParam, n, nullptr, start_of(n), scope_);
        visit_children(n);
        break;
      }
      case K::Return: {
        auto* r = cast<py::Return>(n);
        if (r->value && m_.scopes_[scope_].kind == ScopeKind::Function) {
          returns.emplace_back(scope_, r->value);
        }
        visit_children(n);
        break;
      }
      default: visit_children(n); break;
    }
  }

  void visit_name(const py::Name* n) {
    switch (n->ctx) {
      case py::ExprContext::Load: m_.symbols_[symbol(scope_, n->id)].flags |= kUsed; break;
      case py::ExprContext::Store: bind(n->id, store_kind_, n, store_value_, visible_, scope_); break;
      case py::ExprContext::Del: bind(n->id, BindingKind::Deletion, n, nullptr, visible_, scope_); break;
    }
  }

  // Walks an assignment target; names stored in it bind with `kind`. `value` is kept for
  // plain-name targets, and paired element-wise for `a, b = x, y`.
  void visit_target(const py::Expr* target, const py::Node* parent, BindingKind kind,
                    const py::Expr* value, Pos visible) {
    if (target == nullptr) return;
    BindingKind saved_kind = store_kind_;
    const py::Expr* saved_value = store_value_;
    Pos saved_visible = visible_;
    store_kind_ = kind;
    visible_ = visible;
    Span<py::Expr*> targets, values;
    if (auto* t = dyn_cast<py::Tuple>(target)) targets = t->elts;
    if (auto* l = dyn_cast<py::List>(target)) targets = l->elts;
    if (auto* t = dyn_cast<py::Tuple>(value)) values = t->elts;
    if (auto* l = dyn_cast<py::List>(value)) values = l->elts;
    bool pairwise = !targets.empty() && targets.size() == values.size();
    for (std::size_t i = 0; pairwise && i < targets.size(); ++i) {
      if (isa<py::Starred>(targets[i]) || isa<py::Starred>(values[i])) pairwise = false;
    }
    if (pairwise && depth_ < kMaxWalkDepth) {
      ++depth_;
      record(target, parent);
      for (std::size_t i = 0; i < targets.size(); ++i) {
        visit_target(targets[i], target, kind, values[i], visible);
      }
      --depth_;
    } else {
      store_value_ = isa<py::Name>(target) ? value : nullptr;
      visit(target, parent);
    }
    store_kind_ = saved_kind;
    store_value_ = saved_value;
    visible_ = saved_visible;
  }

  void visit_assign(const py::Assign* a) {
    visit(a->value, a);
    for (auto* t : a->targets) {
      visit_target(t, a, BindingKind::Assignment, a->value, end_of(a));
      record_self_attribute(t, a->value);
    }
  }

  // `self.x = value` in a method: remembered so `self.x.run()` resolves through `value`.
  void record_self_attribute(const py::Expr* target, const py::Expr* value) {
    auto* attr = dyn_cast<py::Attribute>(target);
    if (attr == nullptr || value == nullptr) return;
    auto* base = dyn_cast<py::Name>(attr->value);
    const Scope& fn = m_.scopes_[scope_];
    if (base == nullptr || fn.kind != ScopeKind::Function) return;
    const py::Arg* first = first_positional(def_args(fn.node));
    if (first == nullptr || first->arg != base->id) return;
    ScopeId owner = fn.parent;
    while (owner != kNone && m_.scopes_[owner].kind == ScopeKind::Annotation) {
      owner = m_.scopes_[owner].parent;
    }
    if (owner == kNone || m_.scopes_[owner].kind != ScopeKind::Class) return;
    m_.self_attrs_.push_back({{owner, attr->attr}, value});
  }

  template <typename ForNode>
  void visit_for(const ForNode* f) {
    visit(f->iter, f);
    visit_target(f->target, f, BindingKind::LoopTarget, nullptr, end_of(f->iter));
    visit_all(f->body, f);
    visit_all(f->orelse, f);
  }

  template <typename WithNode>
  void visit_with(const WithNode* w) {
    for (auto* item : w->items) {
      if (item == nullptr) continue;
      record(item, w);
      visit(item->context_expr, item);
      visit_target(item->optional_vars, item, BindingKind::WithTarget, item->context_expr,
                   end_of(item));
    }
    visit_all(w->body, w);
  }

  void visit_walrus(const py::NamedExpr* n) {
    visit(n->value, n);
    auto* target = dyn_cast<py::Name>(n->target);
    if (target != nullptr && m_.scopes_[scope_].kind == ScopeKind::Comprehension) {
      // PEP 572: the target binds in the nearest enclosing non-comprehension scope.
      ScopeId home = scope_;
      while (home != kNone && m_.scopes_[home].kind == ScopeKind::Comprehension) {
        home = m_.scopes_[home].parent;
      }
      if (home != kNone) {
        m_.symbols_[symbol(home, target->id)].flags |= kBound;
        for (ScopeId s = scope_; s != home; s = m_.scopes_[s].parent) {
          std::uint32_t sym = symbol(s, target->id);
          m_.symbols_[sym].flags |= kWalrus;
          m_.symbols_[sym].walrus_home = home;
        }
      }
    }
    visit_target(n->target, n, BindingKind::Walrus, n->value, end_of(n));
  }

  template <typename Def>
  void visit_function(const Def* d) {
    ScopeId outer = scope_;
    visit_all(d->decorator_list, d);
    const py::Arguments* args = d->args;
    if (args) {
      record(args, d, outer);
      visit_all(args->defaults, args);
      visit_all(args->kw_defaults, args);
    }
    bind(d->name, BindingKind::Function, d, nullptr, end_of(d), outer);
    ScopeId annotations = outer;
    if (!d->type_params.empty()) {
      annotations = new_scope(ScopeKind::Annotation, d, d->name, outer);
      scope_ = annotations;
      visit_all(d->type_params, d);
    }
    scope_ = annotations;
    for_each_param(args, [&](const py::Arg* p) { visit(p->annotation, p); });
    visit(d->returns, d);

    ScopeId body = new_scope(ScopeKind::Function, d, d->name, annotations);
    m_.created_scopes_.add(m_.nodes_, d, body);
    scope_ = body;
    for_each_param(args, [&](const py::Arg* p) {
      record(p, args, body);
      bind(p->arg, BindingKind::Parameter, p, nullptr, start_of(d), body);
    });
    std::uint8_t saved_conditions = conditions_;
    conditions_ |= kImportInFunction;
    visit_all(d->body, d);
    conditions_ = saved_conditions;
    scope_ = outer;
  }

  void visit_class(const py::ClassDef* c) {
    ScopeId outer = scope_;
    visit_all(c->decorator_list, c);
    ScopeId annotations = outer;
    if (!c->type_params.empty()) {
      annotations = new_scope(ScopeKind::Annotation, c, c->name, outer);
      scope_ = annotations;
      visit_all(c->type_params, c);
    }
    visit_all(c->bases, c);
    visit_all(c->keywords, c);
    bind(c->name, BindingKind::Class, c, nullptr, end_of(c), outer);
    ScopeId body = new_scope(ScopeKind::Class, c, c->name, annotations);
    m_.created_scopes_.add(m_.nodes_, c, body);
    scope_ = body;
    visit_all(c->body, c);
    scope_ = outer;
  }

  void visit_lambda(const py::Lambda* l) {
    ScopeId outer = scope_;
    const py::Arguments* args = l->args;
    if (args) {
      record(args, l, outer);
      visit_all(args->defaults, args);
      visit_all(args->kw_defaults, args);
    }
    ScopeId body = new_scope(ScopeKind::Lambda, l, {}, outer);
    m_.created_scopes_.add(m_.nodes_, l, body);
    scope_ = body;
    for_each_param(args, [&](const py::Arg* p) {
      record(p, args, body);
      bind(p->arg, BindingKind::Parameter, p, nullptr, start_of(l), body);
    });
    visit(l->body, l);
    scope_ = outer;
  }

  void visit_comprehension(const py::Node* comp, Span<py::Comprehension*> generators,
                           const py::Expr* first, const py::Expr* second) {
    ScopeId outer = scope_;
    // The first iterable is evaluated in the enclosing scope.
    if (!generators.empty() && generators[0]) visit(generators[0]->iter, generators[0]);
    ScopeId body = new_scope(ScopeKind::Comprehension, comp, {}, outer);
    m_.created_scopes_.add(m_.nodes_, comp, body);
    scope_ = body;
    for (std::size_t i = 0; i < generators.size(); ++i) {
      const py::Comprehension* g = generators[i];
      if (g == nullptr) continue;
      record(g, comp, body);
      visit_target(g->target, g, BindingKind::LoopTarget, nullptr, start_of(comp));
      if (i > 0) visit(g->iter, g);
      visit_all(g->ifs, g);
    }
    visit(first, comp);
    visit(second, comp);
    scope_ = outer;
  }

  void visit_type_alias(const py::TypeAlias* t) {
    ScopeId outer = scope_;
    visit_target(t->name, t, BindingKind::TypeAlias, nullptr, end_of(t));
    std::string_view name = tail_name(t->name);
    if (!t->type_params.empty()) {
      scope_ = new_scope(ScopeKind::Annotation, t, name, outer);
      visit_all(t->type_params, t);
    }
    // The value is evaluated lazily, in its own annotation scope.
    scope_ = new_scope(ScopeKind::Annotation, t, name, scope_);
    visit(t->value, t);
    scope_ = outer;
  }

  template <typename TryNode>
  void visit_try(const TryNode* t) {
    std::uint8_t saved = conditions_;
    if (try_catches_import_error(t)) conditions_ |= kImportInTryExcept;
    visit_all(t->body, t);
    visit_all(t->handlers, t);
    visit_all(t->orelse, t);
    conditions_ = saved;
    visit_all(t->finalbody, t);
  }

  ImportRecord new_import(const py::Stmt* s, const py::Alias* a) {
    ImportRecord r;
    r.statement = s;
    r.alias = a;
    r.lineno = a->lineno ? a->lineno : s->lineno;
    r.col_offset = a->lineno ? a->col_offset : s->col_offset;
    r.conditions = conditions_;
    r.scope = scope_;
    r.asname = a->asname;
    return r;
  }

  void add_import(ImportRecord r, BindingKind kind) {
    auto index = static_cast<std::uint32_t>(m_.imports_.size());
    if (!r.bound_name.empty()) {
      r.binding = bind(r.bound_name, kind, r.alias, nullptr, end_of(r.statement), scope_);
      m_.bindings_[r.binding].import_index = index;
    }
    m_.imports_.push_back(std::move(r));
  }

  void visit_import(const py::Import* s) {
    for (auto* a : s->names) {
      if (a == nullptr) continue;
      record(a, s);
      ImportRecord r = new_import(s, a);
      r.module = std::string(a->name);
      if (a->asname.data() != nullptr) {
        r.bound_name = a->asname;
        r.target = r.module;
      } else {
        // `import a.b.c` binds `a`, which refers to the top-level package.
        std::string_view top = a->name.substr(0, a->name.find('.'));
        r.bound_name = top;
        r.target = std::string(top);
      }
      add_import(std::move(r), BindingKind::Import);
    }
  }

  std::string absolute_module(int level, std::string_view module) const {
    if (level <= 0) return std::string(module);
    std::vector<std::string_view> parts;
    std::string_view name = m_.info_.name;
    while (!name.empty()) {
      std::size_t dot = name.find('.');
      parts.push_back(name.substr(0, dot));
      if (dot == std::string_view::npos) break;
      name.remove_prefix(dot + 1);
    }
    if (!m_.info_.is_package && !parts.empty()) parts.pop_back();  // the module's package
    bool resolvable = !parts.empty() && static_cast<std::size_t>(level - 1) < parts.size();
    if (!resolvable) return std::string(static_cast<std::size_t>(level), '.') + std::string(module);
    parts.resize(parts.size() - static_cast<std::size_t>(level - 1));
    std::string out;
    for (auto p : parts) {
      if (!out.empty()) out += '.';
      out += p;
    }
    if (!module.empty()) {
      out += '.';
      out += module;
    }
    return out;
  }

  void visit_import_from(const py::ImportFrom* s) {
    std::string module = absolute_module(s->level, s->module);
    for (auto* a : s->names) {
      if (a == nullptr) continue;
      record(a, s);
      ImportRecord r = new_import(s, a);
      r.module = module;
      r.raw_module = s->module;
      r.level = s->level;
      r.name = a->name;
      if (a->name == "*") {
        m_.has_star_import_ = true;
      } else {
        r.bound_name = a->asname.data() != nullptr ? a->asname : a->name;
        r.target = module;
        if (!module.empty() && module.back() != '.') r.target += '.';
        r.target += a->name;
      }
      add_import(std::move(r), BindingKind::FromImport);
    }
  }
};

// ---------------------------------------------------------------------------------------
// Symbol resolution: where each name used or bound in each scope lives.

SemanticModel::SemanticModel(const py::Module* module, ModuleInfo info)
    : module_(module), info_(std::move(info)) {
  prefix_ = info_.name.empty() ? std::string("<module>") : info_.name;
  if (module_ == nullptr) {
    // An empty model: one module scope, nothing bound.
    scopes_.push_back(Scope{ScopeKind::Module, kNone, nullptr, {}, {}, {}, {}});
    returns_begin_.assign(2, 0);
    home_begin_.assign(1, 0);
    return;
  }
  ModelBuilder builder(*this);
  builder.build(module_);
  resolve_symbols(builder.binding_symbols);
  finish_tables(builder.returns);
}

namespace {

// Lays `items` out by key (a counting sort that keeps their order within a key):
// out[begin[k] .. begin[k + 1]) are the values of key k. `key_count` keys.
template <typename T, typename KeyOf, typename ValueOf>
void group_by(std::size_t key_count, std::size_t item_count, KeyOf&& key_of, ValueOf&& value_of,
              std::vector<std::uint32_t>& begin, std::vector<T>& out) {
  begin.assign(key_count + 1, 0);
  for (std::size_t i = 0; i < item_count; ++i) {
    std::uint32_t k = key_of(i);
    if (k < key_count) ++begin[k + 1];
  }
  for (std::size_t k = 0; k < key_count; ++k) begin[k + 1] += begin[k];
  out.resize(begin[key_count]);
  std::vector<std::uint32_t> cursor(begin.begin(), begin.end() - 1);
  for (std::size_t i = 0; i < item_count; ++i) {
    std::uint32_t k = key_of(i);
    if (k < key_count) out[cursor[k]++] = value_of(i);
  }
}

template <typename T>
void shrink(std::vector<T>& v) {
  if (v.capacity() - v.size() > v.size() / 8) v.shrink_to_fit();
}

}  // namespace

void SemanticModel::finish_tables(const std::vector<std::pair<ScopeId, const py::Expr*>>& returns) {
  std::size_t scope_count = scopes_.size();
  std::vector<std::uint32_t> begin;
  group_by(scope_count, bindings_.size(), [&](std::size_t i) { return bindings_[i].scope; },
           [](std::size_t i) { return static_cast<BindingId>(i); }, begin, scope_bindings_);
  for (std::size_t i = 0; i < scope_count; ++i) {
    scopes_[i].bindings.data_ = scope_bindings_.data() + begin[i];
    scopes_[i].bindings.size_ = begin[i + 1] - begin[i];
  }
  group_by(scope_count, scope_count, [&](std::size_t i) { return scopes_[i].parent; },
           [](std::size_t i) { return static_cast<ScopeId>(i); }, begin, scope_children_);
  for (std::size_t i = 0; i < scope_count; ++i) {
    scopes_[i].children.data_ = scope_children_.data() + begin[i];
    scopes_[i].children.size_ = begin[i + 1] - begin[i];
  }
  group_by(scope_count, returns.size(), [&](std::size_t i) { return returns[i].first; },
           [&](std::size_t i) { return returns[i].second; }, returns_begin_, returns_);
  created_scopes_.finish();
  store_bindings_.finish();
  nodes_.shrink();
  shrink(scopes_);
  shrink(bindings_);
  shrink(visible_);
  shrink(imports_);
  shrink(symbols_);
  std::stable_sort(self_attrs_.begin(), self_attrs_.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  shrink(self_attrs_);
}

Span<const py::Expr* const> SemanticModel::returns_of(ScopeId scope) const {
  Span<const py::Expr* const> out;
  if (scope + 1 >= returns_begin_.size()) return out;
  out.data_ = returns_.data() + returns_begin_[scope];
  out.size_ = returns_begin_[scope + 1] - returns_begin_[scope];
  return out;
}

// Methods (and lambdas) directly in a class body see the implicit `__class__` cell that
// zero-argument super() uses.
bool SemanticModel::class_provides_cell(ScopeId cls, ScopeId child, std::string_view name) const {
  if (name != "__class__") return false;
  ScopeKind k = scopes_[child].kind;
  (void)cls;
  return k == ScopeKind::Function || k == ScopeKind::Lambda || k == ScopeKind::Annotation;
}

void SemanticModel::resolve_symbols(const std::vector<std::uint32_t>& binding_symbols) {
  enum : std::uint8_t { kTodo, kBusy, kDone };
  std::vector<std::uint8_t> state(symbols_.size(), kTodo);

  // Recursive with memo; `kBusy` breaks cycles of nonlocal/walrus redirections.
  auto home_of = [&](auto&& self, std::uint32_t idx) -> ScopeId {
    if (state[idx] == kDone) return symbols_[idx].home;
    if (state[idx] == kBusy) return kNone;
    state[idx] = kBusy;
    const Symbol sym = symbols_[idx];
    ScopeId home = kNone;
    auto find_in = [&](ScopeId scope) { return symbol_index(scope, sym.name); };
    if (sym.flags & kGlobal) {
      home = 0;
    } else if (sym.flags & kNonlocal) {
      ScopeId prev = sym.scope;
      for (ScopeId s = scopes_[prev].parent; s != kNone && s != 0; prev = s, s = scopes_[s].parent) {
        if (scopes_[s].kind == ScopeKind::Class) {
          if (!class_provides_cell(s, prev, sym.name)) continue;
          home = s;
          break;
        }
        std::uint32_t other = find_in(s);
        if (other != SymbolMap::kMissing &&
            (symbols_[other].flags & (kBound | kParam | kNonlocal | kWalrus))) {
          home = self(self, other);
          break;
        }
      }
    } else if ((sym.flags & kWalrus) && sym.walrus_home != kNone) {
      std::uint32_t other = find_in(sym.walrus_home);
      if (other != SymbolMap::kMissing) home = self(self, other);
    } else if (sym.flags & (kBound | kParam)) {
      home = sym.scope;
    } else if (sym.scope == 0) {
      home = (sym.flags & kGlobalElsewhere) ? 0 : kNone;
    } else {
      // A free name: the nearest enclosing scope that defines it. Class bodies are
      // visible only to their own annotation scopes (PEP 695).
      ScopeId prev = sym.scope;
      for (ScopeId s = scopes_[prev].parent; s != kNone; prev = s, s = scopes_[s].parent) {
        if (scopes_[s].kind == ScopeKind::Class) {
          if (class_provides_cell(s, prev, sym.name)) {
            home = s;
            break;
          }
          if (scopes_[prev].kind != ScopeKind::Annotation) continue;
        }
        std::uint32_t other = find_in(s);
        if (other == SymbolMap::kMissing) continue;
        std::uint8_t f = symbols_[other].flags;
        if (s == 0) {
          if (f & (kDefinesHere | kGlobalElsewhere)) home = 0;
          break;
        }
        if (f & kDefinesHere) {
          home = self(self, other);
          break;
        }
      }
    }
    symbols_[idx].home = home;
    state[idx] = kDone;
    return home;
  };
  for (std::uint32_t i = 0; i < symbols_.size(); ++i) home_of(home_of, i);

  // Bindings by home: grouped under the symbol (home, name), in source order, then sorted by
  // the position from which each is visible.
  constexpr std::uint32_t kNoList = 0xffffffffu;
  std::vector<std::uint32_t> list_of(bindings_.size(), kNoList);
  for (BindingId id = 0; id < bindings_.size(); ++id) {
    Binding& b = bindings_[id];
    std::uint32_t sym = binding_symbols[id];
    b.home = symbols_[sym].home;
    if (b.home == kNone || is_declaration(b.kind)) continue;
    std::uint32_t list = b.home == b.scope ? sym : symbol_index(b.home, b.name);
    if (list != SymbolMap::kMissing) {
      list_of[id] = list;
      continue;
    }
    // No symbol (home, name): only `nonlocal __class__` reaches a class that never names it.
    auto extra = std::find_if(extra_homes_.begin(), extra_homes_.end(), [&](const ExtraHome& e) {
      return e.home == b.home && e.name == b.name;
    });
    if (extra == extra_homes_.end()) {
      extra_homes_.push_back(ExtraHome{b.home, b.name, {}});
      extra = extra_homes_.end() - 1;
    }
    extra->ids.push_back(id);
  }
  group_by(symbols_.size(), bindings_.size(), [&](std::size_t i) { return list_of[i]; },
           [](std::size_t i) { return static_cast<BindingId>(i); }, home_begin_, home_ids_);
  auto by_visibility = [&](BindingId a, BindingId b) { return visible_[a] < visible_[b]; };
  for (std::size_t s = 0; s < symbols_.size(); ++s) {
    if (home_begin_[s + 1] - home_begin_[s] > 1) {
      std::stable_sort(home_ids_.begin() + home_begin_[s], home_ids_.begin() + home_begin_[s + 1],
                       by_visibility);
    }
  }
  for (ExtraHome& extra : extra_homes_) {
    std::stable_sort(extra.ids.begin(), extra.ids.end(), by_visibility);
  }
}

// ---------------------------------------------------------------------------------------
// Queries.

std::uint32_t SemanticModel::symbol_index(ScopeId scope, std::string_view name) const {
  return symbol_index(scope, name, symbol_hash(scope, name));
}

std::uint32_t SemanticModel::symbol_index(ScopeId scope, std::string_view name,
                                          std::uint32_t hash) const {
  return symbol_map_.find(hash, [&](std::uint32_t i) {
    return symbols_[i].scope == scope && same_name(symbols_[i].name, name);
  });
}

Span<const BindingId> SemanticModel::home_list(ScopeId home, std::string_view name) const {
  return home_list(home, name, symbol_index(home, name));
}

Span<const BindingId> SemanticModel::home_list(ScopeId home, std::string_view name, std::uint32_t sym) const {
  Span<const BindingId> out;
  if (sym != SymbolMap::kMissing) {
    out.data_ = home_ids_.data() + home_begin_[sym];
    out.size_ = home_begin_[sym + 1] - home_begin_[sym];
    return out;
  }
  for (const ExtraHome& extra : extra_homes_) {
    if (extra.home == home && extra.name == name) {
      out.data_ = extra.ids.data();
      out.size_ = static_cast<std::uint32_t>(extra.ids.size());
    }
  }
  return out;
}

ScopeId SemanticModel::scope_of(const py::Node* node) const {
  const NodeInfo* info = nodes_.find(node);
  return info ? info->scope : 0;
}

ScopeId SemanticModel::scope_created_by(const py::Node* node) const {
  const ScopeId* s = created_scopes_.find(nodes_, node);
  return s ? *s : kNone;
}

std::vector<BindingId> SemanticModel::bindings_of(ScopeId home, std::string_view name) const {
  Span<const BindingId> list = home_list(home, name);
  return std::vector<BindingId>(list.begin(), list.end());
}

ScopeId SemanticModel::lookup_scope(ScopeId scope, std::string_view name) const {
  if (scope >= scopes_.size()) return kNone;
  return lookup_scope(scope, name, symbol_index(scope, name));
}

ScopeId SemanticModel::lookup_scope(ScopeId scope, std::string_view name, std::uint32_t idx) const {
  if (idx != SymbolMap::kMissing) return symbols_[idx].home;
  // A name this scope never mentions: search outward as a free name would.
  if (scope == 0) return kNone;
  ScopeId prev = scope;
  for (ScopeId s = scopes_[prev].parent; s != kNone; prev = s, s = scopes_[s].parent) {
    if (scopes_[s].kind == ScopeKind::Class) {
      if (class_provides_cell(s, prev, name)) return s;
      if (scopes_[prev].kind != ScopeKind::Annotation) continue;
    }
    std::uint32_t other = symbol_index(s, name);
    if (other == SymbolMap::kMissing) continue;
    std::uint8_t f = symbols_[other].flags;
    if (s == 0) return (f & (kDefinesHere | kGlobalElsewhere)) ? 0 : kNone;
    if (f & kDefinesHere) return symbols_[other].home;
  }
  return kNone;
}

std::vector<SemanticModel::SymbolInfo> SemanticModel::symbols_in(ScopeId scope) const {
  std::vector<SymbolInfo> out;
  for (const Symbol& s : symbols_) {
    if (s.scope != scope) continue;
    out.push_back({s.name, s.home, (s.flags & (kBound | kWalrus)) != 0, (s.flags & kParam) != 0,
                   (s.flags & kGlobal) != 0, (s.flags & kNonlocal) != 0, (s.flags & kUsed) != 0});
  }
  return out;
}

BindingId SemanticModel::pick_binding(ScopeId home, std::string_view name, const py::Node* use,
                                      ScopeId use_scope) const {
  return pick_binding(home, home_list(home, name), use, use_scope);
}

BindingId SemanticModel::pick_binding(ScopeId home, Span<const BindingId> candidates, const py::Node* use,
                                      ScopeId use_scope) const {
  if (candidates.empty()) return kNone;
  Pos at = start_of(use);
  BindingId best = kNone;
  for (BindingId id : candidates) {
    if (visible_[id] <= at) best = id;
    else break;
  }
  if (best != kNone) return best;
  // Used before any binding in source order: within the same scope that is a loop or a
  // late definition; from a nested function it is a call that runs after the module body.
  return use_scope == home ? candidates[0] : candidates.back();
}

BindingId SemanticModel::binding_of(const py::Name* name) const {
  if (name == nullptr) return kNone;
  if (name->ctx != py::ExprContext::Load) {
    const BindingId* b = store_bindings_.find(nodes_, name);
    return b ? *b : kNone;
  }
  const NodeInfo* info = nodes_.find(name);
  if (info == nullptr) return kNone;
  ScopeId home = lookup_scope(info->scope, name->id);
  if (home == kNone) return kNone;
  return pick_binding(home, name->id, name, info->scope);
}

BindingId SemanticModel::lookup(std::string_view name, const py::Node* at) const {
  const NodeInfo* info = nodes_.find(at);
  if (info == nullptr) return kNone;
  ScopeId home = lookup_scope(info->scope, name);
  if (home == kNone) return kNone;
  return pick_binding(home, name, at, info->scope);
}

bool SemanticModel::is_builtin(const py::Name* name) const {
  if (name == nullptr || !is_builtin_name(name->id)) return false;
  const NodeInfo* info = nodes_.find(name);
  if (info == nullptr) return false;
  return lookup_scope(info->scope, name->id) == kNone;
}

// ---------------------------------------------------------------------------------------
// Name resolution. Paths are interned (a resolution is a pointer to a string made once), and
// what several questions share is resolved once: each binding's value, and each attribute
// `self.x` of a class. A kept result is reused only when the asking question's remaining
// budget would have let the same computation finish, and that question is then charged the
// steps it took: every answer is the one resolving from scratch gives, budgets included.

namespace resolution {

// A dotted path (null: unresolved); whether the value is an instance of what the path names;
// the body scope when the path is a class defined in this module (the path is then that
// class's local qualified name).
struct Resolved {
  const std::string* path = nullptr;
  ScopeId local_class = kNone;
  bool instance = false;
  bool empty() const { return path == nullptr; }
};

// One question's budget: kResolveSteps steps, kMaxResolveDepth deep. `deepest` and
// `exhausted` tell a memo whether a result it keeps was reached within the limits.
struct Budget {
  int steps = kResolveSteps;
  int deepest = 0;
  bool exhausted = false;
  bool enter(int depth) {
    if (depth > kMaxResolveDepth || --steps < 0) {
      exhausted = true;
      return false;
    }
    if (depth > deepest) deepest = depth;
    return true;
  }
};

// A kept result, with the steps it took and how far below its own depth it went.
struct Memo {
  // The kept Resolved, field by field: 16 bytes a binding (a model kept for the data flow
  // has one per binding), all zero when nothing is kept.
  const std::string* path;
  ScopeId local_class;
  bool instance;
  std::uint8_t depth_span;
  std::int16_t steps_used;  // 0: nothing kept (a kept computation took at least one step)
  Resolved value() const {
    Resolved r;
    r.path = path;
    r.local_class = local_class;
    r.instance = instance;
    return r;
  }
};
static_assert(sizeof(Memo) == 16);
static_assert(kResolveSteps <= 32767 && kMaxResolveDepth < 256);

struct AttributeMemo {
  ScopeId cls;
  bool instance;
  std::string_view name;
  Memo memo;
};

struct ChildPath {
  const std::string* parent;
  std::string_view segment;
  const std::string* path;
};

}  // namespace resolution

using resolution::Budget;
using resolution::Memo;
using resolution::Resolved;

struct SemanticModel::ResolveState {
  explicit ResolveState(const SemanticModel& m)
      : scope_paths(m.scopes_.size(), nullptr),
        binding_memos(m.bindings_.size()) {}
  // Every path made: a deque, so the addresses Resolved keeps stay put.
  std::deque<std::string> paths;
  // (parent path, attribute) -> "parent.attribute": attribute chains share their prefixes.
  std::vector<resolution::ChildPath> children;
  SymbolMap child_map;
  std::vector<const std::string*> scope_paths;    // per scope: its local qualified name
  std::vector<Memo> binding_memos;                // per binding: what its value resolves to
  // (class scope, instance or class, attribute name): what `self.name` resolves to.
  std::vector<resolution::AttributeMemo> attributes;
  SymbolMap attribute_map;
  // Per expression asked about: its answer (index into `answers`), by the expression's
  // number in nodes_ (kNone: not asked yet), or by address for one the table does not know.
  std::vector<std::uint32_t> answer_index;
  NodeMap<std::uint32_t> answers_elsewhere;
  std::vector<Resolved> answers;
};

SemanticModel::~SemanticModel() = default;
SemanticModel::SemanticModel(SemanticModel&&) noexcept = default;
SemanticModel& SemanticModel::operator=(SemanticModel&&) noexcept = default;

class Resolver {
 public:
  explicit Resolver(const SemanticModel& model) : m_(model), st_(state_of(model)) {}

  Resolved resolve(const py::Expr* expr, int depth, Budget& budget);
  // resolve() from the top with a fresh budget, memoised per expression: many rules ask
  // about the same call.
  const Resolved& answer(const py::Expr* expr);

 private:
  using State = SemanticModel::ResolveState;
  static State& state_of(const SemanticModel& m) {
    if (!m.resolve_state_) m.resolve_state_ = std::make_unique<State>(m);
    return *m.resolve_state_;
  }

  Resolved binding(BindingId id, int depth, Budget& budget) {
    return memoised([&]() -> Memo& { return st_.binding_memos[id]; }, depth, budget,
                    [&] { return binding_uncached(id, depth, budget); });
  }
  Resolved binding_uncached(BindingId id, int depth, Budget& budget);
  Resolved self_attribute(const py::Attribute* attr, const Resolved& base, int depth,
                          Budget& budget);
  Resolved self_attribute_uncached(const py::Attribute* attr, const Resolved& base, int depth,
                                   Budget& budget);

  // Runs `compute` (which resolves from `depth` on) unless `slot()` keeps its result and the
  // budget left would let it finish; keeps the result when no limit was reached.
  template <typename Slot, typename Compute>
  Resolved memoised(Slot&& slot, int depth, Budget& budget, Compute&& compute) {
    {
      const Memo& memo = slot();
      if (memo.steps_used > 0) {
        if (budget.steps >= memo.steps_used && depth + memo.depth_span <= kMaxResolveDepth) {
          budget.steps -= memo.steps_used;
          budget.deepest = std::max(budget.deepest, depth + memo.depth_span);
          return memo.value();
        }
        return compute();
      }
    }
    int outer_deepest = budget.deepest;
    bool outer_exhausted = budget.exhausted;
    int start = budget.steps;
    budget.deepest = depth;
    budget.exhausted = false;
    Resolved r = compute();
    if (!budget.exhausted) {
      Memo& memo = slot();  // looked up again: computing may have grown the table
      memo.path = r.path;
      memo.local_class = r.local_class;
      memo.instance = r.instance;
      memo.steps_used = static_cast<std::int16_t>(start - budget.steps);
      memo.depth_span = static_cast<std::uint8_t>(budget.deepest - depth);
    }
    budget.deepest = std::max(outer_deepest, budget.deepest);
    budget.exhausted = budget.exhausted || outer_exhausted;
    return r;
  }

  // "parent.segment", made once per (parent, segment).
  const std::string* child(const std::string* parent, std::string_view segment) {
    auto key = static_cast<std::uint32_t>(reinterpret_cast<std::uintptr_t>(parent) >> 4);
    std::uint32_t hash = symbol_hash(key, segment);
    std::uint32_t i = st_.child_map.find(hash, [&](std::uint32_t at) {
      const auto& c = st_.children[at];
      return c.parent == parent && same_name(c.segment, segment);
    });
    if (i != SymbolMap::kMissing) return st_.children[i].path;
    const std::string* path = &st_.paths.emplace_back(dotted(*parent, segment));
    st_.child_map.insert_new(hash, static_cast<std::uint32_t>(st_.children.size()));
    st_.children.push_back({parent, segment, path});
    return path;
  }

  // The local qualified name of a def's or class's body scope ("<prefix>.C.f").
  const std::string* scope_path(ScopeId scope) {
    const std::string*& slot = st_.scope_paths[scope];
    if (slot == nullptr) {
      const Scope& s = m_.scopes_[scope];
      if (!s.qualname.empty()) slot = &st_.paths.emplace_back(dotted(m_.prefix_, s.qualname));
      else if (!s.name.empty()) slot = &st_.paths.emplace_back(dotted(m_.prefix_, s.name));
      else slot = &st_.paths.emplace_back(m_.prefix_);
    }
    return slot;
  }

  // "builtins.<name>": the same for every model, made once for the process (read-only
  // after that, so models on several threads share it).
  static const std::string* builtin_path(std::size_t index) {
    static const std::vector<std::string> paths = [] {
      std::vector<std::string> out;
      out.reserve(builtin_count());
      for (std::size_t i = 0; i < builtin_count(); ++i) out.push_back(dotted("builtins", builtin_name(i)));
      return out;
    }();
    return &paths[index];
  }

  const SemanticModel& m_;
  State& st_;
};

Resolved Resolver::binding_uncached(BindingId id, int depth, Budget& budget) {
  if (!budget.enter(depth)) return {};
  const Binding& b = m_.bindings_[id];
  switch (b.kind) {
    case BindingKind::Import:
    case BindingKind::FromImport: {
      if (b.import_index == kNone) return {};
      const std::string& target = m_.imports_[b.import_index].target;  // the vector stays put
      Resolved r;
      if (!target.empty()) r.path = &target;
      return r;
    }
    case BindingKind::Function:
    case BindingKind::Class: {
      ScopeId created = m_.scope_created_by(b.node);
      if (created == kNone) return {};
      Resolved r;
      r.path = scope_path(created);
      if (b.kind == BindingKind::Class) r.local_class = created;
      return r;
    }
    case BindingKind::Assignment:
    case BindingKind::Walrus:
      return b.value ? resolve(b.value, depth + 1, budget) : Resolved{};
    case BindingKind::WithTarget:
      // `with open(p) as f`: most context managers return themselves from __enter__.
      return isa<py::Call>(b.value) ? resolve(b.value, depth + 1, budget) : Resolved{};
    case BindingKind::Parameter: {
      // The first parameter of a method is the instance (or the class).
      const Scope& fn = m_.scopes_[b.scope];
      if (auto* arg = dyn_cast<py::Arg>(b.node);
          arg && (isa<py::Name>(arg->annotation) || isa<py::Attribute>(arg->annotation))) {
        // `def view(db: Session)`: an instance of the annotated class.
        Resolved type = resolve(arg->annotation, depth + 1, budget);
        if (!type.empty() && !type.instance) {
          type.instance = true;
          return type;
        }
      }
      if (fn.kind != ScopeKind::Function || first_positional(def_args(fn.node)) != b.node) return {};
      ScopeId owner = fn.parent;
      while (owner != kNone && m_.scopes_[owner].kind == ScopeKind::Annotation) {
        owner = m_.scopes_[owner].parent;
      }
      if (owner == kNone || m_.scopes_[owner].kind != ScopeKind::Class) return {};
      bool on_class = def_name(fn.node) == "__new__" || def_name(fn.node) == "__init_subclass__";
      for (auto* d : def_decorators(fn.node)) {
        std::string_view n = tail_name(d);
        if (n == "staticmethod") return {};
        if (n == "classmethod") on_class = true;
      }
      Resolved r;
      r.path = scope_path(owner);
      r.instance = !on_class;
      r.local_class = owner;
      return r;
    }
    default:
      return {};
  }
}

// What `base.attr` resolves to when `base` is a class defined here or an instance of one. The
// result depends on the class, on instance-or-class and on the name only (a local class's
// path is its qualified name): kept per (class, instance, name).
Resolved Resolver::self_attribute(const py::Attribute* attr, const Resolved& base, int depth,
                                  Budget& budget) {
  std::string_view name = attr->attr;
  std::uint32_t key = base.local_class * 2 + (base.instance ? 1 : 0);
  std::uint32_t hash = symbol_hash(key, name);
  std::uint32_t index = st_.attribute_map.find(hash, [&](std::uint32_t at) {
    const auto& a = st_.attributes[at];
    return a.cls == base.local_class && a.instance == base.instance && same_name(a.name, name);
  });
  if (index == SymbolMap::kMissing) {
    index = static_cast<std::uint32_t>(st_.attributes.size());
    st_.attributes.push_back({base.local_class, base.instance, name, Memo{}});
    st_.attribute_map.insert_new(hash, index);
  }
  return memoised([&]() -> Memo& { return st_.attributes[index].memo; }, depth, budget,
                  [&] { return self_attribute_uncached(attr, base, depth, budget); });
}

Resolved Resolver::self_attribute_uncached(const py::Attribute* attr, const Resolved& base,
                                           int depth, Budget& budget) {
  if (!budget.enter(depth)) return {};
  ScopeId cls = base.local_class;
  std::string_view name = attr->attr;
  if (base.instance) {
    // The last assignment of the attribute in the class's methods.
    auto key = std::make_pair(cls, name);
    auto last = std::upper_bound(m_.self_attrs_.begin(), m_.self_attrs_.end(), key,
                                 [](const auto& k, const auto& entry) { return k < entry.first; });
    if (last != m_.self_attrs_.begin() && std::prev(last)->first == key) {
      Resolved r = resolve(std::prev(last)->second, depth + 1, budget);
      if (!r.empty()) return r;
    }
  }
  Span<const BindingId> list = m_.home_list(cls, name);
  if (!list.empty()) {
    const Binding& b = m_.bindings_[list.back()];
    if (b.kind == BindingKind::Assignment && b.value) {
      Resolved r = resolve(b.value, depth + 1, budget);
      if (!r.empty()) return r;
    }
    return {child(base.path, name)};
  }
  // Not defined in the class body: inherited from the first base that resolves.
  if (auto* c = dyn_cast<py::ClassDef>(m_.scopes_[cls].node)) {
    for (auto* base_expr : c->bases) {
      Resolved rb = resolve(base_expr, depth + 1, budget);
      if (rb.empty() || rb.instance || *rb.path == "builtins.object") continue;
      if (rb.local_class != kNone) {
        Resolved inherited = rb;
        inherited.instance = base.instance;
        Resolved r = self_attribute(attr, inherited, depth + 1, budget);
        if (!r.empty()) return r;
        continue;
      }
      return {child(rb.path, name)};
    }
  }
  return {child(base.path, name)};
}

Resolved Resolver::resolve(const py::Expr* expr, int depth, Budget& budget) {
  if (expr == nullptr || !budget.enter(depth)) return {};
  switch (expr->kind) {
    case py::NodeKind::Name: {
      auto* n = cast<py::Name>(expr);
      BindingId b = kNone;
      if (n->ctx == py::ExprContext::Load) {
        // binding_of and is_builtin in one lookup of where the name lives.
        const SemanticModel::NodeInfo* info = m_.nodes_.find(n);
        if (info == nullptr) return {};
        // The symbol of the name in the scope that reads it; where the name lives in that
        // same scope (most names), its bindings are found from it without a second look-up.
        std::uint32_t sym = SymbolMap::kMissing;
        ScopeId home = kNone;
        if (info->scope < m_.scopes_.size()) {
          sym = m_.symbol_index(info->scope, n->id);
          home = m_.lookup_scope(info->scope, n->id, sym);
        }
        if (home == kNone) {
          int builtin = builtin_index(n->id);
          if (builtin < 0) return {};
          return {builtin_path(static_cast<std::size_t>(builtin))};
        }
        b = sym != SymbolMap::kMissing && home == info->scope
                ? m_.pick_binding(home, m_.home_list(home, n->id, sym), n, info->scope)
                : m_.pick_binding(home, n->id, n, info->scope);
      } else {
        b = m_.binding_of(n);
      }
      if (b == kNone) return {};
      Resolved r = binding(b, depth + 1, budget);
      if (!r.empty()) return r;
      // `try: import x / except ImportError: x = None`: the None is a fallback, not what
      // the name is used as; look at the other bindings of the name.
      const Binding& picked = m_.bindings_[b];
      auto* none = dyn_cast<py::Constant>(picked.value);
      if (picked.kind == BindingKind::Assignment && none &&
          none->value.kind == py::ConstantKind::None && picked.home != kNone) {
        Span<const BindingId> all = m_.home_list(picked.home, n->id);
        for (std::size_t i = all.size(); i-- > 0;) {
          if (all[i] == b) continue;
          Resolved other = binding(all[i], depth + 1, budget);
          if (!other.empty()) return other;
        }
      }
      return {};
    }
    case py::NodeKind::Attribute: {
      auto* a = cast<py::Attribute>(expr);
      Resolved base = resolve(a->value, depth + 1, budget);
      if (base.empty()) return {};
      if (base.local_class != kNone) return self_attribute(a, base, depth + 1, budget);
      return {child(base.path, a->attr)};
    }
    case py::NodeKind::Call: {
      auto* c = cast<py::Call>(expr);
      Resolved f = resolve(c->func, depth + 1, budget);
      if (f.empty() || f.instance) return {};
      // A factory defined here (`def create_app(): return Flask(...)`): what it returns. A
      // def resolves to its local qualified name, which starts with the module prefix (and
      // is no class): other calls (builtins, imports) skip the second look-up of the name.
      auto* fn = dyn_cast<py::Name>(c->func);
      if (fn && f.local_class == kNone && std::string_view(*f.path).starts_with(m_.prefix_)) {
        BindingId b = m_.binding_of(fn);
        if (b != kNone && m_.bindings_[b].kind == BindingKind::Function) {
          ScopeId body = m_.scope_created_by(m_.bindings_[b].node);
          Span<const py::Expr* const> returns =
              body != kNone ? m_.returns_of(body) : Span<const py::Expr* const>{};
          if (!returns.empty()) {
            Resolved common;
            bool agree = true;
            for (const py::Expr* value : returns) {
              Resolved r = resolve(value, depth + 1, budget);
              if (r.empty() || !r.instance) {
                agree = false;
                break;
              }
              if (common.empty()) common = r;
              else if (common.path != r.path && *common.path != *r.path) agree = false;
            }
            if (agree && !common.empty()) return common;
          }
        }
      }
      Resolved r;
      r.path = f.path;
      r.instance = true;
      r.local_class = f.local_class;
      return r;
    }
    default:
      return {};
  }
}

const Resolved& Resolver::answer(const py::Expr* expr) {
  using Table = decltype(m_.nodes_);
  std::uint32_t number = m_.nodes_.number_of(expr);
  if (number != Table::kNoNumber) {
    if (number < st_.answer_index.size() && st_.answer_index[number] != kNone) {
      return st_.answers[st_.answer_index[number]];
    }
  } else if (const std::uint32_t* index = st_.answers_elsewhere.find(expr)) {
    return st_.answers[*index];
  }
  Budget budget;
  Resolved r = resolve(expr, 0, budget);
  auto index = static_cast<std::uint32_t>(st_.answers.size());
  if (number != Table::kNoNumber) {
    // One slot per numbered node, made on the first question (rules ask about most calls).
    if (st_.answer_index.empty()) st_.answer_index.assign(m_.nodes_.size(), kNone);
    if (number >= st_.answer_index.size()) st_.answer_index.resize(number + 1, kNone);
    st_.answer_index[number] = index;
  } else {
    st_.answers_elsewhere.set(expr, index);
  }
  st_.answers.push_back(r);
  return st_.answers.back();
}

void SemanticModel::release_memo() const { resolve_state_.reset(); }

const std::string& SemanticModel::qualified_name_ref(const py::Expr* expr) const {
  static const std::string kEmpty;
  if (auto* call = dyn_cast<py::Call>(expr)) expr = call->func;
  if (expr == nullptr) return kEmpty;
  const Resolved& r = Resolver(*this).answer(expr);
  return r.instance || r.empty() ? kEmpty : *r.path;
}

std::string SemanticModel::qualified_name(const py::Expr* expr) const {
  return qualified_name_ref(expr);
}

std::string SemanticModel::call_qualified_name(const py::Call* call) const {
  return call ? qualified_name(call->func) : std::string();
}

std::string SemanticModel::instance_of(const py::Expr* expr) const {
  if (expr == nullptr) return {};
  const Resolved& r = Resolver(*this).answer(expr);
  return r.instance && !r.empty() ? *r.path : std::string();
}

bool SemanticModel::matches(const py::Expr* expr, const QualifiedNameSet& names) const {
  if (names.empty() || expr == nullptr) return false;
  return names.contains(qualified_name_ref(expr));  // no copy of the memoised name
}

bool SemanticModel::call_matches(const py::Call* call, const QualifiedNameSet& names) const {
  return call != nullptr && matches(call->func, names);
}

bool SemanticModel::is(const py::Expr* expr, std::string_view qualified) const {
  return !qualified.empty() && qualified_name_ref(expr) == qualified;
}

std::optional<py::ConstantValue> SemanticModel::constant_value(const py::Expr* expr) const {
  Budget budget;
  for (int depth = 0; expr != nullptr && depth <= kMaxResolveDepth; ++depth) {
    if (auto* c = dyn_cast<py::Constant>(expr)) return c->value;
    Span<const BindingId> list;
    if (auto* n = dyn_cast<py::Name>(expr)) {
      BindingId b = binding_of(n);
      if (b == kNone || bindings_[b].home == kNone) return std::nullopt;
      list = home_list(bindings_[b].home, n->id);
    } else if (auto* a = dyn_cast<py::Attribute>(expr)) {
      // `Config.DEBUG` for a class defined in this module.
      Resolved base = Resolver(*this).resolve(a->value, 0, budget);
      if (base.local_class == kNone || base.instance) return std::nullopt;
      list = home_list(base.local_class, a->attr);
    }
    if (list.size() != 1) return std::nullopt;
    const Binding& only = bindings_[list[0]];
    if (only.kind != BindingKind::Assignment || only.value == nullptr) return std::nullopt;
    expr = only.value;
  }
  return std::nullopt;
}

const py::Node* SemanticModel::parent(const py::Node* node) const {
  const NodeInfo* info = nodes_.find(node);
  if (info == nullptr || info->parent == kNone) return nullptr;
  if (info->parent == kParentElsewhere) {
    const py::Node* const* p = parent_overflow_.find(node);
    return p ? *p : nullptr;
  }
  return static_cast<const py::Node*>(nodes_.key_at(info->parent));
}

const py::Stmt* SemanticModel::enclosing_statement(const py::Node* node) const {
  for (const py::Node* n = node; n != nullptr; n = parent(n)) {
    if (isa<py::Stmt>(n)) return cast<py::Stmt>(n);
  }
  return nullptr;
}

const py::Node* SemanticModel::enclosing_function(const py::Node* node) const {
  if (nodes_.find(node) == nullptr) return nullptr;
  for (ScopeId s = scope_of(node); s != kNone; s = scopes_[s].parent) {
    ScopeKind k = scopes_[s].kind;
    if (k == ScopeKind::Function || k == ScopeKind::Lambda) return scopes_[s].node;
  }
  return nullptr;
}

const py::ClassDef* SemanticModel::enclosing_class(const py::Node* node) const {
  if (nodes_.find(node) == nullptr) return nullptr;
  for (ScopeId s = scope_of(node); s != kNone; s = scopes_[s].parent) {
    if (scopes_[s].kind == ScopeKind::Class) return cast<py::ClassDef>(scopes_[s].node);
  }
  return nullptr;
}

}  // namespace aegis::sem
