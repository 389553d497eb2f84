// NET006 ssh-no-host-key-verification (Bandit B507): paramiko set_missing_host_key_policy()
// with AutoAddPolicy or WarningPolicy, which accept any server key.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET006",
    .name = "ssh-no-host-key-verification",
    .title = "SSH client accepts unknown host keys",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 295,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Infrastructure,
    .flags = "`<client>.set_missing_host_key_policy(...)` whose argument resolves to "
             "`paramiko.AutoAddPolicy` or `paramiko.WarningPolicy` (instance or class, through imports "
             "and aliases). `RejectPolicy` and custom policies are not flagged.",
    .why = "Accepting unknown host keys lets a man in the middle pose as the server on the first (or "
           "every) connection and capture the credentials and commands.",
    .example = "client.set_missing_host_key_policy(paramiko.AutoAddPolicy())",
    .fix = "Load known hosts and reject unknown keys: `client.load_system_host_keys(); "
           "client.set_missing_host_key_policy(paramiko.RejectPolicy())`.",
    .effort = "30 min",
    .references = {"https://docs.paramiko.org/en/stable/api/client.html",
                   "https://cwe.mitre.org/data/definitions/295.html"},
    .bandit = "B507",
    .ruff = "S507",
};

const sem::QualifiedNameSet kPolicies{"paramiko.AutoAddPolicy", "paramiko.WarningPolicy",
                                      "paramiko.client.AutoAddPolicy", "paramiko.client.WarningPolicy"};

class ParamikoHostKey final : public Rule {
 public:
  ParamikoHostKey() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const auto* attr = as<py::Attribute>(call.func);
    if (!attr || attr->attr != "set_missing_host_key_policy") return;
    const py::Expr* policy = argument(call, "policy", 0);
    if (!policy) return;
    std::string name = cryptonet::callee_or_name(ctx, policy);
    if (!kPolicies.contains(name)) return;
    ctx.report(call, "set_missing_host_key_policy(" + name.substr(name.rfind('.') + 1) +
                         ") accepts any server host key; use RejectPolicy with known hosts");
  }
};

AEGIS_REGISTER_RULE(ParamikoHostKey);

}  // namespace
}  // namespace aegis::rules
