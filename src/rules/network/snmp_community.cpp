// NET007 snmp-insecure-version (Bandit B508): pysnmp CommunityData, i.e. SNMPv1 (mpModel=0)
// or SNMPv2c (mpModel=1, the default): the community string is a clear-text password.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET007",
    .name = "snmp-insecure-version",
    .title = "SNMPv1/v2c community authentication",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 319,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "`pysnmp` `CommunityData(...)` (any pysnmp.hlapi module) with `mpModel=0` (SNMPv1), "
             "`mpModel=1` or no `mpModel` (SNMPv2c, the default). Bandit reports only explicit 0/1; the "
             "default is the same protocol.",
    .why = "SNMPv1/v2c send the community string, which acts as the password, in clear text and have "
           "no integrity protection: anyone on the path can read it and then read or write the device.",
    .example = "CommunityData(\"public\", mpModel=0)",
    .fix = "Use SNMPv3 with authentication and privacy: `UsmUserData(user, auth_key, priv_key, "
           "authProtocol=usmHMAC192SHA256AuthProtocol, privProtocol=usmAesCfb128Protocol)`.",
    .effort = "1 h",
    .references = {"https://docs.lextudio.com/pysnmp/v7.1/docs/api-reference#security-parameters",
                   "https://cwe.mitre.org/data/definitions/319.html"},
    .bandit = "B508",
    .ruff = "S508",
};

class SnmpCommunity final : public Rule {
 public:
  SnmpCommunity() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"pysnmp.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& fn = ctx.call_name(call);
    if (!cryptonet::starts_with(fn, "pysnmp.") || !cryptonet::ends_with(fn, ".CommunityData")) return;
    const py::Expr* model = argument(call, "mpModel", 2);
    std::string version;
    if (!model) {
      if (has_splat(call)) return;
      version = "SNMPv2c (mpModel defaults to 1)";
    } else {
      auto n = cryptonet::int_constant(ctx, model);
      if (!n || *n > 1) return;
      version = *n == 0 ? "SNMPv1 (mpModel=0)" : "SNMPv2c (mpModel=1)";
    }
    ctx.report(call, "CommunityData uses " + version +
                         ": the community string travels in clear text; use SNMPv3 UsmUserData with auth and priv keys");
  }
};

AEGIS_REGISTER_RULE(SnmpCommunity);

}  // namespace
}  // namespace aegis::rules
