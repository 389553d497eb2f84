#include "engine/scan.h"

#include <fcntl.h>
#include <malloc.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <new>
#include <set>
#include <system_error>
#include <tuple>
#include <unordered_map>
#include <memory>
#include <optional>

#include "engine/config.h"
#include "engine/dependencies.h"
#include "engine/workers.h"
#include "python/parse.h"
#include "rules/checker.h"
#include "rules/fingerprint.h"
#include "rules/python_project.h"
#include "dataflow/engine.h"
#include "dataflow/models.h"
#include "frameworks/model_util.h"
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

// relative_to_roots with the roots normalised already (normalise_root), none empty.
std::string relative_to_normalised_roots(const std::string& path, const std::vector<std::string>& roots) {
  std::string clean = path;
  while (clean.rfind("./", 0) == 0) clean.erase(0, 2);
  std::string best;
  std::size_t best_length = 0;
  for (const std::string& root : roots) {
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

std::vector<std::string> normalised_roots(const std::vector<std::string>& roots) {
  std::vector<std::string> out;
  for (const std::string& given : roots.empty() ? std::vector<std::string>{"."} : roots) {
    out.push_back(normalise_root(given));
  }
  return out;
}

}  // namespace

std::string relative_to_roots(const std::string& path, const std::vector<std::string>& roots) {
  return relative_to_normalised_roots(path, normalised_roots(roots));
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

// What the file system says of a file when it was read: equal on a second read only if the
// file was not written in between (a write sets its change time, to the nanosecond here).
struct FileIdentity {
  dev_t device = 0;
  ino_t inode = 0;
  off_t size = -1;
  struct timespec modified {};
  struct timespec changed {};
  bool operator==(const FileIdentity& o) const {
    return size >= 0 && device == o.device && inode == o.inode && size == o.size && modified.tv_sec == o.modified.tv_sec &&
           modified.tv_nsec == o.modified.tv_nsec && changed.tv_sec == o.changed.tv_sec &&
           changed.tv_nsec == o.changed.tv_nsec;
  }
};

// One read of the whole file into `buffer` from its start (the size may have changed since
// discovery); the file's bytes are then its first `have`. The buffer grows as needed but is
// never shrunk, and what it already holds is not cleared first.
bool read_into(const std::string& path, std::uint64_t limit, std::string& buffer, std::size_t& have,
               std::string& why, FileIdentity* identity = nullptr) {
  have = 0;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    why = "cannot open: " + error_text(errno);
    return false;
  }
  struct stat st;
  std::size_t expected = 0;
  if (::fstat(fd, &st) == 0) {
    if (st.st_size > 0) expected = static_cast<std::size_t>(st.st_size);
    if (identity) *identity = {st.st_dev, st.st_ino, st.st_size, st.st_mtim, st.st_ctim};
  }
  // One byte more than expected, so that reaching the end takes no second growth.
  std::size_t room = std::min<std::uint64_t>(expected, limit) + 1;
  if (buffer.size() < room) buffer.resize(room);
  while (true) {
    if (have == room) {
      if (room > limit) break;
      room = std::min<std::uint64_t>(room * 2, limit + 1);
      if (buffer.size() < room) buffer.resize(room);
    }
    ssize_t n = ::read(fd, buffer.data() + have, room - have);
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
  return true;
}

bool read_whole_file(const std::string& path, std::uint64_t limit, std::string& out, std::string& why) {
  out.clear();
  std::size_t have = 0;
  if (!read_into(path, limit, out, have, why)) return false;
  out.resize(have);
  return true;
}

// A Python file's bytes are needed only until the parser has its decoded copy: they are read
// into a buffer each thread keeps, so that they are not zeroed for every file first
// (std::string::resize zero-fills: ~33 M instructions over the stdlib). Valid until the
// thread's next call.
std::string_view read_into_thread_buffer(const std::string& path, std::uint64_t limit, std::string& why,
                                         bool& ok, FileIdentity& identity) {
  thread_local std::string buffer;
  std::size_t have = 0;
  ok = read_into(path, limit, buffer, have, why, &identity);
  return ok ? std::string_view(buffer.data(), have) : std::string_view();
}

// The newlines of every file are counted: sixteen bytes a step (std::count took a byte a
// step, ~80 M instructions over the stdlib's 30 MB).
std::uint64_t count_newlines(std::string_view text) {
  std::uint64_t count = 0;
  std::size_t i = 0;
#ifdef __SSE2__
  const __m128i newline = _mm_set1_epi8('\n');
  while (i + 16 <= text.size()) {
    // Per-byte counters (0 - (-1) per match) for at most 255 blocks, then summed.
    __m128i counters = _mm_setzero_si128();
    for (int block = 0; block < 255 && i + 16 <= text.size(); ++block, i += 16) {
      __m128i bytes = _mm_loadu_si128(reinterpret_cast<const __m128i*>(text.data() + i));
      counters = _mm_sub_epi8(counters, _mm_cmpeq_epi8(bytes, newline));
    }
    __m128i sums = _mm_sad_epu8(counters, _mm_setzero_si128());
    count += static_cast<std::uint64_t>(_mm_cvtsi128_si32(sums)) +
             static_cast<std::uint64_t>(_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums)));
  }
#endif
  for (; i < text.size(); ++i) count += text[i] == '\n';
  return count;
}

std::uint64_t count_lines(std::string_view text) {
  std::uint64_t lines = count_newlines(text);
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
  // Kept past the per-file stage when a rule analyses the project's Python as a whole
  // and the module is one it starts from (ProjectStage::wants).
  std::unique_ptr<py::ParsedModule> parsed;
  std::unique_ptr<sem::SemanticModel> model;
  // Where each line of the parsed text starts: found once for the rules, the imports and the
  // data flow (module.unit.line_starts points here); freed with the tree.
  std::vector<std::size_t> line_starts;
  rules::PythonModule module;
  // Wanted by the project stage (ProjectStage::wants): the data flow starts there, or the
  // framework models read every module. A module the data flow needed before the per-file
  // stage reached it is kept too, without being wanted.
  bool wanted = false;
  bool loaded_for_project = false;  // kept or loaded again because the project stage asked
  // Analysed, then freed: loaded again if the project stage reaches it (load_module).
  bool dropped = false;
  bool load_failed = false;     // tried once: not read again for every name that reaches it
  FileIdentity identity;  // when it was read, to notice a file changed since
  std::optional<rules::FileSuppressions> early_suppressions;  // collected in the per-file stage
  std::vector<std::string> ignored_rules;  // the configuration's per-file ignores
  std::vector<Diagnostic> diagnostics;
  std::vector<Finding> findings;
  bool fingerprinted = false;  // findings sorted and fingerprinted (sort_and_fingerprint)
  std::vector<rules::Suppression> suppressions;
  rules::ModuleImports imports;
  double read_seconds = 0;
  double parse_seconds = 0;
  double check_seconds = 0;
};

// The rules the configuration turns off for a file (per-file ignores).
std::vector<std::string> ignored_rules_for(const ScanOptions& options, const std::string& absolute) {
  std::vector<std::string> ignored;
  for (const auto& entry : options.per_file_ignores) {
    if (!entry.patterns.match_file(absolute)) continue;
    ignored.insert(ignored.end(), entry.rule_ids.begin(), entry.rule_ids.end());
  }
  return ignored;
}

// What the per-file stage needs to know of the project stage: which modules to keep.
struct ProjectStage {
  bool active = false;                        // some rule analyses the project's Python
  bool dataflow = false;                      // ... and some of them is not about applications
  const dataflow::Models* models = nullptr;   // the data-flow models (built-in or the user's)
  std::atomic<bool> uses_frameworks{false};   // some module imports an application library

  // Whether a module's tree and index stay in memory for the project stage: when the data
  // flow starts there, or the framework models will read every module. The rest is loaded
  // again only if the analysis reaches it: on a library this keeps a tenth of the trees.
  bool wants(rules::PythonModule& module) {
    if (frameworks::util::imports_application_library(*module.unit.model)) uses_frameworks = true;
    return uses_frameworks || keep_all || (dataflow && dataflow::has_entries(module, *models));
  }
  // AEGIS_KEEP_MODULES=all keeps every module: the tests compare both ways.
  const bool keep_all = [] {
    const char* v = std::getenv("AEGIS_KEEP_MODULES");
    return v && std::string_view(v) == "all";
  }();

  // Whether a module the data flow does not start from is likely to be reached from those it
  // does: two kept modules seen so far import it. Its tree is then kept rather than dropped
  // and parsed again when the analysis reaches it. On the stdlib (files in path order) this
  // keeps 61 modules, 52 of which the analysis reads (1.1 MB of source not parsed twice),
  // where one kept importer would keep 135, pydoc_data/topics.py among the 40 it never reads.
  bool likely_reached(const std::string& module_name) {
    if (!dataflow || module_name.empty()) return false;
    std::lock_guard<std::mutex> lock(imports_mutex_);
    auto it = kept_importers_.find(module_name);
    return it != kept_importers_.end() && it->second >= 2;
  }
  void note_imports_of_kept(const sem::SemanticModel& model) {
    if (!dataflow) return;
    std::set<std::string_view> names;  // each module once per importer
    for (const auto& imp : model.imports()) {
      std::string_view module = imp.module;
      for (std::size_t dot = module.find('.'); dot != std::string_view::npos; dot = module.find('.', dot + 1)) {
        names.insert(module.substr(0, dot));
      }
      names.insert(module);
      names.insert(imp.target);
    }
    std::lock_guard<std::mutex> lock(imports_mutex_);
    for (std::string_view name : names) {
      if (!name.empty()) ++kept_importers_[std::string(name)];
    }
  }

 private:
  std::mutex imports_mutex_;
  std::unordered_map<std::string, int> kept_importers_;  // module name -> kept modules importing it
};

// The semantic index and the per-file rules over one parsed module. When the project's
// Python is analysed as a whole afterwards, the tree and index are kept in `work`.
void check_module(const ScanOptions& options, std::unique_ptr<py::ParsedModule>& parsed, FileWork& work,
                  ProjectStage& stage, bool keep_anyway) {
  sem::ModuleInfo info;
  info.name = work.module.name;
  info.is_package = work.module.is_package;
  auto model = std::make_unique<sem::SemanticModel>(parsed->module, info);
  bool configured = !options.config_test_paths.empty() || !options.per_file_ignores.empty();
  std::string absolute = configured ? absolute_path(work.outcome.path) : std::string();
  rules::FileUnit unit;
  unit.path = work.outcome.path;
  unit.text = parsed->text;
  unit.module = parsed->module;
  unit.model = model.get();
  unit.in_test = rules::is_test_path(work.relative_path, options.test_patterns) ||
                 (!options.config_test_paths.empty() && options.config_test_paths.match_file(absolute));
  rules::line_starts(parsed->text, work.line_starts);
  unit.line_starts = &work.line_starts;
  options.checker->check(unit, work.findings);
  collect_imports(*model, parsed->text, work.outcome.path, work.relative_path, unit.in_test, work.imports,
                  &work.line_starts);
  if (!options.per_file_ignores.empty()) work.ignored_rules = ignored_rules_for(options, absolute);
  work.module.unit = unit;
  if (!stage.active) {
    work.module.unit.line_starts = nullptr;  // the tree goes with the caller's `parsed`
    std::vector<std::size_t>().swap(work.line_starts);
    return;
  }
  // What finish_findings needs of the text is taken now, in the per-file stage: the tree may
  // be freed, and whatever is left for the end waits for the data flow.
  if (options.inline_suppressions) {
    work.early_suppressions = rules::collect_suppressions(parsed->text, work.outcome.path, options.feature_minor,
                                                          rules::registry_resolver());
  }
  work.wanted = stage.wants(work.module);
  if (work.wanted) {
    stage.note_imports_of_kept(*model);
  } else if (stage.likely_reached(work.module.name)) {
    keep_anyway = true;
  }
  if (work.wanted || keep_anyway) {
    model->release_memo();  // made again for what the project stage asks
    work.parsed = std::move(parsed);
    work.model = std::move(model);
    return;
  }
  work.dropped = true;
  work.module.unit.text = {};
  work.module.unit.module = nullptr;
  work.module.unit.model = nullptr;
  work.module.unit.line_starts = nullptr;
  std::vector<std::size_t>().swap(work.line_starts);
}

// Reads, parses and indexes a module the per-file stage freed, for the project stage.
// False when the file cannot be read or parsed, or changed since it was analysed.
bool load_module(const ScanOptions& options, FileWork& work) {
  if (work.load_failed) return false;
  work.load_failed = true;  // until it succeeds
  try {
    std::string why;
    bool read_ok = false;
    FileIdentity identity;
    std::string_view bytes =
        read_into_thread_buffer(work.outcome.path, options.discovery.max_file_size, why, read_ok, identity);
    // A file written since its analysis is not taken: its findings and the data flow's
    // would be of two different texts.
    if (!read_ok || !(identity == work.identity)) return false;
    py::ParseOptions parse_options;
    parse_options.set_feature_minor(options.feature_minor);
    std::unique_ptr<py::ParsedModule> parsed = py::parse_python(bytes, parse_options);
    if (parsed->error) return false;
    sem::ModuleInfo info;
    info.name = work.module.name;
    info.is_package = work.module.is_package;
    auto model = std::make_unique<sem::SemanticModel>(parsed->module, info);
    work.module.unit.text = parsed->text;
    work.module.unit.module = parsed->module;
    work.module.unit.model = model.get();
    rules::line_starts(parsed->text, work.line_starts);
    work.module.unit.line_starts = &work.line_starts;
    work.parsed = std::move(parsed);
    work.model = std::move(model);
    work.load_failed = false;
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

// The configuration (per-file ignores, severity overrides), test context and suppression
// comments applied to a file's findings, once every stage has reported.
void finish_findings(const ScanOptions& options, FileWork& work) {
  auto ignored = [&](std::string_view id) {
    return std::find(work.ignored_rules.begin(), work.ignored_rules.end(), id) != work.ignored_rules.end();
  };
  if (!work.ignored_rules.empty()) {
    work.findings.erase(std::remove_if(work.findings.begin(), work.findings.end(),
                                       [&](const Finding& f) { return ignored(f.rule_id); }),
                        work.findings.end());
  }
  bool in_test = work.module.unit.in_test;
  for (Finding& f : work.findings) {
    auto it = options.severity_overrides.find(f.rule_id);
    if (it != options.severity_overrides.end()) f.severity = it->second;
    // Findings in test code are ranked one severity step down (never below info).
    if (in_test && f.severity != Severity::Info) {
      f.severity = static_cast<Severity>(static_cast<int>(f.severity) - 1);
    }
    f.in_test = f.in_test || in_test;
  }

  if (!options.inline_suppressions) return;
  rules::FileSuppressions file =
      work.early_suppressions ? std::move(*work.early_suppressions)
                              : rules::collect_suppressions(work.module.unit.text, work.outcome.path,
                                                            options.feature_minor, rules::registry_resolver());
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

// Fingerprints need one file's findings in order, before files are mixed: once per file,
// on the workers when the project stage ran, else at the end.
void sort_and_fingerprint(FileWork& work) {
  if (work.fingerprinted) return;
  work.fingerprinted = true;
  std::sort(work.findings.begin(), work.findings.end(), finding_less);
  rules::assign_fingerprints(work.findings, 0, work.findings.size(), work.relative_path);
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
void analyse_python(const ScanOptions& options, FileWork& work, ProjectStage& stage, bool keep_anyway = false) {
  const std::string& path = work.outcome.path;
  auto start = Clock::now();
  std::string why;
  bool read_ok = false;
  std::string_view bytes = read_into_thread_buffer(path, options.discovery.max_file_size, why, read_ok, work.identity);
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
        check_module(options, parsed, work, stage, keep_anyway);
        // Without a project stage the file is finished now, while its text is alive.
        if (!stage.active) finish_findings(options, work);
        work.check_seconds = seconds_since(start);
        start = Clock::now();
      }
    }
    // Unless kept for the project stage, the tree and its arena are freed here.
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

// The user's data-flow models, on top of the built-in ones; problems are diagnostics. Null
// when the configuration names none.
std::shared_ptr<dataflow::Models> load_dataflow_models(const ScanOptions& options, ScanResult& result) {
  if (options.dataflow_models.empty()) return nullptr;
  auto models = std::make_shared<dataflow::Models>(dataflow::Models::builtin());
  for (const std::string& path : options.dataflow_models) {
    std::string text, why;
    if (!read_whole_file(path, std::uint64_t{16} << 20, text, why)) {
      Diagnostic d;
      d.kind = DiagnosticKind::Config;
      d.path = path;
      d.message = "cannot read data-flow models: " + why;
      result.diagnostics.push_back(std::move(d));
      continue;
    }
    models->load(text, path, result.diagnostics);
  }
  return models;
}

// With the data flow beside them, the per-file workers are one thread more than the cores:
// the data flow is the one that cannot be shared out, and whatever of it is left when the
// last file is done runs alone on an otherwise idle machine. Its thread keeps its priority
// and the workers run a few steps lower, so that the scheduler gives it a core of its own
// whenever it can run; the workers share the rest, and all the cores when it waits for a
// file. (Only these threads: they end with the per-file stage.)
void lower_worker_priority() {
  constexpr int kWorkerNiceSteps = 5;
  errno = 0;
  int nice = ::getpriority(PRIO_PROCESS, 0);
  if (errno != 0) return;
  ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), std::min(nice + kWorkerNiceSteps, 19));
}

// Where each Python file's analysis stands (not started, under way, done) when the data
// flow runs beside the per-file stage: the workers and the data flow all walk the files in
// path order; the data flow takes (or waits for) each one it needs.
class FileSchedule {
 public:
  explicit FileSchedule(std::size_t count) : state_(count) {}
  // True when the caller is the one to analyse file i (nobody has started it).
  bool claim(std::size_t i) {
    std::uint8_t pending = kPending;
    return state_[i].compare_exchange_strong(pending, kBusy);
  }
  void finish(std::size_t i) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      state_[i].store(kDone);
    }
    done_.notify_all();
  }
  void wait(std::size_t i) {
    if (state_[i].load() == kDone) return;
    std::unique_lock<std::mutex> lock(mutex_);
    done_.wait(lock, [&] { return state_[i].load() == kDone; });
  }

 private:
  enum : std::uint8_t { kPending, kBusy, kDone };
  std::vector<std::atomic<std::uint8_t>> state_;
  std::mutex mutex_;
  std::condition_variable done_;
};

// Rules over the project's Python as a whole (data flow, framework models): each sees the
// modules kept for it and loads others by name; its findings are routed to their files.
class ProjectRun {
 public:
  // `ensure(i, keep)`, when given, makes sure file i has been analysed (the data flow runs
  // while the per-file stage does): it analyses the file itself, keeping its tree when
  // `keep`, or waits for the worker that does.
  ProjectRun(const ScanOptions& options, std::vector<FileWork>& work, ScanResult& result,
             const std::shared_ptr<dataflow::Models>& user_models, std::function<void(std::size_t, bool)> ensure)
      : options_(options), work_(work), result_(result), ensure_(std::move(ensure)) {
    for (std::size_t i = 0; i < work.size(); ++i) {
      FileWork& w = work[i];
      if (!w.module.name.empty()) project_.by_name.emplace(w.module.name, &w.module);
      by_path_.emplace(w.outcome.path, &w);
      index_of_.emplace(&w.module, i);
    }
    project_.load = [this](rules::PythonModule& m) { return load(m); };
    project_.out = &findings_;
    project_.strengths = &result.strengths;
    if (user_models) project_.shared["dataflow-models"] = user_models;
    if (ensure_) {
      project_.await_module = [this](std::size_t i, const rules::PythonModule*& m) {
        if (i >= work_.size()) return false;
        ensure_(i, false);
        m = work_[i].wanted && work_[i].parsed ? &work_[i].module : nullptr;
        return true;
      };
    }
  }

  // Once every file is analysed: the modules kept for the project stage, in path order
  // (every module when the framework models read them all).
  void files_analysed(bool uses_frameworks) {
    project_.await_module = nullptr;
    ensure_ = nullptr;
    project_.uses_frameworks = uses_frameworks;
    project_.modules.clear();
    for (FileWork& w : work_) {
      if (w.parsed && (w.wanted || uses_frameworks)) project_.modules.push_back(&w.module);
    }
  }

  // Runs the rules of one kind: those about applications (framework models) or the others
  // (the data flow), in their order.
  void run_rules(const std::vector<const rules::Rule*>& rules, bool about_applications) {
    for (const rules::Rule* rule : rules) {
      if (rule->about_applications() != about_applications) continue;
      if (rule->about_applications() && !project_.uses_frameworks) continue;
      project_.rule = rule;
      try {
        auto rule_start = std::chrono::steady_clock::now();
        rule->check_python_project(project_);
        if (std::getenv("AEGIS_PROJECT_PROFILE"))
          std::fprintf(stderr, "project rule %s %.3f s\n", std::string(rule->meta().id).c_str(),
                       std::chrono::duration<double>(std::chrono::steady_clock::now() - rule_start).count());
      } catch (const std::exception& e) {
        Diagnostic d;
        d.kind = DiagnosticKind::Internal;
        d.message = std::string("internal error in ") + std::string(rule->meta().id) + ": " + e.what();
        diagnostics_.push_back(std::move(d));
      }
    }
  }

  // Routes the findings to their files, after the data flow's verdicts on pattern findings.
  void finish();

 private:
  bool load(rules::PythonModule& m) {
    auto it = index_of_.find(&m);
    if (it == index_of_.end()) return false;
    if (ensure_) ensure_(it->second, true);
    FileWork& w = work_[it->second];
    if (w.parsed) return true;
    if (!w.dropped) return false;  // the file could not be analysed
    auto start = Clock::now();
    bool ok = load_module(options_, w);
    w.loaded_for_project = ok;
    load_seconds_ += seconds_since(start);
    return ok;
  }

  const ScanOptions& options_;
  std::vector<FileWork>& work_;
  ScanResult& result_;
  std::function<void(std::size_t, bool)> ensure_;
  rules::PythonProject project_;
  std::unordered_map<std::string_view, FileWork*> by_path_;
  std::unordered_map<const rules::PythonModule*, std::size_t> index_of_;
  std::vector<Finding> findings_;
  std::vector<Diagnostic> diagnostics_;
  double load_seconds_ = 0;
};

void ProjectRun::finish() {
  for (auto& d : diagnostics_) result_.diagnostics.push_back(std::move(d));
  if (std::getenv("AEGIS_PROJECT_PROFILE")) {
    std::size_t loads = 0;
    for (const FileWork& w : work_) loads += w.loaded_for_project;
    std::fprintf(stderr, "project stage: %zu modules kept, %zu loaded on demand in %.3f s\n",
                 project_.modules.size(), loads, load_seconds_);
  }
  // Pattern findings the data flow decided: a sink that only constants or sanitised data
  // reach is not reported; one the data flow reports as tainted is reported once, by it.
  if (!project_.verdicts.empty()) {
    std::unordered_map<std::string_view, std::vector<const rules::SinkVerdict*>> verdicts_by_path;
    for (const rules::SinkVerdict& v : project_.verdicts) verdicts_by_path[v.path].push_back(&v);
    // Where the data flow reported: (path, first line, last line, CWE); a sink in another
    // file than the call it is reported at (a helper module) counts in both.
    std::vector<std::tuple<std::string_view, int, int, int>> reported;
    for (const Finding& f : findings_) {
      reported.emplace_back(f.path, f.line, f.end_line, f.cwe);
      if (!f.trace.empty() && f.trace.back().path != f.path) {
        reported.emplace_back(f.trace.back().path, f.trace.back().line, f.trace.back().line, f.cwe);
      }
    }
    auto same_flaw = [](int a, int b) {
      // Code injection is 94 for the data flow, 95 for eval/exec patterns; 77 and 78 alike.
      auto family = [](int cwe) { return cwe == 95 ? 94 : cwe == 77 ? 78 : cwe; };
      return family(a) == family(b);
    };
    for (auto& [path, w] : by_path_) {
      auto vit = verdicts_by_path.find(path);
      if (vit == verdicts_by_path.end()) continue;
      auto decided = [&](const Finding& f) {
        if (!dataflow::verdict_applies_to(f.rule_id)) return false;
        // The verdicts at the sink (same CWE) decide; without one, those about the strings
        // built on those lines.
        for (bool specific : {true, false}) {
          bool any = false, all_clean = true, tainted = false;
          for (const rules::SinkVerdict* v : vit->second) {
            if (v->line > f.end_line || v->end_line < f.line) continue;
            if (specific ? (v->cwe == 0 || !same_flaw(v->cwe, f.cwe)) : v->cwe != 0) continue;
            any = true;
            all_clean = all_clean && v->state == rules::SinkVerdict::Clean;
            tainted = tainted || v->state == rules::SinkVerdict::Tainted;
          }
          if (!any) continue;
          // Low and info findings are smells that hold whatever the data (shell=True with
          // a constant command): they stay, unless their rule said it could not tell (low
          // confidence) and the data flow could.
          if (all_clean) return f.severity > Severity::Low || f.confidence == Confidence::Low;
          if (!tainted) return false;
          // Reported by the data flow, with the way the data took: once is enough.
          return std::any_of(reported.begin(), reported.end(), [&](const auto& r) {
            return std::get<0>(r) == path && same_flaw(std::get<3>(r), f.cwe);
          });
        }
        return false;
      };
      w->findings.erase(std::remove_if(w->findings.begin(), w->findings.end(), decided), w->findings.end());
    }
  }
  // A data-flow finding and a pattern finding of the same flaw on the same lines are one
  // finding: the data-flow one, which shows where the data came from.
  for (const Finding& t : findings_) {
    if (t.rule_id.rfind("TNT", 0) != 0) continue;
    auto it = by_path_.find(t.path);
    if (it == by_path_.end()) continue;
    auto& own = it->second->findings;
    own.erase(std::remove_if(own.begin(), own.end(),
                             [&](const Finding& f) {
                               return f.cwe == t.cwe && f.line <= t.end_line && f.end_line >= t.line &&
                                      f.rule_id.rfind("TNT", 0) != 0;
                             }),
              own.end());
  }
  for (Finding& f : findings_) {
    auto it = by_path_.find(f.path);
    if (it != by_path_.end()) it->second->findings.push_back(std::move(f));
  }
  std::sort(result_.strengths.begin(), result_.strengths.end(), strength_less);
}

}  // namespace

ScanResult run_scan(const ScanOptions& options) {
  ScanResult result;
  auto scan_start = Clock::now();
  int threads = resolve_jobs(options.discovery.jobs);
  result.stats.threads = threads;
  // One malloc arena per worker, not per thread: the data flow's thread and the main one
  // share them. Trees kept from one thread's files are then freed memory another thread can
  // reuse; with an arena each, every thread's high-water mark stayed resident (the stdlib:
  // 186 MB against 162 MB, for the same instructions).
  mallopt(M_ARENA_MAX, threads);

  // The built-in advisories (~29 M instructions of JSON) are read beside discovery, whose
  // threads wait on the file system, rather than after the last file.
  std::future<deps::AdvisoryDb> builtin_advisories;
  if (options.checker && options.dependencies) {
    builtin_advisories = std::async(std::launch::async, [] { return deps::AdvisoryDb::builtin(); });
  }

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

  // Rules that analyse the project's Python as a whole need every tree kept.
  std::vector<const rules::Rule*> project_rules;
  if (options.checker) {
    for (const rules::Rule* rule : options.checker->rules()) {
      if (rule->wants_python_project()) project_rules.push_back(rule);
    }
  }
  ProjectStage stage;
  stage.active = !project_rules.empty();
  stage.dataflow = std::any_of(project_rules.begin(), project_rules.end(),
                               [](const rules::Rule* r) { return !r->about_applications(); });
  std::shared_ptr<dataflow::Models> user_models = stage.active ? load_dataflow_models(options, result) : nullptr;
  stage.models = user_models ? user_models.get() : &dataflow::Models::builtin();

  auto analysis_start = Clock::now();
  std::vector<FileWork> work(python_slots.size());
  const std::vector<std::string> roots = normalised_roots(options.discovery.roots);
  for (std::size_t i = 0; i < work.size(); ++i) {
    FileWork& w = work[i];
    w.outcome = result.files[python_slots[i]];
    w.relative_path = relative_to_normalised_roots(w.outcome.path, roots);
    w.module.relative_path = w.relative_path;
    w.module.name = module_name_for(w.relative_path, w.module.is_package);
  }
  // The project as a whole: manifests against imports and advisories, once every file is
  // analysed. It reads only the files' imports and outcomes, and writes only the result,
  // which nothing else touches until the project stage is over.
  bool dependencies_reviewed = false;
  auto review_dependencies = [&] {
    if (dependencies_reviewed || !options.checker || !options.dependencies) return;
    dependencies_reviewed = true;
    DependencyInputs inputs;
    inputs.builtin_advisories = std::move(builtin_advisories);
    for (FileWork& w : work) {
      if (w.outcome.status == FileStatus::Analysed) inputs.modules.push_back(std::move(w.imports));
    }
    for (std::size_t slot : manifest_slots) inputs.manifest_files.push_back(&result.files[slot]);
    run_dependency_review(options, inputs, result);
  };
  std::atomic<std::size_t> done{0};
  auto analyse_file = [&](std::size_t i, bool keep_anyway) {
    analyse_python(options, work[i], stage, keep_anyway);
    std::size_t finished = done.fetch_add(1) + 1;
    if (options.on_progress) options.on_progress(finished, python_slots.size());
  };
  // With two threads or more the data flow does not wait for the per-file stage: it starts
  // on a thread of its own and takes the files it needs first (FileSchedule).
  const bool overlap = stage.active && stage.dataflow && threads >= 2 && !work.empty();
  std::unique_ptr<FileSchedule> schedule;
  std::function<void(std::size_t, bool)> ensure;
  if (overlap) {
    schedule = std::make_unique<FileSchedule>(work.size());
    ensure = [&](std::size_t i, bool keep) {
      if (!schedule->claim(i)) return schedule->wait(i);
      analyse_file(i, keep);
      if (!work[i].wanted && work[i].parsed) work[i].loaded_for_project = true;
      schedule->finish(i);
    };
  }
  auto project_owner = std::make_unique<ProjectRun>(options, work, result, user_models, ensure);
  ProjectRun& project = *project_owner;
  Clock::time_point project_start;
  if (overlap) {
    std::atomic<std::size_t> next{0};
    Clock::time_point files_end{};
    std::atomic<int> workers_left{threads};
    run_workers(threads + 1, kWorkerStackBytes, [&](int index) {
      if (index == 0) {
        project.run_rules(project_rules, false);
        return;
      }
      lower_worker_priority();
      // In path order, as the data flow walks them: it then mostly finds its next module
      // done and only interprets. Taking them from the end left it the interpretation of the
      // second half after the last file (the stdlib: 0.25 s of its CPU against ~0.1 s).
      for (std::size_t i = next.fetch_add(1); i < work.size(); i = next.fetch_add(1)) {
        if (!schedule->claim(i)) continue;
        analyse_file(i, false);
        schedule->finish(i);
      }
      if (workers_left.fetch_sub(1) == 1) {
        files_end = Clock::now();
        // The last worker out reviews the dependencies beside the data flow's last modules,
        // once the files the data flow took for itself are done too.
        for (std::size_t i = 0; i < work.size(); ++i) schedule->wait(i);
        review_dependencies();
      }
    });
    // Had no worker thread started, the files nobody took are analysed here.
    for (std::size_t i = 0; i < work.size(); ++i) {
      if (!schedule->claim(i)) continue;
      analyse_file(i, false);
      schedule->finish(i);
      files_end = Clock::now();
    }
    if (files_end == Clock::time_point{}) files_end = Clock::now();
    result.stats.analysis_seconds = std::chrono::duration<double>(files_end - analysis_start).count();
    project_start = files_end;
  } else {
    parallel_for(work.size(), threads, kWorkerStackBytes, [&](std::size_t i) { analyse_file(i, false); });
    result.stats.analysis_seconds = seconds_since(analysis_start);
    project_start = Clock::now();
  }

  if (stage.active) {
    // The framework models read every module: those freed before the first import of an
    // application library was seen are loaded again.
    const bool uses_frameworks = stage.uses_frameworks;
    if (uses_frameworks) {
      parallel_for(work.size(), threads, kWorkerStackBytes, [&](std::size_t i) {
        if (work[i].dropped && !work[i].parsed) load_module(options, work[i]);
      });
    }
    project.files_analysed(uses_frameworks);
    // On a worker's stack: the data flow recurses through calls and nested expressions.
    run_workers(1, kWorkerStackBytes, [&](int) {
      if (!overlap) project.run_rules(project_rules, false);
      project.run_rules(project_rules, true);
    });
    project.finish();
    parallel_for(work.size(), threads, kWorkerStackBytes, [&](std::size_t i) {
      if (work[i].parsed || work[i].dropped) finish_findings(options, work[i]);
      sort_and_fingerprint(work[i]);
      if (!options.free_at_end) return;
      work[i].model.reset();
      work[i].parsed.reset();
    });
    result.stats.project_seconds = seconds_since(project_start);
  }

  for (std::size_t i = 0; i < python_slots.size(); ++i) {
    result.files[python_slots[i]] = std::move(work[i].outcome);
    for (auto& d : work[i].diagnostics) result.diagnostics.push_back(std::move(d));
    sort_and_fingerprint(work[i]);  // done already when the project stage ran
    for (auto& f : work[i].findings) result.findings.push_back(std::move(f));
    for (auto& s : work[i].suppressions) result.suppressions.push_back(std::move(s));
    result.stats.check_cpu_seconds += work[i].check_seconds;
    result.stats.read_cpu_seconds += work[i].read_seconds;
    result.stats.parse_cpu_seconds += work[i].parse_seconds;
    result.stats.bytes_read += result.files[python_slots[i]].bytes;
  }
  result.stats.files_parsed = python_slots.size();

  review_dependencies();
  std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), diagnostic_less);
  auto in_report_order = [](const Finding& a, const Finding& b) {
    if (a.path != b.path) return path_less(a.path, b.path);
    return finding_less(a, b);
  };
  // The Python files' findings arrive in order (files in path order, each file's sorted):
  // only findings added out of order (the dependency review's) need the sort (16 M
  // instructions over the stdlib's findings otherwise).
  if (!std::is_sorted(result.findings.begin(), result.findings.end(), in_report_order)) {
    std::stable_sort(result.findings.begin(), result.findings.end(), in_report_order);
  }

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

  if (!options.free_at_end) {
    // Given up, not freed: the process ends after its report (ScanOptions::free_at_end).
    static_cast<void>(project_owner.release());
    static_cast<void>(std::make_unique<std::vector<FileWork>>(std::move(work)).release());
  }

  struct rusage usage;
  if (::getrusage(RUSAGE_SELF, &usage) == 0) result.stats.peak_rss_kib = usage.ru_maxrss;
  result.stats.total_seconds = seconds_since(scan_start);
  return result;
}

}  // namespace aegis::engine
