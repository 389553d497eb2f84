// The scan pipeline: discovery, then every Python file read, decoded, parsed,
// indexed and checked by the selected rules, in parallel; then one result whose
// order never depends on the number of threads.
#pragma once
#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "core/finding.h"
#include "core/strength.h"
#include "engine/discovery.h"
#include "python/syntax_error.h"
#include "rules/suppression.h"

namespace aegis::rules {
class Checker;
class Rule;
}

namespace aegis::engine {

enum class FileStatus { Analysed, Skipped, Failed };
const char* to_string(FileStatus status);

// What happened to one file (or one directory that was skipped or failed).
struct FileOutcome {
  std::string path;
  EntryType type = EntryType::File;
  FileKind kind = FileKind::Other;
  FileStatus status = FileStatus::Skipped;
  std::string reason;  // stable code ("syntax-error", "gitignored", ...); empty when analysed
  std::string detail;  // human text
  std::uint64_t bytes = 0;
  std::uint64_t lines = 0;  // set for analysed files
};

struct KindCoverage {
  std::size_t found = 0;
  std::size_t analysed = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
};

struct Coverage {
  std::size_t files_found = 0;
  std::size_t analysed = 0;
  std::size_t skipped = 0;
  std::size_t failed = 0;
  std::uint64_t lines_analysed = 0;
  std::uint64_t bytes_analysed = 0;
  std::map<FileKind, KindCoverage> by_kind;  // every kind, even when zero
  std::size_t directories_walked = 0;
  std::size_t directories_skipped = 0;
  std::size_t directories_failed = 0;
};

// Wall-clock and per-stage figures for --stats; never part of the stable output.
struct ScanStats {
  int threads = 0;
  double discovery_seconds = 0;
  double analysis_seconds = 0;  // wall time of the parallel per-file stage
  double total_seconds = 0;
  double read_cpu_seconds = 0;   // summed over threads
  double parse_cpu_seconds = 0;  // summed over threads
  double check_cpu_seconds = 0;  // semantic index and rules, summed over threads
  double manifest_seconds = 0;   // reading manifests and opening the advisories
  double dependency_seconds = 0; // the project rules: imports and versions against advisories
  double project_seconds = 0;    // project rules (data flow, frameworks) after the per-file stage ends;
                                 // from -j2 the data flow starts beside it
  std::size_t manifests_read = 0;
  std::uint64_t bytes_read = 0;
  std::size_t files_parsed = 0;
  long peak_rss_kib = 0;
};

// The dependency inventory the SBOM (CycloneDX) lists: one entry per distribution declared
// or locked, with the version that gets installed when a pin or lock says so.
struct DependencyComponent {
  std::string name;        // normalised (PEP 503)
  std::string version;     // locked or pinned version; empty when only a range is declared
  std::string specifier;   // the declared range ("" when none, or when only locked)
  bool optional = false;   // only in extras / dev or test groups
  bool direct = true;      // declared by a manifest, not only locked (transitive)
  std::vector<std::string> sources;  // "path:line" of each declaration or lock entry
};

struct DependencyVulnerability {
  std::string id;
  std::vector<std::string> aliases;
  std::string summary;
  std::string component;   // DependencyComponent::name
  std::string version;     // the affected version
  std::string range;       // the advisory range that holds it
  std::string fixed;       // the smallest version outside every advisory of the package; may be empty
};

struct ScanResult {
  std::vector<Finding> findings;        // sorted by finding_less, fingerprints set
  std::vector<Strength> strengths;      // controls found in place, sorted by strength_less
  std::vector<rules::Suppression> suppressions;  // every suppression comment, in path and line order
  std::vector<const rules::Rule*> rules;         // the rules that ran, by id
  bool inline_suppressions = true;               // false under --no-inline-suppressions
  std::string baseline_file;                     // the --baseline applied (report/baseline.h), if any
  std::vector<Diagnostic> diagnostics;  // sorted by path, line, column
  std::vector<FileOutcome> files;       // every file found, in path order
  std::vector<FileOutcome> directories; // directories skipped or failed, in path order
  Coverage coverage;
  ScanStats stats;
  std::vector<std::string> advisory_sources;  // where the advisories matched came from
  std::string project_name;  // the first scan root's directory name (SBOM metadata)
  std::vector<DependencyComponent> components;            // sorted by name
  std::vector<DependencyVulnerability> vulnerabilities;   // sorted by component, then id
  bool fatal = false;  // nothing was scanned (e.g. a path does not exist)
  std::string fatal_message;

  // True when every file that should have been analysed was.
  bool complete() const { return coverage.failed == 0 && coverage.directories_failed == 0; }
};

struct ScanOptions {
  DiscoveryOptions discovery;
  int feature_minor = 14;  // Python 3.<minor> grammar
  const rules::Checker* checker = nullptr;  // null: parse only, no rules
  std::vector<std::string> test_patterns;   // besides the default ones (rules/test_paths.h)
  // Configuration (engine/config.h): test paths, rules ignored per file, severity overrides;
  // patterns are matched against absolute paths.
  PathPatterns config_test_paths;
  struct PerFileIgnore {
    PathPatterns patterns;
    std::vector<std::string> rule_ids;
  };
  std::vector<PerFileIgnore> per_file_ignores;
  std::map<std::string, Severity> severity_overrides;  // rule id -> severity
  bool inline_suppressions = true;          // honour suppression comments
  bool report_unused_suppressions = false;  // warn about comments that accepted nothing
  // The dependency review (manifests, imports, advisories): on unless turned off.
  bool dependencies = true;
  std::string advisory_index;   // an index from `aegis db import`; empty: the default path, if present
  std::string site_packages;    // a virtualenv or site-packages directory to learn import names from
  std::string target_python = "3.12";   // marker environment and standard-library version
  std::string target_platform = "linux";
  // Data-flow model files (docs/dataflow.md) read on top of the built-in models.
  std::vector<std::string> dataflow_models;
  // Called after each Python file, from worker threads (must be thread-safe).
  std::function<void(std::size_t done, std::size_t total)> on_progress;
  // Whether run_scan frees the trees, indexes and data-flow state it kept. A command that
  // exits after its report leaves them to the system, which takes them back at once: freeing
  // them piece by piece cost ~15 ms of a 0.6 s stdlib scan.
  bool free_at_end = true;
};

ScanResult run_scan(const ScanOptions& options);

// The 1-based column, in characters, of UTF-8 byte `byte_offset` on line
// `lineno` (1-based) of `text`; bytes past the line's end count one each.
int character_column(std::string_view text, int lineno, int byte_offset);

// A parser error as a diagnostic, positions converted to characters using
// `text` (the decoded source, or the raw bytes when decoding failed).
Diagnostic to_diagnostic(const py::SyntaxError& error, std::string_view text, std::string path);

// `path` relative to the scan root it was found under ('/'-separated): the file name when
// the root is the file itself.
std::string relative_to_roots(const std::string& path, const std::vector<std::string>& roots);
// The dotted module name of a root-relative path ("app/views.py" -> "app.views";
// "pkg/__init__.py" -> "pkg", a package); empty when a component is not an identifier.
std::string module_name_for(const std::string& relative_path, bool& is_package);

}  // namespace aegis::engine
