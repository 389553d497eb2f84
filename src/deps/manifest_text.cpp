// Helpers shared by the manifest readers: text positions, decoding, names, paths.
#include <algorithm>
#include <cctype>
#include <cstdint>
#include <optional>

#include "python/unicode.h"
#include "deps/manifest_internal.h"
#include "deps/toml_guard.h"

namespace aegis::deps::detail {

namespace {
bool lead_byte(char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }
}  // namespace

TextIndex::TextIndex(std::string_view text) : text_(text) {
  std::size_t characters = 0;
  characters_at_block_.reserve(text.size() / kBlock + 1);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i % kBlock == 0) characters_at_block_.push_back(characters);
    if (lead_byte(text[i])) ++characters;
  }
  line_starts_.push_back(0);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      line_starts_.push_back(i + 1);
    } else if (text[i] == '\r') {
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
      line_starts_.push_back(i + 1);
    }
  }
}

int TextIndex::line_of(std::size_t offset) const {
  auto it = std::upper_bound(line_starts_.begin(), line_starts_.end(), offset);
  return static_cast<int>(it - line_starts_.begin());
}

std::size_t TextIndex::characters_before(std::size_t offset) const {
  offset = std::min(offset, text_.size());
  std::size_t block = offset / kBlock;
  if (block >= characters_at_block_.size()) block = characters_at_block_.empty() ? 0 : characters_at_block_.size() - 1;
  std::size_t characters = characters_at_block_.empty() ? 0 : characters_at_block_[block];
  for (std::size_t i = block * kBlock; i < offset; ++i) {
    if (lead_byte(text_[i])) ++characters;
  }
  return characters;
}

int TextIndex::column_in_line(int line, std::size_t offset) const {
  std::size_t start = line_starts_[static_cast<std::size_t>(line - 1)];
  if (offset <= start) return 1;
  return static_cast<int>(characters_before(offset) - characters_before(start)) + 1;
}

std::size_t TextIndex::line_start(int line) const {
  if (line < 1) return 0;
  if (static_cast<std::size_t>(line) > line_starts_.size()) return text_.size();
  return line_starts_[static_cast<std::size_t>(line - 1)];
}

int TextIndex::column_of(std::size_t offset) const { return column_in_line(line_of(offset), offset); }

SourcePosition TextIndex::span(const std::string& path, std::size_t begin, std::size_t end) const {
  SourcePosition where;
  where.path = path;
  where.line = line_of(begin);
  where.column = column_in_line(where.line, begin);
  std::size_t last = end > begin ? end - 1 : begin;
  where.end_line = line_of(last);
  where.end_column = column_in_line(where.end_line, last + 1);
  return where;
}

SourcePosition TextIndex::point(const std::string& path, std::size_t offset) const {
  SourcePosition where;
  where.path = path;
  where.line = line_of(offset);
  where.column = column_in_line(where.line, offset);
  return where;
}

namespace {

}  // namespace

std::string decode_manifest_text(std::string_view bytes) {
  auto byte = [&](std::size_t i) { return static_cast<unsigned char>(bytes[i]); };
  if (bytes.size() >= 3 && byte(0) == 0xEF && byte(1) == 0xBB && byte(2) == 0xBF) {
    return std::string(bytes.substr(3));
  }
  bool little = bytes.size() >= 2 && byte(0) == 0xFF && byte(1) == 0xFE;
  bool big = bytes.size() >= 2 && byte(0) == 0xFE && byte(1) == 0xFF;
  if (!little && !big) return std::string(bytes);
  std::string out;
  out.reserve(bytes.size() / 2);
  auto unit = [&](std::size_t i) -> std::uint32_t {
    return little ? (byte(i) | (byte(i + 1) << 8)) : ((byte(i) << 8) | byte(i + 1));
  };
  for (std::size_t i = 2; i + 1 < bytes.size(); i += 2) {
    std::uint32_t cp = unit(i);
    if (cp >= 0xD800 && cp <= 0xDBFF && i + 3 < bytes.size()) {
      std::uint32_t low = unit(i + 2);
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
        i += 2;
      } else {
        cp = 0xFFFD;
      }
    } else if (cp >= 0xD800 && cp <= 0xDFFF) {
      cp = 0xFFFD;  // a lone surrogate
    }
    py::unicode::append_utf8(out, static_cast<char32_t>(cp));
  }
  return out;
}

namespace {
bool is_alnum(char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; }
}  // namespace

std::string_view leading_name(std::string_view text) {
  if (text.empty() || !is_alnum(text[0])) return {};
  std::size_t end = 1;
  while (end < text.size() && (is_alnum(text[end]) || text[end] == '-' || text[end] == '_' || text[end] == '.')) {
    ++end;
  }
  while (end > 1 && !is_alnum(text[end - 1])) --end;  // a name ends with a letter or digit
  return text.substr(0, end);
}

std::string normalize_name(std::string_view name) {
  std::string out;
  bool separator = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      separator = true;
      continue;
    }
    if (separator && !out.empty()) out += '-';
    separator = false;
    out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return out;
}

std::string_view trim(std::string_view text) {
  auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'; };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

std::string lowercase(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string single_quoted(std::string_view text) {
  std::string out(1, '\'');
  out.append(text);
  out += '\'';
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.size() >= prefix.size() && text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool iequals(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) return false;
  }
  return true;
}

std::string normalize_relative_path(std::string_view path) {
  bool absolute = !path.empty() && path[0] == '/';
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t slash = path.find_first_of("/\\", start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view part = path.substr(start, slash - start);
    if (part.empty() || part == ".") {
      // nothing
    } else if (part == ".." && !parts.empty() && parts.back() != "..") {
      parts.pop_back();
    } else if (part == ".." && absolute) {
      // "/.." is "/"
    } else {
      parts.emplace_back(part);
    }
    start = slash + 1;
  }
  std::string out = absolute ? "/" : "";
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) out += '/';
    out += parts[i];
  }
  return out.empty() ? "." : out;
}

std::string parent_directory(std::string_view path) {
  std::size_t slash = path.find_last_of('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

namespace {

bool bare_key_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '-';
}

bool non_ascii(char c) { return (static_cast<unsigned char>(c) & 0x80) != 0; }

using TomlHazard = ::aegis::deps::TomlHazard;

// Input toml++ 3.3 cannot be trusted with: it asserts on a table header that does not start
// with a key ("[!a]") and reaches __builtin_unreachable() when it classifies a non-ASCII
// character as whitespace (outside strings and comments, or after a backslash in a basic
// string), and asserts on a '}' where an array value belongs. All but the backslash case are
// invalid TOML anyway. The scan skips strings and comments.
std::optional<TomlHazard> toml_hazard(std::string_view text) {
  std::vector<char> open;       // the arrays and inline tables the scan is inside
  bool array_value_due = false;  // after '[' or ',' in an array
  bool line_start = true;
  std::size_t i = 0;
  std::optional<TomlHazard> hazard;
  auto skip_string = [&](char quote) {
    bool multi = text.substr(i, 3) == std::string(3, quote);
    std::size_t close_length = multi ? 3 : 1;
    i += close_length;
    while (i < text.size()) {
      if (quote == '"' && text[i] == '\\') {
        std::size_t next = i + 1;
        while (next < text.size() && (text[next] == ' ' || text[next] == '\t' || text[next] == '\n' || text[next] == '\r')) {
          ++next;
        }
        if (next < text.size() && non_ascii(text[next])) {
          hazard = TomlHazard{next, "a non-ASCII character after a backslash in a string cannot be read safely"};
          return;
        }
        i += 2;
        continue;
      }
      if (!multi && (text[i] == '\n' || text[i] == '\r')) return;  // unterminated: toml++ reports it
      if (text.substr(i, close_length) == std::string(close_length, quote)) {
        i += close_length;
        while (multi && i < text.size() && text[i] == quote) ++i;  // up to two quotes end the content
        return;
      }
      ++i;
    }
  };
  while (i < text.size() && !hazard) {
    char c = text[i];
    if (c == '\n' || c == '\r') {
      line_start = true;
      ++i;
      continue;
    }
    if (c == ' ' || c == '\t') {
      ++i;
      continue;
    }
    if (c == '#') {
      while (i < text.size() && text[i] != '\n' && text[i] != '\r') ++i;
      continue;
    }
    if (c == '"' || c == '\'') {
      line_start = false;
      array_value_due = false;
      skip_string(c);
      continue;
    }
    if (non_ascii(c)) return TomlHazard{i, "a non-ASCII character outside a string or comment"};
    if (array_value_due && c == '}') return TomlHazard{i, "'}' where an array value belongs"};
    array_value_due = false;
    if (line_start && open.empty() && c == '[') {
      std::size_t header = i;
      ++i;
      if (i < text.size() && text[i] == '[') ++i;
      while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
      if (i >= text.size() || !(bare_key_character(text[i]) || text[i] == '"' || text[i] == '\'' || text[i] == ']')) {
        return TomlHazard{header, "a table header must start with a key"};
      }
      line_start = false;
      continue;  // the rest of the header is scanned as usual; its brackets balance
    }
    line_start = false;
    if (c == '[' || c == '{') open.push_back(c);
    if ((c == ']' || c == '}') && !open.empty()) open.pop_back();
    array_value_due = (c == '[') || (c == ',' && !open.empty() && open.back() == '[');
    ++i;
  }
  return hazard;
}

}  // namespace

bool parse_toml(Manifest& manifest, std::string_view text, toml::table& document) {
  if (auto hazard = toml_hazard(text)) {
    TextIndex index(text);
    add_diagnostic(manifest, index.point(manifest.path, hazard->offset), "not valid TOML: " + hazard->message);
    manifest.unreadable = true;
    return false;
  }
  try {
    document = toml::parse(text, std::string(manifest.path));
  } catch (const toml::parse_error& e) {
    add_diagnostic(manifest, toml_position(manifest.path, e.source()), "not valid TOML: " + std::string(e.description()));
    manifest.unreadable = true;
    return false;
  }
  return true;
}

SourcePosition toml_position(const std::string& path, const toml::source_region& region) {
  return toml_span(path, region, region);
}

SourcePosition toml_span(const std::string& path, const toml::source_region& begin,
                         const toml::source_region& end) {
  SourcePosition where;
  where.path = path;
  where.line = static_cast<int>(begin.begin.line);
  where.column = static_cast<int>(begin.begin.column);
  bool empty = end.end.line == begin.begin.line && end.end.column == begin.begin.column;
  if (end.end.line != 0 && !empty) {  // an error's region has no extent
    where.end_line = static_cast<int>(end.end.line);
    where.end_column = static_cast<int>(end.end.column);
  }
  return where;
}

DeclaredRequirement make_requirement(std::string text, SourcePosition where, ManifestKind kind) {
  DeclaredRequirement requirement{};
  requirement.name = std::string(leading_name(text));
  requirement.text = std::move(text);
  requirement.where = std::move(where);
  requirement.kind = kind;
  return requirement;
}

void add_diagnostic(Manifest& manifest, SourcePosition where, std::string message) {
  // A hostile file may hold millions of problems; the first ones say enough.
  constexpr std::size_t kMaxDiagnostics = 1000;
  if (manifest.diagnostics.size() > kMaxDiagnostics) return;
  if (manifest.diagnostics.size() == kMaxDiagnostics) {
    where.line = where.column = where.end_line = where.end_column = 0;
    message = "more than " + std::to_string(kMaxDiagnostics) + " problems; the rest are not reported";
  }
  manifest.diagnostics.push_back(ManifestDiagnostic{std::move(where), std::move(message)});
}

}  // namespace aegis::deps::detail

namespace aegis::deps {

std::optional<TomlHazard> toml_hazard(std::string_view text) { return detail::toml_hazard(text); }

}  // namespace aegis::deps
