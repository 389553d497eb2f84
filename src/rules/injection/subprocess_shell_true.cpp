// INJ002 subprocess-shell-true (Bandit B602): a subprocess call that runs its command
// through the shell. A constant command string is a smell; a built one is injection.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ002",
    .name = "subprocess-shell-true",
    .title = "subprocess call with shell=True",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "Calls of `subprocess` functions (`run`, `call`, `check_call`, `check_output`, `Popen`) "
             "with `shell=True`, resolved through imports and aliases. A command built from "
             "variables is high severity; a constant command string is low.",
    .why = "With `shell=True` the command is parsed by `/bin/sh`: any part of it that comes from a "
           "user (a file name, a host, a query parameter) can add `;`, `|`, `$(...)` and run "
           "arbitrary commands with the service's privileges.",
    .example = "subprocess.run(f\"convert {upload} out.png\", shell=True)",
    .fix = "Pass the command as a list and drop `shell=True`: "
           "`subprocess.run([\"convert\", upload, \"out.png\"], check=True)`. If a shell is truly "
           "needed, quote every variable part with `shlex.quote`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/subprocess.html#security-considerations",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B602",
    .ruff = "S602",
};

const sem::QualifiedNameSet kSubprocess{
    "subprocess.Popen", "subprocess.call", "subprocess.check_call", "subprocess.check_output",
    "subprocess.run",
};

class SubprocessShellTrue final : public Rule {
 public:
  SubprocessShellTrue() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kSubprocess; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, kSubprocess)) return;
    const py::Keyword* shell = keyword(call, "shell");
    if (!shell) return;
    // shell=False, shell=0 and shell=None are all false; a variable is unknown: flag it low.
    auto value = constant(ctx, shell->value);
    bool truthy = false, unknown = !value;
    if (value) {
      switch (value->kind) {
        case py::ConstantKind::True: truthy = true; break;
        case py::ConstantKind::Int: truthy = value->text != "0"; break;
        case py::ConstantKind::Str: case py::ConstantKind::Bytes: truthy = !value->text.empty(); break;
        default: break;
      }
    }
    if (!truthy && !unknown) return;
    const std::string& function = ctx.call_name(call);
    const py::Expr* command = argument(call, "args", 0);
    bool constant_command = command && string_constant(ctx, command).has_value();
    if (unknown) {
      Finding& f = ctx.report(call, function + "() with shell=" + std::string(ctx.source(*shell->value)) +
                                        ", which may be true: the command may run through the shell");
      f.severity = Severity::Medium;
      f.confidence = Confidence::Low;
      return;
    }
    if (constant_command) {
      Finding& f = ctx.report(call, function + "() runs the constant command " +
                                        std::string(ctx.source(*command)) + " through the shell");
      f.severity = Severity::Low;
      return;
    }
    std::string what = command ? "`" + std::string(ctx.source(*command)) + "`" : "its command";
    ctx.report(call, function + "() runs " + what +
                         " through the shell (shell=True); variable parts can inject commands");
  }
};

AEGIS_REGISTER_RULE(SubprocessShellTrue);

}  // namespace
}  // namespace aegis::rules
