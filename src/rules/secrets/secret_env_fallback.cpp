// SEC004 secret-env-fallback: a secret read from the environment with a hard-coded
// fallback, so a deployment that forgets the variable silently runs with the fallback.
#include "rules/secrets/secret_names.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC004",
    .name = "secret-env-fallback",
    .title = "secret read from the environment with a hard-coded fallback",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 1188,
    .owasp = "A05:2021-Security Misconfiguration",
    .area = Area::Configuration,
    .flags = "`os.getenv(NAME, \"fallback\")`, `os.environ.get(NAME, \"fallback\")` and "
             "`os.environ.setdefault(NAME, \"fallback\")` where NAME is a secret's name "
             "(SECRET_KEY, DB_PASSWORD, API_TOKEN, ...) and the fallback is a non-empty literal "
             "that is not a placeholder. `os.environ[NAME]` and a fallback of None or \"\" are the "
             "right patterns and stay silent.",
    .why = "The fallback is what production runs with whenever the variable is missing (a new "
           "host, a renamed secret, a typo in the manifest): sessions signed with a key that is in "
           "the repository, or a database password everyone has. Nothing fails, so nobody notices.",
    .example = "SECRET_KEY = os.environ.get(\"SECRET_KEY\", \"dev-secret-change-me\")",
    .fix = "Fail fast when the secret is missing: `SECRET_KEY = os.environ[\"SECRET_KEY\"]`; keep "
           "development defaults in a development-only config class or a local .env file that is "
           "not committed.",
    .effort = "15 min",
    .references = {"https://cwe.mitre.org/data/definitions/1188.html",
                   "https://flask.palletsprojects.com/en/latest/config/#SECRET_KEY"},
};

class SecretEnvFallback final : public Rule {
 public:
  SecretEnvFallback() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"os.getenv", "os.environ.get", "os.environ.setdefault",
                                              "os.environ.pop"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    auto key = string_constant(ctx, argument(call, "key", 0));
    const py::Expr* fallback = argument(call, "default", 1);
    if (!key || !fallback || !secrets::is_secret_name(*key)) return;
    auto value = string_constant(ctx, fallback);
    if (!value) return;
    secrets::Value verdict = secrets::judge_value(*key, *value);
    if (verdict == secrets::Value::NotSecret || verdict == secrets::Value::Placeholder) {
      if (value->empty() || verdict == secrets::Value::NotSecret) return;
    }
    ctx.report(call, std::string(ctx.call_name(call)) + "(\"" + std::string(*key) + "\", " +
                         secrets::mask(*value) + ") falls back to a value in the source when " +
                         std::string(*key) + " is unset; read it with os.environ[\"" + std::string(*key) +
                         "\"] and fail at start-up");
  }
};

AEGIS_REGISTER_RULE(SecretEnvFallback);

}  // namespace
}  // namespace aegis::rules
