// aegis db import PATH... | aegis db status: the local advisory index.
#include <chrono>
#include <iostream>

#include "cli/commands.h"
#include "deps/advisory_db.h"

namespace aegis::cli {

int db_import(const DbCommandOptions& options) {
  auto start = std::chrono::steady_clock::now();
  std::string target = options.db.empty() ? deps::default_index_path() : options.db;
  deps::AdvisoryDb db;
  deps::ImportStats stats;
  for (const std::string& path : options.paths) {
    db.add(deps::read_osv_source(path, stats), &stats);
  }
  for (const std::string& error : stats.errors) std::cerr << "aegis db import: " << error << "\n";
  if (stats.files == 0) {
    std::cerr << "aegis db import: no advisories found (give a directory of OSV JSON/YAML files, "
                 "a zip of an OSV export, or one file)\n";
    return 2;
  }
  std::string error;
  if (!db.write_index(target, &error)) {
    std::cerr << "aegis db import: " << error << "\n";
    return 2;
  }
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << "imported " << stats.advisories << " advisories for " << stats.packages << " packages from "
            << stats.files << " documents into " << target << "\n";
  std::cout << "  skipped: " << stats.withdrawn << " withdrawn, " << stats.not_pypi << " not about PyPI, "
            << stats.errors.size() << " unreadable; " << stats.duplicates << " duplicate ids replaced\n";
  if (options.timings) std::cout << "  time: " << seconds << " s\n";
  return stats.errors.empty() ? 0 : 3;
}

int db_status(const DbCommandOptions& options) {
  std::string target = options.db.empty() ? deps::default_index_path() : options.db;
  deps::AdvisoryDb builtin = deps::AdvisoryDb::builtin();
  std::cout << "built-in: " << builtin.advisory_count() << " advisories for " << builtin.packages().size()
            << " packages\n";
  deps::AdvisoryDb imported;
  std::string error;
  if (!imported.attach(target, &error)) {
    std::cout << "index: none at " << target << " (run `aegis db import PATH`)\n";
    return 0;
  }
  std::cout << "index: " << target << ": " << imported.advisory_count() << " advisories for "
            << imported.packages().size() << " packages\n";
  return 0;
}

}  // namespace aegis::cli
