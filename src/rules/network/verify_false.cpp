// NET005 request-verify-disabled (Bandit B501): HTTP clients told not to verify TLS
// certificates: requests/httpx `verify=False` (calls, Session attribute, httpx.Client),
// aiohttp `ssl=False` / `verify_ssl=False` (requests and TCPConnector), urllib3 pools with
// cert_reqs="CERT_NONE".
#include <algorithm>

#include "rules/network/http_clients.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET005",
    .name = "request-verify-disabled",
    .title = "HTTP request without certificate verification",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 295,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "`requests` calls and Session methods with `verify=False` (a constant, also through a "
             "module constant), `session.verify = False`, `httpx` functions and `httpx.Client/AsyncClient` "
             "with `verify=False`, aiohttp requests and `TCPConnector` with `ssl=False` or "
             "`verify_ssl=False`, and `urllib3.PoolManager`/`HTTPSConnectionPool` with "
             "`cert_reqs=\"CERT_NONE\"`. A CA bundle path (`verify=\"/etc/ca.pem\"`) is fine.",
    .why = "Without certificate verification anyone on the network path can impersonate the server "
           "and read or change requests, including credentials and tokens they carry.",
    .example = "requests.get(url, verify=False)",
    .fix = "Remove `verify=False`; for a private CA pass its bundle: `verify=\"/etc/ssl/private-ca.pem\"` "
           "(aiohttp: `ssl=ssl.create_default_context(cafile=...)`).",
    .effort = "15 min",
    .references = {"https://requests.readthedocs.io/en/latest/user/advanced/#ssl-cert-verification",
                   "https://www.python-httpx.org/advanced/ssl/",
                   "https://cwe.mitre.org/data/definitions/295.html"},
    .bandit = "B501",
    .ruff = "S501",
};

const sem::QualifiedNameSet kConnector{"aiohttp.TCPConnector", "aiohttp.connector.TCPConnector"};
const sem::QualifiedNameSet kUrllib3{"urllib3.PoolManager", "urllib3.HTTPSConnectionPool",
                                     "urllib3.connection_from_url", "urllib3.poolmanager.PoolManager"};

class VerifyFalse final : public Rule {
 public:
  VerifyFalse() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::Call, py::NodeKind::Assign};
  }

  static bool is_false(const RuleContext& ctx, const py::Expr* e) {
    return e && is_false_constant(ctx, e);
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& model = ctx.model();
    if (const auto* assign = as<py::Assign>(&node)) {
      // The target's shape first: it costs nothing, the value's resolution does.
      bool verify_target = std::any_of(assign->targets.begin(), assign->targets.end(), [](const py::Expr* t) {
        const auto* attr = as<py::Attribute>(t);
        return attr && attr->attr == "verify";
      });
      if (!verify_target || !is_false(ctx, assign->value)) return;
      for (const py::Expr* t : assign->targets) {
        const auto* attr = as<py::Attribute>(t);
        if (!attr || attr->attr != "verify") continue;
        std::string inst = model.instance_of(attr->value);
        if (inst == "requests.Session" || inst == "requests.sessions.Session" || inst == "requests.session") {
          ctx.report(*assign, std::string(ctx.source(*t)) +
                                  " = False turns off certificate verification for every request of the session");
          return;
        }
      }
      return;
    }
    const auto& call = static_cast<const py::Call&>(node);
    // Every finding below is of a keyword argument (argument() without a position reads
    // keywords only): a call without one of these is not looked at, nor its name resolved.
    bool has_keyword = std::any_of(call.keywords.begin(), call.keywords.end(), [](const py::Keyword* k) {
      return k && (k->arg == "verify" || k->arg == "ssl" || k->arg == "verify_ssl" || k->arg == "cert_reqs");
    });
    if (!has_keyword) return;
    const std::string& fn = ctx.call_name(call);
    if (fn.empty()) return;
    auto lib = cryptonet::classify_http_call(fn);
    const char* arg = nullptr;
    if (lib == cryptonet::HttpLib::Requests || lib == cryptonet::HttpLib::Httpx ||
        lib == cryptonet::HttpLib::HttpxClientCtor) {
      if (is_false(ctx, argument(call, "verify"))) arg = "verify=False";
    } else if (lib == cryptonet::HttpLib::Aiohttp || kConnector.contains(fn)) {
      if (is_false(ctx, argument(call, "ssl"))) arg = "ssl=False";
      else if (is_false(ctx, argument(call, "verify_ssl"))) arg = "verify_ssl=False";
    } else if (kUrllib3.contains(fn)) {
      const py::Expr* reqs = argument(call, "cert_reqs");
      auto s = string_constant(ctx, reqs);
      if ((s && (*s == "CERT_NONE" || *s == "NONE")) || (reqs && model.is(reqs, "ssl.CERT_NONE")))
        arg = "cert_reqs=CERT_NONE";
    }
    if (!arg) return;
    ctx.report(call, fn + "() with " + arg + " does not verify the server certificate");
  }
};

AEGIS_REGISTER_RULE(VerifyFalse);

}  // namespace
}  // namespace aegis::rules
