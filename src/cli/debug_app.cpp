// aegis debug app PATH: the application model of a project (apps, routes, controls, config
// per environment, Django settings) as JSON -- what the framework rules believe.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "frameworks/app_model.h"
#include "frameworks/loaded_project.h"
#include "rules/rule.h"

namespace aegis::cli {

int debug_app(const std::string& path, bool run_rules) {
  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path root(path);
  std::vector<frameworks::LoadedProject::Source> sources;
  auto add = [&](const fs::path& file, const std::string& relative) {
    frameworks::LoadedProject::Source s;
    if (!read_file(file.string(), s.bytes)) return;
    s.relative_path = relative;
    s.display_path = file.lexically_normal().generic_string();
    sources.push_back(std::move(s));
  };
  if (fs::is_regular_file(root, ec)) {
    add(root, root.filename().generic_string());
  } else if (fs::is_directory(root, ec)) {
    fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end; it.increment(ec)) {
      const fs::path& p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory(ec)) {
        // Hidden directories, virtual environments and caches are not the project's code.
        if (name.starts_with(".") || name == "__pycache__" || name == "node_modules" || name == "venv" ||
            name == "site-packages" || fs::exists(p / "pyvenv.cfg", ec)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (p.extension() != ".py" || !it->is_regular_file(ec)) continue;
      add(p, p.lexically_relative(root).generic_string());
    }
  } else {
    std::cerr << "aegis: error: " << path << ": no such file or directory\n";
    return 2;
  }
  frameworks::LoadedProject loaded(std::move(sources));
  for (const std::string& e : loaded.errors()) std::cerr << e << " (skipped)\n";
  if (run_rules) {
    // The project rules over this model alone (no suppressions or configuration): for
    // checking what a rule concludes from the model above.
    std::vector<Finding> findings;
    std::vector<Strength> strengths;
    rules::PythonProject& project = loaded.project();
    project.out = &findings;
    project.strengths = &strengths;
    for (const rules::Rule* rule : rules::Registry::instance().rules()) {
      if (!rule->wants_python_project()) continue;
      project.rule = rule;
      rule->check_python_project(project);
    }
    std::sort(findings.begin(), findings.end(), finding_less);
    std::sort(strengths.begin(), strengths.end(), strength_less);
    std::string out;
    for (const Finding& f : findings) {
      out += f.path + ":" + std::to_string(f.line) + ":" + std::to_string(f.column) + "  " + f.rule_id + "  [" +
             to_string(f.severity) + "]  " + f.message + "\n";
    }
    for (const Strength& s : strengths) {
      out += "strength " + s.id + "  " + s.path + ":" + std::to_string(s.line) + "  " + s.evidence + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
  }
  std::string out = frameworks::app_model_json(frameworks::build_app_model(loaded.project()));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace aegis::cli
