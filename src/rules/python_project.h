// What rules about the project's Python code as a whole see: every analysed module's
// syntax tree and semantic index at once, after the per-file stage. For analyses that
// cross modules: the data-flow engine (summaries over the call graph) and the framework
// models (an app object in one module, its config classes in another, routes in a third).
// Such rules override Rule::check_python_project(), called once per scan.
#pragma once
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/finding.h"
#include "core/strength.h"
#include "rules/rule.h"

namespace aegis::rules {

struct PythonModule {
  FileUnit unit;             // path (as displayed), text, module, model, in_test
  std::string relative_path; // relative to the scan root, '/'-separated
  std::string name;          // dotted module name ("app.views"); empty when unknown
  bool is_package = false;   // an __init__.py
  // Where the data flow starts in this module (dataflow::has_entries), when the per-file
  // stage already looked: its top level reads input; its entry functions.
  bool entries_known = false;
  bool entry_top_level = false;
  std::vector<const py::Node*> entry_functions;
};

// What the data flow concluded about a place where a pattern rule may report: whether only
// constants or sanitised data reach it (`clean`), or attacker data does (`tainted`).
// Pattern findings of the same CWE on those lines follow the verdict (scan.cpp).
struct SinkVerdict {
  std::string path;
  int line = 0;
  int end_line = 0;
  int cwe = 0;          // 0: any CWE (a string built on those lines)
  enum State : std::uint8_t { Clean, Unknown, Tainted } state = Unknown;
};

struct PythonProject {
  // The modules loaded for the project stage, in path order: every analysed module when the
  // project uses a web framework (or one of the libraries the framework models read),
  // otherwise those where the data flow starts (has_entries). Their trees and indexes are set.
  // Empty while the per-file stage still runs (await_module is set): use for_each_module.
  std::vector<const PythonModule*> modules;
  // Every analysed module with a dotted name, loaded or not: a module not loaded has no
  // tree or index until module() loads it.
  std::unordered_map<std::string, PythonModule*> by_name;
  // Makes a module's tree and index available: the engine waits for (or does) the module's
  // per-file analysis, or reads and parses a freed file again. False when it cannot. Every
  // lookup goes through it: the data flow may run while the per-file stage still does.
  std::function<bool(PythonModule&)> load;
  // Set while the per-file stage is still running (the data flow starts beside it): then
  // `modules` is not filled yet, and await_module(i, m) waits for the i-th Python file
  // (path order) to be analysed, setting `m` to its module when kept for the project stage
  // (null otherwise); false past the last file. for_each_module uses it.
  std::function<bool(std::size_t, const PythonModule*&)> await_module;
  // Whether some module imports a web framework or a library the framework models read;
  // the framework rules run only then (Rule::about_applications).
  bool uses_frameworks = false;

  // The module a dotted name refers to ("app.config"), loaded, or null when it is not the
  // project's (or cannot be loaded).
  const PythonModule* module(std::string_view dotted) const {
    auto it = by_name.find(std::string(dotted));
    if (it == by_name.end()) return nullptr;
    PythonModule* m = it->second;
    if (load ? !load(*m) : !m->unit.module) return nullptr;
    return m;
  }

  // Calls fn for each module kept for the project stage, in path order, as each becomes
  // ready.
  template <typename Fn>
  void for_each_module(Fn&& fn) const {
    if (!await_module) {
      for (const PythonModule* m : modules) fn(*m);
      return;
    }
    const PythonModule* m = nullptr;
    for (std::size_t i = 0; await_module(i, m); ++i) {
      if (m) fn(*m);
    }
  }

  // Set by the engine before each rule runs.
  const Rule* rule = nullptr;
  std::vector<Finding>* out = nullptr;     // findings (the engine routes them to their files)
  std::vector<Strength>* strengths = nullptr;
  std::vector<SinkVerdict> verdicts;
  // Analyses shared by several rules (the data flow, the framework models), built by the
  // first rule that needs one.
  std::map<std::string, std::shared_ptr<void>> shared;

  // Reports a finding of the current rule at `node` of `module`, like RuleContext::report.
  Finding& report(const PythonModule& module, const py::Node& node, std::string message) {
    // One context per module: it indexes the file's lines on first use.
    auto& ctx = contexts_[&module];
    if (!ctx) ctx = std::make_unique<RuleContext>(module.unit, *out);
    ctx->set_rule(rule);
    return ctx->report(node, std::move(message));
  }
  // Records a control found in place.
  void strength(Strength s) { strengths->push_back(std::move(s)); }

 private:
  std::unordered_map<const PythonModule*, std::unique_ptr<RuleContext>> contexts_;
};

}  // namespace aegis::rules
