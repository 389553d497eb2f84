// CRY005 insecure-random-secret (Bandit B311): the `random` module (Mersenne Twister) used to
// make a secret. Bandit reports every random.* call; Aegis judges where the value goes:
//   - assigned to / returned from / passed as / stored under a secret-like name (token,
//     password, secret, key, nonce, salt, otp, session, csrf, pin, ...): high severity;
//   - a destination that is plainly not a secret (delay, jitter, backoff, timeout, index,
//     colour, weight, ...), `random.shuffle(...)`/`random.seed(...)` as statements, and values
//     fed straight to time.sleep/asyncio.sleep: silent;
//   - anything else: low severity, low confidence (Bandit parity, ranked down).
// `secrets.*`, `random.SystemRandom()` and `os.urandom` are never reported.
#include <vector>

#include "rules/crypto/common.h"
#include "rules/crypto/random_use.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY005",
    .name = "insecure-random-secret",
    .title = "Non-cryptographic random used for a secret",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 330,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::DataProtection,
    .flags = "Calls of `random` module functions (`random`, `randint`, `randrange`, `choice`, "
             "`choices`, `sample`, `getrandbits`, `randbytes`, `uniform`, `triangular`, and the same "
             "methods of a `random.Random` instance) whose value is assigned to, returned from a "
             "function named, passed as a keyword named, or stored under a dict key named like a "
             "secret (token, password, secret, key, nonce, salt, otp, session, csrf, pin, code of a "
             "verification/reset). Other uses are low/low; plainly non-secret uses (delays, jitter, "
             "shuffles, indexes, colours) are silent. `secrets` and `random.SystemRandom` are fine.",
    .why = "`random` is a Mersenne Twister: 624 observed outputs reveal its state and every future "
           "value, so tokens, passwords or one-time codes made with it can be predicted.",
    .example = "reset_token = ''.join(random.choices(string.ascii_letters, k=32))",
    .fix = "Use the `secrets` module: `secrets.token_urlsafe(32)`, `secrets.choice(alphabet)`, "
           "`secrets.randbelow(10**6)`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/secrets.html",
                   "https://docs.python.org/3/library/random.html",
                   "https://cwe.mitre.org/data/definitions/330.html", "https://cwe.mitre.org/data/definitions/338.html"},
    .bandit = "B311",
    .ruff = "S311",
};

class InsecureRandom final : public Rule {
 public:
  InsecureRandom() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &cryptonet::random_functions(); }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, cryptonet::random_functions())) return;
    const auto& model = ctx.model();
    std::string function = model.call_qualified_name(&call);
    cryptonet::RandomUse use = cryptonet::random_value_use(ctx, call, function);
    if (use.kind == cryptonet::RandomUse::Silent) return;
    if (use.kind == cryptonet::RandomUse::Secret) {
      ctx.report(call, function + "() is predictable (Mersenne Twister) but its value is " + use.how + " `" +
                           use.name + "`; use the secrets module");
      return;
    }
    Finding& f = ctx.report(call, function + "() is not cryptographically secure; if this value is a secret, "
                                             "use the secrets module");
    f.severity = Severity::Low;
    f.confidence = Confidence::Low;
  }
};

AEGIS_REGISTER_RULE(InsecureRandom);

}  // namespace
}  // namespace aegis::rules
