// HYG003 try-except-continue (Bandit B112): a broad exception handler whose only statement is `continue`,
// so every error (including security-relevant ones) disappears without a trace.
#include "rules/hygiene/broad_handler.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "HYG003",
    .name = "try-except-continue",
    .title = "broad exception silenced with continue",
    .severity = Severity::Low,
    .confidence = Confidence::High,
    .cwe = 703,
    .owasp = "A09:2021-Security Logging and Monitoring Failures",
    .area = Area::Logging,
    .flags = "`try` blocks whose handler catches everything (`except:`, `except Exception`, "
             "`except BaseException`, or a tuple with one of them) and does nothing but `continue`. "
             "Narrow handlers for expected exceptions (`except FileNotFoundError: continue`) and test "
             "code are not flagged.",
    .why = "A handler that swallows every exception hides failed authorisation checks, broken "
           "integrity checks and attacks in progress: nothing is logged, and the code carries on "
           "in a state nobody planned for.",
    .example = "try:\n    verify_signature(payload)\nexcept Exception:\n    continue",
    .fix = "Catch the specific exceptions you expect, and log (or re-raise) the rest: "
           "`except ValueError: log.warning(\"bad payload\", exc_info=True)`.",
    .effort = "10 min",
    .references = {"https://cwe.mitre.org/data/definitions/703.html"},
    .bandit = "B112",
    .ruff = "S112",
};

class TryExceptContinue final : public Rule {
 public:
  TryExceptContinue() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::ExceptHandler}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    if (ctx.in_test()) return;
    const auto& handler = static_cast<const py::ExceptHandler&>(node);
    if (handler.body.size() != 1 || handler.body[0]->kind != py::NodeKind::Continue) return;
    if (!is_broad_handler(handler, ctx)) return;
    ctx.report(node, handler_clause(handler, ctx) + " continue silences every error of the try block; "
                     "catch the exceptions you expect and log the rest");
  }
};

AEGIS_REGISTER_RULE(TryExceptContinue);

}  // namespace
}  // namespace aegis::rules
