// What the process-starting rules (INJ006-INJ010) share: the functions that start
// processes, where their program and arguments are, and whether an argument vector is
// fixed in the source or assembled at run time.
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "python/ast_visit.h"
#include "rules/rule.h"

namespace aegis::rules::process {

// The subprocess functions that take an argument vector (or a shell command with shell=True).
inline const sem::QualifiedNameSet& subprocess_functions() {
  static const sem::QualifiedNameSet kSet{"subprocess.Popen", "subprocess.call",
                                          "subprocess.check_call", "subprocess.check_output",
                                          "subprocess.run"};
  return kSet;
}

// Whether a call passes shell= with a value that is (or may be) true: such calls belong to
// the shell rules, not to the argument-vector rules.
inline bool shell_may_be_true(const RuleContext& ctx, const py::Call& call) {
  const py::Keyword* shell = keyword(call, "shell");
  if (!shell) return false;
  auto value = constant(ctx, shell->value);
  if (!value) return true;
  switch (value->kind) {
    case py::ConstantKind::True: return true;
    case py::ConstantKind::Int: return value->text != "0";
    case py::ConstantKind::Str: case py::ConstantKind::Bytes: return !value->text.empty();
    default: return false;
  }
}

// How an os.exec*/os.spawn*/os.posix_spawn* function takes its program and arguments.
struct ExecSignature {
  std::string_view name;
  int program = 0;        // position of the program (path or file)
  bool vector = false;    // 'v' form: one argv sequence after the program; 'l' form: the rest
  bool environment = false;  // 'e' form: the last positional argument is the environment
  bool searches_path = false;  // 'p' form: a bare name is looked up in PATH
};

inline const std::vector<ExecSignature>& exec_signatures() {
  static const std::vector<ExecSignature> kTable{
      {"os.execl", 0, false, false, false},   {"os.execle", 0, false, true, false},
      {"os.execlp", 0, false, false, true},   {"os.execlpe", 0, false, true, true},
      {"os.execv", 0, true, false, false},    {"os.execve", 0, true, true, false},
      {"os.execvp", 0, true, false, true},    {"os.execvpe", 0, true, true, true},
      {"os.spawnl", 1, false, false, false},  {"os.spawnle", 1, false, true, false},
      {"os.spawnlp", 1, false, false, true},  {"os.spawnlpe", 1, false, true, true},
      {"os.spawnv", 1, true, false, false},   {"os.spawnve", 1, true, true, false},
      {"os.spawnvp", 1, true, false, true},   {"os.spawnvpe", 1, true, true, true},
      {"os.posix_spawn", 0, true, true, false}, {"os.posix_spawnp", 0, true, true, true},
  };
  return kTable;
}

inline const ExecSignature* exec_signature(std::string_view qualified) {
  for (const ExecSignature& s : exec_signatures()) {
    if (s.name == qualified) return &s;
  }
  return nullptr;
}

// The program and the argument expressions of an os.exec*/spawn* call (environment and
// mode excluded). `arguments` holds one argv sequence for 'v' forms.
struct ExecCall {
  const py::Expr* program = nullptr;
  std::vector<const py::Expr*> arguments;
};

inline ExecCall exec_call(const py::Call& call, const ExecSignature& sig) {
  ExecCall out;
  out.program = argument(call, sig.searches_path ? "file" : "path", sig.program);
  if (sig.name.starts_with("os.posix_spawn")) {
    if (const py::Expr* argv = argument(call, "argv", 1)) out.arguments.push_back(argv);
    return out;
  }
  std::size_t end = call.args.size();
  if (sig.environment && end > static_cast<std::size_t>(sig.program) + 1) --end;
  for (std::size_t i = static_cast<std::size_t>(sig.program) + 1; i < end; ++i) {
    out.arguments.push_back(call.args[i]);
    if (sig.vector) break;
  }
  return out;
}

// The value a name holds when it is assigned exactly once in its scope (`CMD = [...]`),
// followed through chains of such names; the expression itself otherwise.
inline const py::Expr* single_value(const RuleContext& ctx, const py::Expr* expr) {
  const sem::SemanticModel& model = ctx.model();
  for (int depth = 0; depth < 8 && expr; ++depth) {
    const auto* name = as<py::Name>(expr);
    if (!name) return expr;
    sem::BindingId id = model.binding_of(name);
    if (id == sem::kNone || model.binding(id).home == sem::kNone) return expr;
    std::vector<sem::BindingId> all = model.bindings_of(model.binding(id).home, name->id);
    if (all.size() != 1) return expr;
    const sem::Binding& only = model.binding(all.front());
    if (only.kind != sem::BindingKind::Assignment || !only.value) return expr;
    expr = only.value;
  }
  return expr;
}

// Whether the module changes a list held by `name` in place (append, extend, insert, item
// assignment, +=): a list literal bound once can still grow variable elements.
inline bool mutated_in_module(const RuleContext& ctx, std::string_view name) {
  static constexpr std::string_view kMutators[] = {"append", "extend", "insert", "__setitem__",
                                                   "__iadd__"};
  bool mutated = false;
  std::vector<py::Node*> stack{const_cast<py::Module*>(&ctx.module())};
  while (!stack.empty() && !mutated) {
    py::Node* node = stack.back();
    stack.pop_back();
    if (const auto* attr = as<py::Attribute>(node)) {
      const auto* base = as<py::Name>(attr->value);
      if (base && base->id == name) {
        for (std::string_view m : kMutators) mutated = mutated || attr->attr == m;
      }
    } else if (const auto* sub = as<py::Subscript>(node)) {
      const auto* base = as<py::Name>(sub->value);
      if (base && base->id == name && sub->ctx != py::ExprContext::Load) mutated = true;
    }
    py::for_each_child(node, [&](py::Node* child) { stack.push_back(child); });
  }
  return mutated;
}

// Values that are not constants but are not chosen by a user either.
inline bool trusted_value(const RuleContext& ctx, const py::Expr* expr) {
  static const sem::QualifiedNameSet kTrusted{"sys.executable", "os.devnull", "os.curdir",
                                              "os.pardir", "os.sep"};
  return kTrusted.contains(ctx.model().qualified_name_ref(expr));
}

// One element of an argument vector: constant, trusted, or text built only from those
// (`sys.executable + " -c pass"`, `f"--jobs={JOBS}"`).
inline bool fixed_element(const RuleContext& ctx, const py::Expr* expr, int depth = 0) {
  if (!expr || depth > 32) return false;
  if (constant(ctx, expr) || trusted_value(ctx, expr)) return true;
  if (const auto* bin = as<py::BinOp>(expr)) {
    if (bin->op != py::Operator::Add && bin->op != py::Operator::Mod) return false;
    if (const auto* tuple = as<py::Tuple>(bin->right); tuple && bin->op == py::Operator::Mod) {
      for (const py::Expr* e : tuple->elts) {
        if (!fixed_element(ctx, e, depth + 1)) return false;
      }
      return fixed_element(ctx, bin->left, depth + 1);
    }
    return fixed_element(ctx, bin->left, depth + 1) && fixed_element(ctx, bin->right, depth + 1);
  }
  if (const auto* joined = as<py::JoinedStr>(expr)) {
    for (const py::Expr* part : joined->values) {
      const auto* fv = as<py::FormattedValue>(part);
      if (fv && !fixed_element(ctx, fv->value, depth + 1)) return false;
    }
    return true;
  }
  return false;
}

// The elements of an argument vector that are not fixed in the source; `whole` is set when
// the vector itself is opaque (a parameter, a call result) rather than a literal.
struct VariableParts {
  std::vector<const py::Expr*> parts;
  bool whole = false;
  bool program = false;  // the first element (the program) is among them
  bool empty() const { return parts.empty(); }
};

inline void collect_variable_parts(const RuleContext& ctx, const py::Expr* argv, VariableParts& out,
                                   bool first_is_program) {
  if (!argv) return;
  if (fixed_element(ctx, argv)) return;  // one constant string: the program (or a command)
  const py::Expr* value = single_value(ctx, argv);
  if (value != argv && value) {
    const auto* name = as<py::Name>(argv);
    if (as<py::Tuple>(value) || (as<py::List>(value) && name && !mutated_in_module(ctx, name->id))) {
      VariableParts inner;
      collect_variable_parts(ctx, value, inner, first_is_program);
      if (inner.empty()) return;
      out.parts.push_back(argv);  // named in the message by the name the call uses
      out.program = out.program || inner.program;
      return;
    } else if (constant(ctx, value)) {
      return;
    }
  }
  Span<py::Expr*> elements;
  if (const auto* list = as<py::List>(argv)) {
    elements = list->elts;
  } else if (const auto* tuple = as<py::Tuple>(argv)) {
    elements = tuple->elts;
  } else if (const auto* call = as<py::Call>(argv)) {
    // shlex.split("constant command") is as fixed as the string.
    if (ctx.model().is(call->func, "shlex.split") && call->args.size() == 1 &&
        string_constant(ctx, call->args[0])) {
      return;
    }
  }
  if (!as<py::List>(argv) && !as<py::Tuple>(argv)) {
    out.parts.push_back(argv);
    out.whole = true;
    out.program = out.program || first_is_program;
    return;
  }
  bool first = first_is_program;
  for (const py::Expr* element : elements) {
    if (const auto* star = as<py::Starred>(element)) {
      VariableParts inner;
      collect_variable_parts(ctx, star->value, inner, first);
      if (!inner.empty()) {
        out.parts.push_back(element);
        out.program = out.program || first;
      }
    } else if (!fixed_element(ctx, element)) {
      out.parts.push_back(element);
      out.program = out.program || first;
    }
    first = false;
  }
}

// "`host`, `port`" for the first few parts, each cut to a readable length.
inline std::string describe(const RuleContext& ctx, const std::vector<const py::Expr*>& parts) {
  std::string out;
  std::size_t shown = 0;
  for (const py::Expr* part : parts) {
    if (shown == 3) {
      out += " and " + std::to_string(parts.size() - shown) + " more";
      break;
    }
    std::string text(ctx.source(*part));
    if (text.size() > 40) text = text.substr(0, 37) + "...";
    if (!out.empty()) out += ", ";
    out += "`" + text + "`";
    ++shown;
  }
  return out;
}

// Whether `expr` builds a string (f-string, %, .format(), +) from values that are not
// constants: the shape of injected text, as opposed to a value passed whole. Values passed
// through one of `sanitizers` (shlex.quote for shell text) count as constants.
inline bool built_from_variables(const RuleContext& ctx, const py::Expr* expr,
                                 const sem::QualifiedNameSet* sanitizers = nullptr) {
  auto variable = [&](const py::Expr* e) {
    if (constant(ctx, e)) return false;
    const auto* call = as<py::Call>(e);
    return !(sanitizers && call && ctx.call_matches(*call, *sanitizers));
  };
  if (!expr) return false;
  if (const auto* joined = as<py::JoinedStr>(expr)) {
    for (const py::Expr* part : joined->values) {
      if (const auto* fv = as<py::FormattedValue>(part); fv && variable(fv->value)) return true;
    }
    return false;
  }
  if (const auto* bin = as<py::BinOp>(expr)) {
    if (bin->op == py::Operator::Mod) {
      if (!string_constant(ctx, bin->left)) return false;
      if (const auto* tuple = as<py::Tuple>(bin->right)) {
        for (const py::Expr* e : tuple->elts) {
          if (variable(e)) return true;
        }
        return false;
      }
      return variable(bin->right);
    }
    if (bin->op != py::Operator::Add) return false;
    bool has_text = false, has_variable = false;
    std::vector<const py::Expr*> stack{bin};
    while (!stack.empty()) {
      const py::Expr* e = stack.back();
      stack.pop_back();
      if (const auto* b = as<py::BinOp>(e); b && b->op == py::Operator::Add) {
        stack.push_back(b->left);
        stack.push_back(b->right);
      } else if (string_constant(ctx, e)) {
        has_text = true;
      } else if (as<py::JoinedStr>(e)) {
        has_text = true;
        has_variable = has_variable || built_from_variables(ctx, e, sanitizers);
      } else if (variable(e)) {
        has_variable = true;
      }
    }
    return has_text && has_variable;
  }
  if (const auto* call = as<py::Call>(expr)) {
    const auto* attr = as<py::Attribute>(call->func);
    if (!attr || attr->attr != "format" || !string_constant(ctx, attr->value)) return false;
    for (const py::Expr* a : call->args) {
      if (variable(a)) return true;
    }
    for (const py::Keyword* k : call->keywords) {
      if (variable(k->value)) return true;
    }
  }
  return false;
}

// The functions that quote a value for a POSIX shell.
inline const sem::QualifiedNameSet& shell_quoting() {
  static const sem::QualifiedNameSet kSet{"shlex.quote", "pipes.quote"};
  return kSet;
}

// Whether `expr` is built only from constants and shell-quoted values.
inline bool quoted_for_shell(const RuleContext& ctx, const py::Expr* expr) {
  if (const auto* call = as<py::Call>(expr); call && ctx.call_matches(*call, shell_quoting())) {
    return true;
  }
  bool shaped = as<py::JoinedStr>(expr) || as<py::BinOp>(expr) || as<py::Call>(expr);
  return shaped && !built_from_variables(ctx, expr, &shell_quoting()) &&
         built_from_variables(ctx, expr);
}

// Shows an expression in a message, cut to a readable length.
inline std::string shown(const RuleContext& ctx, const py::Expr* expr, std::size_t limit = 60) {
  if (!expr) return {};
  std::string text(ctx.source(*expr));
  if (text.size() > limit) text = text.substr(0, limit - 3) + "...";
  return text;
}

}  // namespace aegis::rules::process
