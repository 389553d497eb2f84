// Discovery: which files a scan looks at, what kind each one is, and why any
// file or directory is left out. Nothing is dropped silently: every entry met
// is selected, skipped with a reason, or failed with a reason.
//
// Rules, in the order they apply to each directory entry below a scan root:
//   1. --exclude patterns (gitignore syntax, relative to the scan root), then the
//      configuration's `exclude` (relative to the config file's directory); a negated
//      one (`!pattern`) keeps the entry whatever rules 2 and 3 say;
//   2. default excludes: VCS metadata, virtualenvs, caches, dependency and
//      build-output directories (see default_exclude_reason());
//   3. .gitignore files of every directory from the repository root down, and
//      .git/info/exclude (the global git excludes file is not read, so results
//      do not depend on the machine).
// Paths given on the command line are always walked or read, whatever the rules.
// Symbolic links are followed; a directory is walked once, under the first path
// that reaches it (links that lead back to an ancestor are reported as loops).
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/diagnostics.h"
#include "engine/gitignore.h"

namespace aegis::engine {

enum class FileKind { Python, Manifest, Terraform, Config, Other };
const char* to_string(FileKind kind);

enum class EntryType { File, Directory };
enum class Disposition { Selected, Skipped, Failed };
const char* to_string(Disposition disposition);

struct DiscoveredEntry {
  std::string path;  // as the user would type it: the root joined with the relative path
  EntryType type = EntryType::File;
  FileKind kind = FileKind::Other;
  Disposition disposition = Disposition::Selected;
  std::string reason;  // stable code: "gitignored", "excluded", "too-large", ...; empty if selected
  std::string detail;  // human text: which rule, which size, which error
  std::uint64_t size = 0;
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
};

struct DiscoveryOptions {
  std::vector<std::string> roots;     // files or directories; "." when empty
  std::vector<std::string> excludes;  // gitignore-style patterns
  // `exclude` of configuration files: gitignore patterns relative to each file's directory,
  // applied after `excludes` (a re-inclusion there wins) and before the default excludes.
  PathPatterns config_excludes;
  int jobs = 0;                       // 0: all cores
  std::uint64_t max_file_size = std::uint64_t{32} << 20;
  bool use_gitignore = true;
  bool use_default_excludes = true;
};

struct DiscoveryResult {
  std::vector<DiscoveredEntry> entries;  // sorted by path (see path_less), files and directories
  std::vector<Diagnostic> diagnostics;   // unreadable paths, broken links, loops
  std::size_t directories_walked = 0;
  bool fatal = false;                    // a root does not exist: nothing was scanned
  std::string fatal_message;
};

DiscoveryResult discover(const DiscoveryOptions& options);

// The kind a file name implies; `first_line` (may be empty) decides for
// extension-less files: a `#!...python...` shebang makes them Python.
FileKind classify_file(std::string_view name, std::string_view parent_name,
                       std::string_view first_line);

// Why the directory `name`, an entry of the open directory `parent_fd`, is excluded by
// default, or "" if it is not. Looks inside it (pyvenv.cfg, bin/activate) and beside it
// (setup.py, pyproject.toml next to build/ and dist/), relative to `parent_fd`: each
// look-up resolves two components, not the whole path.
std::string default_exclude_reason(int parent_fd, std::string_view name);

// Orders paths component by component ("a/b" before "a-b"), the order of all output.
bool path_less(std::string_view a, std::string_view b);

}  // namespace aegis::engine
