// Manifest kinds, shared helpers, and the dispatch to each format's reader.
#include "deps/manifest.h"

#include "deps/manifest_readers.h"

namespace aegis::deps {

const char* to_string(ManifestKind kind) {
  switch (kind) {
    case ManifestKind::Requirements: return "requirements";
    case ManifestKind::Pyproject: return "pyproject";
    case ManifestKind::SetupCfg: return "setup.cfg";
    case ManifestKind::SetupPy: return "setup.py";
    case ManifestKind::Pipfile: return "Pipfile";
    case ManifestKind::PipfileLock: return "Pipfile.lock";
    case ManifestKind::PoetryLock: return "poetry.lock";
    case ManifestKind::UvLock: return "uv.lock";
    case ManifestKind::PipConf: return "pip.conf";
  }
  return "manifest";
}

std::optional<ManifestKind> manifest_kind(std::string_view name, std::string_view parent) {
  auto ends = [&](std::string_view s) { return name.size() >= s.size() && name.substr(name.size() - s.size()) == s; };
  auto starts = [&](std::string_view s) { return name.substr(0, s.size()) == s; };
  if (name == "pyproject.toml") return ManifestKind::Pyproject;
  if (name == "setup.cfg") return ManifestKind::SetupCfg;
  if (name == "setup.py") return ManifestKind::SetupPy;
  if (name == "Pipfile") return ManifestKind::Pipfile;
  if (name == "Pipfile.lock") return ManifestKind::PipfileLock;
  if (name == "poetry.lock") return ManifestKind::PoetryLock;
  if (name == "uv.lock") return ManifestKind::UvLock;
  if (name == "pip.conf" || name == "pip.ini") return ManifestKind::PipConf;
  if ((ends(".txt") || ends(".in")) &&
      (starts("requirements") || starts("constraints") || ends("requirements.txt") || ends("requirements.in") ||
       parent == "requirements")) {
    return ManifestKind::Requirements;
  }
  return std::nullopt;
}

void add_diagnostic(Manifest& m, int line, int column, std::string message, DiagnosticSeverity severity) {
  Diagnostic d;
  d.severity = severity;
  d.kind = DiagnosticKind::Syntax;
  d.path = m.path;
  d.line = line;
  d.column = column;
  d.message = std::move(message);
  m.diagnostics.push_back(std::move(d));
}

void add_requirement(Manifest& m, DeclaredRequirement r, int line, int column) {
  r.where = {m.path, line, column};
  r.kind = m.kind;
  if (!r.direct_reference || r.name.empty()) {
    std::string error;
    std::size_t offset = 0;
    r.parsed = parse_requirement(r.text, &error, &offset);
    if (!r.parsed) {
      if (r.direct_reference) return;  // a bare path or URL with no name: nothing to match
      add_diagnostic(m, line, column + static_cast<int>(offset),
                     "invalid requirement '" + r.text + "': " + error, DiagnosticSeverity::Warning);
      return;
    }
    r.name = normalize_name(r.parsed->name);
    if (!r.parsed->url.empty()) r.direct_reference = true;
  }
  m.requirements.push_back(std::move(r));
}

Manifest read_manifest(const std::string& path, std::string_view text, ManifestKind kind, const FileLoader& load) {
  Manifest m;
  m.path = path;
  m.kind = kind;
  switch (kind) {
    case ManifestKind::Requirements: {
      // constraints*.txt only ever pins: pip reads it with -c.
      std::string_view name = std::string_view(path).substr(path.find_last_of('/') + 1);
      read_requirements_txt(m, text, load, {}, name.rfind("constraints", 0) == 0);
      break;
    }
    case ManifestKind::Pyproject: read_pyproject(m, text); break;
    case ManifestKind::SetupCfg: read_setup_cfg(m, text); break;
    case ManifestKind::SetupPy: read_setup_py(m, text); break;
    case ManifestKind::Pipfile: read_pipfile(m, text); break;
    case ManifestKind::PipfileLock: read_pipfile_lock(m, text); break;
    case ManifestKind::PoetryLock:
    case ManifestKind::UvLock: read_toml_lock(m, text); break;
    case ManifestKind::PipConf: read_pip_conf(m, text); break;
  }
  return m;
}

}  // namespace aegis::deps
