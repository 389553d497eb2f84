// Python dependency manifests and lock files: what a project asks to be installed, where
// each request is written, and which package indexes it trusts. Requirement strings are
// extracted (and Poetry/Pipfile table forms converted) as PEP 508 text; their versions and
// markers are judged elsewhere (deps/pep440, deps/pep508).
#pragma once
#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "deps/pep508.h"

namespace aegis::deps {

enum class ManifestKind { Requirements, PyprojectPep621, PyprojectPoetry, SetupCfg, SetupPy,
                          Pipfile, PipfileLock, PoetryLock, UvLock, PipConf };

// Stable lowercase code ("requirements", "pyproject-pep621", ..., "pip-conf").
const char* to_string(ManifestKind kind);

// Lines are 1-based; columns are 1-based and count characters (as editors do); end_line and
// end_column are exclusive ends (the position just after the text), 0 when unknown.
struct SourcePosition {
  std::string path;
  int line = 0;
  int column = 0;
  int end_column = 0;
  int end_line = 0;
};

struct DeclaredRequirement {       // something a manifest asks to be installed
  std::string text;                // PEP 508 string ("flask-wtf>=1.2; python_version>'3.8'")
  std::string name;                // the distribution name as written (best effort, for messages)
  SourcePosition where;
  ManifestKind kind;
  std::string group;               // "" = main; extra / optional-dependencies / group name
  bool optional = false;           // an extra or a dev/test group
  bool editable = false;           // -e
  bool constraint_only = false;    // from a -c constraints file
  std::vector<std::string> hashes; // --hash=sha256:...
  std::vector<std::string> include_chain;  // -r files that led here
  // The direct URL, VCS URL or local path the requirement installs from, as written ("" for a
  // requirement resolved through an index). When the name cannot be known statically (an
  // unnamed path or URL) `text` is the location as written and `name` is "".
  std::string url;
  // Set by the scan once read (engine/dependencies.cpp): the PEP 508 parse of `text`, and
  // `name` normalised (PEP 503).
  std::optional<Requirement> parsed;
};

struct LockedPackage { std::string name; std::string version; SourcePosition where;
                       ManifestKind kind; std::vector<std::string> groups; };

// --index-url / --extra-index-url / --find-links / --trusted-host / --no-index in a
// requirements file; "global.index-url" and the like in pip.conf (pip's own key names);
// "source" in Pipfile and Pipfile.lock; "tool.poetry.source", "tool.uv.index",
// "tool.uv.index-url", "tool.uv.extra-index-url", "tool.uv.find-links" in pyproject.toml.
struct IndexSetting {
  std::string option; std::string value; SourcePosition where; };

struct ManifestDiagnostic { SourcePosition where; std::string message; };

struct Manifest {
  std::string path; ManifestKind kind;
  std::vector<DeclaredRequirement> requirements;
  std::vector<LockedPackage> locked;
  std::vector<IndexSetting> index_settings;
  std::vector<ManifestDiagnostic> diagnostics;
  bool unreadable = false;  // the file as a whole could not be parsed (bad TOML or JSON)
};

// Reads an included file (a path relative to the project, as built from the including file's
// path); nullopt when it cannot (or may not) be read.
using ManifestLoader = std::function<std::optional<std::string>(const std::string&)>;

// Whether a file name (relative path) is a manifest and of which kind. A pyproject.toml is
// PyprojectPep621 here; read_manifest reads its Poetry tables too.
std::optional<ManifestKind> manifest_kind(std::string_view relative_path);

// Reads one manifest (file text given); never throws; problems become diagnostics.
// -r/-c includes (and setup.cfg `file:` lists) are loaded through `load`, relative to the
// including file; each included file is read once per manifest.
Manifest read_manifest(std::string_view path, std::string_view text, ManifestKind kind,
                       const ManifestLoader& load);

// Finds and reads every manifest under a project root (skipping version-control metadata,
// virtualenvs, node_modules, site-packages and caches), in path order. Paths are relative to
// the root with '/' separators. Every requirements file found is a manifest of its own, with
// its includes inlined; includes that leave the root are not read.
std::vector<Manifest> read_project_manifests(const std::filesystem::path& root);

// Converts a Poetry version constraint ("^1.2.3", "~1.2", "1.2.*", "*", ">=1,<2", "1.2.3",
// ">= 1.2 < 2") to a PEP 440 specifier set ("" for any version). nullopt, with the reason in
// `error`, when it has no PEP 440 equivalent (an "||" of ranges) or is malformed.
std::optional<std::string> poetry_constraint_to_pep440(std::string_view constraint,
                                                       std::string* error = nullptr);

// Converts a Poetry `python = "..."` constraint to a PEP 508 marker ("" for any Python):
// "^3.8" -> `python_version >= "3.8" and python_version < "4.0"`; "||" becomes "or".
std::optional<std::string> poetry_python_to_marker(std::string_view constraint,
                                                   std::string* error = nullptr);

}  // namespace aegis::deps
