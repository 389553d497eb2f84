#include "engine/gitignore.h"

#include <algorithm>
#include <cctype>

namespace aegis::engine {
namespace {

bool in_posix_class(std::string_view name, unsigned char c, bool& known) {
  known = true;
  if (name == "alnum") return std::isalnum(c);
  if (name == "alpha") return std::isalpha(c);
  if (name == "blank") return c == ' ' || c == '\t';
  if (name == "cntrl") return std::iscntrl(c);
  if (name == "digit") return std::isdigit(c);
  if (name == "graph") return std::isgraph(c);
  if (name == "lower") return std::islower(c);
  if (name == "print") return std::isprint(c);
  if (name == "punct") return std::ispunct(c);
  if (name == "space") return std::isspace(c);
  if (name == "upper") return std::isupper(c);
  if (name == "xdigit") return std::isxdigit(c);
  known = false;
  return false;
}

enum class Element { Match, NoMatch, Invalid };

// Matches the bracket expression starting at pattern[p] == '[' against `c`;
// sets `next` past the closing ']'. Invalid when the bracket never closes.
Element match_bracket(std::string_view pattern, std::size_t p, unsigned char c, std::size_t& next) {
  std::size_t i = p + 1;
  bool negate = false;
  if (i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^')) {
    negate = true;
    ++i;
  }
  bool matched = false;
  bool first = true;
  while (true) {
    if (i >= pattern.size()) return Element::Invalid;
    unsigned char ch = static_cast<unsigned char>(pattern[i]);
    if (ch == ']' && !first) {
      ++i;
      break;
    }
    first = false;
    if (ch == '[' && i + 1 < pattern.size() && pattern[i + 1] == ':') {
      std::size_t close = pattern.find(":]", i + 2);
      if (close == std::string_view::npos) return Element::Invalid;
      bool known = false;
      if (in_posix_class(pattern.substr(i + 2, close - (i + 2)), c, known)) matched = true;
      if (!known) return Element::Invalid;  // git rejects unknown classes too
      i = close + 2;
      continue;
    }
    if (ch == '\\') {
      ++i;
      if (i >= pattern.size()) return Element::Invalid;
      ch = static_cast<unsigned char>(pattern[i]);
    }
    unsigned char low = ch;
    unsigned char high = ch;
    ++i;
    if (i + 1 < pattern.size() && pattern[i] == '-' && pattern[i + 1] != ']') {
      ++i;
      unsigned char end = static_cast<unsigned char>(pattern[i]);
      if (end == '\\') {
        ++i;
        if (i >= pattern.size()) return Element::Invalid;
        end = static_cast<unsigned char>(pattern[i]);
      }
      ++i;
      high = end;
    }
    if (low <= c && c <= high) matched = true;
  }
  next = i;
  return matched != negate ? Element::Match : Element::NoMatch;
}

// One pattern element (not '*') at pattern[p] against c.
Element match_element(std::string_view pattern, std::size_t p, unsigned char c, std::size_t& next) {
  char pc = pattern[p];
  if (pc == '?') {
    next = p + 1;
    return Element::Match;
  }
  if (pc == '[') return match_bracket(pattern, p, c, next);
  if (pc == '\\') {
    if (p + 1 >= pattern.size()) return Element::Invalid;  // a lone trailing backslash
    next = p + 2;
    return static_cast<unsigned char>(pattern[p + 1]) == c ? Element::Match : Element::NoMatch;
  }
  next = p + 1;
  return static_cast<unsigned char>(pc) == c ? Element::Match : Element::NoMatch;
}

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) parts.push_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return parts;
}

bool is_escaped(std::string_view text, std::size_t pos) {
  std::size_t backslashes = 0;
  while (pos > backslashes && text[pos - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

}  // namespace

// Greedy matching with one backtrack point: the last '*' seen. Linear in
// practice and never exponential, whatever a hostile .gitignore holds.
bool match_segment(std::string_view pattern, std::string_view name) {
  std::size_t p = 0;
  std::size_t n = 0;
  std::size_t star_p = std::string_view::npos;
  std::size_t star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      while (p < pattern.size() && pattern[p] == '*') ++p;
      star_p = p;
      star_n = n;
      continue;
    }
    if (p < pattern.size()) {
      std::size_t next = p;
      Element e = match_element(pattern, p, static_cast<unsigned char>(name[n]), next);
      if (e == Element::Invalid) return false;
      if (e == Element::Match) {
        p = next;
        ++n;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    n = ++star_n;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

// The same greedy scheme one level up: `**` segments are the stars.
bool match_segments(const std::vector<std::string>& segments, std::string_view path) {
  // Without `**` a pattern matches only paths of as many components: most paths of a tree
  // are rejected here, without splitting them.
  if (std::find(segments.begin(), segments.end(), "**") == segments.end()) {
    std::size_t components = 0;
    for (std::size_t start = 0; start <= path.size();) {
      std::size_t slash = path.find('/', start);
      if (slash == std::string_view::npos) slash = path.size();
      if (slash > start && ++components > segments.size()) return false;
      start = slash + 1;
    }
    if (components != segments.size()) return false;
  }
  std::vector<std::string_view> parts = split_path(path);
  std::size_t s = 0;
  std::size_t c = 0;
  std::size_t star_s = std::string::npos;
  std::size_t star_c = 0;
  while (c < parts.size()) {
    if (s < segments.size() && segments[s] == "**") {
      star_s = ++s;
      star_c = c;
      continue;
    }
    if (s < segments.size() && match_segment(segments[s], parts[c])) {
      ++s;
      ++c;
      continue;
    }
    if (star_s == std::string::npos) return false;
    s = star_s;
    c = ++star_c;
  }
  while (s < segments.size() && segments[s] == "**") ++s;
  return s == segments.size();
}

IgnoreList IgnoreList::parse(std::string_view text, std::string origin) {
  IgnoreList list(std::move(origin));
  int line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    list.add_line(text.substr(start, end - start), ++line_number);
    start = end + 1;
  }
  return list;
}

void IgnoreList::add_line(std::string_view line, int line_number) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  std::string_view written = line;
  // Trailing spaces are dropped unless escaped with a backslash.
  while (!line.empty() && line.back() == ' ' && !is_escaped(line, line.size() - 1)) {
    line.remove_suffix(1);
  }
  if (line.empty() || line.front() == '#') return;

  IgnorePattern pattern;
  pattern.text = std::string(written);
  pattern.line = line_number;
  if (line.front() == '!') {
    pattern.negated = true;
    line.remove_prefix(1);
  }
  if (!line.empty() && line.back() == '/' && !is_escaped(line, line.size() - 1)) {
    pattern.directory_only = true;
    while (!line.empty() && line.back() == '/') line.remove_suffix(1);
  }
  if (line.empty()) return;  // "/" or "!" alone match nothing
  pattern.anchored = line.find('/') != std::string_view::npos;
  while (!line.empty() && line.front() == '/') line.remove_prefix(1);
  if (line.empty()) return;

  for (std::string_view part : split_path(line)) pattern.segments.emplace_back(part);
  // "abc/**" matches everything inside abc but not abc: one component, then any.
  if (pattern.segments.size() > 1 && pattern.segments.back() == "**") {
    pattern.segments.back() = "*";
    pattern.segments.emplace_back("**");
  }
  patterns_.push_back(std::move(pattern));
}

IgnoreVerdict IgnoreList::match(std::string_view relative_path, bool is_directory,
                                const IgnorePattern** matched) const {
  if (matched) *matched = nullptr;
  std::string_view base = relative_path;
  std::size_t slash = base.rfind('/');
  if (slash != std::string_view::npos) base.remove_prefix(slash + 1);
  for (auto it = patterns_.rbegin(); it != patterns_.rend(); ++it) {
    const IgnorePattern& p = *it;
    if (p.directory_only && !is_directory) continue;
    bool hit = p.anchored ? match_segments(p.segments, relative_path)
                          : match_segment(p.segments.front(), base);
    if (!hit) continue;
    if (matched) *matched = &p;
    return p.negated ? IgnoreVerdict::Included : IgnoreVerdict::Ignored;
  }
  return IgnoreVerdict::None;
}

}  // namespace aegis::engine

namespace aegis::engine {

void PathPatterns::add(const std::string& pattern, const std::string& base_dir, const std::string& origin,
                       int line) {
  if (groups_.empty() || groups_.back().base_dir != base_dir || groups_.back().list.origin() != origin) {
    groups_.push_back({base_dir, IgnoreList(origin)});
  }
  groups_.back().list.add_line(pattern, line);
}

namespace {

// `absolute` relative to `base` ("" when equal), or false when it is not below it.
bool relative_to(const std::string& absolute, const std::string& base, std::string_view& out) {
  if (base == "/") {
    if (absolute.empty() || absolute[0] != '/') return false;
    out = std::string_view(absolute).substr(1);
    return !out.empty();
  }
  if (absolute.size() > base.size() && absolute.compare(0, base.size(), base) == 0 && absolute[base.size()] == '/') {
    out = std::string_view(absolute).substr(base.size() + 1);
    return true;
  }
  return false;
}

}  // namespace

IgnoreVerdict PathPatterns::match_entry(const std::string& absolute_path, bool is_directory,
                                        const IgnorePattern** matched, std::string* origin) const {
  IgnoreVerdict verdict = IgnoreVerdict::None;
  for (const Group& g : groups_) {
    std::string_view relative;
    if (!relative_to(absolute_path, g.base_dir, relative)) continue;
    const IgnorePattern* p = nullptr;
    IgnoreVerdict v = g.list.match(relative, is_directory, &p);
    if (v == IgnoreVerdict::None) continue;
    verdict = v;
    if (matched) *matched = p;
    if (origin) *origin = g.list.origin();
  }
  return verdict;
}

const IgnorePattern* PathPatterns::match_file(const std::string& absolute_path, std::string* origin) const {
  // Directories from the top down, then the file itself.
  for (std::size_t slash = absolute_path.find('/', 1); slash != std::string::npos;
       slash = absolute_path.find('/', slash + 1)) {
    const IgnorePattern* p = nullptr;
    if (match_entry(absolute_path.substr(0, slash), true, &p, origin) == IgnoreVerdict::Ignored) return p;
  }
  const IgnorePattern* p = nullptr;
  return match_entry(absolute_path, false, &p, origin) == IgnoreVerdict::Ignored ? p : nullptr;
}

}  // namespace aegis::engine
