// CRY011 jwt-verification-disabled (no Bandit id): PyJWT / python-jose decode with the
// signature check turned off: options={"verify_signature": False}, verify=False (PyJWT 1.x),
// or "none" among the accepted algorithms.
#include "rules/crypto/common.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "CRY011",
    .name = "jwt-verification-disabled",
    .title = "JWT decoded without signature verification",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 347,
    .owasp = "A07:2021-Identification and Authentication Failures",
    .area = Area::Authentication,
    .flags = "`jwt.decode()` (PyJWT, also `jwt.PyJWT().decode`) and `jose.jwt.decode()` with "
             "`options={\"verify_signature\": False}` (a dict literal or a name bound to one), "
             "`verify=False`, or `algorithms` containing \"none\".",
    .why = "An unverified token is just user input: anyone can forge claims (user id, roles, expiry) "
           "and be accepted as any user.",
    .example = "claims = jwt.decode(token, options={\"verify_signature\": False})",
    .fix = "Verify with the expected key and a fixed algorithm list: "
           "`jwt.decode(token, key, algorithms=[\"HS256\"])`. To read the header before verifying, "
           "use `jwt.get_unverified_header()` and still verify afterwards.",
    .effort = "30 min",
    .references = {"https://pyjwt.readthedocs.io/en/stable/api.html#jwt.decode",
                   "https://cwe.mitre.org/data/definitions/347.html"},
    .bandit = "",
    .ruff = "",
};

const sem::QualifiedNameSet kDecode{"jwt.decode", "jwt.api_jwt.decode", "jwt.PyJWT.decode",
                                    "jwt.api_jwt.PyJWT.decode", "jose.jwt.decode"};

class JwtNoVerify final : public Rule {
 public:
  JwtNoVerify() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override { return &kDecode; }

  static const py::Expr* dict_value(const RuleContext& ctx, const py::Expr* e) {
    if (const auto* n = as<py::Name>(e)) {
      sem::BindingId b = ctx.model().binding_of(n);
      if (b == sem::kNone) return nullptr;
      const auto& binding = ctx.model().binding(b);
      if (binding.kind != sem::BindingKind::Assignment) return nullptr;
      // only a name bound once in its scope
      if (ctx.model().bindings_of(binding.home, binding.name).size() != 1) return nullptr;
      return binding.value;
    }
    return e;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    if (!ctx.call_matches(call, kDecode)) return;
    const std::string& fn = ctx.call_name(call);
    if (const py::Keyword* opts = keyword(call, "options")) {
      if (const auto* d = as<py::Dict>(dict_value(ctx, opts->value))) {
        for (std::size_t i = 0; i < d->keys.size() && i < d->values.size(); ++i) {
          auto k = string_constant(ctx, d->keys[i]);
          if (k && *k == "verify_signature" && cryptonet::is_falsy_constant(ctx, d->values[i])) {
            ctx.report(call, fn + "() with options verify_signature=False accepts forged tokens");
            return;
          }
        }
      }
    }
    if (const py::Keyword* v = keyword(call, "verify"); v && cryptonet::is_falsy_constant(ctx, v->value)) {
      ctx.report(call, fn + "() with verify=False accepts forged tokens");
      return;
    }
    if (const py::Expr* algs = argument(call, "algorithms")) {
      std::vector<const py::Expr*> elts;
      if (const auto* l = as<py::List>(algs)) elts.assign(l->elts.begin(), l->elts.end());
      else if (const auto* t = as<py::Tuple>(algs)) elts.assign(t->elts.begin(), t->elts.end());
      else elts.push_back(algs);
      for (const py::Expr* e : elts) {
        auto s = string_constant(ctx, e);
        if (s && cryptonet::lower(*s) == "none") {
          ctx.report(call, fn + "() accepts the \"none\" algorithm: unsigned tokens pass as valid");
          return;
        }
      }
    }
  }
};

AEGIS_REGISTER_RULE(JwtNoVerify);

}  // namespace
}  // namespace aegis::rules
