// pip.conf / pip.ini kept in a repository: the index settings of every section ("global",
// "install", ...), named as `pip config list` names them ("global.index-url").
#include "deps/ini_file.h"
#include "deps/manifest_internal.h"

namespace aegis::deps::detail {

void read_pip_conf(Manifest& manifest, std::string_view text) {
  TextIndex index(text);
  IniFile ini = parse_ini(text);
  for (const auto& error : ini.errors) {
    add_diagnostic(manifest, index.point(manifest.path, error.offset), error.message + "; pip rejects the file");
  }
  for (const auto& section : ini.sections) {
    for (const auto& option : section.options) {
      // pip's key normalisation: lowercase, '_' as '-', no leading "--".
      std::string key = option.key;
      for (char& c : key) {
        if (c == '_') c = '-';
      }
      if (starts_with(key, "--")) key = key.substr(2);
      if (key != "index-url" && key != "extra-index-url" && key != "find-links" && key != "trusted-host" &&
          key != "no-index") {
        continue;
      }
      std::string name = section.name + "." + key;
      bool any = false;
      // Several URLs or hosts may be given, separated by whitespace and newlines.
      for (const auto& line : option.lines) {
        std::size_t i = 0;
        while (i < line.text.size()) {
          while (i < line.text.size() && (line.text[i] == ' ' || line.text[i] == '\t')) ++i;
          std::size_t start = i;
          while (i < line.text.size() && line.text[i] != ' ' && line.text[i] != '\t') ++i;
          if (i > start) {
            manifest.index_settings.push_back(
                {name, line.text.substr(start, i - start),
                 index.span(manifest.path, line.offset + start, line.offset + i)});
            any = true;
          }
        }
      }
      if (!any) {
        manifest.index_settings.push_back(
            {name, "", index.span(manifest.path, option.key_offset, option.key_end)});
      }
    }
  }
}

}  // namespace aegis::deps::detail
