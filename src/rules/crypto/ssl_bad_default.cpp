// CRY008 ssl-bad-default-version (Bandit B503): a function whose parameter defaults to an
// insecure SSL/TLS protocol, so every caller that omits it gets SSLv3/TLS 1.0/1.1.
#include "rules/crypto/ssl_protocol.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY008",
    .name = "ssl-bad-default-version",
    .title = "Function parameter defaults to an insecure SSL/TLS version",
    .severity = Severity::Medium,
    .confidence = Confidence::Medium,
    .cwe = 327,
    .owasp = "A02:2021-Cryptographic Failures",
    .area = Area::Infrastructure,
    .flags = "Default values of function and lambda parameters (positional and keyword-only) that "
             "are `ssl.PROTOCOL_SSLv2/SSLv3/TLSv1/TLSv1_1`, pyOpenSSL `SSL.*_METHOD` of those versions, "
             "or `ssl.TLSVersion.SSLv3/TLSv1/TLSv1_1`.",
    .why = "Callers that rely on the default silently negotiate a broken protocol version.",
    .example = "def connect(host, ssl_version=ssl.PROTOCOL_TLSv1): ...",
    .fix = "Default to `ssl.PROTOCOL_TLS_CLIENT` (or take an `ssl.SSLContext` built by "
           "`ssl.create_default_context()`).",
    .effort = "15 min",
    .references = {"https://www.rfc-editor.org/rfc/rfc8996", "https://cwe.mitre.org/data/definitions/327.html"},
    .bandit = "B503",
    .ruff = "S503",
};

class SslBadDefault final : public Rule {
 public:
  SslBadDefault() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override {
    return {py::NodeKind::FunctionDef, py::NodeKind::AsyncFunctionDef, py::NodeKind::Lambda};
  }
  // As for CRY007: every name it reports ends in an identifier with one of these words.
  std::vector<std::string_view> text_triggers() const override { return {"SSLv2", "SSLv3", "TLSv1"}; }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const py::Arguments* args = nullptr;
    std::string name = "lambda";
    if (const auto* f = as<py::FunctionDef>(&node)) args = f->args, name = std::string(f->name) + "()";
    else if (const auto* f = as<py::AsyncFunctionDef>(&node)) args = f->args, name = std::string(f->name) + "()";
    else if (const auto* l = as<py::Lambda>(&node)) args = l->args;
    if (!args) return;
    const auto& model = ctx.model();
    auto bad = [&](const py::Expr* e) {
      return e && (model.matches(e, cryptonet::bad_protocols()) || model.matches(e, cryptonet::bad_tls_versions()));
    };
    // defaults align with the last positional parameters (posonly then regular)
    std::vector<const py::Arg*> positional(args->posonlyargs.begin(), args->posonlyargs.end());
    positional.insert(positional.end(), args->args.begin(), args->args.end());
    std::size_t first = positional.size() >= args->defaults.size() ? positional.size() - args->defaults.size() : 0;
    for (std::size_t i = 0; i < args->defaults.size(); ++i) {
      const py::Expr* d = args->defaults[i];
      if (!bad(d)) continue;
      std::string param = first + i < positional.size() ? std::string(positional[first + i]->arg) : "?";
      ctx.report(*d, name + " parameter `" + param + "` defaults to the insecure " + model.qualified_name(d));
    }
    for (std::size_t i = 0; i < args->kw_defaults.size() && i < args->kwonlyargs.size(); ++i) {
      const py::Expr* d = args->kw_defaults[i];
      if (!bad(d)) continue;
      ctx.report(*d, name + " parameter `" + std::string(args->kwonlyargs[i]->arg) + "` defaults to the insecure " +
                         model.qualified_name(d));
    }
  }
};

AEGIS_REGISTER_RULE(SslBadDefault);

}  // namespace
}  // namespace aegis::rules
