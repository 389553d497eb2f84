// Manifest kinds by file name, the reader dispatch, and the walk that finds a project's
// manifests.
#include "deps/manifest.h"

#include <algorithm>
#include <exception>
#include <fstream>
#include <map>
#include <sstream>
#include <system_error>

#include "deps/manifest_internal.h"

namespace aegis::deps {

namespace fs = std::filesystem;
using namespace detail;

const char* to_string(ManifestKind kind) {
  switch (kind) {
    case ManifestKind::Requirements: return "requirements";
    case ManifestKind::PyprojectPep621: return "pyproject-pep621";
    case ManifestKind::PyprojectPoetry: return "pyproject-poetry";
    case ManifestKind::SetupCfg: return "setup-cfg";
    case ManifestKind::SetupPy: return "setup-py";
    case ManifestKind::Pipfile: return "pipfile";
    case ManifestKind::PipfileLock: return "pipfile-lock";
    case ManifestKind::PoetryLock: return "poetry-lock";
    case ManifestKind::UvLock: return "uv-lock";
    case ManifestKind::PipConf: return "pip-conf";
  }
  return "unknown";
}

std::optional<ManifestKind> manifest_kind(std::string_view relative_path) {
  std::size_t slash = relative_path.find_last_of("/\\");
  std::string_view name = slash == std::string_view::npos ? relative_path : relative_path.substr(slash + 1);
  std::string_view parent = slash == std::string_view::npos ? std::string_view{} : relative_path.substr(0, slash);
  std::size_t parent_slash = parent.find_last_of("/\\");
  std::string_view parent_name = parent_slash == std::string_view::npos ? parent : parent.substr(parent_slash + 1);

  if (name == "pyproject.toml") return ManifestKind::PyprojectPep621;
  if (name == "setup.cfg") return ManifestKind::SetupCfg;
  if (name == "setup.py") return ManifestKind::SetupPy;
  if (name == "Pipfile") return ManifestKind::Pipfile;
  if (name == "Pipfile.lock") return ManifestKind::PipfileLock;
  if (name == "poetry.lock") return ManifestKind::PoetryLock;
  if (name == "uv.lock") return ManifestKind::UvLock;
  if (name == "pip.conf" || name == "pip.ini") return ManifestKind::PipConf;

  std::string lower = lowercase(name);
  bool named_for_requirements =
      lower.find("requirements") != std::string::npos || lower.find("constraints") != std::string::npos;
  if (ends_with(lower, ".txt") && (named_for_requirements || lowercase(parent_name) == "requirements")) {
    return ManifestKind::Requirements;
  }
  // Rye's requirements.lock / requirements-dev.lock are pip requirements files.
  if (ends_with(lower, ".lock") && starts_with(lower, "requirements")) return ManifestKind::Requirements;
  // pip-tools inputs: "requirements.in", "dev.in"; not MANIFEST.in, Makefile.in,
  // configure.in or templates such as config.h.in.
  if (ends_with(lower, ".in")) {
    std::string_view stem = std::string_view(lower).substr(0, lower.size() - 3);
    if (!stem.empty() && stem.find('.') == std::string_view::npos && stem != "manifest" && stem != "makefile" &&
        stem != "configure") {
      return ManifestKind::Requirements;
    }
  }
  return std::nullopt;
}

Manifest read_manifest(std::string_view path, std::string_view text, ManifestKind kind, const ManifestLoader& load) {
  Manifest manifest;
  manifest.path = std::string(path);
  manifest.kind = kind;
  try {
    switch (kind) {
      case ManifestKind::Requirements:
        read_requirements_txt(manifest, decode_manifest_text(text), load);
        break;
      case ManifestKind::PyprojectPep621:
      case ManifestKind::PyprojectPoetry:
        read_pyproject(manifest, decode_manifest_text(text));
        break;
      case ManifestKind::SetupCfg:
        read_setup_cfg(manifest, decode_manifest_text(text), load);
        break;
      case ManifestKind::SetupPy:
        read_setup_py(manifest, text);  // the Python front end decodes (coding cookies)
        break;
      case ManifestKind::Pipfile:
        read_pipfile(manifest, decode_manifest_text(text));
        break;
      case ManifestKind::PipfileLock:
        read_pipfile_lock(manifest, decode_manifest_text(text));
        break;
      case ManifestKind::PoetryLock:
      case ManifestKind::UvLock:
        read_toml_lock(manifest, decode_manifest_text(text));
        break;
      case ManifestKind::PipConf:
        read_pip_conf(manifest, decode_manifest_text(text));
        break;
    }
  } catch (const std::exception& e) {
    add_diagnostic(manifest, SourcePosition{manifest.path}, std::string("cannot read the manifest: ") + e.what());
  } catch (...) {
    add_diagnostic(manifest, SourcePosition{manifest.path}, "cannot read the manifest");
  }
  return manifest;
}

namespace {

constexpr std::uintmax_t kMaxManifestBytes = 64u << 20;

// Directories that hold no project manifests of their own: version control, installed
// packages, environments and caches.
bool skipped_directory(const fs::path& dir) {
  std::string name = dir.filename().string();
  static const char* const kNames[] = {".git", ".hg", ".svn", ".bzr", "node_modules", "site-packages",
                                       "dist-packages", "__pycache__", ".tox", ".nox", ".venv", "venv",
                                       ".mypy_cache", ".pytest_cache", ".ruff_cache", ".eggs"};
  for (const char* skipped : kNames) {
    if (name == skipped) return true;
  }
  std::error_code ec;
  return fs::exists(dir / "pyvenv.cfg", ec) || fs::exists(dir / "conda-meta", ec);
}

bool read_bytes(const fs::path& file, std::string& bytes, std::string& error) {
  std::error_code ec;
  auto size = fs::file_size(file, ec);
  if (ec) {
    error = "cannot read the file: " + ec.message();
    return false;
  }
  if (size > kMaxManifestBytes) {
    error = "not read: larger than " + std::to_string(kMaxManifestBytes >> 20) + " MiB";
    return false;
  }
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    error = "cannot read the file";
    return false;
  }
  std::stringstream buffer;
  buffer << in.rdbuf();
  bytes = buffer.str();
  return true;
}

// Whether `inner` lies within `outer` (both canonical), component by component.
bool within(const fs::path& inner, const fs::path& outer) {
  auto i = inner.begin();
  for (auto o = outer.begin(); o != outer.end(); ++o, ++i) {
    if (o->empty()) continue;  // a trailing separator
    if (i == inner.end() || *i != *o) return false;
  }
  return true;
}

// Loads included files relative to the project root, never outside it (a hostile -r
// /etc/passwd must not end up quoted in a report).
class ProjectLoader {
 public:
  explicit ProjectLoader(fs::path root) : root_(std::move(root)) {
    std::error_code ec;
    canonical_root_ = fs::weakly_canonical(root_, ec);
    if (ec) canonical_root_ = root_;
  }

  std::optional<std::string> operator()(const std::string& relative) {
    if (relative.empty() || relative[0] == '/' || relative == ".." || starts_with(relative, "../")) {
      return std::nullopt;
    }
    auto cached = cache_.find(relative);
    if (cached != cache_.end()) return cached->second;
    std::optional<std::string> result;
    fs::path file = root_ / fs::path(relative);
    std::error_code ec;
    fs::path canonical = fs::weakly_canonical(file, ec);
    std::string bytes, error;
    if (!ec && within(canonical, canonical_root_) && fs::is_regular_file(canonical, ec) &&
        read_bytes(canonical, bytes, error)) {
      result = std::move(bytes);
    }
    cache_.emplace(relative, result);
    return result;
  }

 private:
  fs::path root_;
  fs::path canonical_root_;
  std::map<std::string, std::optional<std::string>> cache_;
};

Manifest read_one(const fs::path& root, const std::string& relative, ManifestKind kind, ProjectLoader& loader) {
  std::optional<std::string> bytes = loader(relative);
  if (!bytes) {
    std::string content, error = "cannot read the file";
    read_bytes(root / relative, content, error);
    Manifest manifest;
    manifest.path = relative;
    manifest.kind = kind;
    add_diagnostic(manifest, SourcePosition{relative}, error);
    return manifest;
  }
  ManifestLoader load = [&loader](const std::string& path) { return loader(path); };
  return read_manifest(relative, *bytes, kind, load);
}

}  // namespace

std::vector<Manifest> read_project_manifests(const fs::path& root) {
  std::vector<Manifest> manifests;
  std::error_code ec;
  if (fs::is_regular_file(root, ec)) {
    // One file: read it as the manifest its name says (a requirements file by default).
    std::string name = root.filename().string();
    ProjectLoader loader(root.parent_path().empty() ? fs::path(".") : root.parent_path());
    manifests.push_back(read_one(root.parent_path().empty() ? fs::path(".") : root.parent_path(), name,
                                 manifest_kind(name).value_or(ManifestKind::Requirements), loader));
    return manifests;
  }
  std::vector<std::pair<std::string, ManifestKind>> found;
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    std::error_code status_ec;
    if (entry.is_symlink(status_ec)) continue;  // links may leave the project or loop
    if (entry.is_directory(status_ec)) {
      if (skipped_directory(entry.path())) it.disable_recursion_pending();
      continue;
    }
    if (!entry.is_regular_file(status_ec)) continue;
    std::string relative = entry.path().lexically_relative(root).generic_string();
    if (auto kind = manifest_kind(relative)) found.emplace_back(relative, *kind);
  }
  std::sort(found.begin(), found.end());
  ProjectLoader loader(root);
  for (const auto& [relative, kind] : found) manifests.push_back(read_one(root, relative, kind, loader));
  return manifests;
}

}  // namespace aegis::deps
