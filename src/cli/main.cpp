// aegis: the command-line entry point. Thin: parses arguments, calls the commands.
#include <CLI/CLI.hpp>

#include <iostream>

#include "cli/commands.h"

int main(int argc, char** argv) {
  CLI::App app{"Aegis: security review for Python web services"};
  app.set_version_flag("--version", std::string("aegis ") + AEGIS_VERSION);
  app.require_subcommand(1);

  auto* debug = app.add_subcommand("debug", "Inspect what Aegis sees");
  debug->require_subcommand(1);
  std::string path;
  std::string python_version = "3.14";
  auto* ast = debug->add_subcommand("ast", "Print a file's syntax tree as CPython 3.12's ast.dump(include_attributes=True)");
  ast->add_option("FILE", path, "Python source file")->required();
  ast->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  auto* tokens = debug->add_subcommand("tokens", "Print the tokens the parser sees");
  tokens->add_option("FILE", path, "Python source file")->required();
  tokens->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  aegis::cli::DebugParseOptions parse_options;
  auto* parse = debug->add_subcommand("parse", "Parse files and directories, print counts and throughput");
  parse->add_option("PATH", parse_options.paths, "Files or directories")->required();
  parse->add_option("-j,--jobs", parse_options.jobs, "Threads (0: all cores)");
  parse->add_option("--python-version", python_version, "Grammar to accept, 3.8 to 3.14")->capture_default_str();
  parse->add_flag("--list-failures", parse_options.list_failures, "Print each rejected file with its error");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? 0 : 2;
  }
  int minor = aegis::cli::parse_python_version(python_version);
  if (minor < 0) {
    std::cerr << "aegis: error: unsupported --python-version '" << python_version << "' (3.8 to 3.14)\n";
    return 2;
  }
  if (*ast) return aegis::cli::debug_ast(path, minor);
  if (*tokens) return aegis::cli::debug_tokens(path, minor);
  if (*parse) {
    parse_options.feature_minor = minor;
    return aegis::cli::debug_parse(parse_options);
  }
  return 0;
}
