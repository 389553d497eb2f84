// aegis scan: runs the pipeline, writes the report, maps the outcome to an exit code.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>
#include <set>

#include "cli/commands.h"
#include "engine/config.h"
#include "engine/scan.h"
#include "report/report.h"
#include "rules/checker.h"

namespace aegis::cli {
namespace {

constexpr int kExitFindings = 1;
constexpr int kExitFatal = 2;
constexpr int kExitIncomplete = 3;

// A one-line counter on stderr, redrawn at most ten times a second.
class Progress {
 public:
  explicit Progress(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}

  void update(std::size_t done, std::size_t total) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    long elapsed_ms = static_cast<long>(
        std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count());
    long last = last_ms_.load();
    if (done != total && elapsed_ms - last < 100) return;
    std::unique_lock<std::mutex> lock(mutex_, std::try_to_lock);
    if (!lock.owns_lock()) return;
    last_ms_ = elapsed_ms;
    std::fprintf(stderr, "\raegis: analysed %zu/%zu Python files", done, total);
    std::fflush(stderr);
    drawn_ = true;
  }

  void finish() {
    if (drawn_) std::fprintf(stderr, "\r\033[K");
  }

 private:
  bool enabled_;
  std::chrono::steady_clock::time_point start_;
  std::atomic<long> last_ms_{-1000};
  std::mutex mutex_;
  bool drawn_ = false;
};

}  // namespace

bool write_output(const std::string& path, const std::string& text) {
  if (path.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    return true;
  }
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  out.close();
  return static_cast<bool>(out);
}

namespace {

// Whether an open finding reaches the failure threshold.
bool fails(const engine::ScanResult& result, const std::string& fail_on, const std::string& fail_on_confidence) {
  if (fail_on == "never") return false;
  auto severity = parse_severity(fail_on);
  auto confidence = parse_confidence(fail_on_confidence);
  if (!severity || !confidence) return false;
  for (const Finding& f : result.findings) {
    if (f.status != FindingStatus::Open) continue;
    if (f.severity >= *severity && f.confidence >= *confidence) return true;
  }
  return false;
}

struct OutputTarget {
  report::Format format;
  std::string path;  // "" is stdout
};

// -o/--output values and --format into the reports to write; false (message on stderr)
// when they contradict each other.
bool plan_outputs(const ScanCommandOptions& options, std::vector<OutputTarget>& out) {
  auto primary = report::parse_format(options.format);
  if (!primary) {
    std::cerr << "aegis: error: unknown format '" << options.format << "' (text, json, sarif, junit, cyclonedx)\n";
    return false;
  }
  std::optional<std::string> primary_file;
  std::vector<OutputTarget> extra;
  for (const std::string& value : options.outputs) {
    std::size_t colon = value.find(':');
    std::optional<report::Format> format;
    if (colon != std::string::npos) format = report::parse_format(value.substr(0, colon));
    if (format) {
      std::string path = value.substr(colon + 1);
      if (path.empty()) {
        std::cerr << "aegis: error: '--output " << value << "' names no file (use " << value << "- for stdout)\n";
        return false;
      }
      extra.push_back({*format, path == "-" ? std::string() : path});
      continue;
    }
    if (primary_file) {
      std::cerr << "aegis: error: two report files for --format " << options.format << ": '" << *primary_file
                << "' and '" << value << "' (use FORMAT:FILE for more reports)\n";
      return false;
    }
    primary_file = value == "-" ? std::string() : value;
  }
  bool extra_on_stdout = std::any_of(extra.begin(), extra.end(), [](const OutputTarget& t) { return t.path.empty(); });
  if (primary_file || !extra_on_stdout) out.push_back({*primary, primary_file.value_or("")});
  for (auto& t : extra) out.push_back(t);
  std::set<std::string> seen;
  std::size_t on_stdout = 0;
  for (const auto& t : out) {
    if (t.path.empty()) {
      ++on_stdout;
      continue;
    }
    if (!seen.insert(engine::absolute_path(t.path)).second) {
      std::cerr << "aegis: error: two reports would be written to '" << t.path << "'\n";
      return false;
    }
  }
  if (on_stdout > 1) {
    std::cerr << "aegis: error: only one report can go to stdout\n";
    return false;
  }
  return true;
}

int python_minor(const std::string& version) { return parse_python_version(version); }

}  // namespace

int run_scan(const ScanCommandOptions& options, ScanRun& run) {
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const auto& selector : *list) {
      if (!rules::selector_known(selector)) {
        std::cerr << "aegis: error: '" << selector << "' names no rule (see 'aegis rules')\n";
        return kExitFatal;
      }
    }
  }
  // Read before the scan: a bad baseline is a usage error, not a finding.
  report::Baseline baseline;
  if (!options.baseline.empty()) {
    std::string error;
    if (!report::load_baseline(options.baseline, baseline, error)) {
      std::cerr << "aegis: error: baseline '" << options.baseline << "': " << error << '\n';
      return kExitFatal;
    }
  }
  engine::ProjectConfig config;
  std::string start = options.paths.empty() ? std::string(".") : options.paths.front();
  if (!load_project_config(start, options.config_file, options.no_config, config)) return kExitFatal;

  // Command-line flags win over the configuration, which wins over the defaults.
  run.fail_on = options.fail_on_set || !config.fail_on.set ? options.fail_on : config.fail_on.value;
  run.fail_on_confidence = options.fail_on_confidence_set || !config.fail_on_confidence.set
                               ? options.fail_on_confidence
                               : config.fail_on_confidence.value;
  std::string version = options.python_version_set || !config.python_version.set ? options.python_version
                                                                                   : config.python_version.value;
  int minor = python_minor(version);
  if (minor < 0) {
    std::cerr << "aegis: error: unsupported --python-version '" << version << "' (3.8 to 3.14)\n";
    return kExitFatal;
  }

  rules::Checker checker(engine::effective_rules(options.select, options.ignore, config));
  engine::ScanOptions scan_options;
  scan_options.checker = &checker;
  scan_options.discovery.roots = options.paths;
  if (scan_options.discovery.roots.empty()) scan_options.discovery.roots.push_back(".");
  scan_options.discovery.excludes = options.excludes;
  scan_options.discovery.config_excludes = engine::to_patterns(config.exclude.value);
  scan_options.discovery.jobs = options.jobs;
  scan_options.discovery.use_gitignore = options.use_gitignore;
  scan_options.discovery.max_file_size =
      static_cast<std::uint64_t>(options.max_file_size_mib * 1024.0 * 1024.0);
  scan_options.feature_minor = minor;
  scan_options.config_test_paths = engine::to_patterns(config.test_paths.value);
  scan_options.dataflow_models = config.dataflow_models.value;
  for (const auto& entry : config.per_file_ignores) {
    engine::ScanOptions::PerFileIgnore ignore;
    ignore.patterns = engine::to_patterns({entry.pattern});
    for (const rules::Rule* r : rules::Registry::instance().rules()) {
      for (const auto& selector : entry.selectors) {
        if (rules::selector_matches(*r, selector)) {
          ignore.rule_ids.emplace_back(r->meta().id);
          break;
        }
      }
    }
    scan_options.per_file_ignores.push_back(std::move(ignore));
  }
  for (const rules::Rule* r : rules::Registry::instance().rules()) {
    if (auto severity = engine::severity_override(*r, config)) {
      scan_options.severity_overrides[std::string(r->meta().id)] = *severity;
    }
  }
  scan_options.inline_suppressions = options.inline_suppressions;
  scan_options.report_unused_suppressions = options.report_unused_suppressions;
  scan_options.advisory_index = options.advisory_db;
  scan_options.site_packages = options.site_packages;
  scan_options.target_platform = options.target_platform;
  // Markers and the standard library follow the grammar version (3.14 when not given: the
  // newest Python, whose standard library has dropped the PEP 594 modules).
  scan_options.target_python = "3." + std::to_string(minor);

  Progress progress(options.progress && !options.quiet && ::isatty(STDERR_FILENO));
  scan_options.on_progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
#if defined(__SANITIZE_ADDRESS__)
  scan_options.free_at_end = true;  // the leak checker must see everything given back
#else
  scan_options.free_at_end = false;  // the command ends after its report
#endif

  run.result = engine::run_scan(scan_options);
  progress.finish();
  if (run.result.fatal) {
    std::cerr << "aegis: error: " << run.result.fatal_message << '\n';
    return kExitFatal;
  }
  if (!options.baseline.empty()) run.baseline = report::apply_baseline(run.result, baseline);
  return 0;
}

int scan_exit_code(const ScanCommandOptions& options, const ScanRun& run) {
  if (!run.result.complete() && !options.allow_incomplete) return kExitIncomplete;
  return fails(run.result, run.fail_on, run.fail_on_confidence) ? kExitFindings : 0;
}

int scan(const ScanCommandOptions& options) {
  std::vector<OutputTarget> outputs;
  if (!plan_outputs(options, outputs)) return kExitFatal;
#if defined(__SANITIZE_ADDRESS__)
  ScanRun run;
#else
  // Not freed: the process ends after the report, and giving back every finding, outcome
  // and string one by one would only delay the exit.
  ScanRun& run = *new ScanRun;
#endif
  if (int rc = run_scan(options, run); rc != 0) return rc;
  const engine::ScanResult& result = run.result;

  bool write_failed = false;
  for (const OutputTarget& target : outputs) {
    report::TextOptions text_options;
    text_options.color = options.color == "always" ||
                         (options.color == "auto" && target.path.empty() && ::isatty(STDOUT_FILENO) &&
                          std::getenv("NO_COLOR") == nullptr);
    text_options.quiet = options.quiet;
    text_options.show_accepted = options.show_accepted;
    text_options.strengths = options.strengths;
    text_options.trace = options.trace;
    if (!write_output(target.path, report::render(target.format, result, text_options))) {
      std::cerr << "aegis: error: cannot write '" << target.path << "'\n";
      write_failed = true;
    }
  }
  if (write_failed) return kExitFatal;
  if (options.stats) {
    std::string stats = report::format_stats(result);
    std::fwrite(stats.data(), 1, stats.size(), stderr);
  }
  return scan_exit_code(options, run);
}

}  // namespace aegis::cli
