// The commands behind each subcommand; main.cpp only parses arguments.
#pragma once
#include <string>

namespace aegis::cli {

// Reads a whole file; false (and a message on stderr) when it cannot be read.
bool read_file(const std::string& path, std::string& bytes);

// aegis debug ast FILE: CPython 3.12 ast.dump(include_attributes=True) text.
int debug_ast(const std::string& path);
// aegis debug tokens FILE: the token stream the parser sees, one token a line.
int debug_tokens(const std::string& path);

}  // namespace aegis::cli
