// Shared by the manifest readers: positions in text, names, TOML positions, one reader
// entry point per format family. Not part of the public API (see manifest.h).
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <toml++/toml.h>

#include "deps/manifest.h"

namespace aegis::deps::detail {

// Maps byte offsets of a text to editor positions: lines end at \n, \r\n or a lone \r;
// columns count characters (UTF-8 lead bytes), 1-based.
class TextIndex {
 public:
  explicit TextIndex(std::string_view text);
  int line_of(std::size_t offset) const;    // 1-based
  int column_of(std::size_t offset) const;  // 1-based, within line_of(offset)
  // The position of text[begin, end): begin's line and column, and the position just after
  // the last byte (end > begin; the last byte's line).
  SourcePosition span(const std::string& path, std::size_t begin, std::size_t end) const;
  SourcePosition point(const std::string& path, std::size_t offset) const;
  std::string_view text() const { return text_; }
  // The offset line `line` (1-based) starts at; the text's size past the last line.
  std::size_t line_start(int line) const;

 private:
  int column_in_line(int line, std::size_t offset) const;
  std::size_t characters_before(std::size_t offset) const;
  std::string_view text_;
  std::vector<std::size_t> line_starts_;
  // Characters before every kBlock-th byte, so a column costs at most kBlock steps however
  // long the line is.
  static constexpr std::size_t kBlock = 64;
  std::vector<std::size_t> characters_at_block_;
};

// Decodes a manifest's bytes to UTF-8: drops a UTF-8 byte order mark and converts UTF-16
// (with a byte order mark, as PowerShell's `pip freeze > requirements.txt` writes).
std::string decode_manifest_text(std::string_view bytes);

// The distribution name a requirement string starts with (PEP 508 identifier), or "".
std::string_view leading_name(std::string_view text);
// PEP 503 normalisation: lowercase, runs of -_. become one '-'.
std::string normalize_name(std::string_view name);
std::string_view trim(std::string_view text);  // ASCII whitespace both ends
std::string lowercase(std::string_view text);
std::string single_quoted(std::string_view text);  // the text in single quotes
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
bool iequals(std::string_view a, std::string_view b);
// "a/b/../c" -> "a/c"; keeps leading "..", '/' separators.
std::string normalize_relative_path(std::string_view path);
// The directory part of a '/'-separated path ("" for a file name).
std::string parent_directory(std::string_view path);

// Parses TOML into `document`; false, with a diagnostic, when the text is not valid TOML.
// Input toml++ 3.3 mishandles (asserts, or reaches __builtin_unreachable) is refused first.
bool parse_toml(Manifest& manifest, std::string_view text, toml::table& document);

// Positions of TOML nodes (toml++ gives 1-based lines and character columns).
SourcePosition toml_position(const std::string& path, const toml::source_region& region);
SourcePosition toml_span(const std::string& path, const toml::source_region& begin,
                         const toml::source_region& end);

// Common helpers for readers producing requirements from PEP 508 text.
DeclaredRequirement make_requirement(std::string text, SourcePosition where, ManifestKind kind);
void add_diagnostic(Manifest& manifest, SourcePosition where, std::string message);

// One entry point per format family; each appends to `manifest` (path and kind set).
void read_requirements_txt(Manifest& manifest, std::string_view text, const ManifestLoader& load);
void read_pyproject(Manifest& manifest, std::string_view text);
void read_setup_cfg(Manifest& manifest, std::string_view text, const ManifestLoader& load);
void read_setup_py(Manifest& manifest, std::string_view text);
void read_pipfile(Manifest& manifest, std::string_view text);
void read_pipfile_lock(Manifest& manifest, std::string_view text);
void read_toml_lock(Manifest& manifest, std::string_view text);  // poetry.lock, uv.lock
void read_pip_conf(Manifest& manifest, std::string_view text);

}  // namespace aegis::deps::detail
