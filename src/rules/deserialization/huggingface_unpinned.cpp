// DSR011 huggingface-unpinned-download (Bandit B615): models, datasets and files fetched
// from the Hugging Face Hub without a commit pinned in revision=. A branch ("main") or tag
// moves: whoever controls the repository decides what the next deployment loads.
#include <cctype>

#include "rules/rule.h"

namespace aegis::rules {
namespace {

const RuleMeta kMeta{
    .id = "DSR011",
    .name = "huggingface-unpinned-download",
    .title = "Hugging Face Hub download without a pinned revision",
    .severity = Severity::Medium,
    .confidence = Confidence::High,
    .cwe = 494,
    .owasp = "A08:2021-Software and Data Integrity Failures",
    .area = Area::Dependencies,
    .flags = "`from_pretrained` of any class reached from `transformers`, `diffusers` or `peft` "
             "(`AutoModel`, `AutoTokenizer`, `BertModel`, `DiffusionPipeline`, `PeftModel`, ...), "
             "`datasets.load_dataset`, `huggingface_hub.hf_hub_download` and `snapshot_download` "
             "without `revision=` set to a full commit hash (40 hex digits); a branch or tag "
             "(`\"main\"`, `\"v1.0\"`) is not a pin. High with `trust_remote_code=True`. Local paths "
             "(`/`, `./`, `~`), `local_files_only=True`, the packaged dataset builders (`csv`, "
             "`json`, `parquet`, ...) and a `revision` held in a variable are not flagged; a model "
             "name held in a variable is low confidence (it may be a local directory).",
    .why = "Model files are code in disguise (pickled weights, and with `trust_remote_code` real "
           "Python): an unpinned download takes whatever the repository holds at that moment, so "
           "a compromised or transferred repository, or a mistaken push, changes what production "
           "loads and runs without any change to this code.",
    .example = "model = AutoModel.from_pretrained(\"acme/sentiment\")",
    .fix = "Pin the commit you reviewed: `AutoModel.from_pretrained(\"acme/sentiment\", "
           "revision=\"4f2c1d0e9b8a7c6d5e4f3a2b1c0d9e8f7a6b5c4d\")`, prefer safetensors "
           "(`use_safetensors=True`), and avoid `trust_remote_code=True`.",
    .effort = "15 min",
    .references = {"https://huggingface.co/docs/huggingface_hub/guides/download",
                   "https://cwe.mitre.org/data/definitions/494.html"},
    .bandit = "B615",
    .ruff = "",
};

const sem::QualifiedNameSet kHubFunctions{
    "datasets.load_dataset", "huggingface_hub.hf_hub_download",
    "huggingface_hub.snapshot_download", "huggingface_hub.file_download.hf_hub_download",
    "huggingface_hub._snapshot_download.snapshot_download"};

bool commit_hash(std::string_view revision) {
  if (revision.size() != 40) return false;
  for (char c : revision) {
    if (!std::isxdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

bool local_path(std::string_view name) {
  if (name.empty()) return true;
  if (name[0] == '/' || name[0] == '.' || name[0] == '~' || name.find('\\') != std::string_view::npos) {
    return true;
  }
  return name.size() >= 2 && name[1] == ':' && std::isalpha(static_cast<unsigned char>(name[0]));
}

// datasets' packaged builders read local or given files, not a Hub repository.
bool packaged_builder(std::string_view name) {
  static constexpr std::string_view kBuilders[] = {
      "csv", "json", "parquet", "text", "arrow", "pandas", "sql", "generator", "xml",
      "imagefolder", "audiofolder", "videofolder", "pdffolder", "webdataset"};
  for (std::string_view b : kBuilders) {
    if (name == b) return true;
  }
  return false;
}

class HuggingfaceUnpinned final : public Rule {
 public:
  HuggingfaceUnpinned() : Rule(kMeta) {}
  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kCalls = [] {
      sem::QualifiedNameSet set{"transformers.*", "diffusers.*", "peft.*"};
      kHubFunctions.for_each_exact([&](std::string_view n) { set.add(n); });
      return set;
    }();
    return &kCalls;
  }

  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    const std::string& function = ctx.call_name(call);
    const py::Expr* repository = nullptr;
    bool dataset = false;
    if (function.starts_with("peft.PeftModel") && function.ends_with(".from_pretrained")) {
      repository = argument(call, "model_id", 1);  // from_pretrained(model, model_id, ...)
    } else if (function.ends_with(".from_pretrained")) {
      repository = argument(call, "pretrained_model_name_or_path", 0);
    } else if (kHubFunctions.contains(function)) {
      dataset = function == "datasets.load_dataset";
      repository = argument(call, dataset ? "path" : "repo_id", 0);
    } else {
      return;
    }
    if (!repository) return;
    if (is_true_constant(ctx, argument(call, "local_files_only"))) return;
    auto name = string_constant(ctx, repository);
    if (name && (local_path(*name) || (dataset && packaged_builder(*name)))) return;

    const py::Expr* revision = argument(call, "revision");
    std::string problem;
    if (!revision || is_none_constant(ctx, revision)) {
      if (!revision && has_splat(call)) return;
      problem = "without a pinned revision";
    } else {
      auto pinned = string_constant(ctx, revision);
      if (!pinned) return;  // chosen elsewhere (configuration): cannot judge here
      if (commit_hash(*pinned)) return;
      problem = "with revision=\"" + std::string(*pinned) + "\", a branch or tag rather than a commit";
    }
    std::string shown(1, name ? '"' : '`');
    shown.append(name ? *name : ctx.source(*repository).substr(0, 40));
    shown += shown.front();
    bool remote_code = is_true_constant(ctx, argument(call, "trust_remote_code"));
    std::string short_name = function.substr(function.find('.') + 1);
    std::string unless_local = name ? "" : " (unless it names a local directory)";
    Finding& f = ctx.report(call, short_name + "(" + shown + ") downloads from the Hugging Face Hub" +
                                      unless_local + " " +
                                      problem + (remote_code ? " and runs its code (trust_remote_code=True)" : "") +
                                      "; pin revision= to a reviewed commit hash");
    if (remote_code) f.severity = Severity::High;
    if (!name) f.confidence = Confidence::Low;
  }
};

AEGIS_REGISTER_RULE(HuggingfaceUnpinned);

}  // namespace
}  // namespace aegis::rules
