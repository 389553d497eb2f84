// aegis debug app PATH: the application model of a project (apps, routes, controls, config
// per environment, Django settings) as JSON -- what the framework rules believe.
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "frameworks/app_model.h"
#include "frameworks/loaded_project.h"

namespace aegis::cli {

int debug_app(const std::string& path) {
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
  std::string out = frameworks::app_model_json(frameworks::build_app_model(loaded.project()));
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace aegis::cli
