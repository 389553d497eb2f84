// INI files as Python's configparser reads them (setup.cfg, pip.conf), with offsets: full-line
// comments start with '#' or ';', keys end at the first '=' or ':', indented lines continue
// the value, keys are lowercased, duplicates are errors.
#pragma once
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace aegis::deps::detail {

struct IniValueLine {
  std::string text;     // stripped
  std::size_t offset;   // file offset of its first character (of the line end when empty)
};

struct IniOption {
  std::string key;                  // lowercased, as configparser's optionxform
  std::size_t key_offset = 0, key_end = 0;
  std::vector<IniValueLine> lines;  // lines[0] follows the delimiter (may be empty);
                                    // trailing empty lines dropped, as configparser does
};

struct IniSection {
  std::string name;
  std::size_t offset = 0;
  std::vector<IniOption> options;
};

struct IniError {
  std::size_t offset;
  std::string message;
};

struct IniFile {
  std::vector<IniSection> sections;
  std::vector<IniError> errors;  // configparser would reject the file for each of these
};

IniFile parse_ini(std::string_view text);

// The value as configparser returns it: the lines joined with '\n'.
std::string ini_value(const IniOption& option);

}  // namespace aegis::deps::detail
