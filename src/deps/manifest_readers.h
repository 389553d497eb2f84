// The readers of each manifest format (one file each), behind read_manifest().
#pragma once
#include <string>
#include <string_view>
#include <vector>

#include "deps/manifest.h"

namespace aegis::deps {

void add_diagnostic(Manifest& m, int line, int column, std::string message,
                    DiagnosticSeverity severity = DiagnosticSeverity::Error);
// Parses `r.text` (unless it is a nameless direct reference), sets the name, and adds it;
// an invalid requirement becomes a warning at its position instead.
void add_requirement(Manifest& m, DeclaredRequirement r, int line, int column);

// `chain`: the files already being read through -r, to stop include cycles.
void read_requirements_txt(Manifest& m, std::string_view text, const FileLoader& load,
                           std::vector<std::string> chain, bool constraints = false);
void read_pyproject(Manifest& m, std::string_view text);
void read_setup_cfg(Manifest& m, std::string_view text);
void read_setup_py(Manifest& m, std::string_view text);
void read_pipfile(Manifest& m, std::string_view text);
void read_pipfile_lock(Manifest& m, std::string_view text);
void read_toml_lock(Manifest& m, std::string_view text);  // poetry.lock, uv.lock
void read_pip_conf(Manifest& m, std::string_view text);

}  // namespace aegis::deps
