// aegis scan: runs the pipeline, writes the report, maps the outcome to an exit code.
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <mutex>

#include "cli/commands.h"
#include "engine/scan.h"
#include "engine/scan_output.h"
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

// Whether an open finding reaches --fail-on and --fail-on-confidence.
bool fails(const engine::ScanResult& result, const ScanCommandOptions& options) {
  if (options.fail_on == "never") return false;
  auto severity = parse_severity(options.fail_on);
  auto confidence = parse_confidence(options.fail_on_confidence);
  for (const Finding& f : result.findings) {
    if (f.status != FindingStatus::Open) continue;
    if (f.severity >= *severity && f.confidence >= *confidence) return true;
  }
  return false;
}

}  // namespace

int scan(const ScanCommandOptions& options) {
  for (const auto* list : {&options.select, &options.ignore}) {
    for (const auto& selector : *list) {
      if (!rules::selector_known(selector)) {
        std::cerr << "aegis: error: '" << selector << "' names no rule (see 'aegis rules')\n";
        return kExitFatal;
      }
    }
  }
  rules::Checker checker(rules::select_rules(options.select, options.ignore));
  engine::ScanOptions scan_options;
  scan_options.checker = &checker;
  scan_options.inline_suppressions = !options.no_inline_suppressions;
  scan_options.report_unused_suppressions = options.report_unused_suppressions;
  scan_options.discovery.roots = options.paths;
  if (scan_options.discovery.roots.empty()) scan_options.discovery.roots.push_back(".");
  scan_options.discovery.excludes = options.excludes;
  scan_options.discovery.jobs = options.jobs;
  scan_options.discovery.use_gitignore = options.use_gitignore;
  scan_options.discovery.max_file_size =
      static_cast<std::uint64_t>(options.max_file_size_mib * 1024.0 * 1024.0);
  scan_options.feature_minor = options.feature_minor;

  Progress progress(options.progress && ::isatty(STDERR_FILENO));
  scan_options.on_progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };

  engine::ScanResult result = engine::run_scan(scan_options);
  progress.finish();
  if (result.fatal) {
    std::cerr << "aegis: error: " << result.fatal_message << '\n';
    return kExitFatal;
  }

  engine::TextOptions text_options;
  text_options.color = options.color == "always" ||
                       (options.color == "auto" && options.output.empty() && ::isatty(STDOUT_FILENO) &&
                        std::getenv("NO_COLOR") == nullptr);
  text_options.quiet = options.quiet;
  text_options.show_accepted = options.show_accepted;
  std::string report =
      options.format == "json" ? engine::format_json(result) : engine::format_text(result, text_options);
  if (!write_output(options.output, report)) {
    std::cerr << "aegis: error: cannot write '" << options.output << "'\n";
    return kExitFatal;
  }
  if (options.stats) {
    std::string stats = engine::format_stats(result);
    std::fwrite(stats.data(), 1, stats.size(), stderr);
  }
  if (!result.complete() && !options.allow_incomplete) return kExitIncomplete;
  return fails(result, options) ? kExitFindings : 0;
}

}  // namespace aegis::cli
