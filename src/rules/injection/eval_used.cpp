// INJ001 eval-used (Bandit B307): the builtin eval() on something other than a constant string.
// A user function or method that happens to be called eval is not the builtin.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ001",
    .name = "eval-used",
    .title = "eval() of a value that is not a constant",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 95,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "Calls of the builtin `eval` (also through `builtins.eval` and aliases) whose "
             "code argument is not a constant string. A constant is reported by no one: it runs "
             "only what the author wrote. Local functions or methods named `eval` are not the builtin.",
    .why = "eval() runs its argument as Python code with the caller's privileges: anything an "
           "attacker can get into that string (a request parameter, a config value, a database "
           "row) becomes code execution on the server.",
    .example = "result = eval(request.args[\"expr\"])",
    .fix = "Do not run data as code: parse it (`ast.literal_eval` for Python literals, `json.loads`), "
           "or dispatch through an explicit mapping of allowed operations.",
    .effort = "1 h",
    .references = {"https://docs.python.org/3/library/functions.html#eval",
                   "https://cwe.mitre.org/data/definitions/95.html"},
    .bandit = "B307",
    .ruff = "S307",
};

class EvalUsed final : public Rule {
 public:
  EvalUsed() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"builtins.eval"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const py::Expr* code = argument(call, "source", 0);
    if (!code || string_constant(ctx, code)) return;
    auto value = constant(ctx, code);
    if (value && value->kind == py::ConstantKind::Bytes) return;
    std::string shown(ctx.source(*code));
    if (shown.size() > 60) shown = shown.substr(0, 57) + "...";
    ctx.report(call, "eval(" + shown + ") runs code built at run time; parse the data instead of executing it");
  }
};

AEGIS_REGISTER_RULE(EvalUsed);

}  // namespace
}  // namespace aegis::rules
