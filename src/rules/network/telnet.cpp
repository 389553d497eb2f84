// NET001 telnet-usage (Bandit B312): telnetlib connections, which send everything
// (credentials included) in clear text. telnetlib is removed in Python 3.13.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "NET001",
    .name = "telnet-usage",
    .title = "Telnet connection (clear text)",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 319,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Calls of `telnetlib.Telnet` (and other `telnetlib` callables), resolved through imports "
             "and aliases. A look-alike `Telnet` class of another module is not flagged.",
    .why = "Telnet has no encryption or server authentication: logins and commands can be read and "
           "changed by anyone on the path. telnetlib was removed in Python 3.13.",
    .example = "tn = telnetlib.Telnet(host)",
    .fix = "Use SSH (`paramiko`, `asyncssh`) with host-key verification.",
    .effort = "2 h",
    .references = {"https://peps.python.org/pep-0594/#telnetlib", "https://cwe.mitre.org/data/definitions/319.html"},
    .bandit = "B312",
    .ruff = "S312",
};

class Telnet final : public Rule {
 public:
  Telnet() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  // Only calls of these reach visit() (the engine dispatches by name).
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"telnetlib.*"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& fn = ctx.call_name(call);
    if (!cryptonet::starts_with(fn, "telnetlib.")) return;
    if (fn.find('.', 10) != std::string::npos) return;  // a method of an instance: the constructor is reported
    if (fn == "telnetlib.Telnet")
      ctx.report(call, "telnetlib.Telnet() opens a clear-text Telnet session; use SSH");
    else
      ctx.report(call, fn + "() uses telnetlib, a clear-text protocol removed in Python 3.13; use SSH");
  }
};

AEGIS_REGISTER_RULE(Telnet);

}  // namespace
}  // namespace aegis::rules
