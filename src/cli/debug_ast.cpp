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

int debug_ast(const std::string& path) {
  std::string bytes;
  if (!read_file(path, bytes)) return 2;
  auto parsed = py::parse_python(bytes);
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
