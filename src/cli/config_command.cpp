// aegis config: the effective configuration (--show) and why a file is or is not scanned
// (--why); and the configuration loading `aegis scan` shares.
#include <iostream>

#include "cli/commands.h"
#include "engine/config.h"
#include "engine/explain.h"

namespace aegis::cli {

bool load_project_config(const std::string& start, const std::string& config_file, bool no_config,
                         engine::ProjectConfig& config) {
  if (no_config) return true;
  std::string path = config_file.empty() ? engine::find_config_file(start) : config_file;
  if (path.empty()) return true;
  std::vector<engine::ConfigError> errors;
  if (engine::load_config(path, config, errors)) return true;
  for (const auto& e : errors) std::cerr << e.format() << '\n';
  std::cerr << "aegis: error: invalid configuration (" << errors.size() << (errors.size() == 1 ? " error" : " errors")
            << ")\n";
  return false;
}

int config(const ConfigCommandOptions& options) {
  if (options.show == !options.why.empty()) {
    std::cerr << "aegis: error: give either --show [PATH] or --why FILE\n";
    return 2;
  }
  engine::ProjectConfig config;
  std::string start = options.show ? (options.path.empty() ? std::string(".") : options.path) : options.root;
  if (!load_project_config(start, options.config_file, options.no_config, config)) return 2;
  if (options.show) {
    std::cout << engine::describe_config(config);
    return 0;
  }
  engine::ExplainOptions explain;
  explain.file = options.why;
  explain.root = options.root;
  explain.config = &config;
  engine::Explanation answer = engine::explain_file(explain);
  std::cout << answer.text;
  return 0;
}

}  // namespace aegis::cli
