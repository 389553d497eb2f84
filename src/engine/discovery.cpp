#include "engine/discovery.h"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <condition_variable>
#include <cstdint>
#include <cstring>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <system_error>
#include <utility>

#include "engine/gitignore.h"
#include "engine/workers.h"

namespace aegis::engine {

const char* to_string(FileKind kind) {
  switch (kind) {
    case FileKind::Python: return "python";
    case FileKind::Manifest: return "manifest";
    case FileKind::Terraform: return "terraform";
    case FileKind::Config: return "config";
    case FileKind::Other: return "other";
  }
  return "other";
}

const char* to_string(Disposition disposition) {
  switch (disposition) {
    case Disposition::Selected: return "selected";
    case Disposition::Skipped: return "skipped";
    case Disposition::Failed: return "failed";
  }
  return "failed";
}

namespace {

bool starts_with(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool ends_with(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

std::string error_text(int error) { return std::error_code(error, std::generic_category()).message(); }

std::string join(std::string_view dir, std::string_view name) {
  if (dir.empty() || dir == ".") return std::string(name);
  std::string out(dir);
  if (out.back() != '/') out += '/';
  out += name;
  return out;
}

std::string_view base_name(std::string_view path) {
  std::size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

bool exists(const std::string& path) {
  struct stat st;
  return ::lstat(path.c_str(), &st) == 0;
}

// Reads at most `limit` bytes of a file (.gitignore, a shebang line); false
// with errno set when it cannot be read. Allocates what the file holds, not the limit.
bool read_prefix(const std::string& path, std::size_t limit, std::string& out, bool& truncated) {
  out.clear();
  truncated = false;
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st;
  std::size_t want = limit;
  if (::fstat(fd, &st) == 0 && st.st_size >= 0) {
    want = std::min<std::size_t>(limit, static_cast<std::size_t>(st.st_size));
  }
  out.resize(want);
  std::size_t have = 0;
  while (have < want) {
    ssize_t n = ::read(fd, out.data() + have, want - have);
    if (n < 0) {
      if (errno == EINTR) continue;
      int saved = errno;
      ::close(fd);
      errno = saved;
      return false;
    }
    if (n == 0) break;
    have += static_cast<std::size_t>(n);
  }
  if (have == limit) {
    char extra;
    truncated = ::read(fd, &extra, 1) == 1;
  }
  ::close(fd);
  out.resize(have);
  return true;
}

struct IgnoreLevel {
  std::string dir_rel;  // relative to the ignore base; "" for the base itself
  IgnoreList list;
  std::shared_ptr<const IgnoreLevel> parent;
};
using IgnoreChain = std::shared_ptr<const IgnoreLevel>;

struct DirTask {
  std::string path;  // display path
  std::string rel;   // relative to the ignore base
  std::size_t root_rel_length = 0;  // rel.substr(0, this) is the scan root
  std::string root_absolute;        // the scan root, absolute (for config excludes)
  IgnoreChain chain;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
};

using Identity = std::pair<std::uint64_t, std::uint64_t>;

constexpr std::size_t kMaxIgnoreFileBytes = std::size_t{4} << 20;

class Walker {
 public:
  explicit Walker(const DiscoveryOptions& options)
      : options_(options), jobs_(resolve_jobs(options.jobs)), excludes_("--exclude") {
    int line = 0;
    for (const auto& pattern : options.excludes) excludes_.add_line(pattern, ++line);
  }

  DiscoveryResult run();

 private:
  struct Local {
    std::vector<DiscoveredEntry> entries;
    std::vector<Diagnostic> diagnostics;
    std::vector<DirTask> links;
  };

  void walk(DirTask first);
  void process(const DirTask& task, Local& local, std::vector<DirTask>& subdirs);
  IgnoreChain load_ignore_file(const std::string& dir_path, const std::string& dir_rel,
                               IgnoreChain parent, Local& local) const;
  bool claim(Identity id, const std::string& path, std::string& previous);
  void add_file_root(const std::string& display, const struct stat& st, Local& local);
  DirTask make_root_task(const std::string& display, const struct stat& st, Local& local);
  void merge(Local& local);

  const DiscoveryOptions& options_;
  int jobs_;
  IgnoreList excludes_;

  std::mutex mutex_;  // guards everything below
  std::map<Identity, std::string> claimed_;
  std::vector<DiscoveredEntry> entries_;
  std::vector<Diagnostic> diagnostics_;
  std::vector<DirTask> pending_links_;
  std::size_t directories_walked_ = 0;
};

Diagnostic make_diagnostic(DiagnosticSeverity severity, std::string path, std::string message) {
  Diagnostic d;
  d.severity = severity;
  d.kind = DiagnosticKind::Io;
  d.path = std::move(path);
  d.message = std::move(message);
  return d;
}

DiscoveredEntry make_entry(std::string path, EntryType type, FileKind kind, Disposition disposition,
                           std::string reason, std::string detail) {
  DiscoveredEntry e;
  e.path = std::move(path);
  e.type = type;
  e.kind = kind;
  e.disposition = disposition;
  e.reason = std::move(reason);
  e.detail = std::move(detail);
  return e;
}

std::string first_line_if_extensionless(const std::string& path, std::string_view name) {
  if (name.find('.') != std::string_view::npos) return {};
  std::string head;
  bool truncated = false;
  if (!read_prefix(path, 256, head, truncated)) return {};
  std::size_t newline = head.find('\n');
  if (newline != std::string::npos) head.resize(newline);
  if (head.find('\0') != std::string::npos) return {};  // binary, not a script
  return head;
}

bool Walker::claim(Identity id, const std::string& path, std::string& previous) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto [it, inserted] = claimed_.emplace(id, path);
  if (!inserted) previous = it->second;
  return inserted;
}

void Walker::merge(Local& local) {
  std::lock_guard<std::mutex> lock(mutex_);
  for (auto& e : local.entries) entries_.push_back(std::move(e));
  for (auto& d : local.diagnostics) diagnostics_.push_back(std::move(d));
  for (auto& l : local.links) pending_links_.push_back(std::move(l));
  local = Local{};
}

IgnoreChain Walker::load_ignore_file(const std::string& file_path, const std::string& dir_rel,
                                     IgnoreChain parent, Local& local) const {
  struct stat st;
  if (::stat(file_path.c_str(), &st) != 0) {
    if (errno != ENOENT && errno != ENOTDIR) {
      local.diagnostics.push_back(make_diagnostic(DiagnosticSeverity::Warning, file_path,
                                                  "cannot read ignore file: " + error_text(errno)));
    }
    return parent;
  }
  if (!S_ISREG(st.st_mode)) return parent;
  std::string text;
  bool truncated = false;
  if (!read_prefix(file_path, kMaxIgnoreFileBytes, text, truncated)) {
    local.diagnostics.push_back(make_diagnostic(DiagnosticSeverity::Warning, file_path,
                                                "cannot read ignore file: " + error_text(errno)));
    return parent;
  }
  if (truncated) {
    local.diagnostics.push_back(make_diagnostic(
        DiagnosticSeverity::Warning, file_path, "ignore file larger than 4 MiB: only its start is used"));
  }
  auto level = std::make_shared<IgnoreLevel>();
  level->dir_rel = dir_rel;
  level->list = IgnoreList::parse(text, file_path);
  level->parent = std::move(parent);
  if (level->list.empty()) return level->parent;
  return level;
}

void Walker::process(const DirTask& task, Local& local, std::vector<DirTask>& subdirs) {
  DIR* dir = ::opendir(task.path.c_str());
  if (dir == nullptr) {
    std::string why = error_text(errno);
    local.entries.push_back(make_entry(task.path, EntryType::Directory, FileKind::Other,
                                       Disposition::Failed, "unreadable", "cannot read directory: " + why));
    local.diagnostics.push_back(
        make_diagnostic(DiagnosticSeverity::Error, task.path, "cannot read directory: " + why));
    return;
  }
  std::vector<std::string> names;
  while (true) {
    errno = 0;
    struct dirent* ent = ::readdir(dir);
    if (ent == nullptr) {
      if (errno != 0) {
        local.diagnostics.push_back(make_diagnostic(DiagnosticSeverity::Error, task.path,
                                                    "error while listing directory: " + error_text(errno)));
      }
      break;
    }
    std::string_view name(ent->d_name);
    if (name == "." || name == "..") continue;
    names.emplace_back(name);
  }
  std::sort(names.begin(), names.end());
  // Entries are looked up relative to the open directory: the kernel then walks one name,
  // not the whole path again for every entry.
  const int dir_fd = ::dirfd(dir);
  struct CloseDir {
    DIR* dir;
    ~CloseDir() { ::closedir(dir); }
  } close_dir{dir};

  IgnoreChain chain = task.chain;
  if (options_.use_gitignore && std::binary_search(names.begin(), names.end(), std::string(".gitignore"))) {
    chain = load_ignore_file(join(task.path, ".gitignore"), task.rel, chain, local);
  }
  std::string_view dir_name = base_name(task.path);

  for (const std::string& name : names) {
    std::string path = join(task.path, name);
    std::string rel = task.rel.empty() ? name : task.rel + "/" + name;

    struct stat lst;
    if (::fstatat(dir_fd, name.c_str(), &lst, AT_SYMLINK_NOFOLLOW) != 0) {
      std::string why = error_text(errno);
      FileKind kind = classify_file(name, dir_name, {});
      local.entries.push_back(make_entry(path, EntryType::File, kind, Disposition::Failed, "unreadable",
                                         "cannot access: " + why));
      local.diagnostics.push_back(make_diagnostic(DiagnosticSeverity::Error, path, "cannot access: " + why));
      continue;
    }
    struct stat st = lst;
    bool is_link = S_ISLNK(lst.st_mode);
    int link_error = 0;
    if (is_link && ::fstatat(dir_fd, name.c_str(), &st, 0) != 0) link_error = errno;
    bool is_dir = link_error == 0 && S_ISDIR(st.st_mode);
    EntryType type = is_dir ? EntryType::Directory : EntryType::File;

    // 1. --exclude, relative to the scan root.
    std::string_view root_relative = std::string_view(rel).substr(
        task.root_rel_length == 0 ? 0 : task.root_rel_length + 1);
    const IgnorePattern* pattern = nullptr;
    IgnoreVerdict verdict = excludes_.match(root_relative, is_dir, &pattern);
    if (verdict == IgnoreVerdict::Ignored) {
      local.entries.push_back(make_entry(path, type, is_dir ? FileKind::Other : classify_file(name, dir_name, {}),
                                         Disposition::Skipped, "excluded", "--exclude '" + pattern->text + "'"));
      continue;
    }
    if (verdict == IgnoreVerdict::None && !options_.config_excludes.empty()) {
      std::string absolute = task.root_absolute == "/" ? "/" + std::string(root_relative)
                                                        : task.root_absolute + "/" + std::string(root_relative);
      std::string origin;
      verdict = options_.config_excludes.match_entry(absolute, is_dir, &pattern, &origin);
      if (verdict == IgnoreVerdict::Ignored) {
        local.entries.push_back(make_entry(path, type, is_dir ? FileKind::Other : classify_file(name, dir_name, {}),
                                           Disposition::Skipped, "excluded",
                                           origin + ":" + std::to_string(pattern->line) + ": exclude '" +
                                               pattern->text + "'"));
        continue;
      }
    }
    bool forced = verdict == IgnoreVerdict::Included;

    // 2. Default excludes.
    if (!forced && is_dir && options_.use_default_excludes) {
      std::string why = default_exclude_reason(dir_fd, name);
      if (!why.empty()) {
        local.entries.push_back(make_entry(path, type, FileKind::Other, Disposition::Skipped,
                                           "default-excluded", why));
        continue;
      }
    }

    // 3. .gitignore files, the deepest first.
    if (!forced && options_.use_gitignore) {
      bool ignored = false;
      for (const IgnoreLevel* level = chain.get(); level != nullptr; level = level->parent.get()) {
        std::string_view level_relative = rel;
        if (!level->dir_rel.empty()) level_relative.remove_prefix(level->dir_rel.size() + 1);
        IgnoreVerdict v = level->list.match(level_relative, is_dir, &pattern);
        if (v == IgnoreVerdict::None) continue;
        if (v == IgnoreVerdict::Ignored) {
          ignored = true;
          local.entries.push_back(make_entry(
              path, type, is_dir ? FileKind::Other : classify_file(name, dir_name, {}), Disposition::Skipped,
              "gitignored", level->list.origin() + ":" + std::to_string(pattern->line) + ": " + pattern->text));
        }
        break;
      }
      if (ignored) continue;
    }

    if (link_error != 0) {
      FileKind kind = classify_file(name, dir_name, {});
      std::string why = link_error == ELOOP ? "symbolic link loop (too many levels of links)"
                                            : "broken symbolic link: " + error_text(link_error);
      bool would_analyse = kind == FileKind::Python;
      local.entries.push_back(make_entry(path, EntryType::File, kind,
                                         would_analyse ? Disposition::Failed : Disposition::Skipped,
                                         "broken-symlink", why));
      local.diagnostics.push_back(make_diagnostic(
          would_analyse ? DiagnosticSeverity::Error : DiagnosticSeverity::Warning, path, why));
      continue;
    }

    if (is_dir) {
      DirTask sub;
      sub.path = path;
      sub.rel = rel;
      sub.root_rel_length = task.root_rel_length;
      sub.root_absolute = task.root_absolute;
      sub.chain = chain;
      sub.device = static_cast<std::uint64_t>(st.st_dev);
      sub.inode = static_cast<std::uint64_t>(st.st_ino);
      if (is_link) {
        // Followed after every real directory of this walk, in path order, so
        // which path "owns" a directory never depends on thread timing.
        local.links.push_back(std::move(sub));
        continue;
      }
      std::string previous;
      if (!claim({sub.device, sub.inode}, path, previous)) {
        local.entries.push_back(make_entry(path, type, FileKind::Other, Disposition::Skipped, "duplicate",
                                           "same directory as " + previous));
        continue;
      }
      subdirs.push_back(std::move(sub));
      continue;
    }

    if (!S_ISREG(st.st_mode)) {
      const char* what = S_ISFIFO(st.st_mode)   ? "named pipe"
                         : S_ISSOCK(st.st_mode) ? "socket"
                                                : "device file";
      local.entries.push_back(make_entry(path, EntryType::File, classify_file(name, dir_name, {}),
                                         Disposition::Skipped, "special-file",
                                         std::string("not a regular file: ") + what));
      continue;
    }
    DiscoveredEntry entry = make_entry(path, EntryType::File,
                                       classify_file(name, dir_name, first_line_if_extensionless(path, name)),
                                       Disposition::Selected, "", "");
    entry.size = static_cast<std::uint64_t>(st.st_size);
    entry.device = static_cast<std::uint64_t>(st.st_dev);
    entry.inode = static_cast<std::uint64_t>(st.st_ino);
    if (entry.kind != FileKind::Other && entry.size > options_.max_file_size) {
      entry.disposition = Disposition::Skipped;
      entry.reason = "too-large";
      entry.detail = std::to_string(entry.size) + " bytes, above the limit of " +
                     std::to_string(options_.max_file_size);
    }
    local.entries.push_back(std::move(entry));
  }
}

void Walker::walk(DirTask first) {
  std::deque<DirTask> queue;
  queue.push_back(std::move(first));
  std::mutex queue_mutex;
  std::condition_variable wake;
  int busy = 0;
  run_workers(jobs_, std::size_t{1} << 20, [&](int) {
    Local local;
    std::size_t walked = 0;
    while (true) {
      DirTask task;
      {
        std::unique_lock<std::mutex> lock(queue_mutex);
        wake.wait(lock, [&] { return !queue.empty() || busy == 0; });
        if (queue.empty()) break;
        task = std::move(queue.front());
        queue.pop_front();
        ++busy;
      }
      std::vector<DirTask> subdirs;
      process(task, local, subdirs);
      ++walked;
      {
        std::lock_guard<std::mutex> lock(queue_mutex);
        for (auto& s : subdirs) queue.push_back(std::move(s));
        --busy;
      }
      wake.notify_all();
    }
    merge(local);
    std::lock_guard<std::mutex> lock(mutex_);
    directories_walked_ += walked;
  });
}

std::string normalise_root(const std::string& root) {
  if (root.empty()) return ".";
  std::string normal = std::filesystem::path(root).lexically_normal().string();
  while (normal.size() > 1 && normal.back() == '/') normal.pop_back();
  return normal.empty() ? "." : normal;
}

void Walker::add_file_root(const std::string& display, const struct stat& st, Local& local) {
  std::string_view name = base_name(display);
  std::string parent = std::filesystem::path(display).parent_path().filename().string();
  DiscoveredEntry entry = make_entry(display, EntryType::File,
                                     classify_file(name, parent, first_line_if_extensionless(display, name)),
                                     Disposition::Selected, "", "");
  entry.size = static_cast<std::uint64_t>(st.st_size);
  entry.device = static_cast<std::uint64_t>(st.st_dev);
  entry.inode = static_cast<std::uint64_t>(st.st_ino);
  if (!S_ISREG(st.st_mode)) {
    entry.disposition = Disposition::Skipped;
    entry.reason = "special-file";
    entry.detail = "not a regular file";
  } else if (entry.kind != FileKind::Other && entry.size > options_.max_file_size) {
    entry.disposition = Disposition::Skipped;
    entry.reason = "too-large";
    entry.detail = std::to_string(entry.size) + " bytes, above the limit of " +
                   std::to_string(options_.max_file_size);
  }
  local.entries.push_back(std::move(entry));
}

// The ignore files above a scan root apply to it: those of every directory from
// the enclosing git repository's root down to the root's parent, and
// .git/info/exclude beneath them all. Outside a repository only the root's own
// files (and those below it) apply.
DirTask Walker::make_root_task(const std::string& display, const struct stat& st, Local& local) {
  DirTask task;
  task.path = display;
  task.device = static_cast<std::uint64_t>(st.st_dev);
  task.inode = static_cast<std::uint64_t>(st.st_ino);

  namespace fs = std::filesystem;
  std::error_code ec;
  fs::path absolute = fs::absolute(display, ec).lexically_normal();
  if (ec) return task;
  std::string absolute_text = absolute.string();
  while (absolute_text.size() > 1 && absolute_text.back() == '/') absolute_text.pop_back();
  absolute = absolute_text;
  task.root_absolute = absolute_text;
  if (!options_.use_gitignore) return task;

  std::vector<fs::path> ancestors;  // from the root's parent upwards
  fs::path repo;
  for (fs::path p = absolute;; p = p.parent_path()) {
    if (exists((p / ".git").string())) {
      repo = p;
      break;
    }
    if (p == p.parent_path()) break;
    ancestors.push_back(p.parent_path());
  }
  if (repo.empty()) return task;

  // Display paths of ancestors, relative like the root: "examples/.." -> ".".
  auto display_of = [&](const fs::path& dir) {
    fs::path up = display;
    for (fs::path p = absolute; p != dir; p = p.parent_path()) up /= "..";
    std::string text = up.lexically_normal().string();
    while (text.size() > 1 && text.back() == '/') text.pop_back();
    return text.empty() ? std::string(".") : text;
  };

  IgnoreChain chain;
  fs::path git_dir = repo / ".git";
  struct stat git_stat;
  if (::stat(git_dir.c_str(), &git_stat) == 0 && S_ISDIR(git_stat.st_mode)) {
    chain = load_ignore_file(join(display_of(repo), ".git/info/exclude"), "", chain, local);
  }
  task.rel = absolute.lexically_relative(repo).string();
  if (task.rel == ".") task.rel.clear();
  task.root_rel_length = task.rel.size();
  for (auto it = ancestors.rbegin(); it != ancestors.rend(); ++it) {
    std::string dir_rel = it->lexically_relative(repo).string();
    if (dir_rel == ".") dir_rel.clear();
    chain = load_ignore_file(join(display_of(*it), ".gitignore"), dir_rel, chain, local);
  }
  task.chain = chain;
  return task;
}

DiscoveryResult Walker::run() {
  DiscoveryResult result;
  std::vector<std::string> roots = options_.roots;
  if (roots.empty()) roots.push_back(".");
  std::vector<std::pair<std::string, struct stat>> resolved;
  for (const auto& root : roots) {
    std::string display = normalise_root(root);
    struct stat st;
    if (::stat(display.c_str(), &st) != 0) {
      result.fatal = true;
      result.fatal_message = "cannot access '" + root + "': " + error_text(errno);
      return result;
    }
    resolved.emplace_back(display, st);
  }

  for (const auto& [display, st] : resolved) {
    Local local;
    if (!S_ISDIR(st.st_mode)) {
      add_file_root(display, st, local);
      merge(local);
      continue;
    }
    DirTask task = make_root_task(display, st, local);
    merge(local);
    std::string previous;
    if (!claim({task.device, task.inode}, display, previous)) {
      local.entries.push_back(make_entry(display, EntryType::Directory, FileKind::Other, Disposition::Skipped,
                                         "duplicate", "same directory as " + previous));
      merge(local);
      continue;
    }
    walk(std::move(task));
  }

  // Links to directories, round after round, each in path order.
  while (!pending_links_.empty()) {
    std::vector<DirTask> round = std::move(pending_links_);
    pending_links_.clear();
    std::sort(round.begin(), round.end(),
              [](const DirTask& a, const DirTask& b) { return path_less(a.path, b.path); });
    for (DirTask& link : round) {
      std::string previous;
      if (claim({link.device, link.inode}, link.path, previous)) {
        walk(std::move(link));
        continue;
      }
      bool loop = starts_with(link.path, previous + "/") || previous == ".";
      Local local;
      local.entries.push_back(make_entry(
          link.path, EntryType::Directory, FileKind::Other, Disposition::Skipped,
          loop ? "symlink-loop" : "duplicate",
          loop ? "symbolic link to its own ancestor " + previous
               : "symbolic link to a directory already scanned as " + previous));
      if (loop) {
        local.diagnostics.push_back(make_diagnostic(DiagnosticSeverity::Warning, link.path,
                                                    "symbolic link loop to " + previous + ": not followed"));
      }
      merge(local);
    }
  }

  std::stable_sort(entries_.begin(), entries_.end(), [](const DiscoveredEntry& a, const DiscoveredEntry& b) {
    return path_less(a.path, b.path);
  });
  // The same file reached under two paths (hard links, links to files, roots
  // that overlap) is analysed once, under the first path in output order.
  std::map<Identity, std::string> first_path;
  for (auto& e : entries_) {
    if (e.type != EntryType::File || e.disposition != Disposition::Selected || e.inode == 0) continue;
    auto [it, inserted] = first_path.emplace(Identity{e.device, e.inode}, e.path);
    if (inserted) continue;
    e.disposition = Disposition::Skipped;
    e.reason = "duplicate";
    e.detail = "same file as " + it->second;
  }
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
    if (a.path != b.path) return path_less(a.path, b.path);
    if (a.line != b.line) return a.line < b.line;
    if (a.column != b.column) return a.column < b.column;
    return a.message < b.message;
  });
  result.entries = std::move(entries_);
  result.diagnostics = std::move(diagnostics_);
  result.directories_walked = directories_walked_;
  return result;
}

}  // namespace

DiscoveryResult discover(const DiscoveryOptions& options) {
  Walker walker(options);
  return walker.run();
}

FileKind classify_file(std::string_view name, std::string_view parent_name, std::string_view first_line) {
  if (ends_with(name, ".py") || ends_with(name, ".pyi")) return FileKind::Python;

  bool requirements_text = ends_with(name, ".txt") || ends_with(name, ".in");
  if (requirements_text && (starts_with(name, "requirements") || starts_with(name, "constraints") ||
                            ends_with(name, "requirements.txt") || ends_with(name, "requirements.in") ||
                            parent_name == "requirements")) {
    return FileKind::Manifest;
  }
  static constexpr std::string_view kManifests[] = {"pyproject.toml", "setup.cfg", "Pipfile", "Pipfile.lock",
                                                    "poetry.lock",    "uv.lock",   "pdm.lock", "pip.conf", "pip.ini"};
  for (auto m : kManifests) {
    if (name == m) return FileKind::Manifest;
  }
  if (ends_with(name, ".tf") || ends_with(name, ".tfvars") || ends_with(name, ".tf.json")) {
    return FileKind::Terraform;
  }
  if (name == ".env" || starts_with(name, ".env.") || name == ".flaskenv" || ends_with(name, ".env")) {
    return FileKind::Config;
  }
  static constexpr std::string_view kConfigExtensions[] = {".ini", ".cfg", ".yaml", ".yml", ".json", ".toml"};
  for (auto ext : kConfigExtensions) {
    if (ends_with(name, ext)) return FileKind::Config;
  }
  if (name.find('.') == std::string_view::npos && starts_with(first_line, "#!") &&
      first_line.find("python") != std::string_view::npos) {
    return FileKind::Python;
  }
  return FileKind::Other;
}

std::string default_exclude_reason(int parent_fd, std::string_view name) {
  auto exists_beside = [&](const std::string& relative) {
    struct stat st;
    return ::fstatat(parent_fd, relative.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0;
  };
  auto exists_inside = [&](const char* file) { return exists_beside(std::string(name) + "/" + file); };
  if (name == ".git" || name == ".hg" || name == ".svn" || name == ".bzr") return "version control metadata";
  if (name == "node_modules") return "JavaScript dependencies";
  if (name == "site-packages" || name == "dist-packages") return "installed Python packages";
  if (name == "__pycache__" || name == ".mypy_cache" || name == ".pytest_cache" || name == ".ruff_cache" ||
      name == ".hypothesis") {
    return "cache directory";
  }
  if (name == ".tox" || name == ".nox") return "test-runner environments";
  if (ends_with(name, ".egg-info") || name == ".eggs") return "packaging metadata";
  if (name == ".venv" || name == "venv") return "virtualenv";
  if (exists_inside("pyvenv.cfg")) return "virtualenv (has pyvenv.cfg)";
  if (exists_inside("bin/activate") && exists_inside("lib")) return "virtualenv (has bin/activate)";
  if (name == "build" || name == "dist") {
    for (const char* marker : {"setup.py", "pyproject.toml", "setup.cfg"}) {
      if (exists_beside(marker)) return "build output (next to " + std::string(marker) + ")";
    }
  }
  return "";
}

bool path_less(std::string_view a, std::string_view b) {
  std::size_t n = std::min(a.size(), b.size());
  // Paths of one scan share a long prefix (the root): it is skipped eight bytes at a time.
  std::size_t i = 0;
  for (std::uint64_t x, y; i + 8 <= n; i += 8) {
    std::memcpy(&x, a.data() + i, 8);
    std::memcpy(&y, b.data() + i, 8);
    if (x != y) break;
  }
  for (; i < n; ++i) {
    unsigned char x = static_cast<unsigned char>(a[i]);
    unsigned char y = static_cast<unsigned char>(b[i]);
    if (x == y) continue;
    if (x == '/') return true;
    if (y == '/') return false;
    return x < y;
  }
  return a.size() < b.size();
}

}  // namespace aegis::engine
