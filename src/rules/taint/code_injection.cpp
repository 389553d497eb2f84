// TNT003 code-injection: request data reaches eval, exec or compile (CWE-94), found by the data-flow engine.
#include "rules/taint/taint_rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT003",
    .name = "code-injection",
    .title = "Request data reaches eval, exec or compile",
    .severity = Severity::Critical,
    .confidence = Confidence::High,
    .cwe = 94,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "eval(), exec(), compile(), __import__ and importlib.import_module given data an attacker controls.",
    .why = "Evaluating attacker-supplied text runs arbitrary Python inside the service: full compromise of the process and its secrets.",
    .example = "expr = request.args[\"expr\"]\nresult = eval(expr)",
    .fix = "Never evaluate input. Parse the data you expect (int(), json.loads(), ast.literal_eval() for literals) or map names to functions through a fixed dictionary.",
    .effort = "1 h",
    .references = {"https://cwe.mitre.org/data/definitions/94.html", "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class CodeInjection final : public TaintRule {
 public:
  CodeInjection() : TaintRule(kMeta, dataflow::Code, "runs Python code of the attacker's choosing") {}
};

}  // namespace
AEGIS_REGISTER_RULE(CodeInjection);
}  // namespace aegis::rules
