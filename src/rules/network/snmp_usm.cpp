// NET008 snmp-weak-usm (Bandit B509): pysnmp SNMPv3 UsmUserData without an authentication
// key (noAuthNoPriv) or without a privacy key (authNoPriv: no encryption).
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET008",
    .name = "snmp-weak-usm",
    .title = "SNMPv3 user without authentication or encryption",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 319,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "`pysnmp` `UsmUserData(user)` without `authKey` (noAuthNoPriv: high) or without "
             "`privKey` (authNoPriv: medium), positional or keyword, a constant None counting as absent.",
    .why = "Without an auth key anyone can issue requests as the user; without a priv key the SNMP "
           "traffic (device configuration, sometimes credentials) is sent unencrypted.",
    .example = "UsmUserData(\"monitor\")",
    .fix = "Give both keys and strong protocols: `UsmUserData(user, auth_key, priv_key, "
           "authProtocol=usmHMAC192SHA256AuthProtocol, privProtocol=usmAesCfb128Protocol)`.",
    .effort = "1 h",
    .references = {"https://www.rfc-editor.org/rfc/rfc3414",
                   "https://cwe.mitre.org/data/definitions/319.html"},
    .bandit = "B509",
    .ruff = "S509",
};

class SnmpUsm final : public Rule {
 public:
  SnmpUsm() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"pysnmp.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& fn = ctx.call_name(call);
    if (!cryptonet::starts_with(fn, "pysnmp.") || !cryptonet::ends_with(fn, ".UsmUserData")) return;
    if (has_splat(call)) return;
    const py::Expr* auth = argument(call, "authKey", 1);
    const py::Expr* priv = argument(call, "privKey", 2);
    bool no_auth = !auth || is_none_constant(ctx, auth);
    bool no_priv = !priv || is_none_constant(ctx, priv);
    if (no_auth) {
      Finding& f = ctx.report(call, "UsmUserData without authKey is noAuthNoPriv: requests are neither "
                                    "authenticated nor encrypted");
      f.severity = Severity::High;
    } else if (no_priv) {
      ctx.report(call, "UsmUserData without privKey is authNoPriv: SNMP traffic is not encrypted");
    }
  }
};

AEGIS_REGISTER_RULE(SnmpUsm);

}  // namespace
}  // namespace aegis::rules
