// INJ005 os-shell-command (Bandit B605): functions that always run their command through
// a shell (os.system, os.popen, subprocess.getoutput, ...). Constant commands are low.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ005",
    .name = "os-shell-command",
    .title = "command run through a shell by os.system, os.popen or getoutput",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`os.system`, `os.popen`, `subprocess.getoutput`, `subprocess.getstatusoutput`, "
             "`commands.getoutput`/`getstatusoutput`, `popen2.*` and `platform.popen`, resolved "
             "through aliases. A command built from variables is high; a constant command is low.",
    .why = "These functions hand the whole string to `/bin/sh`: any variable part (a file name, "
           "a host, a request parameter) can add `;`, `|` or `$(...)` and run other commands.",
    .example = "os.system(\"convert \" + upload_path + \" thumb.png\")",
    .fix = "Use `subprocess.run([...], check=True)` with an argument list and no shell; quote "
           "with `shlex.quote` only if a shell is unavoidable.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/os.html#os.system",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B605",
    .ruff = "S605",
};

class OsShellCommand final : public Rule {
 public:
  OsShellCommand() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{
        "os.system", "os.popen", "os.popen2", "os.popen3", "os.popen4", "subprocess.getoutput",
        "subprocess.getstatusoutput", "commands.getoutput", "commands.getstatusoutput",
        "popen2.popen2", "popen2.popen3", "popen2.popen4", "popen2.Popen3", "popen2.Popen4",
        "platform.popen"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* command = argument(call, "cmd", 0);
    if (!command) command = argument(call, "command", 0);
    if (!command) return;
    std::string shown(ctx.source(*command));
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    if (string_constant(ctx, command)) {
      Finding& f = ctx.report(call, function + "() runs the constant command " + shown + " through a shell");
      f.severity = Severity::Low;
      return;
    }
    ctx.report(call, function + "(" + shown + ") runs a command built at run time through a shell; "
                                                "variable parts can inject commands");
  }
};

AEGIS_REGISTER_RULE(OsShellCommand);

}  // namespace
}  // namespace aegis::rules
