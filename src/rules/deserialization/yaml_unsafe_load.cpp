// DSR001 yaml-unsafe-load (Bandit B506): PyYAML loading with a loader that can build
// arbitrary Python objects. safe_load and the Safe loaders stay silent.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR001",
    .name = "yaml-unsafe-load",
    .title = "YAML loaded with a loader that constructs arbitrary objects",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "`yaml.load`/`yaml.load_all` without `Loader=` or with `Loader=yaml.Loader`, "
             "`UnsafeLoader`, `FullLoader` (or their C variants), and `yaml.unsafe_load`/"
             "`unsafe_load_all`, resolved through imports and aliases. `yaml.safe_load` and "
             "`Loader=yaml.SafeLoader`/`CSafeLoader`/`BaseLoader` are safe and stay silent.",
    .why = "The full YAML loaders honour tags such as `!!python/object/apply:os.system`, so a "
           "document from a user, an upload or a shared config store can run code in the "
           "service when it is parsed.",
    .example = "settings = yaml.load(request.data, Loader=yaml.Loader)",
    .fix = "Use `yaml.safe_load(data)` (or `Loader=yaml.SafeLoader`); map the result onto your "
           "own types after validation.",
    .effort = "10 min",
    .references = {"https://pyyaml.org/wiki/PyYAMLDocumentation",
                   "https://cwe.mitre.org/data/definitions/502.html"},
    .bandit = "B506",
    .ruff = "S506",
};

const sem::QualifiedNameSet kLoad{"yaml.load", "yaml.load_all"};
const sem::QualifiedNameSet kUnsafe{"yaml.unsafe_load", "yaml.unsafe_load_all"};
const sem::QualifiedNameSet kSafeLoaders{"yaml.SafeLoader", "yaml.CSafeLoader", "yaml.BaseLoader",
                                         "yaml.CBaseLoader", "yaml.loader.SafeLoader",
                                         "yaml.loader.BaseLoader", "yaml.cyaml.CSafeLoader"};

class YamlUnsafeLoad final : public Rule {
 public:
  YamlUnsafeLoad() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"yaml.load", "yaml.load_all", "yaml.unsafe_load",
                                              "yaml.unsafe_load_all"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    if (kUnsafe.contains(function)) {
      ctx.report(call, function + "() builds arbitrary Python objects from the document; use yaml.safe_load");
      return;
    }
    if (!kLoad.contains(function)) return;
    const py::Expr* loader = argument(call, "Loader", 1);
    if (!loader) {
      if (has_splat(call)) return;  // the loader may come through **kwargs
      // PyYAML 6 requires Loader=; older versions default to the unsafe FullLoader.
      ctx.report(call, function + "() without Loader= (PyYAML < 6 then uses an unsafe loader; 6+ "
                                  "raises); use yaml.safe_load");
      return;
    }
    // A Call (getattr(yaml, name), a factory) is not a loader class we can name.
    std::string name = loader->kind == py::NodeKind::Call ? std::string() : ctx.model().qualified_name(loader);
    if (kSafeLoaders.contains(name)) return;
    if (name.rfind("yaml.", 0) != 0) {
      Finding& f = ctx.report(call, function + "() with Loader=" + std::string(ctx.source(*loader)) +
                                        ", which may not be a safe loader");
      f.confidence = Confidence::Low;
      f.severity = Severity::Medium;
      return;
    }
    ctx.report(call, function + "() with Loader=" + name +
                         " constructs arbitrary Python objects; use yaml.safe_load or SafeLoader");
  }
};

AEGIS_REGISTER_RULE(YamlUnsafeLoad);

}  // namespace
}  // namespace aegis::rules
