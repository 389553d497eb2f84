// configparser's reading rules (Python 3.11, the defaults setuptools and pip use).
#include "deps/ini_file.h"

#include "deps/manifest_internal.h"

namespace aegis::deps::detail {

namespace {
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\f' || c == '\v' || c == '\r' || c == '\n'; }
}  // namespace

IniFile parse_ini(std::string_view text) {
  IniFile file;
  IniSection* section = nullptr;
  IniOption* option = nullptr;
  std::size_t indent_level = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find_first_of("\r\n", start);
    if (end == std::string_view::npos) end = text.size();
    std::size_t next = end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n'
                           ? end + 2
                           : end + 1;
    std::string_view line = text.substr(start, end - start);
    std::size_t first = 0;
    while (first < line.size() && is_blank(line[first])) ++first;
    std::size_t last = line.size();
    while (last > first && is_blank(line[last - 1])) --last;
    std::string_view value = line.substr(first, last - first);
    bool comment = !value.empty() && (value[0] == '#' || value[0] == ';');
    if (value.empty() || comment) {
      // An empty line belongs to the value being read; a comment line is skipped.
      if (!comment && option) option->lines.push_back({"", start + first});
    } else if (option && first > indent_level) {
      option->lines.push_back({std::string(value), start + first});
    } else {
      indent_level = first;
      if (value[0] == '[' && value.find(']', 2) != std::string_view::npos) {
        std::size_t close = value.rfind(']');
        std::string name(value.substr(1, close - 1));
        for (const auto& existing : file.sections) {
          if (existing.name == name) {
            file.errors.push_back({start + first, "section [" + name + "] appears twice"});
          }
        }
        file.sections.push_back({name, start + first, {}});
        section = &file.sections.back();
        option = nullptr;
      } else if (!section) {
        file.errors.push_back({start + first, "a key before any [section] header"});
        return file;
      } else {
        std::size_t delimiter = value.find_first_of("=:");
        std::string_view key = delimiter == std::string_view::npos ? value : trim(value.substr(0, delimiter));
        if (delimiter == std::string_view::npos || key.empty()) {
          file.errors.push_back({start + first, "not a 'key = value' line: '" + std::string(value) + "'"});
        } else {
          std::string lowered = lowercase(key);
          for (auto& existing : section->options) {
            if (existing.key == lowered) {
              file.errors.push_back({start + first, "key '" + lowered + "' appears twice in [" + section->name + "]"});
            }
          }
          std::size_t value_start = delimiter + 1;
          while (value_start < value.size() && is_blank(value[value_start])) ++value_start;
          IniOption added;
          added.key = lowered;
          added.key_offset = start + first;
          added.key_end = start + first + key.size();
          added.lines.push_back({std::string(value.substr(value_start)), start + first + value_start});
          section->options.push_back(std::move(added));
          option = &section->options.back();
        }
      }
    }
    start = next;
    if (end == text.size()) break;
  }
  for (auto& each : file.sections) {
    for (auto& opt : each.options) {
      while (opt.lines.size() > 1 && opt.lines.back().text.empty()) opt.lines.pop_back();
    }
  }
  return file;
}

std::string ini_value(const IniOption& option) {
  std::string out;
  for (std::size_t i = 0; i < option.lines.size(); ++i) {
    if (i) out += '\n';
    out += option.lines[i].text;
  }
  return out;
}

}  // namespace aegis::deps::detail
