// DSR010 torch-load-unsafe (Bandit B614): torch.load without weights_only=True. A
// checkpoint is a pickle; without the weights-only unpickler, loading it runs whatever code
// the file names.
#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR010",
    .name = "torch-load-unsafe",
    .title = "torch.load without weights_only=True",
    .severity = Severity::High,
    .confidence = Confidence::High,
    .cwe = 502,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::InputValidation,
    .flags = "`torch.load` and `torch.serialization.load`, through imports and aliases, with "
             "`weights_only=False` (high) or without `weights_only` (medium: PyTorch 2.6 and later "
             "default to the weights-only unpickler, earlier versions do not). A variable "
             "`weights_only` is low confidence; `weights_only=True` and calls that pass `**kwargs` "
             "are not flagged.",
    .why = "`torch.load` unpickles the file: a model or checkpoint downloaded from a hub, uploaded "
           "by a user or read from shared storage can name any callable (`os.system`) and runs it "
           "on load. The weights-only unpickler accepts tensors and plain containers only.",
    .example = "model.load_state_dict(torch.load(checkpoint_path))",
    .fix = "Pass `weights_only=True` (`torch.load(path, weights_only=True)`), register the few "
           "extra classes you need with `torch.serialization.add_safe_globals`, or store weights "
           "as safetensors (`safetensors.torch.load_file`).",
    .effort = "15 min",
    .references = {"https://pytorch.org/docs/stable/generated/torch.load.html",
                   "https://cwe.mitre.org/data/definitions/502.html"},
    .bandit = "B614",
    .ruff = "",
};

class TorchLoad final : public Rule {
 public:
  TorchLoad() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls{"torch.load", "torch.serialization.load"};
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* source = argument(call, "f", 0);
    std::string what = "(";
    if (source) what.append(ctx.source(*source).substr(0, 40));
    what += ')';
    // load(f, map_location=None, pickle_module=None, *, weights_only=None, ...)
    const py::Keyword* weights_only = keyword(call, "weights_only");
    if (!weights_only) {
      if (has_splat(call)) return;
      Finding& f = ctx.report(call, function + what +
                                        " without weights_only=True unpickles arbitrary objects on "
                                        "PyTorch before 2.6; pass weights_only=True");
      f.severity = Severity::Medium;
      return;
    }
    if (is_true_constant(ctx, weights_only->value)) return;
    auto value = constant(ctx, weights_only->value);
    if (!value) {
      Finding& f = ctx.report(call, function + what + " with weights_only=" +
                                        std::string(ctx.source(*weights_only->value)) +
                                        ", which may be false: the file may run code when loaded");
      f.severity = Severity::Medium;
      f.confidence = Confidence::Low;
      return;
    }
    ctx.report(call, function + what + " with weights_only=" +
                         std::string(ctx.source(*weights_only->value)) +
                         " unpickles arbitrary objects: loading the file can run any code");
  }
};

AEGIS_REGISTER_RULE(TorchLoad);

}  // namespace
}  // namespace aegis::rules
