#include "frameworks/loaded_project.h"

#include <algorithm>
#include <cctype>

#include "rules/test_paths.h"

namespace aegis::frameworks {

std::string LoadedProject::module_name(const std::string& relative_path, bool& is_package) {
  is_package = false;
  std::string path = relative_path;
  if (path.size() < 3 || path.substr(path.size() - 3) != ".py") return {};
  path.resize(path.size() - 3);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  if (!parts.empty() && parts.back() == "__init__") {
    parts.pop_back();
    is_package = true;
  }
  std::string out;
  for (const std::string& p : parts) {
    bool ident = !p.empty() && !std::isdigit(static_cast<unsigned char>(p[0])) &&
                 std::all_of(p.begin(), p.end(), [](char c) {
                   return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || static_cast<unsigned char>(c) >= 0x80;
                 });
    if (!ident) return {};
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

LoadedProject::LoadedProject(std::vector<Source> sources) {
  std::sort(sources.begin(), sources.end(),
            [](const Source& a, const Source& b) { return a.relative_path < b.relative_path; });
  for (Source& s : sources) {
    auto e = std::make_unique<Entry>();
    e->source = std::move(s);
    e->parsed = py::parse_python(e->source.bytes);
    if (e->parsed->error) {
      errors_.push_back(e->source.display_path + ":" + std::to_string(e->parsed->error->lineno) + ": " +
                        e->parsed->error->message);
      continue;
    }
    bool is_package = false;
    std::string name = module_name(e->source.relative_path, is_package);
    e->model = std::make_unique<sem::SemanticModel>(e->parsed->module, sem::ModuleInfo{name, is_package});
    e->module.unit.path = e->source.display_path;
    e->module.unit.text = e->parsed->text;
    e->module.unit.module = e->parsed->module;
    e->module.unit.model = e->model.get();
    e->module.unit.in_test = rules::is_test_path(e->source.relative_path);
    e->module.relative_path = e->source.relative_path;
    e->module.name = name;
    e->module.is_package = is_package;
    entries_.push_back(std::move(e));
  }
  for (const auto& e : entries_) {
    project_.modules.push_back(&e->module);
    if (!e->module.name.empty()) project_.by_name[e->module.name] = &e->module;
  }
}

}  // namespace aegis::frameworks
