// SEC002 hardcoded-password-argument (Bandit B106). Judges the value, not only the name: see secret_names.h.
#include "rules/secrets/secret_report.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC002",
    .name = "hardcoded-password-argument",
    .title = "hard-coded password passed as a keyword argument",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 798,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Configuration,
    .flags = "String literals passed as keyword arguments named like a credential (`connect(password=\"...\")`). Names are matched as words in snake_case, camelCase and UPPER_CASE (password, "
             "passwd, pwd, passphrase, secret, token, credential(s), api/private/access/secret/"
             "signing key) unless the name is a label or locator (`password_field`, `TOKEN_URL`, "
             "`token_type`, `next_token`, `auth_header`). Values that are empty, placeholders "
             "(`<password>`, `${DB_PASSWORD}`, `xxx`, `REPLACE_ME`), sentences, URLs or the "
             "name itself are not secrets, and test code (made-up credentials) is not reported; common defaults (`admin`, `password`, `changeme`) "
             "are reported as default credentials. Messages mask the value.",
    .why = secrets::kCredentialWhy,
    .example = "conn = psycopg2.connect(user=\"app\", password=\"s3cr3t-Pr0d\")",
    .fix = secrets::kCredentialFix,
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/798.html"},
    .bandit = "B106",
    .ruff = "S106",
};

class HardcodedPasswordArgument final : public Rule {
 public:
  HardcodedPasswordArgument() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Keyword}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& kw = static_cast<const py::Keyword&>(node);
    if (kw.arg.empty()) return;
    const auto* value = as<py::Constant>(kw.value);
    if (!value || value->value.kind != py::ConstantKind::Str) return;
    // dict(password="...") is a mapping literal: SEC001 reads it as a key.
    secrets::report_secret(ctx, *kw.value, kw.arg, value->value.text, "the argument");
  }
};

AEGIS_REGISTER_RULE(HardcodedPasswordArgument);

}  // namespace
}  // namespace aegis::rules
