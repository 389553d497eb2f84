// CRY009 ssl-wrap-socket-no-version (Bandit B504): the module function ssl.wrap_socket()
// without ssl_version. Bandit matches any `.wrap_socket()` and so also flags
// SSLContext.wrap_socket(), which has no ssl_version parameter; Aegis does not.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY009",
    .name = "ssl-wrap-socket-no-version",
    .title = "ssl.wrap_socket() without a protocol version",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 295,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Calls of the module function `ssl.wrap_socket()` (resolved through imports) that pass "
             "no `ssl_version`. Methods of an `ssl.SSLContext` are not flagged.",
    .why = "`ssl.wrap_socket()` defaults to `cert_reqs=CERT_NONE` and never checks the host name, so "
           "the peer is not authenticated; it is deprecated since 3.7 and removed in Python 3.12.",
    .example = "tls = ssl.wrap_socket(sock)",
    .fix = "Build a context: `ctx = ssl.create_default_context(); tls = ctx.wrap_socket(sock, "
           "server_hostname=host)`.",
    .effort = "30 min",
    .references = {"https://docs.python.org/3.11/library/ssl.html#ssl.wrap_socket",
                   "https://docs.python.org/3/whatsnew/3.12.html#ssl",
                   "https://cwe.mitre.org/data/definitions/295.html"},
    .bandit = "B504",
    .ruff = "S504",
};

class SslWrapSocket final : public Rule {
 public:
  SslWrapSocket() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"ssl.wrap_socket"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.model().is(call.func, "ssl.wrap_socket")) return;
    if (argument(call, "ssl_version", 5) || has_splat(call)) return;
    std::string msg = "ssl.wrap_socket() without ssl_version";
    if (!keyword(call, "cert_reqs") && call.args.size() < 5)
      msg += " and without cert_reqs does not verify the peer";
    msg += "; it is removed in Python 3.12, use ssl.create_default_context().wrap_socket()";
    ctx.report(call, msg);
  }
};

AEGIS_REGISTER_RULE(SslWrapSocket);

}  // namespace
}  // namespace aegis::rules
