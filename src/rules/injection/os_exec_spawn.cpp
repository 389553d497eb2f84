// INJ009 os-exec-spawn-variable (Bandit B606): os.exec*, os.spawn*, os.posix_spawn* and
// os.startfile with a program or arguments that are not fixed in the source. They start
// no shell, so the risk is in what runs and which options it gets.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ009",
    .name = "os-exec-spawn-variable",
    .title = "process started with os.exec*/os.spawn*/os.startfile from variable values",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`os.execl`...`os.execvpe`, `os.spawnl`...`os.spawnvpe`, `os.posix_spawn`, "
             "`os.posix_spawnp` and `os.startfile`, resolved through aliases, when the program "
             "or an argument is not a constant. A variable program (or `startfile` target) is "
             "medium; variable arguments after a fixed program are low. Fully constant calls "
             "are not flagged.",
    .why = "These functions run a program directly: a program path taken from a request runs "
           "whatever the attacker names (or, for `startfile`, opens any file with its associated "
           "application), and a variable argument that starts with `-` becomes an option of the "
           "program.",
    .example = "os.execvp(tool, [tool, \"--input\", path])",
    .fix = "Choose the program from a fixed mapping and validate arguments; prefer "
           "`subprocess.run([\"/usr/bin/convert\", \"--\", path], check=True)`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/os.html#process-management",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B606",
    .ruff = "S606",
};

class OsExecSpawn final : public Rule {
 public:
  OsExecSpawn() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls = [] {
      sem::QualifiedNameSet set;
      for (const auto& sig : process::exec_signatures()) set.add(sig.name);
      set.add("os.startfile");
      return set;
    }();
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    process::ExecCall parts;
    if (function == "os.startfile") {
      parts.program = argument(call, "path", 0);
      if (const py::Expr* arguments = argument(call, "arguments", 2)) parts.arguments.push_back(arguments);
    } else if (const process::ExecSignature* sig = process::exec_signature(function)) {
      parts = process::exec_call(call, *sig);
    }
    if (!parts.program) return;  // behind *args: nothing to judge
    if (function == "os.startfile" && !process::fixed_element(ctx, parts.program)) {
      ctx.report(call, "os.startfile() opens `" + process::shown(ctx, parts.program) +
                           "`, chosen at run time, with whatever application is registered for it; "
                           "take it from a fixed list");
      return;
    }
    if (!process::fixed_element(ctx, parts.program)) {
      ctx.report(call, function + "() runs the program `" + process::shown(ctx, parts.program) +
                           "` chosen at run time; take it from a fixed list");
      return;
    }
    process::VariableParts variable;
    bool vector_form = function != "os.startfile" && process::exec_signature(function)->vector;
    for (const py::Expr* arg : parts.arguments) {
      if (const auto* star = as<py::Starred>(arg)) {
        process::VariableParts inner;
        process::collect_variable_parts(ctx, star->value, inner, false);
        if (!inner.empty()) variable.parts.push_back(arg);
      } else if (vector_form) {
        process::collect_variable_parts(ctx, arg, variable, false);
      } else if (!process::fixed_element(ctx, arg)) {
        variable.parts.push_back(arg);
      }
    }
    if (variable.empty()) return;
    Finding& f = ctx.report(call, function + "() passes " + process::describe(ctx, variable.parts) +
                                      " to `" + process::shown(ctx, parts.program, 40) +
                                      "`; values that start with '-' become options, so validate them");
    f.severity = Severity::Low;
  }
};

AEGIS_REGISTER_RULE(OsExecSpawn);

}  // namespace
}  // namespace aegis::rules
