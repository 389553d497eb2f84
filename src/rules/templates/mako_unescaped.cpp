// TPL011 mako-template-unescaped (Bandit B702): Mako templates created without an
// escaping default filter. Mako inserts ${values} as they are unless `h` is applied.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "TPL011",
    .name = "mako-template-unescaped",
    .title = "Mako template without HTML escaping by default",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 79,
    .owasp = "A03:2021-Injection",
    .area = Area::InputValidation,
    .flags = "`mako.template.Template` and `mako.lookup.TemplateLookup`, through imports and "
             "aliases, unless `default_filters` lists `h` (HTML escape) or `x` (XML escape). A "
             "`default_filters` held in a variable that cannot be followed, or a call passing "
             "`**kwargs`, is not flagged.",
    .why = "Mako has no autoescaping: every `${value}` without `| h` is written into the page as "
           "is, so one forgotten filter on a user-supplied value is cross-site scripting. An "
           "escaping default filter makes the safe output the default and the raw output the "
           "exception (`| n`).",
    .example = "lookup = TemplateLookup(directories=[\"templates\"])",
    .fix = "Escape by default: `TemplateLookup(directories=[\"templates\"], "
           "default_filters=[\"h\"])` (`[\"str\", \"h\"]` on Mako 1.x for text), and disable it "
           "locally with `${trusted_html | n}` where markup is intended.",
    .effort = "15 min",
    .references = {"https://docs.makotemplates.org/en/latest/filtering.html",
                   "https://cwe.mitre.org/data/definitions/79.html"},
    .bandit = "B702",
    .ruff = "S702",
};

// The elements of a list or tuple literal, directly or through a name bound once to one.
const py::Expr* literal_sequence(const RuleContext& ctx, const py::Expr* expr, Span<py::Expr*>& out) {
  for (int depth = 0; expr && depth < 8; ++depth) {
    if (const auto* list = as<py::List>(expr)) {
      out = list->elts;
      return expr;
    }
    if (const auto* tuple = as<py::Tuple>(expr)) {
      out = tuple->elts;
      return expr;
    }
    const auto* name = as<py::Name>(expr);
    if (!name) return nullptr;
    sem::BindingId id = ctx.model().binding_of(name);
    if (id == sem::kNone || ctx.model().binding(id).home == sem::kNone) return nullptr;
    auto all = ctx.model().bindings_of(ctx.model().binding(id).home, name->id);
    if (all.size() != 1 || ctx.model().binding(all.front()).kind != sem::BindingKind::Assignment) {
      return nullptr;
    }
    expr = ctx.model().binding(all.front()).value;
  }
  return nullptr;
}

class MakoUnescaped final : public Rule {
 public:
  MakoUnescaped() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"mako.template.Template", "mako.lookup.TemplateLookup"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    std::string shown = function.substr(function.rfind('.') + 1) + "()";
    const py::Keyword* filters = keyword(call, "default_filters");
    if (!filters) {
      if (has_splat(call)) return;
      ctx.report(call, shown + " without default_filters=[\"h\"]: Mako writes ${values} into the "
                               "page unescaped unless each one says | h");
      return;
    }
    Span<py::Expr*> elements;
    if (!literal_sequence(ctx, filters->value, elements)) return;  // decided elsewhere
    for (const py::Expr* e : elements) {
      auto name = string_constant(ctx, e);
      if (name && (*name == "h" || *name == "x")) return;
    }
    ctx.report(call, shown + " with default_filters=" +
                         std::string(ctx.source(*filters->value)).substr(0, 40) +
                         ", which does not escape HTML; add \"h\"");
  }
};

AEGIS_REGISTER_RULE(MakoUnescaped);

}  // namespace
}  // namespace aegis::rules
