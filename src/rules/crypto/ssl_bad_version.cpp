// CRY007 ssl-bad-version (Bandit B502): SSLv2/SSLv3/TLS 1.0/TLS 1.1 selected in a call
// (`ssl.SSLContext(ssl.PROTOCOL_TLSv1)`, `ssl_version=...`, pyOpenSSL `SSL.Context(SSL.TLSv1_METHOD)`),
// and, beyond Bandit, `context.minimum_version = ssl.TLSVersion.TLSv1`.
#include "rules/crypto/ssl_protocol.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY007",
    .name = "ssl-bad-version",
    .title = "Insecure SSL/TLS protocol version",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 327,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Any call argument that is `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1` or pyOpenSSL "
             "`SSL.SSLv2_METHOD/SSLv3_METHOD/TLSv1_METHOD/TLSv1_1_METHOD`, resolved through imports; "
             "and `<context>.minimum_version = ssl.TLSVersion.SSLv3/TLSv1/TLSv1_1`.",
    .why = "SSL 2/3 and TLS 1.0/1.1 are broken or deprecated (POODLE, BEAST, RFC 8996): a network "
           "attacker can downgrade or decrypt the traffic.",
    .example = "ctx = ssl.SSLContext(ssl.PROTOCOL_TLSv1)",
    .fix = "Use `ssl.create_default_context()` or `ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)` and set "
           "`ctx.minimum_version = ssl.TLSVersion.TLSv1_2`.",
    .effort = "15 min",
    .references = {"https://www.rfc-editor.org/rfc/rfc8996", "https://docs.python.org/3/library/ssl.html",
                   "https://cwe.mitre.org/data/definitions/327.html"},
    .bandit = "B502",
    .ruff = "S502",
};

class SslBadVersion final : public Rule {
 public:
  SslBadVersion() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::Call, py::NodeKind::Assign};
  }
  // Every name the rule looks for ends in PROTOCOL_SSLv2/3, PROTOCOL_TLSv1(_1),
  // SSLv2/SSLv3/TLSv1(_1)_METHOD or TLSVersion.SSLv3/TLSv1(_1), and a qualified name's last
  // part is an identifier of the file: without these words nothing resolves to them.
  std::vector<std::string_view> text_triggers() const override { return {"SSLv2", "SSLv3", "TLSv1"}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& model = ctx.model();
    if (const auto* call = as<py::Call>(&node)) {
      auto check = [&](const py::Expr* arg) {
        if (!arg || !cryptonet::bad_protocols().contains(model.qualified_name_ref(arg))) return false;
        std::string callee = model.call_qualified_name(call);
        if (callee.empty()) callee = std::string(ctx.source(*call->func));
        ctx.report(*arg, callee + "() is given the insecure protocol " + model.qualified_name(arg) +
                             "; require TLS 1.2 or newer");
        return true;
      };
      for (const py::Expr* a : call->args) check(a);
      for (const py::Keyword* k : call->keywords) check(k->value);
      return;
    }
    const auto& assign = static_cast<const py::Assign&>(node);
    if (!assign.value || !cryptonet::bad_tls_versions().contains(model.qualified_name_ref(assign.value))) return;
    for (const py::Expr* t : assign.targets) {
      const auto* attr = as<py::Attribute>(t);
      if (attr && attr->attr == "minimum_version") {
        ctx.report(assign, std::string(ctx.source(*t)) + " = " + model.qualified_name(assign.value) +
                               " allows an insecure protocol version; use ssl.TLSVersion.TLSv1_2");
        return;
      }
    }
  }
};

AEGIS_REGISTER_RULE(SslBadVersion);

}  // namespace
}  // namespace aegis::rules
