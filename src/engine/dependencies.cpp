#include "engine/dependencies.h"

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <optional>

#include "deps/advisory_match.h"
#include "rules/checker.h"
#include "rules/fingerprint.h"
#include "rules/rule.h"

namespace aegis::engine {
namespace {

std::string_view line_of(std::string_view text, int lineno) {
  std::size_t at = 0;
  for (int l = 1; l < lineno && at != std::string_view::npos; ++l) {
    at = text.find('\n', at);
    if (at != std::string_view::npos) ++at;
  }
  if (at == std::string_view::npos || at > text.size()) return {};
  std::size_t end = text.find('\n', at);
  std::string_view line = text.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

std::optional<std::string> load_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Top-level names the project provides itself: every directory and module stem of the
// analysed files' paths ("src/app/views.py" -> src, app, views), so `import app` in a
// src layout is local too.
std::set<std::string> local_names(const std::vector<rules::ModuleImports>& modules) {
  std::set<std::string> names;
  for (const auto& m : modules) {
    std::string_view rel = m.relative_path;
    std::size_t start = 0;
    while (start < rel.size()) {
      std::size_t slash = rel.find('/', start);
      std::string_view part = rel.substr(start, slash == std::string_view::npos ? std::string_view::npos : slash - start);
      if (part.ends_with(".py")) part.remove_suffix(3);
      if (part.ends_with(".pyi")) part.remove_suffix(4);
      if (!part.empty()) names.emplace(part);
      if (slash == std::string_view::npos) break;
      start = slash + 1;
    }
  }
  return names;
}

// Parses each requirement's PEP 508 text and normalises names (PEP 503); a named
// requirement whose text is not PEP 508 is a warning at its position.
void judge_requirements(deps::Manifest& manifest, std::vector<Diagnostic>& diagnostics) {
  for (deps::DeclaredRequirement& r : manifest.requirements) {
    // constraints*.txt only ever pins, whether reached through -c or read on its own.
    std::string_view file = std::string_view(r.where.path).substr(r.where.path.find_last_of('/') + 1);
    if (file.rfind("constraints", 0) == 0) r.constraint_only = true;
    if (r.name.empty()) continue;  // a bare path or URL: nothing to match
    std::string error;
    std::size_t offset = 0;
    r.parsed = deps::parse_requirement(r.text, &error, &offset);
    if (r.parsed) {
      r.name = deps::normalize_name(r.parsed->name);
      continue;
    }
    r.name = deps::normalize_name(r.name);
    if (!r.url.empty()) continue;  // "name @ url" forms pip accepts and PEP 508 may not
    Diagnostic d;
    d.severity = DiagnosticSeverity::Warning;
    d.kind = DiagnosticKind::Syntax;
    d.path = r.where.path;
    d.line = r.where.line;
    d.column = r.where.column + static_cast<int>(offset);
    d.message = "invalid requirement '" + r.text + "': " + error;
    diagnostics.push_back(std::move(d));
  }
  for (deps::LockedPackage& p : manifest.locked) p.name = deps::normalize_name(p.name);
}

// Components and their known vulnerabilities, for the SBOM.
void build_inventory(const rules::ProjectContext& ctx, const std::vector<std::string>& roots, ScanResult& result) {
  std::map<std::string, DependencyComponent> by_name;
  auto where = [&](const deps::SourcePosition& p) { return relative_to_roots(p.path, roots) + ":" + std::to_string(p.line); };
  for (const deps::Manifest& m : ctx.manifests) {
    for (const deps::DeclaredRequirement& r : m.requirements) {
      if (r.name.empty() || r.constraint_only) continue;
      DependencyComponent& c = by_name[r.name];
      bool first = c.name.empty();
      c.name = r.name;
      c.optional = first ? r.optional : c.optional && r.optional;
      if (r.parsed) {
        if (auto pin = r.parsed->specifier.pinned(); pin && c.version.empty()) c.version = pin->str();
        if (c.specifier.empty()) c.specifier = r.parsed->specifier.str();
      }
      c.sources.push_back(where(r.where));
    }
  }
  for (const deps::Manifest& m : ctx.manifests) {
    for (const deps::LockedPackage& p : m.locked) {
      DependencyComponent& c = by_name[p.name];
      if (c.name.empty()) {
        c.name = p.name;
        c.direct = false;
      }
      c.version = p.version;  // what gets installed
      c.sources.push_back(where(p.where));
    }
  }
  for (auto& [name, c] : by_name) {
    std::sort(c.sources.begin(), c.sources.end());
    c.sources.erase(std::unique(c.sources.begin(), c.sources.end()), c.sources.end());
    if (auto v = deps::Version::parse(c.version); v && ctx.advisories) {
      const auto& advisories = ctx.advisories->for_package(name);
      deps::AdvisoryMatch match = deps::advisories_affecting(advisories, *v);
      auto safe = match.empty() ? std::nullopt : deps::smallest_safe_version(advisories, *v);
      for (std::size_t i = 0; i < match.advisories.size(); ++i) {
        const deps::Advisory& a = *match.advisories[i];
        result.vulnerabilities.push_back({a.id, a.aliases, a.summary, name, c.version, match.ranges[i],
                                          safe ? safe->str() : std::string()});
      }
    }
    result.components.push_back(std::move(c));
  }
}

}  // namespace

void collect_imports(const sem::SemanticModel& model, std::string_view text, const std::string& path,
                     const std::string& relative_path, bool in_test, rules::ModuleImports& out,
                     const std::vector<std::size_t>* line_starts) {
  out.path = path;
  out.relative_path = relative_path;
  out.in_test = in_test;
  // Where each line starts, found once (a module has hundreds of imports).
  std::vector<std::size_t> own_starts;
  auto line_start = [&](int lineno) -> std::optional<std::size_t> {
    const std::vector<std::size_t>& starts = rules::line_starts(text, line_starts, own_starts);
    if (lineno < 1 || static_cast<std::size_t>(lineno) > starts.size()) return std::nullopt;
    return starts[static_cast<std::size_t>(lineno) - 1];
  };
  for (const sem::ImportRecord& record : model.imports()) {
    if (record.level > 0 || record.module.empty() || record.module[0] == '.') continue;
    rules::ModuleImport i;
    i.module = record.module;
    // The statement's position: `from flask_wtf.csrf import X` is reported at `from`.
    int lineno = record.statement ? record.statement->lineno : record.lineno;
    int col = record.statement ? record.statement->col_offset : record.col_offset;
    i.line = lineno;
    std::optional<std::size_t> start = line_start(lineno);
    // The line from its start (character_column and line_of read it the same way).
    std::string_view from_line = start ? text.substr(*start) : std::string_view();
    i.column = start ? character_column(from_line, 1, col) : col + 1;
    i.source_line = start ? std::string(line_of(from_line, 1)) : std::string();
    i.conditional = record.conditional();
    i.guarded = record.conditions & sem::kImportInTryExcept;
    i.type_checking = record.conditions & sem::kImportTypeChecking;
    i.in_function = record.conditions & sem::kImportInFunction;
    out.imports.push_back(std::move(i));
  }
}

void run_dependency_review(const ScanOptions& options, DependencyInputs& inputs, ScanResult& result) {
  using Clock = std::chrono::steady_clock;
  auto start = Clock::now();
  rules::ProjectContext ctx;
  // setup.py files are Python files (analysed above) and manifests too.
  struct ToRead {
    std::string path;
    deps::ManifestKind kind;
    FileOutcome* outcome;  // null for setup.py, whose outcome is the Python file's
  };
  std::vector<ToRead> to_read;
  for (FileOutcome* f : inputs.manifest_files) {
    auto kind = deps::manifest_kind(relative_to_roots(f->path, options.discovery.roots));
    if (!kind) {
      f->reason = "no-analyser";
      f->detail = "not a dependency manifest Aegis reads";
      continue;
    }
    to_read.push_back({f->path, *kind, f});
  }
  for (const auto& m : inputs.modules) {
    if (std::filesystem::path(m.path).filename() == "setup.py") to_read.push_back({m.path, deps::ManifestKind::SetupPy, nullptr});
  }
  for (const auto& [path, kind, outcome] : to_read) {
    std::optional<std::string> text = load_file(path);
    if (!text) {
      if (outcome) {
        outcome->status = FileStatus::Failed;
        outcome->reason = "unreadable";
        outcome->detail = "cannot read the manifest";
      }
      continue;
    }
    deps::Manifest manifest = deps::read_manifest(path, *text, kind, load_file);
    if (outcome) {
      outcome->status = manifest.unreadable ? FileStatus::Failed : FileStatus::Analysed;
      outcome->reason = manifest.unreadable ? "syntax-error" : "";
      outcome->detail = manifest.unreadable && !manifest.diagnostics.empty() ? manifest.diagnostics.front().message : "";
      outcome->lines = static_cast<std::uint64_t>(std::count(text->begin(), text->end(), '\n'));
      outcome->bytes = text->size();
    }
    for (const deps::ManifestDiagnostic& md : manifest.diagnostics) {
      Diagnostic d;
      d.severity = manifest.unreadable ? DiagnosticSeverity::Error : DiagnosticSeverity::Warning;
      d.kind = DiagnosticKind::Syntax;
      d.path = md.where.path.empty() ? path : md.where.path;
      d.line = md.where.line;
      d.column = md.where.column;
      d.end_line = md.where.end_line;
      d.end_column = md.where.end_column;
      d.message = md.message;
      result.diagnostics.push_back(std::move(d));
    }
    judge_requirements(manifest, result.diagnostics);
    ctx.manifests.push_back(std::move(manifest));
  }
  // A file read through -r is a manifest of its own too; keep its entries once.
  std::set<std::pair<std::string, int>> kept;
  for (auto& m : ctx.manifests) {
    std::vector<deps::DeclaredRequirement> unique;
    for (auto& r : m.requirements) {
      if (kept.insert({r.where.path, r.where.line}).second) unique.push_back(std::move(r));
    }
    m.requirements = std::move(unique);
  }
  std::sort(ctx.manifests.begin(), ctx.manifests.end(),
            [](const deps::Manifest& a, const deps::Manifest& b) { return path_less(a.path, b.path); });

  deps::AdvisoryDb advisories =
      inputs.builtin_advisories.valid() ? inputs.builtin_advisories.get() : deps::AdvisoryDb::builtin();
  std::string index = options.advisory_index.empty() ? deps::default_index_path() : options.advisory_index;
  std::string error;
  if (std::filesystem::exists(index)) {
    if (!advisories.attach(index, &error)) {
      Diagnostic d;
      d.severity = DiagnosticSeverity::Warning;
      d.kind = DiagnosticKind::Config;
      d.path = index;
      d.message = error;
      result.diagnostics.push_back(std::move(d));
    }
  } else if (!options.advisory_index.empty()) {
    Diagnostic d;
    d.severity = DiagnosticSeverity::Warning;
    d.kind = DiagnosticKind::Config;
    d.path = index;
    d.message = "advisory index not found; only the built-in advisories are used (run `aegis db import`)";
    result.diagnostics.push_back(std::move(d));
  }
  result.advisory_sources = advisories.sources();
  deps::ImportNames names = deps::ImportNames::builtin();
  if (!options.site_packages.empty()) names.add_site_packages(options.site_packages);

  ctx.modules = std::move(inputs.modules);
  ctx.local_modules = local_names(ctx.modules);
  ctx.advisories = &advisories;
  ctx.import_names = &names;
  ctx.environment = deps::MarkerEnvironment::target(options.target_python, options.target_platform);
  std::string_view minor = options.target_python;
  ctx.python_minor = minor.rfind("3.", 0) == 0 ? std::atoi(std::string(minor.substr(2)).c_str()) : 12;

  result.stats.manifests_read = ctx.manifests.size();
  result.stats.manifest_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  start = Clock::now();
  std::vector<Finding> findings;
  ctx.out = &findings;
  for (const rules::Rule* rule : options.checker->rules()) {
    ctx.rule = rule;
    rule->check_project(ctx);
  }
  result.stats.dependency_seconds = std::chrono::duration<double>(Clock::now() - start).count();
  build_inventory(ctx, options.discovery.roots, result);
  if (!options.discovery.roots.empty()) {
    std::error_code ec;
    std::filesystem::path root = std::filesystem::weakly_canonical(options.discovery.roots.front(), ec);
    if (!std::filesystem::is_directory(root, ec)) root = root.parent_path();
    result.project_name = root.filename().string();
  }
  // Fingerprints per file, as for Python findings.
  std::map<std::string, std::vector<Finding>> by_path;
  for (auto& f : findings) by_path[f.path].push_back(std::move(f));
  for (auto& [path, list] : by_path) {
    std::sort(list.begin(), list.end(), finding_less);
    for (Finding& f : list) {
      auto it = options.severity_overrides.find(f.rule_id);
      if (it != options.severity_overrides.end()) f.severity = it->second;
    }
    rules::assign_fingerprints(list, 0, list.size(), relative_to_roots(path, options.discovery.roots));
    for (auto& f : list) result.findings.push_back(std::move(f));
  }
}

}  // namespace aegis::engine
