// INJ012 logging-config-listen (Bandit B612): logging.config.listen() without a verify=
// callable. The listener accepts a configuration from anyone who can connect, and a
// logging configuration can name any callable to construct.
#include "rules/injection/process.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "INJ012",
    .name = "logging-config-listen",
    .title = "logging.config.listen() without verify=",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 94,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::Logging,
    .flags = "`logging.config.listen(...)`, through imports and aliases, without a `verify=` "
             "argument or with `verify=None`. A call that passes `**kwargs` is not flagged.",
    .why = "The listener reads logging configurations from a socket and applies them with "
           "`dictConfig`/`fileConfig`; both construct handlers, filters and formatters from "
           "dotted names (`()` factories, `class`/`args` evaluated in file configs). Any local "
           "process, or a remote one if the port is forwarded or exposed, can send a "
           "configuration that imports and calls arbitrary code in the service.",
    .example = "thread = logging.config.listen(9030)",
    .fix = "Do not listen for configuration in production; if you must, pass `verify=` a function "
           "that checks a signature (HMAC with a secret key) and returns the bytes only when it "
           "is valid: `logging.config.listen(9030, verify=check_signature)`.",
    .effort = "30 min",
    .references = {"https://docs.python.org/3/library/logging.config.html#logging.config.listen",
                   "https://cwe.mitre.org/data/definitions/94.html"},
    .bandit = "B612",
    .ruff = "S612",
};

class LoggingConfigListen final : public Rule {
 public:
  LoggingConfigListen() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"logging.config.listen"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    // listen(port=DEFAULT_LOGGING_CONFIG_PORT, verify=None)
    const py::Expr* verify = argument(call, "verify", 1);
    if (verify && !is_none_constant(ctx, verify)) return;
    if (!verify && has_splat(call)) return;
    const py::Expr* port = argument(call, "port", 0);
    std::string where = port ? " on port " + process::shown(ctx, port, 30) : "";
    ctx.report(call, "logging.config.listen()" + where +
                         " applies any configuration sent to it without verify=; a configuration "
                         "can import and call arbitrary code");
  }
};

AEGIS_REGISTER_RULE(LoggingConfigListen);

}  // namespace
}  // namespace aegis::rules
