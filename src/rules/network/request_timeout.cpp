// NET009 request-without-timeout (Bandit B113): requests calls without a timeout (requests
// waits forever by default), or any requests/httpx call with timeout=None. httpx defaults to
// 5 seconds, so a missing timeout there is fine.
#include "rules/network/http_clients.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET009",
    .name = "request-without-timeout",
    .title = "HTTP request without a timeout",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 400,
    .owasp = "A04:2021-Insecure Design",
    .area = Area::Operability,
    .flags = "`requests.get/post/put/patch/delete/head/options/request` and the same methods of a "
             "`requests.Session` instance without `timeout=` (calls passing `**kwargs` are skipped), "
             "and any of those or `httpx` functions, `httpx.Client/AsyncClient` and their methods with "
             "`timeout=None`. httpx without `timeout=` uses its 5 s default and is not flagged.",
    .why = "requests has no default timeout: a slow or malicious server holds the worker forever, "
           "and a few such calls exhaust the pool (denial of service).",
    .example = "resp = requests.get(url)",
    .fix = "Always pass a timeout: `requests.get(url, timeout=(3.05, 30))`.",
    .effort = "5 min",
    .references = {"https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",
                   "https://www.python-httpx.org/advanced/timeouts/",
                   "https://cwe.mitre.org/data/definitions/400.html"},
    .bandit = "B113",
    .ruff = "S113",
};

class RequestTimeout final : public Rule {
 public:
  RequestTimeout() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"requests.*", "httpx.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& fn = ctx.call_name(call);
    if (fn.empty()) return;
    auto lib = cryptonet::classify_http_call(fn);
    if (lib != cryptonet::HttpLib::Requests && lib != cryptonet::HttpLib::Httpx &&
        lib != cryptonet::HttpLib::HttpxClientCtor)
      return;
    const py::Keyword* t = keyword(call, "timeout");
    if (t) {
      if (is_none_constant(ctx, t->value))
        ctx.report(call, fn + "() with timeout=None can wait forever; pass a timeout in seconds");
      return;
    }
    if (lib != cryptonet::HttpLib::Requests || has_splat(call)) return;
    ctx.report(call, fn + "() without timeout= waits forever on a stalled server; pass timeout=");
  }
};

AEGIS_REGISTER_RULE(RequestTimeout);

}  // namespace
}  // namespace aegis::rules
