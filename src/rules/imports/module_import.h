// The base of the IMP rules about importing a listed module. It sees every form of import:
// `import a.b [as c]`, `from a import b`, `from a.b import c`, imports in functions and in
// `try/except ImportError` fallbacks, and `importlib.import_module("a.b")` /
// `__import__("a.b")` with a literal name. Imports under `if TYPE_CHECKING:` never run and
// relative imports are the project's own modules: both are skipped.
//
//   class PickleImport final : public ModuleImportRule {
//     PickleImport() : ModuleImportRule(kMeta, {"pickle", "dill"}) {}
//     std::string message(const Hit& hit) const override { ... }
//   };
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "rules/rule.h"

namespace aegis::rules::imports {

// Whether the dotted `name` is `module` or something below it.
inline bool is_or_below(std::string_view name, std::string_view module) {
  return name.size() >= module.size() && name.substr(0, module.size()) == module &&
         (name.size() == module.size() || name[module.size()] == '.');
}

class ModuleImportRule : public Rule {
 public:
  // What one import statement (or dynamic import call) brings in of the listed modules.
  struct Hit {
    std::string_view listed;                     // the listed module matched first ("pickle")
    std::vector<std::string> imported;           // the dotted names imported ("pickle.loads")
    std::vector<const sem::ImportRecord*> records;  // empty for importlib/__import__ calls
    std::string shown;                           // the import as written, for messages
  };

  ModuleImportRule(const RuleMeta& meta, std::vector<std::string_view> modules)
      : Rule(meta), modules_(std::move(modules)) {}

  std::vector<py::NodeKind> node_kinds() const override { return {py::NodeKind::Call}; }
  const sem::QualifiedNameSet* call_filter() const override {
    static const sem::QualifiedNameSet kDynamic{"importlib.import_module", "builtins.__import__"};
    return &kDynamic;
  }

  // importlib.import_module("pickle") and __import__("pickle").
  void visit(const py::Node& node, RuleContext& ctx) const override {
    const auto& call = static_cast<const py::Call&>(node);
    auto name = string_constant(ctx, argument(call, "name", 0));
    if (!name || name->empty() || name->front() == '.') return;
    std::string_view listed = listed_module(*name);
    if (listed.empty() || harmless(ctx, nullptr, listed, *name)) return;
    Hit hit{listed, {std::string(*name)}, {}, std::string(ctx.source(call))};
    if (hit.shown.size() > 60) hit.shown = hit.shown.substr(0, 57) + "...";
    report_hit(ctx, call, hit);
  }

  void check_file(RuleContext& ctx) const override {
    const auto& records = ctx.model().imports();
    for (std::size_t i = 0; i < records.size();) {
      // One finding per statement, for the names of it that are listed.
      std::size_t end = i;
      while (end < records.size() && records[end].statement == records[i].statement) ++end;
      Hit hit;
      for (std::size_t k = i; k < end; ++k) {
        const sem::ImportRecord& r = records[k];
        if (r.level != 0 || (r.conditions & sem::kImportTypeChecking)) continue;
        std::string imported = r.is_from() ? r.module + "." + std::string(r.name) : r.module;
        std::string_view listed = listed_module(imported);
        if (listed.empty() || harmless(ctx, &r, listed, imported)) continue;
        if (hit.listed.empty()) hit.listed = listed;
        hit.imported.push_back(std::move(imported));
        hit.records.push_back(&r);
      }
      if (!hit.records.empty()) {
        hit.shown = shown(ctx, hit.records);
        report_hit(ctx, *hit.records.front()->statement, hit);
      }
      i = end;
    }
  }

 protected:
  // The message of a finding, naming what is imported.
  virtual std::string message(const Hit& hit) const = 0;
  // Whether an import of a listed module is harmless (names that parse or run nothing,
  // modules made safe elsewhere in the file). `record` is null for dynamic imports.
  virtual bool harmless(const RuleContext& ctx, const sem::ImportRecord* record,
                        std::string_view listed, std::string_view imported) const {
    (void)ctx, (void)record, (void)listed, (void)imported;
    return false;
  }
  // Adjusts a finding (severity by module, say).
  virtual void adjust(Finding& finding, const Hit& hit) const { (void)finding, (void)hit; }

  // The first component of `imported` below `listed` ("loads" in "pickle.loads", "saxutils"
  // in "xml.sax.saxutils.escape"), or empty when `imported` is the listed module itself.
  static std::string_view first_below(std::string_view imported, std::string_view listed) {
    if (imported.size() <= listed.size() + 1) return {};
    std::string_view rest = imported.substr(listed.size() + 1);
    return rest.substr(0, rest.find('.'));
  }

 private:
  std::string_view listed_module(std::string_view imported) const {
    for (std::string_view m : modules_) {
      if (is_or_below(imported, m)) return m;
    }
    return {};
  }

  void report_hit(RuleContext& ctx, const py::Node& at, const Hit& hit) const {
    Finding& f = ctx.report(at, message(hit));
    adjust(f, hit);
  }

  // `import a.b as c` / `from a import b, c as d` for the listed names of one statement.
  static std::string shown(const RuleContext& ctx, const std::vector<const sem::ImportRecord*>& records) {
    const sem::ImportRecord& first = *records.front();
    std::string out = first.is_from() ? "from " + std::string(first.raw_module) + " import " : "import ";
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (i) out += ", ";
      out += records[i]->alias ? std::string(ctx.source(*records[i]->alias)) : records[i]->module;
    }
    return out.size() > 80 ? out.substr(0, 77) + "..." : out;
  }

  std::vector<std::string_view> modules_;
};

}  // namespace aegis::rules::imports
