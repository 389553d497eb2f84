// What rules about the project as a whole see: the dependency manifests, the imports of
// every analysed module, the advisories, and where the project runs. Such rules override
// Rule::check_project(), called once per scan after every file has been analysed.
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "core/finding.h"
#include "deps/advisory_db.h"
#include "deps/import_names.h"
#include "deps/manifest.h"

namespace aegis::rules {

class Rule;

// One import statement of an analysed module (absolute imports only: relative ones are local).
struct ModuleImport {
  std::string module;   // "flask_wtf.csrf"
  int line = 0;         // 1-based
  int column = 0;       // 1-based, characters
  std::string source_line;
  bool conditional = false;    // in try/except ImportError, under if, TYPE_CHECKING or in a function
  bool guarded = false;        // try/except ImportError: the code copes with its absence
  bool type_checking = false;  // never runs
  bool in_function = false;    // runs when called, not at start-up
};

struct ModuleImports {
  std::string path;           // as displayed
  std::string relative_path;  // relative to the scan root
  bool in_test = false;
  std::vector<ModuleImport> imports;
};

struct ProjectContext {
  std::vector<deps::Manifest> manifests;     // every manifest read, in path order
  std::vector<ModuleImports> modules;        // every analysed Python file, in path order
  std::set<std::string> local_modules;       // top-level names the project itself provides
  const deps::AdvisoryDb* advisories = nullptr;
  const deps::ImportNames* import_names = nullptr;
  deps::MarkerEnvironment environment;       // the target the markers are evaluated for
  int python_minor = 12;

  // Set by the engine before each rule runs; findings go to `out`.
  const Rule* rule = nullptr;
  std::vector<Finding>* out = nullptr;
  // The text of line `line` (1-based) of a manifest, for snippets; files are read once.
  std::string source_line(const std::string& path, int line);
  std::map<std::string, std::vector<std::string>> line_cache;

  // Reports a finding of the current rule at a 1-based line and column of `path`.
  Finding& report(const std::string& path, int line, int column, std::string snippet, std::string message);
};

}  // namespace aegis::rules
