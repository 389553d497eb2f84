// aegis: the command-line entry point. Thin: parses arguments, calls the commands.
#include <CLI/CLI.hpp>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Aegis: security review for Python web services"};
  app.set_version_flag("--version", std::string("aegis ") + AEGIS_VERSION);
  app.require_subcommand(1);

  auto* debug = app.add_subcommand("debug", "Inspect what Aegis sees");
  debug->require_subcommand(1);
  std::string path;
  auto* ast = debug->add_subcommand("ast", "Print a file's syntax tree as CPython 3.12's ast.dump(include_attributes=True)");
  ast->add_option("FILE", path, "Python source file")->required();
  auto* tokens = debug->add_subcommand("tokens", "Print the tokens the parser sees");
  tokens->add_option("FILE", path, "Python source file")->required();

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  if (*ast) return aegis::cli::debug_ast(path);
  if (*tokens) return aegis::cli::debug_tokens(path);
  return 0;
}
