// INJ006 paramiko-exec-command (Bandit B601): a command sent to a remote host with
// paramiko's exec_command. The remote side runs it through the user's login shell, so a
// command built from variables is shell injection on the other machine.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ006",
    .name = "paramiko-exec-command",
    .title = "remote command built at run time and run with paramiko exec_command",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`exec_command` on a paramiko `SSHClient` or `Channel` (resolved through imports, "
             "aliases, instances and `self.` attributes) whose command is not a constant. A command "
             "built with an f-string, `%`, `.format()` or `+` is high; a command passed whole in a "
             "variable is medium. Constant commands, commands whose variable parts all go through "
             "`shlex.quote`, and `exec_command` of other objects are not flagged.",
    .why = "The SSH server hands the command string to the remote user's shell: a file name, host "
           "or request value spliced into it can add `;`, `|` or `$(...)` and run any command on "
           "the remote machine with that account's rights.",
    .example = "client.exec_command(f\"tail -n 100 /var/log/{service}.log\")",
    .fix = "Quote every variable part with `shlex.quote` (the remote side is a POSIX shell), or "
           "check it against a fixed allow-list first: "
           "`client.exec_command(\"tail -n 100 \" + shlex.quote(log_path))`.",
    .effort = "15 min",
    .references = {"https://docs.paramiko.org/en/stable/api/client.html",
                   "https://cwe.mitre.org/data/definitions/78.html"},
    .bandit = "B601",
    .ruff = "S601",
};

class ParamikoExecCommand final : public Rule {
 public:
  ParamikoExecCommand() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{
        "paramiko.SSHClient.exec_command", "paramiko.client.SSHClient.exec_command",
        "paramiko.Channel.exec_command", "paramiko.channel.Channel.exec_command"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Expr* command = argument(call, "command", 0);
    if (!command || constant(ctx, command) || process::quoted_for_shell(ctx, command)) return;
    std::string function = ctx.call_name(call);
    function = function.substr(function.rfind('.', function.rfind('.') - 1) + 1);
    if (process::built_from_variables(ctx, command)) {
      ctx.report(call, function + "() sends `" + process::shown(ctx, command) +
                           "` to the remote shell; quote the variable parts with shlex.quote");
      return;
    }
    Finding& f = ctx.report(call, function + "() sends the command in `" + process::shown(ctx, command) +
                                      "` to the remote shell; make sure no part of it comes from a user "
                                      "unquoted");
    f.severity = Severity::Medium;
    f.confidence = Confidence::Medium;
  }
};

AEGIS_REGISTER_RULE(ParamikoExecCommand);

}  // namespace
}  // namespace aegis::rules
