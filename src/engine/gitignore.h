// gitignore patterns, implemented from the gitignore(5) specification: comments,
// trailing-space rules, negation, directory-only patterns, anchoring, `**`,
// character classes and backslash escapes. Used for .gitignore files,
// .git/info/exclude and --exclude.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace aegis::engine {

struct IgnorePattern {
  std::vector<std::string> segments;  // the pattern split at '/', escapes kept
  bool negated = false;               // `!pattern`: re-includes what an earlier line excluded
  bool directory_only = false;        // `pattern/`: matches directories only
  bool anchored = false;              // a '/' at the start or middle: relative to the list's dir
  std::string text;                   // the line as written, for reasons shown to users
  int line = 0;                       // 1-based line in `origin`
};

enum class IgnoreVerdict { None, Ignored, Included };

// The patterns of one file (or of --exclude), relative to one directory.
class IgnoreList {
 public:
  IgnoreList() = default;
  explicit IgnoreList(std::string origin) : origin_(std::move(origin)) {}

  // Parses a whole file; lines that are blank, comments or invalid are skipped.
  static IgnoreList parse(std::string_view text, std::string origin);
  // Adds one line (1-based `line_number` is kept for reasons).
  void add_line(std::string_view line, int line_number);

  // `relative_path`: '/'-separated, relative to the directory of this list, no
  // leading or trailing '/'. The last pattern that matches decides; `matched`
  // receives it (or nullptr).
  IgnoreVerdict match(std::string_view relative_path, bool is_directory,
                      const IgnorePattern** matched = nullptr) const;

  bool empty() const { return patterns_.empty(); }
  const std::string& origin() const { return origin_; }
  const std::vector<IgnorePattern>& patterns() const { return patterns_; }

 private:
  std::string origin_;  // e.g. "repo/.gitignore" or "--exclude"
  std::vector<IgnorePattern> patterns_;
};

// One path component against one pattern segment: `*`, `?`, `[...]` (ranges,
// `!`/`^` negation, POSIX classes) and `\` escapes; never matches across '/'.
bool match_segment(std::string_view pattern, std::string_view name);

// A whole pattern (segments, with `**` segments matching zero or more
// components) against a '/'-separated path. (gitignore's "abc/**" must not match
// abc itself: add_line() turns a trailing `**` into `*`, `**`.)
bool match_segments(const std::vector<std::string>& segments, std::string_view path);

}  // namespace aegis::engine

namespace aegis::engine {

// Patterns of configuration files (exclude, per-file-ignores, test-paths): gitignore
// semantics, each pattern relative to its own base directory (the config file's). Paths
// are given absolute and lexically normalised.
class PathPatterns {
 public:
  void add(const std::string& pattern, const std::string& base_dir, const std::string& origin, int line);
  bool empty() const { return groups_.empty(); }
  // The verdict for exactly this entry (a file or a directory): the last pattern that
  // matches decides; `matched`/`origin` receive it.
  IgnoreVerdict match_entry(const std::string& absolute_path, bool is_directory,
                            const IgnorePattern** matched = nullptr, std::string* origin = nullptr) const;
  // Whether a file is selected: it, or one of its directories, matches (gitignore: what is
  // below a matched directory is matched). Returns the deciding pattern, or null.
  const IgnorePattern* match_file(const std::string& absolute_path, std::string* origin = nullptr) const;

 private:
  struct Group {
    std::string base_dir;
    IgnoreList list;
  };
  std::vector<Group> groups_;
};

}  // namespace aegis::engine
