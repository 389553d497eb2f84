// The text of a manifest line, for a finding's snippet.
#pragma once
#include <cstdio>
#include <string>

namespace aegis::rules::dependencies {

inline std::string manifest_line(const std::string& path, int wanted) {
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) return {};
  std::string line;
  int number = 1;
  for (int c; (c = std::fgetc(file)) != EOF;) {
    if (c == '\n') {
      if (number == wanted) break;
      ++number;
      line.clear();
      continue;
    }
    if (c != '\r') line.push_back(static_cast<char>(c));
  }
  std::fclose(file);
  return number == wanted ? line : std::string();
}

}  // namespace aegis::rules::dependencies
