#include "engine/scan.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <exception>
#include <new>
#include <system_error>

#include "engine/config.h"
#include "engine/dependencies.h"
#include "engine/workers.h"
#include "python/parse.h"
#include "rules/checker.h"
#include "rules/fingerprint.h"
#include "rules/rule.h"
#include "rules/test_paths.h"
#include "semantic/semantic_model.h"

namespace aegis::engine {

const char* to_string(FileStatus status) {
  switch (status) {
    case FileStatus::Analysed: return "analysed";
    case FileStatus::Skipped: return "skipped";
    case FileStatus::Failed: return "failed";
  }
  return "failed";
}

int character_column(std::string_view text, int lineno, int byte_offset) {
  if (lineno <= 0 || byte_offset < 0) return byte_offset < 0 ? 1 : byte_offset + 1;
  std::size_t start = 0;
  for (int line = 1; line < lineno; ++line) {
    std::size_t newline = text.find('\n', start);
    if (newline == std::string_view::npos) return byte_offset + 1;  // no such line
    start = newline + 1;
  }
  std::size_t end = text.find('\n', start);
  if (end == std::string_view::npos) end = text.size();
  std::size_t within = std::min<std::size_t>(static_cast<std::size_t>(byte_offset), end - start);
  int characters = 0;
  for (std::size_t i = start; i < start + within; ++i) {
    // Count every byte that is not a UTF-8 continuation byte.
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) ++characters;
  }
  characters += byte_offset - static_cast<int>(within);
  return characters + 1;
}

Diagnostic to_diagnostic(const py::SyntaxError& error, std::string_view text, std::string path) {
  Diagnostic d;
  d.severity = DiagnosticSeverity::Error;
  switch (error.kind) {
    case py::SyntaxErrorKind::Syntax: d.kind = DiagnosticKind::Syntax; break;
    case py::SyntaxErrorKind::Encoding: d.kind = DiagnosticKind::Encoding; break;
    case py::SyntaxErrorKind::TooDeep: d.kind = DiagnosticKind::TooDeep; break;
  }
  d.path = std::move(path);
  d.message = error.message;
  if (error.lineno > 0) {
    d.line = error.lineno;
    d.column = character_column(text, error.lineno, error.col_offset);
  }
  if (error.end_lineno > 0) {
    d.end_line = error.end_lineno;
    d.end_column = character_column(text, error.end_lineno, error.end_col_offset);
  }
  return d;
}

namespace {

// "./a//b/" -> "a/b": the form discovery gives paths in.
std::string normalise_root(std::string root) {
  while (root.rfind("./", 0) == 0) root.erase(0, 2);
  std::string out;
  for (char c : root) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out += c;
  }
  while (out.size() > 1 && out.back() == '/') out.pop_back();
  return out.empty() ? "." : out;
}

}  // namespace

std::string relative_to_roots(const std::string& path, const std::vector<std::string>& roots) {
  std::string clean = path;
  while (clean.rfind("./", 0) == 0) clean.erase(0, 2);
  std::string best;
  std::size_t best_length = 0;
  for (const std::string& given : roots.empty() ? std::vector<std::string>{"."} : roots) {
    std::string root = normalise_root(given);
    if (clean == root) {
      std::size_t slash = clean.rfind('/');
      return slash == std::string::npos ? clean : clean.substr(slash + 1);
    }
    if (root == ".") {
      if (!clean.empty() && clean[0] != '/' && best.empty()) best = clean;
      continue;
    }
    std::string prefix = root == "/" ? "/" : root + "/";
    if (clean.size() > prefix.size() && clean.compare(0, prefix.size(), prefix) == 0 &&
        prefix.size() > best_length) {
      best = clean.substr(prefix.size());
      best_length = prefix.size();
    }
  }
  return best.empty() ? clean : best;
}

std::string module_name_for(const std::string& relative_path, bool& is_package) {
  is_package = false;
  std::string p = relative_path;
  if (p.size() > 3 && p.compare(p.size() - 3, 3, ".py") == 0) p.resize(p.size() - 3);
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t slash = p.find('/', start);
    parts.push_back(p.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  if (parts.size() > 1 && parts.back() == "__init__") {
    parts.pop_back();
    is_package = true;
  }
  std::string name;
  for (const auto& part : parts) {
    if (part.empty() || part == "." ) continue;
    bool ok = !std::isdigit(static_cast<unsigned char>(part[0]));
    for (char c : part) {
      // Non-ASCII letters are allowed in identifiers; '-' and '.' never are.
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || (c & 0x80))) ok = false;
    }
    if (!ok) return {};
    if (!name.empty()) name += '.';
    name += part;
  }
  return name;
}

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

std::string error_text(int error) { return std::error_code(error, std::generic_category()).message(); }

// One read of the whole file; the size may have changed since discovery.
bool read_whole_file(const std::string& path, std::uint64_t limit, std::string& out, std::string& why) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = "cannot open: " + error_text(errno);
    return false;
  }
  struct stat st;
  std::size_t expected = 0;
  if (::fstat(fd, &st) == 0 && st.st_size > 0) expected = static_cast<std::size_t>(st.st_size);
  out.clear();
  out.resize(std::min<std::uint64_t>(expected, limit) + 1);
  std::size_t have = 0;
  while (true) {
    if (have == out.size()) {
      if (out.size() > limit) break;
      out.resize(std::min<std::uint64_t>(out.size() * 2, limit + 1));
    }
    ssize_t n = ::read(fd, out.data() + have, out.size() - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      why = "read error: " + error_text(errno);
      ::close(fd);
      return false;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  ::close(fd);
  if (have > limit) {
    why = "grew beyond the size limit of " + std::to_string(limit) + " bytes while being read";
    return false;
  }
  out.resize(have);
  return true;
}

std::uint64_t count_lines(std::string_view text) {
  std::uint64_t lines = static_cast<std::uint64_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

const char* failure_reason(py::SyntaxErrorKind kind) {
  switch (kind) {
    case py::SyntaxErrorKind::Syntax: return "syntax-error";
    case py::SyntaxErrorKind::Encoding: return "encoding-error";
    case py::SyntaxErrorKind::TooDeep: return "too-deep";
  }
  return "syntax-error";
}

struct FileWork {
  FileOutcome outcome;
  std::string relative_path;
  std::vector<Diagnostic> diagnostics;
  std::vector<Finding> findings;
  std::vector<rules::Suppression> suppressions;
  rules::ModuleImports imports;
  double read_seconds = 0;
  double parse_seconds = 0;
  double check_seconds = 0;
};

// The semantic index and the rules over one parsed module, then the configuration
// (per-file ignores, severity overrides), test context and suppression comments.
void check_module(const ScanOptions& options, const py::ParsedModule& parsed, FileWork& work) {
  sem::ModuleInfo info;
  info.name = module_name_for(work.relative_path, info.is_package);
  sem::SemanticModel model(parsed.module, info);
  bool configured = !options.config_test_paths.empty() || !options.per_file_ignores.empty();
  std::string absolute = configured ? absolute_path(work.outcome.path) : std::string();
  rules::FileUnit unit;
  unit.path = work.outcome.path;
  unit.text = parsed.text;
  unit.module = parsed.module;
  unit.model = &model;
  unit.in_test = rules::is_test_path(work.relative_path, options.test_patterns) ||
                 (!options.config_test_paths.empty() && options.config_test_paths.match_file(absolute));
  options.checker->check(unit, work.findings);
  collect_imports(model, parsed.text, work.outcome.path, work.relative_path, unit.in_test, work.imports);

  // Rules the configuration turns off for this file: their findings are dropped.
  std::vector<std::string> ignored_here;
  for (const auto& entry : options.per_file_ignores) {
    if (!entry.patterns.match_file(absolute)) continue;
    ignored_here.insert(ignored_here.end(), entry.rule_ids.begin(), entry.rule_ids.end());
  }
  auto ignored = [&](std::string_view id) {
    return std::find(ignored_here.begin(), ignored_here.end(), id) != ignored_here.end();
  };
  if (!ignored_here.empty()) {
    work.findings.erase(std::remove_if(work.findings.begin(), work.findings.end(),
                                       [&](const Finding& f) { return ignored(f.rule_id); }),
                        work.findings.end());
  }
  for (Finding& f : work.findings) {
    auto it = options.severity_overrides.find(f.rule_id);
    if (it != options.severity_overrides.end()) f.severity = it->second;
    // Findings in test code are ranked one severity step down (never below info).
    if (unit.in_test && f.severity != Severity::Info) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) - 1);
    }
  }

  if (!options.inline_suppressions) return;
  rules::FileSuppressions file = rules::collect_suppressions(parsed.text, work.outcome.path, options.feature_minor,
                                                             rules::registry_resolver());
  if (file.suppressions.empty() && file.diagnostics.empty()) return;
  rules::apply_suppressions(work.findings, file);
  for (auto& d : file.diagnostics) work.diagnostics.push_back(std::move(d));
  if (options.report_unused_suppressions) {
    const auto& ran_rules = options.checker->rules();
    auto ran = [&](std::string_view id) {
      if (ignored(id)) return false;
      return std::any_of(ran_rules.begin(), ran_rules.end(),
                         [&](const rules::Rule* r) { return r->meta().id == id; });
    };
    for (auto& d : rules::unused_suppressions(file, ran)) work.diagnostics.push_back(std::move(d));
  }
  work.suppressions = std::move(file.suppressions);
}

void fail(FileWork& work, const char* reason, std::string detail, DiagnosticKind kind) {
  work.outcome.status = FileStatus::Failed;
  work.outcome.reason = reason;
  work.outcome.detail = detail;
  Diagnostic d;
  d.kind = kind;
  d.path = work.outcome.path;
  d.message = std::move(detail);
  work.diagnostics.push_back(std::move(d));
}

// Reads and parses work.outcome.path, filling in the rest of the outcome.
void analyse_python(const ScanOptions& options, FileWork& work) {
  const std::string& path = work.outcome.path;
  auto start = Clock::now();
  std::string bytes;
  std::string why;
  bool read_ok = read_whole_file(path, options.discovery.max_file_size, bytes, why);
  work.read_seconds = seconds_since(start);
  if (!read_ok) {
    fail(work, "unreadable", why, DiagnosticKind::Io);
    return;
  }
  work.outcome.bytes = bytes.size();

  start = Clock::now();
  py::ParseOptions parse_options;
  parse_options.set_feature_minor(options.feature_minor);
  // One bad file must not take the scan down: an allocation failure or a bug
  // that throws becomes a diagnostic of that file.
  try {
    std::unique_ptr<py::ParsedModule> parsed = py::parse_python(bytes, parse_options);
    if (parsed->error) {
      const py::SyntaxError& error = *parsed->error;
      std::string_view text = parsed->text.empty() ? std::string_view(bytes) : std::string_view(parsed->text);
      work.outcome.status = FileStatus::Failed;
      work.outcome.reason = failure_reason(error.kind);
      work.diagnostics.push_back(to_diagnostic(error, text, path));
      const Diagnostic& d = work.diagnostics.back();
      work.outcome.detail = d.line > 0 ? "line " + std::to_string(d.line) + ": " + d.message : d.message;
    } else {
      work.outcome.status = FileStatus::Analysed;
      work.outcome.lines = count_lines(parsed->text);
      if (options.checker) {
        work.parse_seconds = seconds_since(start);
        start = Clock::now();
        check_module(options, *parsed, work);
        work.check_seconds = seconds_since(start);
        start = Clock::now();
      }
    }
    // The tree and its arena are freed here, before the next file.
  } catch (const std::bad_alloc&) {
    fail(work, "internal-error", "out of memory while parsing", DiagnosticKind::Internal);
  } catch (const std::exception& e) {
    fail(work, "internal-error", std::string("internal error while analysing: ") + e.what(),
         DiagnosticKind::Internal);
    work.findings.clear();
    work.suppressions.clear();
  }
  work.parse_seconds += seconds_since(start);
}

FileOutcome outcome_from_entry(const DiscoveredEntry& e) {
  FileOutcome o;
  o.path = e.path;
  o.type = e.type;
  o.kind = e.kind;
  o.status = e.disposition == Disposition::Failed ? FileStatus::Failed : FileStatus::Skipped;
  o.reason = e.reason;
  o.detail = e.detail;
  o.bytes = e.size;
  return o;
}

bool diagnostic_less(const Diagnostic& a, const Diagnostic& b) {
  if (a.path != b.path) return path_less(a.path, b.path);
  if (a.line != b.line) return a.line < b.line;
  if (a.column != b.column) return a.column < b.column;
  if (a.severity != b.severity) return a.severity < b.severity;
  return a.message < b.message;
}

}  // namespace

ScanResult run_scan(const ScanOptions& options) {
  ScanResult result;
  auto scan_start = Clock::now();
  int threads = resolve_jobs(options.discovery.jobs);
  result.stats.threads = threads;

  DiscoveryOptions discovery_options = options.discovery;
  discovery_options.jobs = threads;
  DiscoveryResult discovered = discover(discovery_options);
  result.stats.discovery_seconds = seconds_since(scan_start);
  if (discovered.fatal) {
    result.fatal = true;
    result.fatal_message = discovered.fatal_message;
    return result;
  }
  result.diagnostics = std::move(discovered.diagnostics);
  if (options.checker) result.rules = options.checker->rules();
  result.inline_suppressions = options.inline_suppressions;
  result.coverage.directories_walked = discovered.directories_walked;

  // Every file gets an outcome slot now; the parallel stage fills the Python ones.
  std::vector<std::size_t> python_slots;
  std::vector<std::size_t> manifest_slots;
  for (const DiscoveredEntry& e : discovered.entries) {
    if (e.type == EntryType::Directory) {
      result.directories.push_back(outcome_from_entry(e));
      continue;
    }
    FileOutcome o = outcome_from_entry(e);
    if (e.disposition == Disposition::Selected) {
      if (e.kind == FileKind::Python) {
        python_slots.push_back(result.files.size());
      } else if (e.kind == FileKind::Manifest && options.dependencies && options.checker) {
        manifest_slots.push_back(result.files.size());
      } else if (e.kind == FileKind::Other) {
        o.reason = "other-file";
        o.detail = "not a Python, manifest, Terraform or configuration file";
      } else {
        o.reason = "no-analyser";
        o.detail = std::string("no analyser for ") + to_string(e.kind) + " files yet";
      }
    }
    result.files.push_back(std::move(o));
  }

  auto analysis_start = Clock::now();
  std::vector<FileWork> work(python_slots.size());
  std::atomic<std::size_t> done{0};
  parallel_for(python_slots.size(), threads, kWorkerStackBytes, [&](std::size_t i) {
    work[i].outcome = result.files[python_slots[i]];
    work[i].relative_path = relative_to_roots(work[i].outcome.path, options.discovery.roots);
    analyse_python(options, work[i]);
    std::size_t finished = done.fetch_add(1) + 1;
    if (options.on_progress) options.on_progress(finished, python_slots.size());
  });
  result.stats.analysis_seconds = seconds_since(analysis_start);

  for (std::size_t i = 0; i < python_slots.size(); ++i) {
    result.files[python_slots[i]] = std::move(work[i].outcome);
    for (auto& d : work[i].diagnostics) result.diagnostics.push_back(std::move(d));
    // Fingerprints need one file's findings in order, before files are mixed.
    std::sort(work[i].findings.begin(), work[i].findings.end(), finding_less);
    rules::assign_fingerprints(work[i].findings, 0, work[i].findings.size(), work[i].relative_path);
    for (auto& f : work[i].findings) result.findings.push_back(std::move(f));
    for (auto& s : work[i].suppressions) result.suppressions.push_back(std::move(s));
    result.stats.check_cpu_seconds += work[i].check_seconds;
    result.stats.read_cpu_seconds += work[i].read_seconds;
    result.stats.parse_cpu_seconds += work[i].parse_seconds;
    result.stats.bytes_read += result.files[python_slots[i]].bytes;
  }
  result.stats.files_parsed = python_slots.size();

  // The project as a whole: manifests against imports and advisories.
  if (options.checker && options.dependencies) {
    DependencyInputs inputs;
    for (std::size_t i = 0; i < python_slots.size(); ++i) {
      if (result.files[python_slots[i]].status == FileStatus::Analysed) inputs.modules.push_back(std::move(work[i].imports));
    }
    for (std::size_t slot : manifest_slots) inputs.manifest_files.push_back(&result.files[slot]);
    run_dependency_review(options, inputs, result);
  }
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);
  std::stable_sort(result.findings.begin(), result.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.path != b.path) return path_less(a.path, b.path);
    return finding_less(a, b);
  });

  Coverage& c = result.coverage;
  for (FileKind kind : {FileKind::Python, FileKind::Manifest, FileKind::Terraform, FileKind::Config,
                        FileKind::Other}) {
    c.by_kind[kind] = KindCoverage{};
  }
  for (const FileOutcome& f : result.files) {
    KindCoverage& k = c.by_kind[f.kind];
    ++c.files_found;
    ++k.found;
    switch (f.status) {
      case FileStatus::Analysed:
        ++c.analysed;
        ++k.analysed;
        c.lines_analysed += f.lines;
        c.bytes_analysed += f.bytes;
        break;
      case FileStatus::Skipped:
        ++c.skipped;
        ++k.skipped;
        break;
      case FileStatus::Failed:
        ++c.failed;
        ++k.failed;
        break;
    }
  }
  for (const FileOutcome& d : result.directories) {
    if (d.status == FileStatus::Failed) {
      ++c.directories_failed;
    } else {
      ++c.directories_skipped;
    }
  }

  struct rusage usage;
  if (::getrusage(RUSAGE_SELF, &usage) == 0) result.stats.peak_rss_kib = usage.ru_maxrss;
  result.stats.total_seconds = seconds_since(scan_start);
  return result;
}

}  // namespace aegis::engine
