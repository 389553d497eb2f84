// aegis rules: the catalogue, one rule explained, or docs/rules/ written.
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli/commands.h"
#include "rules/rule_docs.h"

namespace aegis::cli {

int rules(const RulesCommandOptions& options) {
  if (!options.write_docs.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options.write_docs, ec);
    // Pages of rules that no longer exist must not linger.
    for (const auto& entry : std::filesystem::directory_iterator(options.write_docs, ec)) {
      if (entry.path().extension() == ".md") std::filesystem::remove(entry.path(), ec);
    }
    for (const auto& [name, content] : aegis::rules::catalogue_markdown()) {
      std::ofstream out(std::filesystem::path(options.write_docs) / name, std::ios::binary | std::ios::trunc);
      out << content;
      if (!out) {
        std::cerr << "aegis: error: cannot write " << options.write_docs << "/" << name << "\n";
        return 2;
      }
    }
    return 0;
  }
  if (!options.explain.empty()) {
    const aegis::rules::Rule* rule = aegis::rules::Registry::instance().find(options.explain);
    if (!rule) {
      std::cerr << "aegis: error: no rule '" << options.explain << "' (see 'aegis rules')\n";
      return 2;
    }
    std::cout << aegis::rules::explain_text(*rule);
    return 0;
  }
  std::cout << (options.format == "json" ? aegis::rules::catalogue_json() : aegis::rules::catalogue_text());
  return 0;
}

}  // namespace aegis::cli
