// Dependency manifests and lock files: what a project asks to have installed, where each
// requirement is written (file, line, column), and the index settings it uses. Read
// without running anything (setup.py is read from its syntax tree).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "deps/pep508.h"

namespace aegis::deps {

enum class ManifestKind { Requirements, Pyproject, SetupCfg, SetupPy, Pipfile, PipfileLock, PoetryLock, UvLock, PipConf };
const char* to_string(ManifestKind kind);

struct SourcePosition {
  std::string path;
  int line = 0;    // 1-based
  int column = 0;  // 1-based, in bytes of the line
};

// Something a manifest asks to be installed.
struct DeclaredRequirement {
  std::string text;                  // PEP 508 text (Poetry/Pipfile tables converted)
  std::string name;                  // normalised distribution name; empty when unknown (a bare path)
  std::optional<Requirement> parsed; // when `text` is PEP 508
  SourcePosition where;
  ManifestKind kind = ManifestKind::Requirements;
  std::string group;                 // "" = main; the extra / optional group / dependency group
  bool optional = false;             // an extra, or a dev/test group: not needed at run time
  bool editable = false;             // -e
  bool constraint_only = false;      // from a -c constraints file: pins, installs nothing
  bool direct_reference = false;     // a URL, VCS or local path rather than a version range
  bool hashed = false;               // --hash given
};

// A version a lock file fixes.
struct LockedPackage {
  std::string name;  // normalised
  std::string version;
  SourcePosition where;
  ManifestKind kind = ManifestKind::PoetryLock;
};

// --index-url, --extra-index-url, --find-links, --trusted-host (requirements files, pip.conf,
// Pipfile [[source]], Poetry sources).
struct IndexSetting {
  std::string option;  // "extra-index-url", ...
  std::string value;
  SourcePosition where;
};

struct Manifest {
  std::string path;
  ManifestKind kind = ManifestKind::Requirements;
  std::vector<DeclaredRequirement> requirements;
  std::vector<LockedPackage> locked;
  std::vector<IndexSetting> index_settings;
  std::vector<Diagnostic> diagnostics;  // malformed entries, with positions
  bool unreadable = false;              // the file as a whole could not be parsed
  std::vector<std::string> includes;    // files read through -r / -c
};

// The kind of a file by its name (and its directory's name, for requirements/*.txt).
std::optional<ManifestKind> manifest_kind(std::string_view file_name, std::string_view parent_name);

// Loads a file named by a -r/-c include (the path joined to the including file's
// directory); nullopt when it cannot be read.
using FileLoader = std::function<std::optional<std::string>(const std::string& path)>;

// Reads one manifest; never throws; problems become diagnostics.
Manifest read_manifest(const std::string& path, std::string_view text, ManifestKind kind, const FileLoader& load);

// Poetry's constraint syntax as a PEP 440 specifier: "^1.2.3" -> ">=1.2.3,<2.0.0",
// "~1.2" -> ">=1.2,<1.3", "1.2.*" -> "==1.2.*", "1.2" -> "==1.2", "*" -> "".
// nullopt for a form PEP 440 cannot express ("||" unions).
std::optional<std::string> poetry_constraint_to_pep440(std::string_view constraint);

}  // namespace aegis::deps
