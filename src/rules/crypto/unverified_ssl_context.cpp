// CRY006 unverified-ssl-context (Bandit B323): ssl._create_unverified_context(), which makes
// a context that checks neither certificates nor host names; installing it as the default
// HTTPS context (`ssl._create_default_https_context = ssl._create_unverified_context`)
// disables verification process-wide and is reported as high.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY006",
    .name = "unverified-ssl-context",
    .title = "TLS context without certificate verification",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 295,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Calls of `ssl._create_unverified_context()`, `<context>.verify_mode = ssl.CERT_NONE` "
             "(a context of the ssl module or of unknown origin), and assignments that install the unverified factory as "
             "`ssl._create_default_https_context` (every HTTPS client of the process stops verifying: "
             "high severity).",
    .why = "Without certificate and host-name checks anyone on the network path can impersonate the "
           "server, read and change the traffic (man in the middle).",
    .example = "urllib.request.urlopen(url, context=ssl._create_unverified_context())",
    .fix = "Use `ssl.create_default_context()` (optionally with `cafile=` for a private CA).",
    .effort = "15 min",
    .references = {"https://docs.python.org/3/library/ssl.html#ssl-security",
                   "https://peps.python.org/pep-0476/", "https://cwe.mitre.org/data/definitions/295.html"},
    .bandit = "B323",
    .ruff = "S323",
};

class UnverifiedSslContext final : public Rule {
 public:
  UnverifiedSslContext() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::Call, py::NodeKind::Assign};
  }
  // What it reports resolves to ssl._create_unverified_context or ssl.CERT_NONE, whose last
  // part must then be an identifier of the file.
  std::vector<std::string_view> text_triggers() const override {
    return {"_create_unverified_context", "CERT_NONE"};
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    if (const auto* call = as<py::Call>(&node)) {
      if (ctx.call_name(*call) != "ssl._create_unverified_context") return;
      ctx.report(*call, "ssl._create_unverified_context() makes a TLS context that verifies neither the "
                        "certificate nor the host name");
      return;
    }
    const auto& assign = static_cast<const py::Assign&>(node);
    if (!assign.value) return;
    const std::string& value = ctx.model().qualified_name_ref(assign.value);
    // ctx.verify_mode = ssl.CERT_NONE on a context: the same effect, spelled out
    if (value == "ssl.CERT_NONE") {
      for (const py::Expr* t : assign.targets) {
        const auto* attr = as<py::Attribute>(t);
        if (!attr || attr->attr != "verify_mode") continue;
        std::string inst = ctx.model().instance_of(attr->value);
        if (!inst.empty() && !cryptonet::starts_with(inst, "ssl.")) continue;
        ctx.report(assign, std::string(ctx.source(*t)) +
                               " = ssl.CERT_NONE turns off certificate verification for this TLS context");
        return;
      }
      return;
    }
    if (value != "ssl._create_unverified_context") return;
    for (const py::Expr* t : assign.targets) {
      if (ctx.model().is(t, "ssl._create_default_https_context")) {
        Finding& f = ctx.report(assign, "ssl._create_default_https_context is replaced by "
                                        "ssl._create_unverified_context: every HTTPS connection of the "
                                        "process stops verifying certificates");
        f.severity = Severity::High;
        return;
      }
    }
  }
};

AEGIS_REGISTER_RULE(UnverifiedSslContext);

}  // namespace
}  // namespace aegis::rules
