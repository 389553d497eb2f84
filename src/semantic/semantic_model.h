// The semantic index of one module: scopes, bindings, imports, node parents and the
// resolution of names to qualified (dotted) names. Built in one walk over the AST;
// every security rule asks its questions here instead of matching text.
//
//   SemanticModel model(parsed->module, {"app.views", /*is_package=*/false});
//   if (model.call_matches(call, shell_sinks)) ...     // subprocess.run via any alias
//   model.qualified_name(expr)  // "flask.Flask.run" for app.run after app = Flask(...)
//
// The model views into the AST: the ParsedModule must outlive it.
#pragma once
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "python/ast.h"
#include "semantic/node_map.h"
#include "semantic/qualified_name_set.h"

namespace aegis::sem {

using ScopeId = std::uint32_t;
using BindingId = std::uint32_t;
inline constexpr std::uint32_t kNone = 0xffffffffu;

enum class ScopeKind : std::uint8_t {
  Module,
  Class,
  Function,       // def and async def
  Lambda,
  Comprehension,  // list/set/dict comprehension and generator expression
  Annotation,     // PEP 695 type-parameter scope, and the lazy value of `type X = ...`
};
const char* to_string(ScopeKind kind);

enum class BindingKind : std::uint8_t {
  Import,          // import a.b [as c]
  FromImport,      // from m import n [as c]
  Assignment,      // x = ..., x: T = ..., chained and unpacking targets
  AugAssignment,   // x += ...
  Annotation,      // x: T (no value)
  Parameter,       // def/lambda parameters
  Function,        // def / async def
  Class,           // class
  LoopTarget,      // for x in ... (statement and comprehension)
  WithTarget,      // with ... as x
  ExceptHandler,   // except E as x
  Walrus,          // (x := ...)
  MatchCapture,    // case x / case [*x] / case {**x} / case P() as x
  Global,          // global x (a declaration, not a value)
  Nonlocal,        // nonlocal x (a declaration, not a value)
  TypeParam,       // def f[T], class C[T], type X[T]
  TypeAlias,       // type X = ...
  Deletion,        // del x (unbinds; makes x local like an assignment)
};
const char* to_string(BindingKind kind);

// Why an import may not run on every execution of the module.
enum ImportCondition : std::uint8_t {
  kImportUnconditional = 0,
  kImportInTryExcept = 1 << 0,    // try body or handler of a try that catches ImportError
  kImportTypeChecking = 1 << 1,   // under `if TYPE_CHECKING:` (never at run time)
  kImportInFunction = 1 << 2,     // inside a function/lambda body (runs when called)
  kImportInIf = 1 << 3,           // under another if/else (platform or version checks)
};

struct Scope {
  ScopeKind kind;
  ScopeId parent = kNone;          // kNone for the module
  const py::Node* node = nullptr;  // Module, FunctionDef, ClassDef, Lambda, *Comp, or the
                                   // def/class/TypeAlias that owns an annotation scope
  std::string_view name;           // def/class name; empty for module/lambda/comprehension
  std::string qualname;            // Python's __qualname__ of the def/class ("C.f.<locals>.g")
  Span<const BindingId> bindings;  // bindings made by code in this scope, in source order
  Span<const ScopeId> children;    // (both view arrays the model owns)
};

struct Binding {
  std::string_view name;
  BindingKind kind;
  ScopeId scope;                   // the scope whose code makes the binding
  ScopeId home;                    // the scope where the variable lives (differs for global,
                                   // nonlocal and walrus in comprehensions)
  std::uint32_t import_index = kNone;   // index into imports() for import bindings
  const py::Node* node = nullptr;  // Name target, Alias, FunctionDef, ClassDef, Arg,
                                   // ExceptHandler, Match*, TypeParam, Global/Nonlocal stmt
  const py::Stmt* statement = nullptr;  // the statement containing `node` (null for
                                        // parameters of lambdas in module-level expressions)
  const py::Expr* value = nullptr;      // the value bound when the target is a plain name
                                        // (Assign/AnnAssign/walrus), else null
  int lineno = 0;
  int col_offset = 0;
};

struct ImportRecord {
  const py::Stmt* statement = nullptr;  // Import or ImportFrom
  const py::Alias* alias = nullptr;
  std::string module;           // absolute module: "a.b" for `import a.b`, "pkg.x" for
                                // `from .x import y` in pkg/mod.py ("." prefixes are kept
                                // when the relative import climbs above the known package)
  std::string_view raw_module;  // the module text as written (ImportFrom.module), may be empty
  std::string_view name;        // the imported name of a from-import ("y", "*"); empty for import
  std::string_view asname;      // empty when there is no `as`
  std::string_view bound_name;  // the name bound locally ("a" for `import a.b`); empty for *
  std::string target;           // dotted name the bound name refers to ("a" for `import a.b`,
                                // "a.b" for `import a.b as c`, "m.y" for `from m import y`)
  int level = 0;
  int lineno = 0;
  int col_offset = 0;
  std::uint8_t conditions = kImportUnconditional;  // ImportCondition bits
  ScopeId scope = 0;
  BindingId binding = kNone;
  bool is_from() const { return statement && statement->kind == py::NodeKind::ImportFrom; }
  bool conditional() const { return conditions != kImportUnconditional; }
};

struct ModuleInfo {
  std::string name;         // dotted module name ("app.views"); empty when unknown
  bool is_package = false;  // the file is a package's __init__.py
};

class SemanticModel {
 public:
  SemanticModel(const py::Module* module, ModuleInfo info = {});
  SemanticModel(const SemanticModel&) = delete;
  SemanticModel& operator=(const SemanticModel&) = delete;
  SemanticModel(SemanticModel&&) noexcept;
  SemanticModel& operator=(SemanticModel&&) noexcept;
  ~SemanticModel();

  const ModuleInfo& module_info() const { return info_; }
  const py::Module* module() const { return module_; }
  // The prefix of local definitions: the module name, or "<module>" when unknown.
  std::string_view module_prefix() const { return prefix_; }

  // --- Scopes and bindings
  const std::vector<Scope>& scopes() const { return scopes_; }
  const Scope& scope(ScopeId id) const { return scopes_[id]; }
  const std::vector<Binding>& bindings() const { return bindings_; }
  const Binding& binding(BindingId id) const { return bindings_[id]; }
  // The scope a node's code runs in (for a def: the scope that binds its name).
  ScopeId scope_of(const py::Node* node) const;
  // The scope a def/class/lambda/comprehension creates (its body scope); kNone otherwise.
  ScopeId scope_created_by(const py::Node* node) const;
  // The bindings of `name` that live in scope `home`, in source order (declarations
  // excluded).
  std::vector<BindingId> bindings_of(ScopeId home, std::string_view name) const;
  // The binding a Name (any context) refers to, per Python's scoping rules and, within the
  // scope that holds the variable, the last binding before the use in source order.
  // kNone for builtins and unresolved names.
  BindingId binding_of(const py::Name* name) const;
  // The binding `name` would refer to if it were read at node `at` (same rules as
  // binding_of); kNone for builtins and unbound names.
  BindingId lookup(std::string_view name, const py::Node* at) const;
  // Where a name used in `scope` lives: its home scope, or kNone when it is not bound
  // in any visible scope (a builtin, a star-import, or undefined).
  ScopeId lookup_scope(ScopeId scope, std::string_view name) const;
  // Every name a scope mentions (binds, declares or reads) and where it lives.
  struct SymbolInfo {
    std::string_view name;
    ScopeId home;  // kNone: not bound in any visible scope (builtin, star-import, undefined)
    bool bound, parameter, declared_global, declared_nonlocal, used;
  };
  std::vector<SymbolInfo> symbols_in(ScopeId scope) const;
  // True when the Name refers to the builtin of that name (not bound anywhere visible).
  bool is_builtin(const py::Name* name) const;

  // --- Imports
  const std::vector<ImportRecord>& imports() const { return imports_; }
  bool has_star_import() const { return has_star_import_; }

  // --- Qualified names
  // Resolves a Name, an Attribute chain or a Call to a dotted name: through imports and
  // aliases (`c = subprocess`), builtins ("builtins.eval"), local defs and classes
  // ("<module>.f"), and instances (`app = Flask(...)` makes `app.run` "flask.Flask.run").
  // Empty when it cannot be resolved. A Call resolves to what it calls.
  std::string qualified_name(const py::Expr* expr) const;
  std::string call_qualified_name(const py::Call* call) const;
  // The same, by reference to the memoised resolution (valid as long as the model): for
  // hot paths that ask about every call.
  const std::string& qualified_name_ref(const py::Expr* expr) const;
  // Forgets the memoised resolutions (they are made again on demand): a model kept for the
  // analyses across modules holds only what those ask for. Invalidates references
  // qualified_name_ref returned before.
  void release_memo() const;
  // The class (or callable) an expression is an instance of: "flask.Flask" for `app` after
  // `app = Flask(__name__)`, or for `Flask(__name__)` itself. Empty when unknown.
  std::string instance_of(const py::Expr* expr) const;
  bool matches(const py::Expr* expr, const QualifiedNameSet& names) const;
  bool call_matches(const py::Call* call, const QualifiedNameSet& names) const;
  // Whether `expr` names exactly `qualified` ("os.system").
  bool is(const py::Expr* expr, std::string_view qualified) const;

  // --- Constants
  // The literal value of a Constant, or of a name bound exactly once in its home scope
  // (typically module-level `DEBUG = True`) to a literal or to another such name.
  std::optional<py::ConstantValue> constant_value(const py::Expr* expr) const;

  // --- Parents
  const py::Node* parent(const py::Node* node) const;
  const py::Stmt* enclosing_statement(const py::Node* node) const;  // itself if a statement
  const py::Node* enclosing_function(const py::Node* node) const;   // def/async def/lambda
  const py::ClassDef* enclosing_class(const py::Node* node) const;  // nearest class body

  // True when the walk stopped descending somewhere because the tree was deeper than the
  // model's limit (only pathological input): results for that subtree are missing.
  bool truncated() const { return truncated_; }

 private:
  friend class ModelBuilder;
  friend class Resolver;  // name resolution (semantic_model.cpp)
  // The parent is kept as its number in nodes_ (kNone for the module): 16-byte entries.
  struct NodeInfo {
    std::uint32_t parent = kNone;
    ScopeId scope = 0;
  };
  static constexpr std::uint32_t kParentElsewhere = 0xfffffffeu;  // in parent_overflow_
  struct Symbol {
    std::string_view name;
    ScopeId scope;
    ScopeId home = kNone;         // resolved after the walk
    ScopeId walrus_home = kNone;  // the scope a comprehension walrus binds in
    std::uint8_t flags = 0;
  };
  // Bindings of a (home, name) that has no symbol (only `nonlocal __class__`).
  struct ExtraHome {
    ScopeId home;
    std::string_view name;
    std::vector<BindingId> ids;
  };
  std::uint32_t symbol_index(ScopeId scope, std::string_view name) const;
  std::uint32_t symbol_index(ScopeId scope, std::string_view name, std::uint32_t hash) const;
  // The bindings living in `home` under `name`, sorted by visibility.
  Span<const BindingId> home_list(ScopeId home, std::string_view name) const;
  // The same from the symbol of (home, name) when the caller has it (kMissing: none).
  Span<const BindingId> home_list(ScopeId home, std::string_view name, std::uint32_t sym) const;
  BindingId pick_binding(ScopeId home, std::string_view name, const py::Node* use,
                         ScopeId use_scope) const;
  BindingId pick_binding(ScopeId home, Span<const BindingId> candidates, const py::Node* use,
                         ScopeId use_scope) const;
  // lookup_scope from the symbol of (scope, name) (kMissing: the scope does not mention it).
  ScopeId lookup_scope(ScopeId scope, std::string_view name, std::uint32_t idx) const;
  // `binding_symbols`: per binding, its symbol (scope, name).
  void resolve_symbols(const std::vector<std::uint32_t>& binding_symbols);
  // Lays out the per-scope arrays (Scope::bindings, children, returns) once the walk is done.
  void finish_tables(const std::vector<std::pair<ScopeId, const py::Expr*>>& returns);
  Span<const py::Expr* const> returns_of(ScopeId scope) const;
  bool class_provides_cell(ScopeId cls, ScopeId child, std::string_view name) const;

  const py::Module* module_;
  ModuleInfo info_;
  std::string prefix_;
  std::vector<Scope> scopes_;
  std::vector<Binding> bindings_;
  std::vector<ImportRecord> imports_;
  std::vector<Symbol> symbols_;
  SymbolMap symbol_map_;                    // (scope, name) -> index in symbols_
  std::vector<std::pair<int, int>> visible_;  // per binding: position from which it is visible
  // The bindings living in each symbol's scope under its name, sorted by visibility:
  // home_ids_[home_begin_[s] .. home_begin_[s + 1]) for symbol s.
  std::vector<std::uint32_t> home_begin_;
  std::vector<BindingId> home_ids_;
  std::vector<ExtraHome> extra_homes_;
  std::vector<BindingId> scope_bindings_;   // what Scope::bindings views, by scope
  std::vector<ScopeId> scope_children_;     // what Scope::children views, by parent
  // Per function scope: the values of its `return` statements (for factories):
  // returns_[returns_begin_[s] .. returns_begin_[s + 1]).
  std::vector<std::uint32_t> returns_begin_;
  std::vector<const py::Expr*> returns_;
  NodeTable<NodeInfo> nodes_;               // every node: parent and scope
  NodeMap<const py::Node*> parent_overflow_;  // parents without a number (past 2^24 nodes)
  SparseNodeMap<ScopeId> created_scopes_;   // def/class/lambda/comp -> scope it creates
  SparseNodeMap<BindingId> store_bindings_;  // binding node (Name target etc.) -> binding
  // `self.attr = value` in methods: (class scope, attr) -> value, for instance attributes.
  // Sorted by (class scope, attr) once built, in source order within a key.
  std::vector<std::pair<std::pair<ScopeId, std::string_view>, const py::Expr*>> self_attrs_;
  bool has_star_import_ = false;
  bool truncated_ = false;
  // What name resolution keeps between questions: interned paths, the memo per expression,
  // per binding and per class attribute. Made on the first question; see Resolver.
  struct ResolveState;
  mutable std::unique_ptr<ResolveState> resolve_state_;
};

}  // namespace aegis::sem
