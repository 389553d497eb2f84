// aegis: the command-line entry point. Thin: parses arguments, calls the engine.
#include <CLI/CLI.hpp>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "python/ast_dump.h"
#include "python/parse.h"

namespace {

int debug_ast(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    std::cerr << path << ": error: cannot read file\n";
    return 2;
  }
  std::stringstream buf;
  buf << in.rdbuf();
  std::string bytes = buf.str();
  auto parsed = aegis::py::parse_python(bytes);
  if (parsed->error) {
    const auto& e = *parsed->error;
    std::cerr << path << ':' << e.lineno << ':' << (e.col_offset + 1) << ": error: " << e.message << '\n';
    return 1;
  }
  std::string out = aegis::py::dump(parsed->module);
  out += '\n';
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Aegis: security review for Python web services"};
  app.set_version_flag("--version", std::string("aegis ") + AEGIS_VERSION);
  app.require_subcommand(1);

  auto* debug = app.add_subcommand("debug", "Inspect what Aegis sees");
  debug->require_subcommand(1);
  auto* ast = debug->add_subcommand("ast", "Print a file's syntax tree as CPython 3.12's ast.dump(include_attributes=True)");
  std::string ast_path;
  ast->add_option("FILE", ast_path, "Python source file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*ast) return debug_ast(ast_path);
  return 0;
}
