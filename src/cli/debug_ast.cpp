#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "cli/commands.h"
#include "python/ast_dump.h"
#include "python/parse.h"

namespace aegis::cli {

bool read_file(const std::string& path, std::string& bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": error: cannot read file\n";
    return false;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  bytes = buf.str();
  return true;
}

int parse_python_version(const std::string& text) {
  if (text.size() < 3 || text.compare(0, 2, "3.") != 0) return -1;
  int minor = 0;
  for (std::size_t i = 2; i < text.size(); ++i) {
    if (text[i] < '0' || text[i] > '9') return -1;
    minor = minor * 10 + (text[i] - '0');
    if (minor > 99) return -1;
  }
  return (minor >= 8 && minor <= 14) ? minor : -1;
}

int debug_ast(const std::string& path, int feature_minor) {
  std::string bytes;
  if (!read_file(path, bytes)) return 2;
  py::ParseOptions options;
  options.set_feature_minor(feature_minor);
  auto parsed = py::parse_python(bytes, options);
  if (parsed->error) {
    const auto& e = *parsed->error;
    std::cerr << path << ':' << e.lineno << ':' << (e.col_offset + 1) << ": error: " << e.message << '\n';
    return 1;
  }
  std::string out = py::dump(parsed->module);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace aegis::cli
