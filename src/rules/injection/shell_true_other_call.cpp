// INJ008 shell-true-other-call (Bandit B604): shell=True passed to a function that is not
// one of subprocess's (a project wrapper, psutil.Popen, a task runner). Such wrappers
// usually forward the flag to a shell, and the command with it.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ008",
    .name = "shell-true-other-call",
    .title = "shell=True passed to a function other than subprocess's",
    .severity = Severity::Medium,
    .confidence = Confidence::Low,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "Calls that pass `shell=True` (or a truthy constant) and a command (a positional "
             "argument or `cmd=`/`command=`/`args=`) to a function that is not a `subprocess` "
             "function: wrappers such as `run(cmd, shell=True)`, `psutil.Popen`, task runners. "
             "Medium when the command is built from variables, low when it is a constant. "
             "`subprocess` calls are INJ002's; calls without a command, quoting helpers "
             "(`*quote*`, `*escape*`), `assert*` test helpers, and calls of a function of the same "
             "module that neither reads a `shell` parameter nor takes `**kwargs` are not flagged.",
    .why = "A `shell=True` flag on a wrapper almost always reaches `subprocess` or `os.system` "
           "underneath: the command is then parsed by `/bin/sh`, and any variable part of it can "
           "add `;`, `|` or `$(...)`.",
    .example = "run_command(f\"tar czf {archive} {folder}\", shell=True)",
    .fix = "Give the wrapper an argument list and no shell: "
           "`run_command([\"tar\", \"czf\", archive, folder])`; if a shell is needed, quote every "
           "variable part with `shlex.quote`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/subprocess.html#security-considerations",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B604",
    .ruff = "S604",
};

// The def a qualified name of this module names ("<module>.Runner.run"), found by walking
// module and class bodies; null for anything else (imported, nested in a function).
const py::Stmt* local_definition(const RuleContext& ctx, std::string_view qualified) {
  std::string_view prefix = ctx.model().module_prefix();
  if (!qualified.starts_with(prefix) || qualified.size() <= prefix.size() ||
      qualified[prefix.size()] != '.') {
    return nullptr;
  }
  std::string_view rest = qualified.substr(prefix.size() + 1);
  Span<py::Stmt*> body = ctx.module().body;
  const py::Stmt* found = nullptr;
  while (!rest.empty()) {
    std::size_t dot = rest.find('.');
    std::string_view part = rest.substr(0, dot);
    rest = dot == std::string_view::npos ? std::string_view{} : rest.substr(dot + 1);
    found = nullptr;
    for (const py::Stmt* stmt : body) {
      if (const auto* cls = as<py::ClassDef>(stmt); cls && cls->name == part) {
        found = cls;
        body = cls->body;
      } else if (const auto* fn = as<py::FunctionDef>(stmt); fn && fn->name == part) {
        found = fn;
      } else if (const auto* afn = as<py::AsyncFunctionDef>(stmt); afn && afn->name == part) {
        found = afn;
      }
    }
    if (!found) return nullptr;
    if (!rest.empty() && !as<py::ClassDef>(found)) return nullptr;
  }
  return found;
}

// Whether a function of this module can pass its `shell` argument on: it reads a `shell`
// parameter, or takes **kwargs. A def that ignores the flag starts no shell because of it.
bool forwards_shell(const py::Stmt* def) {
  const py::Arguments* args = nullptr;
  Span<py::Stmt*> body;
  if (const auto* fn = as<py::FunctionDef>(def)) {
    args = fn->args;
    body = fn->body;
  } else if (const auto* afn = as<py::AsyncFunctionDef>(def)) {
    args = afn->args;
    body = afn->body;
  } else {
    return true;  // a class: its __init__ or __new__ decides; do not guess
  }
  if (!args) return true;
  if (args->kwarg) return true;
  bool has_parameter = false;
  for (const Span<py::Arg*>* list : {&args->posonlyargs, &args->args, &args->kwonlyargs}) {
    for (const py::Arg* a : *list) has_parameter = has_parameter || a->arg == "shell";
  }
  if (!has_parameter) return false;
  std::vector<py::Node*> stack(body.begin(), body.end());
  while (!stack.empty()) {
    py::Node* node = stack.back();
    stack.pop_back();
    const auto* name = as<py::Name>(node);
    if (name && name->id == "shell" && name->ctx == py::ExprContext::Load) return true;
    py::for_each_child(node, [&](py::Node* child) { stack.push_back(child); });
  }
  return false;
}

class ShellTrueOtherCall final : public Rule {
 public:
  ShellTrueOtherCall() : Rule(kMeta) {}
  // Any callee, resolvable or not (a wrapper imported from nowhere known): no name filter.
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Keyword* shell = keyword(call, "shell");
    if (!shell) return;
    auto value = constant(ctx, shell->value);
    if (!value) return;  // a forwarded flag: the wrapper's own call is where it is judged
    bool truthy = value->kind == py::ConstantKind::True ||
                  (value->kind == py::ConstantKind::Int && value->text != "0");
    if (!truthy) return;
    const std::string& function = ctx.call_name(call);
    if (process::subprocess_functions().contains(function)) return;  // INJ002's
    // assertRaises(Error, func, *args, **kwargs) and friends only forward the flag to `func`;
    // quoting helpers (quote(arg, shell=True)) prepare text for a shell and start nothing.
    std::string_view last = function;
    if (last.empty()) last = ctx.source(*call.func);
    last = last.substr(last.rfind('.') + 1);
    if (last.starts_with("assert") || last.find("quote") != std::string_view::npos ||
        last.find("escape") != std::string_view::npos) {
      return;
    }
    if (function == "functools.partial") {
      // partial(subprocess.run, shell=True): every later call of the result runs a shell.
      const py::Expr* target = call.args.empty() ? nullptr : call.args[0];
      if (!target || as<py::Starred>(target)) return;
      Finding& f = ctx.report(call, "functools.partial(" + process::shown(ctx, target, 40) +
                                        ", shell=True) makes a function that runs every command it "
                                        "is given through the shell");
      f.confidence = Confidence::Medium;
      return;
    }
    const py::Expr* command = nullptr;
    for (std::string_view name : {"cmd", "command", "args", "cmdline"}) {
      if ((command = argument(call, name))) break;
    }
    if (!command && !call.args.empty() && !as<py::Starred>(call.args[0])) command = call.args[0];
    if (!command) return;
    if (const py::Stmt* def = local_definition(ctx, function); def && !forwards_shell(def)) return;
    std::string callee = function.empty() ? std::string(ctx.source(*call.func)) : function;
    if (callee.size() > 60) callee = callee.substr(0, 57) + "...";
    if (constant(ctx, command)) {
      Finding& f = ctx.report(call, callee + "() is given shell=True with the constant command " +
                                        process::shown(ctx, command) +
                                        "; if it reaches a shell, prefer an argument list");
      f.severity = Severity::Low;
      return;
    }
    Finding& f = ctx.report(call, callee + "() is given shell=True with the command `" +
                                      process::shown(ctx, command) +
                                      "`; if it reaches a shell, variable parts can inject commands");
    if (process::built_from_variables(ctx, command)) f.confidence = Confidence::Medium;
  }
};

AEGIS_REGISTER_RULE(ShellTrueOtherCall);

}  // namespace
}  // namespace aegis::rules
