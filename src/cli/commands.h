// The commands behind each subcommand; main.cpp only parses arguments.
#pragma once
#include <string>
#include <vector>

namespace aegis::cli {

// Reads a whole file; false (and a message on stderr) when it cannot be read.
bool read_file(const std::string& path, std::string& bytes);

// "3.12" -> 12; -1 when the text is not a supported Python 3 version (3.8-3.14).
int parse_python_version(const std::string& text);

// aegis debug ast FILE: CPython 3.12 ast.dump(include_attributes=True) text.
int debug_ast(const std::string& path, int feature_minor);
// aegis debug tokens FILE: the token stream the parser sees, one token a line.
int debug_tokens(const std::string& path, int feature_minor);

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
  std::string format = "text";        // text | json
  std::string output;                 // file to write the report to; stdout when empty
  int jobs = 0;                       // 0: all cores
  int feature_minor = 14;
  double max_file_size_mib = 32;
  bool progress = true;               // shown only when stderr is a terminal
  bool stats = false;                 // timings on stderr
  bool allow_incomplete = false;      // exit 0 even when some files could not be analysed
  bool use_gitignore = true;
  std::vector<std::string> select;    // rule selectors (id, name, Bandit id, family, ALL)
  std::vector<std::string> ignore;
  std::string fail_on = "low";        // lowest severity of an open finding that fails the run
  std::string fail_on_confidence = "low";
  bool quiet = false;
  bool show_accepted = false;
  bool no_inline_suppressions = false;
  bool report_unused_suppressions = false;
  std::string color = "auto";         // auto | always | never
};
// aegis scan PATH...: the static review. Exit codes: 0 complete, nothing at or above
// --fail-on; 1 open findings at or above it; 2 usage or fatal error; 3 some files could
// not be analysed (unless allow_incomplete).
int scan(const ScanCommandOptions& options);

struct RulesCommandOptions {
  std::string explain;          // a rule id, name, Bandit id or Ruff code
  std::string format = "text";  // text | json
  std::string write_docs;       // a directory: write docs/rules/ pages there
};
// aegis rules [--explain ID]: the catalogue, or everything about one rule.
int rules(const RulesCommandOptions& options);

}  // namespace aegis::cli
