// INJ007 subprocess-variable-argv (Bandit B603): a process started without a shell from an
// argument vector that is not fixed in the source. No shell means no shell injection, but
// a variable program runs whatever it names and a variable argument can smuggle options.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ007",
    .name = "subprocess-variable-argv",
    .title = "subprocess started without a shell from a variable argument list",
    .severity = Severity::Low,
    .confidence = Confidence::Medium,
    .cwe = 88,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`subprocess.run`/`call`/`check_call`/`check_output`/`Popen` and "
             "`asyncio.create_subprocess_exec` without a true `shell=`, when the argument list is "
             "a variable or a list with a variable element (or `executable=` is a variable). "
             "Constant lists, names bound once to a constant list that is never changed in place, "
             "`shlex.split` of a constant and `sys.executable` count as fixed and are not flagged.",
    .why = "Without a shell the arguments are not parsed again, so `;` and `|` are harmless, but "
           "a variable program runs whatever it names and a variable argument that starts with "
           "`-` becomes an option (`--upload-pack=...`, `-o ProxyCommand=...`, `--output=/etc/...`): "
           "argument injection.",
    .example = "subprocess.run([\"git\", \"clone\", repo_url, dest], check=True)",
    .fix = "Fix the program in the source, validate variable arguments against an allow-list or "
           "pattern, and end the options with `--` before user values: "
           "`subprocess.run([\"git\", \"clone\", \"--\", repo_url, dest], check=True)`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/subprocess.html#security-considerations",
                   "https://cwe.mitre.org/data/definitions/88.html"},
    .bandit = "B603",
    .ruff = "S603",
};

class SubprocessVariableArgv final : public Rule {
 public:
  SubprocessVariableArgv() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls = [] {
      sem::QualifiedNameSet set;
      process::subprocess_functions().for_each_exact([&](std::string_view n) { set.add(n); });
      set.add("asyncio.create_subprocess_exec");
      set.add("asyncio.subprocess.create_subprocess_exec");
      return set;
    }();
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    process::VariableParts variable;
    if (function.ends_with("create_subprocess_exec")) {
      // program, *args: every positional argument is one element of the vector.
      bool first = true;
      for (const py::Expr* arg : call.args) {
        process::VariableParts one;
        if (const auto* star = as<py::Starred>(arg)) {
          process::collect_variable_parts(ctx, star->value, one, first);
        } else if (!process::fixed_element(ctx, arg)) {
          one.parts.push_back(arg);
          one.program = first;
        }
        if (!one.empty()) {
          variable.parts.push_back(arg);
          variable.program = variable.program || one.program;
        }
        first = false;
      }
    } else {
      if (process::shell_may_be_true(ctx, call)) return;  // INJ002's case
      process::collect_variable_parts(ctx, argument(call, "args", 0), variable, true);
    }
    if (const py::Expr* executable = argument(call, "executable");
        executable && !process::fixed_element(ctx, executable)) {
      variable.parts.insert(variable.parts.begin(), executable);
      variable.program = true;
    }
    if (variable.empty()) return;
    std::string what = process::describe(ctx, variable.parts);
    if (variable.whole && variable.parts.size() == 1) {
      ctx.report(call, function + "() runs the argument list " + what +
                           ", which is not fixed in the source; make sure its program is fixed and "
                           "its arguments are validated");
      return;
    }
    if (variable.program) {
      // The program, when variable, is the first part collected (executable= goes first).
      std::vector<const py::Expr*> rest(variable.parts.begin() + 1, variable.parts.end());
      std::string arguments = rest.empty() ? "" : " with the variable arguments " + process::describe(ctx, rest);
      ctx.report(call, function + "() starts the program " + process::describe(ctx, {variable.parts.front()}) +
                           ", chosen at run time" + arguments +
                           "; make sure it comes from a fixed list, never from a request");
      return;
    }
    ctx.report(call, function + "() passes " + what +
                         " as arguments; values that start with '-' become options, so validate "
                         "them and end the options with '--'");
  }
};

AEGIS_REGISTER_RULE(SubprocessVariableArgv);

}  // namespace
}  // namespace aegis::rules
