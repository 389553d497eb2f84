// A PythonProject built from sources in memory: for `aegis debug app` and for tests, which
// need the framework model without the scan pipeline. Owns the trees and semantic indexes.
#pragma once
#include <memory>
#include <string>
#include <vector>

#include "python/parse.h"
#include "rules/python_project.h"
#include "semantic/semantic_model.h"

namespace aegis::frameworks {

class LoadedProject {
 public:
  struct Source {
    std::string relative_path;  // '/'-separated, relative to the root ("app/views.py")
    std::string display_path;   // as shown in output
    std::string bytes;
  };
  // Parses every source; files that fail to parse are listed in errors() and left out.
  explicit LoadedProject(std::vector<Source> sources);
  LoadedProject(const LoadedProject&) = delete;
  LoadedProject& operator=(const LoadedProject&) = delete;

  rules::PythonProject& project() { return project_; }
  const std::vector<std::string>& errors() const { return errors_; }

  // "app/views.py" -> "app.views", "app/__init__.py" -> "app"; "" for non-identifiers.
  static std::string module_name(const std::string& relative_path, bool& is_package);

 private:
  struct Entry {
    Source source;
    std::unique_ptr<py::ParsedModule> parsed;
    std::unique_ptr<sem::SemanticModel> model;
    rules::PythonModule module;
  };
  std::vector<std::unique_ptr<Entry>> entries_;
  rules::PythonProject project_;
  std::vector<std::string> errors_;
};

}  // namespace aegis::frameworks
