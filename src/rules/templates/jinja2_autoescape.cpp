// TPL010 jinja2-autoescape-off (Bandit B701): a Jinja2 Environment or Template created
// without autoescaping. Jinja2 does not escape by default; Flask's own environment does,
// but an Environment built by hand does not.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TPL010",
    .name = "jinja2-autoescape-off",
    .title = "Jinja2 environment or template without autoescaping",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 79,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`jinja2.Environment`, `jinja2.sandbox.SandboxedEnvironment` and `jinja2.Template`, "
             "through imports and aliases, created without `autoescape=` or with a false "
             "`autoescape` (`False`, `None`, `0`). `autoescape=True`, `select_autoescape(...)`, a "
             "function or lambda that decides per template, and calls passing `**kwargs` are not "
             "flagged; another variable is medium with low confidence.",
    .why = "Without autoescaping every `{{ value }}` is inserted into the HTML as is: a name, a "
           "comment or a query parameter containing `<script>` runs in the visitor's browser "
           "(stored or reflected XSS), with their session.",
    .example = "env = jinja2.Environment(loader=jinja2.FileSystemLoader(\"templates\"))",
    .fix = "Turn escaping on for HTML and XML templates: "
           "`jinja2.Environment(loader=..., autoescape=jinja2.select_autoescape())` (or "
           "`autoescape=True`); mark the few trusted fragments with `|safe` or `Markup`.",
    .effort = "15 min",
    .references = {"https://jinja.palletsprojects.com/en/stable/api/#autoescaping",
                   "https://cwe.mitre.org/data/definitions/79.html"},
    .bandit = "B701",
    .ruff = "S701",
};

class Jinja2Autoescape final : public Rule {
 public:
  Jinja2Autoescape() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{
        "jinja2.Environment", "jinja2.environment.Environment", "jinja2.Template",
        "jinja2.environment.Template", "jinja2.sandbox.SandboxedEnvironment",
        "jinja2.sandbox.ImmutableSandboxedEnvironment"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    std::string shown = function.substr(function.rfind('.') + 1) + "()";
    const py::Keyword* autoescape = keyword(call, "autoescape");
    if (!autoescape) {
      if (has_splat(call)) return;
      ctx.report(call, shown + " without autoescape=: Jinja2 does not escape by default, so "
                               "{{ values }} reach the HTML unescaped; pass "
                               "autoescape=select_autoescape()");
      return;
    }
    const py::Expr* value = autoescape->value;
    if (auto c = constant(ctx, value)) {
      bool off = c->kind == py::ConstantKind::False || c->kind == py::ConstantKind::None ||
                 (c->kind == py::ConstantKind::Int && c->text == "0") ||
                 (c->kind == py::ConstantKind::Str && c->text.empty());
      if (!off) return;
      ctx.report(call, shown + " with autoescape=" + std::string(ctx.source(*value)) +
                           ": {{ values }} reach the HTML unescaped (XSS)");
      return;
    }
    if (decides_per_template(ctx, value)) return;
    Finding& f = ctx.report(call, shown + " with autoescape=" + std::string(ctx.source(*value)).substr(0, 40) +
                                      ", which may be false: make sure escaping is on for HTML");
    f.severity = Severity::Medium;
    f.confidence = Confidence::Low;
  }

 private:
  // select_autoescape(...), a lambda, or a function: escaping chosen per template name.
  static bool decides_per_template(const RuleContext& ctx, const py::Expr* value, int depth = 0) {
    if (depth > 8) return false;
    if (as<py::Lambda>(value)) return true;
    if (const auto* call = as<py::Call>(value)) {
      const std::string& name = ctx.call_name(*call);
      return name == "jinja2.select_autoescape" || name == "jinja2.utils.select_autoescape";
    }
    if (const auto* name = as<py::Name>(value)) {
      sem::BindingId id = ctx.model().binding_of(name);
      if (id == sem::kNone) return false;
      sem::BindingKind kind = ctx.model().binding(id).kind;
      if (kind == sem::BindingKind::Function) return true;
      const py::Expr* bound = ctx.model().binding(id).value;
      return kind == sem::BindingKind::Assignment && bound && decides_per_template(ctx, bound, depth + 1);
    }
    return false;
  }
};

AEGIS_REGISTER_RULE(Jinja2Autoescape);

}  // namespace
}  // namespace aegis::rules
