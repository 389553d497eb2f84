// The dependency review stage of a scan: reads the manifests found, gathers the imports
// of every analysed module, loads the advisories, and runs the project rules
// (Rule::check_project) over them.
#pragma once
#include <future>
#include <string>
#include <string_view>
#include <vector>

#include "deps/advisory_db.h"
#include "engine/scan.h"
#include "rules/project.h"
#include "semantic/semantic_model.h"

namespace aegis::engine {

// The absolute imports of one module, with how they are guarded. `line_starts`: where the
// lines of `text` start (rules::line_starts), when the caller has them; else found here.
void collect_imports(const sem::SemanticModel& model, std::string_view text, const std::string& path,
                     const std::string& relative_path, bool in_test, rules::ModuleImports& out,
                     const std::vector<std::size_t>* line_starts = nullptr);

struct DependencyInputs {
  std::vector<rules::ModuleImports> modules;   // analysed Python files
  std::vector<FileOutcome*> manifest_files;    // manifests discovered (outcomes are updated)
  // The built-in advisories when they were read on a thread of their own while the files
  // were analysed; read here when not valid.
  std::future<deps::AdvisoryDb> builtin_advisories;
};

// Reads the manifests (and setup.py files), runs the project rules, and adds their
// findings (fingerprinted), diagnostics and advisory sources to `result`.
void run_dependency_review(const ScanOptions& options, DependencyInputs& inputs, ScanResult& result);

}  // namespace aegis::engine
