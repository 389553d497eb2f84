// The commands behind each subcommand; main.cpp only parses arguments.
#pragma once
#include <string>
#include <vector>

#include "engine/config.h"
#include "engine/scan.h"
#include "report/baseline.h"

namespace aegis::cli {

// Reads a whole file; false (and a message on stderr) when it cannot be read.
bool read_file(const std::string& path, std::string& bytes);

// "3.12" -> 12; -1 when the text is not a supported Python 3 version (3.8-3.14).
int parse_python_version(const std::string& text);

// aegis debug ast FILE: CPython 3.12 ast.dump(include_attributes=True) text.
int debug_ast(const std::string& path, int feature_minor);
// aegis debug tokens FILE: the token stream the parser sees, one token a line.
int debug_tokens(const std::string& path, int feature_minor);
// aegis debug manifests PATH: the dependency manifests and lock files of a project (or one
// file) as JSON: requirements, locked packages, index settings, diagnostics, with positions.
int debug_manifests(const std::string& path);
// aegis debug pep440: JSON Lines queries on stdin (versions, specifiers, requirements,
// markers), one JSON answer a line on stdout; the oracle test's interface.
int debug_pep440();
// aegis debug app PATH: the application model (apps, routes, controls, config per
// environment, Django settings) of a project as JSON; with run_rules, what the project
// rules conclude from it (findings and strengths, one a line).
int debug_app(const std::string& path, bool run_rules);

struct DebugParseOptions {
  std::vector<std::string> paths;  // files, or directories searched for *.py
  int jobs = 0;                    // 0: all cores
  int feature_minor = 14;
  bool list_failures = false;      // print each rejected file with its error
};
// aegis debug parse PATH...: parses every file and prints counts, bytes and
// throughput; for benchmarks and for checking a corpus parses.
int debug_parse(const DebugParseOptions& options);

struct ScanCommandOptions {
  std::vector<std::string> paths;     // files or directories; "." when empty
  std::vector<std::string> excludes;  // gitignore-style patterns
  std::string format = "text";        // text | json | sarif | junit: the report on stdout (or -o FILE)
  // -o/--output values: FILE (the --format report goes there instead of stdout) or
  // FORMAT:FILE (one more report; FILE "-" is stdout); repeatable.
  std::vector<std::string> outputs;
  int jobs = 0;                       // 0: all cores
  std::string python_version = "3.14";
  bool python_version_set = false;    // given on the command line (wins over the config)
  double max_file_size_mib = 32;
  bool progress = true;               // shown only when stderr is a terminal
  bool stats = false;                 // timings on stderr
  bool allow_incomplete = false;      // exit 0 even when some files could not be analysed
  bool use_gitignore = true;
  std::vector<std::string> select;    // rule selectors (id, name, Bandit id, family, ALL)
  std::vector<std::string> ignore;
  std::string fail_on = "low";        // lowest severity of an open finding that fails the run
  bool fail_on_set = false;
  std::string fail_on_confidence = "low";
  bool fail_on_confidence_set = false;
  bool quiet = false;
  bool show_accepted = false;
  bool strengths = false;             // --strengths: list controls found in place (text)
  bool trace = false;
  std::string color = "auto";         // auto | always | never
  std::string config_file;            // --config FILE: this file instead of searching
  bool no_config = false;             // --no-config: no configuration file at all
  bool inline_suppressions = true;    // false: --no-inline-suppressions
  bool report_unused_suppressions = false;
  std::string advisory_db;            // --advisory-db FILE
  std::string site_packages;          // --site-packages DIR
  std::string target_platform = "linux";
  std::string baseline;               // --baseline FILE: findings it records are marked `baseline`
};

// What `aegis scan`, `aegis report` and `aegis baseline` share once the options are read: the
// configuration applied, the scan run, the baseline applied.
struct ScanRun {
  engine::ScanResult result;
  std::string fail_on;             // effective thresholds (command line over configuration)
  std::string fail_on_confidence;
  report::BaselineOutcome baseline;
};
// Loads the configuration, runs the scan and applies --baseline. Returns 0, or the exit
// code of the error it printed (2).
int run_scan(const ScanCommandOptions& options, ScanRun& run);
// The exit code of a finished run: 3 incomplete (unless allowed), 1 open findings at or above
// the thresholds, else 0.
int scan_exit_code(const ScanCommandOptions& options, const ScanRun& run);
// Writes `text` to `path` ("" is stdout); false when it cannot.
bool write_output(const std::string& path, const std::string& text);

struct ReportCommandOptions {
  ScanCommandOptions scan;
  std::string format = "md";  // md | html
  std::string output;         // "" is stdout
  std::string date;           // YYYY-MM-DD; "" uses SOURCE_DATE_EPOCH, else today (UTC)
  std::string project;        // the header's project name; "" is the scan root's name
};
// aegis report PATH... --format md|html -o FILE: the audit report. Exit codes as scan's.
int report(const ReportCommandOptions& options);

struct BaselineCommandOptions {
  ScanCommandOptions scan;
  std::string output = ".aegis-baseline.json";
  std::string reason;
};
// aegis baseline PATH... -o FILE: records the open findings by fingerprint. 0 when written.
int baseline(const BaselineCommandOptions& options);

// aegis scan PATH...: the static review. Exit codes: 0 complete, nothing at or above
// --fail-on; 1 open findings at or above it; 2 usage, configuration or fatal error; 3 some
// files could not be analysed (unless allow_incomplete).
int scan(const ScanCommandOptions& options);

struct ConfigCommandOptions {
  bool show = false;            // --show [PATH]
  std::string path;             // where the search for a configuration starts (default .)
  std::string why;              // --why FILE
  std::string root = ".";       // --root DIR: the scan root --why assumes
  std::string config_file;      // --config FILE
  bool no_config = false;
};
// Finds (from `start` upward, unless `config_file` names one) and loads the configuration;
// false, with the errors on stderr, when it is invalid. No file is not an error.
bool load_project_config(const std::string& start, const std::string& config_file, bool no_config,
                         engine::ProjectConfig& config);

// aegis config --show [PATH] | --why FILE: the effective configuration with the source of
// each value, or why a file is or is not scanned.
int config(const ConfigCommandOptions& options);

struct RulesCommandOptions {
  std::string explain;          // a rule id, name, Bandit id or Ruff code
  std::string format = "text";  // text | json
  std::string write_docs;       // a directory: write docs/rules/ pages there
};
// aegis rules [--explain ID]: the catalogue, or everything about one rule.
int rules(const RulesCommandOptions& options);


struct DbCommandOptions {
  std::vector<std::string> paths;  // import: OSV directories, zip exports or files
  std::string db;                  // --db FILE: the index (default: deps::default_index_path())
  bool timings = false;            // --stats
};
// aegis db import PATH...: builds the local advisory index scans use offline.
int db_import(const DbCommandOptions& options);
// aegis db status: what the built-in set and the local index hold.
int db_status(const DbCommandOptions& options);

}  // namespace aegis::cli
