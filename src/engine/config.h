// Project configuration (docs/configuration.md): `[tool.aegis]` in pyproject.toml, or
// aegis.toml (the same keys at its top level), found from the scan root upward to the
// repository root. Every value remembers where it came from, for `aegis config --show`
// and for error messages; command-line flags win over it.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "core/finding.h"
#include "engine/gitignore.h"

namespace aegis::rules {
class Rule;
}

namespace aegis::engine {

// Where a value came from: a config file and line, the command line, or the default.
struct ValueSource {
  std::string file;  // display path of the config file; "" for defaults
  int line = 0;
  bool command_line = false;
  std::string describe() const;  // "pyproject.toml:12", "command line", "default"
};

template <typename T>
struct Setting {
  T value{};
  ValueSource source;
  bool set = false;
};

// A gitignore-style pattern of a config file, relative to that file's directory.
struct ConfigPattern {
  std::string text;
  std::string base_dir;  // absolute, normalised: the config file's directory
  ValueSource source;
};

struct SeverityOverride {
  std::string selector;  // as written: an id, name, Bandit id, Ruff code or family
  Severity severity = Severity::Medium;
  ValueSource source;
};

struct PerFileIgnore {
  ConfigPattern pattern;
  std::vector<std::string> selectors;
};

struct ProjectConfig {
  std::vector<std::string> files;  // config files read: the nearest first, then those it extends
  std::string root;                // absolute directory of the nearest config file; "" when none
  Setting<std::vector<std::string>> select;
  Setting<std::vector<std::string>> ignore;
  Setting<std::vector<ConfigPattern>> exclude;     // `exclude`, then `extend-exclude`
  Setting<std::vector<ConfigPattern>> test_paths;  // besides the built-in test patterns
  std::vector<SeverityOverride> severity;          // sorted by selector
  std::vector<PerFileIgnore> per_file_ignores;     // in file order
  Setting<std::string> fail_on;
  Setting<std::string> fail_on_confidence;
  Setting<std::string> python_version;
  Setting<std::vector<std::string>> dataflow_models;  // absolute paths of extra model files
};

struct ConfigError {
  std::string file;
  int line = 0;
  int column = 0;
  std::string message;
  std::string format() const;  // "pyproject.toml:12:1: error: unknown key 'x' in [tool.aegis]"
};

// The configuration file that applies to a scan of `start` (a file or directory): in its
// directory and each parent up to the repository root (the first directory holding .git),
// the first `aegis.toml`, or `pyproject.toml` with a [tool.aegis] table (aegis.toml wins
// in the same directory). "" when there is none.
std::string find_config_file(const std::string& start);

// Reads `path` and what it extends into `config`. False, with every problem in `errors`,
// when a file cannot be read or parsed, a key is unknown, a value has the wrong type or
// names no rule.
bool load_config(const std::string& path, ProjectConfig& config, std::vector<ConfigError>& errors);

// The effective configuration as TOML, each value followed by where it came from.
std::string describe_config(const ProjectConfig& config);

// The patterns of a config list, for matching.
PathPatterns to_patterns(const std::vector<ConfigPattern>& patterns);

// `path` made absolute (against the current directory) and lexically normalised.
std::string absolute_path(const std::string& path);

// The rules a scan runs: those the command line selects (or else the config's `select`,
// or else every rule), minus those the command line ignores, minus those the config
// ignores unless the command line's --select names them explicitly.
std::vector<const rules::Rule*> effective_rules(const std::vector<std::string>& cli_select,
                                                const std::vector<std::string>& cli_ignore,
                                                const ProjectConfig& config);

// The severity a config sets for `rule` (the most specific selector wins), if any.
std::optional<Severity> severity_override(const rules::Rule& rule, const ProjectConfig& config);

}  // namespace aegis::engine
