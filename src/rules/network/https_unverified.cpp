// NET003 https-connection-unverified (Bandit B309): http.client.HTTPSConnection given a
// context that does not verify. Bandit B309 flags every HTTPSConnection because Python 2
// did not verify by default; since Python 3.4.3 (PEP 476) the default context verifies, so
// Aegis flags only an explicitly unverified context.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET003",
    .name = "https-connection-unverified",
    .title = "HTTPSConnection with an unverified TLS context",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 295,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "`http.client.HTTPSConnection(..., context=...)` where the context is "
             "`ssl._create_unverified_context()` (inline or through a name bound once to it). Without "
             "`context=` Python 3 verifies the certificate and host name, so that is not flagged.",
    .why = "An unverified connection can be intercepted by anyone on the network path.",
    .example = "conn = http.client.HTTPSConnection(host, context=ssl._create_unverified_context())",
    .fix = "Omit `context=` or pass `ssl.create_default_context(cafile=...)`.",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/http.client.html#http.client.HTTPSConnection",
                   "https://peps.python.org/pep-0476/"},
    .bandit = "B309",
    .ruff = "",
};

const sem::QualifiedNameSet kConn{"http.client.HTTPSConnection", "httplib.HTTPSConnection",
                                  "six.moves.http_client.HTTPSConnection"};

class HttpsUnverified final : public Rule {
 public:
  HttpsUnverified() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kConn; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, kConn)) return;
    const py::Keyword* k = keyword(call, "context");
    if (!k) return;
    const py::Expr* value = k->value;
    if (const auto* n = as<py::Name>(value)) {
      sem::BindingId b = ctx.model().binding_of(n);
      if (b == sem::kNone) return;
      const auto& binding = ctx.model().binding(b);
      if (ctx.model().bindings_of(binding.home, binding.name).size() != 1) return;
      value = binding.value;
    }
    const auto* c = as<py::Call>(value);
    if (!c || !ctx.model().is(c->func, "ssl._create_unverified_context")) return;
    ctx.report(call, ctx.call_name(call) + "() with context=" +
                         cryptonet::snippet(ctx, k->value) + " does not verify the server certificate");
  }
};

AEGIS_REGISTER_RULE(HttpsUnverified);

}  // namespace
}  // namespace aegis::rules
