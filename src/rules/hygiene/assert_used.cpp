// HYG001 assert-used (Bandit B101): `assert` in application code, where `python -O`
// removes it. Silent in test code, where asserts are the point.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "HYG001",
    .name = "assert-used",
    .title = "assert used for a run-time check",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 703,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::InputValidation,
    .flags = "`assert` statements outside test code (tests/, test_*.py, *_test.py, conftest.py and "
             "the configured test paths).",
    .why = "Python removes `assert` statements when it runs with `-O` or `PYTHONOPTIMIZE`, so a "
           "permission or input check written as an assert disappears in optimised deployments.",
    .example = "assert user.is_admin, \"admins only\"",
    .fix = "Raise an explicit exception: `if not user.is_admin: raise PermissionError(\"admins only\")`.",
    .effort = "5 min",
    .references = {"https://docs.python.org/3/reference/simple_stmts.html#the-assert-statement"},
    .bandit = "B101",
    .ruff = "S101",
};

class AssertUsed final : public Rule {
 public:
  AssertUsed() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Assert}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    if (ctx.in_test()) return;
    const auto& stmt = static_cast<const py::Assert&>(node);
    std::string condition(ctx.source(*stmt.test));
    if (condition.size() > 60) condition = condition.substr(0, 57) + "...";
    ctx.report(node, "assert " + condition + " is removed under python -O; raise an exception instead");
  }
};

AEGIS_REGISTER_RULE(AssertUsed);

}  // namespace
}  // namespace aegis::rules
