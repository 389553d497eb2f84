// TNT002 command-injection: request data reaches an operating-system command (CWE-78), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT002",
    .name = "command-injection",
    .title = "Request data reaches an operating-system command",
    .severity = Severity::Critical,
    .confidence = Confidence::High,
    .cwe = 78,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "Shell commands (os.system, os.popen, subprocess with shell=True or `sh -c`, the program of an argv list, os.exec*/spawn*) built from data an attacker controls.",
    .why = "A shell interprets `;`, `|`, `$()` and backticks: whoever controls part of the command runs their own commands with the service's privileges.",
    .example = "host = request.args[\"host\"]\nos.system(\"ping -c 1 \" + host)",
    .fix = "Run the program with an argument list and no shell, and validate the value:\n\nsubprocess.run([\"ping\", \"-c\", \"1\", host], check=True)\n\nIf a shell is unavoidable, quote with shlex.quote().",
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/78.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class CommandInjection final : public TaintRule {
 public:
  CommandInjection() : TaintRule(kMeta, dataflow::Command, "runs commands of the attacker's choosing") {}
};

}  // namespace
AEGIS_REGISTER_RULE(CommandInjection);
}  // namespace aegis::rules
