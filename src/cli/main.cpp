// aegis: the command-line entry point. Thin: parses arguments, calls the commands.
#include <malloc.h>
#include <sys/prctl.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"
#include "cli/debug_semantic.h"

namespace {

constexpr const char* kExitCodes =
    "Exit codes:\n"
    "  0  the scan completed with no open finding at or above --fail-on\n"
    "  1  open findings at or above --fail-on (and --fail-on-confidence)\n"
    "  2  usage error, invalid configuration, or a fatal error (e.g. a path that does not\n"
    "     exist, a report that cannot be written)\n"
    "  3  the scan finished but some files could not be analysed (see the diagnostics);\n"
    "     takes precedence over 1; --allow-incomplete turns it off";

// What `scan`, `report` and `baseline` share: the paths and every option that decides what
// is scanned and how (one definition, so the three commands never drift apart).
struct ScanFlags {
  bool no_gitignore = false;
  bool no_progress = false;
  bool no_inline_suppressions = false;
  CLI::Option* python_version = nullptr;
  CLI::Option* fail_on = nullptr;
  CLI::Option* fail_on_confidence = nullptr;

  // Copies the flags into the options once the command line is parsed.
  void finish(aegis::cli::ScanCommandOptions& options) const {
    options.use_gitignore = !no_gitignore;
    options.progress = !no_progress;
    options.inline_suppressions = !no_inline_suppressions;
    options.python_version_set = python_version->count() > 0;
    options.fail_on_set = fail_on->count() > 0;
    options.fail_on_confidence_set = fail_on_confidence->count() > 0;
  }
};

void add_scan_options(CLI::App* cmd, aegis::cli::ScanCommandOptions& options, ScanFlags& flags) {
  cmd->add_option("PATH", options.paths, "Files or directories to scan (default: .)");
  cmd->add_option("-j,--jobs", options.jobs, "Threads (0: all cores)")
      ->check(CLI::Range(0, 4096))
      ->capture_default_str();
  cmd->add_option("--exclude", options.excludes,
                  "Leave out paths matching GLOB (gitignore syntax, relative to each PATH; "
                  "repeatable; '!GLOB' re-includes)")
      ->type_name("GLOB")
      ->allow_extra_args(false);
  flags.python_version = cmd->add_option("--python-version", options.python_version,
                                         "Grammar to accept, 3.8 to 3.14 (default: the configuration's, or 3.14)");
  cmd->add_option("--max-file-size", options.max_file_size_mib, "Skip files larger than this many MiB")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_flag("--no-gitignore", flags.no_gitignore, "Do not read .gitignore files or .git/info/exclude");
  cmd->add_flag("--no-progress", flags.no_progress, "Do not show progress on stderr");
  cmd->add_flag("--allow-incomplete", options.allow_incomplete, "Exit 0 even when some files could not be analysed");
  cmd->add_option("--select", options.select,
                  "Run only these rules: ids, names, Bandit ids, Ruff codes or families (INJ); "
                  "comma-separated or repeated")
      ->delimiter(',')
      ->type_name("RULES")
      ->allow_extra_args(false);
  cmd->add_option("--ignore", options.ignore, "Do not run these rules (same forms as --select)")
      ->delimiter(',')
      ->type_name("RULES")
      ->allow_extra_args(false);
  flags.fail_on = cmd->add_option("--fail-on", options.fail_on,
                                  "Exit 1 when an open finding has at least this severity "
                                  "(default: the configuration's fail-on, or low)")
                      ->check(CLI::IsMember({"info", "low", "medium", "high", "critical", "never"}));
  flags.fail_on_confidence = cmd->add_option("--fail-on-confidence", options.fail_on_confidence,
                                             "...and at least this confidence (default: the configuration's, or low)")
                                 ->check(CLI::IsMember({"low", "medium", "high"}));
  cmd->add_option("--config", options.config_file,
                  "Read this configuration file instead of looking for aegis.toml or pyproject.toml")
      ->type_name("FILE");
  cmd->add_flag("--no-config", options.no_config, "Read no configuration file");
  cmd->add_flag("--no-inline-suppressions", flags.no_inline_suppressions,
                "Ignore every suppression comment (# aegis: ignore, # nosec, # noqa, # nosemgrep): the auditor's view");
  cmd->add_option("--baseline", options.baseline,
                  "Mark findings recorded in this baseline (from 'aegis baseline') as `baseline`: listed, "
                  "not counted by --fail-on")
      ->type_name("FILE");
  cmd->add_option("--advisory-db", options.advisory_db,
                  "Advisory index built by `aegis db import` (default: $AEGIS_ADVISORY_DB, else "
                  "$XDG_CACHE_HOME/aegis/advisories.idx, when present); the built-in advisories are always used")
      ->type_name("FILE");
  cmd->add_option("--site-packages", options.site_packages,
                  "A virtualenv or site-packages directory whose installed distributions tell import names apart")
      ->type_name("DIR");
  cmd->add_option("--target-platform", options.target_platform, "Platform dependency markers are evaluated for")
      ->check(CLI::IsMember({"linux", "darwin", "win32"}))
      ->capture_default_str();
  cmd->add_flag("--report-unused-suppressions", options.report_unused_suppressions,
                "Warn about suppression comments that accepted no finding");
}

}  // namespace

namespace {

// A scan keeps every module's tree and index for the analyses across modules: hundreds of
// megabytes touched once. With transparent huge pages for malloc's heap that costs half
// the time (fewer page faults and TLB misses). glibc reads the setting only at start-up,
// so the process starts itself again once with it; AEGIS_NO_HUGEPAGES=1 turns this off.
// It runs as the first constructor (glibc passes it argc, argv and the environment), before
// the static initialisers of the rule registry and the rest: the first process then costs
// little more than its exec.
__attribute__((constructor(101))) void use_huge_pages(int, char** argv, char**) {
  if (argv == nullptr || argv[0] == nullptr) return;
  const char* kTunable = "glibc.malloc.hugetlb=1";
  const char* current = std::getenv("GLIBC_TUNABLES");
  if (std::getenv("AEGIS_NO_HUGEPAGES") || (current && std::strstr(current, "glibc.malloc.hugetlb"))) return;
  // No std::string: the C++ library's own static initialisers may not have run yet.
  static char value[4096];
  int n = current && *current ? std::snprintf(value, sizeof value, "%s:%s", current, kTunable)
                              : std::snprintf(value, sizeof value, "%s", kTunable);
  if (n < 0 || static_cast<std::size_t>(n) >= sizeof value) return;
  if (::setenv("GLIBC_TUNABLES", value, 1) != 0) return;
  ::execv("/proc/self/exe", argv);
  ::unsetenv("GLIBC_TUNABLES");  // exec failed: carry on without
  if (current) ::setenv("GLIBC_TUNABLES", current, 1);
}

// Started again through /proc/self/exe, the process is named "exe" (in ps, top, pgrep):
// it takes back the name it was called by.
void name_process(const char* argv0) {
  if (argv0 == nullptr) return;
  const char* base = std::strrchr(argv0, '/');
  ::prctl(PR_SET_NAME, base ? base + 1 : argv0, 0, 0, 0);
}

}  // namespace

int main(int argc, char** argv) {
  name_process(argv[0]);
  // Grow the heap in large steps rather than one system call per 128 KiB.
  mallopt(M_TOP_PAD, 64 << 20);
  mallopt(M_TRIM_THRESHOLD, 256 << 20);
  CLI::App app{"Aegis: security review for Python web services"};
  app.set_version_flag("--version", std::string("aegis ") + AEGIS_VERSION);
  app.require_subcommand(1);
  app.footer("Run 'aegis COMMAND --help' for the options of a command.");

  std::string python_version = "3.14";

  aegis::cli::ScanCommandOptions scan_options;
  ScanFlags scan_flags;
  auto* scan = app.add_subcommand("scan", "Review a project: discover its files and analyse them");
  add_scan_options(scan, scan_options, scan_flags);
  scan->add_option("--format", scan_options.format, "Report format (text, json, sarif, junit, cyclonedx: an SBOM of the dependencies)")
      ->check(CLI::IsMember({"text", "json", "sarif", "junit", "cyclonedx"}))
      ->capture_default_str();
  scan->add_option("-o,--output", scan_options.outputs,
                   "Write the --format report to FILE instead of stdout; FORMAT:FILE writes one more report "
                   "(e.g. --output sarif:aegis.sarif --output json:aegis.json; FILE '-' is stdout); repeatable")
      ->type_name("[FORMAT:]FILE")
      ->allow_extra_args(false);
  scan->add_flag("--stats", scan_options.stats, "Print timings per stage and throughput on stderr");
  scan->add_flag("-q,--quiet", scan_options.quiet, "Print findings and the summary line only");
  scan->add_flag("--strengths", scan_options.strengths,
                 "List the security controls found in place (text output; JSON always has them)");
  scan->add_flag("--show-accepted", scan_options.show_accepted,
                 "List findings accepted by a suppression comment or the baseline too");
  scan->add_flag("--trace", scan_options.trace,
                 "Under each data-flow finding, print the path from the source to the sink");
  scan->add_option("--color", scan_options.color, "Colour the text output")
      ->check(CLI::IsMember({"auto", "always", "never"}))
      ->capture_default_str();
  scan->footer(kExitCodes);

  aegis::cli::ReportCommandOptions report_options;
  ScanFlags report_flags;
  auto* report = app.add_subcommand("report", "Write the audit report (Markdown or HTML) of a scan");
  add_scan_options(report, report_options.scan, report_flags);
  report->add_option("--format", report_options.format, "Report format: md (GitHub Markdown) or html (one self-contained file)")
      ->check(CLI::IsMember({"md", "html"}))
      ->capture_default_str();
  report->add_option("-o,--output", report_options.output, "Write the report to FILE (default: stdout)")->type_name("FILE");
  report->add_option("--date", report_options.date,
                     "The report's date, YYYY-MM-DD (default: $SOURCE_DATE_EPOCH, else today, UTC)")
      ->type_name("DATE");
  report->add_option("--project", report_options.project, "The project name in the header (default: the scan root's name)")
      ->type_name("NAME");
  report->footer(kExitCodes);

  aegis::cli::BaselineCommandOptions baseline_options;
  ScanFlags baseline_flags;
  auto* baseline = app.add_subcommand("baseline", "Record today's findings by fingerprint, so later scans report only new ones");
  add_scan_options(baseline, baseline_options.scan, baseline_flags);
  baseline->add_option("-o,--output", baseline_options.output, "Where to write the baseline")
      ->type_name("FILE")
      ->capture_default_str();
  baseline->add_option("--reason", baseline_options.reason, "Why these findings are accepted (stored with each new entry)")
      ->type_name("TEXT");

  aegis::cli::ConfigCommandOptions config_options;
  auto* config = app.add_subcommand("config", "Show the effective configuration, or why a file is (not) scanned");
  config->add_flag("--show", config_options.show,
                   "Print the effective configuration and where each value comes from");
  config->add_option("PATH", config_options.path, "Where to look for the configuration (default: .)");
  config->add_option("--why", config_options.why, "Say why FILE is or is not scanned")->type_name("FILE");
  config->add_option("--root", config_options.root, "The scan root --why assumes (default: .)")->type_name("DIR");
  config->add_option("--config", config_options.config_file, "Read this configuration file")->type_name("FILE");
  config->add_flag("--no-config", config_options.no_config, "Read no configuration file");

  aegis::cli::RulesCommandOptions rules_options;
  auto* rules = app.add_subcommand("rules", "List the rules, or explain one");
  rules->add_option("--explain", rules_options.explain, "Everything about one rule (id, name or Bandit id)")
      ->type_name("ID");
  rules->add_option("--format", rules_options.format, "Output format")
      ->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  rules->add_option("--write-docs", rules_options.write_docs, "Write the Markdown pages of docs/rules/ to DIR")
      ->type_name("DIR");

  aegis::cli::DbCommandOptions db_options;
  auto* db = app.add_subcommand("db", "Manage the local advisory index (OSV data) scans match dependencies against");
  db->require_subcommand(1);
  auto* db_import = db->add_subcommand("import", "Build the local index from OSV advisories (directory, zip export or file)");
  db_import->add_option("PATH", db_options.paths, "OSV JSON/YAML directories, zip exports or files")->required();
  db_import->add_flag("--stats", db_options.timings, "Print the time taken");
  auto* db_status = db->add_subcommand("status", "Show the built-in advisories and the local index");
  for (auto* sub : {db_import, db_status}) {
    sub->add_option("--db", db_options.db,
                    "The index file (default: $AEGIS_ADVISORY_DB, else $XDG_CACHE_HOME/aegis/advisories.idx)")
        ->type_name("FILE");
  }

  auto* debug = app.add_subcommand("debug", "Inspect what Aegis sees");
  debug->require_subcommand(1);
  std::string path;
  auto* ast = debug->add_subcommand("ast", "Print a file's syntax tree as CPython 3.12's ast.dump(include_attributes=True)");
  ast->add_option("FILE", path, "Python source file")->required();
  ast->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  auto* tokens = debug->add_subcommand("tokens", "Print the tokens the parser sees");
  tokens->add_option("FILE", path, "Python source file")->required();
  tokens->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  auto* semantic = debug->add_subcommand(
      "semantic", "Print what the semantic index knows about a module: scopes, bindings, imports, resolved names");
  semantic->add_option("FILE", path, "Python source file")->required();
  semantic->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  auto* manifests = debug->add_subcommand("manifests", "Print a project's dependency manifests and lock files as JSON");
  manifests->add_option("PATH", path, "Project directory or manifest file")->required();
  aegis::cli::DebugParseOptions parse_options;
  auto* parse = debug->add_subcommand("parse", "Parse files and directories, print counts and throughput");
  parse->add_option("PATH", parse_options.paths, "Files or directories")->required();
  parse->add_option("-j,--jobs", parse_options.jobs, "Threads (0: all cores)");
  parse->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  parse->add_flag("--list-failures", parse_options.list_failures, "Print each rejected file with its error");
  auto* app_model = debug->add_subcommand(
      "app", "Print the application model as JSON: apps, routes, controls, config per environment");
  app_model->add_option("PATH", path, "Project directory or Python file")->required();
  bool app_rules = false;
  app_model->add_flag("--rules", app_rules, "Print what the project rules conclude instead (findings and strengths)");
  auto* pep440 = debug->add_subcommand("pep440", "Answer JSON Lines queries on versions, specifiers, requirements, markers");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*scan) {
    scan_flags.finish(scan_options);
    return aegis::cli::scan(scan_options);
  }
  if (*report) {
    report_flags.finish(report_options.scan);
    return aegis::cli::report(report_options);
  }
  if (*baseline) {
    baseline_flags.finish(baseline_options.scan);
    return aegis::cli::baseline(baseline_options);
  }
  if (*config) return aegis::cli::config(config_options);
  if (*pep440) return aegis::cli::debug_pep440();
  int minor = aegis::cli::parse_python_version(python_version);
  if (minor < 0) {
    std::cerr << "aegis: error: unsupported --python-version '" << python_version << "' (3.8 to 3.14)\n";
    return 2;
  }
  if (*rules) return aegis::cli::rules(rules_options);
  if (*db_import) return aegis::cli::db_import(db_options);
  if (*db_status) return aegis::cli::db_status(db_options);
  if (*ast) return aegis::cli::debug_ast(path, minor);
  if (*tokens) return aegis::cli::debug_tokens(path, minor);
  if (*manifests) return aegis::cli::debug_manifests(path);
  if (*semantic) return aegis::cli::debug_semantic(path, minor);
  if (*app_model) return aegis::cli::debug_app(path, app_rules);
  if (*parse) {
    parse_options.feature_minor = minor;
    return aegis::cli::debug_parse(parse_options);
  }
  return 0;
}
