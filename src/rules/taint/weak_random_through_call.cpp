// TNT018 weak-random-through-call: a Mersenne Twister value made into a secret where only the
// data flow sees the generator: a random.Random() a helper function returns, the random
// module passed around (CWE-330). CRY005 judges the calls the semantic index resolves; this
// rule judges the rest the same way (rules/crypto/random_use.h), secret uses only.
#include <set>
#include <vector>

#include "dataflow/engine.h"
#include "rules/crypto/random_use.h"
#include "rules/python_project.h"
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TNT018",
    .name = "weak-random-through-call",
    .title = "Non-cryptographic random from a helper used for a secret",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 330,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "Methods of a `random.Random()` generator (or functions of the `random` module) that the "
             "data-flow engine follows through project functions, such as a helper that returns "
             "`random.Random()`, when the value is assigned to, returned from, passed as or stored under "
             "a name like a secret (token, password, key, nonce, salt, otp, code of a reset...). Calls "
             "the semantic index resolves are CRY005's.",
    .why = "`random.Random` is a Mersenne Twister: 624 observed outputs reveal its state and every "
           "future value, however the generator reached the code that makes the token.",
    .example = "def fast_rng():\n    return random.Random()\n\ntoken = \"%x\" % fast_rng().getrandbits(64)",
    .fix = "Make secrets with the `secrets` module (`secrets.token_hex(8)`), or return "
           "`random.SystemRandom()` from the helper.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/secrets.html", "https://cwe.mitre.org/data/definitions/330.html",
                   "docs/dataflow.md"},
    .bandit = "",
    .ruff = "",
};

class WeakRandomThroughCall final : public Rule {
 public:
  WeakRandomThroughCall() : Rule(kMeta) {}
  bool wants_python_project() const override { return true; }
  void check_python_project(PythonProject& project) const override {
    std::set<const py::Call*> done;
    for (const dataflow::CallObservation& o : dataflow::analyse(project).observations) {
      if (!o.call || !o.module || !o.module->unit.model) continue;
      if (!cryptonet::random_functions().contains(o.callee) || !done.insert(o.call).second) continue;
      // Resolved by the semantic index: CRY005 reports it.
      if (cryptonet::random_functions().contains(o.module->unit.model->qualified_name_ref(o.call))) continue;
      std::vector<Finding> unused;
      RuleContext ctx(o.module->unit, unused);
      cryptonet::RandomUse use = cryptonet::random_value_use(ctx, *o.call, o.callee);
      if (use.kind != cryptonet::RandomUse::Secret) continue;
      project.report(*o.module, *o.call,
                     "`" + std::string(ctx.source(*o.call->func)) + "()` is " + o.callee +
                         "(), predictable (Mersenne Twister), but its value is " + use.how + " `" + use.name +
                         "`; use the secrets module");
    }
  }
};

}  // namespace
AEGIS_REGISTER_RULE(WeakRandomThroughCall);
}  // namespace aegis::rules
