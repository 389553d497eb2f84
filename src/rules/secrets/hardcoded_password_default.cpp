// SEC003 hardcoded-password-default (Bandit B107). Judges the value, not only the name: see secret_names.h.
#include "rules/secrets/secret_report.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC003",
    .name = "hardcoded-password-default",
    .title = "hard-coded password as a parameter default",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 798,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Configuration,
    .flags = "String literals as the default value of a parameter named like a credential (`def login(password=\"admin\")`). Names are matched as words in snake_case, camelCase and UPPER_CASE (password, "
             "passwd, pwd, passphrase, secret, token, credential(s), api/private/access/secret/"
             "signing key) unless the name is a label or locator (`password_field`, `TOKEN_URL`, "
             "`token_type`, `next_token`, `auth_header`). Values that are empty, placeholders "
             "(`<password>`, `${DB_PASSWORD}`, `xxx`, `REPLACE_ME`), sentences, URLs or the "
             "name itself are not secrets, and test code (made-up credentials) is not reported; common defaults (`admin`, `password`, `changeme`) "
             "are reported as default credentials. Messages mask the value.",
    .why = secrets::kCredentialWhy,
    .example = "def connect(host, password=\"s3cr3t-Pr0d\"):",
    .fix = secrets::kCredentialFix,
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/798.html"},
    .bandit = "B107",
    .ruff = "S107",
};

class HardcodedPasswordDefault final : public Rule {
 public:
  HardcodedPasswordDefault() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Arguments}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& args = static_cast<const py::Arguments&>(node);
    if (args.defaults.empty() && args.kw_defaults.empty()) return;  // most signatures
    // Defaults align with the last positional parameters.
    std::vector<const py::Arg*> positional;
    for (const py::Arg* a : args.posonlyargs) positional.push_back(a);
    for (const py::Arg* a : args.args) positional.push_back(a);
    std::size_t offset = positional.size() - std::min(positional.size(), args.defaults.size());
    for (std::size_t i = 0; i < args.defaults.size() && offset + i < positional.size(); ++i) {
      check(ctx, positional[offset + i], args.defaults[i]);
    }
    for (std::size_t i = 0; i < args.kwonlyargs.size() && i < args.kw_defaults.size(); ++i) {
      if (args.kw_defaults[i]) check(ctx, args.kwonlyargs[i], args.kw_defaults[i]);
    }
  }

 private:
  static void check(RuleContext& ctx, const py::Arg* arg, const py::Expr* value) {
    const auto* c = as<py::Constant>(value);
    if (!arg || !c || c->value.kind != py::ConstantKind::Str) return;
    secrets::report_secret(ctx, *value, arg->arg, c->value.text, "the default of the parameter");
  }
};

AEGIS_REGISTER_RULE(HardcodedPasswordDefault);

}  // namespace
}  // namespace aegis::rules
