// SEC001 hardcoded-password-string (Bandit B105). Judges the value, not only the name: see secret_names.h.
#include "rules/secrets/secret_report.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "SEC001",
    .name = "hardcoded-password-string",
    .title = "hard-coded password or secret in an assignment, comparison or dict",
    .severity = Severity::High,
    .confidence = Confidence::Medium,
    .cwe = 798,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Configuration,
    .flags = "String literals assigned to, compared with, or stored under a dict key named like a credential (`password = \"...\"`, `if token == \"...\"`, `{\"api_key\": \"...\"}`, `config[\"SECRET_KEY\"] = \"...\"`). Names are matched as words in snake_case, camelCase and UPPER_CASE (password, "
             "passwd, pwd, passphrase, secret, token, credential(s), api/private/access/secret/"
             "signing key) unless the name is a label or locator (`password_field`, `TOKEN_URL`, "
             "`token_type`, `next_token`, `auth_header`). Values that are empty, placeholders "
             "(`<password>`, `${DB_PASSWORD}`, `xxx`, `REPLACE_ME`), sentences, URLs or the "
             "name itself are not secrets, and test code (made-up credentials) is not reported; common defaults (`admin`, `password`, `changeme`) "
             "are reported as default credentials. Messages mask the value.",
    .why = secrets::kCredentialWhy,
    .example = "DB_PASSWORD = \"s3cr3t-Pr0d\"",
    .fix = secrets::kCredentialFix,
    .effort = "30 min",
    .references = {"https://cwe.mitre.org/data/definitions/798.html"},
    .bandit = "B105",
    .ruff = "S105",
};

class HardcodedPasswordString final : public Rule {
 public:
  HardcodedPasswordString() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::Assign, py::NodeKind::AnnAssign, py::NodeKind::Compare, py::NodeKind::Dict};
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    if (const auto* assign = as<py::Assign>(&node)) {
      const auto* value = as<py::Constant>(assign->value);
      if (!value || value->value.kind != py::ConstantKind::Str) return;
      for (const py::Expr* t : assign->targets) {
        std::string name = secrets::target_name(t, ctx);
        if (!name.empty()) secrets::report_secret(ctx, *assign, name, value->value.text, "the value assigned to");
      }
    } else if (const auto* ann = as<py::AnnAssign>(&node)) {
      const auto* value = as<py::Constant>(ann->value);
      if (!value || value->value.kind != py::ConstantKind::Str) return;
      std::string name = secrets::target_name(ann->target, ctx);
      if (!name.empty()) secrets::report_secret(ctx, *ann, name, value->value.text, "the value assigned to");
    } else if (const auto* cmp = as<py::Compare>(&node)) {
      if (cmp->ops.size() != 1 || (cmp->ops[0] != py::CmpOperator::Eq && cmp->ops[0] != py::CmpOperator::NotEq)) return;
      const py::Expr* other = cmp->comparators[0];
      const py::Expr* subject = cmp->left;
      const auto* value = as<py::Constant>(other);
      if (!value) std::swap(subject, other), value = as<py::Constant>(other);
      if (!value || value->value.kind != py::ConstantKind::Str) return;
      std::string name = secrets::target_name(subject, ctx);
      if (!secrets::is_secret_name(name)) return;  // most comparisons: before splitting the name twice below
      // `token == "lambda"`: tokenizers and parsers compare tokens with keywords.
      if (secrets::name_words(name) == std::vector<std::string>{"token"} ||
          secrets::name_words(name) == std::vector<std::string>{"tok"}) {
        return;
      }
      if (!name.empty()) secrets::report_secret(ctx, *cmp, name, value->value.text, "the value compared with");
    } else {
      const auto& dict = static_cast<const py::Dict&>(node);
      for (std::size_t i = 0; i < dict.keys.size(); ++i) {
        if (!dict.keys[i]) continue;  // **spread
        auto key = string_constant(ctx, dict.keys[i]);
        const auto* value = as<py::Constant>(dict.values[i]);
        if (!key || !value || value->value.kind != py::ConstantKind::Str) continue;
        secrets::report_secret(ctx, *dict.values[i], *key, value->value.text, "the value of the key");
      }
    }
  }
};

AEGIS_REGISTER_RULE(HardcodedPasswordString);

}  // namespace
}  // namespace aegis::rules
